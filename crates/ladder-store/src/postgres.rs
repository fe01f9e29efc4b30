//! The PostgreSQL store, for organisations that run several instances behind a
//! load balancer or want the database on its own machine.
//!
//! Migrations take PostgreSQL's advisory lock, so instances starting together
//! do not race to create the schema.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::error::Result;

/// A store in a PostgreSQL database.
#[derive(Clone)]
pub struct PostgresStore {
    pub(crate) pool: sqlx::PgPool,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://USER:PASSWORD@HOST:PORT/DB`) and brings
    /// the schema up to date.
    pub async fn open(url: &str) -> Result<Self> {
        let options = PgConnectOptions::from_str(url)?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await?;
        sqlx::migrate!("migrations/postgres").run(&pool).await?;
        Ok(PostgresStore { pool })
    }

    /// The admins, locked until the change of access commits.
    pub(crate) const LOCK_ADMINS_SQL: &str =
        "SELECT id FROM users WHERE access = 'admin' ORDER BY id FOR UPDATE";

    /// Closes the pool, waiting for connections in use.
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

crate::users::user_store!(PostgresStore);
crate::sessions::session_store!(PostgresStore);
crate::ladders::ladder_store!(PostgresStore);
crate::assessments::assessment_store!(PostgresStore);
crate::audit::audit_store!(PostgresStore);

#[async_trait::async_trait]
impl crate::Lifecycle for PostgresStore {
    fn dialect(&self) -> &'static str {
        "postgres"
    }
    async fn close(&self) {
        PostgresStore::close(self).await;
    }
}
