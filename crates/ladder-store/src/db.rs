//! The one store type, [`SqlStore`], over SQLite or PostgreSQL.
//!
//! Queries are written once in the SQL both dialects speak (`$N`
//! parameters, `RETURNING`, recursive CTEs) and run through sqlx's `Any`
//! driver, which picks the dialect from the URL at run time. So each
//! operation is one ordinary function that rustfmt formats and the compiler
//! checks where it is written; the few places where the dialects differ
//! ask [`SqlStore::dialect`].
//!
//! * **SQLite** (the default: a file beside the program, no server): WAL
//!   mode lets readers run while a write commits; `synchronous = FULL`
//!   makes a commit durable before the caller hears of it (what "every
//!   acknowledged submission survives a kill" rests on); foreign keys on;
//!   one connection for an in-memory database, which lives in it.
//! * **PostgreSQL**, for several instances behind a load balancer:
//!   migrations take PostgreSQL's advisory lock, so instances starting
//!   together do not race to create the schema.

use std::sync::Once;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

use crate::error::{Result, StoreError};

/// Which database a store speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite.
    Sqlite,
    /// PostgreSQL.
    Postgres,
}

impl Dialect {
    /// `sqlite` or `postgres`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dialect::Sqlite => "sqlite",
            Dialect::Postgres => "postgres",
        }
    }
}

/// A store in a SQLite file or a PostgreSQL database.
#[derive(Clone)]
pub struct SqlStore {
    pub(crate) pool: AnyPool,
    dialect: Dialect,
}

/// What SQLite is told on every new connection.
const SQLITE_PRAGMAS: [&str; 4] = [
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA busy_timeout = 10000",
    "PRAGMA foreign_keys = ON",
];

impl SqlStore {
    /// Opens the database `url` names — `sqlite://PATH` (created if
    /// missing), `sqlite:PATH`, `sqlite::memory:`, or `postgres://…` — and
    /// brings its schema up to date.
    pub async fn open(url: &str) -> Result<SqlStore> {
        static DRIVERS: Once = Once::new();
        DRIVERS.call_once(sqlx::any::install_default_drivers);
        let dialect = if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Dialect::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
        let pool = match dialect {
            Dialect::Sqlite => {
                let memory = url.contains(":memory:");
                let options: AnyConnectOptions = with_create(url).parse()?;
                AnyPoolOptions::new()
                    // An in-memory database lives in one connection; keep exactly one.
                    .max_connections(if memory { 1 } else { 8 })
                    .min_connections(1)
                    .after_connect(|conn, _| {
                        Box::pin(async move {
                            for pragma in SQLITE_PRAGMAS {
                                conn.execute(pragma).await?;
                            }
                            Ok(())
                        })
                    })
                    .connect_with(options)
                    .await?
            }
            Dialect::Postgres => {
                AnyPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(10))
                    .connect(url)
                    .await?
            }
        };
        match dialect {
            Dialect::Sqlite => sqlx::migrate!("migrations/sqlite").run(&pool).await?,
            Dialect::Postgres => sqlx::migrate!("migrations/postgres").run(&pool).await?,
        }
        let store = SqlStore { pool, dialect };
        store.check_writable().await?;
        Ok(store)
    }

    /// Writes a row in a transaction and rolls it back: a database that can
    /// be read but not written (a read-only file, a role without INSERT) is
    /// refused at start, naming the problem, instead of serving reads and
    /// failing every change later.
    async fn check_writable(&self) -> Result<()> {
        let mut tx = self.pool.begin().await?;
        let written = sqlx::query(
            "INSERT INTO audit_log (actor_id, action, subject, detail, at)
             VALUES (NULL, 'store.check', 'store', 'write check at start', 0)",
        )
        .execute(&mut *tx)
        .await;
        tx.rollback().await?;
        match written {
            Ok(_) => Ok(()),
            Err(e) => Err(StoreError::ReadOnly(e.to_string())),
        }
    }

    /// Which database this store speaks.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// Closes the pool, waiting for connections in use.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// A SQLite file URL that creates the file when it is missing (`mode=rwc`),
/// unless the URL already says how to open it.
fn with_create(url: &str) -> String {
    if url.contains(":memory:") || url.contains("mode=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&mode=rwc")
    } else {
        format!("{url}?mode=rwc")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::AssessmentStore;
    use crate::model::NewAssessment;
    use ladder_core::assess::Rater;

    #[test]
    fn sqlite_urls_create_their_file() {
        assert_eq!(with_create("sqlite://l.db"), "sqlite://l.db?mode=rwc");
        assert_eq!(
            with_create("sqlite://l.db?cache=shared"),
            "sqlite://l.db?cache=shared&mode=rwc"
        );
        assert_eq!(with_create("sqlite::memory:"), "sqlite::memory:");
        assert_eq!(
            with_create("sqlite://l.db?mode=ro"),
            "sqlite://l.db?mode=ro"
        );
    }

    /// A file database gets WAL, full sync and foreign keys on every
    /// connection of the pool.
    #[tokio::test]
    async fn sqlite_files_are_durable_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("d.db").display());
        let s = SqlStore::open(&url).await.unwrap();
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(&s.pool)
            .await
            .unwrap();
        let (sync,): (i64,) = sqlx::query_as("PRAGMA synchronous")
            .fetch_one(&s.pool)
            .await
            .unwrap();
        let (fk,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
            .fetch_one(&s.pool)
            .await
            .unwrap();
        assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
        s.close().await;
    }

    /// The trigger refuses changes to a submitted assessment even from SQL
    /// that bypasses the store's own `status = 'draft'` guard.
    #[tokio::test]
    async fn the_database_itself_freezes_submitted_assessments() {
        let s = SqlStore::open("sqlite::memory:").await.unwrap();
        assert_eq!(s.dialect(), Dialect::Sqlite);
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
