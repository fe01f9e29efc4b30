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
    /// What someone at that level can be seen doing.
    pub example: Option<&'a str>,
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
    /// File names of the sources the role cites.
    pub sources: Vec<String>,
}

/// "promotion, typically after 2–4 (default) years".
pub fn move_phrase(t: &Transition) -> String {
    match &t.years {
        Some(y) => format!("{}, typically after {y} years", t.kind.as_str()),
        None => t.kind.as_str().to_owned(),
    }
}

fn ids(list: &[ladder_core::RoleId]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The outline of `role`'s page.
pub fn role_outline<'a>(ladder: &'a Ladder, role: &'a Role) -> RoleOutline<'a> {
    let mut rows = Vec::new();
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
        rows.push(("Reports to", ids(&role.reports_to)));
    }
    if !role.manages.is_empty() {
        rows.push(("Manages", ids(&role.manages)));
    }
    if let Some(s) = &role.salary {
        rows.push(("Salary", format!("{} {} a year", s.range, s.currency)));
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
                level_name: m.scale.get(level as usize).map_or("", |s| s.name.as_str()),
                example: c
                    .examples
                    .iter()
                    .find(|e| e.level == level)
                    .map(|e| e.text.as_str()),
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
        sources: ladder.role_sources(role),
    }
}
