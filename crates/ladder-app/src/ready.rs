//! Who in a line is ready for a next step: the readiness filter of the team
//! view ("show me the people ready for promotion").
//!
//! Readiness is not a column: it follows from each person's latest
//! manager assessment (their own where the manager has not rated them)
//! against the ladder version it was made on. So the whole line's readiness
//! is worked out from the scored latest assessments and kept until people or
//! submissions change, and a filtered page is a window of that.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use ladder_store::{Filter, Scope};

use crate::{App, Result};

/// Where a person stands against their next steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReadyState {
    /// Their latest assessment qualifies for at least one next step.
    Ready,
    /// Assessed, and not yet qualified for any next step.
    NotYet,
    /// No submitted assessment, by themselves or their manager.
    NotAssessed,
}

impl ReadyState {
    /// Every state, in the order a filter offers them.
    pub const ALL: [ReadyState; 3] = [
        ReadyState::Ready,
        ReadyState::NotYet,
        ReadyState::NotAssessed,
    ];

    /// The name used in query strings.
    pub fn as_str(self) -> &'static str {
        match self {
            ReadyState::Ready => "ready",
            ReadyState::NotYet => "not-yet",
            ReadyState::NotAssessed => "not-assessed",
        }
    }

    /// What a person reads.
    pub fn label(self) -> &'static str {
        match self {
            ReadyState::Ready => "Ready for a next role",
            ReadyState::NotYet => "Not ready yet",
            ReadyState::NotAssessed => "Not assessed",
        }
    }

    /// The state a query string names.
    pub fn parse(s: &str) -> Option<ReadyState> {
        ReadyState::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

impl fmt::Display for ReadyState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Readiness by person id; people absent are not assessed.
pub(crate) type LineReadiness = HashMap<i64, ReadyState>;

impl App {
    /// Readiness of everyone in the line of `scope` that passes `filter`:
    /// kept until people or submissions change.
    pub(crate) async fn readiness_of_line(
        &self,
        scope: Scope,
        filter: &Filter,
    ) -> Result<Arc<LineReadiness>> {
        let versions = self.versions().await?;
        let key = (scope, filter.clone());
        if let Some(kept) = self.readiness.get(&key, versions) {
            return Ok(kept);
        }
        let latest = self.latest_scored(scope, filter).await?;
        let fresh: Arc<LineReadiness> = Arc::new(
            latest
                .into_iter()
                .filter_map(|(id, l)| {
                    let a = l.standing()?;
                    let state = if a.ready_for.is_empty() {
                        ReadyState::NotYet
                    } else {
                        ReadyState::Ready
                    };
                    Some((id, state))
                })
                .collect(),
        );
        self.readiness.put(key, versions, fresh.clone());
        Ok(fresh)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_back_from_their_names() {
        for s in ReadyState::ALL {
            assert_eq!(ReadyState::parse(s.as_str()), Some(s));
        }
        assert_eq!(ReadyState::parse("Ready"), None);
    }
}
