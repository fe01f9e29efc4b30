//! Two raters compared, and the smallest set of competency moves that would
//! qualify someone for a target role.

use serde::Serialize;

use super::{Assessment, Levels, expected, qualifies};
use crate::model::{Competency, Ladder, PlacementRule};

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

/// Every competency both raters rated, with both levels, largest
/// disagreement first. A competency only one of them rated is not a
/// disagreement (nor an agreement): see [`rated_by_one`].
pub fn compare(ladder: &Ladder, first: &Assessment, second: &Assessment) -> Vec<Disagreement> {
    let mut out: Vec<Disagreement> = ladder
        .competencies
        .items
        .iter()
        .filter_map(|c| {
            let x = first.ratings.get(&c.id)?.level;
            let y = second.ratings.get(&c.id)?.level;
            Some(Disagreement {
                competency: c.id.clone(),
                name: c.name.clone(),
                first: x,
                second: y,
                difference: i16::from(y) - i16::from(x),
            })
        })
        .collect();
    out.sort_by_key(|d| std::cmp::Reverse(d.difference.abs()));
    out
}

/// The names of the ladder's competencies exactly one of two raters rated.
pub fn rated_by_one(ladder: &Ladder, first: &Assessment, second: &Assessment) -> Vec<String> {
    ladder
        .competencies
        .items
        .iter()
        .filter(|c| first.ratings.contains_key(&c.id) != second.ratings.contains_key(&c.id))
        .map(|c| c.name.clone())
        .collect()
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
    /// How it reads on the competency's scale.
    pub from_name: String,
    /// The level to reach.
    pub to: u8,
    /// How it reads on the competency's scale.
    pub to_name: String,
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
    // Only the competencies the role is assessed on.
    let assessed: Vec<&Competency> = m
        .items
        .iter()
        .filter(|c| expected(c, role).is_some())
        .collect();
    if assessed.is_empty() {
        return None;
    }
    let mut target = levels.clone();
    for c in &assessed {
        target.entry(c.id.clone()).or_insert(0);
    }
    match m.placement.rule {
        PlacementRule::AllAtOrAbove => {
            for c in &assessed {
                let e = expected(c, role).unwrap_or(0);
                let v = target.entry(c.id.clone()).or_insert(0);
                *v = (*v).max(e);
            }
        }
        PlacementRule::Points => {
            let area = |c: &Competency| c.area.clone().unwrap_or_default();
            // One step up a competency's scale: to its bottom when not rated.
            let up = |c: &Competency, level: u8| level.max(m.range_of(c).0.saturating_sub(1)) + 1;
            while !qualifies(ladder, &target, role) {
                // Areas below their minimum come first; then any competency.
                let short: Vec<String> = assessed
                    .iter()
                    .map(|c| area(c))
                    .filter(|a| {
                        let (h, n) = assessed.iter().filter(|c| area(c) == *a).fold(
                            (0.0, 0.0),
                            |(h, n), c| {
                                (
                                    h + m.points_of(c, target[&c.id]),
                                    n + m.points_of(c, expected(c, role).unwrap_or(0)),
                                )
                            },
                        );
                        h < m.placement.area_minimum * n
                    })
                    .collect();
                let gain = |c: &Competency| {
                    let now = target[&c.id];
                    m.points_of(c, up(c, now)) - m.points_of(c, now)
                };
                let best = assessed
                    .iter()
                    .filter(|c| {
                        target[&c.id] < m.range_of(c).1
                            && (short.is_empty() || short.contains(&area(c)))
                    })
                    .max_by(|a, b| gain(a).total_cmp(&gain(b)).then_with(|| b.id.cmp(&a.id)));
                match best {
                    Some(c) => {
                        let now = target[&c.id];
                        target.insert(c.id.clone(), up(c, now));
                    }
                    None => return None,
                }
            }
        }
    }
    let mut moves: Vec<Move> = m
        .items
        .iter()
        .filter_map(|c| {
            let (from, to) = (levels.get(&c.id).copied().unwrap_or(0), *target.get(&c.id)?);
            (to > from).then_some((c, from, to))
        })
        .map(|(c, from, to)| Move {
            competency: c.id.clone(),
            name: c.name.clone(),
            from,
            from_name: m.level_label(c, from),
            to,
            to_name: m.level_label(c, to),
            evidence: c
                .examples
                .iter()
                .filter(|e| e.level > from && e.level <= to)
                .map(|e| e.text.clone())
                .collect(),
        })
        .collect();
    moves.sort_by_key(|mv| (std::cmp::Reverse(mv.to - mv.from), mv.competency.clone()));
    Some(moves)
}
