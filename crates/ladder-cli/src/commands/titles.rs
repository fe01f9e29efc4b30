//! `ladder title TITLE`: one job title to its role.

use std::fmt::Write;
use std::path::Path;

use anyhow::Result;
use ladder_core::company::{SizeSpec, profile};
use ladder_core::resolve::{Resolver, Scratch, write_json};

use crate::Outcome;
use crate::cli::DataFormat;
use crate::{input, output};

/// The resolver for `--ladder FILE`, or the built-in one.
pub fn resolver(loaded: &input::Loaded) -> Result<Resolver> {
    Ok(match loaded {
        input::Loaded::Embedded(_) => Resolver::embedded().clone(),
        input::Loaded::File(l) => Resolver::new(l)?,
    })
}

/// `ladder title`.
pub fn one(
    path: Option<&Path>,
    title: &str,
    size: Option<&str>,
    format: DataFormat,
) -> Result<Outcome> {
    let loaded = input::ladder(path)?;
    let ladder = loaded.get();
    let resolver = resolver(&loaded)?;
    let table = match size {
        Some(s) => {
            let spec: SizeSpec = s.parse().expect("parsing a size never fails");
            Some(resolver.relevel_table(profile(ladder, &spec)?))
        }
        None => None,
    };
    let mut scratch = Scratch::default();
    let r = resolver.resolve(title, &mut scratch);
    let relevel = table.as_ref().map(|t| &t[r.role as usize]);
    match format {
        DataFormat::Json => {
            let mut buf = Vec::new();
            write_json(&mut buf, &resolver, &r, relevel, None);
            let value: serde_json::Value = serde_json::from_slice(&buf)?;
            output::print_json(&value)?;
        }
        DataFormat::Table | DataFormat::Markdown => {
            let mut out = String::new();
            let title_of = |id: &str| {
                ladder
                    .role(id)
                    .map_or("(not a role of the ladder)".to_owned(), |r| r.title.clone())
            };
            let role = resolver.role_id(r.role);
            let rows = [
                ("title", r.title.to_owned()),
                ("role", format!("{role} — {}", title_of(role))),
                ("function", r.function.as_str().to_owned()),
                ("confidence", format!("{:.2}", r.confidence)),
                (
                    "seniority",
                    r.seniority
                        .map(|w| resolver.word_name(w).to_owned())
                        .unwrap_or_default(),
                ),
                ("area", r.area.unwrap_or("").to_owned()),
                (
                    "alternatives",
                    r.alternatives()
                        .iter()
                        .map(|(ix, s)| format!("{} ({s:.2})", resolver.role_id(*ix)))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            ];
            let md = format == DataFormat::Markdown;
            if md {
                out.push_str("| | |\n|---|---|\n");
            }
            for (k, v) in rows.iter().filter(|(_, v)| !v.is_empty()) {
                if md {
                    let _ = writeln!(out, "| {k} | {} |", output::md_cell(v));
                } else {
                    let _ = writeln!(out, "{k:<14}{v}");
                }
            }
            if let Some(rl) = relevel {
                let eff = resolver.role_id(rl.effective);
                let why = rl
                    .reason
                    .clone()
                    .unwrap_or_else(|| "no re-levelling at this company size".to_owned());
                if md {
                    let _ = writeln!(
                        out,
                        "| effective role | {eff} |\n| why | {} |",
                        output::md_cell(&why)
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "{:<14}{eff} — {}\n{:<14}{why}",
                        "effective role",
                        title_of(eff),
                        "why"
                    );
                }
            }
            if let Some(e) = r.error {
                let _ = writeln!(out, "{:<14}{e}", "error");
            }
            output::print(&out)?;
        }
    }
    Ok(Outcome::Ok)
}
