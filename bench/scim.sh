#!/usr/bin/env bash
# SCIM lookups at 50,000 people (issue 13 target: GET /Users?filter=userName
# eq "…" p99 < 5 ms): the roster of bench/org_roster.py is imported, then wrk
# asks for a different person each request, with a SCIM token. Beside it, in
# the same run and on the same server, GET /healthz: the floor of an HTTP
# answer from this server on this machine.
#
#   bench/scim.sh [PEOPLE] [SECONDS] [CONNECTIONS]    (defaults: 50000, 20, 16)
#
# Needs wrk and curl. Prints a Markdown table for bench/README.md and exits 1
# if the target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-50000}
secs=${2:-20}
conns=${3:-16}
for tool in wrk curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y wrk curl" >&2; exit 2; }
done
cargo build --release -q -p ladder-cli
work=$(mktemp -d)
port=${LADDER_BENCH_PORT:-18090}
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
db="sqlite://$work/scim.db"
python3 bench/org_roster.py "$people" "$work/roster.csv"
target/release/ladder user import "$work/roster.csv" --apply --db "$db" | head -1
token=$(target/release/ladder user scim-token --name bench --db "$db" 2>/dev/null)
target/release/ladder serve --addr "127.0.0.1:$port" --db "$db" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -sf -H "Authorization: Bearer $token" \
  "http://127.0.0.1:$port/scim/v2/Users?filter=userName%20eq%20%22p42%40co.example%22" | grep -q '"totalResults":1' \
  || { echo "the lookup does not find p42" >&2; exit 1; }
cat > "$work/lookup.lua" <<LUA
local n = 0
request = function()
  n = (n * 7919 + 13) % $people
  local path = "/scim/v2/Users?filter=userName%20eq%20%22p" .. n .. "%40co.example%22"
  return wrk.format("GET", path, {["Authorization"] = "Bearer $token"})
end
LUA
run() { wrk -t2 -c"$conns" -d"${secs}s" --latency "$@"; }
run -d3s -s "$work/lookup.lua" "http://127.0.0.1:$port" >/dev/null
run -s "$work/lookup.lua" "http://127.0.0.1:$port" > "$work/lookup.txt"
run "http://127.0.0.1:$port/healthz" > "$work/health.txt"
python3 - "$work" "$people" "$conns" <<'PY'
import re, sys
work, people, conns = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def read(name):
    t = open(f"{work}/{name}.txt").read()
    ms = lambda v, u: float(v) * {"us": 0.001, "ms": 1, "s": 1000}[u]
    lat = {p: ms(*re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", t).groups()) for p in ("50", "99")}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    return lat, rps, int(errors.group(1)) if errors else 0
look, health = read("lookup"), read("health")
print(f"\n| {people:,} people, {conns} connections | p50 | p99 | requests/s | non-2xx |")
print("|---|---:|---:|---:|---:|")
print(f"| GET /scim/v2/Users?filter=userName eq \"…\" | {look[0]['50']:.2f} ms | {look[0]['99']:.2f} ms | {look[1]:,.0f} | {look[2]} |")
print(f"| GET /healthz (the floor) | {health[0]['50']:.2f} ms | {health[0]['99']:.2f} ms | {health[1]:,.0f} | {health[2]} |")
print(f"\nlookup p99 ÷ floor p99: {look[0]['99'] / health[0]['99']:.1f}×")
sys.exit(0 if look[0]["99"] < 5 and look[2] == 0 else 1)
PY
