//! Storage for the ladder web app.
//!
//! [`Store`] is the whole interface, made of one trait per kind of data
//! ([`UserStore`], [`SessionStore`], [`LadderStore`], [`AssessmentStore`],
//! [`AuditStore`]) so each file stays about one thing. Two implementations,
//! [`SqliteStore`] (the default: a file, WAL mode) and [`PostgresStore`], share
//! the SQL text through one macro per trait; each dialect has its own
//! migrations (`migrations/sqlite`, `migrations/postgres`), run on open.
//!
//! Every query binds its values; SQL text is only ever made of literals.

mod assessments;
mod audit;
mod error;
mod ladders;
pub mod model;
mod postgres;
mod sessions;
mod sqlite;
mod users;

use std::sync::Arc;

pub use assessments::AssessmentStore;
pub use audit::AuditStore;
pub use error::{Result, StoreError};
pub use ladders::{LadderStore, sha256_hex};
pub use postgres::PostgresStore;
pub use sessions::SessionStore;
pub use sqlite::SqliteStore;
pub use users::UserStore;

/// Opening and closing, and which dialect a store speaks.
#[async_trait::async_trait]
pub trait Lifecycle: Send + Sync {
    /// `sqlite` or `postgres`.
    fn dialect(&self) -> &'static str;
    /// Closes the connections, waiting for those in use.
    async fn close(&self);
}

/// Everything the web app keeps.
pub trait Store:
    UserStore + SessionStore + LadderStore + AssessmentStore + AuditStore + Lifecycle
{
}

impl<T> Store for T where
    T: UserStore + SessionStore + LadderStore + AssessmentStore + AuditStore + Lifecycle
{
}

/// Opens the store a URL names: `sqlite://PATH`, `sqlite:PATH`,
/// `sqlite::memory:`, or `postgres://…` (`postgresql://…`).
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::open(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::open(url).await?))
    } else {
        Err(StoreError::UnsupportedUrl(url.to_owned()))
    }
}

/// The current time in Unix milliseconds, the one time format of the store.
pub fn now_ms() -> i64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}
