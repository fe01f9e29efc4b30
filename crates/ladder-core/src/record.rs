//! The flat, public JSON shape of a role: what `ladder roles --format json` and
//! the web API print.
//!
//! The model keeps each statement as a [`crate::model::Fact`] with source ids;
//! scripts want plain arrays of strings and the file names of the sources. The
//! record is that projection, plus what is derived from the graph (level and next
//! steps), so consumers never recompute it. Its field names are a contract.

use serde::Serialize;

use crate::model::{Fact, Ladder, Role, ValueRange};

/// A role as the JSON outputs show it.
#[derive(Debug, Clone, Serialize)]
pub struct RoleRecord {
    /// The canonical id.
    pub id: String,
    /// The usual title.
    pub title: String,
    /// Other titles for the role.
    pub aliases: Vec<String>,
    /// The company's level code (`IC3`), when the ladder gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The job family's id, when the ladder has families.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// The job family's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// `entry`, `mid`, `tenured`, `leadership`, `executive`, `beyond` or `adjacent`.
    pub tier: &'static str,
    /// `ic`, `management`, `off-ramp` or `adjacent`.
    pub track: &'static str,
    /// Climbing moves below the role (0 at the bottom of the ladder).
    pub level: usize,
    /// What the role is.
    pub summary: Option<String>,
    /// The scope level (`product-line`).
    pub scope: Option<&'static str>,
    /// What the scope covers.
    pub scope_text: Option<String>,
    /// The planning horizon in months.
    pub planning_horizon_months: Option<ValueRange>,
    /// Roles it reports to.
    pub reports_to: Vec<String>,
    /// Roles it manages.
    pub manages: Vec<String>,
    /// Years of experience expected.
    pub experience_years: Option<ValueRange>,
    /// What is said about the experience.
    pub experience: Vec<String>,
    /// The education expected.
    pub education: Vec<String>,
    /// What the role does.
    pub responsibilities: Vec<String>,
    /// What the role needs.
    pub skills: Vec<String>,
    /// Readiness criteria per next step.
    pub readiness: Vec<ReadinessRecord>,
    /// Themes of job descriptions.
    pub job_description_themes: Vec<String>,
    /// Yearly salary range.
    pub salary: Option<ValueRange>,
    /// Currency of the salary.
    pub salary_currency: Option<String>,
    /// Other notes.
    pub notes: Vec<String>,
    /// The moves out of this role.
    pub next: Vec<MoveRecord>,
    /// Titles of every source the role cites.
    pub sources: Vec<String>,
}

/// Readiness criteria for one step.
#[derive(Debug, Clone, Serialize)]
pub struct ReadinessRecord {
    /// The role the step leads to.
    pub to: String,
    /// The criteria.
    pub criteria: Vec<String>,
}

/// A move out of a role.
#[derive(Debug, Clone, Serialize)]
pub struct MoveRecord {
    /// The role it leads to.
    pub to: String,
    /// `promotion`, `lateral`, `track-switch`, `entry` or `off-ramp`.
    pub kind: &'static str,
    /// Typical years before the move.
    pub years: Option<ValueRange>,
}

fn texts(facts: &[Fact]) -> Vec<String> {
    facts.iter().map(|f| f.text.clone()).collect()
}

impl RoleRecord {
    /// The record of `role` in `ladder`; `level` comes from [`Ladder::levels`].
    pub fn new(ladder: &Ladder, role: &Role, level: usize) -> Self {
        RoleRecord {
            id: role.id.to_string(),
            title: role.title.clone(),
            aliases: role.aliases.clone(),
            code: role.code.clone(),
            family: role.family.clone(),
            family_name: ladder
                .family_name(role.family.as_deref())
                .map(str::to_owned),
            tier: role.tier.as_str(),
            track: role.track.as_str(),
            level,
            summary: role.summary.as_ref().map(|f| f.text.clone()),
            scope: role.scope.as_ref().map(|s| s.level.as_str()),
            scope_text: role.scope.as_ref().map(|s| s.text.clone()),
            planning_horizon_months: role.planning_horizon.as_ref().map(|h| h.months.clone()),
            reports_to: role.reports_to.iter().map(ToString::to_string).collect(),
            manages: role.manages.iter().map(ToString::to_string).collect(),
            experience_years: role.experience.as_ref().and_then(|e| e.years.clone()),
            experience: role
                .experience
                .as_ref()
                .map(|e| texts(&e.notes))
                .unwrap_or_default(),
            education: texts(&role.education),
            responsibilities: texts(&role.responsibilities),
            skills: texts(&role.skills),
            readiness: role
                .readiness
                .iter()
                .map(|r| ReadinessRecord {
                    to: r.to.to_string(),
                    criteria: texts(&r.criteria),
                })
                .collect(),
            job_description_themes: texts(&role.job_description_themes),
            salary: role.salary.as_ref().map(|s| s.range.clone()),
            salary_currency: role.salary.as_ref().map(|s| s.currency.clone()),
            notes: texts(&role.notes),
            next: ladder
                .transitions_from(role.id.as_str())
                .map(|t| MoveRecord {
                    to: t.to.to_string(),
                    kind: t.kind.as_str(),
                    years: t.years.clone(),
                })
                .collect(),
            sources: ladder.role_sources(role),
        }
    }

    /// Records of every role of the ladder, in ladder order.
    pub fn all(ladder: &Ladder) -> Vec<RoleRecord> {
        let levels = ladder.levels();
        ladder
            .roles
            .iter()
            .map(|r| RoleRecord::new(ladder, r, levels.get(r.id.as_str()).copied().unwrap_or(0)))
            .collect()
    }
}
