//! Storage for the ladder web app.
//!
//! [`Store`] is the whole interface, made of one trait per kind of data
//! ([`UserStore`], [`PeopleStore`], [`SessionStore`], [`LadderStore`],
//! [`AssessmentStore`], [`AuditStore`], [`DirectoryStore`], [`LinkStore`], [`ScimStore`], [`SsoStore`]) so each file stays about one thing. One implementation,
//! [`SqlStore`], speaks SQLite (the default: a file, WAL mode) or PostgreSQL,
//! chosen by the URL: each query is written once, as ordinary code, and run
//! through sqlx's `Any` driver (see [`db`]); each dialect has its own
//! migrations (`migrations/sqlite`, `migrations/postgres`), run on open.
//!
//! Every query binds its values; SQL text is only ever made of literals.
//! The rows handed out ([`model`]) are the store's own: the application
//! layer turns them into the resources people and scripts see.

mod assessments;
mod audit;
pub mod db;
mod directory;
mod error;
mod ladders;
mod links;
pub mod model;
mod people;
mod scim;
mod sessions;
mod sso;
mod users;

use std::sync::Arc;

pub use assessments::AssessmentStore;
pub use audit::AuditStore;
pub use db::{Dialect, SqlStore};
pub use directory::{DirectoryStore, ImportDone};
pub use error::{LinkProblem, Result, StoreError};
pub use ladders::{LadderStore, sha256_hex};
pub use links::LinkStore;
pub use people::{Filter, PeopleStore, Scope, Slice};
pub use scim::ScimStore;
pub use sessions::SessionStore;
pub use sso::SsoStore;
pub use users::UserStore;

/// Opening and closing, and which dialect a store speaks.
#[async_trait::async_trait]
pub trait Lifecycle: Send + Sync {
    /// `sqlite` or `postgres`.
    fn dialect(&self) -> &'static str;
    /// Closes the connections, waiting for those in use.
    async fn close(&self);
    /// Refreshes the query planner's statistics after a bulk load (`ANALYZE`),
    /// so the first queries after it are planned on the data as it now is.
    async fn analyze(&self) -> Result<()>;
}

/// Everything the web app keeps.
pub trait Store:
    UserStore
    + PeopleStore
    + SessionStore
    + LadderStore
    + AssessmentStore
    + AuditStore
    + DirectoryStore
    + LinkStore
    + ScimStore
    + SsoStore
    + Lifecycle
{
}

impl<T> Store for T where
    T: UserStore
        + PeopleStore
        + SessionStore
        + LadderStore
        + AssessmentStore
        + AuditStore
        + DirectoryStore
        + LinkStore
        + ScimStore
        + SsoStore
        + Lifecycle
{
}

/// Opens the store a URL names: `sqlite://PATH`, `sqlite:PATH`,
/// `sqlite::memory:`, or `postgres://…` (`postgresql://…`).
pub async fn open(url: &str) -> Result<Arc<dyn Store>> {
    Ok(Arc::new(SqlStore::open(url).await?))
}

#[async_trait::async_trait]
impl Lifecycle for SqlStore {
    fn dialect(&self) -> &'static str {
        SqlStore::dialect(self).as_str()
    }
    async fn close(&self) {
        SqlStore::close(self).await;
    }
    async fn analyze(&self) -> Result<()> {
        sqlx::query("ANALYZE").execute(&self.pool).await?;
        Ok(())
    }
}

/// The current time in Unix milliseconds, the one time format of the store.
pub fn now_ms() -> i64 {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(since.as_millis()).unwrap_or(i64::MAX)
}
