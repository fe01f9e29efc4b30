//! Calibration: how each manager's ratings compare with their people's own,
//! and where people are placed, across the viewer's whole line (the org, for
//! an admin). Leniency shows as a manager's mean difference against the
//! org's; a placement table shows how each role's people are spread.
//!
//! One query finds every latest submitted self and manager assessment of the
//! line (kept in memory, see `lines`); each is read, parsed and placed once
//! per instance and then kept (a submitted assessment is frozen), so a later
//! calibration of 10,000 people is that query and arithmetic in memory.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use ladder_core::assess::{self, Rater};
use ladder_store::model::{LatestKey, User};
use ladder_store::{Filter, Scope};
use serde::Serialize;

use crate::access::require_manager;
use crate::heatmap::StoredRatings;
use crate::{App, AppError, Result};

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

/// What calibration needs of a submitted assessment, computed once: a
/// submitted assessment is frozen, and its ladder version never changes, so
/// its ratings and placement never do either.
pub(crate) struct Scored {
    role: String,
    ratings: BTreeMap<String, u8>,
    /// The highest role it qualifies for, `none` below every role.
    placement: String,
}

/// Scored assessments by id, kept by each instance.
#[derive(Default)]
pub(crate) struct ScoredCache(Mutex<HashMap<i64, Arc<Scored>>>);

/// Calibrations computed, by whose line and which filter, with the people
/// and assessment versions they were computed at.
#[derive(Default)]
pub(crate) struct CalibrationCache(Mutex<HashMap<(Scope, Filter), Computed>>);

/// A calibration and the (people, assessment) versions it was computed at.
type Computed = ((i64, i64), Arc<Calibration>);

/// Scored assessments kept before the cache starts again (about 1 KB each).
const MAX_SCORED: usize = 500_000;

/// One person's latest assessments, as read for calibration.
struct Person {
    own: Option<Arc<Scored>>,
    /// The manager's assessment, with its author.
    theirs: Option<(i64, Arc<Scored>)>,
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
    /// The scored form of each of these assessments: from memory, or read,
    /// parsed and placed now (under the ladder version each was made against).
    async fn scored(&self, keys: &[LatestKey]) -> Result<HashMap<i64, Arc<Scored>>> {
        let mut out = HashMap::with_capacity(keys.len());
        let mut missing = Vec::new();
        {
            let held = self.scored.0.lock().unwrap_or_else(|e| e.into_inner());
            for k in keys {
                match held.get(&k.id) {
                    Some(s) => {
                        out.insert(k.id, s.clone());
                    }
                    None => missing.push(k.id),
                }
            }
        }
        if missing.is_empty() {
            return Ok(out);
        }
        let ladder_of: HashMap<i64, i64> = keys.iter().map(|k| (k.id, k.ladder_id)).collect();
        let mut fresh = Vec::with_capacity(missing.len());
        for (id, body) in self.store.assessment_bodies(&missing).await? {
            let stored: StoredRatings = serde_json::from_str(&body)
                .map_err(|e| AppError::Internal(format!("assessment {id} is not readable: {e}")))?;
            let ladder = self
                .ladder_version(ladder_of.get(&id).copied().unwrap_or_default())
                .await?;
            let levels: assess::Levels = ladder
                .competencies
                .items
                .iter()
                .map(|c| {
                    let level = stored.ratings.get(&c.id).map_or(0, |r| r.level);
                    (c.id.clone(), level)
                })
                .collect();
            let placement = assess::place(&ladder, &levels).unwrap_or("none").to_owned();
            let scored = Arc::new(Scored {
                role: stored.role,
                ratings: stored
                    .ratings
                    .into_iter()
                    .map(|(c, r)| (c, r.level))
                    .collect(),
                placement,
            });
            fresh.push((id, scored));
        }
        let mut held = self.scored.0.lock().unwrap_or_else(|e| e.into_inner());
        if held.len() + fresh.len() > MAX_SCORED {
            held.clear();
        }
        for (id, s) in fresh {
            held.insert(id, s.clone());
            out.insert(id, s);
        }
        Ok(out)
    }

    /// Calibration across the people `viewer` manages (everyone for an
    /// admin): computed again only when people or submissions have changed
    /// since the last time, on this instance.
    pub async fn calibration(&self, viewer: &User, filter: &Filter) -> Result<Calibration> {
        require_manager(viewer)?;
        let scope = Self::scope_of(viewer);
        let versions = (
            self.store.people_version().await?,
            self.store.assessment_version().await?,
        );
        let key = (scope, filter.clone());
        {
            let held = self
                .calibrations
                .0
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if let Some((at, c)) = held.get(&key)
                && *at == versions
            {
                return Ok(Calibration::clone(c));
            }
        }
        let fresh = Arc::new(self.compute_calibration(viewer, filter).await?);
        let mut held = self
            .calibrations
            .0
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if held.len() >= 256 {
            held.clear();
        }
        held.insert(key, (versions, fresh.clone()));
        Ok(Calibration::clone(&fresh))
    }

    /// Calibration computed from the store (and the scored assessments).
    async fn compute_calibration(&self, viewer: &User, filter: &Filter) -> Result<Calibration> {
        require_manager(viewer)?;
        let scope = Self::scope_of(viewer);
        let line = self.line_of(scope, filter).await?;
        let ids: Vec<i64> = line.iter().map(|(id, _)| *id).collect();
        let keys = self.store.latest_keys_of(&ids).await?;
        let scored = self.scored(&keys).await?;
        let mut people: HashMap<i64, Person> = HashMap::new();
        for key in &keys {
            let Some(a) = scored.get(&key.id).cloned() else {
                continue;
            };
            let entry = people.entry(key.subject_id).or_insert(Person {
                own: None,
                theirs: None,
            });
            match key.rater {
                Rater::Myself => entry.own = Some(a),
                Rater::Manager => entry.theirs = Some((key.author_id, a)),
                Rater::Peer => {}
            }
        }
        let mut by_manager: HashMap<i64, Sums> = HashMap::new();
        let mut org = Sums::default();
        let mut placements: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
        for p in people.values() {
            if let (Some(own), Some((author, theirs))) = (&p.own, &p.theirs) {
                let sums = by_manager.entry(*author).or_default();
                sums.rated += 1;
                for (c, level) in &theirs.ratings {
                    if let Some(o) = own.ratings.get(c) {
                        let d = i64::from(*level) - i64::from(*o);
                        sums.difference += d;
                        sums.compared += 1;
                        org.difference += d;
                        org.compared += 1;
                    }
                }
            }
            // Placed by the manager's assessment, else their own.
            let Some(placed_on) = p.theirs.as_ref().map(|(_, a)| a).or(p.own.as_ref()) else {
                continue;
            };
            *placements
                .entry(placed_on.role.clone())
                .or_default()
                .entry(placed_on.placement.clone())
                .or_default() += 1;
        }
        let manager_ids: Vec<(i64, i64)> = by_manager.keys().map(|id| (*id, 0)).collect();
        let names: HashMap<i64, String> = self
            .store
            .people_by_ids(&manager_ids)
            .await?
            .into_iter()
            .map(|r| (r.user.id, r.user.name))
            .collect();
        let mut managers = Vec::with_capacity(by_manager.len());
        for (id, sums) in by_manager {
            let name = names
                .get(&id)
                .cloned()
                .unwrap_or_else(|| format!("user {id}"));
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
