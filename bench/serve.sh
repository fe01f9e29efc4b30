#!/usr/bin/env bash
# Load test of `ladder serve` (issue #5 target: a role page and GET /api/v1/roles
# at >= 20,000 requests/s with p99 < 5 ms on SQLite, 0 errors in 60 s), beside
# a static file server (nginx) serving the very same bytes, in one run.
#
#   bench/serve.sh [SECONDS] [CONNECTIONS]     (defaults: 60, 32)
#
# Needs wrk and nginx (apt-get install -y wrk nginx-light). wrk, the server
# and nginx share the machine, as they would on a 2-core box; each target
# gets a 3-second warm-up first. Prints a Markdown table for bench/README.md
# and exits 1 if a ladder target misses.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
conns=${2:-32}
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install -y wrk nginx-light curl" >&2; exit 2; }
done
cargo build --release -q -p ladder-cli
work=$(mktemp -d)
port=${LADDER_BENCH_PORT:-18080}
static_port=$((port + 1))
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

target/release/ladder serve --addr "127.0.0.1:$port" --db "sqlite://$work/bench.db" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done

# The same bytes, as files, for nginx.
mkdir -p "$work/www/roles" "$work/www/api/v1"
curl -sf "http://127.0.0.1:$port/roles/pm" > "$work/www/roles/pm.html"
curl -sf "http://127.0.0.1:$port/api/v1/roles" > "$work/www/api/v1/roles.json"
cat > "$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  sendfile on;
  tcp_nopush on;
  open_file_cache max=100;
  server {
    listen 127.0.0.1:$static_port;
    root $work/www;
  }
}
NGINX
chmod a+x "$work"; chmod -R a+rX "$work/www"   # nginx workers run as www-data
nginx -c "$work/nginx.conf" -e "$work/nginx-error.log"
curl -sf "http://127.0.0.1:$static_port/roles/pm.html" | cmp -s - "$work/www/roles/pm.html" || { echo "nginx does not serve the page" >&2; exit 2; }

run() { # name url
  wrk -t2 -c"$conns" -d3s "$2" >/dev/null
  wrk -t2 -c"$conns" -d"${secs}s" --latency "$2" > "$work/$1.txt"
}
run ladder-role "http://127.0.0.1:$port/roles/pm"
run ladder-api "http://127.0.0.1:$port/api/v1/roles"
run nginx-role "http://127.0.0.1:$static_port/roles/pm.html"
run nginx-api "http://127.0.0.1:$static_port/api/v1/roles.json"

python3 - "$work" "$secs" "$conns" <<'PY'
import re, sys
work, secs, conns = sys.argv[1], sys.argv[2], sys.argv[3]
def read(name):
    t = open(f"{work}/{name}.txt").read()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
    p50 = ms(*re.search(r"50%\s+([\d.]+)(us|ms|s)", t).groups())
    p99 = ms(*re.search(r"99%\s+([\d.]+)(us|ms|s)", t).groups())
    errs = sum(int(x) for x in re.findall(r"(?:connect|read|write|timeout) (\d+)", t))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    errs += int(non2xx.group(1)) if non2xx else 0
    total = int(re.search(r"(\d+) requests in", t).group(1))
    return rps, p50, p99, errs, total
rows = {n: read(n) for n in ["ladder-role", "ladder-api", "nginx-role", "nginx-api"]}
print(f"wrk -t2 -c{conns}, {secs} s per target after a 3 s warm-up\n")
print("| target | requests/s | p50 ms | p99 ms | errors | requests |")
print("|---|---:|---:|---:|---:|---:|")
for n, (rps, p50, p99, e, total) in rows.items():
    print(f"| {n} | {rps:,.0f} | {p50:.2f} | {p99:.2f} | {e} | {total:,} |")
print()
for what in ["role", "api"]:
    l, s = rows[f"ladder-{what}"], rows[f"nginx-{what}"]
    print(f"- {what}: ladder / nginx throughput = {l[0] / s[0]:.2f}; p99 {l[2]:.2f} ms vs {s[2]:.2f} ms")
ok = all(rows[n][0] >= 20000 and rows[n][2] < 5.0 and rows[n][3] == 0 for n in ["ladder-role", "ladder-api"])
print(f"\ntarget (>= 20,000 req/s, p99 < 5 ms, 0 errors) on both ladder targets: {'MET' if ok else 'MISSED'}")
sys.exit(0 if ok else 1)
PY
