#!/usr/bin/env python3
"""Writes a roster of N people shaped like a large company (bench/org.sh).

One CEO; a CPO over product orgs (a VP, 5 directors, 2 group PMs each, 4 PMs
and a senior PM each); a CTO over engineering managers with 35 engineers each;
designers; the rest in other functions. Titles vary in spelling as real
exports do. A `level` column carries each title's role as the ladder resolves
it, for the DuckDB side of the comparison ("titles already resolved"); `ladder
org` ignores it.

    bench/org_roster.py N OUT.csv
"""
import random
import sys

n, out = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(1)
rows = []  # (title, level, manager index or None, start, team)
squads = []  # one team per IC PM; engineers and designers join them


def add(title, level, manager, team=""):
    year = 2010 + rnd.randrange(16)
    rows.append((title, level, manager, f"{year}-{rnd.randrange(1, 13):02d}-{rnd.randrange(1, 29):02d}", team))
    return len(rows) - 1


def squad(i):
    return squads[i % len(squads)] if squads else ""


ceo = add("CEO", "ceo", None)
cpo = add("Chief Product Officer", "cpo", ceo)
cto = add("CTO", "eng-lead", ceo)
design_head = add("Head of Design", "design-lead", ceo)
pm_titles = [("Product Manager", "pm"), ("Product Manager II", "pm"), ("PM", "pm"), ("Sr. Product Manager", "senior-pm")]
eng_titles = ["Software Engineer", "Senior Software Engineer", "Backend Engineer", "Frontend Developer", "Staff Engineer"]
other_titles = ["Account Executive", "Customer Success Manager", "Recruiter", "Financial Analyst", "Support Specialist"]
# Product is about 7% of the company, engineering 45%, design 4%.
while len(rows) < n * 0.07:
    vp = add("VP of Product", "vp", cpo)
    for _ in range(5):
        d = add("Director of Product", "director", vp)
        for _ in range(2):
            g = add("Group Product Manager", "group-pm", d)
            for _ in range(4):
                t, lv = rnd.choice(pm_titles)
                squads.append(f"Squad {len(squads) + 1}")
                add(t, lv, g, squads[-1])
            squads.append(f"Squad {len(squads) + 1}")
            add("Senior Product Manager", "senior-pm", g, squads[-1])
while len(rows) < n * 0.52:
    em = add("Engineering Manager", "eng-lead", cto)
    for _ in range(35):
        # Seven engineers to a squad.
        add(rnd.choice(eng_titles), "eng-ic", em, squad((len(rows) - 1) // 7))
while len(rows) < n * 0.56:
    add(rnd.choice(["Product Designer", "UX Designer", "Senior Product Designer"]), "design-ic", design_head, squad(len(rows)))
while len(rows) < n:
    add(rnd.choice(other_titles), "other", ceo)
rows = rows[:n]
with open(out, "w", encoding="utf-8") as f:
    f.write("employee_id,name,email,title,manager_email,start_date,team,level\n")
    for i, (title, level, m, start, team) in enumerate(rows):
        manager = f"p{m}@co.example" if m is not None and m < n else ""
        f.write(f"{i},Person {i},p{i}@co.example,{title},{manager},{start},{team},{level}\n")
