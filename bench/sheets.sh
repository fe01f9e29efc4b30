#!/usr/bin/env bash
# Company-ladder benchmarks (issue 10), all in one run on the same input: two
# editions of a 500-role ladder (30 competencies, 5 criteria per cell,
# 15,000 expectations; bench/make_ladder.py).
#   * `ladder diff OLD NEW` against GNU `diff -u` of the same two files (the
#     peer: what a reviewer reads today) — target < 100 ms;
#   * `ladder import big.xlsx` against openpyxl (PyPI) loading the same
#     workbook and reading every cell, nothing more — target < 500 ms.
# Usage: bench/sheets.sh [RUNS]  (needs hyperfine and python3 with venv)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install -y hyperfine" >&2; exit 2; }
work=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$work"
cargo build --release -q -p ladder-cli
bin=$PWD/target/release/ladder

python3 bench/make_ladder.py 0 > "$work/old.toml"
python3 bench/make_ladder.py 1 > "$work/new.toml"
"$bin" export --ladder "$work/old.toml" --out "$work/old.xlsx" 2>/dev/null
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install -q openpyxl
fi
cat > "$work/peer.py" <<'PY'
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True)
cells = sum(1 for ws in book.worksheets for row in ws.iter_rows(values_only=True) for _ in row)
print(cells)
PY
# The diff must see the changes it is timed on.
"$bin" diff "$work/old.toml" "$work/new.toml" --exit-code >/dev/null && { echo "ladder diff saw no change" >&2; exit 1; } || true

hyperfine -N -i -w 3 -r "$runs" --export-markdown "$work/diff.md" \
  -n "ladder diff" "$bin diff $work/old.toml $work/new.toml" \
  -n "diff -u (GNU)" "diff -u $work/old.toml $work/new.toml"
hyperfine -N -w 2 -r "$runs" --export-markdown "$work/import.md" \
  -n "ladder import (xlsx)" "$bin import $work/old.xlsx --out $work/back.toml" \
  -n "openpyxl load (python)" "$work/venv/bin/python $work/peer.py $work/old.xlsx"
"$bin" diff "$work/old.toml" "$work/back.toml" --exit-code
cat "$work/diff.md" "$work/import.md"
echo "xlsx size: $(stat -c %s "$work/old.xlsx") bytes; files in $work"
