//! Store errors: the few cases callers act on, and the database's own error.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The URL names no database this store can open.
    #[error("unsupported database URL `{0}`: use sqlite://PATH or postgres://USER@HOST/DB")]
    UnsupportedUrl(String),
    /// A unique value (an email, a team name) is taken.
    #[error("{what} `{value}` already exists")]
    Duplicate {
        /// What kind of value.
        what: &'static str,
        /// The value.
        value: String,
    },
    /// The row asked for does not exist.
    #[error("{what} {id} does not exist")]
    NotFound {
        /// What kind of row.
        what: &'static str,
        /// Its id.
        id: i64,
    },
    /// A submitted assessment was asked to change.
    #[error("assessment {0} is submitted and frozen; start a new one instead")]
    Frozen(i64),
    /// A draft was asked to be shared.
    #[error("assessment {0} is a draft; submit it before sharing it")]
    NotSubmitted(i64),
    /// A change that would make someone their own (indirect) manager.
    #[error("user {user} cannot report to {manager}: that would make a loop of managers")]
    ManagerLoop {
        /// The user.
        user: i64,
        /// The manager asked for.
        manager: i64,
    },
    /// A change that would leave no admin.
    #[error("{0} is the only admin; make someone else admin first")]
    LastAdmin(String),
    /// People changed between planning an import and writing it.
    #[error(
        "people were changed by someone else while the import was being prepared; run the import again to see the changes against the people as they are now"
    )]
    Stale,
    /// An import names a manager who is neither in it nor in the database.
    #[error("the manager `{0}` is not anyone in the import or the app")]
    UnknownManager(String),
    /// A one-time link that does not work (unknown, used or expired).
    #[error("{0}")]
    Link(LinkProblem),
    /// The database can be read but not written.
    #[error(
        "the database can be read but not written ({0}); make the file and its folder writable by this user (SQLite needs to create its -wal and -shm files beside it), or grant the PostgreSQL role INSERT, UPDATE and DELETE"
    )]
    ReadOnly(String),
    /// Migrations failed.
    #[error("could not bring the database schema up to date: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// The database said no.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

/// Why a one-time link does not work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LinkProblem {
    /// No such link (or its person has left).
    #[error(
        "this link is not known: copy the whole address from the message, or ask for a new link"
    )]
    Unknown,
    /// The link was used already.
    #[error("this link has already been used: each link works once; ask for a new one")]
    Used,
    /// The link is too old.
    #[error("this link has expired: ask for a new one")]
    Expired,
}

/// Store results.
pub type Result<T> = std::result::Result<T, StoreError>;

/// Turns a unique-constraint violation into [`StoreError::Duplicate`].
pub(crate) fn unique(e: sqlx::Error, what: &'static str, value: &str) -> StoreError {
    match &e {
        sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Duplicate {
            what,
            value: value.to_owned(),
        },
        _ => StoreError::Database(e),
    }
}
