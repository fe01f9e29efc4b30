//! Two raters compared, and the smallest set of competency moves that would
//! qualify someone for a target role.

use serde::Serialize;

use super::{Assessment, Levels, expected, levels, qualifies};
use crate::model::{Ladder, PlacementRule};

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
