//! Calibration: how each manager's ratings compare with their people's own,
//! and where people are placed, across the viewer's whole line (the org, for
//! an admin). Leniency shows as a manager's mean difference against the
//! org's; a placement table shows how each role's people are spread.
//!
//! One query reads every latest submitted self and manager assessment of the
//! line (kept in memory, see `lines`); the rest is arithmetic in memory, so
//! 10,000 people are one query.

use std::collections::{BTreeMap, HashMap};

use ladder_core::assess::{self, Rater};
use ladder_store::Filter;
use ladder_store::model::User;
use serde::Serialize;

use crate::access::require_manager;
use crate::heatmap::{StoredRatings, stored_ratings};
use crate::{App, Result};

/// One manager's ratings against their people's own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ManagerCalibration {
    /// The manager (a user id): the author of the latest manager assessments.
    pub manager: i64,
    /// Their name.
    pub name: String,
    /// People they rated who also rated themselves.
    pub rated: u64,
    /// Mean of (manager's rating − person's own) over every competency both
    /// rated, of every person rated; positive is more generous than the people
    /// themselves. None when nothing could be compared.
    pub mean_difference: Option<f64>,
}

/// Calibration of the viewer's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Calibration {
    /// Each manager with people rated in the line, most generous first.
    pub managers: Vec<ManagerCalibration>,
    /// The same mean over every compared competency of the whole line.
    pub org_mean_difference: Option<f64>,
    /// Role (the person's role when assessed) → placement → people, from the
    /// latest manager assessment, or the self-assessment where there is none.
    /// `none` counts people placed below every role.
    pub placements: BTreeMap<String, BTreeMap<String, u64>>,
}

/// One person's latest assessments, as read for calibration.
struct Person {
    own: Option<StoredRatings>,
    /// The manager's assessment, with its author.
    theirs: Option<(i64, StoredRatings)>,
    /// The ladder version to place them on (the manager's assessment's, if any).
    ladder_id: i64,
}

#[derive(Default)]
struct Sums {
    rated: u64,
    difference: i64,
    compared: u64,
}

impl Sums {
    fn mean(&self) -> Option<f64> {
        (self.compared > 0).then(|| round2(self.difference as f64 / self.compared as f64))
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl App {
    /// Calibration across the people `viewer` manages (everyone for an admin).
    pub async fn calibration(&self, viewer: &User, filter: &Filter) -> Result<Calibration> {
        require_manager(viewer)?;
        let scope = Self::scope_of(viewer);
        let line = self.line_of(scope, filter).await?;
        let ids: Vec<i64> = line.iter().map(|(id, _)| *id).collect();
        let rows = self.store.latest_of(&ids).await?;
        let mut people: HashMap<i64, Person> = HashMap::new();
        for row in rows {
            // Ratings only: the notes beside them are not needed here.
            let a = stored_ratings(&row)?;
            let entry = people.entry(row.subject_id).or_insert(Person {
                own: None,
                theirs: None,
                ladder_id: row.ladder_id,
            });
            match row.rater {
                Rater::Myself => entry.own = Some(a),
                Rater::Manager => {
                    entry.theirs = Some((row.author_id, a));
                    entry.ladder_id = row.ladder_id;
                }
                Rater::Peer => {}
            }
        }
        let mut by_manager: HashMap<i64, Sums> = HashMap::new();
        let mut org = Sums::default();
        let mut placements: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for p in people.values() {
            let ladder = self.ladder_version(p.ladder_id).await?;
            if let (Some(own), Some((author, theirs))) = (&p.own, &p.theirs) {
                let sums = by_manager.entry(*author).or_default();
                sums.rated += 1;
                for (c, r) in &theirs.ratings {
                    if let Some(o) = own.ratings.get(c) {
                        let d = i64::from(r.level) - i64::from(o.level);
                        sums.difference += d;
                        sums.compared += 1;
                        org.difference += d;
                        org.compared += 1;
                    }
                }
            }
            let Some(placed_on) = p.theirs.as_ref().map(|(_, a)| a).or(p.own.as_ref()) else {
                continue;
            };
            let levels: assess::Levels = ladder
                .competencies
                .items
                .iter()
                .map(|c| {
                    let level = placed_on.ratings.get(&c.id).map_or(0, |r| r.level);
                    (c.id.clone(), level)
                })
                .collect();
            let placement = assess::place(&ladder, &levels).unwrap_or("none");
            *placements
                .entry(placed_on.role.clone())
                .or_default()
                .entry(placement.to_owned())
                .or_default() += 1;
        }
        let mut managers = Vec::with_capacity(by_manager.len());
        for (id, sums) in by_manager {
            let name = self
                .store
                .user(id)
                .await?
                .map_or_else(|| format!("user {id}"), |u| u.name);
            managers.push(ManagerCalibration {
                manager: id,
                name,
                rated: sums.rated,
                mean_difference: sums.mean(),
            });
        }
        managers.sort_by(|a, b| {
            b.mean_difference
                .unwrap_or(f64::MIN)
                .total_cmp(&a.mean_difference.unwrap_or(f64::MIN))
                .then(a.name.cmp(&b.name))
        });
        Ok(Calibration {
            managers,
            org_mean_difference: org.mean(),
            placements,
        })
    }
}
