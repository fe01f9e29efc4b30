//! Diagnostics: what is wrong (or doubtful) in a ladder file, and where.
//!
//! Validation finds problems against the model, where the natural address of a
//! problem is a path such as `roles[3].readiness[0].to`; people need
//! `FILE:LINE:COL`. A diagnostic therefore carries its path, and the loader
//! resolves every path to a location in one pass over the spanned document, only
//! when there is something to report.

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file cannot be used.
    Error,
    /// The file can be used, but something in it is doubtful (lint).
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// A place in the file: 1-based line and column (in characters), and the byte span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Byte offsets of the offending text.
    pub span: Range<usize>,
}

impl Location {
    /// The location of byte `span.start` in `text`.
    pub fn in_text(text: &str, span: Range<usize>) -> Location {
        let start = span.start.min(text.len());
        let start = (0..=start)
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let before = &text[..start];
        let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = text[line_start..start].chars().count() + 1;
        Location { line, column, span }
    }
}

/// One problem found in a ladder file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable, short name for the kind of problem (`unknown-role`).
    pub code: &'static str,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Where in the model (`roles[3].readiness[0].to`), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Where in the file, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
}

impl Diagnostic {
    /// An error at a model path.
    pub fn error(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            hint: None,
            path: Some(path.into()),
            location: None,
        }
    }

    /// A warning at a model path.
    pub fn warning(
        code: &'static str,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, path, message)
        }
    }

    /// The same diagnostic with a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as `ORIGIN:LINE:COL: error: message [code]`, with the
    /// hint on a second line; `origin` is the file name as the user gave it.
    pub fn render(&self, origin: &str) -> String {
        let mut out = match &self.location {
            Some(loc) => format!("{origin}:{}:{}: ", loc.line, loc.column),
            None => format!("{origin}: "),
        };
        out.push_str(&format!(
            "{}: {} [{}]",
            self.severity, self.message, self.code
        ));
        if let Some(hint) = &self.hint {
            out.push_str("\n  hint: ");
            out.push_str(hint);
        }
        out
    }
}

/// All the diagnostics of one file, errors first, then in file order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    /// The number of warnings.
    pub fn warning_count(&self) -> usize {
        self.0.len() - self.error_count()
    }

    /// Whether there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    /// Orders the diagnostics: errors before warnings, then by position.
    pub fn sort(&mut self) {
        self.0.sort_by_key(|d| {
            (
                d.severity,
                d.location
                    .as_ref()
                    .map_or((usize::MAX, 0), |l| (l.line, l.column)),
            )
        });
    }

    /// Renders every diagnostic, one per line (hints on their own lines).
    pub fn render(&self, origin: &str) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(origin));
            out.push('\n');
        }
        out
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} error(s), {} warning(s)",
            self.error_count(),
            self.warning_count()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_characters_not_bytes() {
        let text = "a = 1\né = \"x\" b\n";
        let loc = Location::in_text(text, 14..15);
        assert_eq!((loc.line, loc.column), (2, 8));
    }

    #[test]
    fn render_has_file_line_col_first() {
        let mut d = Diagnostic::error("unknown-role", "roles[0].reports_to[0]", "no role `x`")
            .with_hint("use an id from `ladder roles`");
        d.location = Some(Location {
            line: 3,
            column: 7,
            span: 0..1,
        });
        assert_eq!(
            d.render("my.toml"),
            "my.toml:3:7: error: no role `x` [unknown-role]\n  hint: use an id from `ladder roles`"
        );
    }
}
