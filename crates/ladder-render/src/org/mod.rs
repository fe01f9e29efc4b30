//! The org report (`ladder org`) as text for a terminal, as Markdown, as
//! HTML with charts (see [`page`] and [`charts`]), and its findings as CSV.
//!
//! Every format reads the same way, top down: who was counted and against
//! which company size, the functions and the PM:engineer ratio, the
//! ladder's rungs, spans and layers, then every finding with its person and
//! reason, and the rows left out. The sentences and the list of findings
//! are made once here ([`findings`]) so the formats cannot drift apart. The
//! CSV holds the findings only (one row per flag, long stay or problem),
//! which is what goes into a spreadsheet.

mod charts;
mod page;

use std::borrow::Cow;
use std::fmt::Write;

use ladder_core::org::{OrgReport, PersonRef, Rung};
use ladder_core::roster::spreadsheet_safe;

use crate::markdown::cell;

pub use charts::{pyramid_svg, ratios_svg, spans_svg};
pub use page::{org_body_html, org_html};

/// One finding about a person: a flag or a long stay in level.
pub(crate) struct Finding<'a> {
    pub person: &'a PersonRef,
    /// The kind as data (`no-reports`, `long-in-level`).
    pub kind: &'static str,
    /// The kind in words.
    pub label: &'static str,
    /// Why.
    pub reason: Cow<'a, str>,
}

/// Every flag, then everyone long in their level.
pub(crate) fn findings(r: &OrgReport) -> impl Iterator<Item = Finding<'_>> {
    let flags = r.flags.iter().map(|f| Finding {
        person: &f.person,
        kind: f.kind.as_str(),
        label: f.kind.label(),
        reason: Cow::Borrowed(f.reason.as_str()),
    });
    let long = r.past_p90.iter().map(|t| Finding {
        person: &t.person,
        kind: "long-in-level",
        label: "Long in level",
        reason: Cow::Owned(format!(
            "{} years in the role; 90 in 100 simulated careers reach {} within {} years",
            t.years, t.next, t.p90
        )),
    });
    flags.chain(long)
}

pub(crate) fn who(p: &PersonRef) -> String {
    match &p.email {
        Some(e) => format!("{} <{e}>", p.name),
        None => p.name.clone(),
    }
}

/// "1 manager", "3 managers" ("person" → "people").
pub(crate) fn count(n: usize, noun: &str) -> String {
    match (n, noun) {
        (1, _) => format!("1 {noun}"),
        (_, "person") => format!("{n} people"),
        _ => format!("{n} {noun}s"),
    }
}

pub(crate) fn headline(r: &OrgReport) -> String {
    let mut out = format!(
        "{} people, compared with {}, {}.",
        r.people,
        ladder_core::org::with_article(&r.size.name.to_lowercase()),
        r.size.chosen_by
    );
    if r.left_out > 0 {
        let _ = write!(out, " {} rows left out (see the end).", r.left_out);
    }
    out
}

pub(crate) fn ratio_sentence(r: &OrgReport) -> String {
    let f = &r.functions;
    if f.engineering_ic + f.engineering_leads == 0 {
        return format!(
            "No engineers in the roster, so no PM to engineer ratio ({}).",
            count(f.product_ic, "IC product manager")
        );
    }
    let mut out = format!(
        "PM to engineer {} ({}, {}, {}; managers and executives of each function left out).",
        r.ratio.written,
        count(f.product_ic, "IC product manager"),
        count(f.engineering_ic, "IC engineer"),
        count(f.design_ic, "IC designer")
    );
    if let (Some(reference), Some(n)) = (&r.reference, r.ratio.engineers_per_pm) {
        let side = if n > reference.engineers_per_pm {
            "more engineers per PM than"
        } else {
            "within"
        };
        let _ = write!(
            out,
            " That is {side} the ladder's reference of 1:{} ({}: {}).",
            ladder_core::model::format_number(reference.engineers_per_pm),
            reference.sources.join("; "),
            reference.note.trim_end_matches('.')
        );
    }
    out
}

/// The rungs a table lists: those with people, and those with a note
/// (a rung the company size expects and nobody holds).
pub(crate) fn listed_rungs(r: &OrgReport) -> impl Iterator<Item = &Rung> {
    r.pyramid
        .iter()
        .filter(|x| x.people > 0 || x.note.is_some())
}

/// How each product leader's org was counted.
pub(crate) fn leader_orgs(r: &OrgReport) -> String {
    format!("A product leader's org counts {}.", r.leader_orgs)
}

