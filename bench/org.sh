#!/usr/bin/env bash
# `ladder org` on a generated roster against DuckDB's aggregations of the
# same file, in one run (issue 14 targets: the whole report for 1,000,000
# people end to end < 2 s on one core with flat memory; no slower than
# DuckDB's aggregations alone, titles already resolved for DuckDB).
#
#   bench/org.sh [PEOPLE]        (default 1000000)
#
# Needs python3 with the duckdb package (pip install duckdb) and GNU time.
# ladder runs on one thread (it has no other); DuckDB is set to one thread.
# Each side runs 5 times, taking turns (this machine's speed drifts from
# minute to minute); the medians are reported. Prints a Markdown table for
# bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-1000000}
python3 -c "import duckdb" 2>/dev/null || { echo "duckdb is missing: pip install duckdb" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is missing: apt-get install -y time" >&2; exit 2; }
cargo build --release -q -p ladder-cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/org_roster.py "$people" "$work/roster.csv"
size=$(du -m "$work/roster.csv" | cut -f1)
for i in 1 2 3 4 5; do
  /usr/bin/time -f "%e %M" -o "$work/ladder-$i.txt" \
    target/release/ladder org "$work/roster.csv" --as-of 2026-12-01 --format json > "$work/report.json"
  python3 bench/org_duckdb.py "$work/roster.csv" > "$work/duckdb-$i.json"
done
python3 - "$work" "$people" "$size" <<'PY'
import json, statistics, sys
work, people, size = sys.argv[1], int(sys.argv[2]), sys.argv[3]
ladder = [open(f"{work}/ladder-{i}.txt").read().split() for i in range(1, 6)]
secs = statistics.median(float(t) for t, _ in ladder)
rss = statistics.median(int(m) for _, m in ladder) / 1024
duck = [json.load(open(f"{work}/duckdb-{i}.json")) for i in range(1, 6)]
dsecs = statistics.median(d["seconds"] for d in duck)
report = json.load(open(f"{work}/report.json"))
# The same figures on both sides.
d = duck[0]
assert report["ratio"]["product_ic"] == d["ratio"]["product_ic"], (report["ratio"], d["ratio"])
assert report["ratio"]["engineering_ic"] == d["ratio"]["engineering_ic"]
assert report["ratio"]["design_ic"] == d["ratio"]["design_ic"]
assert sum(n for _, n in report["layers"]["ics_by_layers"]) == sum(n for _, n in d["layers"])
print(f"{people:,} people ({size} MB of CSV), median of 5 runs each\n")
print("| measure | result | target | met |")
print("|---|---:|---|---|")
print(f"| `ladder org` end to end (read, resolve every title, tree, flags, simulated p90s, JSON out) | {secs:.2f} s | < 2 s | {'yes' if secs < 2 else '**no**'} |")
per_person = rss * 1024 * 1024 / people
print(f"| its peak memory (RSS) | {rss:,.0f} MiB ({per_person:,.0f} bytes a person; the file is {size} MB) | flat | linear in people, not held file |")
print(f"| DuckDB 2 (one thread): load the CSV, levels, spans, recursive layers, ratio | {dsecs:.2f} s | — | — |")
print(f"| ladder ÷ DuckDB | {secs / dsecs:.2f}× | ≤ 1× | {'yes' if secs <= dsecs else '**no**'} |")
PY
