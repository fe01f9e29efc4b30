#!/usr/bin/env bash
# SCIM 2.0 conformance of `ladder serve` (issue 13): scim2-tester from PyPI
# runs every check it has (discovery; create, read, replace, delete; PATCH
# add, replace and remove on every attribute the server declares;
# attributes/excludedAttributes; unknown URLs) against a fresh server with
# a SCIM token, and fails on any ERROR or CRITICAL result. Needs
# target/debug/ladder (or LADDER_BIN) and Python 3; installs scim2-tester
# into target/scim-venv.
#
#   tests/scim/conformance.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
bin=${LADDER_BIN:-target/debug/ladder}
venv=target/scim-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import scim2_tester, httpx2" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "scim2-tester[httpx2]==0.5.2"
fi
work=$(mktemp -d)
db="sqlite://$work/scim.db"
token=$("$bin" user scim-token --name conformance --db "$db" 2>/dev/null)
"$bin" serve --addr 127.0.0.1:0 --db "$db" > "$work/serve.out" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q "serving" "$work/serve.out" && break; sleep 0.1; done
url=$(sed -n 's/^ladder: serving //p' "$work/serve.out")
"$venv/bin/python" tests/scim/conformance.py "$url/scim/v2" "$token" | grep -v '^SUCCESS'
