//! Signing in and out, evidence and API tokens from the "My assessments" page.
//!
//! Sign-in is rate limited with the attempts kept in the store (shared by
//! every instance): after `login_limit_per_email` failures for one email, or
//! `login_limit_per_ip` from one address, within the window, further tries
//! are refused with 429 until the window passes. An unknown email costs the
//! same Argon2 work as a wrong password, so timing does not reveal accounts.

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use ladder_store::model::User;
use serde::Deserialize;

use crate::auth::{MaybeUser, SESSION_COOKIE, SignedIn, new_token, token_hash, verify_password};
use crate::csrf::CsrfToken;
use crate::error::{PageError, WebError};
use crate::state::AppState;

/// The hash of a random password, verified against when the email is
/// unknown so that both paths cost the same.
fn decoy_hash() -> String {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY
        .get_or_init(|| crate::auth::hash_password(&new_token("")).unwrap_or_default())
        .clone()
}

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    error: Option<String>,
    email: &'a str,
}

/// `GET /login`.
pub async fn login_form(
    State(state): State<Arc<AppState>>,
    MaybeUser(user): MaybeUser,
    Extension(csrf): Extension<CsrfToken>,
) -> Response {
    if user.is_some() {
        return Redirect::to("/me").into_response();
    }
    let name = state.site().ladder.ladder.name.clone();
    Html(super::render(&LoginPage {
        user: None,
        csrf: &csrf.0,
        ladder_name: &name,
        error: None,
        email: "",
    }))
    .into_response()
}

/// The sign-in form.
#[derive(Deserialize)]
pub struct Credentials {
    email: String,
    password: String,
}

fn client_ip(state: &AppState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
    if state.config.trust_forwarded
        && let Some(first) = headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
    {
        return first.trim().to_owned();
    }
    peer.map_or_else(|| "unknown".to_owned(), |p| p.ip().to_string())
}

/// `POST /login`.
pub async fn login(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<Credentials>,
) -> Result<Response, PageError> {
    let ip = client_ip(&state, &headers, peer.map(|Extension(ConnectInfo(a))| a));
    let cfg = &state.config;
    let name = state.site().ladder.ladder.name.clone();
    let refuse = |status: StatusCode, message: String| {
        let page = LoginPage {
            user: None,
            csrf: &csrf.0,
            ladder_name: &name,
            error: Some(message),
            email: &form.email,
        };
        (status, Html(super::render(&page))).into_response()
    };
    let since = ladder_store::now_ms() - cfg.login_window_minutes * 60_000;
    let f = state.store.failures_since(&form.email, &ip, since).await?;
    if f.by_email >= cfg.login_limit_per_email || f.by_ip >= cfg.login_limit_per_ip {
        tracing::warn!(ip, "sign-in refused: too many failures");
        return Ok(refuse(
            StatusCode::TOO_MANY_REQUESTS,
            WebError::TooManyRequests(cfg.login_window_minutes).to_string(),
        ));
    }
    let user = state.store.user_by_email(&form.email).await?;
    let hash = match &user {
        Some(u) => u.password_hash.clone(),
        None => tokio::task::spawn_blocking(decoy_hash)
            .await
            .unwrap_or_default(),
    };
    let ok = verify_password(form.password.clone(), hash).await && user.is_some();
    state.store.record_attempt(&form.email, &ip, ok).await?;
    let Some(user) = user.filter(|_| ok) else {
        return Ok(refuse(
            StatusCode::UNAUTHORIZED,
            "That email and password do not match an account.".into(),
        ));
    };
    let token = new_token("ls_");
    let expires = ladder_store::now_ms() + cfg.session_hours * 3_600_000;
    state
        .store
        .create_session(&token_hash(&token), user.id, expires)
        .await?;
    let cookie = Cookie::build((SESSION_COOKIE, token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(cfg.secure_cookies)
        .path("/")
        .max_age(time_hours(cfg.session_hours))
        .build();
    Ok((CookieJar::new().add(cookie), Redirect::to("/me")).into_response())
}

fn time_hours(h: i64) -> cookie::time::Duration {
    cookie::time::Duration::hours(h)
}

/// `POST /logout`.
pub async fn logout(
    State(state): State<Arc<AppState>>,
    jar: CookieJar,
) -> Result<Response, PageError> {
    if let Some(c) = jar.get(SESSION_COOKIE) {
        state.store.delete_session(&token_hash(c.value())).await?;
    }
    let jar = jar.remove(Cookie::build((SESSION_COOKIE, "")).path("/"));
    Ok((jar, Redirect::to("/")).into_response())
}

/// `POST /me/evidence`: `text` and any number of `competency` fields.
pub async fn add_evidence(
    State(state): State<Arc<AppState>>,
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
    crate::api::record_evidence(
        &state,
        &u,
        crate::api::EvidenceInput {
            text,
            competencies,
            assessment_id: None,
        },
    )
    .await?;
    Ok(Redirect::to("/me#evidence"))
}

/// The token form.
#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
}

/// `POST /me/tokens`: makes a token and shows it once.
pub async fn create_token(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<TokenForm>,
) -> Result<Html<String>, PageError> {
    let made = crate::api::make_token(&state, &u, &form.name).await?;
    super::assess::me_page(&state, u, &csrf.0, Some(made.token)).await
}

/// `POST /me/tokens/{id}/delete`.
pub async fn delete_token(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Result<Redirect, PageError> {
    if !state.store.delete_token(u.id, id).await? {
        return Err(WebError::NotFound("token").into());
    }
    Ok(Redirect::to("/me#tokens"))
}

/// The change-password form.
#[derive(Deserialize)]
pub struct PasswordForm {
    current: String,
    new: String,
}

/// `POST /me/password`: then sign in again.
pub async fn change_password(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    crate::service::change_password(&state, &u, &form.current, &form.new).await?;
    let jar = jar.remove(Cookie::build((SESSION_COOKIE, "")).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}