/// Each benchmark of the ladder against the roster, a sentence each.
pub(crate) fn benchmark_lines(r: &OrgReport) -> Vec<String> {
    r.benchmarks
        .iter()
        .map(|b| {
            let ours = b.ours.map_or_else(
                || "not measurable here".to_owned(),
                ladder_core::model::format_number,
            );
            let verdict = match b.within {
                Some(true) => "within",
                Some(false) => "outside",
                None => "not compared with",
            };
            let from = if b.sources.is_empty() {
                String::new()
            } else {
                format!(" ({})", b.sources.join("; "))
            };
            format!(
                "{}: {ours}, {verdict} the benchmark of {}{from}: {}",
                b.label, b.reference, b.note
            )
        })
        .collect()
}

/// The report as Markdown.
pub fn org_markdown(r: &OrgReport) -> String {
    let mut out = String::from("# The product org against the ladder\n\n");
    let _ = writeln!(out, "{}\n", headline(r));
    let f = &r.functions;
    out.push_str(
        "## Functions\n\n| Function | Individual contributors | Leads |\n|---|---:|---:|\n",
    );
    let _ = writeln!(
        out,
        "| Product management | {} | {} |",
        f.product_ic, f.product_leads
    );
    let _ = writeln!(
        out,
        "| Engineering | {} | {} |",
        f.engineering_ic, f.engineering_leads
    );
    let _ = writeln!(out, "| Design | {} | {} |", f.design_ic, f.design_leads);
    let _ = writeln!(out, "| Adjacent roles | {} | |", f.adjacent);
    let _ = writeln!(out, "| Other | {} | |\n", f.other);
    let _ = writeln!(out, "{}\n", ratio_sentence(r));
    for line in benchmark_lines(r) {
        let _ = writeln!(out, "- {}", crate::markdown::inline(&line));
    }
    if !r.benchmarks.is_empty() {
        out.push('\n');
    }
    if !r.ratios_by_leader.is_empty() {
        let _ = writeln!(out, "{}\n", leader_orgs(r));
        out.push_str("| Product leader | IC PMs | IC engineers | IC designers | PM:engineer |\n|---|---:|---:|---:|---|\n");
        for x in &r.ratios_by_leader {
            let leader = x
                .leader
                .as_ref()
                .map_or_else(String::new, |l| format!("{} ({})", l.name, l.title));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&leader),
                x.product_ic,
                x.engineering_ic,
                x.design_ic,
                x.written
            );
        }
        out.push('\n');
    }
    out.push_str("## The ladder's rungs\n\n| Role | Track | People | Note |\n|---|---|---:|---|\n");
    for rung in listed_rungs(r) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(&rung.title),
            rung.track,
            rung.people,
            cell(rung.note.as_deref().unwrap_or(""))
        );
    }
    out.push_str("\n## Spans of control\n\n| Layer | Managers | Median reports | Fewest | Most |\n|---:|---:|---:|---:|---:|\n");
    for s in &r.spans.by_layer {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            s.layer, s.managers, s.median, s.min, s.max
        );
    }
    let list = |people: &[PersonRef]| -> String {
        people
            .iter()
            .map(|p| cell(&who(p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if !r.spans.one_report.is_empty() {
        let _ = writeln!(
            out,
            "\nManagers with one report: {}.",
            list(&r.spans.one_report)
        );
    }
    if !r.spans.no_manager.is_empty() {
        let _ = writeln!(
            out,
            "\nNo manager in the roster: {}.",
            list(&r.spans.no_manager)
        );
    }
    out.push_str("\n## Layers\n\n");
    match &r.layers.top {
        Some(top) => {
            let _ = writeln!(
                out,
                "Top product leader: {} ({}).\n",
                cell(&who(top)),
                cell(&top.title)
            );
            for (layers, n) in &r.layers.ics_by_layers {
                let _ = writeln!(
                    out,
                    "- {} {} below",
                    count(*n, "IC product manager"),
                    count(*layers as usize, "layer")
                );
            }
            if r.layers.outside > 0 {
                let _ = writeln!(
                    out,
                    "- {} outside the top leader's org",
                    count(r.layers.outside, "IC product manager")
                );
            }
        }
        None => out.push_str("No product managers in the roster.\n"),
    }
    out.push_str("\n## Flags\n\n");
    if r.flags.is_empty() && r.past_p90.is_empty() {
        out.push_str("None.\n");
    } else {
        out.push_str("| Person | Title | Flag | Why |\n|---|---|---|---|\n");
        for f in findings(r) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                cell(&who(f.person)),
                cell(&f.person.title),
                f.label,
                cell(&f.reason)
            );
        }
    }
    if !r.problems.is_empty() {
        out.push_str("\n## Rows with problems\n\n");
        for p in &r.problems {
            let _ = writeln!(out, "- {}", crate::markdown::inline(&p.to_string()));
        }
    }
    out
}

/// The report as text for a terminal: the Markdown without its table
/// syntax would lose the alignment, so tables are laid out in columns.
pub fn org_text(r: &OrgReport) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", headline(r));
    let f = &r.functions;
    let _ = writeln!(out, "{:<22} {:>6} {:>6}", "function", "IC", "leads");
    for (name, ic, leads) in [
        ("product management", f.product_ic, f.product_leads),
        ("engineering", f.engineering_ic, f.engineering_leads),
        ("design", f.design_ic, f.design_leads),
    ] {
        let _ = writeln!(out, "{name:<22} {ic:>6} {leads:>6}");
    }
    let _ = writeln!(out, "{:<22} {:>6}", "adjacent roles", f.adjacent);
    let _ = writeln!(out, "{:<22} {:>6}\n", "other", f.other);
    let _ = writeln!(out, "{}\n", ratio_sentence(r));
    for line in benchmark_lines(r) {
        let _ = writeln!(out, "{line}");
    }
    if !r.ratios_by_leader.is_empty() {
        let _ = writeln!(out, "{}", leader_orgs(r));
    }
    for x in &r.ratios_by_leader {
        if let Some(l) = &x.leader {
            let _ = writeln!(
                out,
                "  {:<40} {:>5} PMs {:>6} engineers  {}",
                format!("{} ({})", l.name, l.title),
                x.product_ic,
                x.engineering_ic,
                x.written
            );
        }
    }
    out.push_str("\nrungs\n");
    for rung in listed_rungs(r) {
        let _ = writeln!(
            out,
            "  {:<40} {:<10} {:>6}  {}",
            rung.title,
            rung.track,
            rung.people,
            rung.note.as_deref().unwrap_or("")
        );
    }
    out.push_str("\nspans of control (layer: managers, median, fewest–most reports)\n");
    for s in &r.spans.by_layer {
        let _ = writeln!(
            out,
            "  {:>3}: {:>6}, {:>5}, {}–{}",
            s.layer, s.managers, s.median, s.min, s.max
        );
    }
    let _ = writeln!(
        out,
        "  {} with one report; {} with no manager",
        count(r.spans.one_report.len(), "manager"),
        count(r.spans.no_manager.len(), "person")
    );
    if let Some(top) = &r.layers.top {
        let _ = writeln!(
            out,
            "\nlayers below the top product leader, {} ({})",
            top.name, top.title
        );
        for (layers, n) in &r.layers.ics_by_layers {
            let _ = writeln!(out, "  {layers:>3}: {}", count(*n, "IC product manager"));
        }
        if r.layers.outside > 0 {
            let _ = writeln!(out, "  outside their org: {}", r.layers.outside);
        }
    }
    let _ = writeln!(out, "\nflags ({})", r.flags.len() + r.past_p90.len());
    for f in findings(r) {
        let _ = writeln!(
            out,
            "  {} — {} [{}]: {}",
            who(f.person),
            f.person.title,
            f.kind,
            f.reason
        );
    }
    if !r.problems.is_empty() {
        let _ = writeln!(out, "\nrows with problems ({})", r.problems.len());
        for p in &r.problems {
            let _ = writeln!(out, "  {p}");
        }
    }
    out
}

/// The findings as CSV: one row per flag, long stay in level, and problem.
pub fn org_csv(r: &OrgReport) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(["finding", "row", "name", "email", "title", "reason"])?;
    for f in findings(r) {
        let p = f.person;
        w.write_record([
            f.kind,
            &p.row.to_string(),
            &spreadsheet_safe(p.name.as_str()),
            p.email.as_deref().unwrap_or(""),
            &spreadsheet_safe(p.title.as_str()),
            &f.reason,
        ])?;
    }
    for p in &r.problems {
        w.write_record([
            "problem",
            &p.row.to_string(),
            "",
            "",
            "",
            &format!("{}: {}", p.field, p.message),
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
