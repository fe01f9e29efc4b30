//! The `[competencies]` table and the job families: every reference resolves,
//! every level is on its scale.
//!
//! Company matrices are checked on their own terms: a scale may start at any
//! number as long as its levels follow one another, a competency may have its
//! own scale, and a role a competency does not list is simply not assessed on
//! it. One mistake gives one error: a scale numbered from 1 where the writer
//! meant 0 is one `bad-scale`, a mistyped role id is one `unknown-role` (from
//! the reference check), never a cascade over the other competencies.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::file::Diagnostic;
use crate::model::{Ladder, PlacementRule, ScaleLevel};

/// The `[[families]]` and every `family` that names one.
pub(super) fn check_families(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let mut ids = HashSet::new();
    for (i, f) in l.families.iter().enumerate() {
        if !ids.insert(f.id.as_str()) {
            out.push(
                Diagnostic::error(
                    "duplicate-id",
                    format!("families[{i}].id"),
                    format!("family id `{}` is defined twice", f.id),
                )
                .with_hint("rename or remove one"),
            );
        }
    }
    let named = l
        .roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Some((format!("roles[{i}].family"), r.family.as_deref()?)))
        .chain(
            l.competencies
                .items
                .iter()
                .enumerate()
                .filter_map(|(i, c)| {
                    Some((
                        format!("competencies.items[{i}].family"),
                        c.family.as_deref()?,
                    ))
                }),
        );
    for (path, id) in named {
        if l.family(id).is_none() {
            let known: Vec<&str> = l.families.iter().map(|f| f.id.as_str()).collect();
            let hint = match crate::file::walk::suggest(id, known.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None if known.is_empty() => {
                    format!("declare it: [[families]] id = \"{id}\" name = \"…\"")
                }
                None => format!(
                    "use one of the families: {}, or declare `{id}` in [[families]]",
                    known.join(", ")
                ),
            };
            out.push(
                Diagnostic::error(
                    "unknown-family",
                    path,
                    format!("no family has the id `{id}`"),
                )
                .with_hint(hint),
            );
        }
    }
}

