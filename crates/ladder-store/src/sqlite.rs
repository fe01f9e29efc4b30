//! The SQLite store: the default, one file beside the program, no server.
//!
//! WAL mode lets readers run while a write commits; `synchronous = FULL`
//! makes a commit durable before the caller hears about it, which is what the
//! "every acknowledged submission survives a kill" promise rests on; foreign
//! keys are on (SQLite leaves them off unless asked).

use std::str::FromStr;
use std::time::Duration;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

use crate::error::Result;

/// A store in a SQLite file.
#[derive(Clone)]
pub struct SqliteStore {
    pub(crate) pool: sqlx::SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing) the database at `url` (`sqlite://PATH` or
    /// `sqlite::memory:`) and brings its schema up to date.
    pub async fn open(url: &str) -> Result<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        // An in-memory database lives in one connection; keep exactly one.
        let max = if url.contains(":memory:") { 1 } else { 8 };
        let pool = SqlitePoolOptions::new()
            .max_connections(max)
            .min_connections(1)
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/sqlite").run(&pool).await?;
        Ok(SqliteStore { pool })
    }

    /// The admins, read inside a change of access (SQLite lets one writer
    /// at a time commit, so a plain read is enough).
    pub(crate) const LOCK_ADMINS_SQL: &str = "SELECT id FROM users WHERE access = 'admin'";

    /// Closes the pool, waiting for connections in use.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

crate::users::user_store!(SqliteStore);
crate::sessions::session_store!(SqliteStore);
crate::ladders::ladder_store!(SqliteStore);
crate::assessments::assessment_store!(SqliteStore);
crate::audit::audit_store!(SqliteStore);

#[async_trait::async_trait]
impl crate::Lifecycle for SqliteStore {
    fn dialect(&self) -> &'static str {
        "sqlite"
    }
    async fn close(&self) {
        SqliteStore::close(self).await;
    }
}

#[cfg(test)]
mod tests {
    use super::SqliteStore;
    use crate::AssessmentStore;
    use crate::model::NewAssessment;
    use ladder_core::assess::Rater;

    /// The trigger refuses changes to a submitted assessment even from SQL
    /// that bypasses the store's own `status = 'draft'` guard.
    #[tokio::test]
    async fn the_database_itself_freezes_submitted_assessments() {
        let s = SqliteStore::open("sqlite::memory:").await.unwrap();
        sqlx::query("INSERT INTO users (email, name, password_hash, access, created_at) VALUES ('a@b.c', 'a', 'h', 'member', 0)")
            .execute(&s.pool).await.unwrap();
        sqlx::query("INSERT INTO ladders (kind, name, label, sha256, source, created_at) VALUES ('embedded', 'l', '1', 'x', 's', 0)")
            .execute(&s.pool).await.unwrap();
        let a = s
            .create_assessment(NewAssessment {
                subject_id: 1,
                author_id: 1,
                rater: Rater::Myself,
                ladder_id: 1,
                ladder_role: "pm".into(),
                body: "{}".into(),
                submit: true,
            })
            .await
            .unwrap();
        let e = sqlx::query("UPDATE assessments SET body = 'changed' WHERE id = $1")
            .bind(a.id)
            .execute(&s.pool)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("frozen"), "{e}");
        let e = sqlx::query("UPDATE ladders SET source = 'changed'")
            .execute(&s.pool)
            .await
            .unwrap_err();
        assert!(e.to_string().contains("never changed"), "{e}");
    }
}
