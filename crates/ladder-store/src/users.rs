//! Users, teams and who manages whom.

use async_trait::async_trait;

use crate::audit::record;
use crate::db::Dialect;
use crate::error::{Result, StoreError, unique};
use crate::model::{Access, NewUser, Report, Team, User, UserUpdate};
use crate::{SqlStore, now_ms};

/// The columns of `users`, in [`User`]'s order, as a literal for `concat!`
/// (SQL text is only ever made of literals).
macro_rules! user_columns {
    () => {
        "users.id, users.email, users.name, users.password_hash, users.access, users.team_id, users.manager_id, users.ladder_role, users.created_at, users.employee_id, users.title, users.department, users.start_date, users.pending_role, users.pending_confidence, users.deactivated_at"
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
    /// manager that would make a loop, and demoting the only admin.
    async fn update_user(&self, id: i64, update: UserUpdate, actor: Option<i64>) -> Result<User>;
    /// Replaces a user's password hash, ends their sessions and revokes
    /// their API tokens (a stolen session cannot mint a token that outlives
    /// the reset).
    async fn set_password(&self, id: i64, password_hash: &str, actor: Option<i64>) -> Result<()>;
    /// Everyone who reports to `manager`, directly or through others, nearest first.
    async fn reports(&self, manager: i64) -> Result<Vec<Report>>;
    /// Makes a team.
    async fn create_team(&self, name: &str, actor: Option<i64>) -> Result<Team>;
    /// Every team, by name.
    async fn teams(&self) -> Result<Vec<Team>>;
    /// One team.
    async fn team(&self, id: i64) -> Result<Option<Team>>;
}

/// Moves the people version on (see [`crate::PeopleStore::people_version`]).
pub(crate) async fn people_changed(conn: &mut sqlx::AnyConnection) -> Result<()> {
    sqlx::query("UPDATE people_version SET version = version + 1 WHERE id = 1")
        .execute(conn)
        .await?;
    Ok(())
}

/// Inserts a user inside the caller's transaction, moves the people version
/// on and records it in the audit log.
pub(crate) async fn insert_user(
    conn: &mut sqlx::AnyConnection,
    new: NewUser,
    actor: Option<i64>,
) -> Result<User> {
    let email = new.email.trim().to_lowercase();
    let user: User = sqlx::query_as(concat!(
        "INSERT INTO users (email, name, password_hash, access, team_id, manager_id, ladder_role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ",
        user_columns!()
    ))
    .bind(&email)
    .bind(&new.name)
    .bind(&new.password_hash)
    .bind(new.access.as_str())
    .bind(new.team_id)
    .bind(new.manager_id)
    .bind(&new.ladder_role)
    .bind(now_ms())
    .fetch_one(&mut *conn)
    .await
    .map_err(|e| unique(e, "user", &email))?;
    people_changed(&mut *conn).await?;
    let detail = format!("{} <{}> as {}", user.name, user.email, user.access.as_str());
    record(
        conn,
        actor,
        "user.create",
        format!("user:{}", user.id),
        detail,
    )
    .await?;
    Ok(user)
}

/// The row of [`UserStore::reports`].
#[derive(sqlx::FromRow)]
struct ReportRow {
    #[sqlx(flatten)]
    user: User,
    depth: i64,
}

/// The recursive query behind [`UserStore::reports`]; the depth bound keeps a
/// loop that slipped into the data from running forever. The walk goes
/// through people who have left; they are not among the reports.
const REPORTS_SQL: &str = concat!(
    "WITH RECURSIVE chain (id, depth) AS (
    SELECT id, CAST(1 AS BIGINT) FROM users WHERE manager_id = $1
    UNION
    SELECT u.id, c.depth + 1 FROM users u JOIN chain c ON u.manager_id = c.id WHERE c.depth < 64
)
SELECT ",
    user_columns!(),
    ", MIN(chain.depth) AS depth
FROM chain JOIN users ON users.id = chain.id
WHERE users.deactivated_at IS NULL
GROUP BY users.id
ORDER BY depth, users.name, users.id"
);

impl SqlStore {
    /// The admins, read inside a change of access. PostgreSQL locks their
    /// rows until the change commits, so two demotions at once cannot both
    /// see another admin left; SQLite lets one writer at a time commit, so
    /// a plain read is enough there.
    fn lock_admins_sql(&self) -> &'static str {
        match self.dialect() {
            Dialect::Sqlite => {
                "SELECT id FROM users WHERE access = 'admin' AND deactivated_at IS NULL"
            }
            Dialect::Postgres => {
                "SELECT id FROM users WHERE access = 'admin' AND deactivated_at IS NULL ORDER BY id FOR UPDATE"
            }
        }
    }
}

