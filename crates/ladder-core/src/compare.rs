//! "What is different at the next level": two roles side by side.
//!
//! Users of ladder tools read a ladder mostly one step at a time, so the
//! comparison is a first-class value rather than something each front end builds:
//! the scalar aspects row by row, the lists split into what only one role has and
//! what both share, and, when the ladder has a move between the two, its kind,
//! its typical years and the readiness criteria for it.

use serde::Serialize;

use crate::model::{Fact, Ladder, Readiness, Role, RoleId, Transition};

/// One aspect of two roles, as text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AspectRow {
    /// The aspect (`Scope`).
    pub aspect: &'static str,
    /// Its value for the first role (empty when not given).
    pub from: String,
    /// Its value for the second role.
    pub to: String,
}

/// A list aspect of two roles, split three ways.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ListComparison {
    /// The aspect (`Responsibilities`).
    pub aspect: &'static str,
    /// Statements only the first role has.
    pub only_from: Vec<String>,
    /// Statements only the second role has.
    pub only_to: Vec<String>,
    /// Statements both have, word for word.
    pub shared: Vec<String>,
}

/// One competency's expected level in two roles. A role not assessed on it
/// has no level: a move into another job family meets competencies that
/// are new at this step, and leaves some behind.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompetencyRow {
    /// The competency id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The level the first role expects; none when it is not assessed on it.
    pub from: Option<u8>,
    /// That level's name on the competency's scale (empty when unnamed or none).
    pub from_name: String,
    /// The level the second role expects; none when it is not assessed on it.
    pub to: Option<u8>,
    /// That level's name.
    pub to_name: String,
    /// True when the second role asks for more: a higher level, or a
    /// competency the first role is not assessed on.
    pub rises: bool,
    /// Every criterion of the second role's level, when it asks for more.
    pub criteria: Vec<String>,
}

/// How a level reads in a comparison.
pub const NOT_ASSESSED: &str = "not assessed";

impl CompetencyRow {
    fn label(level: Option<u8>, name: &str) -> String {
        match (level, name) {
            (None, _) => NOT_ASSESSED.to_owned(),
            (Some(n), "") => n.to_string(),
            (Some(n), name) => format!("{n} {name}"),
        }
    }

    /// The first role's level as people read it: `3 Guiding`, or "not assessed".
    pub fn from_label(&self) -> String {
        Self::label(self.from, &self.from_name)
    }

    /// The second role's level as people read it.
    pub fn to_label(&self) -> String {
        Self::label(self.to, &self.to_name)
    }

    /// True when only the second role is assessed on it.
    pub fn is_new(&self) -> bool {
        self.from.is_none() && self.to.is_some()
    }
}

/// Two roles side by side.
#[derive(Debug, Clone, Serialize)]
pub struct Comparison<'a> {
    /// The first role.
    pub from: &'a Role,
    /// The second role.
    pub to: &'a Role,
    /// The direct move from the first to the second, if the ladder has one.
    pub transition: Option<&'a Transition>,
    /// The first role's readiness criteria for the second.
    pub readiness: Option<&'a Readiness>,
    /// Scalar aspects, row by row.
    pub aspects: Vec<AspectRow>,
    /// List aspects, split.
    pub lists: Vec<ListComparison>,
    /// Expected competency levels of either role (when the ladder has them).
    pub competencies: Vec<CompetencyRow>,
}

