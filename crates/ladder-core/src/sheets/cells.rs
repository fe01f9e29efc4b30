//! How one cell spells what the ladder file spells with TOML: a range of
//! numbers (`1-3`, `10+`, `2-4 (default)`), a list (one item per line),
//! statements with their sources (one per line, `… [sources: a, b]`) and
//! criteria that hold from their level up (`and above: …`).
//!
//! Each format is written by one function and read by its partner, and the
//! tests hold every pair to a round trip, so a workbook exported and read
//! back says what the file said.

use crate::model::{Citation, Example, Fact, ValueRange, format_number};

/// The marker of a statement's sources at the end of its line.
const SOURCES: &str = " [sources: ";
/// The marker of a criterion that holds from its level up.
const AND_ABOVE: &str = "and above: ";
/// The marker of a number the ladder's author chose (no source gives it).
const DEFAULT: &str = "(default)";

/// `1-3`, `10+`, `5`, with ` (default)` for a default.
pub fn range(r: &ValueRange) -> String {
    let numbers = match r.max {
        None => format!("{}+", format_number(r.min)),
        Some(max) if max == r.min => format_number(max),
        Some(max) => format!("{}-{}", format_number(r.min), format_number(max)),
    };
    if r.is_default {
        format!("{numbers} {DEFAULT}")
    } else {
        numbers
    }
}

/// Reads [`range`]'s spelling; also takes an en dash, spaces and thousands
/// separators (`90,000 – 120,000`).
pub fn parse_range(cell: &str) -> Result<ValueRange, String> {
    let wrong = || {
        format!(
            "`{cell}` is not a range of numbers; write it like 1-3, 10+ or 5, with (default) after it for a number no source gives"
        )
    };
    let (text, is_default) = match cell.trim().strip_suffix(DEFAULT) {
        Some(rest) => (rest.trim(), true),
        None => (cell.trim(), false),
    };
    let number = |s: &str| -> Result<f64, String> {
        let clean: String = s
            .chars()
            .filter(|c| !matches!(c, ',' | '_' | ' '))
            .collect();
        clean
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(wrong)
    };
    let (min, max) = if let Some(open) = text.strip_suffix('+') {
        (number(open)?, None)
    } else if let Some((a, b)) = text
        .split_once(['-', '–'])
        .filter(|(a, _)| !a.trim().is_empty())
    {
        (number(a)?, Some(number(b)?))
    } else {
        let n = number(text)?;
        (n, Some(n))
    };
    Ok(ValueRange {
        min,
        max,
        is_default,
    })
}

/// One item per line.
pub fn lines<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The non-blank lines of a cell, trimmed.
pub fn parse_lines(cell: &str) -> Vec<String> {
    cell.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Source ids, comma-separated.
pub fn sources(cited: &[Citation]) -> String {
    let spelled: Vec<String> = cited.iter().map(Citation::to_string).collect();
    spelled.join(", ")
}

/// Reads [`sources`]'s spelling.
pub fn parse_sources(cell: &str) -> Vec<Citation> {
    cell.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Citation::from)
        .collect()
}

/// A statement and its sources.
fn with_sources(text: &str, ids: &[Citation]) -> String {
    if ids.is_empty() {
        text.to_owned()
    } else {
        format!("{text}{SOURCES}{}]", sources(ids))
    }
}

/// A line's text and the sources at its end.
fn split_sources(line: &str) -> (String, Vec<Citation>) {
    if let Some(body) = line.strip_suffix(']')
        && let Some(at) = body.rfind(SOURCES)
    {
        return (
            body[..at].trim().to_owned(),
            parse_sources(&body[at + SOURCES.len()..]),
        );
    }
    (line.trim().to_owned(), Vec::new())
}

/// The marker of a statement of the ladder author's own.
const OWN: &str = " [default]";

/// One statement.
pub fn fact(f: &Fact) -> String {
    let line = with_sources(&f.text, &f.sources);
    if f.is_default {
        format!("{line}{OWN}")
    } else {
        line
    }
}

/// Reads [`fact`]'s spelling; `None` for a blank cell.
pub fn parse_fact(cell: &str) -> Option<Fact> {
    let cell = cell.trim();
    (!cell.is_empty()).then(|| {
        let (cell, is_default) = match cell.strip_suffix(OWN) {
            Some(rest) => (rest, true),
            None => (cell, false),
        };
        let (text, sources) = split_sources(cell);
        Fact {
            text,
            sources,
            is_default,
        }
    })
}

/// Statements, one per line.
pub fn facts(list: &[Fact]) -> String {
    list.iter().map(fact).collect::<Vec<_>>().join("\n")
}

/// Reads [`facts`]'s spelling.
pub fn parse_facts(cell: &str) -> Vec<Fact> {
    cell.lines().filter_map(parse_fact).collect()
}

