//! `ladder diff OLD NEW`.

use std::fmt::Write;
use std::path::Path;

use anyhow::Result;
use ladder_core::diff::{Change, ChangeKind, diff};
use serde_json::Value;

use crate::Outcome;
use crate::cli::DataFormat;
use crate::input;
use crate::output::{self, md_cell};

/// A value as one line of text: a fact by its text, a string as itself.
fn show(v: Option<&Value>) -> String {
    match v {
        None => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(v) if v.get("text").and_then(Value::as_str).is_some() => {
            v["text"].as_str().unwrap_or("").to_owned()
        }
        Some(v) if v.get("id").is_some() && v.get("title").is_some() => {
            format!(
                "{} ({})",
                v["title"].as_str().unwrap_or(""),
                v["id"].as_str().unwrap_or("")
            )
        }
        // A move: "promotion", with its years when the ladder gives them.
        Some(v) if v.get("from").is_some() && v.get("kind").is_some() => {
            let kind = v["kind"].as_str().unwrap_or("move");
            match v.get("years") {
                Some(years) => format!("{kind}, {}", show(Some(years))),
                None => kind.to_owned(),
            }
        }
        // A pay band: "London: 60000–75000 GBP".
        Some(v) if v.get("zone").is_some() => format!(
            "{}: {} {}",
            v["zone"].as_str().unwrap_or(""),
            show(v.get("range")),
            v.get("currency").and_then(Value::as_str).unwrap_or("")
        ),
        // A range: "2–4 years" without the unit, which the field names.
        Some(v) if v.get("min").and_then(Value::as_f64).is_some() => {
            match serde_json::from_value::<ladder_core::model::ValueRange>(v.clone()) {
                Ok(range) => range.to_string(),
                Err(_) => v.to_string(),
            }
        }
        Some(v) if v.get("name").and_then(Value::as_str).is_some() => {
            let name = v["name"].as_str().unwrap_or("");
            match v.get("id").and_then(Value::as_str) {
                Some(id) => format!("{name} ({id})"),
                None => name.to_owned(),
            }
        }
        Some(v) => v.to_string(),
    }
}

fn value_text(c: &Change) -> String {
    match c.change {
        ChangeKind::Added => show(c.new.as_ref()),
        ChangeKind::Removed => show(c.old.as_ref()),
        ChangeKind::Changed => format!("{} → {}", show(c.old.as_ref()), show(c.new.as_ref())),
    }
}

fn sign(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => "+",
        ChangeKind::Removed => "-",
        ChangeKind::Changed => "~",
    }
}

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
                        sign(c.change),
                        c.section,
                        md_cell(&c.item),
                        md_cell(&c.field),
                        md_cell(&value_text(c))
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
                        sign(c.change).to_owned(),
                        c.section.clone(),
                        c.item.clone(),
                        c.field.clone(),
                        value_text(c),
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
