//! Submitted assessments reduced to what whole-line views need (calibration,
//! who is ready): the role, the ratings, the placement and the next steps the
//! ratings qualify for.
//!
//! A submitted assessment is frozen and keeps its ladder version, so none of
//! this ever changes: each instance scores an assessment once (reads its
//! body, parses the ratings, places it) and keeps it by id. A whole line's
//! views then cost one query for which assessments are latest plus
//! arithmetic in memory.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use ladder_core::assess::{self, Rater};
use ladder_store::model::LatestKey;
use ladder_store::{Filter, Scope};

use crate::heatmap::StoredRatings;
use crate::{App, AppError, Result};

/// A submitted assessment, scored.
pub(crate) struct Scored {
    /// The role the person held when assessed.
    pub(crate) role: String,
    /// Level by competency id, as rated.
    pub(crate) ratings: BTreeMap<String, u8>,
    /// The highest role it qualifies for, `none` below every role.
    pub(crate) placement: String,
    /// The next steps from `role` the ratings qualify for.
    pub(crate) ready_for: Vec<String>,
}

/// One person's latest submitted assessments, scored.
#[derive(Default)]
pub(crate) struct Latest {
    /// Their own.
    pub(crate) own: Option<Arc<Scored>>,
    /// Their manager's, with its author.
    pub(crate) theirs: Option<(i64, Arc<Scored>)>,
}

impl Latest {
    /// What a person's standing rests on: the manager's assessment, else
    /// their own.
    pub(crate) fn standing(&self) -> Option<&Scored> {
        self.theirs
            .as_ref()
            .map(|(_, a)| a.as_ref())
            .or(self.own.as_deref())
    }
}

/// Scored assessments by id, kept by each instance.
#[derive(Default)]
pub(crate) struct ScoredCache(Mutex<HashMap<i64, Arc<Scored>>>);

/// Scored assessments kept before the cache starts again (about 1 KB each).
const MAX_SCORED: usize = 500_000;

impl App {
    /// The scored form of each of these assessments: from memory, or read,
    /// parsed and placed now (under the ladder version each was made against).
    pub(crate) async fn scored(&self, keys: &[LatestKey]) -> Result<HashMap<i64, Arc<Scored>>> {
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
            let ready_for = assess::ready_for(&ladder, &levels, &stored.role)
                .into_iter()
                .map(str::to_owned)
                .collect();
            let scored = Arc::new(Scored {
                ratings: stored
                    .ratings
                    .into_iter()
                    .map(|(c, r)| (c, r.level))
                    .collect(),
                role: stored.role,
                placement,
                ready_for,
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

    /// The latest submitted self and manager assessments of everyone in the
    /// line of `scope` that passes `filter`, scored, by person (people with
    /// neither are absent).
    pub(crate) async fn latest_scored(
        &self,
        scope: Scope,
        filter: &Filter,
    ) -> Result<HashMap<i64, Latest>> {
        let line = self.line_of(scope, filter).await?;
        let ids: Vec<i64> = line.iter().map(|(id, _)| *id).collect();
        let keys = self.store.latest_keys_of(&ids).await?;
        let scored = self.scored(&keys).await?;
        let mut people: HashMap<i64, Latest> = HashMap::with_capacity(ids.len());
        for key in &keys {
            let Some(a) = scored.get(&key.id).cloned() else {
                continue;
            };
            let entry = people.entry(key.subject_id).or_default();
            match key.rater {
                Rater::Myself => entry.own = Some(a),
                Rater::Manager => entry.theirs = Some((key.author_id, a)),
                Rater::Peer => {}
            }
        }
        Ok(people)
    }

    /// Scores every person's latest assessments ahead of the first request
    /// that needs them (calibration, the readiness filter): a server calls it
    /// in the background at start, so the first calibration after a restart
    /// is arithmetic rather than 20,000 bodies parsed for 10,000 people.
    /// Returns how many assessments are scored.
    pub async fn warm_up(&self) -> Result<usize> {
        let everyone = self
            .latest_scored(Scope::Everyone { except: 0 }, &Filter::NONE)
            .await?;
        Ok(everyone
            .values()
            .map(|l| usize::from(l.own.is_some()) + usize::from(l.theirs.is_some()))
            .sum())
    }
}
