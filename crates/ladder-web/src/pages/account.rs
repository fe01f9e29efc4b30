//! Signing in and out, evidence, API tokens and the password, from the "My
//! assessments" page. The rules (rate limits, sessions, hashing) are the
//! application's; this reads forms, sets cookies and picks the page to show.

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use ladder_app::AppError;
use ladder_app::evidence::EvidenceInput;
use ladder_store::model::User;
use serde::Deserialize;

use crate::auth::{MaybeUser, SESSION_COOKIE, SignedIn};
use crate::csrf::CsrfToken;
use crate::error::PageError;
use crate::state::WebState;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    error: Option<String>,
    email: &'a str,
    /// "Sign in with …", when the server signs in through a provider.
    sso_label: Option<String>,
    /// Whether the password form is offered.
    passwords: bool,
}

/// The sign-in page, with an error (and what was typed) after a refusal.
pub(super) fn login_page(
    state: &WebState,
    csrf: &str,
    status: StatusCode,
    error: Option<String>,
    email: &str,
) -> Response {
    let sso = state.app.sso_info();
    let page = LoginPage {
        user: None,
        csrf,
        ladder_name: &state.ladder_name(),
        error,
        email,
        passwords: !sso.as_ref().is_some_and(|s| s.only),
        sso_label: sso.map(|s| s.label),
    };
    (status, Html(super::render(&page))).into_response()
}

/// `GET /login`.
pub async fn login_form(
    State(state): State<Arc<WebState>>,
    MaybeUser(user): MaybeUser,
    Extension(csrf): Extension<CsrfToken>,
) -> Response {
    if user.is_some() {
        return Redirect::to("/me").into_response();
    }
    login_page(&state, &csrf.0, StatusCode::OK, None, "")
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct Credentials {
    email: String,
    password: String,
}

/// The client's address: with `trusted` proxies in front, the entry of
/// `X-Forwarded-For` that the outermost trusted proxy wrote (that many places
/// from the right; what is further left the client wrote and could forge);
/// with none, or a header too short to hold it, the peer's address.
fn client_ip(trusted: usize, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    let peer = peer.map_or_else(|| "unknown".to_owned(), |p| p.ip().to_string());
    if trusted == 0 {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect();
    match hops.len().checked_sub(trusted) {
        Some(i) => hops[i].to_owned(),
        None => peer,
    }
}

/// `POST /login`.
pub async fn login(
    State(state): State<Arc<WebState>>,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<Credentials>,
) -> Result<Response, PageError> {
    let peer = peer.map(|Extension(ConnectInfo(a))| a);
    let ip = client_ip(state.config.trusted_proxies, &headers, peer);
    let refuse = |status: StatusCode, message: String| {
        login_page(&state, &csrf.0, status, Some(message), &form.email)
    };
    let session = match state.app.sign_in(&form.email, &form.password, &ip).await {
        Ok(s) => s,
        Err(e @ AppError::TooManyRequests { .. }) => {
            let mut r = refuse(StatusCode::TOO_MANY_REQUESTS, e.to_string());
            if let AppError::TooManyRequests { wait_seconds } = e {
                r.headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, wait_seconds.into());
            }
            return Ok(r);
        }
        Err(AppError::Unauthorized) => {
            return Ok(refuse(
                StatusCode::UNAUTHORIZED,
                "That email and password do not match an account.".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    Ok(signed_in(&state, session))
}

/// The answer that signs a browser in: the session cookie, a new CSRF
/// token, and on to the person's own page.
pub(super) fn signed_in(state: &WebState, session: ladder_app::auth::Session) -> Response {
    signed_in_with(state, session, CookieJar::new())
}

/// [`signed_in`], with other cookie changes in `jar`.
pub(super) fn signed_in_with(
    state: &WebState,
    session: ladder_app::auth::Session,
    jar: CookieJar,
) -> Response {
    let cookie = Cookie::build((SESSION_COOKIE, session.token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .path("/")
        .max_age(cookie::time::Duration::hours(session.hours))
        .build();
    // A new CSRF token with the new session: one planted before sign-in is
    // worthless after it.
    let csrf =
        crate::csrf::csrf_cookie(ladder_app::auth::new_token(""), state.config.secure_cookies);
    let jar = jar.add(cookie).add(csrf);
    (jar, Redirect::to("/me")).into_response()
}

/// `POST /logout`.
pub async fn logout(
    State(state): State<Arc<WebState>>,
    jar: CookieJar,
) -> Result<Response, PageError> {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        state.app.sign_out(c.value()).await?;
    }
    let jar = jar.remove(Cookie::build((SESSION_COOKIE, "")).path("/"));
    Ok((jar, Redirect::to("/")).into_response())
}

/// `POST /me/evidence`: `text` and any number of `competency` fields.
pub async fn add_evidence(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Redirect, PageError> {
    let text = fields
        .iter()
        .find(|(k, _)| k == "text")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let competencies = fields
        .iter()
        .filter(|(k, _)| k == "competency")
        .map(|(_, v)| v.clone())
        .collect();
    let input = EvidenceInput {
        text,
        competencies,
        assessment_id: None,
    };
    state.app.record_evidence(&u, input).await?;
    Ok(Redirect::to("/me#evidence"))
}

#[cfg(test)]
mod tests {
    use super::client_ip;
    use axum::http::HeaderMap;

    fn headers(xff: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in xff {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_client_is_the_hop_the_trusted_proxy_wrote() {
        let peer = Some("10.0.0.9:443".parse().unwrap());
        // No trusted proxy: the header is the client's own words.
        assert_eq!(client_ip(0, &headers(&["1.2.3.4"]), peer), "10.0.0.9");
        // One proxy: it appended the address it saw, the right-most entry;
        // what the client wrote to the left is ignored.
        let forged = headers(&["6.6.6.6, 203.0.113.7"]);
        assert_eq!(client_ip(1, &forged, peer), "203.0.113.7");
        // Two proxies: the outer one's entry is second from the right, even
        // across repeated headers.
        let two = headers(&["6.6.6.6, 203.0.113.7", "10.0.0.2"]);
        assert_eq!(client_ip(2, &two, peer), "203.0.113.7");
        // A header shorter than the proxies promised: the peer.
        assert_eq!(client_ip(2, &headers(&["1.2.3.4"]), peer), "10.0.0.9");
        assert_eq!(client_ip(1, &HeaderMap::new(), peer), "10.0.0.9");
    }
}
