#!/usr/bin/env python3
"""Writes N real-looking job titles, one per line, deterministically (seeded).

Titles come from the hand-written labelled set (crates/ladder-core/tests/data/
titles.tsv), varied the way real exports vary: an added area, a company suffix,
case, punctuation, a level suffix. Usage: make_titles.py N > titles.txt
"""
import random
import sys
from pathlib import Path

n = int(sys.argv[1])
rng = random.Random(2026)
data = Path(__file__).resolve().parent.parent / "crates/ladder-core/tests/data/titles.tsv"
base = [l.split("\t")[0] for l in data.read_text(encoding="utf-8").splitlines()[1:] if l and not l.startswith("#")]
areas = ["Growth", "Payments", "Search", "Platform", "Checkout", "Identity", "Data", "Mobile", "Ads", "Marketplace",
         "AI/ML", "Trust & Safety", "Billing", "Onboarding", "Infrastructure", "Consumer", "Enterprise", "Risk"]
companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries", "Wayne Enterprises", "Vandelay"]
out = sys.stdout
write = out.write
for i in range(n):
    t = rng.choice(base)
    r = rng.random()
    if r < 0.25:
        t = f"{t}, {rng.choice(areas)}"
    elif r < 0.35:
        t = f"{t} - {rng.choice(areas)}"
    elif r < 0.42:
        t = f"{t} at {rng.choice(companies)}"
    elif r < 0.47:
        t = t.upper()
    elif r < 0.52:
        t = t.lower()
    elif r < 0.55:
        t = f"{t} ({rng.choice(areas)}, {rng.choice(['Remote', 'Hybrid', 'London', 'Berlin'])})"
    write(t + "\n")
