//! `ladder check` and `ladder lint`: every problem of every file, each at
//! `FILE:LINE:COL`.
//!
//! Files are checked independently; an unreadable file counts as invalid and
//! the others are still checked. The exit code is the worst outcome over all
//! files: 2 for any error, else 1 for warnings under `--strict`, else 0.

use std::path::PathBuf;

use anyhow::Result;
use ladder_core::{Diagnostic, Diagnostics, check};
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

/// `ladder check` (`lint = false`) and `ladder lint`.
pub fn run(files: &[PathBuf], lint: bool, strict: bool, format: ReportFormat) -> Result<Outcome> {
    let mut reports = Vec::new();
    for path in files {
        let origin = path.display().to_string();
        let report = match input::read_text(path) {
            Ok(text) => {
                let checked = check(&text, lint);
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
            let summary = if report.valid {
                format!(
                    "{}: valid, {} roles, {} transitions, {} warning(s)",
                    report.file, report.roles, report.transitions, report.warnings
                )
            } else {
                format!(
                    "{}: invalid, {} error(s), {} warning(s)",
                    report.file, report.errors, report.warnings
                )
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
