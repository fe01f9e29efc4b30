//! `ladder roles` and `ladder role ID`.

use std::fmt::Write;
use std::path::Path;

use anyhow::Result;
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
    match format {
        DataFormat::Json => output::print_json(&records)?,
        DataFormat::Markdown => {
            let mut out =
                String::from("| Id | Title | Tier | Track | Scope |\n|---|---|---|---|---|\n");
            for r in &records {
                let _ = writeln!(
                    out,
                    "| `{}` | {} | {} | {} | {} |",
                    r.id,
                    md_cell(&r.title),
                    r.tier,
                    r.track,
                    r.scope.unwrap_or("–")
                );
            }
            output::print(&out)?;
        }
        DataFormat::Table => {
            let mut t = output::table(&["Id", "Title", "Tier", "Track", "Scope", "Next"]);
            for r in &records {
                let next: Vec<&str> = r.next.iter().map(|m| m.to.as_str()).collect();
                t.add_row(vec![
                    r.id.clone(),
                    r.title.clone(),
                    r.tier.to_owned(),
                    r.track.to_owned(),
                    r.scope.unwrap_or("").to_owned(),
                    next.join(", "),
                ]);
            }
            output::print(&format!("{t}\n"))?;
        }
    }
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
