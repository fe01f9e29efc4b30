//! People and teams: admins (and the operator at the shell) add and change
//! accounts and teams and read the audit log; managers look up the people
//! below them. The same checks hold for every front end: an email that is
//! one, a name that is not blank, a role that exists in the ladder in force,
//! a manager and a team that exist, and never a change that leaves the app
//! without an admin (the store checks that in the same transaction as the
//! change).

use ladder_core::model::RoleId;
use ladder_store::model::{Access, AuditEntry, NewUser, Team, User, UserUpdate};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::access::{require_admin, require_manager};
use crate::{Actor, App, AppError, Result};

/// Longest display name, in bytes.
const MAX_NAME: usize = 200;
/// Longest email, in bytes (RFC 5321's path limit).
pub const MAX_EMAIL: usize = 254;

/// A user as an admin creates one.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPerson {
    /// Sign-in email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Initial password (10 characters or more); leave it out to invite
    /// them instead (`POST /users/{id}/invite`).
    #[serde(default)]
    pub password: Option<String>,
    /// What they may see and do (default `member`).
    #[serde(default = "member")]
    pub access: Access,
    /// Team id.
    #[serde(default)]
    pub team_id: Option<i64>,
    /// Manager's user id.
    #[serde(default)]
    pub manager_id: Option<i64>,
    /// Current role on the ladder in force.
    #[serde(default)]
    pub ladder_role: Option<RoleId>,
}

fn member() -> Access {
    Access::Member
}

/// The changes an admin makes to a user.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonChange {
    /// Display name.
    pub name: String,
    /// What they may see and do.
    pub access: Access,
    /// Team id.
    #[serde(default)]
    pub team_id: Option<i64>,
    /// Manager's user id.
    #[serde(default)]
    pub manager_id: Option<i64>,
    /// Current role on the ladder in force.
    #[serde(default)]
    pub ladder_role: Option<RoleId>,
}

/// A display name, trimmed: not blank, not longer than [`MAX_NAME`].
fn clean_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AppError::BadRequest("the name is empty; give one".into()));
    }
    if name.len() > MAX_NAME {
        return Err(AppError::BadRequest(format!(
            "the name is {} bytes long; use at most {MAX_NAME}",
            name.len()
        )));
    }
    Ok(name.to_owned())
}

impl App {
    /// The role id if it is a role of the ladder in force.
    fn check_role(&self, role: Option<&RoleId>) -> Result<Option<String>> {
        match role.map(|r| r.as_str().trim()) {
            None | Some("") => Ok(None),
            Some(r) if self.ladder().ladder.role(r).is_some() => Ok(Some(r.to_owned())),
            Some(r) => Err(AppError::BadRequest(format!(
                "`{r}` is not a role of the ladder in force; `ladder roles` or GET /api/v1/roles lists the ids"
            ))),
        }
    }

    /// Refuses a manager or team id that does not exist.
    async fn check_links(&self, manager_id: Option<i64>, team_id: Option<i64>) -> Result<()> {
        if let Some(m) = manager_id {
            match self.store.user(m).await? {
                None => {
                    return Err(AppError::BadRequest(format!(
                        "manager_id {m} is not a user; GET /api/v1/users lists them"
                    )));
                }
                Some(u) if !u.is_active() => {
                    return Err(AppError::BadRequest(format!(
                        "{} (manager_id {m}) has left (deactivated); choose someone active",
                        u.name
                    )));
                }
                Some(_) => {}
            }
        }
        if let Some(t) = team_id
            && !self.store.teams().await?.iter().any(|x| x.id == t)
        {
            return Err(AppError::BadRequest(format!(
                "team_id {t} is not a team; GET /api/v1/teams lists them"
            )));
        }
        Ok(())
    }

    /// Makes a user (admins; `ladder user add` from the shell).
    pub async fn add_person(&self, by: Actor<'_>, input: NewPerson) -> Result<User> {
        require_admin(by)?;
        let email = input.email.trim();
        if !email.contains('@') || email.len() > MAX_EMAIL {
            return Err(AppError::BadRequest(format!(
                "`{email}` is not an email address"
            )));
        }
        let name = clean_name(&input.name)?;
        if let Some(p) = &input.password {
            crate::auth::check_password_rules(p)?;
        }
        let ladder_role = self.check_role(input.ladder_role.as_ref())?;
        self.check_links(input.manager_id, input.team_id).await?;
        // No password: they choose one through an invite (an empty hash
        // matches nothing).
        let password_hash = match input.password {
            Some(p) => self.passwords.hash(p).await?,
            None => String::new(),
        };
        let new = NewUser {
            email: email.to_owned(),
            name,
            password_hash,
            access: input.access,
            team_id: input.team_id,
            manager_id: input.manager_id,
            ladder_role,
        };
        Ok(self.store.create_user(new, by.id()).await?)
    }