/// The roles' titles (ids the ladder does not know stay as written).
fn join_titles(ladder: &Ladder, ids: &[RoleId]) -> String {
    ids.iter()
        .map(|id| {
            ladder
                .role(id.as_str())
                .map_or(id.as_str(), |r| r.title.as_str())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn texts(facts: &[Fact]) -> Vec<String> {
    facts.iter().map(|f| f.text.clone()).collect()
}

fn aspects(ladder: &Ladder, role: &Role) -> [(&'static str, String); 10] {
    [
        ("Title", role.title.clone()),
        ("Tier", role.tier.label().to_owned()),
        ("Track", role.track.label().to_owned()),
        (
            "Scope",
            role.scope
                .as_ref()
                .map(|s| format!("{}: {}", s.level.label(), s.text))
                .unwrap_or_default(),
        ),
        (
            "Planning horizon",
            role.planning_horizon
                .as_ref()
                .map(|h| format!("{} months: {}", h.months, h.text))
                .unwrap_or_default(),
        ),
        (
            "Experience",
            role.experience
                .as_ref()
                .and_then(|e| e.years.as_ref())
                .map(|y| format!("{y} years"))
                .unwrap_or_default(),
        ),
        ("Education", texts(&role.education).join(" ")),
        ("Reports to", join_titles(ladder, &role.reports_to)),
        ("Manages", join_titles(ladder, &role.manages)),
        (
            "Salary",
            role.salary
                .as_ref()
                .map(|s| format!("{} {}", s.range, s.currency))
                .unwrap_or_default(),
        ),
    ]
}

fn split(aspect: &'static str, from: &[Fact], to: &[Fact]) -> ListComparison {
    let (a, b) = (texts(from), texts(to));
    ListComparison {
        aspect,
        only_from: a.iter().filter(|t| !b.contains(t)).cloned().collect(),
        only_to: b.iter().filter(|t| !a.contains(t)).cloned().collect(),
        shared: a.iter().filter(|t| b.contains(t)).cloned().collect(),
    }
}

/// Compares two roles of a ladder.
pub fn compare<'a>(ladder: &'a Ladder, from: &'a Role, to: &'a Role) -> Comparison<'a> {
    let aspects = aspects(ladder, from)
        .into_iter()
        .zip(aspects(ladder, to))
        // An aspect neither role has (no salary in the file) is no row.
        .filter(|((_, a), (_, b))| !(a.is_empty() && b.is_empty()))
        .map(|((aspect, a), (_, b))| AspectRow {
            aspect,
            from: a,
            to: b,
        })
        .collect();
    let lists = vec![
        split(
            "Responsibilities",
            &from.responsibilities,
            &to.responsibilities,
        ),
        split("Skills", &from.skills, &to.skills),
        split(
            "Job-description themes",
            &from.job_description_themes,
            &to.job_description_themes,
        ),
    ];
    let m = &ladder.competencies;
    let competencies = m
        .items
        .iter()
        .filter_map(|c| {
            let (a, b) = (
                c.expectations.get(from.id.as_str()).copied(),
                c.expectations.get(to.id.as_str()).copied(),
            );
            if a.is_none() && b.is_none() {
                return None;
            }
            let rises = match (a, b) {
                (Some(a), Some(b)) => b > a,
                (None, Some(_)) => true,
                _ => false,
            };
            let name_of = |level: Option<u8>| {
                level
                    .and_then(|n| m.level_name(c, n))
                    .unwrap_or_default()
                    .to_owned()
            };
            Some(CompetencyRow {
                id: c.id.clone(),
                name: c.name.clone(),
                from: a,
                from_name: name_of(a),
                to: b,
                to_name: name_of(b),
                rises,
                criteria: match b {
                    Some(b) if rises => c.criteria_texts(b),
                    _ => Vec::new(),
                },
            })
        })
        .collect();
    Comparison {
        from,
        to,
        transition: ladder.transition(from.id.as_str(), to.id.as_str()),
        readiness: from.readiness_for(to.id.as_str()),
        aspects,
        lists,
        competencies,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;

    #[test]
    fn pm_to_senior_pm_has_a_promotion_with_criteria() {
        let l = embedded::ladder();
        let c = compare(l, l.role("pm").unwrap(), l.role("senior-pm").unwrap());
        assert_eq!(c.transition.unwrap().kind.as_str(), "promotion");
        assert!(c.readiness.unwrap().criteria.len() >= 3);
        let tier = c.aspects.iter().find(|a| a.aspect == "Tier").unwrap();
        assert_eq!(
            (tier.from.as_str(), tier.to.as_str()),
            ("Mid-level", "Tenured")
        );
        let resp = &c.lists[0];
        assert_eq!(
            resp.only_from.len(),
            l.role("pm").unwrap().responsibilities.len()
        );
        assert!(resp.shared.is_empty());
        assert_eq!(c.competencies.len(), 12);
        let rising: Vec<&CompetencyRow> = c.competencies.iter().filter(|r| r.rises).collect();
        assert!(!rising.is_empty() && rising.iter().all(|r| !r.criteria.is_empty()));
    }

    #[test]
    fn unrelated_roles_have_no_move() {
        let l = embedded::ladder();
        let c = compare(l, l.role("cpo").unwrap(), l.role("intern").unwrap());
        assert!(c.transition.is_none() && c.readiness.is_none());
    }
}
