//! The simulation and competency tables: every reference resolves, every
//! number is in range.

use std::collections::HashSet;

use crate::file::Diagnostic;
use crate::model::Ladder;

/// The `[simulation]` table: known profiles and roles, numbers in range.
pub(super) fn check_simulation(l: &Ladder, out: &mut Vec<Diagnostic>) {
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
pub(super) fn check_competencies(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let m = &l.competencies;
    if m.items.is_empty() {
        return;
    }
    let top = m.top();
    // One error for the scale, at its first level out of place: a scale
    // that starts at 1 is one mistake, not one per level.
    if let Some((i, s)) = m
        .scale
        .iter()
        .enumerate()
        .find(|(i, s)| usize::from(s.level) != *i)
    {
        let levels: Vec<String> = m.scale.iter().map(|s| s.level.to_string()).collect();
        out.push(
            Diagnostic::error(
                "bad-scale",
                format!("competencies.scale[{i}].level"),
                format!(
                    "the scale's levels are {}; level {} is where {i} should be",
                    levels.join(", "),
                    s.level
                ),
            )
            .with_hint(format!(
                "number the levels 0, 1, 2… in order (0 to {}), one entry each",
                m.scale.len().saturating_sub(1)
            )),
        );
    }
    let mut ids = HashSet::new();
    // Only ids of the ladder's roles: a mistyped id is one `unknown-role`
    // error (from `check_references`), not a missing level on every other
    // competency.
    let named_roles: HashSet<&str> = m
        .items
        .iter()
        .flat_map(|c| c.expectations.keys().map(String::as_str))
        .filter(|id| l.role(id).is_some())
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
        // A key that is not a role id but is close to one (`pmm` for `pm`)
        // is that role mistyped: its one error says so, and the role does
        // not count as missing here too.
        let mistyped: Vec<&str> = c
            .expectations
            .keys()
            .filter(|k| l.role(k).is_none())
            .filter_map(|k| crate::file::walk::suggest(k, l.roles.iter().map(|r| r.id.as_str())))
            .collect();
        for role in &named_roles {
            if !c.expectations.contains_key(*role) && !mistyped.contains(role) {
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