/// The `[competencies]` table: scales numbered in order, known areas and
/// families, expectations and criteria on their competency's scale.
pub(super) fn check_competencies(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let m = &l.competencies;
    if m.items.is_empty() {
        return;
    }
    check_scale("competencies.scale", "the ladder's scale", &m.scale, out);
    let mut ids = HashSet::new();
    // Roles by id: a company ladder's competencies hold tens of thousands of
    // expectations, each naming a role.
    let roles: HashMap<&str, &crate::model::Role> =
        l.roles.iter().map(|r| (r.id.as_str(), r)).collect();
    // (own scale's competency, level) → the uses of a level off that scale.
    type Use = (String, String, (u8, u8));
    let mut off: BTreeMap<(Option<usize>, u8), Vec<Use>> = BTreeMap::new();
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
        if let Some(area) = &c.area
            && !m.areas.iter().any(|a| a.id == *area)
        {
            out.push(
                Diagnostic::error(
                    "unknown-area",
                    format!("{p}.area"),
                    format!("{} is in the area `{area}`, which is not declared", c.name),
                )
                .with_hint(format!(
                    "declare it: [[competencies.areas]] id = \"{area}\" name = \"…\", or leave `area` out"
                )),
            );
        }
        if let Some(w) = c.weight
            && !(w.is_finite() && w > 0.0)
        {
            out.push(
                Diagnostic::error(
                    "bad-range",
                    format!("{p}.weight"),
                    format!("{} has the weight {w}", c.name),
                )
                .with_hint("use a number above 0 (1 is the usual weight), or leave it out"),
            );
        }
        if c.scale.is_empty() && m.scale.is_empty() {
            out.push(
                Diagnostic::error(
                    "bad-scale",
                    format!("{p}.scale"),
                    format!("{} has no scale to be rated on", c.name),
                )
                .with_hint(
                    "give the ladder a scale ([[competencies.scale]]) or this competency its own ([[competencies.items.scale]])",
                ),
            );
            continue;
        }
        if !c.scale.is_empty() {
            check_scale(
                &format!("{p}.scale"),
                &format!("the scale of {}", c.name),
                &c.scale,
                out,
            );
        }
        let (bottom, top) = m.range_of(c);
        let off_scale = |level: u8| level < bottom || level > top;
        // Off-scale levels are gathered per scale and level (below): a
        // scale without the level 0 the expectations use is one mistake.
        let scale = if c.scale.is_empty() { None } else { Some(i) };
        // Unknown role ids are reported by `check_references`.
        for (role, &level) in &c.expectations {
            if off_scale(level) {
                off.entry((scale, level)).or_default().push((
                    format!("{p}.expectations.{role}"),
                    format!("{}: `{role}` expects level {level}", c.name),
                    (bottom, top),
                ));
            }
            // A role in an undeclared family has its one `unknown-family`.
            if let Some(family) = &c.family
                && let Some(r) = roles.get(role.as_str())
                && r.family.as_ref() != Some(family)
                && r.family.as_deref().is_none_or(|f| l.family(f).is_some())
            {
                out.push(
                    Diagnostic::error(
                        "wrong-family",
                        format!("{p}.expectations.{role}"),
                        format!(
                            "{} belongs to the family `{family}`, but `{role}` is in {}",
                            c.name,
                            r.family.as_deref().map_or("no family".to_owned(), |f| format!("the family `{f}`"))
                        ),
                    )
                    .with_hint(format!(
                        "remove `{role}` from its expectations, or drop `family` from {} so every family may be assessed on it",
                        c.name
                    )),
                );
            }
        }
        for (j, e) in c.examples.iter().enumerate() {
            if off_scale(e.level) {
                off.entry((scale, e.level)).or_default().push((
                    format!("{p}.examples[{j}].level"),
                    format!("{}: a criterion at level {}", c.name, e.level),
                    (bottom, top),
                ));
            }
        }
    }
    for ((scale, level), uses) in off {
        let (path, first, (bottom, top)) = &uses[0];
        let which = match scale {
            None => "the ladder's scale".to_owned(),
            Some(i) => format!("the scale of {}", m.items[i].name),
        };
        let message = if uses.len() == 1 {
            format!("{first}, but {which} runs from {bottom} to {top}")
        } else {
            format!(
                "{first}, and {} more use level {level}, but {which} runs from {bottom} to {top}",
                uses.len() - 1
            )
        };
        out.push(
            Diagnostic::error("bad-range", path.clone(), message).with_hint(format!(
                "use a level from {bottom} to {top}, or add level {level} to {which}"
            )),
        );
    }
    let pl = &m.placement;
    if pl.rule == PlacementRule::Points && !pl.points.is_empty() && pl.points.len() != m.scale.len()
    {
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
            .with_hint("give one point value per level of the ladder's scale, lowest first, or none (a level then counts its own number)"),
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

/// A scale's levels follow one another from any start (0, 1, 2… or 1, 2,
/// 3…): one error, at the first level out of place.
fn check_scale(path: &str, what: &str, scale: &[ScaleLevel], out: &mut Vec<Diagnostic>) {
    let Some(first) = scale.first() else {
        return;
    };
    let misplaced = scale
        .iter()
        .enumerate()
        .find(|(i, s)| usize::from(s.level) != usize::from(first.level) + i);
    if let Some((i, s)) = misplaced {
        let levels: Vec<String> = scale.iter().map(|s| s.level.to_string()).collect();
        out.push(
            Diagnostic::error(
                "bad-scale",
                format!("{path}[{i}].level"),
                format!(
                    "{what} has the levels {}; level {} is where {} should be",
                    levels.join(", "),
                    s.level,
                    usize::from(first.level) + i
                ),
            )
            .with_hint(format!(
                "number the levels one after another from the first ({}, {}, {}…), one entry each, lowest first",
                first.level,
                usize::from(first.level) + 1,
                usize::from(first.level) + 2
            )),
        );
    }
}
