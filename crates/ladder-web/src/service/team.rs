//! The manager's view: everyone below them, with the latest self and
//! manager placements and where the two disagree.

use ladder_core::assess;
use ladder_store::model::{Access, User};
use serde::Serialize;

use super::{AssessmentView, view};
use crate::access;
use crate::error::WebError;
use crate::state::AppState;

/// One line of the manager view.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLine {
    /// The person.
    pub user: User,
    /// 1 for direct reports, 2 for their reports, ... (0: seen as admin).
    pub depth: i64,
    /// Their latest submitted self-assessment.
    pub latest_self: Option<AssessmentView>,
    /// Their manager's latest submitted assessment of them.
    pub latest_manager: Option<AssessmentView>,
    /// Where self and manager disagree, largest first (both must exist).
    pub differences: Vec<assess::Disagreement>,
}

/// The people `viewer` manages (everyone, for an admin), with their latest
/// placement, readiness and self-versus-manager differences.
pub async fn team(state: &AppState, viewer: &User) -> Result<Vec<ReportLine>, WebError> {
    access::require_manager(viewer)?;
    let people: Vec<(User, i64)> = if viewer.access == Access::Admin {
        state
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.id != viewer.id)
            .map(|u| (u, 0))
            .collect()
    } else {
        state
            .store
            .reports(viewer.id)
            .await?
            .into_iter()
            .map(|r| (r.user, r.depth))
            .collect()
    };
    let mut out = Vec::new();
    for (user, depth) in people {
        let latest_self = match state.store.latest_submitted(user.id, "self").await? {
            Some(r) => Some(view(state, r).await?),
            None => None,
        };
        let latest_manager = match state.store.latest_submitted(user.id, "manager").await? {
            Some(r) => Some(view(state, r).await?),
            None => None,
        };
        let differences = match (&latest_self, &latest_manager) {
            (Some(s), Some(m)) => {
                let ladder = state.ladder_version(m.row.ladder_id).await?;
                assess::compare(&ladder, &s.assessment, &m.assessment)
                    .into_iter()
                    .filter(|d| d.difference != 0)
                    .collect()
            }
            _ => Vec::new(),
        };
        out.push(ReportLine {
            user,
            depth,
            latest_self,
            latest_manager,
            differences,
        });
    }
    Ok(out)
}
