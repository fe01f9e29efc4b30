//! The audit log: who changed what, written in the same transaction as the
//! change, so a change and its record stand or fall together.

use async_trait::async_trait;
use sqlx::AnyConnection;

use crate::SqlStore;
use crate::error::Result;
use crate::model::AuditEntry;

/// Reading the audit log.
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// The newest `limit` entries, newest first.
    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>>;
    /// Records something that happened without a change of its own (a run
    /// of failed sign-ins on an account, say), by the system.
    async fn note(&self, action: &str, subject: String, detail: String) -> Result<()>;
}

/// Appends an audit entry on `conn` (a transaction's connection, usually).
pub(crate) async fn record(
    conn: &mut AnyConnection,
    actor: Option<i64>,
    action: &str,
    subject: String,
    detail: String,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (actor_id, action, subject, detail, at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(actor)
    .bind(action)
    .bind(subject)
    .bind(detail)
    .bind(crate::now_ms())
    .execute(conn)
    .await?;
    Ok(())
}

#[async_trait]
impl AuditStore for SqlStore {
    async fn audit_log(&self, limit: i64) -> Result<Vec<AuditEntry>> {
        Ok(sqlx::query_as(
            "SELECT id, actor_id, action, subject, detail, at FROM audit_log ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn note(&self, action: &str, subject: String, detail: String) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        record(&mut conn, None, action, subject, detail).await
    }
}
