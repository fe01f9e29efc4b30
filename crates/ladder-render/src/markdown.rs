//! Markdown pages: the same content as the HTML pages, for wikis and repositories.
//!
//! Built in code: every value goes through [`cell`] or [`inline`], which escape
//! what would otherwise break a table or start unwanted formatting.

use std::fmt::Write;

use ladder_core::Ladder;

use crate::outline::{move_phrase, role_outline};
use ladder_core::compare::Comparison;
use ladder_core::model::{Fact, Role};

/// Escapes text for inline Markdown: every character that could start
/// formatting, a link, HTML or a table cell boundary gets a backslash, and
/// line breaks become spaces. The one Markdown escaper of the project.
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(if c == '\n' { ' ' } else { c });
    }
    out
}

/// Escapes text for a table cell (an empty cell shows a dash).
pub fn cell(text: &str) -> String {
    if text.is_empty() {
        "–".to_owned()
    } else {
        inline(text)
    }
}

/// A statement's sources, by the articles' titles and passages, or the mark
/// of a statement of the ladder's own.
fn cite(ladder: &Ladder, f: &Fact) -> String {
    if f.is_default {
        return " (the ladder's own)".to_owned();
    }
    if f.sources.is_empty() {
        return String::new();
    }
    let named: Vec<String> = f
        .sources
        .iter()
        .map(|c| inline(&crate::sources::citation_words(ladder, c)))
        .collect();
    format!(" ({})", named.join("; "))
}

fn facts(out: &mut String, ladder: &Ladder, heading: &str, list: &[Fact]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {heading}\n");
    for f in list {
        let _ = writeln!(out, "- {}{}", inline(&f.text), cite(ladder, f));
    }
}

/// The competency matrix (`competencies.md`): every criterion of every cell.
pub fn competencies_markdown(ladder: &Ladder) -> String {
    let mut out = format!(
        "# Competencies of the {} ladder\n",
        inline(&ladder.ladder.name)
    );
    for row in crate::matrix::matrix(ladder) {
        let c = row.competency;
        let _ = writeln!(out, "\n## {}\n", inline(&c.name));
        let mut about: Vec<String> = Vec::new();
        about.extend(row.area.map(inline));
        about.extend(row.family.map(|f| format!("{} only", inline(f))));
        about.extend(c.weight.map(|w| format!("weight {w}")));
        if !about.is_empty() {
            let _ = writeln!(out, "{}\n", about.join(" · "));
        }
        if let Some(s) = &c.summary {
            let _ = writeln!(out, "{}\n", inline(&s.text));
        }
        if !c.outcomes.is_empty() {
            let outcomes: Vec<String> = c.outcomes.iter().map(|o| inline(o)).collect();
            let _ = writeln!(out, "Measured by: {}.\n", outcomes.join("; "));
        }
        out.push_str("| Level | What it looks like | Expected of |\n|---|---|---|\n");
        for cell_ in &row.cells {
            let criteria: Vec<String> = cell_
                .criteria
                .iter()
                .map(|(text, up)| {
                    if *up {
                        format!("{} (and every level above)", inline(text))
                    } else {
                        inline(text)
                    }
                })
                .collect();
            let _ = writeln!(
                out,
                "| {} {} | {} | {} |",
                cell_.level,
                inline(cell_.name),
                cell(&criteria.join("<br>")),
                cell(&cell_.roles.join(", "))
            );
        }
    }
    out
}

