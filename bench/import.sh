#!/usr/bin/env bash
# `ladder user import --apply` of a generated 50,000-person roster (titles
# to resolve, a five-level manager tree, teams) into SQLite and PostgreSQL,
# and a re-import of the unchanged file, against the databases' own bulk
# loaders taking the same CSV into a table with the same unique email
# index (sqlite3's .import, psql's \copy): the floor of writing those rows
# at all. Issue 13 targets: SQLite < 10 s, PostgreSQL < 20 s, re-import
# < 3 s.
#
#   bench/import.sh [PEOPLE]        (default 50000)
#
# Needs sqlite3 and psql (apt-get install -y sqlite3 postgresql). Uses the
# server in LADDER_TEST_POSTGRES_URL, else starts a throwaway one with
# .ci/postgres (fsync off, as for the tests: both sides alike). Each case
# runs 3 times, taking turns with its peer; medians are reported as a
# Markdown table for bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
people=${1:-50000}
command -v sqlite3 >/dev/null || { echo "sqlite3 is missing: apt-get install -y sqlite3" >&2; exit 2; }
command -v psql >/dev/null || { echo "psql is missing: apt-get install -y postgresql" >&2; exit 2; }
cargo build --release -q -p ladder-cli
work=$(mktemp -d)
chmod 755 "$work"  # the postgres user runs the throwaway server inside it
started_pg=""
cleanup() {
  [ -n "$started_pg" ] && PGTEST_DIR="$work/pg" PGTEST_PORT=54339 .ci/postgres stop
  rm -rf "$work"
}
trap cleanup EXIT
if [ -n "${LADDER_TEST_POSTGRES_URL:-}" ]; then
  pg=$LADDER_TEST_POSTGRES_URL
else
  pg=$(PGTEST_DIR="$work/pg" PGTEST_PORT=54339 .ci/postgres start)
  started_pg=1
fi
pg_db() { echo "${pg%/*}/$1"; }
python3 bench/org_roster.py "$people" "$work/roster.csv"
ladder=target/release/ladder
now() { date +%s.%N; }
secs() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
peer_schema="CREATE TABLE people (employee_id TEXT, name TEXT, email TEXT NOT NULL, title TEXT,
  manager_email TEXT, start_date TEXT, team TEXT, level TEXT);
CREATE UNIQUE INDEX people_email ON people (email);"
: > "$work/times"
for i in 1 2 3; do
  # SQLite: a fresh database each time (its schema made on open).
  rm -f "$work/ladder.db"*
  t0=$(now); $ladder user import "$work/roster.csv" --apply --db "sqlite://$work/ladder.db" > "$work/out-sqlite.txt"; t1=$(now)
  $ladder user import "$work/roster.csv" --apply --db "sqlite://$work/ladder.db" > "$work/again-sqlite.txt"; t2=$(now)
  rm -f "$work/peer.db"
  t3=$(now)
  sqlite3 "$work/peer.db" "$peer_schema" ".import --csv --skip 1 $work/roster.csv people"
  t4=$(now)
  echo "sqlite $(secs "$t0" "$t1") $(secs "$t1" "$t2") $(secs "$t3" "$t4")" >> "$work/times"
  # PostgreSQL: a new database each time.
  psql -q "$pg" -c "DROP DATABASE IF EXISTS bench_import" -c "CREATE DATABASE bench_import" >/dev/null
  psql -q "$pg" -c "DROP DATABASE IF EXISTS bench_peer" -c "CREATE DATABASE bench_peer" >/dev/null
  url=$(pg_db bench_import)
  # The schema is made before timing, as a server's database would have it.
  $ladder user list --db "$url" > /dev/null
  t0=$(now); $ladder user import "$work/roster.csv" --apply --db "$url" > "$work/out-pg.txt"; t1=$(now)
  $ladder user import "$work/roster.csv" --apply --db "$url" > "$work/again-pg.txt"; t2=$(now)
  psql -q "$(pg_db bench_peer)" -c "$peer_schema" >/dev/null
  t3=$(now)
  psql -q "$(pg_db bench_peer)" -c "\\copy people FROM '$work/roster.csv' CSV HEADER" >/dev/null
  t4=$(now)
  echo "postgres $(secs "$t0" "$t1") $(secs "$t1" "$t2") $(secs "$t3" "$t4")" >> "$work/times"
done
grep -q "^Written in one transaction" "$work/out-sqlite.txt" || { cat "$work/out-sqlite.txt"; exit 1; }
grep -q "Nothing to change" "$work/again-pg.txt" || { cat "$work/again-pg.txt"; exit 1; }
head -1 "$work/out-sqlite.txt"
python3 - "$work/times" "$people" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
people = int(sys.argv[2])
print(f"\n| {people:,} people | ladder import | re-import (unchanged) | bulk load of the CSV | ladder ÷ bulk load |")
print("|---|---:|---:|---:|---:|")
for db, name, target in (("sqlite", "SQLite", "< 10 s"), ("postgres", "PostgreSQL", "< 20 s")):
    t = [[float(x) for x in r[1:]] for r in rows if r[0] == db]
    imp, again, peer = (statistics.median(c) for c in zip(*t))
    print(f"| {name} | {imp:.2f} s | {again:.2f} s | {peer:.2f} s | {imp / peer:.1f}× |")
PY
