//! `ladder compare FROM TO`.

use std::fmt::Write;
use std::path::Path;

use anyhow::Result;
use ladder_core::compare::compare;

use super::find_role;
use crate::Outcome;
use crate::cli::DataFormat;
use crate::{input, output};

/// `ladder compare`.
pub fn run(path: Option<&Path>, from: &str, to: &str, format: DataFormat) -> Result<Outcome> {
    let loaded = input::ladder(path)?;
    let ladder = loaded.get();
    let c = compare(ladder, find_role(ladder, from)?, find_role(ladder, to)?);
    match format {
        DataFormat::Json => output::print_json(&c)?,
        DataFormat::Markdown => output::print(&ladder_render::compare_markdown(ladder, &c))?,
        DataFormat::Table => {
            let mut out = format!(
                "{} ({}) → {} ({})\n",
                c.from.title, c.from.id, c.to.title, c.to.id
            );
            match c.transition {
                Some(t) => {
                    let _ = writeln!(out, "A {}.", ladder_render::move_phrase(t));
                }
                None => out.push_str("The ladder has no direct move between these roles.\n"),
            }
            if let Some(r) = c.readiness {
                out.push_str("\nReady when:\n");
                for f in &r.criteria {
                    let _ = writeln!(out, "  ☐ {}", f.text);
                }
            }
            let mut t = output::table(&["Aspect", &c.from.title, &c.to.title]);
            for a in &c.aspects {
                t.add_row(vec![a.aspect, a.from.as_str(), a.to.as_str()]);
            }
            let _ = writeln!(out, "\n{t}");
            if !c.competencies.is_empty() {
                let mut t = output::table(&[
                    "Competency",
                    c.from.title.as_str(),
                    c.to.title.as_str(),
                    "What the higher level looks like",
                ]);
                for r in &c.competencies {
                    let mark = if r.is_new() {
                        " (new at this step)"
                    } else if r.rises {
                        " ↑"
                    } else {
                        ""
                    };
                    t.add_row(vec![
                        r.name.clone(),
                        r.from_label(),
                        format!("{}{mark}", r.to_label()),
                        r.criteria.join("\n"),
                    ]);
                }
                let _ = writeln!(out, "\nCompetencies expected\n{t}");
            }
            for l in &c.lists {
                if l.only_from.is_empty() && l.only_to.is_empty() && l.shared.is_empty() {
                    continue;
                }
                let mut t = output::table(&[
                    &format!("{}: only {}", l.aspect, c.from.id),
                    &format!("only {}", c.to.id),
                ]);
                for i in 0..l.only_from.len().max(l.only_to.len()) {
                    let cell = |v: &Vec<String>| v.get(i).cloned().unwrap_or_default();
                    t.add_row(vec![cell(&l.only_from), cell(&l.only_to)]);
                }
                let _ = writeln!(out, "\n{t}");
                if !l.shared.is_empty() {
                    let _ = writeln!(out, "Both: {}", l.shared.join("; "));
                }
            }
            output::print(&out)?;
        }
    }
    Ok(Outcome::Ok)
}
