#!/usr/bin/env bash
# Whole-program timing of `ladder roles` (issue #2 target: under 20 ms wall time),
# beside two baselines run in the same hyperfine session on the same input:
#   * cat        -- printing the same JSON from a file: the floor of any process;
#   * python     -- Python's tomllib reading the same ladder TOML and printing its
#                   roles as JSON (parsing only: no validation, no lint).
# Usage: bench/roles.sh [RUNS]   (needs hyperfine: apt-get install hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 2; }
cargo build --release -q -p ladder-cli
bin=target/release/ladder
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" export > "$work/ladder.toml"
"$bin" roles --format json > "$work/roles.json"
cat > "$work/peer.py" <<'PY'
import json, sys, tomllib
with open(sys.argv[1], "rb") as f:
    ladder = tomllib.load(f)
json.dump([{"id": r["id"], "title": r["title"], "tier": r["tier"], "track": r["track"]} for r in ladder["roles"]], sys.stdout, indent=2)
PY
hyperfine --warmup 20 --runs "$runs" -N --export-json "$work/result.json" \
  -n "ladder roles" "$bin roles" \
  -n "ladder roles --format json" "$bin roles --format json" \
  -n "ladder check (file)" "$bin check $work/ladder.toml" \
  -n "cat roles.json" "cat $work/roles.json" \
  -n "python tomllib" "python3 $work/peer.py $work/ladder.toml" >&2
python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
def ms(name, key="mean"): return r[name][key] * 1000
base = ms("ladder roles")
print(f"| command | mean ms | median ms | max ms | ratio to `ladder roles` |")
print(f"|---|---|---|---|---|")
for name in r:
    print(f"| {name} | {ms(name):.2f} | {ms(name,'median'):.2f} | {ms(name,'max'):.2f} | {ms(name)/base:.2f} |")
PY
