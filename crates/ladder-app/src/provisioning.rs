//! Directory sync (SCIM): a company's identity provider keeps the app's
//! people and teams in step with its own, signing each request with a
//! token an admin made.
//!
//! These are the operations a directory may do; the web layer speaks the
//! SCIM protocol (RFC 7643/7644) and turns each request into one of them.
//! A directory is not a user: it may create, change and delete people and
//! teams, and nothing else (it reads no assessments). Every operation takes
//! a [`Directory`], which only [`App::directory`] makes from a live SCIM
//! token: holding one is the access check.
//! Its changes are in the audit log as the system's, each naming the
//! directory by its token's name.
//!
//! A person's title goes through the title resolver when it changes, as in
//! a roster import: a sure role is set, an unsure guess waits for an admin.
//! Someone a directory deletes is deactivated and kept as former (their
//! assessments stay); a directory creating them again brings them back.

use ladder_core::resolve::Scratch;
use ladder_core::roster::import::{DEFAULT_THRESHOLD, Placed, place_title};
use ladder_store::model::{
    Access, ScimGroup, ScimGroupRow, ScimPerson, ScimToken, ScimUserRow, User,
};
use serde::Serialize;

use crate::access::require_admin;
use crate::auth::{new_token, token_hash};
use crate::{Actor, App, AppError, Result};

/// A directory signed in with its SCIM token.
#[derive(Debug, Clone)]
pub struct Directory {
    /// Its token's record.
    pub token: ScimToken,
}

/// A SCIM token as made: the secret is shown this once.
#[derive(Debug, Clone, Serialize)]
pub struct NewScimToken {
    /// The token, for the directory's settings.
    pub token: String,
    /// Its record.
    pub record: ScimToken,
}

/// A person as a directory writes them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DirectoryPerson {
    /// SCIM `userName`.
    pub user_name: String,
    /// Work email (the primary one), if the directory sent one.
    pub email: Option<String>,
    /// Display name.
    pub name: String,
    /// Job title.
    pub title: Option<String>,
    /// Whether they are active; `None` leaves them as they are (active,
    /// for someone new).
    pub active: Option<bool>,
    /// The directory's id for them.
    pub external_id: Option<String>,
    /// Employee number.
    pub employee_id: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Their manager as the directory names them: the app's id, an email
    /// or an employee number.
    pub manager: Option<String>,
    /// What the app does not model, kept and handed back as written.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A person as the directory reads them back.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectoryEntry {
    /// The user.
    pub user: User,
    /// SCIM `userName` (their email, for people the directory never wrote).
    pub user_name: String,
    /// The directory's id for them.
    pub external_id: Option<String>,
    /// What the app does not model.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Their team, as (id, name).
    pub team: Option<(i64, String)>,
    /// Whether the directory named a manager the app could not find (it is
    /// kept, as written, in `extra`).
    pub manager_kept: bool,
    /// Whether the directory wrote this person (else they came from an
    /// import or an admin, and SCIM reads them from the app's fields).
    pub written: bool,
}

/// A team as a directory writes it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DirectoryTeam {
    /// The team's name.
    pub name: String,
    /// Members' ids in the app.
    pub members: Vec<i64>,
    /// The directory's id for it.
    pub external_id: Option<String>,
    /// What the app does not model.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

fn extra_of(text: &str) -> serde_json::Map<String, serde_json::Value> {
    serde_json::from_str(text).unwrap_or_default()
}

impl App {
    /// The directory a SCIM token belongs to.
    pub async fn directory(&self, token: &str) -> Result<Directory> {
        match self.store.scim_token(&token_hash(token)).await? {
            Some(token) => Ok(Directory { token }),
            None => Err(AppError::Unauthorized),
        }
    }

    /// Makes a SCIM token (admins; `ladder user scim-token` from the shell).
    pub async fn make_scim_token(&self, by: Actor<'_>, name: &str) -> Result<NewScimToken> {
        require_admin(by)?;
        let name = name.trim();
        if name.is_empty() || name.len() > 100 {
            return Err(AppError::BadRequest(
                "name the token after the directory that will use it (1 to 100 characters)".into(),
            ));
        }
        let token = new_token("ls_scim_");
        let record = self
            .store
            .create_scim_token(name, &token_hash(&token), by.id())
            .await?;
        Ok(NewScimToken { token, record })
    }

    /// Every SCIM token (admins).
    pub async fn scim_tokens(&self, by: Actor<'_>) -> Result<Vec<ScimToken>> {
        require_admin(by)?;
        Ok(self.store.scim_tokens().await?)
    }

    /// Revokes a SCIM token (admins).
    pub async fn revoke_scim_token(&self, by: Actor<'_>, id: i64) -> Result<()> {
        require_admin(by)?;
        if self.store.revoke_scim_token(id, by.id()).await? {
            Ok(())
        } else {
            Err(AppError::NotFound("SCIM token"))
        }
    }

