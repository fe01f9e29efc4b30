//! The manager's view: everyone below them, with the latest self and
//! manager placements and where the two disagree.

use ladder_core::assess::{self, Rater};
use ladder_store::model::{Access, User};
use serde::Serialize;

use crate::access::require_manager;
use crate::assessments::AssessmentView;
use crate::{App, Result};

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

impl App {
    /// The people `viewer` manages (everyone, for an admin), with their
    /// latest placement, readiness and self-versus-manager differences.
    pub async fn team(&self, viewer: &User) -> Result<Vec<ReportLine>> {
        require_manager(viewer)?;
        let people: Vec<(User, i64)> = if viewer.access == Access::Admin {
            self.store
                .users()
                .await?
                .into_iter()
                .filter(|u| u.id != viewer.id)
                .map(|u| (u, 0))
                .collect()
        } else {
            self.store
                .reports(viewer.id)
                .await?
                .into_iter()
                .map(|r| (r.user, r.depth))
                .collect()
        };
        let mut out = Vec::new();
        for (user, depth) in people {
            let latest_self = self.latest(user.id, Rater::Myself).await?;
            let latest_manager = self.latest(user.id, Rater::Manager).await?;
            let differences = match (&latest_self, &latest_manager) {
                (Some(s), Some(m)) => {
                    let ladder = self.ladder_version(m.ladder_id).await?;
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
}
