//! Plain text for the terminal (`ladder role ID`): the same outline as the
//! Markdown page, without markup, with the sources after each statement.

use std::fmt::Write;

use ladder_core::Ladder;
use ladder_core::model::{Fact, Role};

use crate::outline::{move_phrase, role_outline};

fn facts(out: &mut String, heading: &str, list: &[Fact]) {
    let _ = writeln!(out, "\n{heading}");
    for f in list {
        let cite = if f.sources.is_empty() {
            String::new()
        } else {
            format!("  [{}]", f.sources.join(", "))
        };
        let _ = writeln!(out, "  • {}{cite}", f.text);
    }
}

/// A role as plain text.
pub fn role_text(ladder: &Ladder, role: &Role) -> String {
    let o = role_outline(ladder, role);
    let mut out = format!(
        "{} ({})\ntier {} · track {}",
        role.title,
        role.id,
        role.tier.as_str(),
        role.track.as_str()
    );
    if !role.aliases.is_empty() {
        let _ = write!(out, " · also called: {}", role.aliases.join(", "));
    }
    out.push('\n');
    if let Some(s) = &role.summary {
        let _ = writeln!(out, "\n{}", s.text);
    }
    if !o.rows.is_empty() {
        out.push('\n');
        for (k, v) in &o.rows {
            let _ = writeln!(out, "{k:<17}{v}");
        }
    }
    for (heading, list) in &o.sections {
        facts(&mut out, heading, list);
    }
    if !o.competencies.is_empty() {
        out.push_str("\nCompetencies expected (0–5)\n");
        for e in &o.competencies {
            let _ = writeln!(out, "  {} {:<50} {}", e.level, e.name, e.level_name);
        }
    }
    if !o.moves.is_empty() {
        out.push_str("\nNext steps\n");
        for m in &o.moves {
            let _ = writeln!(
                out,
                "  → {} ({})",
                m.transition.to,
                move_phrase(m.transition)
            );
            for f in m.readiness.map(|r| &r.criteria[..]).unwrap_or_default() {
                let _ = writeln!(out, "      ☐ {}", f.text);
            }
        }
    }
    for (heading, list) in &o.closing {
        facts(&mut out, heading, list);
    }
    if !o.sources.is_empty() {
        let _ = writeln!(out, "\nSources: {}", o.sources.join(", "));
    }
    out
}
