//! The one error type of every operation.
//!
//! [`AppError`] says what kind of failure happened (not signed in, not
//! allowed, not found, bad input, conflict, rate limited, internal) so each
//! front end can answer in its own way: the web maps the kinds to HTTP
//! statuses, the CLI to exit codes. Input problems carry where they are
//! ([`Problem::at`]: a field path or `line L, column C`).

use ladder_core::file::Diagnostic;
use ladder_store::StoreError;
use schemars::JsonSchema;
use serde::Serialize;

/// One problem with submitted input, located when it can be.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Problem {
    /// The field or file position (`line 3, column 7`, `ratings.discovery`).
    pub at: String,
    /// What is wrong and what to do.
    pub message: String,
}

impl Problem {
    /// A diagnostic as a located problem: `line L, column C` in a file, or
    /// the field path (`ratings.vision`) in a form.
    pub fn from_diagnostic(d: &Diagnostic) -> Problem {
        Problem {
            at: match (&d.location, &d.path) {
                (Some(l), _) => format!("line {}, column {}", l.line, l.column),
                (None, Some(p)) => p.clone(),
                (None, None) => String::new(),
            },
            message: match &d.hint {
                Some(h) => format!("{} ({h})", d.message),
                None => d.message.clone(),
            },
        }
    }
}

/// What went wrong in an operation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AppError {
    /// Not signed in.
    #[error("sign in first: send a session cookie or an `Authorization: Bearer` API token")]
    Unauthorized,
    /// Signed in, not allowed.
    #[error("{0}")]
    Forbidden(&'static str),
    /// No such thing (or not yours to see).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// Input that cannot be used.
    #[error("{0}")]
    BadRequest(String),
    /// Input with located problems.
    #[error("{summary}")]
    Invalid {
        /// One line.
        summary: String,
        /// Each problem.
        problems: Vec<Problem>,
    },
    /// A change that conflicts with what is stored.
    #[error("{0}")]
    Conflict(String),
    /// Too many failed sign-ins for this account from this address.
    #[error(
        "too many failed sign-ins for this account from here; wait {wait_seconds} seconds and try again"
    )]
    TooManyRequests {
        /// How long until the next try is checked.
        wait_seconds: i64,
    },
    /// A sign-in the identity provider or its checks turned down (the words
    /// say why, and what to do).
    #[error("{0}")]
    SignInRefused(String),
    /// A service the operation needs (the identity provider) did not answer,
    /// or answered nonsense; nothing was changed.
    #[error("{0}")]
    Unavailable(String),
    /// A bug or a broken store.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// The located problems of an [`AppError::Invalid`], none otherwise.
    pub fn problems(&self) -> &[Problem] {
        match self {
            AppError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Duplicate { .. }
            | StoreError::Frozen(_)
            | StoreError::NotSubmitted(_)
            | StoreError::ManagerLoop { .. }
            | StoreError::LastAdmin(_)
            | StoreError::Stale
            | StoreError::UnknownManager(_) => AppError::Conflict(e.to_string()),
            StoreError::NotFound { what, .. } => AppError::NotFound(what),
            StoreError::Link(problem) => AppError::BadRequest(problem.to_string()),
            other => {
                tracing::error!("store: {other}");
                AppError::Internal(
                    "the database did not answer as expected; see the server log".into(),
                )
            }
        }
    }
}

/// Operation results.
pub type Result<T> = std::result::Result<T, AppError>;
