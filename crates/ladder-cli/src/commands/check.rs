//! `ladder check` and `ladder lint`: every problem of every file, each at
//! `FILE:LINE:COL`.
//!
//! Files are checked independently; an unreadable file counts as invalid and
//! the others are still checked. The exit code is the worst outcome over all
//! files: 2 for any error, else 1 for warnings under `--strict`, else 0.

use std::path::{Path, PathBuf};

use anyhow::Result;
use ladder_core::file::check_with;
use ladder_core::{Diagnostic, Diagnostics};
use serde::Serialize;

use crate::Outcome;
use crate::cli::ReportFormat;
use crate::{input, output};

#[derive(Serialize)]
struct FileReport {
    file: String,
    valid: bool,
    errors: usize,
    warnings: usize,
    roles: usize,
    transitions: usize,
    diagnostics: Diagnostics,
}

/// "1 role", "3 roles".
fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}

/// `ladder check` (`lint = false`) and `ladder lint`; with `sources_dir`,
/// lint also checks every citation against its source's text there.
pub fn run(
    files: &[PathBuf],
    lint: bool,
    strict: bool,
    format: ReportFormat,
    sources_dir: Option<&Path>,
) -> Result<Outcome> {
    let mut reports = Vec::new();
    for path in files {
        let origin = path.display().to_string();
        let report = match input::read_text(path) {
            Ok(text) => {
                // A source file that cannot be read stops the command: the
                // citations would otherwise pass unchecked without a word.
                let mut unreadable = None;
                let checked = check_with(&text, lint, |l| match sources_dir {
                    None => Vec::new(),
                    Some(dir) => match input::articles(l, dir) {
                        Ok(articles) => ladder_core::article::check(l, &articles),
                        Err(e) => {
                            unreadable = Some(e);
                            Vec::new()
                        }
                    },
                });
                if let Some(e) = unreadable {
                    return Err(e.context(format!("{origin}: cannot check its citations")));
                }
                let (roles, transitions) = checked
                    .ladder
                    .as_ref()
                    .map_or((0, 0), |l| (l.roles.len(), l.transitions.len()));
                FileReport {
                    valid: checked.ladder.is_some(),
                    errors: checked.diagnostics.error_count(),
                    warnings: checked.diagnostics.warning_count(),
                    roles,
                    transitions,
                    diagnostics: checked.diagnostics,
                    file: origin,
                }
            }
            Err(e) => FileReport {
                valid: false,
                errors: 1,
                warnings: 0,
                roles: 0,
                transitions: 0,
                diagnostics: Diagnostics(vec![Diagnostic {
                    path: None,
                    ..Diagnostic::error("unreadable", "", format!("{e:#}"))
                }]),
                file: origin,
            },
        };
        if format == ReportFormat::Text {
            output::print(&output::diagnostics_text(&report.diagnostics, &report.file))?;
            let warnings = match report.warnings {
                0 => String::new(),
                n => format!(", {}", count(n, "warning")),
            };
            let summary = match (report.valid, lint) {
                (true, true) => format!(
                    "{}: valid, {}, {}{}",
                    report.file,
                    count(report.roles, "role"),
                    count(report.transitions, "transition"),
                    if warnings.is_empty() {
                        ", no warnings".to_owned()
                    } else {
                        warnings
                    }
                ),
                // `check` does not look for style warnings: it says so
                // rather than report none.
                (true, false) => format!(
                    "{}: valid, {}, {}; `ladder lint` also looks for style warnings",
                    report.file,
                    count(report.roles, "role"),
                    count(report.transitions, "transition"),
                ),
                (false, _) => format!(
                    "{}: invalid, {}{warnings}",
                    report.file,
                    count(report.errors, "error")
                ),
            };
            eprintln!("{summary}");
        }
        reports.push(report);
    }
    if format == ReportFormat::Json {
        output::print_json(&reports)?;
    }
    Ok(if reports.iter().any(|r| !r.valid) {
        Outcome::BadInput
    } else if strict && reports.iter().any(|r| r.warnings > 0) {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}
