//! `ladder role ID --sources`: each statement of a role with where it comes
//! from — the article's title, the passage, and the passage's words when the
//! articles' text is at hand — so that a reader can check any statement.
//!
//! The view is separate from [`crate::text::role_text`] because it is for
//! checking, not reading: one statement per block, every citation spelled out,
//! statements of the ladder's own named as such.

use std::fmt::Write;

use ladder_core::Ladder;
use ladder_core::article::Articles;
use ladder_core::model::{Citation, Role};

/// How a citation is named for a reader: `Title, paragraph 14`.
pub fn citation_words(ladder: &Ladder, c: &Citation) -> String {
    let title = ladder.source_title(&c.source);
    match &c.passage {
        Some(p) => format!("{title}, {}", p.describe()),
        None => title.to_owned(),
    }
}

/// Every statement of `role` with its sources and passages.
pub fn role_sources_text(ladder: &Ladder, role: &Role, articles: &Articles) -> String {
    let mut out = format!(
        "{} ({}): where each statement comes from\n",
        role.title, role.id
    );
    let mut statements: Vec<(&str, &str, &[Citation], bool)> = Vec::new();
    if let Some(s) = &role.scope {
        statements.push(("scope", &s.text, &s.sources, false));
    }
    if let Some(h) = &role.planning_horizon {
        statements.push(("planning horizon", &h.text, &h.sources, false));
    }
    for (section, f) in role.facts() {
        statements.push((section, &f.text, &f.sources, f.is_default));
    }
    let mut section = "";
    for (s, text, cited, is_default) in statements {
        if s != section {
            section = s;
            let _ = writeln!(out, "\n{}", section.replace('_', " "));
        }
        let _ = writeln!(out, "  • {text}");
        if is_default {
            out.push_str("      the ladder's own: no article says this\n");
        } else if cited.is_empty() {
            out.push_str("      no source given\n");
        }
        for c in cited {
            let _ = writeln!(out, "      — {}", citation_words(ladder, c));
            if let Some(words) = articles.passage(c) {
                for line in words.lines() {
                    let _ = writeln!(out, "{}", format!("        │ {line}").trim_end());
                }
            }
        }
    }
    if articles.is_empty() {
        out.push_str(
            "\nThe passages' words are not shown: give the folder with the articles' text with --sources-dir DIR.\n",
        );
    }
    out
}
