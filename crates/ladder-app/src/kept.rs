//! Views of a whole reporting line kept between requests (calibration, who
//! is ready), each with the versions it was computed at.
//!
//! Such a view depends on the people of the line and their latest submitted
//! assessments, nothing else: the store moves a people version with every
//! change to an account and an assessment version with every submission, in
//! the same transactions. A kept view is used while both versions are the
//! ones it was computed at, so another instance's change is seen on the next
//! request, and nothing is ever invalidated by hand.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ladder_store::{Filter, Scope};

use crate::{App, Result};

/// The store's (people version, assessment version).
pub(crate) type Versions = (i64, i64);

/// Views kept before the map starts again.
const MAX_KEPT: usize = 256;

/// Whose line and which filter a view is of.
type LineKey = (Scope, Filter);

/// Views of type `V`, by whose line and which filter.
pub(crate) struct Kept<V>(Mutex<HashMap<LineKey, (Versions, Arc<V>)>>);

impl<V> Default for Kept<V> {
    fn default() -> Self {
        Kept(Mutex::new(HashMap::new()))
    }
}

impl<V> Kept<V> {
    /// The view of `key` if it was computed at `versions`.
    pub(crate) fn get(&self, key: &LineKey, versions: Versions) -> Option<Arc<V>> {
        let held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        match held.get(key) {
            Some((at, view)) if *at == versions => Some(view.clone()),
            _ => None,
        }
    }

    /// Keeps the view of `key` computed at `versions`.
    pub(crate) fn put(&self, key: LineKey, versions: Versions, view: Arc<V>) {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if held.len() >= MAX_KEPT && !held.contains_key(&key) {
            held.clear();
        }
        held.insert(key, (versions, view));
    }
}

impl App {
    /// The store's versions now: read before computing a view, so a change
    /// made meanwhile makes the next request compute it again.
    pub(crate) async fn versions(&self) -> Result<Versions> {
        Ok((
            self.store.people_version().await?,
            self.store.assessment_version().await?,
        ))
    }
}
