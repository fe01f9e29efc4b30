#!/usr/bin/env bash
# The manager's views of a large org over HTTP (issue 11 targets), on SQLite
# and, when LADDER_BENCH_POSTGRES_URL names an empty database, on PostgreSQL
# too, in one run:
#
#   - the VP's first page of GET /api/v1/reports and of /team, under wrk:
#     p50 < 20 ms and p99 < 50 ms (and, held to the same bar, page 50: the
#     first page is the VP's managers, page 50 people with two assessments);
#   - the whole org through the pages (every page of /api/v1/reports?limit=1000
#     one after another): < 2 s;
#   - GET /api/v1/calibration: < 200 ms;
#   - the heatmap CSV of everyone (/team/heatmap.csv): < 1 s.
#
#   bench/team.sh [PEOPLE] [SECONDS] [CONNECTIONS]     (defaults: 10000, 20, 8)
#
# The org is `ladder demo --people PEOPLE`: a VP, managers of 99 people each,
# everyone with a submitted self and manager assessment. Needs wrk and curl.
# Single timings are the median of 5 tries. Prints a Markdown table for
# bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-10000}
secs=${2:-20}
conns=${3:-8}
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y wrk curl python3" >&2; exit 2; }
done
cargo build --release -q -p ladder-cli
bin=target/release/ladder
work=$(mktemp -d)
port=${LADDER_BENCH_PORT:-18090}
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
export LADDER_PASSWORD="bench password 1"

median_of_5() { # url [auth header]
  for _ in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' -H "$2" "$1"
  done | sort -n | sed -n 3p
}

measure() { # name db-url
  local name=$1 db=$2
  local t0 t1
  t0=$(date +%s.%N)
  "$bin" demo --people "$people" --db "$db" > "$work/$name-demo.txt"
  t1=$(date +%s.%N)
  echo "$name: demo of $people people built in $(python3 -c "print(f'{$t1-$t0:.1f}')") s" >&2
  local token
  token=$("$bin" user token --email vp@demo.example --name bench --db "$db")
  LADDER_LOG="warn,ladder=info" "$bin" serve --addr "127.0.0.1:$port" --db "$db" > "$work/$name-serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
  local auth="Authorization: Bearer $token"
  # The server scores everyone's latest assessments in the background at
  # start; wait for it, note how long it took, then time the first
  # calibration (nothing kept yet: find the latest, arithmetic).
  for _ in $(seq 300); do grep -q "latest assessments scored" "$work/$name-serve.log" && break; sleep 0.1; done
  grep -o 'ms=[0-9]*' "$work/$name-serve.log" | head -1 | cut -d= -f2 > "$work/$name-warmup.txt"
  curl -s -o /dev/null -w '%{time_total}\n' -H "$auth" "http://127.0.0.1:$port/api/v1/calibration" > "$work/$name-calibration-first.txt"
  local base="http://127.0.0.1:$port"
  for target in "api:/api/v1/reports?limit=100" "page:/team" "deep:/api/v1/reports?limit=100&page=50"; do
    local kind=${target%%:*} path=${target#*:}
    wrk -t2 -c"$conns" -d3s -H "$auth" "$base$path" > /dev/null
    wrk -t2 -c"$conns" -d"${secs}s" --latency -H "$auth" "$base$path" > "$work/$name-$kind.txt"
  done
  # The whole org, a page of 1,000 at a time, one after another.
  local pages=$(( (people + 999) / 1000 ))
  t0=$(date +%s.%N)
  for p in $(seq "$pages"); do
    curl -sf -o /dev/null -H "$auth" "$base/api/v1/reports?page=$p&limit=1000"
  done
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1-$t0:.3f}')" > "$work/$name-whole.txt"
  median_of_5 "$base/api/v1/calibration" "$auth" > "$work/$name-calibration.txt"
  median_of_5 "$base/team/heatmap.csv" "$auth" > "$work/$name-csv.txt"
  curl -sf -H "$auth" "$base/team/heatmap.csv" | wc -l > "$work/$name-csv-lines.txt"
  kill "$server"; wait "$server" 2>/dev/null || true; server=
}

measure sqlite "sqlite://$work/bench.db"
stores=(sqlite)
if [ -n "${LADDER_BENCH_POSTGRES_URL:-}" ]; then
  measure postgres "$LADDER_BENCH_POSTGRES_URL"
  stores+=(postgres)
fi

python3 - "$work" "$secs" "$conns" "$people" "${stores[@]}" <<'PY'
import re, sys
work, secs, conns, people, stores = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
def wrk(name):
    t = open(f"{work}/{name}.txt").read()
    def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    p50 = ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)", t).groups())
    p99 = ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", t).groups())
    errs = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    errs += int(non2xx.group(1)) if non2xx else 0
    return rps, p50, p99, errs
def secs_of(name): return float(open(f"{work}/{name}.txt").read().strip())
print(f"{people:,} people below one VP; wrk -t2 -c{conns}, {secs} s per target after 3 s of warm-up; single timings the median of 5\n")
print("| store | measure | result | target | met |")
print("|---|---|---:|---|---|")
ok = True
for s in stores:
    for kind, label in [("api", "`GET /api/v1/reports?limit=100`, first page (the VP's 100 managers)"),
                        ("page", "`/team`, first page"),
                        ("deep", "`GET /api/v1/reports?limit=100&page=50` (100 people with 2 assessments each)")]:
        rps, p50, p99, errs = wrk(f"{s}-{kind}")
        met = p50 < 20 and p99 < 50 and errs == 0
        if kind != "deep":  # page 50 is held to the bar by us, not by the issue
            ok &= met
        print(f"| {s} | {label} | p50 {p50:.1f} ms, p99 {p99:.1f} ms, {rps:,.0f} req/s, {errs} errors | p50 < 20 ms, p99 < 50 ms | {'yes' if met else '**no**'} |")
    warm = open(f"{work}/{s}-warmup.txt").read().strip()
    print(f"| {s} | scoring everyone's latest assessments at start (in the background) | {int(warm):,} ms | — | — |" if warm else f"| {s} | scoring at start | not logged | — | — |")
    for name, label, target in [("whole", "the whole org through `/api/v1/reports` (pages of 1,000)", 2.0),
                                ("calibration-first", "`GET /api/v1/calibration`, first after start", 0.2),
                                ("calibration", "`GET /api/v1/calibration`, median of the next 5", 0.2),
                                ("csv", "heatmap CSV of everyone", 1.0)]:
        v = secs_of(f"{s}-{name}")
        met = v < target
        ok &= met
        shown = f"{v*1000:.0f} ms" if v < 10 else f"{v:.1f} s"
        tshown = f"< {target*1000:.0f} ms" if target < 1 else f"< {target:g} s"
        print(f"| {s} | {label} | {shown} | {tshown} | {'yes' if met else '**no**'} |")
    lines = int(open(f"{work}/{s}-csv-lines.txt").read())
    assert lines == people + 1, f"{s}: the CSV has {lines} lines for {people} people"
print(f"\nthe issue's targets: {'MET' if ok else 'MISSED'} (page 50 is our own bar, reported above, not counted)")
sys.exit(0 if ok else 1)
PY
