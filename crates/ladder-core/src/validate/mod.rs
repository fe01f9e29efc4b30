//! Semantic checks of a ladder: the things a TOML parser and serde cannot see.
//!
//! Every check runs and reports all it finds, so one `ladder check` shows every
//! problem of a file. Each diagnostic is addressed by model path; the loader
//! places it in the text. The checks are: id spelling and uniqueness, references
//! to roles and sources, self-moves, cycles among climbing moves, roles no entry
//! point reaches, inverted or negative ranges, empty text, overlapping company
//! sizes and the format version.
//!
//! `mod.rs` holds the entry point and the id and reference checks; `graph`
//! the moves between roles (self-moves, cycles, reachability); `values` the
//! numbers and text; `tables` the simulation and competency tables.

mod competencies;
mod graph;
mod tables;
mod values;

use competencies::{check_competencies, check_families};
use graph::{check_cycles, check_reachability, check_transitions};
use tables::check_simulation;
use values::{check_company_sizes, check_ranges, check_text};

use std::collections::{HashMap, HashSet};

use crate::file::Diagnostic;
use crate::file::walk::{self, suggest};
use crate::model::{FORMAT_VERSION, Ladder, is_valid_id};

/// Every error in a ladder that has deserialised.
pub fn validate(l: &Ladder) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if l.ladder.format != FORMAT_VERSION {
        out.push(
            Diagnostic::error(
                "unsupported-format",
                "ladder.format",
                format!("format version {} is not supported", l.ladder.format),
            )
            .with_hint(format!("this build reads format {FORMAT_VERSION}")),
        );
    }
    if l.roles.is_empty() {
        out.push(
            Diagnostic::error("no-roles", "roles", "the ladder has no roles")
                .with_hint("add at least one [[roles]] table"),
        );
    }
    check_ids(l, &mut out);
    check_references(l, &mut out);
    check_transitions(l, &mut out);
    check_cycles(l, &mut out);
    check_reachability(l, &mut out);
    check_ranges(l, &mut out);
    check_text(l, &mut out);
    check_company_sizes(l, &mut out);
    out.extend(crate::resolve::check(l));
    check_simulation(l, &mut out);
    check_families(l, &mut out);
    check_competencies(l, &mut out);
    out
}

fn check_unique<'a>(
    out: &mut Vec<Diagnostic>,
    what: &str,
    items: impl Iterator<Item = (String, &'a str)>,
) {
    let mut seen: HashMap<&str, String> = HashMap::new();
    for (path, id) in items {
        if !is_valid_id(id) {
            out.push(
                Diagnostic::error("bad-id", path.clone(), format!("{what} id `{id}` is not a valid id"))
                    .with_hint("use lowercase letters and digits, words joined by single hyphens (`senior-pm`)"),
            );
        }
        if let Some(first) = seen.get(id) {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    path,
                    format!("{what} id `{id}` is defined twice"),
                )
                .with_hint(format!(
                    "the first definition is at `{first}`; rename or remove one"
                )),
            );
        } else {
            seen.insert(id, path);
        }
    }
}

fn check_ids(l: &Ladder, out: &mut Vec<Diagnostic>) {
    fn en(prefix: &'static str) -> impl Fn((usize, &str)) -> (String, &str) {
        move |(i, id)| (format!("{prefix}[{i}].id"), id)
    }
    check_unique(
        out,
        "role",
        l.roles
            .iter()
            .map(|r| r.id.as_str())
            .enumerate()
            .map(en("roles")),
    );
    check_unique(
        out,
        "source",
        l.sources
            .iter()
            .map(|s| s.id.as_str())
            .enumerate()
            .map(en("sources")),
    );
    check_unique(
        out,
        "company size",
        l.company_sizes
            .iter()
            .map(|c| c.id.as_str())
            .enumerate()
            .map(en("company_sizes")),
    );
    check_unique(
        out,
        "entry point",
        l.entry_points
            .iter()
            .map(|e| e.id.as_str())
            .enumerate()
            .map(en("entry_points")),
    );
    check_unique(
        out,
        "disagreement",
        l.disagreements
            .iter()
            .map(|d| d.id.as_str())
            .enumerate()
            .map(en("disagreements")),
    );
    check_unique(
        out,
        "driver",
        l.organisation
            .drivers_of_variance
            .iter()
            .map(|d| d.id.as_str())
            .enumerate()
            .map(en("organisation.drivers_of_variance")),
    );
    for (i, r) in l.roles.iter().enumerate() {
        let mut seen = HashSet::new();
        for (j, rd) in r.readiness.iter().enumerate() {
            if !seen.insert(rd.to.as_str()) {
                out.push(
                    Diagnostic::error(
                        "duplicate-id",
                        format!("roles[{i}].readiness[{j}].to"),
                        format!("role `{}` has two readiness lists for `{}`", r.id, rd.to),
                    )
                    .with_hint("merge the criteria into one [[roles.readiness]] table"),
                );
            }
        }
    }
}

fn check_references(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let role_ids: Vec<&str> = l.roles.iter().map(|r| r.id.as_str()).collect();
    // A set: a company ladder has tens of thousands of expectations, each a
    // reference to check.
    let known: HashSet<&str> = role_ids.iter().copied().collect();
    for (path, id) in walk::role_refs(l) {
        if !known.contains(id) {
            let hint = match suggest(id, role_ids.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("use one of the role ids: {}", role_ids.join(", ")),
            };
            out.push(
                Diagnostic::error("unknown-role", path, format!("no role has the id `{id}`"))
                    .with_hint(hint),
            );
        }
    }
    let source_ids: Vec<&str> = l.sources.iter().map(|s| s.id.as_str()).collect();
    let mut unknown_source = |path: String, id: &str| {
        if !source_ids.contains(&id) {
            let hint = match suggest(id, source_ids.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "declare it in a [[sources]] table, or cite a declared one".to_owned(),
            };
            out.push(
                Diagnostic::error(
                    "unknown-source",
                    path,
                    format!("no source has the id `{id}`"),
                )
                .with_hint(hint),
            );
        }
    };
    for (path, fact) in walk::facts(l) {
        for (k, s) in fact.sources.iter().enumerate() {
            unknown_source(format!("{path}.sources[{k}]"), &s.source);
        }
    }
    for (path, list) in walk::source_lists(l) {
        for (k, s) in list.iter().enumerate() {
            unknown_source(format!("{path}[{k}]"), &s.source);
        }
    }
}
