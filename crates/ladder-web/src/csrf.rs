//! Cross-site request forgery protection: a double-submit token.
//!
//! Every browser gets a random `ladder_csrf` cookie (HttpOnly, SameSite=Strict)
//! on its first request; pages put the same value in a hidden `csrf` field of
//! each form (handlers read it from the [`CsrfToken`] extension). A request
//! that changes something must bring the value back, in that field or in an
//! `X-CSRF-Token` header (for scripts that use a session), or it is refused
//! with 403 before any handler runs. Requests with an `Authorization` header
//! are judged by their token alone (see `auth`) and need no CSRF token,
//! because a browser never adds that header by itself; nor do API requests
//! without a session cookie, which act as nobody.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};

use crate::error::{ApiError, PageError, WebError};
use crate::state::WebState;

/// The CSRF cookie's name.
pub const CSRF_COOKIE: &str = "ladder_csrf";
/// The form field that carries the token.
pub const CSRF_FIELD: &str = "csrf";
/// The header that carries the token for scripts.
pub const CSRF_HEADER: &str = "x-csrf-token";
/// The largest form body read to find the token (ladder uploads included).
const MAX_FORM: usize = 4 * 1024 * 1024;

/// The browser's CSRF token, for forms.
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

/// Checks unsafe requests and hands every request its token.
pub async fn verify(State(state): State<Arc<WebState>>, req: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    let cookie = jar.get(CSRF_COOKIE).map(|c| c.value().to_owned());
    let api = req.uri().path().starts_with("/api/");
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let mut req = req;
    // An API request with no session cookie acts as nobody (a bearer token,
    // or nothing, which the handler refuses with 401): nothing to forge.
    let has_session = jar.get(crate::auth::SESSION_COOKIE).is_some();
    let bearer = req.headers().contains_key(header::AUTHORIZATION);
    if unsafe_method && !bearer && (has_session || !api) {
        match check(req, cookie.as_deref()).await {
            Ok(r) => req = r,
            Err(e) if api => return ApiError(e).into_response(),
            Err(e) => return PageError(e).into_response(),
        }
    }
    // The API renders no forms: no token to hand out.
    if api {
        return next.run(req).await;
    }
    let (token, fresh) = match cookie {
        Some(t) if t.len() >= 32 => (t, false),
        _ => (ladder_app::auth::new_token(""), true),
    };
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(req).await;
    if fresh {
        let c = Cookie::build((CSRF_COOKIE, token))
            .http_only(true)
            .same_site(SameSite::Strict)
            .secure(state.config.secure_cookies)
            .path("/")
            .build();
        if let Ok(v) = HeaderValue::from_str(&c.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    response
}

/// Compares in time independent of where the strings differ.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Finds the token in the header or the form body; gives the request back
/// (with its body restored) when it matches the cookie.
async fn check(req: Request, cookie: Option<&str>) -> Result<Request, WebError> {
    let cookie = cookie.ok_or(WebError::Csrf)?;
    if let Some(h) = req.headers().get(CSRF_HEADER) {
        return match h.to_str() {
            Ok(v) if same(v, cookie) => Ok(req),
            _ => Err(WebError::Csrf),
        };
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_FORM).await.map_err(|_| {
        WebError::Unreadable(format!("the form is larger than {} MiB", MAX_FORM >> 20))
    })?;
    let found = crate::forms::token_in_body(&content_type, bytes.clone()).await;
    match found {
        Some(v) if same(&v, cookie) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(WebError::Csrf),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn same_compares_whole_strings() {
        assert!(super::same("abc", "abc"));
        assert!(!super::same("abc", "abd"));
        assert!(!super::same("abc", "ab"));
    }
}
