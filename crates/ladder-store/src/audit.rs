//! The audit log: who changed what, written in the same transaction as the
//! change, so a change and its record stand or fall together.

use async_trait::async_trait;

use crate::error::Result;
use crate::model::AuditEntry;

/// Reading the audit log.
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// The newest `limit` entries, newest first.
    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>>;
}

/// Appends an audit entry through an executor (a transaction, usually):
/// `record!(&mut *tx, actor, "thing.verb", subject, detail)`.
macro_rules! record {
    ($exec:expr, $actor:expr, $action:expr, $subject:expr, $detail:expr) => {
        sqlx::query("INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES ($1, $2, $3, $4, $5)")
            .bind($actor)
            .bind($action)
            .bind($subject)
            .bind($detail)
            .bind($crate::now_ms())
            .execute($exec)
            .await?
    };
}
pub(crate) use record;

/// Implements [`AuditStore`] for a store type with a `pool` field.
macro_rules! audit_store {
    ($ty:ty) => {
        #[async_trait::async_trait]
        impl $crate::audit::AuditStore for $ty {
            async fn audit_log(&self, limit: i64) -> $crate::Result<Vec<$crate::model::AuditEntry>> {
                Ok(sqlx::query_as(
                    "SELECT id, actor_id, action, subject, detail, at FROM audit_log ORDER BY id DESC LIMIT $1",
                )
                .bind(limit)
                .fetch_all(&self.pool)
                .await?)
            }
        }
    };
}
pub(crate) use audit_store;
