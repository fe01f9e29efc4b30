#!/usr/bin/env bash
# Property-based testing of the JSON API from its own OpenAPI document:
# schemathesis generates requests for every operation (as an admin, with an
# API token) and fails on any 5xx answer. Needs target/debug/ladder (or
# LADDER_BIN) and Python 3; installs schemathesis into target/schemathesis.
#
#   tests/api/schemathesis.sh [EXAMPLES]      (default 30 per operation)
set -euo pipefail
cd "$(dirname "$0")/../.."
examples=${1:-30}
bin=${LADDER_BIN:-target/debug/ladder}
venv=target/schemathesis
if [ ! -x "$venv/bin/schemathesis" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "schemathesis==4.32.5"
fi
work=$(mktemp -d)
db="sqlite://$work/api.db"
LADDER_PASSWORD="correct horse battery" "$bin" user add --admin --email api@example.com --db "$db" >/dev/null
token=$("$bin" user token --email api@example.com --name schemathesis --db "$db")
"$bin" serve --addr 127.0.0.1:0 --db "$db" > "$work/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q "serving" "$work/serve.out" && break; sleep 0.1; done
url=$(sed -n 's/^ladder: serving //p' "$work/serve.out")
"$venv/bin/schemathesis" run "$url/api/v1/openapi.json" --url "$url/api/v1" \
  -H "Authorization: Bearer $token" --checks not_a_server_error \
  --max-examples "$examples" --seed 1 --no-color 2>&1 | tail -n 25
