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
//!
//! Besides the token, an unsafe browser request whose `Origin` (or, without
//! one, `Referer`) names another site than the `Host` it was sent to is
//! refused. The cookie is handed out only on private HTML pages (those with
//! forms), never on publicly cached ones, must look like one of ours (64 hex
//! characters; anything else is replaced), and is replaced at sign-in, so a
//! token planted before sign-in is worthless after it.

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
        if !same_origin(req.headers()) {
            let e = WebError::Csrf;
            return if api {
                ApiError(e).into_response()
            } else {
                PageError(e).into_response()
            };
        }
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
        Some(t) if is_ours(&t) => (t, false),
        _ => (ladder_app::auth::new_token(""), true),
    };
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut response = next.run(req).await;
    let has_cookie = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| {
            v.to_str()
                .is_ok_and(|c| c.starts_with(&format!("{CSRF_COOKIE}=")))
        });
    let fresh_cookie =
        || HeaderValue::from_str(&csrf_cookie(token, state.config.secure_cookies).to_string());
    if fresh
        && !has_cookie
        && private_html(&response)
        && let Ok(v) = fresh_cookie()
    {
        response.headers_mut().append(header::SET_COOKIE, v);
    }
    response
}

/// The CSRF cookie carrying `token`.
pub(crate) fn csrf_cookie(token: String, secure: bool) -> Cookie<'static> {
    Cookie::build((CSRF_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .path("/")
        .build()
}

/// A token we could have made: 64 lowercase hex characters.
fn is_ours(token: &str) -> bool {
    token.len() == 64
        && token
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// An HTML answer that is not publicly cached: the pages that may carry forms.
fn private_html(response: &Response) -> bool {
    let h = response.headers();
    let html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    let public = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.contains("public"));
    html && !public
}

/// Whether an unsafe request comes from the site it was sent to: its
/// `Origin`, or without one its `Referer`, must name the `Host`. A request
/// with neither (a script, an old browser) is left to the token.
fn same_origin(headers: &axum::http::HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let from = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    match from {
        None => true,
        Some("null") => false,
        Some(url) => {
            let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
            let authority = after_scheme.split(['/', '?', '#']).next().unwrap_or("");
            authority.eq_ignore_ascii_case(host)
        }
    }
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
    let cookie = cookie.filter(|c| is_ours(c)).ok_or(WebError::Csrf)?;
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
    if content_type.starts_with("multipart/form-data") {
        return check_multipart(parts, body, &content_type, cookie).await;
    }
    let bytes = axum::body::to_bytes(body, MAX_FORM).await.map_err(|_| {
        WebError::Unreadable(format!("the form is larger than {} MiB", MAX_FORM >> 20))
    })?;
    let found = crate::forms::token_in_body(&content_type, bytes.clone()).await;
    match found {
        Some(v) if same(&v, cookie) => Ok(Request::from_parts(parts, Body::from(bytes))),
        _ => Err(WebError::Csrf),
    }
}

/// How much of a multipart body is read to find the token: forms put the
/// `csrf` field first, so it is in the first few hundred bytes.
const MULTIPART_PREFIX: usize = 64 * 1024;

/// A multipart form (an upload, which may be tens of megabytes) is checked
/// on its first [`MULTIPART_PREFIX`] bytes only; the rest streams on to the
/// handler, whose route sets how large the whole may be.
async fn check_multipart(
    parts: axum::http::request::Parts,
    body: Body,
    content_type: &str,
    cookie: &str,
) -> Result<Request, WebError> {
    use futures_util::StreamExt;
    let mut stream = body.into_data_stream();
    let mut prefix = Vec::new();
    while prefix.len() < MULTIPART_PREFIX {
        match stream.next().await {
            Some(Ok(chunk)) => prefix.extend_from_slice(&chunk),
            Some(Err(_)) => {
                return Err(WebError::Unreadable("the upload could not be read".into()));
            }
            None => break,
        }
    }
    let prefix = axum::body::Bytes::from(prefix);
    let found = crate::forms::token_in_body(content_type, prefix.clone()).await;
    match found {
        Some(v) if same(&v, cookie) => {
            let body = futures_util::stream::once(async move { Ok(prefix) }).chain(stream);
            Ok(Request::from_parts(parts, Body::from_stream(body)))
        }
        _ => Err(WebError::Csrf),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_our_own_tokens_and_same_site_requests_pass() {
        use axum::http::HeaderMap;
        assert!(super::is_ours(&"a1".repeat(32)));
        assert!(!super::is_ours("attacker-chosen-token-0123456789abcdef"));
        assert!(!super::is_ours(&"A1".repeat(32)));
        let h = |pairs: &[(&str, &str)]| {
            let mut m = HeaderMap::new();
            for (k, v) in pairs {
                m.insert(
                    axum::http::HeaderName::from_bytes(k.as_bytes()).unwrap(),
                    v.parse().unwrap(),
                );
            }
            m
        };
        let host = ("host", "ladder.example.com");
        assert!(super::same_origin(&h(&[host])));
        assert!(super::same_origin(&h(&[
            host,
            ("origin", "https://ladder.example.com")
        ])));
        assert!(super::same_origin(&h(&[
            host,
            ("referer", "https://ladder.example.com/me?x=1")
        ])));
        assert!(!super::same_origin(&h(&[
            host,
            ("origin", "https://evil.example")
        ])));
        assert!(!super::same_origin(&h(&[
            host,
            ("referer", "https://ladder.example.com.evil.example/")
        ])));
        assert!(!super::same_origin(&h(&[host, ("origin", "null")])));
    }

    #[test]
    fn same_compares_whole_strings() {
        assert!(super::same("abc", "abc"));
        assert!(!super::same("abc", "abd"));
        assert!(!super::same("abc", "ab"));
    }
}
