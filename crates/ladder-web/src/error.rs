//! Errors of the web layer, and how each front end shows them.
//!
//! Handlers return [`WebError`] through one of two wrappers: [`ApiError`]
//! answers JSON (`{"error": ..., "problems": [...]}`), [`PageError`] answers
//! an HTML page (or sends a signed-out browser to the sign-in page). The
//! status codes are the same for both.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use ladder_store::StoreError;
use serde::Serialize;

/// One problem with submitted input, located when it can be.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    /// The field or file position (`line 3, column 7`, `ratings.discovery`).
    pub at: String,
    /// What is wrong and what to do.
    pub message: String,
}

/// What went wrong while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
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
    /// Too many failed sign-ins.
    #[error("too many failed sign-ins; wait {0} minutes and try again")]
    TooManyRequests(i64),
    /// The CSRF token is missing or wrong.
    #[error("the form's security token is missing or stale; reload the page and submit again")]
    Csrf,
    /// A bug or a broken store.
    #[error("internal error: {0}")]
    Internal(String),
}

impl WebError {
    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::Unauthorized => StatusCode::UNAUTHORIZED,
            WebError::Forbidden(_) | WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::NotFound(_) => StatusCode::NOT_FOUND,
            WebError::BadRequest(_) => StatusCode::BAD_REQUEST,
            WebError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            WebError::Conflict(_) => StatusCode::CONFLICT,
            WebError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            WebError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn problems(&self) -> &[Problem] {
        match self {
            WebError::Invalid { problems, .. } => problems,
            _ => &[],
        }
    }
}

impl From<StoreError> for WebError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Duplicate { .. }
            | StoreError::Frozen(_)
            | StoreError::ManagerLoop { .. } => WebError::Conflict(e.to_string()),
            StoreError::NotFound { what, .. } => WebError::NotFound(what),
            other => {
                tracing::error!("store: {other}");
                WebError::Internal(
                    "the database did not answer as expected; see the server log".into(),
                )
            }
        }
    }
}

/// A [`WebError`] answered as JSON.
#[derive(Debug)]
pub struct ApiError(pub WebError);

/// A [`WebError`] answered as an HTML page.
#[derive(Debug)]
pub struct PageError(pub WebError);

impl<E: Into<WebError>> From<E> for ApiError {
    fn from(e: E) -> Self {
        ApiError(e.into())
    }
}

impl<E: Into<WebError>> From<E> for PageError {
    fn from(e: E) -> Self {
        PageError(e.into())
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: String,
    status: u16,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    problems: &'a [Problem],
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = ErrorBody {
            error: self.0.to_string(),
            status: status.as_u16(),
            problems: self.0.problems(),
        };
        let mut r = (status, axum::Json(body)).into_response();
        if status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                axum::http::header::WWW_AUTHENTICATE,
                axum::http::HeaderValue::from_static("Bearer realm=\"ladder\""),
            );
        }
        r
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        if let WebError::Unauthorized = self.0 {
            return Redirect::to("/login").into_response();
        }
        let status = self.0.status();
        let html = crate::pages::error_page(status, &self.0.to_string(), self.0.problems());
        (status, Html(html)).into_response()
    }
}
