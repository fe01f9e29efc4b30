//! Resolves model paths (`roles[3].readiness[0].to`) to spans of the TOML text.
//!
//! The map is the spanned document that the `toml` crate's parser produces, kept
//! only for the time it takes to place diagnostics; a path that does not exist in
//! the text (a missing field) falls back to the nearest enclosing table, which is
//! where the user has to add it.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One step of a model path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// A key of a table.
    Key(String),
    /// An index into an array.
    Index(usize),
}

/// Splits `roles[3].readiness[0].to` into segments.
pub fn parse_path(path: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                out.push(Segment::Key(rest[..open].to_owned()));
            }
            rest = &rest[open..];
            while let Some(stripped) = rest.strip_prefix('[') {
                let Some(close) = stripped.find(']') else {
                    break;
                };
                if let Ok(i) = stripped[..close].parse() {
                    out.push(Segment::Index(i));
                }
                rest = &stripped[close + 1..];
            }
        } else {
            out.push(Segment::Key(rest.to_owned()));
        }
    }
    out
}

/// The spans of a parsed TOML document.
pub struct SourceMap<'a> {
    root: Option<Spanned<DeTable<'a>>>,
}

impl<'a> SourceMap<'a> {
    /// Parses `text`; a text that does not parse gives an empty map.
    pub fn new(text: &'a str) -> Self {
        let (root, _) = DeTable::parse_recoverable(text);
        SourceMap { root: Some(root) }
    }

    /// The span of the value at `path`, or of its nearest existing ancestor.
    pub fn value_span(&self, path: &str) -> Option<Range<usize>> {
        self.walk(path, false)
    }

    /// The span of the key that names the value at `path` (for unknown keys).
    pub fn key_span(&self, path: &str) -> Option<Range<usize>> {
        self.walk(path, true)
    }

    fn walk(&self, path: &str, want_key: bool) -> Option<Range<usize>> {
        let root = self.root.as_ref()?;
        let segments = parse_path(path);
        let mut table: Option<&DeTable<'a>> = Some(root.get_ref());
        let mut array: Option<&[Spanned<DeValue<'a>>]> = None;
        let mut span = root.span();
        for (i, seg) in segments.iter().enumerate() {
            let last = i + 1 == segments.len();
            let value = match (seg, table, array) {
                (Segment::Key(k), Some(t), _) => {
                    let Some((key, value)) = t.iter().find(|(key, _)| key.get_ref() == k) else {
                        return Some(span);
                    };
                    if last && want_key {
                        return Some(key.span());
                    }
                    value
                }
                (Segment::Index(n), _, Some(a)) => match a.get(*n) {
                    Some(v) => v,
                    None => return Some(span),
                },
                _ => return Some(span),
            };
            span = value.span();
            table = value.get_ref().as_table();
            array = value.get_ref().as_array().map(|a| &a[..]);
        }
        Some(span)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths() {
        assert_eq!(
            parse_path("roles[3].readiness[0].to"),
            vec![
                Segment::Key("roles".into()),
                Segment::Index(3),
                Segment::Key("readiness".into()),
                Segment::Index(0),
                Segment::Key("to".into()),
            ]
        );
        assert_eq!(parse_path("a[1][2]").len(), 3);
    }

    #[test]
    fn finds_values_keys_and_falls_back_to_the_parent() {
        let text = "[[roles]]\nid = \"pm\"\n\n[[roles]]\nid = \"vp\"\nskils = []\n";
        let map = SourceMap::new(text);
        let span = map.value_span("roles[1].id").unwrap();
        assert_eq!(&text[span], "\"vp\"");
        let span = map.key_span("roles[1].skils").unwrap();
        assert_eq!(&text[span], "skils");
        // A missing field points at the header of its table.
        let span = map.value_span("roles[0].title").unwrap();
        assert_eq!(&text[span.clone()], "[[roles]]");
        assert_eq!(span.start, 0);
    }
}
