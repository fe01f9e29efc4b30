//! What SCIM provisioning keeps: the directory's tokens, and beside each
//! user and team what SCIM knows that the app does not model (userName,
//! externalId, other attributes as JSON).
//!
//! A person or a team is written whole, in one transaction with its SCIM
//! part and the audit entry, so a directory's PUT (and its PATCH, which the
//! web layer turns into one) is all or nothing. People the directory never
//! wrote are still SCIM users, matched by email: a directory connected to
//! an app filled by import finds the people already there.

use async_trait::async_trait;
use sqlx::AnyConnection;

use crate::audit::record;
use crate::directory::{cut_off, keep_an_admin};
use crate::error::{Result, StoreError, unique};
use crate::model::{ScimGroup, ScimGroupRow, ScimPerson, ScimToken, ScimUserRow, Team, User};
use crate::users::{people_changed, user_columns};
use crate::{SqlStore, now_ms};

/// SCIM tokens, users and groups.
#[async_trait]
pub trait ScimStore: Send + Sync {
    /// Keeps a new SCIM token's hash.
    async fn create_scim_token(
        &self,
        name: &str,
        token_hash: &str,
        actor: Option<i64>,
    ) -> Result<ScimToken>;
    /// The live SCIM token with this hash.
    async fn scim_token(&self, token_hash: &str) -> Result<Option<ScimToken>>;
    /// Every SCIM token, newest first.
    async fn scim_tokens(&self) -> Result<Vec<ScimToken>>;
    /// Revokes a SCIM token; false if there is no such live token.
    async fn revoke_scim_token(&self, id: i64, actor: Option<i64>) -> Result<bool>;
    /// A user and their SCIM part.
    async fn scim_user(&self, id: i64) -> Result<Option<(User, Option<ScimUserRow>)>>;
    /// The user with this SCIM userName (any case), else the user without a
    /// SCIM part whose email it is.
    async fn scim_user_named(&self, user_name: &str)
    -> Result<Option<(User, Option<ScimUserRow>)>>;
    /// Users not deleted through SCIM, by id, `count` from `start` (0-based),
    /// and how many there are.
    async fn scim_users(
        &self,
        start: i64,
        count: i64,
    ) -> Result<(Vec<(User, Option<ScimUserRow>)>, i64)>;
    /// Writes a person and their SCIM part (a new user when `id` is none),
    /// for the directory whose token is named `directory` (the audit log
    /// names it).
    async fn put_scim_user(
        &self,
        id: Option<i64>,
        person: ScimPerson,
        directory: &str,
    ) -> Result<User>;
    /// Deletes a user through SCIM: deactivated, kept as former, gone from SCIM.
    async fn remove_scim_user(&self, id: i64, directory: &str) -> Result<()>;
    /// A team with its SCIM part and members.
    async fn scim_group(&self, id: i64) -> Result<Option<ScimGroup>>;
    /// The user with this employee number (the first, if several).
    async fn user_with_employee_id(&self, employee_id: &str) -> Result<Option<User>>;
    /// The team with this name (any case, for ASCII letters).
    async fn scim_group_named(&self, name: &str) -> Result<Option<ScimGroup>>;
    /// Every team, by id, `count` from `start`, and how many there are.
    async fn scim_groups(&self, start: i64, count: i64) -> Result<(Vec<ScimGroup>, i64)>;
    /// Writes a team whole: its name, its members (each moves to this team)
    /// and its SCIM part.
    async fn put_scim_group(
        &self,
        id: Option<i64>,
        name: &str,
        members: &[i64],
        scim: ScimGroupRow,
        directory: &str,
    ) -> Result<ScimGroup>;
    /// Deletes a team; its members are left without one.
    async fn remove_scim_group(&self, id: i64, directory: &str) -> Result<()>;
}

/// A user row with its SCIM part read by a LEFT JOIN.
#[derive(sqlx::FromRow)]
struct Joined {
    #[sqlx(flatten)]
    user: User,
    s_user_id: Option<i64>,
    s_user_name: Option<String>,
    s_external_id: Option<String>,
    s_extra: Option<String>,
    s_removed_at: Option<i64>,
}

impl Joined {
    fn split(self) -> (User, Option<ScimUserRow>) {
        let scim = match (self.s_user_id, self.s_user_name, self.s_extra) {
            (Some(user_id), Some(user_name), Some(extra)) => Some(ScimUserRow {
                user_id,
                user_name,
                external_id: self.s_external_id,
                extra,
                removed_at: self.s_removed_at,
            }),
            _ => None,
        };
        (self.user, scim)
    }
}

