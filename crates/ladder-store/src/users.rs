//! Users, teams and who manages whom.
//!
//! The SQL is written once, in the common subset of SQLite and PostgreSQL
//! (`$N` parameters, `RETURNING`, recursive CTEs), and the `user_store!` macro
//! implements [`UserStore`] for each dialect's store with it: one text, two
//! types, no strings built from input.

use async_trait::async_trait;

use crate::error::Result;
use crate::model::{NewUser, Report, Team, User, UserUpdate};

/// The columns of `users`, in [`User`]'s order, as a literal for `concat!`
/// (SQL text is only ever made of literals).
macro_rules! user_columns {
    () => {
        "users.id, users.email, users.name, users.password_hash, users.access, users.team_id, users.manager_id, users.ladder_role, users.created_at"
    };
}
pub(crate) use user_columns;

/// Users and teams.
#[async_trait]
pub trait UserStore: Send + Sync {
    /// Makes a user; `actor` is who did it, for the audit log.
    async fn create_user(&self, new: NewUser, actor: Option<i64>) -> Result<User>;
    /// A user by id.
    async fn user(&self, id: i64) -> Result<Option<User>>;
    /// A user by sign-in email (any case).
    async fn user_by_email(&self, email: &str) -> Result<Option<User>>;
    /// Every user, by name.
    async fn users(&self) -> Result<Vec<User>>;
    /// How many users there are.
    async fn user_count(&self) -> Result<i64>;
    /// Changes a user's name, access, team, manager and role. Refuses a
    /// manager that would make a loop.
    async fn update_user(&self, id: i64, update: UserUpdate, actor: Option<i64>) -> Result<User>;
    /// Replaces a user's password hash.
    async fn set_password(&self, id: i64, password_hash: &str, actor: Option<i64>) -> Result<()>;
    /// Everyone who reports to `manager`, directly or through others, nearest first.
    async fn reports(&self, manager: i64) -> Result<Vec<Report>>;
    /// Makes a team.
    async fn create_team(&self, name: &str, actor: Option<i64>) -> Result<Team>;
    /// Every team, by name.
    async fn teams(&self) -> Result<Vec<Team>>;
}

/// The row of [`UserStore::reports`].
#[derive(sqlx::FromRow)]
pub(crate) struct ReportRow {
    #[sqlx(flatten)]
    pub user: User,
    pub depth: i64,
}

/// The recursive query behind [`UserStore::reports`]; the depth bound keeps a
/// loop that slipped into the data from running forever.
pub(crate) const REPORTS_SQL: &str = "WITH RECURSIVE chain (id, depth) AS (
    SELECT id, CAST(1 AS BIGINT) FROM users WHERE manager_id = $1
    UNION
    SELECT u.id, c.depth + 1 FROM users u JOIN chain c ON u.manager_id = c.id WHERE c.depth < 64
)
SELECT users.id, users.email, users.name, users.password_hash, users.access, users.team_id,
       users.manager_id, users.ladder_role, users.created_at, MIN(chain.depth) AS depth
FROM chain JOIN users ON users.id = chain.id
GROUP BY users.id
ORDER BY depth, users.name, users.id";

