//! Reporting lines kept in memory between requests.
//!
//! Walking a VP's line of 10,000 people (a recursive query, sorted by depth
//! and name) is most of what a page of the team view costs, and the line
//! changes only when people do. So each instance keeps the lines it walked,
//! each as the ordered (user id, depth) pairs, and checks one number before
//! using them: the store's people version, which every change to an account
//! moves in the same transaction. Another instance's change is seen on the
//! next request; a page then reads only its own people.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use ladder_store::{Filter, Scope};

use crate::{App, Result};

/// Lines kept before the oldest are dropped (each is 16 bytes a person).
const MAX_LINES: usize = 256;

/// A walked line: (user id, depth), nearest first, then by name.
pub(crate) type Line = Arc<Vec<(i64, i64)>>;

/// The lines walked at one people version, by whose line and which filter.
#[derive(Default)]
struct Held {
    version: i64,
    lines: HashMap<(Scope, Filter), Line>,
}

/// The lines walked at one people version.
#[derive(Default)]
pub(crate) struct LineCache(Mutex<Held>);

impl LineCache {
    fn get(&self, version: i64, key: &(Scope, Filter)) -> Option<Line> {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if held.version != version {
            held.version = version;
            held.lines.clear();
        }
        held.lines.get(key).cloned()
    }

    fn put(&self, version: i64, key: (Scope, Filter), line: Line) {
        let mut held = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if held.version != version {
            // People changed while this line was walked: do not keep it.
            return;
        }
        if held.lines.len() >= MAX_LINES {
            held.lines.clear();
        }
        held.lines.insert(key, line);
    }
}

impl App {
    /// The ordered line of `scope` that passes `filter`: from memory while
    /// no one has changed, else walked again.
    pub(crate) async fn line_of(&self, scope: Scope, filter: &Filter) -> Result<Line> {
        let version = self.store.people_version().await?;
        let key = (scope, filter.clone());
        if let Some(line) = self.lines.get(version, &key) {
            return Ok(line);
        }
        let line = Arc::new(self.store.line(scope, filter).await?);
        self.lines.put(version, key, line.clone());
        Ok(line)
    }
}
