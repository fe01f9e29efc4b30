//! Errors of the web layer, and how each front end shows them.
//!
//! Operations fail with [`ladder_app::AppError`]; the web adds the failures
//! only it can have (a stale CSRF token, a body it cannot read). Handlers
//! return [`WebError`] through one of two wrappers: [`ApiError`] answers
//! JSON (`{"error": ..., "status": ..., "problems": [...]}`), [`PageError`]
//! answers an HTML page (or sends a signed-out browser to the sign-in page).
//! The status codes are the same for both.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use ladder_app::{AppError, Problem};
use serde::Serialize;

/// What went wrong while answering a request.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// An operation refused or failed.
    #[error(transparent)]
    App(#[from] AppError),
    /// The CSRF token is missing or wrong.
    #[error("the form's security token is missing or stale; reload the page and submit again")]
    Csrf,
    /// A request the web layer could not read (form fields, uploads).
    #[error("{0}")]
    Unreadable(String),
}

impl WebError {
    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            WebError::App(e) => match e {
                AppError::Unauthorized => StatusCode::UNAUTHORIZED,
                AppError::Forbidden(_) => StatusCode::FORBIDDEN,
                AppError::NotFound(_) => StatusCode::NOT_FOUND,
                AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
                AppError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
                AppError::Conflict(_) => StatusCode::CONFLICT,
                AppError::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
                AppError::SignInRefused(_) => StatusCode::FORBIDDEN,
                AppError::Unavailable(_) => StatusCode::BAD_GATEWAY,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
            WebError::Csrf => StatusCode::FORBIDDEN,
            WebError::Unreadable(_) => StatusCode::BAD_REQUEST,
        }
    }

    /// The located problems, for invalid input.
    pub fn problems(&self) -> &[Problem] {
        match self {
            WebError::App(e) => e.problems(),
            _ => &[],
        }
    }

    /// Seconds to send as `Retry-After`, for a rate-limited request.
    pub fn retry_after(&self) -> Option<i64> {
        match self {
            WebError::App(AppError::TooManyRequests { wait_seconds }) => Some(*wait_seconds),
            _ => None,
        }
    }

    /// "Not found" for a kind of thing.
    pub fn not_found(what: &'static str) -> WebError {
        WebError::App(AppError::NotFound(what))
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
        if let Some(s) = self.0.retry_after() {
            r.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, s.into());
        }
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
        if let WebError::App(AppError::Unauthorized) = self.0 {
            return Redirect::to("/login").into_response();
        }
        let status = self.0.status();
        let html = crate::html::error_page(status, &self.0.to_string(), self.0.problems());
        (status, Html(html)).into_response()
    }
}
