//! `ladder diff OLD NEW`.

use std::fmt::Write;
use std::path::Path;

use anyhow::Result;
use ladder_core::diff::{ChangeKind, diff};

use crate::Outcome;
use crate::cli::DataFormat;
use crate::input;
use crate::output::{self, md_cell};

/// `ladder diff`.
pub fn run(old: &Path, new: &Path, format: DataFormat, exit_code: bool) -> Result<Outcome> {
    let (a, b) = (input::ladder(Some(old))?, input::ladder(Some(new))?);
    let changes = diff(a.get(), b.get());
    match format {
        DataFormat::Json => output::print_json(&changes)?,
        DataFormat::Markdown => {
            let mut out = format!(
                "# Changes from `{}` to `{}`\n\n",
                old.display(),
                new.display()
            );
            if changes.is_empty() {
                out.push_str("No differences.\n");
            } else {
                out.push_str("| | Section | Item | Field | Value |\n|---|---|---|---|---|\n");
                for c in &changes {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} | {} | {} |",
                        c.sign(),
                        c.section,
                        md_cell(&c.item),
                        md_cell(&c.field),
                        md_cell(&c.value_text())
                    );
                }
            }
            output::print(&out)?;
        }
        DataFormat::Table => {
            if changes.is_empty() {
                output::print("No differences.\n")?;
            } else {
                let mut t = output::table(&["", "Section", "Item", "Field", "Value"]);
                for c in &changes {
                    t.add_row(vec![
                        c.sign().to_owned(),
                        c.section.clone(),
                        c.item.clone(),
                        c.field.clone(),
                        c.value_text(),
                    ]);
                }
                let (added, removed) = (
                    changes
                        .iter()
                        .filter(|c| c.change == ChangeKind::Added)
                        .count(),
                    changes
                        .iter()
                        .filter(|c| c.change == ChangeKind::Removed)
                        .count(),
                );
                output::print(&format!(
                    "{t}\n{} change(s): {added} added, {removed} removed, {} changed\n",
                    changes.len(),
                    changes.len() - added - removed
                ))?;
            }
        }
    }
    Ok(if exit_code && !changes.is_empty() {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}
