//! Who is asking: the extractors that turn a request into a signed-in user,
//! by an API token or the session cookie. The rules (hashing, sessions,
//! rate limits) are the application's; this only reads the request.
//!
//! A request with `Authorization: Bearer` is judged by that token alone, and
//! cookies are ignored: scripts never depend on a browser's state, and a
//! browser's cookies never authorise a cross-site script.

use std::sync::Arc;

use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use ladder_app::AppError;
use ladder_store::model::User;

use crate::error::{ApiError, PageError, WebError};
use crate::state::WebState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "ladder_session";

/// The user a route guard already found for this request, so extractors do
/// not look them up twice.
#[derive(Clone)]
pub(crate) struct Known(pub Option<User>);

/// The signed-in user, if any: from a bearer token when the request has one,
/// otherwise from the session cookie.
pub async fn current_user(parts: &Parts, state: &WebState) -> Result<Option<User>, WebError> {
    if let Some(Known(u)) = parts.extensions.get::<Known>() {
        return Ok(u.clone());
    }
    if let Some(value) = parts.headers.get(axum::http::header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        return Ok(state.app.token_user(token).await?);
    }
    let jar = CookieJar::from_headers(&parts.headers);
    match jar.get(SESSION_COOKIE) {
        Some(c) => Ok(state.app.session_user(c.value()).await?),
        None => Ok(None),
    }
}

/// A signed-in user; requests without one are refused (401 for the API, a
/// redirect to the sign-in page for pages).
pub struct SignedIn(pub User);

/// The signed-in user if there is one.
pub struct MaybeUser(pub Option<User>);

/// Whether a request is for the JSON API (its errors are JSON) or a page.
pub fn is_api(parts: &Parts) -> bool {
    let path = parts
        .extensions
        .get::<OriginalUri>()
        .map_or(parts.uri.path(), |u| u.0.path());
    path.starts_with("/api/")
}

/// Answers an error the way the request's front end expects.
pub fn reject(parts: &Parts, e: WebError) -> Response {
    if is_api(parts) {
        ApiError(e).into_response()
    } else {
        PageError(e).into_response()
    }
}

impl FromRequestParts<Arc<WebState>> for SignedIn {
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<WebState>,
    ) -> Result<Self, Response> {
        match current_user(parts, state).await {
            Ok(Some(u)) => Ok(SignedIn(u)),
            Ok(None) => Err(reject(parts, AppError::Unauthorized.into())),
            Err(e) => Err(reject(parts, e)),
        }
    }
}

impl FromRequestParts<Arc<WebState>> for MaybeUser {
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<WebState>,
    ) -> Result<Self, Response> {
        // A bad bearer header on a public page is treated as no user.
        Ok(MaybeUser(current_user(parts, state).await.ok().flatten()))
    }
}
