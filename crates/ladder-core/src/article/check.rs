//! The citation check: does each cited statement's passage exist, and does it
//! bear the statement out?
//!
//! It runs over every statement of a ladder that cites a source whose text was
//! given ([`super::Articles`]), and reports, as lint warnings placed on the
//! statement in the file:
//!
//! - `no-passage`: the citation names no paragraph, so nobody can check it;
//! - `missing-passage`: the paragraphs named are not in the text;
//! - `weak-support`: fewer than [`MIN_SUPPORT`] of the statement's content
//!   words occur in the passages it cites (see [`super::measure::support`]);
//! - `unsupported-number`: the statement gives a number none of its passages
//!   gives, and it is not marked `default = true`.
//!
//! A statement with several citations is measured against all its passages
//! together, since that is what it claims to summarise. Citations of sources
//! without a text, or by page or section, are left alone: there is nothing to
//! open.

use crate::file::Diagnostic;
use crate::file::walk;
use crate::model::{Ladder, Passage};

use super::Articles;
use super::measure::{support, unsupported_numbers};

/// The least share of a statement's content words its passages must hold: a
/// third. Below it, in the built-in ladder, statements were either cited to
/// the wrong paragraph or said something the article does not; above it they
/// were paraphrases of their passage.
pub const MIN_SUPPORT: f64 = 1.0 / 3.0;

/// Every citation problem of `ladder` against the texts in `articles`.
pub fn check(ladder: &Ladder, articles: &Articles) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for s in walk::cited(ladder) {
        let mut passages = Vec::new();
        for (k, c) in s.sources.iter().enumerate() {
            let Some(article) = articles.article(&c.source) else {
                continue;
            };
            let path = format!("{}.sources[{k}]", s.sources_path);
            match &c.passage {
                None => out.push(
                    Diagnostic::warning(
                        "no-passage",
                        path,
                        format!("`{c}` cites the whole of the source, not a passage of it"),
                    )
                    .with_hint(format!(
                        "add the paragraph after a `#`, as in `{}#12` (paragraphs count from 1, separated by blank lines)",
                        c.source
                    )),
                ),
                Some(p @ Passage::Paragraphs { .. }) => match article.passage(p) {
                    Some(text) => passages.push(text),
                    None => out.push(
                        Diagnostic::warning(
                            "missing-passage",
                            path,
                            format!(
                                "`{c}` points past the end of the source, which has {} paragraphs",
                                article.len()
                            ),
                        )
                        .with_hint("count paragraphs from 1, separated by blank lines"),
                    ),
                },
                Some(_) => {}
            }
        }
        if passages.is_empty() {
            continue;
        }
        let joined = passages.join("\n\n");
        let share = support(s.text, &joined);
        if share < MIN_SUPPORT {
            out.push(
                Diagnostic::warning(
                    "weak-support",
                    s.text_path.clone(),
                    format!(
                        "only {:.0} % of the statement's words are in the passage it cites (at least {:.0} % are expected): “{}”",
                        share * 100.0,
                        MIN_SUPPORT * 100.0,
                        s.text
                    ),
                )
                .with_hint("cite the paragraph that says it, say it closer to the source, or mark it `default = true` if it is the ladder's own"),
            );
        }
        if !s.is_default {
            let refs: Vec<&str> = passages.iter().map(String::as_str).collect();
            let missing = unsupported_numbers(s.text, &refs);
            if !missing.is_empty() {
                out.push(
                    Diagnostic::warning(
                        "unsupported-number",
                        s.text_path.clone(),
                        format!(
                            "the statement gives {} that its passage does not: “{}”",
                            missing.join(", "),
                            s.text
                        ),
                    )
                    .with_hint(
                        "cite the passage with the number, or mark the statement `default = true`",
                    ),
                );
            }
        }
    }
    out
}
