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
            let spelled: Vec<String> = f.sources.iter().map(ToString::to_string).collect();
            format!("  [{}]", spelled.join(", "))
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
        out.push_str("\nCompetencies expected\n");
        for e in &o.competencies {
            let (bottom, top) = e.range;
            let level = if e.level_name.is_empty() {
                format!("level {} of {bottom}–{top}", e.level)
            } else {
                format!("{} (level {} of {bottom}–{top})", e.level_name, e.level)
            };
            let _ = writeln!(out, "  {}: {level}", e.name);
            for c in &e.criteria {
                let _ = writeln!(out, "      · {c}");
            }
        }
    }
    if !o.moves.is_empty() {
        out.push_str("\nNext steps\n");
        for m in &o.moves {
            let to = m.transition.to.as_str();
            let _ = writeln!(
                out,
                "  → {} ({to}), {}",
                ladder.role(to).map_or(to, |r| r.title.as_str()),
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