/// The criteria of one level, one per line.
pub fn criteria<'a>(list: impl Iterator<Item = &'a Example>) -> String {
    list.map(|e| {
        let line = with_sources(&e.text, &e.sources);
        if e.and_above {
            format!("{AND_ABOVE}{line}")
        } else {
            line
        }
    })
    .collect::<Vec<_>>()
    .join("\n")
}

/// Reads [`criteria`]'s spelling for `level`.
pub fn parse_criteria(cell: &str, level: u8) -> Vec<Example> {
    cell.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|line| {
            let marked = line
                .get(..AND_ABOVE.len())
                .filter(|m| m.eq_ignore_ascii_case(AND_ABOVE));
            let (and_above, rest) = match marked {
                Some(m) => (true, &line[m.len()..]),
                None => (false, line),
            };
            let (text, sources) = split_sources(rest);
            Example {
                level,
                text,
                and_above,
                sources,
            }
        })
        .collect()
}

/// A whole number from 0 to 255 (a level): `3`, or `3.0` as a spreadsheet
/// may store it.
pub fn parse_level(cell: &str) -> Result<u8, String> {
    let t = cell.trim();
    let t = t.strip_suffix(".0").unwrap_or(t);
    t.parse::<u8>()
        .map_err(|_| format!("`{cell}` is not a level; write a whole number from 0 to 255"))
}

/// A number (a weight).
pub fn parse_number(cell: &str) -> Result<f64, String> {
    cell.trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("`{cell}` is not a number"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ranges_read_back() {
        for r in [
            ValueRange::new(1.0, 3.0),
            ValueRange::new(5.0, 5.0),
            ValueRange {
                min: 10.0,
                max: None,
                is_default: false,
            },
            ValueRange {
                min: 0.5,
                max: Some(2.5),
                is_default: true,
            },
        ] {
            assert_eq!(parse_range(&range(&r)).unwrap(), r, "{}", range(&r));
        }
    }

    #[test]
    fn ranges_as_people_type_them() {
        assert_eq!(
            parse_range("90,000 – 120,000").unwrap(),
            ValueRange::new(90_000.0, 120_000.0)
        );
        assert_eq!(parse_range(" 7 ").unwrap(), ValueRange::new(7.0, 7.0));
        let e = parse_range("a few").unwrap_err();
        assert!(e.contains("`a few` is not a range"), "{e}");
    }

    #[test]
    fn a_statement_keeps_its_sources_and_brackets_of_its_own() {
        let f = Fact::new("Owns the roadmap [draft]", &["aha", "productplan"]);
        assert_eq!(
            fact(&f),
            "Owns the roadmap [draft] [sources: aha, productplan]"
        );
        assert_eq!(parse_fact(&fact(&f)).unwrap(), f);
        let plain = Fact::new("Talks to customers [weekly]", &[]);
        assert_eq!(parse_fact(&fact(&plain)).unwrap(), plain);
        assert_eq!(parse_fact("  "), None);
    }

    #[test]
    fn criteria_read_back_with_their_marks() {
        let list = vec![
            Example {
                level: 2,
                text: "Writes specs others build from".into(),
                and_above: false,
                sources: vec![],
            },
            Example {
                level: 2,
                text: "Shares what they learn".into(),
                and_above: true,
                sources: vec!["aha".into()],
            },
        ];
        let cell = criteria(list.iter());
        assert_eq!(parse_criteria(&cell, 2), list);
        assert!(parse_criteria("And above: Mentors", 3)[0].and_above);
    }

    #[test]
    fn levels_from_spreadsheets() {
        assert_eq!(parse_level("3").unwrap(), 3);
        assert_eq!(parse_level("3.0").unwrap(), 3);
        assert!(parse_level("three").unwrap_err().contains("whole number"));
        assert!(parse_level("300").is_err());
    }

    proptest! {
        #[test]
        fn any_statement_on_one_line_reads_back(
            text in "[^\r\n]{1,60}",
            ids in proptest::collection::vec("[a-z][a-z0-9-]{0,10}(#[1-9][0-9]{0,2}|#page=[1-9]|#[a-z]{1,8})?", 0..3),
            default: bool,
        ) {
            let text = text.trim().to_owned();
            prop_assume!(!text.is_empty());
            let sources = ids.iter().map(|s| Citation::from(s.as_str())).collect();
            let f = Fact { text, sources, is_default: default };
            prop_assert_eq!(parse_fact(&fact(&f)), Some(f));
        }

        #[test]
        fn any_range_reads_back(min in 0u32..1_000_000, span in 0u32..1000, open: bool, default: bool) {
            let r = ValueRange {
                min: f64::from(min),
                max: (!open).then(|| f64::from(min + span)),
                is_default: default,
            };
            prop_assert_eq!(parse_range(&range(&r)).unwrap(), r);
        }
    }
}
