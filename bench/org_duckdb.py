#!/usr/bin/env python3
"""The aggregations of `ladder org` in DuckDB, on the same roster file, with
titles already resolved (the generator's `level` column): people per level,
spans of control (direct reports per manager), layers below the top product
leader by a recursive walk of the manager tree, and the PM:engineer ratio.
Prints the wall time of load + queries, then the figures (for checking them
against ladder's JSON). Used by bench/org.sh.

    bench/org_duckdb.py ROSTER.csv
"""
import json
import sys
import time

import duckdb

path = sys.argv[1]
con = duckdb.connect()
con.execute("SET threads = 1")  # the same one core ladder uses
t0 = time.perf_counter()
con.execute(f"CREATE TABLE r AS SELECT * FROM read_csv('{path}', header = true, all_varchar = true)")
levels = con.execute("SELECT level, count(*) FROM r GROUP BY level ORDER BY level").fetchall()
spans = con.execute(
    """SELECT m.level, count(*) AS managers, median(c.n), min(c.n), max(c.n)
       FROM (SELECT manager_email, count(*) AS n FROM r WHERE manager_email IS NOT NULL GROUP BY manager_email) c
       JOIN r m ON m.email = c.manager_email GROUP BY m.level ORDER BY m.level"""
).fetchall()
layers = con.execute(
    """WITH RECURSIVE walk(email, depth) AS (
           SELECT email, 0 FROM r WHERE level = 'cpo'
           UNION ALL
           SELECT r.email, walk.depth + 1 FROM r JOIN walk ON r.manager_email = walk.email
       )
       SELECT w.depth, count(*) FROM walk w JOIN r ON r.email = w.email
       WHERE r.level IN ('pm', 'senior-pm') GROUP BY w.depth ORDER BY w.depth"""
).fetchall()
ratio = con.execute(
    """SELECT count(*) FILTER (WHERE level IN ('pm', 'senior-pm')),
              count(*) FILTER (WHERE level = 'eng-ic'),
              count(*) FILTER (WHERE level = 'design-ic') FROM r"""
).fetchone()
seconds = time.perf_counter() - t0
print(json.dumps({
    "seconds": seconds,
    "levels": levels,
    "spans": spans,
    "layers": layers,
    "ratio": {"product_ic": ratio[0], "engineering_ic": ratio[1], "design_ic": ratio[2]},
}, default=float))
