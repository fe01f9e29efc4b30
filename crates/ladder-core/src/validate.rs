//! Semantic checks of a ladder: the things a TOML parser and serde cannot see.
//!
//! Every check runs and reports all it finds, so one `ladder check` shows every
//! problem of a file. Each diagnostic is addressed by model path; the loader
//! places it in the text. The checks are: id spelling and uniqueness, references
//! to roles and sources, self-moves, cycles among climbing moves, roles no entry
//! point reaches, inverted or negative ranges, empty text, overlapping company
//! sizes and the format version.

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
    for (path, id) in walk::role_refs(l) {
        if !role_ids.contains(&id) {
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
            unknown_source(format!("{path}.sources[{k}]"), s);
        }
    }
    for (path, list) in walk::source_lists(l) {
        for (k, s) in list.iter().enumerate() {
            unknown_source(format!("{path}[{k}]"), s);
        }
    }
}

fn check_transitions(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, t) in l.transitions.iter().enumerate() {
        if t.from == t.to {
            out.push(
                Diagnostic::error(
                    "self-transition",
                    format!("transitions[{i}].to"),
                    format!("a transition from `{}` to itself", t.from),
                )
                .with_hint("a move must lead to another role; remove it"),
            );
        }
        if let Some(first) = seen.insert((t.from.as_str(), t.to.as_str()), i) {
            out.push(
                Diagnostic::error(
                    "duplicate-transition",
                    format!("transitions[{i}]"),
                    format!("the move `{}` → `{}` is listed twice", t.from, t.to),
                )
                .with_hint(format!("the first is transitions[{first}]; keep one")),
            );
        }
    }
}

/// Cycles among promotions and track switches: each is reported once, at the
/// move that closes it.
fn check_cycles(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let index: HashMap<&str, usize> = l
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); l.roles.len()];
    for (ti, t) in l
        .transitions
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind.climbs())
    {
        if let (Some(&a), Some(&b)) = (index.get(t.from.as_str()), index.get(t.to.as_str()))
            && a != b
        {
            edges[a].push((b, ti));
        }
    }
    // Iterative depth-first search: 0 = unseen, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; l.roles.len()];
    for start in 0..l.roles.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&(to, ti)) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let mut names: Vec<&str> = stack[from..]
                            .iter()
                            .map(|&(n, _)| l.roles[n].id.as_str())
                            .collect();
                        names.push(l.roles[to].id.as_str());
                        out.push(
                            Diagnostic::error(
                                "promotion-cycle",
                                format!("transitions[{ti}]"),
                                format!("promotions go round in a circle: {}", names.join(" → ")),
                            )
                            .with_hint("a climb must lead upwards; make one of these moves `lateral`, or remove it"),
                        );
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
}

/// Roles nobody can get to. The starting points are the roles entry points lead
/// to or come from; a ladder without entry points starts from every role that no
/// move leads into.
fn check_reachability(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let mut reached: HashSet<&str> = HashSet::new();
    let mut queue: Vec<&str> = if l.entry_points.is_empty() {
        l.roles
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| l.transitions_to(id).next().is_none())
            .collect()
    } else {
        l.entry_points
            .iter()
            .flat_map(|e| e.leads_to.iter().chain(&e.from))
            .map(|id| id.as_str())
            .collect()
    };
    while let Some(id) = queue.pop() {
        if reached.insert(id) {
            queue.extend(l.transitions_from(id).map(|t| t.to.as_str()));
        }
    }
    for (i, r) in l.roles.iter().enumerate() {
        if !reached.contains(r.id.as_str()) {
            out.push(
                Diagnostic::error(
                    "unreachable-role",
                    format!("roles[{i}].id"),
                    format!("role `{}` cannot be reached from any entry point", r.id),
                )
                .with_hint(
                    "add a [[transitions]] move into it, or list it in an entry point's `leads_to`",
                ),
            );
        }
    }
}

fn check_ranges(l: &Ladder, out: &mut Vec<Diagnostic>) {
    for (path, r) in walk::ranges(l) {
        if !r.min.is_finite() || r.min < 0.0 {
            out.push(
                Diagnostic::error(
                    "bad-range",
                    format!("{path}.min"),
                    format!("`min` is {}, below zero", r.min),
                )
                .with_hint("use a number of zero or more"),
            );
        }
        if let Some(max) = r.max
            && (!max.is_finite() || max < r.min)
        {
            out.push(
                Diagnostic::error(
                    "bad-range",
                    format!("{path}.max"),
                    format!("`max` ({max}) is below `min` ({})", r.min),
                )
                .with_hint("swap the bounds, or leave `max` out for an open range"),
            );
        }
    }
}

fn check_text(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let mut empty = |path: String, what: &str| {
        out.push(
            Diagnostic::error("empty-text", path, format!("{what} is empty"))
                .with_hint("write the text, or remove the entry"),
        );
    };
    if l.ladder.name.trim().is_empty() {
        empty("ladder.name".to_owned(), "the ladder's name");
    }
    for (i, r) in l.roles.iter().enumerate() {
        if r.title.trim().is_empty() {
            empty(format!("roles[{i}].title"), "the title");
        }
    }
    for (path, fact) in walk::facts(l) {
        if fact.text.trim().is_empty() {
            empty(path, "the statement");
        }
    }
}

fn check_company_sizes(l: &Ladder, out: &mut Vec<Diagnostic>) {
    for (i, a) in l.company_sizes.iter().enumerate() {
        for b in &l.company_sizes[..i] {
            let (a_max, b_max) = (
                a.employees.max.unwrap_or(f64::INFINITY),
                b.employees.max.unwrap_or(f64::INFINITY),
            );
            if a.employees.min <= b_max && b.employees.min <= a_max {
                out.push(
                    Diagnostic::error(
                        "overlapping-sizes",
                        format!("company_sizes[{i}].employees"),
                        format!(
                            "company sizes `{}` and `{}` cover the same head-counts",
                            b.id, a.id
                        ),
                    )
                    .with_hint("make the employee ranges follow each other without overlap"),
                );
            }
        }
    }
}

