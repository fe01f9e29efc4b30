//! Bringing people in and letting them go: a roster import written in one
//! transaction, and deactivation.
//!
//! An import of 50,000 people has to be quick on both dialects, so it is
//! written in bulk: new people go in by multi-row `INSERT … RETURNING`, in
//! rounds in which everyone's manager is already in the database (managers
//! before their reports, so no second pass sets manager ids), teams are
//! made in one statement, and only changed people get an `UPDATE` each.
//! The whole import checks, inside its transaction, that nobody changed
//! people since it was planned (the people version), so the plan the admin
//! read is exactly what is written.
//!
//! A roster uploaded on the web is staged (kept in the database) while the
//! admin reads its plan, so the plan page carries an id rather than a copy
//! of the file, and any instance can write it.
//!
//! Deactivation keeps the person and their history; it ends their
//! sessions and revokes their API tokens in the same transaction, and
//! refuses to leave the app without an active admin.

use std::collections::HashMap;

use async_trait::async_trait;
use sqlx::AnyConnection;

use crate::audit::record;
use crate::db::Dialect;
use crate::error::{Result, StoreError};
use crate::model::{ImportWrite, ImportedPerson, User};
use crate::users::{people_changed, user_columns};
use crate::{SqlStore, now_ms};

/// Rows per multi-row statement: 13 values a row stays well under
/// SQLite's 32,766 and PostgreSQL's 65,535 bound values.
const CHUNK: usize = 500;

/// What an import wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportDone {
    /// People added.
    pub added: usize,
    /// People changed.
    pub changed: usize,
    /// People deactivated.
    pub deactivated: usize,
    /// Teams made.
    pub teams_made: usize,
}

/// Imports and deactivation.
#[async_trait]
pub trait DirectoryStore: Send + Sync {
    /// Writes an import, all or nothing; refuses with [`StoreError::Stale`]
    /// when people changed after `write.planned_at_version` was read.
    async fn apply_import(&self, write: ImportWrite, actor: Option<i64>) -> Result<ImportDone>;
    /// Deactivates a person (ending their sessions and tokens) or brings
    /// them back. Refuses to deactivate the last active admin.
    async fn set_active(&self, id: i64, active: bool, actor: Option<i64>) -> Result<User>;
    /// Sets the role of a person whose role waited for confirmation (or
    /// anyone's), clearing the guess.
    async fn confirm_role(&self, id: i64, role: Option<String>, actor: Option<i64>)
    -> Result<User>;
    /// Keeps an uploaded roster while its plan is read; returns its id.
    async fn stage_roster(&self, staged_by: i64, file_name: &str, body: &[u8]) -> Result<i64>;
    /// A staged roster of `staged_by`'s, as (file name, bytes).
    async fn staged_roster(&self, id: i64, staged_by: i64) -> Result<Option<(String, Vec<u8>)>>;
    /// Forgets a staged roster, and any staged before `before`.
    async fn drop_staged(&self, id: i64, before: i64) -> Result<()>;
}

/// `($1, …, $cols), ($cols+1, …)` for `rows` rows in PostgreSQL, `(?, …)`
/// in SQLite: placeholders only, so the SQL text is still made of nothing
/// but literals and numbers. SQLite gets anonymous `?`s because looking up
/// a numbered parameter's name walks every name before it: a 7,000-value
/// statement spent 88 % of an import's time there.
fn placeholders(dialect: Dialect, rows: usize, cols: usize) -> String {
    let mut out = String::with_capacity(rows * cols * 5);
    for r in 0..rows {
        if r > 0 {
            out.push_str(", ");
        }
        out.push('(');
        for c in 0..cols {
            if c > 0 {
                out.push_str(", ");
            }
            match dialect {
                Dialect::Sqlite => out.push('?'),
                Dialect::Postgres => {
                    out.push('$');
                    out.push_str(&(r * cols + c + 1).to_string());
                }
            }
        }
        out.push(')');
    }
    out
}

/// Refuses when the deactivations stamped `now` leave no active admin
/// (an app that had none, such as a fresh one filled from the shell, may
/// go on without).
pub(crate) async fn keep_an_admin(conn: &mut AnyConnection, now: i64) -> Result<()> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM users WHERE access = 'admin' AND deactivated_at IS NULL",
    )
    .fetch_one(&mut *conn)
    .await?;
    if n > 0 {
        return Ok(());
    }
    let gone: Option<(String,)> = sqlx::query_as(
        "SELECT email FROM users WHERE access = 'admin' AND deactivated_at = $1 ORDER BY id LIMIT 1",
    )
    .bind(now)
    .fetch_optional(&mut *conn)
    .await?;
    match gone {
        Some((email,)) => Err(StoreError::LastAdmin(email)),
        None => Ok(()),
    }
}

