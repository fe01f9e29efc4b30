//! The large company ladder the diff and spreadsheet benchmarks share:
//! issue 10's size, 500 roles with 30 competencies and 5 criteria per cell.

use std::fmt::Write;

const ROLES: usize = 500;
const COMPETENCIES: usize = 30;
const LEVELS: u8 = 5;
const CRITERIA: usize = 5;

/// A company ladder of the target's size: 500 roles in ten-step families of
/// promotions, a 1–5 scale, 30 competencies each expecting a level of every
/// role and 5 criteria per level. `edition` 1 changes one expectation in
/// seven and one criterion in eleven, as a yearly revision might.
pub fn ladder(edition: u32) -> String {
    let mut s = format!("[ladder]\nname = \"Bench\"\nversion = \"{edition}\"\n\n");
    for i in 0..ROLES {
        let _ = write!(
            s,
            "[[roles]]\nid = \"r{i}\"\ntitle = \"Role {i}\"\ncode = \"L{}\"\ntier = \"mid\"\ntrack = \"ic\"\n\n",
            i % 10
        );
    }
    for i in 0..ROLES {
        if i % 10 != 9 {
            let _ = write!(
                s,
                "[[transitions]]\nfrom = \"r{i}\"\nto = \"r{}\"\nkind = \"promotion\"\n\n",
                i + 1
            );
        }
    }
    for level in 1..=LEVELS {
        let _ = write!(
            s,
            "[[competencies.scale]]\nlevel = {level}\nname = \"Level {level}\"\n\n"
        );
    }
    let mut n = 0u32;
    for c in 0..COMPETENCIES {
        let _ = write!(
            s,
            "[[competencies.items]]\nid = \"c{c}\"\nname = \"Competency {c}\"\n"
        );
        s.push_str("examples = [\n");
        for level in 1..=LEVELS {
            for k in 0..CRITERIA {
                n += 1;
                let changed = if edition == 1 && n.is_multiple_of(11) {
                    " (revised)"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "  {{ level = {level}, text = \"Criterion {k} of competency {c} at level {level}{changed}.\" }},"
                );
            }
        }
        s.push_str("]\n[competencies.items.expectations]\n");
        for i in 0..ROLES {
            let base = (i % 10) as u8 / 2 + 1;
            let level = if edition == 1 && (i + c) % 7 == 0 {
                (base % LEVELS) + 1
            } else {
                base
            };
            let _ = writeln!(s, "r{i} = {level}");
        }
        s.push('\n');
    }
    s
}