    /// Changes a user (admins). The only admin cannot be demoted.
    pub async fn change_person(&self, by: Actor<'_>, id: i64, input: PersonChange) -> Result<User> {
        require_admin(by)?;
        let update = UserUpdate {
            name: clean_name(&input.name)?,
            access: input.access,
            team_id: input.team_id,
            manager_id: input.manager_id,
            ladder_role: self.check_role(input.ladder_role.as_ref())?,
        };
        self.check_links(input.manager_id, input.team_id).await?;
        Ok(self.store.update_user(id, update, by.id()).await?)
    }

    /// Deactivates someone (admins): their sessions end and their API
    /// tokens stop working at once; their history stays, marked as former.
    /// `active` brings a former person back. Admins cannot deactivate
    /// themselves, and the last active admin stays.
    pub async fn set_active(&self, by: Actor<'_>, id: i64, active: bool) -> Result<User> {
        require_admin(by)?;
        if !active && by.id() == Some(id) {
            return Err(AppError::Conflict(
                "you cannot deactivate yourself; another admin can".into(),
            ));
        }
        Ok(self.store.set_active(id, active, by.id()).await?)
    }

    /// Sets the role of someone whose imported title the resolver was not
    /// sure of (admins); `None` says they have no role on the ladder.
    pub async fn confirm_role(&self, by: Actor<'_>, id: i64, role: Option<RoleId>) -> Result<User> {
        require_admin(by)?;
        let role = self.check_role(role.as_ref())?;
        Ok(self.store.confirm_role(id, role, by.id()).await?)
    }

    /// Active people whose role waits for an admin's confirmation, least
    /// sure first (admins).
    pub async fn roles_to_confirm(&self, by: Actor<'_>) -> Result<Vec<User>> {
        require_admin(by)?;
        let mut waiting: Vec<User> = self
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.is_active() && u.pending_role.is_some())
            .collect();
        waiting.sort_by_key(|u| (u.pending_confidence, u.name.clone()));
        Ok(waiting)
    }

    /// Every user (admins).
    pub async fn people(&self, by: Actor<'_>) -> Result<Vec<User>> {
        require_admin(by)?;
        Ok(self.store.users().await?)
    }

    /// One user by id (admins; for forms that change a user).
    pub async fn person_by_id(&self, by: Actor<'_>, id: i64) -> Result<User> {
        require_admin(by)?;
        self.store.user(id).await?.ok_or(AppError::NotFound("user"))
    }

    /// The account with this email (admins and the shell).
    pub async fn user_by_email(&self, by: Actor<'_>, email: &str) -> Result<User> {
        require_admin(by)?;
        self.store
            .user_by_email(email)
            .await?
            .ok_or_else(|| AppError::BadRequest(format!("no account has the email `{email}`")))
    }

    /// A person below `viewer` in the reporting line (anyone, for admins).
    pub async fn report(&self, viewer: &User, id: i64) -> Result<User> {
        require_manager(viewer)?;
        self.visible_user(viewer, id).await
    }

    /// Makes a team (admins).
    pub async fn add_team(&self, by: Actor<'_>, name: &str) -> Result<Team> {
        require_admin(by)?;
        let name = clean_name(name).map_err(|_| {
            AppError::BadRequest(format!(
                "the team name must be 1 to {MAX_NAME} bytes and not blank"
            ))
        })?;
        Ok(self.store.create_team(&name, by.id()).await?)
    }

    /// Every team (admins).
    pub async fn teams(&self, by: Actor<'_>) -> Result<Vec<Team>> {
        require_admin(by)?;
        Ok(self.store.teams().await?)
    }

    /// Every team, for a manager's filters (names are no secret inside the
    /// company; who is in a team is, and stays behind the line's rules).
    pub async fn team_names(&self, viewer: &User) -> Result<Vec<Team>> {
        crate::access::require_manager(viewer)?;
        Ok(self.store.teams().await?)
    }

    /// The newest `limit` entries of the audit log (admins; 1 to 1000).
    pub async fn audit_log(&self, by: Actor<'_>, limit: i64) -> Result<Vec<AuditEntry>> {
        require_admin(by)?;
        Ok(self.store.audit_log(limit.clamp(1, 1000)).await?)
    }
}
