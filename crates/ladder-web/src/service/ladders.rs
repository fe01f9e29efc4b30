//! Company ladders: an upload is validated as a whole, stored as a new
//! version and put in force at once. Lint warnings (vague criteria, copied
//! text, missing readiness) do not stop an upload; they come back with it.

use std::sync::Arc;

use ladder_store::model::{LadderKind, LadderVersion, NewLadder, User};
use serde::Serialize;

use super::located;
use crate::access;
use crate::error::{Problem, WebError};
use crate::state::AppState;

/// A stored upload and what the linter says of it.
#[derive(Debug, Clone, Serialize)]
pub struct Uploaded {
    /// The new version, in force.
    #[serde(flatten)]
    pub version: LadderVersion,
    /// Lint warnings, located.
    pub warnings: Vec<Problem>,
}

/// Validates and stores a company ladder as a new version, and puts it in force.
pub async fn upload_ladder(
    state: &AppState,
    admin: &User,
    source: &str,
) -> Result<Uploaded, WebError> {
    access::require_admin(admin)?;
    let checked = ladder_core::file::check(source, true);
    let Some(ladder) = checked.ladder else {
        let problems: Vec<Problem> = checked
            .diagnostics
            .0
            .iter()
            .filter(|d| d.is_error())
            .map(located)
            .collect();
        return Err(WebError::Invalid {
            summary: format!(
                "the ladder file has {} error(s); nothing was stored",
                problems.len()
            ),
            problems,
        });
    };
    let version = state
        .store
        .add_ladder(
            NewLadder {
                kind: LadderKind::Upload,
                name: ladder.ladder.name.clone(),
                label: ladder.ladder.version.clone(),
                source: source.to_owned(),
            },
            Some(admin.id),
        )
        .await?;
    state.activate(version.clone(), Arc::new(ladder))?;
    let warnings = checked
        .diagnostics
        .0
        .iter()
        .filter(|d| !d.is_error())
        .map(located)
        .collect();
    Ok(Uploaded { version, warnings })
}
