//! Placement: the highest role whose expectations the ratings meet, gaps
//! per competency, and the readiness report for each next step.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Assessment, Rater, expected};
use crate::model::{Competency, Ladder, PlacementRule, Role};

/// A competency's rating against one role's expectation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The competency id.
    pub competency: String,
    /// Its name.
    pub name: String,
    /// The person's rating (0 when not rated).
    pub rating: u8,
    /// How the rating reads on the competency's scale (`Proficient`).
    pub rating_name: String,
    /// The role's expectation.
    pub expected: u8,
    /// How the expectation reads on the competency's scale.
    pub expected_name: String,
    /// `rating - expected`: negative below, 0 at, positive above.
    pub delta: i16,
}

/// Ratings by competency id, 0 for those not rated.
pub type Levels = BTreeMap<String, u8>;

/// The levels of an assessment, with every competency of the ladder present.
pub fn levels(ladder: &Ladder, a: &Assessment) -> Levels {
    ladder
        .competencies
        .items
        .iter()
        .map(|c| (c.id.clone(), a.ratings.get(&c.id).map_or(0, |r| r.level)))
        .collect()
}

/// Whether `levels` qualify for `role` under the ladder's placement rule, on
/// the competencies the role is assessed on. Roles without expectations
/// never qualify.
pub fn qualifies(ladder: &Ladder, levels: &Levels, role: &str) -> bool {
    let m = &ladder.competencies;
    let assessed: Vec<(&Competency, u8)> = m
        .items
        .iter()
        .filter_map(|c| Some((c, expected(c, role)?)))
        .collect();
    if assessed.is_empty() {
        return false;
    }
    let level = |c: &Competency| levels.get(&c.id).copied().unwrap_or(0);
    match m.placement.rule {
        PlacementRule::AllAtOrAbove => assessed.iter().all(|&(c, e)| level(c) >= e),
        PlacementRule::Points => {
            let (mut have, mut need) = (0.0, 0.0);
            let mut by_area: BTreeMap<&str, (f64, f64)> = BTreeMap::new();
            for &(c, e) in &assessed {
                let (h, n) = (m.points_of(c, level(c)), m.points_of(c, e));
                have += h;
                need += n;
                let a = by_area
                    .entry(c.area.as_deref().unwrap_or_default())
                    .or_default();
                a.0 += h;
                a.1 += n;
            }
            have >= need
                && by_area
                    .values()
                    .all(|&(h, n)| h >= m.placement.area_minimum * n)
        }
    }
}

/// The highest role (by ladder level) the levels qualify for.
pub fn place<'a>(ladder: &'a Ladder, levels: &Levels) -> Option<&'a str> {
    let order = ladder.levels();
    ladder
        .roles
        .iter()
        .filter(|r| qualifies(ladder, levels, r.id.as_str()))
        .max_by_key(|r| {
            (
                order.get(r.id.as_str()).copied().unwrap_or(0),
                r.track == crate::model::Track::Management,
            )
        })
        .map(|r| r.id.as_str())
}

/// Per-competency gaps to a role.
pub fn gaps(ladder: &Ladder, levels: &Levels, role: &str) -> Vec<Gap> {
    ladder
        .competencies
        .items
        .iter()
        .filter_map(|c| {
            let exp = expected(c, role)?;
            let rating = levels.get(&c.id).copied().unwrap_or(0);
            Some(Gap {
                competency: c.id.clone(),
                name: c.name.clone(),
                rating,
                rating_name: ladder.competencies.level_label(c, rating),
                expected: exp,
                expected_name: ladder.competencies.level_label(c, exp),
                delta: i16::from(rating) - i16::from(exp),
            })
        })
        .collect()
}

/// The verdict for one next step.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NextStep {
    /// The role of the step.
    pub role: String,
    /// Its title.
    pub title: String,
    /// Whether the ratings qualify for it.
    pub ready: bool,
    /// Competencies below the role's expectation.
    pub below: usize,
    /// Per-competency gaps.
    pub gaps: Vec<Gap>,
    /// The ladder's readiness criteria for the step, as a checklist.
    pub checklist: Vec<String>,
}

/// Everything `ladder assess` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Who was assessed.
    pub person: String,
    /// By whom.
    pub rater: Rater,
    /// When.
    pub date: String,
    /// Their current role.
    pub role: String,
    /// The placement rule used.
    pub rule: &'static str,
    /// The highest role the ratings qualify for, if any.
    pub placement: Option<String>,
    /// Gaps to the current role.
    pub current: Vec<Gap>,
    /// The next steps from the current role.
    pub next: Vec<NextStep>,
}

/// The next steps from `role` that an assessment can judge: the roles a
/// promotion or track switch leads to that are assessed on at least one
/// competency.
pub fn next_steps<'a>(ladder: &'a Ladder, role: &'a str) -> impl Iterator<Item = &'a Role> + 'a {
    ladder
        .next_roles(role)
        .filter(|r| ladder.competencies.assesses(r.id.as_str()))
}

/// The next steps from `role` that `levels` qualify for.
pub fn ready_for<'a>(ladder: &'a Ladder, levels: &Levels, role: &'a str) -> Vec<&'a str> {
    next_steps(ladder, role)
        .filter(|r| qualifies(ladder, levels, r.id.as_str()))
        .map(|r| r.id.as_str())
        .collect()
}

/// The report for an assessment.
pub fn report(ladder: &Ladder, a: &Assessment) -> Report {
    let lv = levels(ladder, a);
    let current = ladder.role(&a.role);
    let next = next_steps(ladder, &a.role)
        .map(|r| {
            let g = gaps(ladder, &lv, r.id.as_str());
            NextStep {
                role: r.id.to_string(),
                title: r.title.clone(),
                ready: qualifies(ladder, &lv, r.id.as_str()),
                below: g.iter().filter(|x| x.delta < 0).count(),
                gaps: g,
                checklist: current
                    .and_then(|c| c.readiness_for(r.id.as_str()))
                    .map(|rd| rd.criteria.iter().map(|f| f.text.clone()).collect())
                    .unwrap_or_default(),
            }
        })
        .collect();
    Report {
        person: a.person.clone(),
        rater: a.rater,
        date: a.date.clone(),
        role: a.role.clone(),
        rule: match ladder.competencies.placement.rule {
            PlacementRule::AllAtOrAbove => "all-at-or-above",
            PlacementRule::Points => "points",
        },
        placement: place(ladder, &lv).map(str::to_owned),
        current: gaps(ladder, &lv, &a.role),
        next,
    }
}
