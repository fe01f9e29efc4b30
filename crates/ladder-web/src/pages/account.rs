//! Signing in and out, evidence, API tokens and the password, from the "My
//! assessments" page. The rules (rate limits, sessions, hashing) are the
//! application's; this reads forms, sets cookies and picks the page to show.

use std::net::SocketAddr;
use std::sync::Arc;

use askama::Template;
use axum::extract::{ConnectInfo, Path, State};
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
    Html(super::render(&LoginPage {
        user: None,
        csrf: &csrf.0,
        ladder_name: &state.ladder_name(),
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

fn client_ip(state: &WebState, headers: &HeaderMap, peer: Option<SocketAddr>) -> String {
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
    State(state): State<Arc<WebState>>,
    headers: HeaderMap,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<Credentials>,
) -> Result<Response, PageError> {
    let ip = client_ip(&state, &headers, peer.map(|Extension(ConnectInfo(a))| a));
    let refuse = |status: StatusCode, message: String| {
        let page = LoginPage {
            user: None,
            csrf: &csrf.0,
            ladder_name: &state.ladder_name(),
            error: Some(message),
            email: &form.email,
        };
        (status, Html(super::render(&page))).into_response()
    };
    let session = match state.app.sign_in(&form.email, &form.password, &ip).await {
        Ok(s) => s,
        Err(e @ AppError::TooManyRequests(_)) => {
            return Ok(refuse(StatusCode::TOO_MANY_REQUESTS, e.to_string()));
        }
        Err(AppError::Unauthorized) => {
            return Ok(refuse(
                StatusCode::UNAUTHORIZED,
                "That email and password do not match an account.".into(),
            ));
        }
        Err(e) => return Err(e.into()),
    };
    let cookie = Cookie::build((SESSION_COOKIE, session.token))
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.config.secure_cookies)
        .path("/")
        .max_age(cookie::time::Duration::hours(session.hours))
        .build();
    Ok((CookieJar::new().add(cookie), Redirect::to("/me")).into_response())
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

/// The token form.
#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
}

/// `POST /me/tokens`: makes a token and shows it once.
pub async fn create_token(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(form): Form<TokenForm>,
) -> Result<Html<String>, PageError> {
    let made = state.app.make_token(&u, &form.name).await?;
    super::assess::me_page(&state, u, &csrf.0, Some(made.token)).await
}

/// `POST /me/tokens/{id}/delete`.
pub async fn delete_token(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Result<Redirect, PageError> {
    state.app.revoke_token(&u, id).await?;
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
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    state
        .app
        .change_own_password(&u, &form.current, &form.new)
        .await?;
    let jar = jar.remove(Cookie::build((SESSION_COOKIE, "")).path("/"));
    Ok((jar, Redirect::to("/login")).into_response())
}