/// Ends a person's sessions and revokes their API tokens (deactivation,
/// a directory's delete, a password set through a link).
pub(crate) async fn cut_off(conn: &mut AnyConnection, id: i64, now: i64) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Makes the teams the import names that do not exist; returns every
/// team's id by name and how many were made.
async fn teams_for(
    conn: &mut AnyConnection,
    dialect: Dialect,
    people: &[ImportedPerson],
) -> Result<(HashMap<String, i64>, usize)> {
    let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, name FROM teams")
        .fetch_all(&mut *conn)
        .await?;
    let mut ids: HashMap<String, i64> = rows.into_iter().map(|(id, n)| (n, id)).collect();
    let mut wanted: Vec<&str> = people
        .iter()
        .filter_map(|p| p.team.as_deref())
        .filter(|t| !ids.contains_key(*t))
        .collect();
    wanted.sort_unstable();
    wanted.dedup();
    let now = now_ms();
    for chunk in wanted.chunks(CHUNK) {
        let sql = format!(
            "INSERT INTO teams (name, created_at) VALUES {} RETURNING id, name",
            placeholders(dialect, chunk.len(), 2)
        );
        let mut q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
        for name in chunk {
            q = q.bind(*name).bind(now);
        }
        for (id, name) in q.fetch_all(&mut *conn).await? {
            ids.insert(name, id);
        }
    }
    Ok((ids, wanted.len()))
}

/// Inserts new people, managers before their reports; fills `ids` (email
/// → id) with them.
async fn insert_new(
    conn: &mut AnyConnection,
    dialect: Dialect,
    new: Vec<&ImportedPerson>,
    teams: &HashMap<String, i64>,
    ids: &mut HashMap<String, i64>,
) -> Result<()> {
    let now = now_ms();
    let mut waiting = new;
    while !waiting.is_empty() {
        let (ready, rest): (Vec<&ImportedPerson>, Vec<&ImportedPerson>) = waiting
            .into_iter()
            .partition(|p| p.manager_email.as_ref().is_none_or(|m| ids.contains_key(m)));
        if ready.is_empty() {
            // Managers that are nowhere: the plan should have caught it.
            let m = rest[0].manager_email.clone().unwrap_or_default();
            return Err(StoreError::UnknownManager(m));
        }
        for chunk in ready.chunks(CHUNK) {
            let sql = format!(
                "INSERT INTO users (email, name, password_hash, access, team_id, manager_id,
                    ladder_role, created_at, employee_id, title, department, start_date,
                    pending_role, pending_confidence)
                 VALUES {} RETURNING id, email",
                placeholders(dialect, chunk.len(), 14)
            );
            let mut q = sqlx::query_as::<_, (i64, String)>(sqlx::AssertSqlSafe(sql));
            for p in chunk {
                q = q
                    .bind(&p.email)
                    .bind(&p.name)
                    .bind("")
                    .bind(p.access.as_str())
                    .bind(p.team.as_ref().and_then(|t| teams.get(t)).copied())
                    .bind(p.manager_email.as_ref().and_then(|m| ids.get(m)).copied())
                    .bind(&p.ladder_role)
                    .bind(now)
                    .bind(&p.employee_id)
                    .bind(&p.title)
                    .bind(&p.department)
                    .bind(&p.start_date)
                    .bind(&p.pending_role)
                    .bind(p.pending_confidence);
            }
            let rows = q
                .fetch_all(&mut *conn)
                .await
                .map_err(|e| crate::error::unique(e, "user", "in the import"))?;
            ids.extend(rows.into_iter().map(|(id, email)| (email, id)));
        }
        waiting = rest;
    }
    Ok(())
}

