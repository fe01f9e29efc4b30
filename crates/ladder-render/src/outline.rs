//! What a role page says, in order, independent of the output format.
//!
//! The terminal text of `ladder role` and the Markdown page show the same things
//! in the same order; the outline computes them once so the two emitters only
//! decide how things look. (The HTML templates read the model directly, because
//! askama wants fields, but follow the same order.)

use ladder_core::Ladder;
use ladder_core::model::{Fact, Readiness, Role, Transition};

/// A move out of a role, with its readiness criteria.
pub struct MoveOutline<'a> {
    /// The move.
    pub transition: &'a Transition,
    /// The role's criteria for it.
    pub readiness: Option<&'a Readiness>,
}

/// One competency as a role expects it.
pub struct Expectation<'a> {
    /// The competency's name.
    pub name: &'a str,
    /// The expected level.
    pub level: u8,
    /// The level's name on the scale.
    pub level_name: &'a str,
    /// The lowest and highest level of the competency's scale.
    pub range: (u8, u8),
    /// Every criterion that holds at that level, in file order.
    pub criteria: Vec<&'a str>,
}

/// A role page, format-free.
pub struct RoleOutline<'a> {
    /// Label and value of the short facts: scope, horizon, experience, reporting
    /// lines, salary.
    pub rows: Vec<(&'static str, String)>,
    /// Sections before the next steps.
    pub sections: Vec<(String, &'a [Fact])>,
    /// The competencies the role expects, when the ladder has them.
    pub competencies: Vec<Expectation<'a>>,
    /// The next steps.
    pub moves: Vec<MoveOutline<'a>>,
    /// Sections after the next steps: job descriptions, notes, disagreements.
    pub closing: Vec<(String, &'a [Fact])>,
    /// Titles of the sources the role cites, in first-cited order.
    pub sources: Vec<String>,
}

/// "promotion, typically after 2–4 (default) years".
pub fn move_phrase(t: &Transition) -> String {
    match &t.years {
        Some(y) => format!("{}, typically after {y} years", t.kind.as_str()),
        None => t.kind.as_str().to_owned(),
    }
}

/// The roles' titles (the id itself for a role the ladder lacks).
fn titles(ladder: &Ladder, list: &[ladder_core::RoleId]) -> String {
    list.iter()
        .map(|id| {
            ladder
                .role(id.as_str())
                .map_or(id.as_str(), |r| r.title.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The outline of `role`'s page.
pub fn role_outline<'a>(ladder: &'a Ladder, role: &'a Role) -> RoleOutline<'a> {
    let mut rows = Vec::new();
    if let Some(code) = &role.code {
        rows.push(("Level code", code.clone()));
    }
    if let Some(name) = ladder.family_name(role.family.as_deref()) {
        rows.push(("Job family", name.to_owned()));
    }
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
    if !role.reports_to.is_empty() {
        rows.push(("Reports to", titles(ladder, &role.reports_to)));
    }
    if !role.manages.is_empty() {
        rows.push(("Manages", titles(ladder, &role.manages)));
    }
    if let Some(s) = &role.salary {
        rows.push(("Salary", format!("{} {} a year", s.range, s.currency)));
    }
    if !role.pay.is_empty() {
        let bands: Vec<String> = role
            .pay
            .iter()
            .map(|p| format!("{}: {} {}", p.zone, p.range, p.currency))
            .collect();
        rows.push(("Pay by zone", format!("{} a year", bands.join("; "))));
    }
    let mut sections: Vec<(String, &[Fact])> = vec![
        ("Responsibilities".into(), &role.responsibilities),
        ("Skills".into(), &role.skills),
    ];
    if let Some(e) = &role.experience {
        sections.push(("Experience".into(), &e.notes));
    }
    sections.push(("Education".into(), &role.education));
    let mut closing: Vec<(String, &[Fact])> = vec![
        ("In job descriptions".into(), &role.job_description_themes),
        ("Notes".into(), &role.notes),
    ];
    for d in ladder
        .disagreements
        .iter()
        .filter(|d| d.roles.contains(&role.id))
    {
        closing.push((format!("The sources disagree: {}", d.topic), &d.views));
    }
    let m = &ladder.competencies;
    let competencies = m
        .items
        .iter()
        .filter_map(|c| {
            let level = *c.expectations.get(role.id.as_str())?;
            Some(Expectation {
                name: &c.name,
                level,
                level_name: m.level_name(c, level).unwrap_or(""),
                range: m.range_of(c),
                criteria: c.criteria_at(level).map(|e| e.text.as_str()).collect(),
            })
        })
        .collect();
    RoleOutline {
        competencies,
        rows,
        sections: sections
            .into_iter()
            .filter(|(_, f)| !f.is_empty())
            .collect(),
        moves: ladder
            .transitions_from(role.id.as_str())
            .map(|t| MoveOutline {
                transition: t,
                readiness: role.readiness_for(t.to.as_str()),
            })
            .collect(),
        closing: closing.into_iter().filter(|(_, f)| !f.is_empty()).collect(),
        sources: role
            .source_ids()
            .into_iter()
            .map(|id| ladder.source_title(id).to_owned())
            .collect(),
    }
}
