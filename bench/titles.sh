#!/usr/bin/env bash
# Title resolution benchmark (issue #3), all in one run on the same input:
#   * `ladder titles` on 1,000,000 titles, file in, JSON Lines out, with 1 and 2
#     resolving threads (hyperfine);
#   * peak memory (max RSS) at 1M and at 10M titles: it must stay flat;
#   * the peer: humanmint's normalize_title (PyPI) on the same 1M titles, also
#     file in, JSON Lines out, and the ratio.
# Usage: bench/titles.sh [RUNS]  (needs hyperfine and python3 with venv)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 2; }
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
cargo build --release -q -p ladder-cli
bin=$PWD/target/release/ladder

[ -s "$work/titles-1m.txt" ] || python3 bench/make_titles.py 1000000 > "$work/titles-1m.txt"
[ -s "$work/titles-10m.txt" ] || python3 bench/make_titles.py 10000000 > "$work/titles-10m.txt"
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q humanmint
fi
cat > "$work/peer.py" <<'PY'
import json, sys
from humanmint.titles import normalize_title
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w", encoding="utf-8") as out:
    for line in f:
        t = line.rstrip("\n")
        out.write(json.dumps({"title": t, "normalized": normalize_title(t)}) + "\n")
PY

echo "== ladder titles, 1M titles, file in, JSON Lines out" >&2
hyperfine --warmup 2 --runs "$runs" --export-json "$work/ladder.json" \
  -n "ladder --threads 1" "$bin titles $work/titles-1m.txt --threads 1 -q > $work/out.jsonl" \
  -n "ladder --threads 2" "$bin titles $work/titles-1m.txt --threads 2 -q > $work/out.jsonl" >&2

echo "== humanmint normalize_title, same 1M titles" >&2
hyperfine --runs 1 --export-json "$work/peer.json" \
  -n "humanmint normalize_title" "$work/venv/bin/python $work/peer.py $work/titles-1m.txt $work/peer.jsonl" >&2

rss() { /usr/bin/time -f "%M" "$bin" titles "$1" --threads "$2" -q 2>&1 >/dev/null | tail -n 1; }
rss1=$(rss "$work/titles-1m.txt" 1); rss10=$(rss "$work/titles-10m.txt" 1)
rss1t2=$(rss "$work/titles-1m.txt" 2); rss10t2=$(rss "$work/titles-10m.txt" 2)

python3 - "$work" "$rss1" "$rss10" "$rss1t2" "$rss10t2" <<'PY'
import json, sys
work, rss1, rss10, rss1t2, rss10t2 = sys.argv[1], *map(int, sys.argv[2:])
ours = {r["command"]: r for r in json.load(open(f"{work}/ladder.json"))["results"]}
peer = json.load(open(f"{work}/peer.json"))["results"][0]
n = 1_000_000
print("| command | mean s | min s | titles/s (mean) | user s | system s |")
print("|---|---|---|---|---|---|")
for name, r in list(ours.items()) + [("humanmint normalize_title", peer)]:
    print(f"| {name} | {r['mean']:.3f} | {r['min']:.3f} | {n / r['mean']:,.0f} | {r['user']:.3f} | {r['system']:.3f} |")
t1 = ours["ladder --threads 1"]["mean"]
print()
print(f"ratio, humanmint / ladder --threads 1: {peer['mean'] / t1:.0f}x")
print(f"ratio, humanmint / ladder --threads 2: {peer['mean'] / ours['ladder --threads 2']['mean']:.0f}x")
print()
print("| input | peak RSS, --threads 1 | peak RSS, --threads 2 |")
print("|---|---|---|")
print(f"| 1,000,000 titles | {rss1 / 1024:.1f} MiB | {rss1t2 / 1024:.1f} MiB |")
print(f"| 10,000,000 titles | {rss10 / 1024:.1f} MiB | {rss10t2 / 1024:.1f} MiB |")
PY