#[async_trait]
impl DirectoryStore for SqlStore {
    async fn apply_import(&self, write: ImportWrite, actor: Option<i64>) -> Result<ImportDone> {
        let mut tx = self.pool.begin().await?;
        let (version,): (i64,) = sqlx::query_as("SELECT version FROM people_version WHERE id = 1")
            .fetch_one(&mut *tx)
            .await?;
        if version != write.planned_at_version {
            return Err(StoreError::Stale);
        }
        let (teams, teams_made) = teams_for(&mut tx, self.dialect(), &write.people).await?;
        let rows: Vec<(i64, String)> = sqlx::query_as("SELECT id, email FROM users")
            .fetch_all(&mut *tx)
            .await?;
        let mut ids: HashMap<String, i64> = rows.into_iter().map(|(id, e)| (e, id)).collect();
        let (new, changed): (Vec<&ImportedPerson>, Vec<&ImportedPerson>) =
            write.people.iter().partition(|p| p.id.is_none());
        let done = ImportDone {
            added: new.len(),
            changed: changed.len(),
            deactivated: write.leaving.len(),
            teams_made,
        };
        insert_new(&mut tx, self.dialect(), new, &teams, &mut ids).await?;
        // A changed email moves before managers are looked up by email.
        for p in &changed {
            ids.insert(p.email.clone(), p.id.unwrap_or_default());
        }
        for p in changed {
            let id = p.id.unwrap_or_default();
            let manager = match &p.manager_email {
                Some(m) => Some(
                    *ids.get(m)
                        .ok_or_else(|| StoreError::UnknownManager(m.clone()))?,
                ),
                None => None,
            };
            let done = sqlx::query(
                "UPDATE users SET email = $2, name = $3, access = $4, team_id = $5,
                    manager_id = $6, ladder_role = $7, employee_id = $8, title = $9,
                    department = $10, start_date = $11, pending_role = $12,
                    pending_confidence = $13,
                    deactivated_at = CASE WHEN $14 = 1 THEN NULL ELSE deactivated_at END
                 WHERE id = $1",
            )
            .bind(id)
            .bind(&p.email)
            .bind(&p.name)
            .bind(p.access.as_str())
            .bind(p.team.as_ref().and_then(|t| teams.get(t)).copied())
            .bind(manager)
            .bind(&p.ladder_role)
            .bind(&p.employee_id)
            .bind(&p.title)
            .bind(&p.department)
            .bind(&p.start_date)
            .bind(&p.pending_role)
            .bind(p.pending_confidence)
            .bind(i64::from(p.reactivate))
            .execute(&mut *tx)
            .await
            .map_err(|e| crate::error::unique(e, "user", &p.email))?;
            if done.rows_affected() == 0 {
                return Err(StoreError::NotFound { what: "user", id });
            }
        }
        let now = now_ms();
        for &id in &write.leaving {
            sqlx::query(
                "UPDATE users SET deactivated_at = $2 WHERE id = $1 AND deactivated_at IS NULL",
            )
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            cut_off(&mut tx, id, now).await?;
        }
        keep_an_admin(&mut tx, now).await?;
        people_changed(&mut tx).await?;
        record(
            &mut tx,
            actor,
            "people.import",
            "people".to_owned(),
            write.summary,
        )
        .await?;
        tx.commit().await?;
        Ok(done)
    }

    async fn set_active(&self, id: i64, active: bool, actor: Option<i64>) -> Result<User> {
        let mut tx = self.pool.begin().await?;
        let now = now_ms();
        let user: Option<User> = sqlx::query_as(concat!(
            "UPDATE users SET deactivated_at = CASE WHEN $2 = 1 THEN NULL ELSE COALESCE(deactivated_at, $3) END
             WHERE id = $1 RETURNING ",
            user_columns!()
        ))
        .bind(id)
        .bind(i64::from(active))
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let user = user.ok_or(StoreError::NotFound { what: "user", id })?;
        if !active {
            cut_off(&mut tx, id, now).await?;
            keep_an_admin(&mut tx, now).await?;
        }
        people_changed(&mut tx).await?;
        let (action, detail) = if active {
            (
                "user.reactivate",
                format!("{} <{}> is back", user.name, user.email),
            )
        } else {
            (
                "user.deactivate",
                format!(
                    "{} <{}> deactivated; sessions ended, API tokens revoked",
                    user.name, user.email
                ),
            )
        };
        record(&mut tx, actor, action, format!("user:{id}"), detail).await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn confirm_role(
        &self,
        id: i64,
        role: Option<String>,
        actor: Option<i64>,
    ) -> Result<User> {
        let mut tx = self.pool.begin().await?;
        let user: Option<User> = sqlx::query_as(concat!(
            "UPDATE users SET ladder_role = $2, pending_role = NULL, pending_confidence = NULL
             WHERE id = $1 RETURNING ",
            user_columns!()
        ))
        .bind(id)
        .bind(&role)
        .fetch_optional(&mut *tx)
        .await?;
        let user = user.ok_or(StoreError::NotFound { what: "user", id })?;
        people_changed(&mut tx).await?;
        let detail = format!(
            "role of {} <{}> confirmed as {}",
            user.name,
            user.email,
            role.as_deref().unwrap_or("none")
        );
        record(&mut tx, actor, "user.role", format!("user:{id}"), detail).await?;
        tx.commit().await?;
        Ok(user)
    }

    async fn stage_roster(&self, staged_by: i64, file_name: &str, body: &[u8]) -> Result<i64> {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO staged_rosters (staged_by, file_name, body, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(staged_by)
        .bind(file_name)
        .bind(body)
        .bind(now_ms())
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    async fn staged_roster(&self, id: i64, staged_by: i64) -> Result<Option<(String, Vec<u8>)>> {
        Ok(sqlx::query_as(
            "SELECT file_name, body FROM staged_rosters WHERE id = $1 AND staged_by = $2",
        )
        .bind(id)
        .bind(staged_by)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn drop_staged(&self, id: i64, before: i64) -> Result<()> {
        sqlx::query("DELETE FROM staged_rosters WHERE id = $1 OR created_at < $2")
            .bind(id)
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{Dialect, placeholders};

    #[test]
    fn placeholders_number_every_value_of_every_row() {
        let pg = placeholders(Dialect::Postgres, 2, 3);
        assert_eq!(pg, "($1, $2, $3), ($4, $5, $6)");
        assert_eq!(placeholders(Dialect::Postgres, 1, 1), "($1)");
        assert_eq!(placeholders(Dialect::Sqlite, 2, 2), "(?, ?), (?, ?)");
    }
}
