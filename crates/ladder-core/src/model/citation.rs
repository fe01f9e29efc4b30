//! A [`Citation`]: which source backs a statement, and where in it.
//!
//! A source id alone says "somewhere in this article"; to check a statement a
//! reader needs the passage. The file keeps the short spelling people already
//! write (`"pmu"`) and adds the place after a `#`, the way a link names a part of
//! a page: `"pmu#14"` (paragraph 14 of the source's text, paragraphs counted from
//! 1 and separated by blank lines), `"pmu#14-16"` (paragraphs 14 to 16),
//! `"handbook#page=4"` (a page of a printed or PDF source, as PDF links write
//! it) or `"handbook#levels"` (a section, or the fragment of the source's
//! address). One string per citation keeps spreadsheets and diffs readable, and
//! parsing it into a type here means nothing downstream splits strings again.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One source behind a statement, with the passage when the file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Citation {
    /// Id of the ladder's `[[sources]]` entry.
    pub source: String,
    /// Where in the source, when known.
    pub passage: Option<Passage>,
}

/// A place in a source.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Passage {
    /// Paragraphs `first..=last` of the source's text, counted from 1; a
    /// paragraph is a block of lines between blank lines.
    Paragraphs {
        /// The first paragraph.
        first: u32,
        /// The last paragraph (equal to `first` for one paragraph).
        last: u32,
    },
    /// A page of a printed or PDF source.
    Page(u32),
    /// A named section, or the fragment of the source's address.
    Section(String),
}

/// Why a citation could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CitationError {
    /// Nothing before the `#`.
    #[error("`{0}` names no source before the `#`; write the source's id, as in `pmu#14`")]
    NoSource(String),
    /// Nothing after the `#`.
    #[error(
        "`{0}` has nothing after the `#`; write a paragraph (`#14`, `#14-16`), a page (`#page=4`) or a section (`#levels`), or drop the `#`"
    )]
    NoPassage(String),
    /// Paragraph or page 0, or a range that runs backwards.
    #[error(
        "`{0}` is not a place in a source: paragraphs and pages count from 1, and a range goes from the smaller number to the larger (`#14-16`)"
    )]
    BadNumber(String),
}

impl Citation {
    /// A citation of a whole source.
    pub fn of(source: impl Into<String>) -> Self {
        Citation {
            source: source.into(),
            passage: None,
        }
    }

    /// A citation of one paragraph of a source.
    pub fn paragraph(source: impl Into<String>, n: u32) -> Self {
        Citation {
            source: source.into(),
            passage: Some(Passage::Paragraphs { first: n, last: n }),
        }
    }
}

impl Passage {
    /// The passage in words for a reader: `paragraph 14`, `paragraphs 14–16`,
    /// `page 4`, `section “levels”`.
    pub fn describe(&self) -> String {
        match self {
            Passage::Paragraphs { first, last } if first == last => format!("paragraph {first}"),
            Passage::Paragraphs { first, last } => format!("paragraphs {first}–{last}"),
            Passage::Page(n) => format!("page {n}"),
            Passage::Section(s) => format!("section “{s}”"),
        }
    }

    /// The fragment a link to the passage ends with, where the web has one:
    /// `page=4` for a page, the section itself for a section. Paragraph
    /// numbers count the stored text, which pages do not mark.
    pub fn fragment(&self) -> Option<String> {
        match self {
            Passage::Paragraphs { .. } => None,
            Passage::Page(n) => Some(format!("page={n}")),
            Passage::Section(s) => Some(s.clone()),
        }
    }
}

impl fmt::Display for Passage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Passage::Paragraphs { first, last } if first == last => write!(f, "{first}"),
            Passage::Paragraphs { first, last } => write!(f, "{first}-{last}"),
            Passage::Page(n) => write!(f, "page={n}"),
            Passage::Section(s) => f.write_str(s),
        }
    }
}

impl fmt::Display for Citation {
    /// The file spelling: `pmu`, `pmu#14`, `pmu#14-16`, `pmu#page=4`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(p) = &self.passage {
            write!(f, "#{p}")?;
        }
        Ok(())
    }
}

impl FromStr for Citation {
    type Err = CitationError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let Some((source, place)) = s.split_once('#') else {
            return Ok(Citation::of(s));
        };
        if source.is_empty() {
            return Err(CitationError::NoSource(s.to_owned()));
        }
        let place = place.trim();
        if place.is_empty() {
            return Err(CitationError::NoPassage(s.to_owned()));
        }
        let bad = || CitationError::BadNumber(s.to_owned());
        let count = |n: &str| match n.parse::<u32>() {
            Ok(0) | Err(_) => Err(bad()),
            Ok(n) => Ok(n),
        };
        let is_number = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
        let passage = if let Some(page) = place.strip_prefix("page=") {
            Passage::Page(count(page)?)
        } else if is_number(place) {
            let n = count(place)?;
            Passage::Paragraphs { first: n, last: n }
        } else if let Some((a, b)) = place
            .split_once('-')
            .filter(|(a, b)| is_number(a) && is_number(b))
        {
            let (first, last) = (count(a)?, count(b)?);
            if last < first {
                return Err(bad());
            }
            Passage::Paragraphs { first, last }
        } else {
            Passage::Section(place.to_owned())
        };
        Ok(Citation {
            source: source.to_owned(),
            passage: Some(passage),
        })
    }
}

impl From<&str> for Citation {
    /// A citation from its file spelling; a spelling that does not parse is
    /// kept whole as the source id, for validation to report as unknown.
    fn from(s: &str) -> Self {
        s.parse().unwrap_or_else(|_| Citation::of(s))
    }
}

impl Serialize for Citation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Citation {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = Cow::<str>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for Citation {
    fn schema_name() -> Cow<'static, str> {
        "Citation".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "A source id, optionally followed by `#` and where in the source: a paragraph (`pmu#14`), paragraphs (`pmu#14-16`), a page (`handbook#page=4`) or a section (`handbook#levels`).",
            "pattern": "^[^#]+(#.+)?$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_reads_and_writes_back() {
        for s in [
            "pmu",
            "pmu#14",
            "pmu#14-16",
            "hb#page=4",
            "hb#levels-and-titles",
        ] {
            let c: Citation = s.parse().unwrap();
            assert_eq!(c.to_string(), s);
        }
        assert_eq!(
            "pmu#14-16".parse::<Citation>().unwrap().passage,
            Some(Passage::Paragraphs {
                first: 14,
                last: 16
            })
        );
        assert_eq!(
            "hb#2024-review".parse::<Citation>().unwrap().passage,
            Some(Passage::Section("2024-review".into())),
            "a section that is not two numbers stays a section"
        );
    }

    #[test]
    fn mistakes_are_named_with_what_to_write() {
        for (s, want) in [
            ("#14", "names no source"),
            ("pmu#", "nothing after"),
            ("pmu#0", "count from 1"),
            ("pmu#16-14", "smaller number"),
            ("pmu#page=0", "count from 1"),
            ("pmu#page=x", "count from 1"),
        ] {
            let e = s.parse::<Citation>().unwrap_err().to_string();
            assert!(e.contains(want), "{s}: {e}");
        }
    }

    #[test]
    fn passages_are_described_in_words() {
        let d = |s: &str| s.parse::<Citation>().unwrap().passage.unwrap().describe();
        assert_eq!(d("a#3"), "paragraph 3");
        assert_eq!(d("a#3-5"), "paragraphs 3–5");
        assert_eq!(d("a#page=9"), "page 9");
        assert_eq!(d("a#levels"), "section “levels”");
    }
}
