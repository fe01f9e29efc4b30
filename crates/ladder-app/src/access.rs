//! Who may see and do what. Every rule of the app's privacy is here, and
//! every operation calls it before touching data:
//!
//! * a **member** sees and changes their own data;
//! * a **manager** also sees the data of everyone below them in the
//!   reporting line (reports of reports too), and may rate them;
//! * an **admin** sees everyone, and alone manages users, teams and ladders;
//! * whoever may see a person still does not see two kinds of assessment of
//!   them: a draft, which is its author's until submitted, and a manager's
//!   assessment the manager has not yet shared, which the person assessed
//!   does not see (their managers and admins do, for calibration).
//!
//! Someone else's data that a user may not see is "not found", not
//! "forbidden", so that ids do not reveal who exists.

use ladder_core::assess::Rater;
use ladder_store::model::{Access, AssessmentRow, Status, User};

use crate::{Actor, App, AppError, Result};

impl App {
    /// May `viewer` see `subject`'s assessments and evidence?
    pub(crate) async fn can_view(&self, viewer: &User, subject: i64) -> Result<bool> {
        Ok(match viewer.access {
            _ if viewer.id == subject => true,
            Access::Admin => true,
            Access::Manager => self.is_above(viewer, subject).await?,
            Access::Member => false,
        })
    }

    /// May `viewer` rate `subject` as their manager?
    pub(crate) async fn can_rate(&self, viewer: &User, subject: i64) -> Result<bool> {
        Ok(viewer.id != subject
            && match viewer.access {
                Access::Admin => true,
                Access::Manager => self.is_above(viewer, subject).await?,
                Access::Member => false,
            })
    }

    async fn is_above(&self, viewer: &User, subject: i64) -> Result<bool> {
        Ok(self
            .store
            .reports(viewer.id)
            .await?
            .iter()
            .any(|r| r.user.id == subject))
    }

    /// The subject, if `viewer` may see them; otherwise "not found".
    pub(crate) async fn visible_user(&self, viewer: &User, subject: i64) -> Result<User> {
        if !self.can_view(viewer, subject).await? {
            return Err(AppError::NotFound("person"));
        }
        self.store
            .user(subject)
            .await?
            .ok_or(AppError::NotFound("person"))
    }
}

impl App {
    /// The person `viewer` may rate as their manager (someone below them,
    /// or anyone else for an admin); "not found" otherwise.
    pub async fn rateable(&self, viewer: &User, subject: i64) -> Result<User> {
        if !self.can_rate(viewer, subject).await? {
            return Err(AppError::NotFound("person"));
        }
        self.visible_user(viewer, subject).await
    }
}

/// Whether `viewer`, who may see the person assessed, may read this
/// assessment: its author always; others only once it is submitted, and the
/// person assessed a manager's assessment only once it is shared.
pub(crate) fn may_read(viewer: &User, row: &AssessmentRow) -> bool {
    if row.author_id == viewer.id {
        return true;
    }
    if row.status == Status::Draft {
        return false;
    }
    !(row.subject_id == viewer.id && row.rater == Rater::Manager && row.shared_at.is_none())
}

/// Admins (and the shell) only.
pub(crate) fn require_admin(actor: Actor<'_>) -> Result<()> {
    match actor {
        Actor::Shell => Ok(()),
        Actor::User(u) if u.access == Access::Admin => Ok(()),
        Actor::User(_) => Err(AppError::Forbidden("only admins may do this")),
    }
}

/// Managers and admins only.
pub(crate) fn require_manager(u: &User) -> Result<()> {
    match u.access {
        Access::Admin | Access::Manager => Ok(()),
        Access::Member => Err(AppError::Forbidden(
            "only managers and admins see other people",
        )),
    }
}
