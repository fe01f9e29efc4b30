#!/usr/bin/env bash
# Sign-in under attack (issue 15): 200 simultaneous sign-in attempts on one
# account from one address, against `ladder serve` on SQLite, and the
# server's memory before, at the end of the burst, and 5 s after; then the
# pathological route question (a 30-role lateral clique) and its time.
#
#   bench/signin.sh [BINARY]      (default target/release/ladder, built here)
#
# Give an older build as BINARY to compare (e.g. one built from an earlier
# commit); both runs print the same Markdown table for bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-}
if [ -z "$bin" ]; then
  cargo build --release -q -p ladder-cli
  bin=target/release/ladder
fi
command -v curl >/dev/null || { echo "curl is missing: apt-get install -y curl" >&2; exit 2; }
work=$(mktemp -d)
port=${LADDER_BENCH_PORT:-18090}
url="http://127.0.0.1:$port"
cleanup() { [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
db="sqlite://$work/bench.db"
LADDER_PASSWORD="correct horse battery" "$bin" user add --admin --email ada@example.com --db "$db" >/dev/null
token=$("$bin" user token --email ada@example.com --name bench --db "$db")
"$bin" serve --addr "127.0.0.1:$port" --db "$db" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -sf "$url/healthz" >/dev/null && break; sleep 0.1; done
rss() { awk '/^VmRSS/ { printf "%.1f", $2 / 1024 }' "/proc/$server/status"; }
csrf=$(printf '%064d' 7 | tr 0 a)
before=$(rss)
t0=$(date +%s.%N)
for i in $(seq 200); do
  curl -s -o /dev/null -w '%{http_code}\n' --max-time 120 \
    -H "Cookie: ladder_csrf=$csrf" \
    --data "email=ada%40example.com&password=wrong+password+$i&csrf=$csrf" \
    "$url/login" >> "$work/codes" &
done
peak=$before
while [ "$(jobs -rp | grep -vc "^$server$")" -gt 0 ]; do
  now=$(rss); peak=$(awk -v a="$peak" -v b="$now" 'BEGIN { print (b > a) ? b : a }')
  sleep 0.05
done
wait_all() { for p in $(jobs -rp); do [ "$p" = "$server" ] || wait "$p"; done; }
wait_all
t1=$(date +%s.%N)
end=$(rss)
sleep 5
after=$(rss)
checked=$(grep -c '^401$' "$work/codes" || true)
waited=$(grep -c '^429$' "$work/codes" || true)
other=$((200 - checked - waited))
ok=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: ladder_csrf=$csrf" \
  --data "email=ada%40example.com&password=correct+horse+battery&csrf=$csrf" \
  -H "X-Forwarded-For: 192.0.2.1" "$url/login")
# The clique: upload it and time one route question.
curl -sf -o /dev/null -H "Authorization: Bearer $token" -H "Content-Type: text/plain" \
  --data-binary @crates/ladder-cli/tests/fixtures/lateral-clique.toml "$url/api/v1/ladders" || echo "(upload refused)"
path_time=$(curl -s -o /dev/null -w '%{time_total}' --max-time 30 "$url/api/v1/path?from=pm&to=k1") \
  || path_time="$path_time (no answer: timed out)"
echo
echo "| what | figure |"
echo "|---|---|"
printf '| 200 simultaneous wrong passwords, one account and address | %.2f s for all answers |\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
echo "| answered 401 (password checked) / 429 (told to wait) / other | $checked / $waited / $other |"
echo "| RSS before / peak during / at the end / 5 s after | $before / $peak / $end / $after MiB |"
echo "| the owner's right password afterwards (same address) | HTTP $ok |"
echo "| GET /api/v1/path?from=pm&to=k1 on the 30-role lateral clique | ${path_time} s |"