    async fn entry(&self, user: User, scim: Option<ScimUserRow>) -> Result<DirectoryEntry> {
        let team = match user.team_id {
            Some(t) => self.store.team(t).await?.map(|x| (x.id, x.name)),
            None => None,
        };
        Ok(match scim {
            Some(s) => DirectoryEntry {
                user_name: s.user_name,
                external_id: s.external_id,
                manager_kept: user.manager_id.is_none(),
                written: true,
                extra: extra_of(&s.extra),
                team,
                user,
            },
            None => DirectoryEntry {
                user_name: user.email.clone(),
                external_id: None,
                extra: serde_json::Map::new(),
                manager_kept: false,
                written: false,
                team,
                user,
            },
        })
    }

    /// People, a page at a time (`start` from 0), or the one with a
    /// userName (`userName eq "…"`).
    pub async fn directory_people(
        &self,
        _by: &Directory,
        user_name: Option<&str>,
        start: i64,
        count: i64,
    ) -> Result<(Vec<DirectoryEntry>, i64)> {
        if let Some(name) = user_name {
            return Ok(match self.store.scim_user_named(name).await? {
                Some((u, s)) if s.as_ref().is_none_or(|s| s.removed_at.is_none()) => {
                    (vec![self.entry(u, s).await?], 1)
                }
                _ => (Vec::new(), 0),
            });
        }
        let (rows, total) = self
            .store
            .scim_users(start.max(0), count.clamp(0, 1000))
            .await?;
        let mut out = Vec::with_capacity(rows.len());
        for (u, s) in rows {
            out.push(self.entry(u, s).await?);
        }
        Ok((out, total))
    }

    /// One person (not found once the directory deleted them).
    pub async fn directory_person(&self, _by: &Directory, id: i64) -> Result<DirectoryEntry> {
        match self.store.scim_user(id).await? {
            Some((u, s)) if s.as_ref().is_none_or(|s| s.removed_at.is_none()) => {
                self.entry(u, s).await
            }
            _ => Err(AppError::NotFound("user")),
        }
    }

