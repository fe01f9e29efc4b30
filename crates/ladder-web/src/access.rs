//! Who may see and do what. Every rule of the app's privacy is here:
//!
//! * a **member** sees and changes their own data;
//! * a **manager** also sees the data of everyone below them in the
//!   reporting line (reports of reports too), and may rate them;
//! * an **admin** sees everyone, and alone manages users, teams and ladders.
//!
//! Someone else's data that a user may not see answers 404, not 403, so
//! that ids do not reveal who exists.

use ladder_store::model::{Access, User};

use crate::error::WebError;
use crate::state::AppState;

/// May `viewer` see `subject`'s assessments and evidence?
pub async fn can_view(state: &AppState, viewer: &User, subject: i64) -> Result<bool, WebError> {
    Ok(match viewer.access {
        _ if viewer.id == subject => true,
        Access::Admin => true,
        Access::Manager => is_above(state, viewer, subject).await?,
        Access::Member => false,
    })
}

/// May `viewer` rate `subject` as their manager?
pub async fn can_rate(state: &AppState, viewer: &User, subject: i64) -> Result<bool, WebError> {
    Ok(viewer.id != subject
        && match viewer.access {
            Access::Admin => true,
            Access::Manager => is_above(state, viewer, subject).await?,
            Access::Member => false,
        })
}

async fn is_above(state: &AppState, viewer: &User, subject: i64) -> Result<bool, WebError> {
    Ok(state
        .store
        .reports(viewer.id)
        .await?
        .iter()
        .any(|r| r.user.id == subject))
}

/// The subject, if `viewer` may see them; otherwise "not found".
pub async fn visible_user(state: &AppState, viewer: &User, subject: i64) -> Result<User, WebError> {
    if !can_view(state, viewer, subject).await? {
        return Err(WebError::NotFound("person"));
    }
    state
        .store
        .user(subject)
        .await?
        .ok_or(WebError::NotFound("person"))
}

/// Admins only.
pub fn require_admin(u: &User) -> Result<(), WebError> {
    match u.access {
        Access::Admin => Ok(()),
        _ => Err(WebError::Forbidden("only admins may do this")),
    }
}

/// Managers and admins only.
pub fn require_manager(u: &User) -> Result<(), WebError> {
    match u.access {
        Access::Admin | Access::Manager => Ok(()),
        Access::Member => Err(WebError::Forbidden("only managers and admins see reports")),
    }
}