/// The `[simulation]` table: known profiles and roles, numbers in range.
fn check_simulation(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let spec = &l.simulation;
    let mut range = |path: String, what: &str, value: f64, ok: bool, hint: &str| {
        if !ok || !value.is_finite() {
            out.push(
                Diagnostic::error("bad-range", path, format!("{what} is {value}"))
                    .with_hint(hint.to_owned()),
            );
        }
    };
    range(
        "simulation.max_years".into(),
        "`max_years`",
        spec.max_years,
        spec.max_years >= 1.0,
        "follow careers for at least 1 year",
    );
    if let Some(a) = &spec.attrition_per_year {
        range(
            "simulation.attrition_per_year.value".into(),
            "the attrition",
            a.value,
            (0.0..1.0).contains(&a.value),
            "use a yearly share from 0 up to, not including, 1",
        );
    }
    for (i, c) in spec.companies.iter().enumerate() {
        range(
            format!("simulation.companies[{i}].speed"),
            "`speed`",
            c.speed,
            c.speed > 0.0,
            "use a factor above 0 (1 = the ladder's typical years)",
        );
        range(
            format!("simulation.companies[{i}].spread"),
            "`spread`",
            c.spread,
            c.spread >= 0.0 && c.spread <= 3.0,
            "use a spread from 0 to 3",
        );
    }
    for (i, c) in spec.companies.iter().enumerate() {
        if l.company_size(&c.profile).is_none() {
            out.push(
                Diagnostic::error(
                    "unknown-profile",
                    format!("simulation.companies[{i}].profile"),
                    format!("no company-size profile has the id `{}`", c.profile),
                )
                .with_hint("use the id of a [[company_sizes]] entry"),
            );
        }
    }
    for (role, &share) in &spec.seats {
        // Unknown role ids are reported by `check_references`.
        let path = format!("simulation.seats.{role}");
        if !(share > 0.0 && share <= 1.0) {
            out.push(
                Diagnostic::error(
                    "bad-range",
                    path,
                    format!("seat share {share} is outside (0, 1]"),
                )
                .with_hint("use a share above 0 and at most 1"),
            );
        }
    }
}

/// The `[competencies]` table: known areas and roles, levels on the scale, an
/// expectation for every role that any competency names, sourced examples.
fn check_competencies(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let m = &l.competencies;
    if m.items.is_empty() {
        return;
    }
    let top = m.top();
    for (i, s) in m.scale.iter().enumerate() {
        if usize::from(s.level) != i {
            out.push(
                Diagnostic::error(
                    "bad-scale",
                    format!("competencies.scale[{i}].level"),
                    format!("level {} is out of order", s.level),
                )
                .with_hint(format!("the scale counts 0, 1, 2…; this one should be {i}")),
            );
        }
    }
    let mut ids = HashSet::new();
    let named_roles: HashSet<&str> = m
        .items
        .iter()
        .flat_map(|c| c.expectations.keys().map(String::as_str))
        .collect();
    for (i, c) in m.items.iter().enumerate() {
        let p = format!("competencies.items[{i}]");
        if !ids.insert(c.id.as_str()) {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("{p}.id"),
                    format!("competency id `{}` is defined twice", c.id),
                )
                .with_hint("rename or remove one"),
            );
        }
        if !m.areas.iter().any(|a| a.id == c.area) {
            out.push(
                Diagnostic::error(
                    "unknown-area",
                    format!("{p}.area"),
                    format!("no area has the id `{}`", c.area),
                )
                .with_hint("declare it in [[competencies.areas]]"),
            );
        }
        // Unknown role and source ids are reported by `check_references`.
        for (role, &level) in &c.expectations {
            if level > top {
                out.push(
                    Diagnostic::error(
                        "bad-range",
                        format!("{p}.expectations.{role}"),
                        format!("level {level} is above the scale's top, {top}"),
                    )
                    .with_hint(format!("use a level from 0 to {top}")),
                );
            }
        }
        for role in &named_roles {
            if !c.expectations.contains_key(*role) {
                out.push(
                    Diagnostic::error(
                        "missing-expectation",
                        format!("{p}.expectations"),
                        format!("competency `{}` has no expectation for `{role}`", c.id),
                    )
                    .with_hint(
                        "every competency needs a level for every role that any competency names",
                    ),
                );
            }
        }
        for (j, e) in c.examples.iter().enumerate() {
            if e.level > top {
                out.push(
                    Diagnostic::error(
                        "bad-range",
                        format!("{p}.examples[{j}].level"),
                        format!("level {} is above the scale's top, {top}", e.level),
                    )
                    .with_hint(format!("use a level from 0 to {top}")),
                );
            }
        }
    }
    let pl = &m.placement;
    if pl.rule == crate::model::PlacementRule::Points && pl.points.len() != m.scale.len() {
        out.push(
            Diagnostic::error(
                "bad-scale",
                "competencies.placement.points",
                format!(
                    "{} point values for a scale of {} levels",
                    pl.points.len(),
                    m.scale.len()
                ),
            )
            .with_hint("give one point value per level of the scale"),
        );
    }
    if !(0.0..=1.0).contains(&pl.area_minimum) {
        out.push(
            Diagnostic::error(
                "bad-range",
                "competencies.placement.area_minimum",
                format!("area minimum {} is outside 0 to 1", pl.area_minimum),
            )
            .with_hint("use a share from 0 to 1"),
        );
    }
}
