//! Accounts: admins add and change users; everyone changes their own
//! password. The last admin cannot be demoted, so the app is never left
//! without one.

use ladder_store::model::{Access, NewUser, User, UserUpdate};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::access;
use crate::error::WebError;
use crate::state::AppState;

/// A user as an admin creates one.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UserInput {
    /// Sign-in email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Initial password (10 characters or more).
    pub password: String,
    /// `member`, `manager` or `admin`.
    #[serde(default = "member")]
    pub access: String,
    /// Team id.
    #[serde(default)]
    pub team_id: Option<i64>,
    /// Manager's user id.
    #[serde(default)]
    pub manager_id: Option<i64>,
    /// Current role on the ladder (a role id).
    #[serde(default)]
    pub ladder_role: Option<String>,
}

fn member() -> String {
    "member".into()
}

/// The changes an admin makes to a user.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UserChange {
    /// Display name.
    pub name: String,
    /// `member`, `manager` or `admin`.
    pub access: String,
    /// Team id.
    #[serde(default)]
    pub team_id: Option<i64>,
    /// Manager's user id.
    #[serde(default)]
    pub manager_id: Option<i64>,
    /// Current role on the ladder.
    #[serde(default)]
    pub ladder_role: Option<String>,
}

fn check_role(state: &AppState, role: &Option<String>) -> Result<Option<String>, WebError> {
    match role.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(r) if state.site().ladder.role(r).is_some() => Ok(Some(r.to_owned())),
        Some(r) => Err(WebError::BadRequest(format!(
            "`{r}` is not a role of the ladder in force; see /api/v1/roles for the ids"
        ))),
    }
}

fn parse_access(s: &str) -> Result<Access, WebError> {
    s.parse().map_err(WebError::BadRequest)
}

/// Changes one's own password after checking the current one; every
/// session of the user ends (they sign in again).
pub async fn change_password(
    state: &AppState,
    user: &User,
    current: &str,
    new: &str,
) -> Result<(), WebError> {
    if !crate::auth::verify_password(current.to_owned(), user.password_hash.clone()).await {
        return Err(WebError::BadRequest(
            "the current password is not right".into(),
        ));
    }
    crate::auth::check_password_rules(new)?;
    let hash = crate::auth::hash_password_async(new.to_owned()).await?;
    state
        .store
        .set_password(user.id, &hash, Some(user.id))
        .await?;
    Ok(())
}

/// Makes a user (admins only; `ladder user add` does the same from the shell).
pub async fn add_user(state: &AppState, admin: &User, input: UserInput) -> Result<User, WebError> {
    access::require_admin(admin)?;
    let email = input.email.trim();
    if !email.contains('@') || email.len() > 254 {
        return Err(WebError::BadRequest(format!(
            "`{email}` is not an email address"
        )));
    }
    if input.name.trim().is_empty() {
        return Err(WebError::BadRequest("the name is empty".into()));
    }
    crate::auth::check_password_rules(&input.password)?;
    let new = NewUser {
        email: email.to_owned(),
        name: input.name.trim().to_owned(),
        password_hash: crate::auth::hash_password_async(input.password).await?,
        access: parse_access(&input.access)?,
        team_id: input.team_id,
        manager_id: input.manager_id,
        ladder_role: check_role(state, &input.ladder_role)?,
    };
    Ok(state.store.create_user(new, Some(admin.id)).await?)
}

/// Changes a user (admins only).
pub async fn change_user(
    state: &AppState,
    admin: &User,
    id: i64,
    input: UserChange,
) -> Result<User, WebError> {
    access::require_admin(admin)?;
    let current = state
        .store
        .user(id)
        .await?
        .ok_or(WebError::NotFound("user"))?;
    if current.access == Access::Admin && parse_access(&input.access)? != Access::Admin {
        let admins = state
            .store
            .users()
            .await?
            .iter()
            .filter(|u| u.access == Access::Admin)
            .count();
        if admins <= 1 {
            return Err(WebError::Conflict(format!(
                "{} is the only admin; make someone else admin first",
                current.email
            )));
        }
    }
    let update = UserUpdate {
        name: input.name.trim().to_owned(),
        access: parse_access(&input.access)?,
        team_id: input.team_id,
        manager_id: input.manager_id,
        ladder_role: check_role(state, &input.ladder_role)?,
    };
    Ok(state.store.update_user(id, update, Some(admin.id)).await?)
}