    /// The stored form of a person: email checked, role from the title.
    async fn person_of(&self, p: DirectoryPerson, was: Option<&User>) -> Result<ScimPerson> {
        let email = p
            .email
            .as_deref()
            .or_else(|| p.user_name.contains('@').then_some(p.user_name.as_str()))
            .map(|e| e.trim().to_lowercase())
            .ok_or_else(|| {
                AppError::BadRequest(format!(
                    "`{}` has no work email: give one in emails (the primary one), or make the userName the email",
                    p.user_name
                ))
            })?;
        if email.len() > crate::people::MAX_EMAIL || !email.contains('@') {
            return Err(AppError::BadRequest(format!(
                "emails: `{email}` is not an email address"
            )));
        }
        if p.user_name.trim().is_empty() {
            return Err(AppError::BadRequest("userName is empty; give one".into()));
        }
        let name = match p.name.trim() {
            "" => p.user_name.trim().to_owned(),
            n => n.to_owned(),
        };
        let manager = match p.manager.as_deref() {
            Some(m) => self.find_manager(m).await?,
            None => None,
        };
        if manager.is_some() && manager == was.map(|w| w.id) {
            return Err(AppError::BadRequest(
                "manager: a person cannot be their own manager".into(),
            ));
        }
        let title = p
            .title
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty());
        let (ladder_role, pending) = match was {
            Some(u) if u.title == title => (
                u.ladder_role.clone(),
                u.pending_role.clone().zip(u.pending_confidence),
            ),
            _ => {
                let in_force = self.ladder();
                match title.as_deref().map(|t| {
                    place_title(
                        &in_force.ladder,
                        &in_force.resolver,
                        t,
                        DEFAULT_THRESHOLD,
                        &mut Scratch::default(),
                    )
                }) {
                    None | Some(Placed::Outside) => (None, None),
                    Some(Placed::Sure(role)) => (Some(role), None),
                    Some(Placed::Unsure(g)) => (
                        was.and_then(|u| u.ladder_role.clone()),
                        Some((g.role, i64::from(g.confidence))),
                    ),
                }
            }
        };
        Ok(ScimPerson {
            email,
            name,
            title,
            employee_id: p.employee_id.filter(|s| !s.trim().is_empty()),
            department: p.department.filter(|s| !s.trim().is_empty()),
            manager_id: manager,
            active: p.active.unwrap_or_else(|| was.is_none_or(User::is_active)),
            access: was.map_or(Access::Member, |u| u.access),
            ladder_role,
            pending_role: pending.as_ref().map(|(r, _)| r.clone()),
            pending_confidence: pending.map(|(_, c)| c),
            user_name: p.user_name.trim().to_owned(),
            external_id: p.external_id.filter(|s| !s.is_empty()),
            extra: serde_json::Value::Object(p.extra).to_string(),
        })
    }

    /// The user a directory names as a manager: by the app's id, email or
    /// employee number; none when nobody matches (the directory's own ids,
    /// say), and the reference is kept as written.
    async fn find_manager(&self, written: &str) -> Result<Option<i64>> {
        let written = written.trim();
        if let Ok(id) = written.parse::<i64>()
            && self.store.user(id).await?.is_some()
        {
            return Ok(Some(id));
        }
        if written.contains('@')
            && let Some(u) = self.store.user_by_email(written).await?
        {
            return Ok(Some(u.id));
        }
        Ok(self
            .store
            .user_with_employee_id(written)
            .await?
            .map(|u| u.id))
    }

    /// Creates a person (a directory's POST). A userName or email already
    /// in use is a conflict, except for someone the directory deleted, who
    /// comes back.
    pub async fn provision(&self, by: &Directory, p: DirectoryPerson) -> Result<DirectoryEntry> {
        let taken = self.store.scim_user_named(&p.user_name).await?;
        let email_owner = match p.email.as_deref() {
            Some(e) => self.store.user_by_email(e).await?,
            None => None,
        };
        let revived = match (&taken, &email_owner) {
            (Some((u, Some(s))), _) if s.removed_at.is_some() => Some(u.clone()),
            (Some(_), _) => {
                return Err(AppError::Conflict(format!(
                    "userName `{}` is already in use",
                    p.user_name
                )));
            }
            (None, Some(u)) => {
                let scim = self.store.scim_user(u.id).await?.and_then(|(_, s)| s);
                if scim.is_some_and(|s| s.removed_at.is_some()) {
                    Some(u.clone())
                } else {
                    return Err(AppError::Conflict(format!(
                        "the email `{}` is already someone's",
                        u.email
                    )));
                }
            }
            (None, None) => None,
        };
        let person = self.person_of(p, revived.as_ref()).await?;
        let id = revived.map(|u| u.id);
        let user = self.store.put_scim_user(id, person, &by.token.name).await?;
        let (u, s) = self
            .store
            .scim_user(user.id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        self.entry(u, s).await
    }

    /// Replaces a person (a directory's PUT, and PATCH once applied).
    pub async fn reprovision(
        &self,
        by: &Directory,
        id: i64,
        p: DirectoryPerson,
    ) -> Result<DirectoryEntry> {
        let current = self.directory_person(by, id).await?;
        if let Some((other, _)) = self.store.scim_user_named(&p.user_name).await?
            && other.id != id
        {
            return Err(AppError::Conflict(format!(
                "userName `{}` is already in use",
                p.user_name
            )));
        }
        let person = self.person_of(p, Some(&current.user)).await?;
        self.store
            .put_scim_user(Some(id), person, &by.token.name)
            .await?;
        self.directory_person(by, id).await
    }

    /// Deletes a person (a directory's DELETE): deactivated, kept as former.
    pub async fn deprovision(&self, by: &Directory, id: i64) -> Result<()> {
        self.directory_person(by, id).await?;
        Ok(self.store.remove_scim_user(id, &by.token.name).await?)
    }

    /// Teams, a page at a time, or the one with a name.
    pub async fn directory_teams(
        &self,
        _by: &Directory,
        name: Option<&str>,
        start: i64,
        count: i64,
    ) -> Result<(Vec<ScimGroup>, i64)> {
        match name {
            None => Ok(self
                .store
                .scim_groups(start.max(0), count.clamp(0, 1000))
                .await?),
            Some(n) => Ok(match self.store.scim_group_named(n).await? {
                Some(g) => (vec![g], 1),
                None => (Vec::new(), 0),
            }),
        }
    }

    /// One team.
    pub async fn directory_team(&self, _by: &Directory, id: i64) -> Result<ScimGroup> {
        self.store
            .scim_group(id)
            .await?
            .ok_or(AppError::NotFound("group"))
    }

    /// Creates (`id` none) or replaces a team whole.
    pub async fn provision_team(
        &self,
        by: &Directory,
        id: Option<i64>,
        t: DirectoryTeam,
    ) -> Result<ScimGroup> {
        let name = t.name.trim();
        if name.is_empty() || name.len() > 200 {
            return Err(AppError::BadRequest(
                "displayName must be 1 to 200 characters".into(),
            ));
        }
        for m in &t.members {
            if self.store.user(*m).await?.is_none() {
                return Err(AppError::BadRequest(format!(
                    "members: `{m}` is not the id of a user"
                )));
            }
        }
        let scim = ScimGroupRow {
            team_id: id.unwrap_or(0),
            external_id: t.external_id.filter(|s| !s.is_empty()),
            extra: serde_json::Value::Object(t.extra).to_string(),
        };
        Ok(self
            .store
            .put_scim_group(id, name, &t.members, scim, &by.token.name)
            .await?)
    }

    /// Deletes a team; its members are left without one.
    pub async fn deprovision_team(&self, by: &Directory, id: i64) -> Result<()> {
        Ok(self.store.remove_scim_group(id, &by.token.name).await?)
    }
}

/// What the app does not model of a stored group.
pub fn group_extra(g: &ScimGroup) -> serde_json::Map<String, serde_json::Value> {
    g.scim
        .as_ref()
        .map(|s| extra_of(&s.extra))
        .unwrap_or_default()
}
