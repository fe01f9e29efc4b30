//! One-time links: invites (choose a first password) and password resets.
//!
//! Only a hash of each token is stored. A link is used with one atomic
//! conditional update (unused, unexpired, of the right kind), so two tabs
//! racing with the same link cannot both set a password; the password is
//! set, the person's sessions end and their API tokens are revoked in the
//! same transaction. Why a link that does not work does not work (unknown,
//! used, expired) is told apart afterwards, for the message.

use async_trait::async_trait;

use crate::audit::record;
use crate::error::{LinkProblem, Result, StoreError};
use crate::model::{LinkPurpose, OneTimeLink, User};
use crate::users::user_columns;
use crate::{SqlStore, now_ms};

/// Invites and resets.
#[async_trait]
pub trait LinkStore: Send + Sync {
    /// Keeps a new link for `user`, replacing their unused links of the
    /// same kind; `detail` is what the audit log says of it.
    async fn create_link(
        &self,
        token_hash: &str,
        user: i64,
        purpose: LinkPurpose,
        expires_at: i64,
        actor: Option<i64>,
        detail: String,
    ) -> Result<()>;
    /// A link by its token's hash.
    async fn link(&self, token_hash: &str) -> Result<Option<OneTimeLink>>;
    /// When `user`'s newest link of this kind was made, if they have one.
    async fn newest_link(&self, user: i64, purpose: LinkPurpose) -> Result<Option<i64>>;
    /// Uses a link to set a password: refuses with [`StoreError::Link`]
    /// when it is unknown, used or expired (or its person has left).
    async fn redeem_link(
        &self,
        token_hash: &str,
        purpose: LinkPurpose,
        password_hash: &str,
    ) -> Result<User>;
}

#[async_trait]
impl LinkStore for SqlStore {
    async fn create_link(
        &self,
        token_hash: &str,
        user: i64,
        purpose: LinkPurpose,
        expires_at: i64,
        actor: Option<i64>,
        detail: String,
    ) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "DELETE FROM one_time_links WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL",
        )
        .bind(user)
        .bind(purpose.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO one_time_links (token_hash, user_id, purpose, created_by, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(token_hash)
        .bind(user)
        .bind(purpose.as_str())
        .bind(actor)
        .bind(now_ms())
        .bind(expires_at)
        .execute(&mut *tx)
        .await?;
        let action = match purpose {
            LinkPurpose::Invite => "user.invite",
            LinkPurpose::Reset => "user.reset_link",
        };
        record(&mut tx, actor, action, format!("user:{user}"), detail).await?;
        tx.commit().await?;
        Ok(())
    }

    async fn link(&self, token_hash: &str) -> Result<Option<OneTimeLink>> {
        Ok(sqlx::query_as(
            "SELECT user_id, purpose, created_at, expires_at, used_at FROM one_time_links
             WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn newest_link(&self, user: i64, purpose: LinkPurpose) -> Result<Option<i64>> {
        let row: Option<(Option<i64>,)> = sqlx::query_as(
            "SELECT MAX(created_at) FROM one_time_links WHERE user_id = $1 AND purpose = $2",
        )
        .bind(user)
        .bind(purpose.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(t,)| t))
    }

    async fn redeem_link(
        &self,
        token_hash: &str,
        purpose: LinkPurpose,
        password_hash: &str,
    ) -> Result<User> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        let used: Option<(i64,)> = sqlx::query_as(
            "UPDATE one_time_links SET used_at = $3
             WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3
             RETURNING user_id",
        )
        .bind(token_hash)
        .bind(purpose.as_str())
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((id,)) = used else {
            drop(tx);
            let problem = match self.link(token_hash).await? {
                Some(l) if l.purpose == purpose && l.used_at.is_some() => LinkProblem::Used,
                Some(l) if l.purpose == purpose && l.expires_at <= now => LinkProblem::Expired,
                _ => LinkProblem::Unknown,
            };
            return Err(StoreError::Link(problem));
        };
        let user: Option<User> = sqlx::query_as(concat!(
            "UPDATE users SET password_hash = $2 WHERE id = $1 AND deactivated_at IS NULL RETURNING ",
            user_columns!()
        ))
        .bind(id)
        .bind(password_hash)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(user) = user else {
            return Err(StoreError::Link(LinkProblem::Unknown));
        };
        crate::directory::cut_off(&mut tx, id, now).await?;
        let detail = match purpose {
            LinkPurpose::Invite => "first password chosen through an invite",
            LinkPurpose::Reset => {
                "password reset through a link; sessions ended, API tokens revoked"
            }
        };
        record(
            &mut tx,
            Some(id),
            "user.password",
            format!("user:{id}"),
            detail.to_owned(),
        )
        .await?;
        tx.commit().await?;
        Ok(user)
    }
}
