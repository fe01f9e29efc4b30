//! Assessments: a person rated per competency, placed on the ladder.
//!
//! An assessment file (TOML, or the same shape as JSON) names the person, their
//! current role, the date, the rater (self, manager, peer) and a rating per
//! competency, with evidence notes. From it:
//!
//! * **placement** — the highest role whose expectations the ratings meet, under
//!   the ladder's rule (every competency at or above expectation, or weighted
//!   points with per-area minimums);
//! * **gaps** to the current and the next roles, per competency;
//! * a **readiness verdict** for each next step, with the step's readiness
//!   criteria from the ladder as a checklist;
//! * **comparison** of two raters, and the **smallest set of moves** that would
//!   qualify the person for a target role.
//!
//! Everything is a pure function of the ladder and the assessment.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::file::{Diagnostic, Diagnostics, Location, load};
use crate::model::{Competency, Ladder, PlacementRule};

/// Who rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rater {
    /// The person themselves.
    #[serde(rename = "self")]
    Myself,
    /// Their manager.
    Manager,
    /// A peer.
    Peer,
}

impl Rater {
    /// `self`, `manager` or `peer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rater::Myself => "self",
            Rater::Manager => "manager",
            Rater::Peer => "peer",
        }
    }
}

/// One rating: a level, with the evidence behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rating {
    /// The level on the ladder's scale.
    pub level: u8,
    /// Evidence notes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

#[derive(Deserialize, JsonSchema)]
struct RatingTable {
    /// The level on the scale.
    level: u8,
    /// Evidence notes.
    #[serde(default)]
    evidence: Vec<String>,
}

/// The two spellings of a rating; only used to describe the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum RatingSpelling {
    /// A level alone.
    Level(u8),
    /// A level with evidence.
    Table(RatingTable),
}

