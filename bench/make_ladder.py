"""Writes the large company ladder of issue 10's benchmarks, as TOML: the same
file crates/ladder-core/benches/common/mod.rs builds (500 roles in ten-step
families, a 1-5 scale, 30 competencies expecting a level of every role, 5
criteria per cell). Edition 1 changes one expectation in seven and one
criterion in eleven.

Usage: python3 bench/make_ladder.py EDITION > ladder.toml
"""
import sys

ROLES, COMPETENCIES, LEVELS, CRITERIA = 500, 30, 5, 5


def ladder(edition):
    out = [f'[ladder]\nname = "Bench"\nversion = "{edition}"\n\n']
    for i in range(ROLES):
        out.append(
            f'[[roles]]\nid = "r{i}"\ntitle = "Role {i}"\ncode = "L{i % 10}"\n'
            'tier = "mid"\ntrack = "ic"\n\n'
        )
    for i in range(ROLES):
        if i % 10 != 9:
            out.append(f'[[transitions]]\nfrom = "r{i}"\nto = "r{i + 1}"\nkind = "promotion"\n\n')
    for level in range(1, LEVELS + 1):
        out.append(f'[[competencies.scale]]\nlevel = {level}\nname = "Level {level}"\n\n')
    n = 0
    for c in range(COMPETENCIES):
        out.append(f'[[competencies.items]]\nid = "c{c}"\nname = "Competency {c}"\n')
        out.append("examples = [\n")
        for level in range(1, LEVELS + 1):
            for k in range(CRITERIA):
                n += 1
                changed = " (revised)" if edition == 1 and n % 11 == 0 else ""
                out.append(
                    f'  {{ level = {level}, text = "Criterion {k} of competency {c} at level {level}{changed}." }},\n'
                )
        out.append("]\n[competencies.items.expectations]\n")
        for i in range(ROLES):
            base = (i % 10) // 2 + 1
            level = (base % LEVELS) + 1 if edition == 1 and (i + c) % 7 == 0 else base
            out.append(f"r{i} = {level}\n")
        out.append("\n")
    return "".join(out)


sys.stdout.write(ladder(int(sys.argv[1])))
