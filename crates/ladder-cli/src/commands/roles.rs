//! `ladder roles` and `ladder role ID`.

use std::fmt::Write;
use std::path::Path;

use anyhow::Result;
use ladder_core::article::Articles;
use ladder_core::model::{Tier, Track};
use ladder_core::record::RoleRecord;

use super::find_role;
use crate::Outcome;
use crate::cli::DataFormat;
use crate::input;
use crate::output::{self, md_cell};

/// `ladder roles`.
pub fn list(
    path: Option<&Path>,
    track: Option<Track>,
    tier: Option<Tier>,
    format: DataFormat,
) -> Result<Outcome> {
    let loaded = input::ladder(path)?;
    let ladder = loaded.get();
    let records: Vec<RoleRecord> = RoleRecord::all(ladder)
        .into_iter()
        .filter(|r| track.is_none_or(|t| r.track == t.as_str()))
        .filter(|r| tier.is_none_or(|t| r.tier == t.as_str()))
        .collect();
    // Columns a company's ladder may not have are left out: no empty
    // "Scope" column for a ladder without scopes, a "Code" and "Family"
    // column for one with level codes and job families.
    let has_code = records.iter().any(|r| r.code.is_some());
    let has_family = records.iter().any(|r| r.family_name.is_some());
    let has_scope = records.iter().any(|r| r.scope.is_some());
    let mut header = vec!["Id", "Title"];
    header.extend(has_code.then_some("Code"));
    header.extend(has_family.then_some("Family"));
    header.extend(["Tier", "Track"]);
    header.extend(has_scope.then_some("Scope"));
    let cells = |r: &RoleRecord| {
        let mut row = vec![r.id.clone(), r.title.clone()];
        if has_code {
            row.push(r.code.clone().unwrap_or_default());
        }
        if has_family {
            row.push(r.family_name.clone().unwrap_or_default());
        }
        row.extend([r.tier.to_owned(), r.track.to_owned()]);
        if has_scope {
            row.push(r.scope.unwrap_or("").to_owned());
        }
        row
    };
    match format {
        DataFormat::Json => output::print_json(&records)?,
        DataFormat::Markdown => {
            let mut out = format!(
                "| {} |\n|{}\n",
                header.join(" | "),
                "---|".repeat(header.len())
            );
            for r in &records {
                let mut row = cells(r);
                row[0] = format!("`{}`", row[0]);
                for c in row.iter_mut().skip(1) {
                    *c = if c.is_empty() {
                        "–".to_owned()
                    } else {
                        md_cell(c)
                    };
                }
                let _ = writeln!(out, "| {} |", row.join(" | "));
            }
            output::print(&out)?;
        }
        DataFormat::Table => {
            let mut t = output::table(&[header.as_slice(), &["Next"]].concat());
            for r in &records {
                let next: Vec<&str> = r.next.iter().map(|m| m.to.as_str()).collect();
                let mut row = cells(r);
                row.push(next.join(", "));
                t.add_row(row);
            }
            output::print(&format!("{t}\n"))?;
        }
    }
    Ok(Outcome::Ok)
}

/// `ladder role ID --sources [--sources-dir DIR]`.
pub fn show_sources(path: Option<&Path>, id: &str, dir: Option<&Path>) -> Result<Outcome> {
    let loaded = input::ladder(path)?;
    let ladder = loaded.get();
    let role = find_role(ladder, id)?;
    let articles = match dir {
        Some(dir) => input::articles(ladder, dir)?,
        None => Articles::new(),
    };
    output::print(&ladder_render::role_sources_text(ladder, role, &articles))?;
    Ok(Outcome::Ok)
}

/// `ladder role ID`.
pub fn show(path: Option<&Path>, id: &str, format: DataFormat) -> Result<Outcome> {
    let loaded = input::ladder(path)?;
    let ladder = loaded.get();
    let role = find_role(ladder, id)?;
    match format {
        DataFormat::Json => {
            let level = ladder.levels().get(role.id.as_str()).copied().unwrap_or(0);
            output::print_json(&RoleRecord::new(ladder, role, level))?;
        }
        DataFormat::Markdown => output::print(&ladder_render::role_markdown(ladder, role))?,
        DataFormat::Table => output::print(&ladder_render::role_text(ladder, role))?,
    }
    Ok(Outcome::Ok)
}
