//! Sign-in state: browser sessions, API tokens and the sign-in attempts that
//! rate limiting counts.
//!
//! Only SHA-256 hashes of session and API tokens are stored, so a copy of the
//! database does not let anyone in. Attempts live in the database rather than
//! in memory so that several instances behind a load balancer share one limit.

use async_trait::async_trait;

use crate::audit::record;
use crate::error::Result;
use crate::model::{ApiToken, Failures, Lease, User};
use crate::users::user_columns;
use crate::{SqlStore, now_ms};

/// Sessions, tokens and sign-in attempts.
#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Opens a session for `user` until `expires_at`.
    async fn create_session(&self, token_hash: &str, user: i64, expires_at: i64) -> Result<()>;
    /// The user of a live session.
    async fn session_user(&self, token_hash: &str) -> Result<Option<User>>;
    /// Ends a session.
    async fn delete_session(&self, token_hash: &str) -> Result<()>;
    /// Removes expired sessions and sign-in attempts older than `before`; returns how many rows went.
    async fn purge(&self, before: i64) -> Result<u64>;
    /// Makes an API token for `user`.
    async fn create_token(&self, user: i64, name: &str, token_hash: &str) -> Result<ApiToken>;
    /// The owner of an API token.
    async fn token_user(&self, token_hash: &str) -> Result<Option<User>>;
    /// A user's tokens, newest first.
    async fn tokens(&self, user: i64) -> Result<Vec<ApiToken>>;
    /// Revokes one of `user`'s tokens; false if they have no such token.
    async fn delete_token(&self, user: i64, id: i64) -> Result<bool>;
    /// Records a sign-in attempt.
    async fn record_attempt(&self, email: &str, ip: &str, success: bool) -> Result<()>;
    /// Failed attempts since `since` for this email and from this address.
    async fn failures_since(&self, email: &str, ip: &str, since: i64) -> Result<Failures>;
    /// Takes the sign-in lease of `key` until `now + hold_ms`, unless another
    /// holds it or the key is backing off: one atomic conditional update, so
    /// of any number of simultaneous requests one is granted.
    async fn lease_sign_in(&self, key: &str, now: i64, hold_ms: i64) -> Result<Lease>;
    /// Ends a lease: a success forgets the key; a failure records
    /// `failures` and backs off until `blocked_until`.
    async fn settle_sign_in(
        &self,
        key: &str,
        success: bool,
        failures: i64,
        blocked_until: i64,
    ) -> Result<()>;
}

#[async_trait]
impl SessionStore for SqlStore {
    async fn create_session(&self, token_hash: &str, user: i64, expires_at: i64) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user)
        .bind(now_ms())
        .bind(expires_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn session_user(&self, token_hash: &str) -> Result<Option<User>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM sessions JOIN users ON users.id = sessions.user_id
              WHERE sessions.token_hash = $1 AND sessions.expires_at > $2
                AND users.deactivated_at IS NULL"
        ))
        .bind(token_hash)
        .bind(now_ms())
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn purge(&self, before: i64) -> Result<u64> {
        let a = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        let b = sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        let c =
            sqlx::query("DELETE FROM sign_in_locks WHERE updated_at < $1 AND blocked_until < $2")
                .bind(before)
                .bind(now_ms())
                .execute(&self.pool)
                .await?;
        Ok(a.rows_affected() + b.rows_affected() + c.rows_affected())
    }

    async fn create_token(&self, user: i64, name: &str, token_hash: &str) -> Result<ApiToken> {
        let mut tx = self.pool.begin().await?;
        let token: ApiToken = sqlx::query_as(
            "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)
             RETURNING id, user_id, name, created_at, revoked_at",
        )
        .bind(user)
        .bind(name)
        .bind(token_hash)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        let subject = format!("token:{}", token.id);
        record(
            &mut tx,
            Some(user),
            "token.create",
            subject,
            token.name.clone(),
        )
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    async fn token_user(&self, token_hash: &str) -> Result<Option<User>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM api_tokens JOIN users ON users.id = api_tokens.user_id
              WHERE api_tokens.token_hash = $1 AND api_tokens.revoked_at IS NULL
                AND users.deactivated_at IS NULL"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn tokens(&self, user: i64) -> Result<Vec<ApiToken>> {
        Ok(sqlx::query_as(
            "SELECT id, user_id, name, created_at, revoked_at FROM api_tokens
             WHERE user_id = $1 ORDER BY id DESC",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn delete_token(&self, user: i64, id: i64) -> Result<bool> {
        let mut tx = self.pool.begin().await?;
        let done = sqlx::query("DELETE FROM api_tokens WHERE id = $1 AND user_id = $2")
            .bind(id)
            .bind(user)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        record(
            &mut tx,
            Some(user),
            "token.delete",
            format!("token:{id}"),
            String::new(),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn record_attempt(&self, email: &str, ip: &str, success: bool) -> Result<()> {
        sqlx::query("INSERT INTO login_attempts (email, ip, success, at) VALUES ($1, $2, $3, $4)")
            .bind(email.trim().to_lowercase())
            .bind(ip)
            .bind(success)
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn failures_since(&self, email: &str, ip: &str, since: i64) -> Result<Failures> {
        let (by_email,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM login_attempts WHERE email = $1 AND success = $2 AND at >= $3",
        )
        .bind(email.trim().to_lowercase())
        .bind(false)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        let (by_ip,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM login_attempts WHERE ip = $1 AND success = $2 AND at >= $3",
        )
        .bind(ip)
        .bind(false)
        .bind(since)
        .fetch_one(&self.pool)
        .await?;
        Ok(Failures { by_email, by_ip })
    }

    async fn lease_sign_in(&self, key: &str, now: i64, hold_ms: i64) -> Result<Lease> {
        sqlx::query(
            "INSERT INTO sign_in_locks (key, failures, blocked_until, updated_at)
             VALUES ($1, 0, 0, $2) ON CONFLICT (key) DO NOTHING",
        )
        .bind(key)
        .bind(now)
        .execute(&self.pool)
        .await?;
        let granted: Option<(i64,)> = sqlx::query_as(
            "UPDATE sign_in_locks SET blocked_until = $2, updated_at = $3
             WHERE key = $1 AND blocked_until <= $3 RETURNING failures",
        )
        .bind(key)
        .bind(now + hold_ms)
        .bind(now)
        .fetch_optional(&self.pool)
        .await?;
        if let Some((failures,)) = granted {
            return Ok(Lease::Granted { failures });
        }
        let (failures, until): (i64, i64) =
            sqlx::query_as("SELECT failures, blocked_until FROM sign_in_locks WHERE key = $1")
                .bind(key)
                .fetch_optional(&self.pool)
                .await?
                .unwrap_or((0, now));
        Ok(Lease::Busy { failures, until })
    }

    async fn settle_sign_in(
        &self,
        key: &str,
        success: bool,
        failures: i64,
        blocked_until: i64,
    ) -> Result<()> {
        if success {
            sqlx::query("DELETE FROM sign_in_locks WHERE key = $1")
                .bind(key)
                .execute(&self.pool)
                .await?;
        } else {
            sqlx::query(
                "UPDATE sign_in_locks SET failures = $2, blocked_until = $3, updated_at = $4
                 WHERE key = $1",
            )
            .bind(key)
            .bind(failures)
            .bind(blocked_until)
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        }
        Ok(())
    }
}
