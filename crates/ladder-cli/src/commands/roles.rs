//! `ladder roles` and `ladder role ID`.

use std::fmt::Write;
use std::path::Path;

use anyhow::{Result, bail};
use ladder_core::model::Fact;
use ladder_core::record::RoleRecord;
use ladder_core::{Ladder, Role};

use super::find_role;
use crate::Outcome;
use crate::cli::DataFormat;
use crate::input;
use crate::output::{self, md_cell};

/// `ladder roles`.
pub fn list(
    path: Option<&Path>,
    track: Option<String>,
    tier: Option<String>,
    format: DataFormat,
) -> Result<Outcome> {
    let loaded = input::ladder(path)?;
    let ladder = loaded.get();
    for (given, known, what) in [
        (
            &track,
            ["ic", "management", "off-ramp", "adjacent"].as_slice(),
            "track",
        ),
        (
            &tier,
            [
                "entry",
                "mid",
                "tenured",
                "leadership",
                "executive",
                "beyond",
                "adjacent",
            ]
            .as_slice(),
            "tier",
        ),
    ] {
        if let Some(g) = given
            && !known.contains(&g.as_str())
        {
            bail!("unknown {what} `{g}`; use one of: {}", known.join(", "));
        }
    }
    let records: Vec<RoleRecord> = RoleRecord::all(ladder)
        .into_iter()
        .filter(|r| track.as_deref().is_none_or(|t| r.track == t))
        .filter(|r| tier.as_deref().is_none_or(|t| r.tier == t))
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
        DataFormat::Table => output::print(&role_text(ladder, role))?,
    }
    Ok(Outcome::Ok)
}

fn facts(out: &mut String, heading: &str, list: &[Fact]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    for f in list {
        let cite = if f.sources.is_empty() {
            String::new()
        } else {
            format!("  [{}]", f.sources.join(", "))
        };
        let _ = writeln!(out, "  • {}{cite}", f.text);
    }
}

/// A role as plain text for the terminal.
fn role_text(ladder: &Ladder, role: &Role) -> String {
    let mut out = format!(
        "{} ({})\ntier {} · track {}",
        role.title,
        role.id,
        role.tier.as_str(),
        role.track.as_str()
    );
    if !role.aliases.is_empty() {
        let _ = write!(out, " · also called: {}", role.aliases.join(", "));
    }
    out.push('\n');
    if let Some(s) = &role.summary {
        let _ = writeln!(out, "\n{}", s.text);
    }
    let mut rows: Vec<(&str, String)> = Vec::new();
    if let Some(s) = &role.scope {
        rows.push(("Scope", format!("{}: {}", s.level.as_str(), s.text)));
    }
    if let Some(h) = &role.planning_horizon {
        rows.push((
            "Planning horizon",
            format!("{} months: {}", h.months, h.text),
        ));
    }
    if let Some(y) = role.experience.as_ref().and_then(|e| e.years.as_ref()) {
        rows.push(("Experience", format!("{y} years")));
    }
    let ids = |v: &[ladder_core::RoleId]| {
        v.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !role.reports_to.is_empty() {
        rows.push(("Reports to", ids(&role.reports_to)));
    }
    if !role.manages.is_empty() {
        rows.push(("Manages", ids(&role.manages)));
    }
    if let Some(s) = &role.salary {
        rows.push(("Salary", format!("{} {} a year", s.range, s.currency)));
    }
    if !rows.is_empty() {
        out.push('\n');
        for (k, v) in rows {
            let _ = writeln!(out, "{k:<17}{v}");
        }
    }
    facts(&mut out, "Responsibilities", &role.responsibilities);
    facts(&mut out, "Skills", &role.skills);
    if let Some(e) = &role.experience {
        facts(&mut out, "Experience", &e.notes);
    }
    facts(&mut out, "Education", &role.education);
    let moves: Vec<_> = ladder.transitions_from(role.id.as_str()).collect();
    if !moves.is_empty() {
        out.push_str("\nNext steps\n");
        for t in moves {
            let years = t
                .years
                .as_ref()
                .map(|y| format!(", typically after {y} years"))
                .unwrap_or_default();
            let _ = writeln!(out, "  → {} ({}{years})", t.to, t.kind.as_str());
            if let Some(r) = role.readiness_for(t.to.as_str()) {
                for f in &r.criteria {
                    let _ = writeln!(out, "      ☐ {}", f.text);
                }
            }
        }
    }
    facts(
        &mut out,
        "In job descriptions",
        &role.job_description_themes,
    );
    facts(&mut out, "Notes", &role.notes);
    for d in ladder
        .disagreements
        .iter()
        .filter(|d| d.roles.contains(&role.id))
    {
        facts(
            &mut out,
            &format!("The sources disagree: {}", d.topic),
            &d.views,
        );
    }
    let sources = ladder.role_sources(role);
    if !sources.is_empty() {
        let _ = writeln!(out, "\nSources: {}", sources.join(", "));
    }
    out
}
