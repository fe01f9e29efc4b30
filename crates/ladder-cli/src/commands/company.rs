//! `ladder company --size N|PROFILE`.

use std::fmt::Write;
use std::path::Path;

use anyhow::Result;
use ladder_core::company::{SizeSpec, view};

use crate::Outcome;
use crate::cli::DataFormat;
use crate::input;
use crate::output::{self, md_cell};

/// `ladder company`.
pub fn run(path: Option<&Path>, size: &str, format: DataFormat) -> Result<Outcome> {
    let loaded = input::ladder(path)?;
    let ladder = loaded.get();
    let spec: SizeSpec = size.parse().expect("parsing a size never fails");
    let v = view(ladder, &spec)?;
    let p = v.profile;
    let heading = match v.employees {
        Some(n) => format!("{} employees: {} ({} employees)", n, p.name, p.employees),
        None => format!("{} ({} employees)", p.name, p.employees),
    };
    match format {
        DataFormat::Json => output::print_json(&v)?,
        DataFormat::Markdown => {
            let mut out = format!("# {heading}\n\n");
            if let Some(l) = &p.levels {
                let _ = writeln!(out, "Levels: {l}.\n");
            }
            out.push_str("| Role | Title |\n|---|---|\n");
            for r in &v.roles {
                let _ = writeln!(out, "| `{}` | {} |", r.id, md_cell(&r.title));
            }
            if !v.relevel.is_empty() {
                out.push_str("\n## Titles re-level\n\n| Title held | Usually performs | Why |\n|---|---|---|\n");
                for r in v.relevel {
                    let d = if r.is_default { " (default)" } else { "" };
                    let _ = writeln!(
                        out,
                        "| {} | {} | {}{d} |",
                        r.title,
                        r.effective,
                        md_cell(&r.reason.text)
                    );
                }
            }
            if let Some(c) = &p.promotion_cycle {
                let _ = writeln!(out, "\n## Promotions\n\n{}", c.text);
            }
            if !p.notes.is_empty() {
                out.push_str("\n## Notes\n\n");
                for n in &p.notes {
                    let _ = writeln!(out, "- {}", n.text);
                }
            }
            output::print(&out)?;
        }
        DataFormat::Table => {
            let mut out = format!("{heading}\n");
            if let Some(l) = &p.levels {
                let _ = writeln!(out, "Usually {l} levels of product management.");
            }
            let mut t = output::table(&["Role", "Title"]);
            for r in &v.roles {
                t.add_row(vec![r.id.as_str(), r.title.as_str()]);
            }
            let _ = writeln!(out, "\nRoles that exist\n{t}");
            if !v.absent.is_empty() {
                let ids: Vec<&str> = v.absent.iter().map(|r| r.id.as_str()).collect();
                let _ = writeln!(out, "Not found at this size: {}", ids.join(", "));
            }
            if !v.relevel.is_empty() {
                let mut t = output::table(&["Title held", "Usually performs", "Why", "Basis"]);
                for r in v.relevel {
                    let basis = if r.is_default {
                        "default".to_owned()
                    } else {
                        let named: Vec<String> = r
                            .reason
                            .sources
                            .iter()
                            .map(|c| ladder_render::citation_words(ladder, c))
                            .collect();
                        named.join("; ")
                    };
                    t.add_row(vec![
                        r.title.to_string(),
                        r.effective.to_string(),
                        r.reason.text.clone(),
                        basis,
                    ]);
                }
                let _ = writeln!(out, "\nTitles re-level\n{t}");
            }
            if let Some(c) = &p.promotion_cycle {
                let _ = writeln!(out, "\nPromotions: {}", c.text);
            }
            if !p.notes.is_empty() {
                out.push_str("\nNotes\n");
                for n in &p.notes {
                    let _ = writeln!(out, "  • {}", n.text);
                }
            }
            output::print(&out)?;
        }
    }
    Ok(Outcome::Ok)
}
