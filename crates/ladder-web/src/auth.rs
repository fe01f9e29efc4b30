//! Who is asking: passwords, session and API tokens, and the extractors that
//! turn a request into a signed-in [`User`].
//!
//! * Passwords are hashed with Argon2id (the `argon2` crate's defaults: 19 MiB,
//!   2 passes) in PHC form, on a blocking thread so sign-ins do not stall
//!   other requests.
//! * Session and API tokens are 32 random bytes from the OS, shown once; the
//!   store keeps their SHA-256.
//! * A request with `Authorization: Bearer` is judged by that token alone, and
//!   cookies are ignored: scripts never depend on a browser's state, and a
//!   browser's cookies never authorise a cross-site script.

use std::sync::Arc;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use ladder_store::model::User;
use rand_core::{OsRng, RngCore};

use crate::error::{ApiError, PageError, WebError};
use crate::state::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "ladder_session";

/// Hashes a password with Argon2id and a random salt, in PHC form.
pub fn hash_password(password: &str) -> Result<String, WebError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| WebError::Internal(format!("could not hash the password: {e}")))
}

/// Hashes on a blocking thread (it takes tens of milliseconds on purpose).
pub async fn hash_password_async(password: String) -> Result<String, WebError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| WebError::Internal(format!("password hashing stopped: {e}")))?
}

/// Checks a password against a stored PHC hash, on a blocking thread.
pub async fn verify_password(password: String, hash: String) -> bool {
    tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .unwrap_or(false)
}

/// What passwords must be: long enough to matter, short enough to hash.
pub fn check_password_rules(password: &str) -> Result<(), WebError> {
    let n = password.chars().count();
    if n < 10 {
        return Err(WebError::BadRequest(format!(
            "the password has {n} characters; use at least 10"
        )));
    }
    if password.len() > 1024 {
        return Err(WebError::BadRequest(
            "the password is longer than 1024 bytes; use a shorter one".into(),
        ));
    }
    Ok(())
}

/// A new random token: 32 bytes from the OS, hex, with a prefix that says
/// what it is (`ls_` sessions, `lt_` API tokens) so a leaked one is
/// recognisable.
pub fn new_token(prefix: &str) -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let mut s = String::with_capacity(prefix.len() + 64);
    s.push_str(prefix);
    for b in bytes {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

/// What the store keeps of a token.
pub fn token_hash(token: &str) -> String {
    ladder_store::sha256_hex(token)
}

/// The signed-in user, if any: from a bearer token when the request has one,
/// otherwise from the session cookie.
pub async fn current_user(parts: &Parts, state: &AppState) -> Result<Option<User>, WebError> {
    if let Some(value) = parts.headers.get(axum::http::header::AUTHORIZATION) {
        let token = value
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(WebError::Unauthorized)?;
        return Ok(state.store.token_user(&token_hash(token)).await?);
    }
    let jar = CookieJar::from_headers(&parts.headers);
    match jar.get(SESSION_COOKIE) {
        Some(c) => Ok(state.store.session_user(&token_hash(c.value())).await?),
        None => Ok(None),
    }
}

/// A signed-in user; requests without one are refused (401 for the API, a
/// redirect to the sign-in page for pages, by the handler's error type).
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

impl FromRequestParts<Arc<AppState>> for SignedIn {
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Response> {
        match current_user(parts, state).await {
            Ok(Some(u)) => Ok(SignedIn(u)),
            Ok(None) => Err(reject(parts, WebError::Unauthorized)),
            Err(e) => Err(reject(parts, e)),
        }
    }
}

impl FromRequestParts<Arc<AppState>> for MaybeUser {
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Response> {
        // A bad bearer header on a public page is treated as no user.
        Ok(MaybeUser(current_user(parts, state).await.ok().flatten()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        assert!(rt.block_on(verify_password("correct horse battery".into(), h.clone())));
        assert!(!rt.block_on(verify_password("wrong horse battery".into(), h)));
        assert!(!rt.block_on(verify_password("x".into(), "not a hash".into())));
    }

    #[test]
    fn tokens_are_random_and_prefixed() {
        let (a, b) = (new_token("lt_"), new_token("lt_"));
        assert_ne!(a, b);
        assert_eq!(a.len(), 3 + 64);
        assert!(a.starts_with("lt_"));
        assert_eq!(token_hash(&a).len(), 64);
    }

    #[test]
    fn password_rules() {
        assert!(check_password_rules("short").is_err());
        assert!(check_password_rules("long enough pw").is_ok());
    }
}