/// `SELECT` of a user and their SCIM part, as a literal.
macro_rules! joined {
    ($tail:expr) => {
        concat!(
            "SELECT ",
            user_columns!(),
            ", s.user_id AS s_user_id, s.user_name AS s_user_name, s.external_id AS s_external_id,
               s.extra AS s_extra, s.removed_at AS s_removed_at
             FROM users LEFT JOIN scim_users s ON s.user_id = users.id ",
            $tail
        )
    };
}

/// How an audit entry names the directory that made the change: a
/// directory is not a user, so the entry has no actor id, and the name of
/// its token (which an admin gave it, after the directory) says which one.
fn by_directory(name: &str) -> String {
    format!(" (by the directory “{name}”)")
}

/// Active members of a team, by name.
async fn members_of(conn: &mut AnyConnection, team: i64) -> Result<Vec<(i64, String)>> {
    Ok(sqlx::query_as(
        "SELECT users.id, users.name FROM users LEFT JOIN scim_users s ON s.user_id = users.id
         WHERE users.team_id = $1 AND users.deactivated_at IS NULL AND s.removed_at IS NULL
         ORDER BY users.name, users.id",
    )
    .bind(team)
    .fetch_all(&mut *conn)
    .await?)
}

/// A team with its SCIM part and members.
async fn group_on(conn: &mut AnyConnection, id: i64) -> Result<Option<ScimGroup>> {
    let team: Option<Team> = sqlx::query_as("SELECT id, name, created_at FROM teams WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(team) = team else { return Ok(None) };
    let scim: Option<ScimGroupRow> =
        sqlx::query_as("SELECT team_id, external_id, extra FROM scim_groups WHERE team_id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let members = members_of(conn, id).await?;
    Ok(Some(ScimGroup {
        team,
        scim,
        members,
    }))
}

#[async_trait]
impl ScimStore for SqlStore {
    async fn create_scim_token(
        &self,
        name: &str,
        token_hash: &str,
        actor: Option<i64>,
    ) -> Result<ScimToken> {
        let mut tx = self.pool.begin().await?;
        let token: ScimToken = sqlx::query_as(
            "INSERT INTO scim_tokens (name, token_hash, created_by, created_at) VALUES ($1, $2, $3, $4)
             RETURNING id, name, created_at, revoked_at",
        )
        .bind(name)
        .bind(token_hash)
        .bind(actor)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        let subject = format!("scim_token:{}", token.id);
        record(&mut tx, actor, "scim.token", subject, token.name.clone()).await?;
        tx.commit().await?;
        Ok(token)
    }

    async fn scim_token(&self, token_hash: &str) -> Result<Option<ScimToken>> {
        Ok(sqlx::query_as(
            "SELECT id, name, created_at, revoked_at FROM scim_tokens
             WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn scim_tokens(&self) -> Result<Vec<ScimToken>> {
        Ok(sqlx::query_as(
            "SELECT id, name, created_at, revoked_at FROM scim_tokens ORDER BY id DESC",
        )
        .fetch_all(&self.pool)
        .await?)
    }

    async fn revoke_scim_token(&self, id: i64, actor: Option<i64>) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE scim_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        let subject = format!("scim_token:{id}");
        record(&mut tx, actor, "scim.token.revoke", subject, String::new()).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn scim_user(&self, id: i64) -> Result<Option<(User, Option<ScimUserRow>)>> {
        let row: Option<Joined> = sqlx::query_as(joined!("WHERE users.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(Joined::split))
    }

    async fn scim_user_named(
        &self,
        user_name: &str,
    ) -> Result<Option<(User, Option<ScimUserRow>)>> {
        let key = user_name.trim().to_lowercase();
        // From the SCIM side first, so the unique index on the key is used
        // (a LEFT JOIN filtered on its right side walked every user).
        let row: Option<Joined> = sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            ", s.user_id AS s_user_id, s.user_name AS s_user_name, s.external_id AS s_external_id,
               s.extra AS s_extra, s.removed_at AS s_removed_at
             FROM scim_users s JOIN users ON users.id = s.user_id
             WHERE s.user_name_key = $1"
        ))
        .bind(&key)
        .fetch_optional(&self.pool)
        .await?;
        if let Some(r) = row {
            return Ok(Some(r.split()));
        }
        let row: Option<Joined> =
            sqlx::query_as(joined!("WHERE users.email = $1 AND s.user_id IS NULL"))
                .bind(&key)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(Joined::split))
    }

    async fn scim_users(
        &self,
        start: i64,
        count: i64,
    ) -> Result<(Vec<(User, Option<ScimUserRow>)>, i64)> {
        let (total,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM users LEFT JOIN scim_users s ON s.user_id = users.id
             WHERE s.removed_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        let rows: Vec<Joined> = sqlx::query_as(joined!(
            "WHERE s.removed_at IS NULL ORDER BY users.id LIMIT $1 OFFSET $2"
        ))
        .bind(count)
        .bind(start)
        .fetch_all(&self.pool)
        .await?;
        Ok((rows.into_iter().map(Joined::split).collect(), total))
    }

    async fn put_scim_user(&self, id: Option<i64>, p: ScimPerson, directory: &str) -> Result<User> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        let deactivated = if p.active { None } else { Some(now) };
        let user: User = match id {
            None => sqlx::query_as(concat!(
                "INSERT INTO users (email, name, password_hash, access, manager_id, ladder_role,
                    created_at, employee_id, title, department, pending_role, pending_confidence,
                    deactivated_at)
                 VALUES ($1, $2, '', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ",
                user_columns!()
            ))
            .bind(&p.email)
            .bind(&p.name)
            .bind(p.access.as_str())
            .bind(p.manager_id)
            .bind(&p.ladder_role)
            .bind(now)
            .bind(&p.employee_id)
            .bind(&p.title)
            .bind(&p.department)
            .bind(&p.pending_role)
            .bind(p.pending_confidence)
            .bind(deactivated)
            .fetch_one(&mut *tx)
            .await
            .map_err(|e| unique(e, "user", &p.email))?,
            Some(id) => {
                let u: Option<User> = sqlx::query_as(concat!(
                    "UPDATE users SET email = $2, name = $3, access = $4, manager_id = $5,
                        ladder_role = $6, employee_id = $7, title = $8, department = $9,
                        pending_role = $10, pending_confidence = $11,
                        deactivated_at = CASE WHEN $12 = 1 THEN NULL ELSE COALESCE(deactivated_at, $13) END
                     WHERE id = $1 RETURNING ",
                    user_columns!()
                ))
                .bind(id)
                .bind(&p.email)
                .bind(&p.name)
                .bind(p.access.as_str())
                .bind(p.manager_id)
                .bind(&p.ladder_role)
                .bind(&p.employee_id)
                .bind(&p.title)
                .bind(&p.department)
                .bind(&p.pending_role)
                .bind(p.pending_confidence)
                .bind(i64::from(p.active))
                .bind(now)
                .fetch_optional(&mut *tx)
                .await
                .map_err(|e| unique(e, "user", &p.email))?;
                u.ok_or(StoreError::NotFound { what: "user", id })?
            }
        };
        if !p.active {
            cut_off(&mut tx, user.id, now).await?;
            keep_an_admin(&mut tx, now).await?;
        }
        let key = p.user_name.trim().to_lowercase();
        sqlx::query("DELETE FROM scim_users WHERE user_id = $1")
            .bind(user.id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO scim_users (user_id, user_name, user_name_key, external_id, extra)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(user.id)
        .bind(&p.user_name)
        .bind(&key)
        .bind(&p.external_id)
        .bind(&p.extra)
        .execute(&mut *tx)
        .await
        .map_err(|e| unique(e, "userName", &p.user_name))?;
        people_changed(&mut tx).await?;
        let action = if id.is_some() {
            "scim.user.replace"
        } else {
            "scim.user.create"
        };
        let detail = format!(
            "{} <{}>{}{}",
            user.name,
            user.email,
            if p.active { "" } else { ", inactive" },
            by_directory(directory)
        );
        record(&mut tx, None, action, format!("user:{}", user.id), detail).await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn remove_scim_user(&self, id: i64, directory: &str) -> Result<()> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query(
            "UPDATE users SET deactivated_at = COALESCE(deactivated_at, $2) WHERE id = $1",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound { what: "user", id });
        }
        cut_off(&mut tx, id, now).await?;
        keep_an_admin(&mut tx, now).await?;
        let (email,): (String,) = sqlx::query_as("SELECT email FROM users WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        // Someone the directory never wrote gets a SCIM part to be removed in.
        sqlx::query(
            "INSERT INTO scim_users (user_id, user_name, user_name_key, extra, removed_at)
             SELECT $1, $2, $3, '{}', $4
             WHERE NOT EXISTS (SELECT 1 FROM scim_users WHERE user_id = $1)",
        )
        .bind(id)
        .bind(&email)
        .bind(&email)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE scim_users SET removed_at = $2 WHERE user_id = $1")
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        people_changed(&mut tx).await?;
        record(
            &mut tx,
            None,
            "scim.user.delete",
            format!("user:{id}"),
            format!("{email} deleted; kept as former{}", by_directory(directory)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn scim_group(&self, id: i64) -> Result<Option<ScimGroup>> {
        let mut conn = self.pool.acquire().await?;
        group_on(&mut conn, id).await
    }

    async fn user_with_employee_id(&self, employee_id: &str) -> Result<Option<User>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users WHERE employee_id = $1 ORDER BY id LIMIT 1"
        ))
        .bind(employee_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn scim_group_named(&self, name: &str) -> Result<Option<ScimGroup>> {
        let mut conn = self.pool.acquire().await?;
        let id: Option<(i64,)> = sqlx::query_as(
            "SELECT id FROM teams WHERE lower(name) = lower($1) ORDER BY id LIMIT 1",
        )
        .bind(name.trim())
        .fetch_optional(&mut *conn)
        .await?;
        match id {
            Some((id,)) => group_on(&mut conn, id).await,
            None => Ok(None),
        }
    }

    async fn scim_groups(&self, start: i64, count: i64) -> Result<(Vec<ScimGroup>, i64)> {
        let mut conn = self.pool.acquire().await?;
        let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM teams")
            .fetch_one(&mut *conn)
            .await?;
        let ids: Vec<(i64,)> =
            sqlx::query_as("SELECT id FROM teams ORDER BY id LIMIT $1 OFFSET $2")
                .bind(count)
                .bind(start)
                .fetch_all(&mut *conn)
                .await?;
        let mut out = Vec::with_capacity(ids.len());
        for (id,) in ids {
            if let Some(g) = group_on(&mut conn, id).await? {
                out.push(g);
            }
        }
        Ok((out, total))
    }

    async fn put_scim_group(
        &self,
        id: Option<i64>,
        name: &str,
        members: &[i64],
        scim: ScimGroupRow,
        directory: &str,
    ) -> Result<ScimGroup> {
        let name = name.trim();
        let mut tx = self.pool.begin().await?;
        let team_id = match id {
            None => {
                let (id,): (i64,) = sqlx::query_as(
                    "INSERT INTO teams (name, created_at) VALUES ($1, $2) RETURNING id",
                )
                .bind(name)
                .bind(now_ms())
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| unique(e, "team", name))?;
                id
            }
            Some(id) => {
                let done = sqlx::query("UPDATE teams SET name = $2 WHERE id = $1")
                    .bind(id)
                    .bind(name)
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| unique(e, "team", name))?;
                if done.rows_affected() == 0 {
                    return Err(StoreError::NotFound { what: "team", id });
                }
                id
            }
        };
        // Members not listed leave the team; those listed join it.
        let current = members_of(&mut tx, team_id).await?;
        for (user, _) in current.iter().filter(|(u, _)| !members.contains(u)) {
            sqlx::query("UPDATE users SET team_id = NULL WHERE id = $1")
                .bind(user)
                .execute(&mut *tx)
                .await?;
        }
        for user in members {
            let done = sqlx::query("UPDATE users SET team_id = $2 WHERE id = $1")
                .bind(user)
                .bind(team_id)
                .execute(&mut *tx)
                .await?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound {
                    what: "user",
                    id: *user,
                });
            }
        }
        sqlx::query("DELETE FROM scim_groups WHERE team_id = $1")
            .bind(team_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO scim_groups (team_id, external_id, extra) VALUES ($1, $2, $3)")
            .bind(team_id)
            .bind(&scim.external_id)
            .bind(&scim.extra)
            .execute(&mut *tx)
            .await?;
        people_changed(&mut tx).await?;
        let action = if id.is_some() {
            "scim.group.replace"
        } else {
            "scim.group.create"
        };
        let detail = format!(
            "{name}: {} members{}",
            members.len(),
            by_directory(directory)
        );
        record(&mut tx, None, action, format!("team:{team_id}"), detail).await?;
        let group = group_on(&mut tx, team_id).await?;
        tx.commit().await?;
        group.ok_or(StoreError::NotFound {
            what: "team",
            id: team_id,
        })
    }

    async fn remove_scim_group(&self, id: i64, directory: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("UPDATE users SET team_id = NULL WHERE team_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM scim_groups WHERE team_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let done = sqlx::query("DELETE FROM teams WHERE id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound { what: "team", id });
        }
        people_changed(&mut tx).await?;
        record(
            &mut tx,
            None,
            "scim.group.delete",
            format!("team:{id}"),
            format!(
                "deleted; its members have no team{}",
                by_directory(directory)
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
