//! The text of a cited source, cut into the paragraphs citations point at, the
//! measures of whether a statement is borne out by its passage, and the check
//! that runs them over a whole ladder.
//!
//! A citation such as `pmu#14` is only worth something if a reader (or a test)
//! can open paragraph 14 and find the statement there. The ladder does not ship
//! the articles it cites — they are other people's work — so an [`Article`] is
//! built from text the caller read (the built-in ladder's seeds, a company's
//! own documents in a folder), and everything here is pure.
//!
//! [`measure`] holds the two measures and [`check`] the diagnostics built on
//! them, which `cargo test` runs over the built-in ladder and `ladder lint
//! --sources-dir` over a company's; [`uncited`] goes the other way and lists
//! the paragraphs no statement cites, where a fact left out would hide.

mod check;
mod coverage;
pub mod measure;

pub use check::{MIN_SUPPORT, check};
pub use coverage::{Uncited, uncited};
pub use measure::{support, unsupported_numbers};

use std::collections::HashMap;

use crate::model::{Citation, Passage};

/// A source's text, as paragraphs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    paragraphs: Vec<String>,
}

impl Article {
    /// Cuts `text` into paragraphs: blocks of lines separated by lines that are
    /// empty or hold only spaces.
    pub fn from_text(text: &str) -> Self {
        let mut paragraphs = Vec::new();
        let mut current: Vec<&str> = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                if !current.is_empty() {
                    paragraphs.push(current.join("\n"));
                    current.clear();
                }
            } else {
                current.push(line.trim_end());
            }
        }
        if !current.is_empty() {
            paragraphs.push(current.join("\n"));
        }
        Article { paragraphs }
    }

    /// How many paragraphs the text has.
    pub fn len(&self) -> usize {
        self.paragraphs.len()
    }

    /// Whether the text has no paragraph at all.
    pub fn is_empty(&self) -> bool {
        self.paragraphs.is_empty()
    }

    /// Every paragraph, in order: the first is paragraph 1.
    pub fn all_paragraphs(&self) -> &[String] {
        &self.paragraphs
    }

    /// The text of a passage, paragraphs joined by a blank line; `None` when
    /// the passage is not a paragraph range or runs past the end.
    pub fn passage(&self, passage: &Passage) -> Option<String> {
        self.paragraphs(passage).map(|p| p.join("\n\n"))
    }

    /// The paragraphs of a passage; `None` when the passage is not a
    /// paragraph range or runs past the end.
    pub fn paragraphs(&self, passage: &Passage) -> Option<&[String]> {
        let Passage::Paragraphs { first, last } = passage else {
            return None;
        };
        let (first, last) = (*first as usize, *last as usize);
        if first == 0 || last > self.paragraphs.len() || last < first {
            return None;
        }
        Some(&self.paragraphs[first - 1..last])
    }
}

/// The texts a ladder's sources were read from, by source id.
#[derive(Debug, Clone, Default)]
pub struct Articles {
    by_source: HashMap<String, Article>,
}

impl Articles {
    /// No texts at all.
    pub fn new() -> Self {
        Self::default()
    }

    /// The texts of `ladder`'s sources found in `files` (file name → text),
    /// each under the id of the source whose `file` names it. A server keeps
    /// the files, not this, because the ladder in force — and so which file
    /// is which source — can change while it runs.
    pub fn from_files(ladder: &crate::Ladder, files: &HashMap<String, String>) -> Articles {
        let mut out = Articles::new();
        for s in &ladder.sources {
            if let Some(text) = s.file.as_ref().and_then(|f| files.get(f)) {
                out.insert(&s.id, text);
            }
        }
        out
    }

    /// Adds the text of the source `id`.
    pub fn insert(&mut self, id: impl Into<String>, text: &str) {
        self.by_source.insert(id.into(), Article::from_text(text));
    }

    /// The text of the source `id`, when it was given.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.by_source.get(id)
    }

    /// The words a citation points at, when its source's text was given and
    /// the passage is a paragraph range inside it.
    pub fn passage(&self, c: &Citation) -> Option<String> {
        self.article(&c.source)?.passage(c.passage.as_ref()?)
    }

    /// The paragraphs a citation points at, as [`Articles::passage`].
    pub fn paragraphs(&self, c: &Citation) -> Option<&[String]> {
        self.article(&c.source)?.paragraphs(c.passage.as_ref()?)
    }

    /// Whether no text was given.
    pub fn is_empty(&self) -> bool {
        self.by_source.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "Title line\n\nFirst paragraph,\nover two lines.\n   \nSecond one.\n\n\n\nThird.\n";

    #[test]
    fn paragraphs_are_blocks_between_blank_lines() {
        let a = Article::from_text(TEXT);
        assert_eq!(a.len(), 4);
        let p = |first, last| a.passage(&Passage::Paragraphs { first, last });
        assert_eq!(p(2, 2).unwrap(), "First paragraph,\nover two lines.");
        assert_eq!(p(3, 4).unwrap(), "Second one.\n\nThird.");
        assert_eq!(p(5, 5), None);
        assert_eq!(p(0, 1), None);
        assert_eq!(a.passage(&Passage::Page(1)), None);
    }
}