/// The overview page (`index.md`).
pub fn index_markdown(ladder: &Ladder) -> String {
    let mut out = format!("# {} career ladder\n", inline(&ladder.ladder.name));
    if let Some(d) = &ladder.ladder.description {
        let _ = writeln!(out, "\n{}", inline(d));
    }
    let _ = writeln!(out, "\n![The ladder at a glance](ladder.svg)\n\n## Roles\n");
    if !ladder.competencies.items.is_empty() {
        let _ = writeln!(
            out,
            "The [competency matrix](competencies.md) shows every level of each of the {} competencies.\n",
            ladder.competencies.items.len()
        );
    }
    out.push_str("| Role | Id | Tier | Track | Scope | Next steps |\n|---|---|---|---|---|---|\n");
    for r in &ladder.roles {
        let next: Vec<String> = ladder
            .transitions_from(r.id.as_str())
            .map(|t| {
                format!(
                    "[{}](compare/{}--{}.md) ({})",
                    t.to,
                    r.id,
                    t.to,
                    t.kind.as_str()
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "| [{}](roles/{}.md) | `{}` | {} | {} | {} | {} |",
            inline(&r.title),
            r.id,
            r.id,
            r.tier.as_str(),
            r.track.as_str(),
            r.scope.as_ref().map_or("–", |s| s.level.as_str()),
            if next.is_empty() {
                "–".to_owned()
            } else {
                next.join(", ")
            }
        );
    }
    if !ladder.entry_points.is_empty() {
        out.push_str("\n## Ways in\n");
    }
    for e in &ladder.entry_points {
        let _ = writeln!(
            out,
            "\n### {}\n\n{}{}\n",
            inline(&e.name),
            inline(&e.summary.text),
            cite(ladder, &e.summary)
        );
        let leads: Vec<String> = e
            .leads_to
            .iter()
            .map(|id| format!("[{id}](roles/{id}.md)"))
            .collect();
        let _ = writeln!(out, "Leads to: {}.", leads.join(", "));
    }
    if !ladder.company_sizes.is_empty() {
        out.push_str("\n## By company size\n");
    }
    for c in &ladder.company_sizes {
        let _ = writeln!(
            out,
            "\n### {} ({} employees)\n",
            inline(&c.name),
            c.employees
        );
        let ids: Vec<String> = c.roles.iter().map(ToString::to_string).collect();
        let _ = writeln!(out, "Roles that exist: {}.", ids.join(", "));
        if !c.relevel.is_empty() {
            out.push_str("\n| Title held | Usually performs | Why |\n|---|---|---|\n");
            for r in &c.relevel {
                let default = if r.is_default { " (default)" } else { "" };
                let _ = writeln!(
                    out,
                    "| {} | {} | {}{}{} |",
                    r.title,
                    r.effective,
                    cell(&r.reason.text),
                    default,
                    cite(ladder, &r.reason)
                );
            }
        }
    }
    let o = &ladder.organisation;
    facts(
        &mut out,
        ladder,
        "The customer-outcome questions",
        &o.customer_outcome_questions,
    );
    facts(&mut out, ladder, "Product organisations", &o.facts);
    if !ladder.disagreements.is_empty() {
        out.push_str("\n## Where the sources disagree\n");
    }
    for d in &ladder.disagreements {
        let _ = writeln!(out, "\n### {}\n", inline(&d.topic));
        for v in &d.views {
            let _ = writeln!(out, "- {}{}", inline(&v.text), cite(ladder, v));
        }
    }
    if !ladder.sources.is_empty() {
        out.push_str("\n## Sources\n\n");
        for s in &ladder.sources {
            let _ = writeln!(
                out,
                "- `{}`: {}{}",
                s.id,
                inline(&s.title),
                s.file
                    .as_ref()
                    .map(|f| format!(" (`{f}`)"))
                    .unwrap_or_default()
            );
        }
    }
    out
}

/// A role's page (`roles/ID.md`).
pub fn role_markdown(ladder: &Ladder, role: &Role) -> String {
    let o = role_outline(ladder, role);
    let mut out = format!(
        "# {}\n\n`{}` · tier **{}** · track **{}**\n",
        inline(&role.title),
        role.id,
        role.tier.as_str(),
        role.track.as_str()
    );
    if !role.aliases.is_empty() {
        let _ = writeln!(out, "\nAlso called: {}.", inline(&role.aliases.join(", ")));
    }
    if let Some(s) = &role.summary {
        let _ = writeln!(out, "\n{}{}", inline(&s.text), cite(ladder, s));
    }
    if !o.rows.is_empty() {
        out.push_str("\n| | |\n|---|---|\n");
        for (k, v) in &o.rows {
            let _ = writeln!(out, "| {k} | {} |", cell(v));
        }
    }
    for (heading, list) in &o.sections {
        facts(&mut out, ladder, heading, list);
    }
    if !o.competencies.is_empty() {
        out.push_str("\n## Competencies expected\n\n| Competency | Level | What it looks like |\n|---|---|---|\n");
        for e in &o.competencies {
            let _ = writeln!(
                out,
                "| {} | {} {} | {} |",
                cell(e.name),
                e.level,
                cell(e.level_name),
                cell(&e.criteria.join("<br>"))
            );
        }
    }
    if !o.moves.is_empty() {
        out.push_str("\n## Next steps\n");
        for m in &o.moves {
            let t = m.transition;
            let _ = writeln!(
                out,
                "\n### [{}](../compare/{}--{}.md) ({})",
                t.to,
                role.id,
                t.to,
                move_phrase(t)
            );
            if let Some(r) = m.readiness {
                out.push_str("\nReady when:\n\n");
                for f in &r.criteria {
                    let _ = writeln!(out, "- [ ] {}{}", inline(&f.text), cite(ladder, f));
                }
            }
        }
    }
    for (heading, list) in &o.closing {
        facts(&mut out, ladder, &inline(heading), list);
    }
    if !o.sources.is_empty() {
        out.push_str("\n## Sources\n\n");
        for s in &o.sources {
            let _ = writeln!(out, "- {}", inline(s));
        }
    }
    out
}

/// A comparison page (`compare/FROM--TO.md`).
pub fn compare_markdown(ladder: &Ladder, c: &Comparison<'_>) -> String {
    let mut out = format!("# {} → {}\n", inline(&c.from.title), inline(&c.to.title));
    match c.transition {
        Some(t) => {
            let _ = writeln!(out, "\nA {}.", move_phrase(t));
        }
        None => out.push_str("\nThe ladder has no direct move between these roles.\n"),
    }
    if let Some(r) = c.readiness {
        out.push_str("\n## Ready when\n\n");
        for f in &r.criteria {
            let _ = writeln!(out, "- [ ] {}{}", inline(&f.text), cite(ladder, f));
        }
    }
    let _ = writeln!(
        out,
        "\n## Side by side\n\n| Aspect | {} | {} |\n|---|---|---|",
        cell(&c.from.title),
        cell(&c.to.title)
    );
    for a in &c.aspects {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            a.aspect,
            cell(&a.from),
            cell(&a.to)
        );
    }
    if !c.competencies.is_empty() {
        let _ = writeln!(
            out,
            "\n## Competencies expected\n\n| Competency | {} | {} | What the higher level looks like |\n|---|---|---|---|",
            cell(&c.from.title),
            cell(&c.to.title)
        );
        for r in &c.competencies {
            let arrow = if r.is_new() {
                " (new)"
            } else if r.rises {
                " ↑"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "| {} | {} | {}{arrow} | {} |",
                cell(&r.name),
                cell(&r.from_label()),
                cell(&r.to_label()),
                cell(&r.criteria.join("<br>"))
            );
        }
    }
    for l in &c.lists {
        if l.only_from.is_empty() && l.only_to.is_empty() && l.shared.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {}", l.aspect);
        for (who, list) in [(&c.from.title, &l.only_from), (&c.to.title, &l.only_to)] {
            let _ = writeln!(out, "\nOnly {}:\n", inline(who));
            if list.is_empty() {
                out.push_str("- –\n");
            }
            for t in list {
                let _ = writeln!(out, "- {}", inline(t));
            }
        }
        if !l.shared.is_empty() {
            out.push_str("\nBoth:\n\n");
            for t in &l.shared {
                let _ = writeln!(out, "- {}", inline(t));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_would_break_markdown() {
        assert_eq!(inline("a|b *c* [d]"), "a\\|b \\*c\\* \\[d\\]");
        assert_eq!(cell(""), "–");
    }
}
