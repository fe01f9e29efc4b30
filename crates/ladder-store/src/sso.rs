//! Single sign-on: which provider account is which person, and the sign-ins
//! on their way through the provider.
//!
//! An attempt is taken with one `DELETE … RETURNING`, so of two callbacks
//! carrying the same state (a replay, a double click) exactly one finds it.
//! A person is linked to the provider's `(issuer, subject)` the first time
//! they sign in; a person made by a first sign-in is made together with
//! that link, in one transaction, so a failure leaves neither.

use async_trait::async_trait;

use crate::audit::record;
use crate::error::Result;
use crate::model::{NewUser, SsoAttempt, User};
use crate::users::{insert_user, user_columns};
use crate::{SqlStore, now_ms};

/// Sign-in through an OpenID provider.
#[async_trait]
pub trait SsoStore: Send + Sync {
    /// Keeps a sign-in that has just been sent to the provider (and drops
    /// the expired ones).
    async fn begin_sso(&self, attempt: &SsoAttempt) -> Result<()>;
    /// Takes the sign-in with this state hash, whether or not it has
    /// expired: it is gone afterwards.
    async fn take_sso(&self, state_hash: &str) -> Result<Option<SsoAttempt>>;
    /// How many sign-ins are on their way (for tests and the admin page).
    async fn sso_in_flight(&self) -> Result<i64>;
    /// The person linked to this provider account.
    async fn sso_user(&self, issuer: &str, subject: &str) -> Result<Option<User>>;
    /// Links a person to a provider account.
    async fn link_sso(&self, user: i64, issuer: &str, subject: &str) -> Result<()>;
    /// Makes a person at their first sign-in, linked to their provider
    /// account, in one transaction.
    async fn create_sso_user(&self, new: NewUser, issuer: &str, subject: &str) -> Result<User>;
}

async fn insert_link(
    conn: &mut sqlx::AnyConnection,
    user: i64,
    issuer: &str,
    subject: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO sso_identities (issuer, subject, user_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(issuer)
    .bind(subject)
    .bind(user)
    .bind(now_ms())
    .execute(&mut *conn)
    .await
    .map_err(|e| crate::error::unique(e, "single sign-on account", subject))?;
    record(
        conn,
        Some(user),
        "user.sso_link",
        format!("user:{user}"),
        format!("linked to {subject} at {issuer}"),
    )
    .await
}

#[async_trait]
impl SsoStore for SqlStore {
    async fn begin_sso(&self, a: &SsoAttempt) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sso_attempts WHERE expires_at < $1")
            .bind(now_ms())
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sso_attempts (state_hash, browser_hash, nonce, pkce_verifier, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&a.state_hash)
        .bind(&a.browser_hash)
        .bind(&a.nonce)
        .bind(&a.pkce_verifier)
        .bind(a.created_at)
        .bind(a.expires_at)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn take_sso(&self, state_hash: &str) -> Result<Option<SsoAttempt>> {
        Ok(sqlx::query_as(
            "DELETE FROM sso_attempts WHERE state_hash = $1
             RETURNING state_hash, browser_hash, nonce, pkce_verifier, created_at, expires_at",
        )
        .bind(state_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn sso_in_flight(&self) -> Result<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sso_attempts")
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    async fn sso_user(&self, issuer: &str, subject: &str) -> Result<Option<User>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            user_columns!(),
            " FROM sso_identities JOIN users ON users.id = sso_identities.user_id
             WHERE sso_identities.issuer = $1 AND sso_identities.subject = $2"
        ))
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn link_sso(&self, user: i64, issuer: &str, subject: &str) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        insert_link(&mut tx, user, issuer, subject).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_sso_user(&self, new: NewUser, issuer: &str, subject: &str) -> Result<User> {
        let mut tx = self.pool.begin().await?;
        let user = insert_user(&mut tx, new, None).await?;
        insert_link(&mut tx, user.id, issuer, subject).await?;
        tx.commit().await?;
        Ok(user)
    }
}
