//! Reading a ladder file: TOML text in, a validated [`Ladder`] or every problem out.
//!
//! Three passes, each reporting all it finds: the TOML parser (it recovers after a
//! syntax error, so several are reported together), deserialisation wrapped in
//! `serde_ignored` (every unknown key, not just the first, with a "did you mean"
//! from the JSON Schema), then the semantic checks of [`crate::validate`]. Types
//! and required fields are left to serde, which stops at the first such problem;
//! the report then still lists every unknown key seen before it.

use toml::de::DeTable;

use super::diagnostic::{Diagnostic, Diagnostics, Location};
use super::source_map::SourceMap;
use super::{schema_hints, walk::suggest};
use crate::lint;
use crate::model::Ladder;
use crate::validate;

/// The result of checking a ladder file: the ladder when it has no errors, and
/// every diagnostic, errors and (when asked for) lint warnings, placed in the file.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The ladder, when the file has no errors.
    pub ladder: Option<Ladder>,
    /// Everything found, errors first, then in file order.
    pub diagnostics: Diagnostics,
}

/// Parses and validates a ladder file. Lint warnings are not computed.
pub fn parse(text: &str) -> Result<Ladder, Diagnostics> {
    let checked = check(text, false);
    match checked.ladder {
        Some(ladder) => Ok(ladder),
        None => Err(checked.diagnostics),
    }
}

/// Parses and validates a ladder file, and with `lint` also runs the lint rules.
pub fn check(text: &str, with_lint: bool) -> Checked {
    check_with(text, with_lint, |_| Vec::new())
}

/// [`check`], with more lint rules from the caller (`ladder lint
/// --sources-dir` checks citations against the sources' text): `more` runs
/// with the lint rules, on a valid ladder, and its diagnostics are placed in
/// the file like the others.
pub fn check_with(
    text: &str,
    with_lint: bool,
    more: impl FnOnce(&Ladder) -> Vec<Diagnostic>,
) -> Checked {
    let mut found = Vec::new();
    let ladder = read(text, &mut found).and_then(|ladder| {
        found.extend(validate::validate(&ladder));
        if found.iter().any(Diagnostic::is_error) {
            None
        } else {
            Some(ladder)
        }
    });
    if with_lint && let Some(l) = &ladder {
        found.extend(lint::lint(l));
        found.extend(more(l));
    }
    place(text, &mut found);
    let mut diagnostics = Diagnostics(found);
    diagnostics.sort();
    Checked {
        ladder,
        diagnostics,
    }
}

/// Pass one and two: syntax, then shape.
fn read(text: &str, found: &mut Vec<Diagnostic>) -> Option<Ladder> {
    read_toml(text, found, schema_hints::known_keys)
}

/// Reads any TOML file type with the ladder file's diagnostics: every syntax
/// error, every unknown key (with a suggestion from `known_keys`), then the first
/// type error. Locations are placed by [`place`].
pub(crate) fn read_toml<T: serde::de::DeserializeOwned>(
    text: &str,
    found: &mut Vec<Diagnostic>,
    known_keys: fn(&str) -> Vec<String>,
) -> Option<T> {
    let (table, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        for e in syntax_errors {
            found.push(
                toml_error("syntax", &e, text)
                    .with_hint("fix the TOML syntax first; see https://toml.io for the rules"),
            );
        }
        return None;
    }
    let mut unknown = Vec::new();
    let deserializer = toml::Deserializer::from(table);
    let result: Result<T, _> =
        serde_ignored::deserialize(deserializer, |p| unknown.push(model_path(&p)));
    for path in unknown {
        found.push(unknown_key(path, known_keys));
    }
    match result {
        Ok(ladder) => {
            if found.is_empty() {
                Some(ladder)
            } else {
                None
            }
        }
        Err(e) => {
            let d = toml_error("shape", &e, text);
            let hint = shape_hint(e.message());
            found.push(d.with_hint(hint));
            None
        }
    }
}

/// serde's names for types, in the words of someone writing a ladder file.
fn type_words(message: &str) -> String {
    let mut m = message.to_owned();
    for (serde, words) in [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number from 0 to 65535"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
        ("expected a boolean", "expected true or false"),
        (
            "expected a sequence",
            "expected a list in square brackets, [ … ]",
        ),
        ("expected a map", "expected a table, { … } or [section]"),
        ("invalid type: string ", "found the text "),
        ("invalid type: integer ", "found the number "),
        ("invalid type: floating point ", "found the number "),
        ("invalid type: boolean ", "found "),
        ("invalid type: sequence", "found a list"),
        ("invalid type: map", "found a table"),
        ("invalid value: integer ", "found "),
    ] {
        m = m.replace(serde, words);
    }
    m
}

fn toml_error(code: &'static str, e: &toml::de::Error, text: &str) -> Diagnostic {
    let message = type_words(e.message().trim()).replace('\n', " ");
    Diagnostic {
        location: e.span().map(|s| Location::in_text(text, s)),
        path: None,
        ..Diagnostic::error(code, "", message)
    }
}

/// A hint for a type or shape error, from serde's message.
fn shape_hint(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (given, expected) = rest.split_once('`').unwrap_or((rest, ""));
        let choices: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        return match suggest(given, choices.iter().copied()) {
            Some(best) => format!(
                "did you mean `{best}`? the choices are {}",
                choices.join(", ")
            ),
            None => format!("use one of: {}", choices.join(", ")),
        };
    }
    if message.starts_with("missing field") {
        return "add the field to this table; docs/ladder-format.md lists the required fields"
            .to_owned();
    }
    "see docs/ladder-format.md (or `ladder schema`) for the type of each field".to_owned()
}

fn unknown_key(path: String, known_keys: fn(&str) -> Vec<String>) -> Diagnostic {
    let (parent, key) = match path.rfind('.') {
        Some(i) => (&path[..i], &path[i + 1..]),
        None => ("", path.as_str()),
    };
    let known = known_keys(parent);
    let hint = match suggest(key, known.iter().map(String::as_str)) {
        Some(best) => format!("did you mean `{best}`?"),
        None if known.is_empty() => "remove it; this table takes no keys".to_owned(),
        None => format!("remove it, or use one of: {}", known.join(", ")),
    };
    let where_ = if parent.is_empty() {
        "the top level".to_owned()
    } else {
        format!("`{parent}`")
    };
    Diagnostic::error(
        "unknown-key",
        path.clone(),
        format!("unknown key `{key}` in {where_}"),
    )
    .with_hint(hint)
}

/// Turns a `serde_ignored` path into the model path spelling `roles[3].skils`.
fn model_path(p: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match p {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", model_path(parent)),
        Path::Map { parent, key } => {
            let parent = model_path(parent);
            if parent.is_empty() {
                key.clone()
            } else {
                format!("{parent}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => model_path(parent),
    }
}

/// Resolves the paths of diagnostics that have no location yet.
pub(crate) fn place(text: &str, found: &mut [Diagnostic]) {
    if found
        .iter()
        .all(|d| d.location.is_some() || d.path.is_none())
    {
        return;
    }
    let map = SourceMap::new(text);
    for d in found.iter_mut().filter(|d| d.location.is_none()) {
        let Some(path) = d.path.as_deref() else {
            continue;
        };
        // Unknown names point at the name itself, everything else at the value.
        let span = if matches!(d.code, "unknown-key" | "unknown-competency") {
            map.key_span(path)
        } else {
            map.value_span(path)
        };
        d.location = span.map(|s| Location::in_text(text, s));
    }
}