impl JsonSchema for Rating {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rating".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RatingSpelling::json_schema(g)
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Rating;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a level (a whole number), or a table with `level` and `evidence`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rating, E> {
                u8::try_from(v)
                    .map(|level| Rating {
                        level,
                        evidence: Vec::new(),
                    })
                    .map_err(|_| E::custom(format!("level {v} is too large")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rating, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("level {v} is below zero")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Rating, A::Error> {
                let t = RatingTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Rating {
                    level: t.level,
                    evidence: t.evidence,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// An assessment of one person by one rater.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    /// Who is assessed.
    pub person: String,
    /// Their current role (a role id).
    pub role: String,
    /// When, as `YYYY-MM-DD`.
    pub date: String,
    /// Who rated.
    pub rater: Rater,
    /// The version of the ladder it was made against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder_version: Option<String>,
    /// Competency id → rating.
    pub ratings: BTreeMap<String, Rating>,
}

fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(d[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(d[8..10].parse::<u8>(), Ok(1..=31))
}

/// Semantic checks of an assessment against a ladder.
pub fn check(a: &Assessment, ladder: &Ladder) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let m = &ladder.competencies;
    if ladder.role(&a.role).is_none() {
        let hint = match crate::suggest(&a.role, ladder.roles.iter().map(|r| r.id.as_str())) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "use a role id from `ladder roles`".to_owned(),
        };
        out.push(
            Diagnostic::error(
                "unknown-role",
                "role",
                format!("no role has the id `{}`", a.role),
            )
            .with_hint(hint),
        );
    }
    if !valid_date(&a.date) {
        out.push(
            Diagnostic::error("bad-date", "date", format!("`{}` is not a date", a.date))
                .with_hint("write it as YYYY-MM-DD, e.g. 2026-11-23"),
        );
    }
    if a.person.trim().is_empty() {
        out.push(
            Diagnostic::error("empty-text", "person", "the person's name is empty")
                .with_hint("write the name of the person assessed"),
        );
    }
    let top = m.top();
    for (id, r) in &a.ratings {
        if m.item(id).is_none() {
            let hint = match crate::suggest(id, m.items.iter().map(|c| c.id.as_str())) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "use one of: {}",
                    m.items
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push(
                Diagnostic::error(
                    "unknown-competency",
                    format!("ratings.{id}"),
                    format!("no competency has the id `{id}`"),
                )
                .with_hint(hint),
            );
        } else if r.level > top {
            out.push(
                Diagnostic::error(
                    "bad-rating",
                    format!("ratings.{id}"),
                    format!("rating {} is off the scale", r.level),
                )
                .with_hint(format!("the scale goes from 0 to {top}")),
            );
        }
    }
    out
}

/// Reads an assessment file (TOML or, when it starts with `{`, JSON) and checks
/// it against the ladder; every problem is placed at line:column.
pub fn parse(text: &str, ladder: &Ladder) -> Result<Assessment, Diagnostics> {
    let mut found = Vec::new();
    let is_json = text.trim_start().starts_with('{');
    let parsed: Option<Assessment> = if is_json {
        match serde_json::from_str(text) {
            Ok(a) => Some(a),
            Err(e) => {
                let loc = Location {
                    line: e.line(),
                    column: e.column(),
                    span: 0..0,
                };
                found.push(
                    Diagnostic {
                        location: Some(loc),
                        path: None,
                        ..Diagnostic::error("shape", "", e.to_string())
                    }
                    .with_hint("see docs/assessment-format.md"),
                );
                None
            }
        }
    } else {
        load::read_toml(
            text,
            &mut found,
            crate::file::schema_hints::known_keys_in::<Assessment>,
        )
    };
    if let Some(a) = &parsed {
        found.extend(check(a, ladder));
    }
    if is_json {
        for d in found.iter_mut().filter(|d| d.location.is_none()) {
            d.location = d.path.as_deref().and_then(|p| locate_json(text, p));
        }
    } else {
        load::place(text, &mut found);
    }
    match parsed {
        Some(a) if found.is_empty() => Ok(a),
        _ => {
            let mut d = Diagnostics(found);
            d.sort();
            Err(d)
        }
    }
}

/// The position of the key at the end of a dotted path in a JSON text, found by
/// looking for each quoted key in turn.
fn locate_json(text: &str, path: &str) -> Option<Location> {
    let mut at = 0;
    for key in path.split('.') {
        let needle = format!("\"{key}\"");
        at += text[at..].find(&needle)?;
        if path.ends_with(key) {
            return Some(Location::in_text(text, at..at + needle.len()));
        }
        at += needle.len();
    }
    None
}

/// A competency's rating against one role's expectation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Gap {
    /// The competency id.
    pub competency: String,
    /// Its name.
    pub name: String,
    /// The person's rating (0 when not rated).
    pub rating: u8,
    /// The role's expectation.
    pub expected: u8,
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

fn expected(c: &Competency, role: &str) -> Option<u8> {
    c.expectations.get(role).copied()
}

/// Whether `levels` qualify for `role` under the ladder's placement rule.
/// Roles without expectations never qualify.
pub fn qualifies(ladder: &Ladder, levels: &Levels, role: &str) -> bool {
    let m = &ladder.competencies;
    if m.items.is_empty() || m.items.iter().any(|c| expected(c, role).is_none()) {
        return false;
    }
    let level = |c: &Competency| levels.get(&c.id).copied().unwrap_or(0);
    match m.placement.rule {
        PlacementRule::AllAtOrAbove => m
            .items
            .iter()
            .all(|c| level(c) >= expected(c, role).unwrap_or(0)),
        PlacementRule::Points => {
            let (mut have, mut need) = (0u32, 0u32);
            let mut by_area: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
            for c in &m.items {
                let (h, n) = (
                    m.points_of(level(c)),
                    m.points_of(expected(c, role).unwrap_or(0)),
                );
                have += h;
                need += n;
                let e = by_area.entry(c.area.as_str()).or_default();
                e.0 += h;
                e.1 += n;
            }
            have >= need
                && by_area
                    .values()
                    .all(|&(h, n)| f64::from(h) >= m.placement.area_minimum * f64::from(n))
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
                expected: exp,
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
    pub rater: &'static str,
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

/// The report for an assessment.
pub fn report(ladder: &Ladder, a: &Assessment) -> Report {
    let lv = levels(ladder, a);
    let current = ladder.role(&a.role);
    let next = ladder
        .next_roles(&a.role)
        .filter(|r| {
            ladder
                .competencies
                .items
                .iter()
                .all(|c| c.expectations.contains_key(r.id.as_str()))
        })
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
        rater: a.rater.as_str(),
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

/// Where two raters differ on one competency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// The competency id.
    pub competency: String,
    /// Its name.
    pub name: String,
    /// The first rater's level.
    pub first: u8,
    /// The second rater's level.
    pub second: u8,
    /// `second - first`.
    pub difference: i16,
}

/// Every competency, with both raters' levels, largest disagreement first.
pub fn compare(ladder: &Ladder, first: &Assessment, second: &Assessment) -> Vec<Disagreement> {
    let (a, b) = (levels(ladder, first), levels(ladder, second));
    let mut out: Vec<Disagreement> = ladder
        .competencies
        .items
        .iter()
        .map(|c| {
            let (x, y) = (a[&c.id], b[&c.id]);
            Disagreement {
                competency: c.id.clone(),
                name: c.name.clone(),
                first: x,
                second: y,
                difference: i16::from(y) - i16::from(x),
            }
        })
        .collect();
    out.sort_by_key(|d| std::cmp::Reverse(d.difference.abs()));
    out
}

/// One move of a gap plan: raise a competency from one level to another.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Move {
    /// The competency id.
    pub competency: String,
    /// Its name.
    pub name: String,
    /// The current level.
    pub from: u8,
    /// The level to reach.
    pub to: u8,
    /// Behaviours that would show the new level.
    pub evidence: Vec<String>,
}

/// The smallest set of competency moves that qualifies `levels` for `role`
/// under the ladder's rule, largest first. Under "all at or above" that is every
/// competency below expectation raised to it; under "points", single-level
/// raises are added greedily where they gain the most points, areas short of
/// their minimum first, then merged per competency. Empty when already
/// qualified; `None` when the role cannot be reached (no expectations).
pub fn gap_plan(ladder: &Ladder, levels: &Levels, role: &str) -> Option<Vec<Move>> {
    let m = &ladder.competencies;
    if m.items.iter().any(|c| expected(c, role).is_none()) || m.items.is_empty() {
        return None;
    }
    let mut target = levels.clone();
    match m.placement.rule {
        PlacementRule::AllAtOrAbove => {
            for c in &m.items {
                let e = expected(c, role).unwrap_or(0);
                let v = target.entry(c.id.clone()).or_insert(0);
                *v = (*v).max(e);
            }
        }
        PlacementRule::Points => {
            let top = m.top();
            while !qualifies(ladder, &target, role) {
                // Areas below their minimum come first; then any competency.
                let short: Vec<&str> = m
                    .items
                    .iter()
                    .map(|c| c.area.as_str())
                    .filter(|area| {
                        let (h, n) = m.items.iter().filter(|c| c.area == *area).fold(
                            (0u32, 0u32),
                            |(h, n), c| {
                                (
                                    h + m.points_of(target[&c.id]),
                                    n + m.points_of(expected(c, role).unwrap_or(0)),
                                )
                            },
                        );
                        f64::from(h) < m.placement.area_minimum * f64::from(n)
                    })
                    .collect();
                let best = m
                    .items
                    .iter()
                    .filter(|c| {
                        target[&c.id] < top
                            && (short.is_empty() || short.contains(&c.area.as_str()))
                    })
                    .max_by_key(|c| {
                        (
                            m.points_of(target[&c.id] + 1) - m.points_of(target[&c.id]),
                            std::cmp::Reverse(c.id.clone()),
                        )
                    });
                match best {
                    Some(c) => *target.get_mut(&c.id).expect("present") += 1,
                    None => return None,
                }
            }
        }
    }
    let mut moves: Vec<Move> = m
        .items
        .iter()
        .filter(|c| target[&c.id] > levels.get(&c.id).copied().unwrap_or(0))
        .map(|c| {
            let (from, to) = (levels.get(&c.id).copied().unwrap_or(0), target[&c.id]);
            Move {
                competency: c.id.clone(),
                name: c.name.clone(),
                from,
                to,
                evidence: c
                    .examples
                    .iter()
                    .filter(|e| e.level > from && e.level <= to)
                    .map(|e| e.text.clone())
                    .collect(),
            }
        })
        .collect();
    moves.sort_by_key(|mv| (std::cmp::Reverse(mv.to - mv.from), mv.competency.clone()));
    Some(moves)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;

    fn pm_like() -> Levels {
        let l = embedded::ladder();
        l.competencies
            .items
            .iter()
            .map(|c| (c.id.clone(), c.expectations["pm"]))
            .collect()
    }

    #[test]
    fn exactly_the_pm_expectations_place_at_pm() {
        let l = embedded::ladder();
        assert_eq!(place(l, &pm_like()), Some("pm"));
        let plan = gap_plan(l, &pm_like(), "senior-pm").unwrap();
        assert!(!plan.is_empty());
        let mut after = pm_like();
        for mv in &plan {
            after.insert(mv.competency.clone(), mv.to);
        }
        assert!(qualifies(l, &after, "senior-pm"));
        assert!(
            plan.windows(2)
                .all(|w| w[0].to - w[0].from >= w[1].to - w[1].from)
        );
        assert!(plan.iter().all(|mv| !mv.evidence.is_empty()));
    }

    #[test]
    fn nothing_rated_places_nowhere_and_everything_top_places_at_the_top() {
        let l = embedded::ladder();
        assert_eq!(place(l, &Levels::new()), None);
        let top: Levels = l
            .competencies
            .items
            .iter()
            .map(|c| (c.id.clone(), 5))
            .collect();
        assert_eq!(place(l, &top), Some("cpo"));
    }

    #[test]
    fn dates() {
        assert!(valid_date("2026-11-23"));
        for bad in ["2026-13-01", "26-11-23", "2026/11/23", "2026-11-32", ""] {
            assert!(!valid_date(bad), "{bad}");
        }
    }
}
