//! PMs against engineers and designers: for the whole roster, and for each
//! product leader's org.
//!
//! In most companies engineers do not report to product: they report up to
//! a CTO, and a product leader's "org" is the teams their PMs work in. So a
//! leader's org counts the IC PMs who report up to them, and the IC
//! engineers and designers who either report up to them or sit on a team
//! one of those PMs is on (each person once). A roster without a team
//! column falls back to reporting lines alone, and the report says which.

use rustc_hash::{FxHashMap, FxHashSet};

use super::tree::Tree;
use super::{PersonRef, RatioRow, Seen};
use crate::roster::Roster;

/// How leaders' orgs were counted, in words for the report.
pub(super) const BY_TEAMS: &str = "everyone reporting up to the leader, and the engineers and designers on the teams of the PMs who do";
pub(super) const BY_LINES: &str =
    "everyone reporting up to the leader (the roster has no teams to match engineers to PMs by)";

/// `1:8.5`, or `—` without a PM.
pub(super) fn written(n: Option<f64>) -> String {
    n.map_or_else(
        || "—".to_owned(),
        |n| format!("1:{}", crate::model::format_number(round1(n))),
    )
}

pub(super) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// A ratio row from (IC PMs, IC engineers, IC designers).
pub(super) fn ratio_row(leader: Option<PersonRef>, sums: [usize; 3]) -> RatioRow {
    let [p, e, d] = sums;
    let n = (p > 0).then(|| round1(e as f64 / p as f64));
    RatioRow {
        leader,
        product_ic: p,
        engineering_ic: e,
        design_ic: d,
        engineers_per_pm: n,
        written: written(n),
    }
}

/// What the leaders' rows are worked out from.
pub(super) struct Inputs<'a> {
    pub tree: &'a Tree,
    /// For each kept person's team (by its number among the roster's values).
    pub roster: &'a Roster,
    pub seen: &'a [Seen],
    /// Whether each kept person is a product leader.
    pub is_leader: &'a [bool],
    /// The product leaders (kept indices).
    pub leaders: &'a [usize],
    /// IC PMs, engineers and designers reporting up to each kept person.
    pub below: &'a [[u32; 3]],
    /// How many distinct values (teams among them) the roster has.
    pub teams: usize,
}

/// The managers above `k`, nearest first.
fn above(tree: &Tree, k: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(tree.manager(k), |&m| tree.manager(m))
}

/// (IC PMs, engineers, designers) of each leader's org, in the order of
/// `leaders`, and how they were counted.
pub(super) fn leader_sums(x: &Inputs<'_>) -> (Vec<[usize; 3]>, &'static str) {
    let mut sums: Vec<[usize; 3]> = x
        .leaders
        .iter()
        .map(|&k| x.below[k].map(|n| n as usize))
        .collect();
    let slot: FxHashMap<usize, usize> =
        x.leaders.iter().enumerate().map(|(i, &k)| (k, i)).collect();
    let team_of = |k: usize| x.roster.team_number(x.tree.row_of(k)).map(|t| t as u32);
    // The (leader, team) pairs: the teams of the IC PMs below each leader.
    let mut pairs: FxHashSet<(u32, u32)> = FxHashSet::default();
    for (k, s) in x.seen.iter().enumerate() {
        if !s.product_ic() {
            continue;
        }
        if let Some(t) = team_of(k) {
            for m in above(x.tree, k).filter(|&m| x.is_leader[m]) {
                pairs.insert((m as u32, t));
            }
        }
    }
    if pairs.is_empty() {
        return (sums, BY_LINES);
    }
    // IC engineers and designers on each team.
    let mut on_team = vec![[0usize; 2]; x.teams];
    let function = |s: &Seen| {
        if s.engineering_ic() {
            Some(0)
        } else if s.design_ic() {
            Some(1)
        } else {
            None
        }
    };
    for (k, s) in x.seen.iter().enumerate() {
        if let (Some(f), Some(t)) = (function(s), team_of(k)) {
            on_team[t as usize][f] += 1;
        }
    }
    for &(l, t) in &pairs {
        for f in 0..2 {
            sums[slot[&(l as usize)]][f + 1] += on_team[t as usize][f];
        }
    }
    // Those counted twice: below a leader and on one of the leader's teams.
    for (k, s) in x.seen.iter().enumerate() {
        if let (Some(f), Some(t)) = (function(s), team_of(k)) {
            for m in above(x.tree, k).filter(|&m| x.is_leader[m]) {
                if pairs.contains(&(m as u32, t)) {
                    sums[slot[&m]][f + 1] -= 1;
                }
            }
        }
    }
    (sums, BY_TEAMS)
}
