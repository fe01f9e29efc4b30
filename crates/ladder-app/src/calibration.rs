//! Calibration: how each manager's ratings compare with their people's own,
//! and where people are placed, across the viewer's whole line (the org, for
//! an admin). Leniency shows as a manager's mean difference against the
//! org's; a placement table shows how each role's people are spread.
//!
//! It rests on the latest submitted assessments of the line, scored once
//! per instance (see `scored`), and the result is kept until people or
//! submissions change (see `kept`): a calibration of 10,000 people is one
//! lookup of which assessments are latest and arithmetic in memory.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use ladder_store::Filter;
use ladder_store::model::User;
use serde::Serialize;

use crate::access::require_manager;
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
    /// Calibration across the people `viewer` manages (everyone for an
    /// admin): computed again only when people or submissions have changed
    /// since the last time, on this instance.
    pub async fn calibration(&self, viewer: &User, filter: &Filter) -> Result<Calibration> {
        require_manager(viewer)?;
        let scope = Self::scope_of(viewer);
        let versions = self.versions().await?;
        let key = (scope, filter.clone());
        if let Some(kept) = self.calibrations.get(&key, versions) {
            return Ok(Calibration::clone(&kept));
        }
        let fresh = Arc::new(self.compute_calibration(viewer, filter).await?);
        self.calibrations.put(key, versions, fresh.clone());
        Ok(Calibration::clone(&fresh))
    }

    /// Calibration computed from the store (and the scored assessments).
    async fn compute_calibration(&self, viewer: &User, filter: &Filter) -> Result<Calibration> {
        require_manager(viewer)?;
        let scope = Self::scope_of(viewer);
        let people = self.latest_scored(scope, filter).await?;
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
            let Some(placed_on) = p.standing() else {
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
