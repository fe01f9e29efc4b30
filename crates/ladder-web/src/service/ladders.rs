//! Company ladders: an upload is validated as a whole, stored as a new
//! version and put in force at once.

use std::sync::Arc;

use ladder_store::model::{LadderKind, LadderVersion, NewLadder, User};

use super::located;
use crate::access;
use crate::error::{Problem, WebError};
use crate::state::AppState;

/// Validates and stores a company ladder as a new version, and puts it in force.
pub async fn upload_ladder(
    state: &AppState,
    admin: &User,
    source: &str,
) -> Result<LadderVersion, WebError> {
    access::require_admin(admin)?;
    let checked = ladder_core::file::check(source, false);
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
    Ok(version)
}