#[async_trait]
impl UserStore for SqlStore {
    async fn create_user(&self, new: NewUser, actor: Option<i64>) -> Result<User> {
        let mut tx = self.pool.begin().await?;
        let user = insert_user(&mut tx, new, actor).await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn user(&self, id: i64) -> Result<Option<User>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn user_by_email(&self, email: &str) -> Result<Option<User>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users WHERE email = $1"
        ))
        .bind(email.trim().to_lowercase())
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn users(&self) -> Result<Vec<User>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM users ORDER BY name, id"
        ))
        .fetch_all(&self.pool)
        .await?)
    }

    async fn user_count(&self) -> Result<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM users")
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    async fn update_user(&self, id: i64, update: UserUpdate, actor: Option<i64>) -> Result<User> {
        let mut tx = self.pool.begin().await?;
        if let Some(manager) = update.manager_id {
            let below: Vec<ReportRow> = sqlx::query_as(REPORTS_SQL)
                .bind(id)
                .fetch_all(&mut *tx)
                .await?;
            if manager == id || below.iter().any(|r| r.user.id == manager) {
                return Err(StoreError::ManagerLoop { user: id, manager });
            }
        }
        // The last-admin rule, in the same transaction as the change.
        let before: Option<(String, String)> =
            sqlx::query_as("SELECT access, email FROM users WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((access, email)) = before
            && access == Access::Admin.as_str()
            && update.access != Access::Admin
        {
            let admins: Vec<(i64,)> = sqlx::query_as(self.lock_admins_sql())
                .fetch_all(&mut *tx)
                .await?;
            if admins.len() <= 1 {
                return Err(StoreError::LastAdmin(email));
            }
        }
        let user: Option<User> = sqlx::query_as(concat!(
            "UPDATE users SET name = $1, access = $2, team_id = $3, manager_id = $4, ladder_role = $5
             WHERE id = $6 RETURNING ",
            user_columns!()
        ))
        .bind(&update.name)
        .bind(update.access.as_str())
        .bind(update.team_id)
        .bind(update.manager_id)
        .bind(&update.ladder_role)
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let user = user.ok_or(StoreError::NotFound { what: "user", id })?;
        let detail = format!(
            "access {}, team {:?}, manager {:?}, role {:?}",
            user.access.as_str(),
            user.team_id,
            user.manager_id,
            user.ladder_role
        );
        people_changed(&mut tx).await?;
        record(&mut tx, actor, "user.update", format!("user:{id}"), detail).await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn set_password(&self, id: i64, password_hash: &str, actor: Option<i64>) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound { what: "user", id });
        }
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL",
        )
        .bind(id)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        let detail = "password changed; sessions ended, API tokens revoked".to_owned();
        record(
            &mut tx,
            actor,
            "user.password",
            format!("user:{id}"),
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn reports(&self, manager: i64) -> Result<Vec<Report>> {
        let rows: Vec<ReportRow> = sqlx::query_as(REPORTS_SQL)
            .bind(manager)
            .fetch_all(&self.pool)
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| Report {
                user: r.user,
                depth: r.depth,
            })
            .collect())
    }

    async fn create_team(&self, name: &str, actor: Option<i64>) -> Result<Team> {
        let name = name.trim();
        let mut tx = self.pool.begin().await?;
        let team: Team = sqlx::query_as(
            "INSERT INTO teams (name, created_at) VALUES ($1, $2) RETURNING id, name, created_at",
        )
        .bind(name)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| unique(e, "team", name))?;
        let subject = format!("team:{}", team.id);
        record(&mut tx, actor, "team.create", subject, team.name.clone()).await?;
        tx.commit().await?;
        Ok(team)
    }

    async fn team(&self, id: i64) -> Result<Option<Team>> {
        Ok(
            sqlx::query_as("SELECT id, name, created_at FROM teams WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn teams(&self) -> Result<Vec<Team>> {
        Ok(
            sqlx::query_as("SELECT id, name, created_at FROM teams ORDER BY name")
                .fetch_all(&self.pool)
                .await?,
        )
    }
}