/// Implements [`UserStore`] for a store type with a `pool` field.
macro_rules! user_store {
    ($ty:ty) => {
        #[async_trait::async_trait]
        impl $crate::users::UserStore for $ty {
            async fn create_user(
                &self,
                new: $crate::model::NewUser,
                actor: Option<i64>,
            ) -> $crate::Result<$crate::model::User> {
                let email = new.email.trim().to_lowercase();
                let mut tx = self.pool.begin().await?;
                let user: $crate::model::User = sqlx::query_as(concat!(
                    "INSERT INTO users (email, name, password_hash, access, team_id, manager_id, ladder_role, created_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
                    $crate::users::user_columns!()
                ))
                    .bind(&email)
                    .bind(&new.name)
                    .bind(&new.password_hash)
                    .bind(new.access.as_str())
                    .bind(new.team_id)
                    .bind(new.manager_id)
                    .bind(&new.ladder_role)
                    .bind($crate::now_ms())
                    .fetch_one(&mut *tx)
                    .await
                    .map_err(|e| $crate::error::unique(e, "user", &email))?;
                $crate::audit::record!(&mut *tx, actor, "user.create", format!("user:{}", user.id),
                    format!("{} <{}> as {}", user.name, user.email, user.access.as_str()));
                tx.commit().await?;
                Ok(user)
            }

            async fn user(&self, id: i64) -> $crate::Result<Option<$crate::model::User>> {
                Ok(sqlx::query_as(concat!("SELECT ", $crate::users::user_columns!(), " FROM users WHERE id = $1")).bind(id).fetch_optional(&self.pool).await?)
            }

            async fn user_by_email(&self, email: &str) -> $crate::Result<Option<$crate::model::User>> {
                Ok(sqlx::query_as(concat!("SELECT ", $crate::users::user_columns!(), " FROM users WHERE email = $1"))
                    .bind(email.trim().to_lowercase())
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn users(&self) -> $crate::Result<Vec<$crate::model::User>> {
                Ok(sqlx::query_as(concat!("SELECT ", $crate::users::user_columns!(), " FROM users ORDER BY name, id")).fetch_all(&self.pool).await?)
            }

            async fn user_count(&self) -> $crate::Result<i64> {
                let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
                    .fetch_one(&self.pool)
                    .await?;
                Ok(n)
            }

            async fn update_user(
                &self,
                id: i64,
                update: $crate::model::UserUpdate,
                actor: Option<i64>,
            ) -> $crate::Result<$crate::model::User> {
                let mut tx = self.pool.begin().await?;
                if let Some(manager) = update.manager_id {
                    let below: Vec<$crate::users::ReportRow> = sqlx::query_as($crate::users::REPORTS_SQL)
                        .bind(id)
                        .fetch_all(&mut *tx)
                        .await?;
                    if manager == id || below.iter().any(|r| r.user.id == manager) {
                        return Err($crate::StoreError::ManagerLoop { user: id, manager });
                    }
                }
                // The last-admin rule, in the same transaction as the change;
                // PostgreSQL locks the admins' rows so two demotions at once
                // cannot both see another admin left.
                let before: Option<(String, String)> = sqlx::query_as("SELECT access, email FROM users WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                if let Some((access, email)) = before
                    && access == "admin"
                    && update.access != $crate::model::Access::Admin
                {
                    let admins: Vec<(i64,)> = sqlx::query_as(<$ty>::LOCK_ADMINS_SQL)
                        .fetch_all(&mut *tx)
                        .await?;
                    if admins.len() <= 1 {
                        return Err($crate::StoreError::LastAdmin(email));
                    }
                }
                let user: Option<$crate::model::User> = sqlx::query_as(concat!(
                    "UPDATE users SET name = $1, access = $2, team_id = $3, manager_id = $4, ladder_role = $5
                     WHERE id = $6 RETURNING ",
                    $crate::users::user_columns!()
                ))
                    .bind(&update.name)
                    .bind(update.access.as_str())
                    .bind(update.team_id)
                    .bind(update.manager_id)
                    .bind(&update.ladder_role)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                let user = user.ok_or($crate::StoreError::NotFound { what: "user", id })?;
                $crate::audit::record!(&mut *tx, actor, "user.update", format!("user:{id}"),
                    format!("access {}, team {:?}, manager {:?}, role {:?}", user.access.as_str(),
                        user.team_id, user.manager_id, user.ladder_role));
                tx.commit().await?;
                Ok(user)
            }

            async fn set_password(&self, id: i64, password_hash: &str, actor: Option<i64>) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                    .bind(password_hash)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                if done.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound { what: "user", id });
                }
                sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
                $crate::audit::record!(&mut *tx, actor, "user.password", format!("user:{id}"),
                    "password changed; sessions ended".to_owned());
                tx.commit().await?;
                Ok(())
            }

            async fn reports(&self, manager: i64) -> $crate::Result<Vec<$crate::model::Report>> {
                let rows: Vec<$crate::users::ReportRow> = sqlx::query_as($crate::users::REPORTS_SQL)
                    .bind(manager)
                    .fetch_all(&self.pool)
                    .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| $crate::model::Report { user: r.user, depth: r.depth })
                    .collect())
            }

            async fn create_team(&self, name: &str, actor: Option<i64>) -> $crate::Result<$crate::model::Team> {
                let name = name.trim();
                let mut tx = self.pool.begin().await?;
                let team: $crate::model::Team = sqlx::query_as(
                    "INSERT INTO teams (name, created_at) VALUES ($1, $2) RETURNING id, name, created_at",
                )
                .bind(name)
                .bind($crate::now_ms())
                .fetch_one(&mut *tx)
                .await
                .map_err(|e| $crate::error::unique(e, "team", name))?;
                $crate::audit::record!(&mut *tx, actor, "team.create", format!("team:{}", team.id), team.name.clone());
                tx.commit().await?;
                Ok(team)
            }

            async fn teams(&self) -> $crate::Result<Vec<$crate::model::Team>> {
                Ok(sqlx::query_as("SELECT id, name, created_at FROM teams ORDER BY name")
                    .fetch_all(&self.pool)
                    .await?)
            }
        }
    };
}
pub(crate) use user_store;
