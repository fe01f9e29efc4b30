//! `ladder user import ROSTER`: an HR export brought into the app's people.
//!
//! The command reads the file, asks the application layer for the plan (and
//! to write it, with `--apply`) and prints it: counts first, then every row
//! that stops the import, then who is added, changed and deactivated, and
//! the roles to confirm. Long lists are cut to their first lines in the
//! report (`--format json` has everyone). Roles are shown by their titles.

use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Result, anyhow};
use ladder_app::import::{ImportChoice, ImportReport};
use ladder_app::{Actor, App};
use ladder_core::Ladder;
use ladder_core::roster::HeaderMap;
use ladder_core::roster::import::{FieldChange, Planned, What};

use super::org::read_roster;
use super::serve::{open_app, printable, runtime};
use crate::Outcome;
use crate::cli::ImportFormat;

/// Lines shown per list in the report.
const SHOWN: usize = 25;

/// What `ladder user import` was asked.
pub struct ImportArgs<'a> {
    pub roster: &'a Path,
    pub apply: bool,
    pub deactivate_missing: bool,
    pub map: &'a [String],
    pub threshold: Option<f32>,
    pub format: ImportFormat,
    pub db: &'a str,
}

/// `ladder user import`.
pub fn run(a: &ImportArgs<'_>) -> Result<Outcome> {
    let map = HeaderMap::parse(a.map.iter().map(String::as_str))?;
    let roster = read_roster(a.roster, &map)?;
    let source = a.roster.file_name().map_or_else(
        || "standard input".to_owned(),
        |n| n.to_string_lossy().into_owned(),
    );
    let choice = ImportChoice {
        apply: a.apply,
        deactivate_missing: a.deactivate_missing,
        threshold: a.threshold,
        source: source.clone(),
        planned_against: None,
    };
    runtime()?.block_on(async {
        let app: std::sync::Arc<App> = open_app(a.db).await?;
        let report = app.import_roster(Actor::Shell, roster, choice).await;
        let ladder = app.ladder().ladder.clone();
        app.close().await;
        let report = report.map_err(|e| anyhow!("{source}: {e}"))?;
        match a.format {
            ImportFormat::Json => {
                let mut out = serde_json::to_string_pretty(&report)?;
                out.push('\n');
                print!("{out}");
            }
            ImportFormat::Table => print!("{}", text(&report, &ladder, &source, a.apply)),
        }
        Ok(if report.summary.blocking > 0 {
            Outcome::BadInput
        } else {
            Outcome::Ok
        })
    })
}

/// A role id as its title on the ladder.
fn role_title(ladder: &Ladder, id: &str) -> String {
    ladder
        .role(id)
        .map_or_else(|| id.to_owned(), |r| r.title.clone())
}

/// A value of a change, in words.
fn shown(ladder: &Ladder, field: What, v: Option<&str>) -> String {
    match (field, v) {
        (_, None) => "none".to_owned(),
        (What::Role, Some(id)) => role_title(ladder, id),
        (_, Some(v)) => printable(v),
    }
}

/// `row 3  Ada Lovelace <ada@acme.io>`.
fn who(p: &Planned) -> String {
    format!(
        "row {}  {} <{}>",
        p.row,
        printable(&p.name),
        printable(&p.email)
    )
}

/// The changes of a person, in one line.
fn changes(ladder: &Ladder, changes: &[FieldChange]) -> String {
    changes
        .iter()
        .map(|c| {
            format!(
                "{} {} → {}",
                c.field.label(),
                shown(ladder, c.field, c.before.as_deref()),
                shown(ladder, c.field, c.after.as_deref())
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Writes a titled list, cut to [`SHOWN`] lines.
fn list<T>(out: &mut String, title: &str, items: &[T], line: impl Fn(&T) -> String) {
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{title} ({}):", items.len());
    for item in items.iter().take(SHOWN) {
        let _ = writeln!(out, "  {}", line(item));
    }
    if items.len() > SHOWN {
        let _ = writeln!(
            out,
            "  … and {} more (--format json lists everyone)",
            items.len() - SHOWN
        );
    }
}

/// The report for the terminal.
fn text(r: &ImportReport, ladder: &Ladder, source: &str, apply: bool) -> String {
    let s = &r.summary;
    let mut out = String::new();
    // "to be" while nothing is written: a dry run, or a write refused.
    let verb = if r.applied || (apply && s.blocking == 0) {
        ""
    } else {
        "to be "
    };
    let _ = writeln!(
        out,
        "{source}: {}; {} {verb}added, {} {verb}changed, {} unchanged, {} {verb}deactivated; {} roles to confirm",
        ladder_app::import::rows(s.rows),
        s.added,
        s.changed,
        s.unchanged,
        s.deactivated,
        s.to_confirm
    );
    let blocking: Vec<_> = r.plan.blocking().collect();
    list(
        &mut out,
        "Rows that cannot be imported (fix them in the file and run again)",
        &blocking,
        |p| p.to_string().replace(" (row left out)", ""),
    );
    let warnings: Vec<_> = r.plan.problems.iter().filter(|p| !p.left_out).collect();
    list(
        &mut out,
        "Warnings (these rows are imported without the field)",
        &warnings,
        ToString::to_string,
    );
    let added: Vec<&Planned> = r.plan.added().collect();
    list(&mut out, "Added", &added, |p| {
        let title = p.title.as_deref().map(printable).unwrap_or_default();
        let role = match &p.role {
            Some(role) => match role_title(ladder, role) {
                same if same.eq_ignore_ascii_case(&title) => "on the ladder".to_owned(),
                other => format!("role: {other}"),
            },
            None if p.to_confirm.is_some() => "role to confirm".to_owned(),
            None => "no role on the ladder".to_owned(),
        };
        format!("{}  {title} ({role})", who(p))
    });
    let changed: Vec<&Planned> = r.plan.changed().collect();
    list(&mut out, "Changed", &changed, |p| {
        format!("{}: {}", who(p), changes(ladder, &p.changes))
    });
    list(&mut out, "Deactivated", &r.plan.leaving, |l| {
        format!("{} <{}>", printable(&l.name), printable(&l.email))
    });
    let confirm: Vec<&Planned> = r.plan.to_confirm().collect();
    list(
        &mut out,
        "Roles to confirm (the title resolver was not sure; confirm them on the admin page)",
        &confirm,
        |p| {
            let g = p.to_confirm.as_ref().expect("listed for its guess");
            format!(
                "{}  \"{}\": {}? ({} % sure)",
                who(p),
                p.title.as_deref().map(printable).unwrap_or_default(),
                role_title(ladder, &g.role),
                g.confidence
            )
        },
    );
    let _ = writeln!(out);
    if r.applied {
        let _ = writeln!(
            out,
            "Written in one transaction ({} new teams).",
            s.teams_made
        );
    } else if s.blocking > 0 {
        let _ = writeln!(
            out,
            "Nothing was written: {} cannot be imported.",
            ladder_app::import::rows(s.blocking)
        );
    } else if r.plan.is_empty() {
        let _ = writeln!(out, "Nothing to change: the app already matches the file.");
    } else if apply {
        let _ = writeln!(out, "Nothing was written.");
    } else {
        let _ = writeln!(
            out,
            "Nothing was written (a dry run). Run again with --apply to write it."
        );
    }
    out
}
