//! Account settings (`/me/account`): API tokens and the password, on their
//! own page so that "My growth" is about growth. A refused password change
//! comes back here with the reason, not on an error page.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::Cookie;
use ladder_app::AppError;
use ladder_store::model::{ApiToken, User};
use serde::Deserialize;

use crate::auth::{SESSION_COOKIE, SignedIn};
use crate::csrf::CsrfToken;
use crate::error::PageError;
use crate::state::WebState;

#[derive(Template)]
#[template(path = "settings.html")]
struct SettingsPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    tokens: Vec<ApiToken>,
    new_token: Option<String>,
    error: Option<String>,
    /// Set when passwords are off: who people sign in with instead.
    sso_only: Option<String>,
}

async fn page(
    state: &WebState,
    u: User,
    csrf: &str,
    new_token: Option<String>,
    error: Option<String>,
) -> Result<Html<String>, PageError> {
    let tokens = state.app.tokens(&u).await?;
    let name = state.ladder_name();
    Ok(Html(super::render(&SettingsPage {
        user: Some(u),
        csrf,
        ladder_name: &name,
        tokens,
        new_token,
        error,
        sso_only: state.app.sso_info().filter(|s| s.only).map(|s| s.label),
    })))
}

/// `GET /me/account`.
pub async fn show(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    page(&state, u, &csrf.0, None, None).await
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
    page(&state, u, &csrf.0, Some(made.token), None).await
}

/// `POST /me/tokens/{id}/delete`.
pub async fn delete_token(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Result<Redirect, PageError> {
    state.app.revoke_token(&u, id).await?;
    Ok(Redirect::to("/me/account#tokens"))
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
    Extension(csrf): Extension<CsrfToken>,
    jar: CookieJar,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    match state
        .app
        .change_own_password(&u, &form.current, &form.new)
        .await
    {
        Ok(()) => {
            let jar = jar.remove(Cookie::build((SESSION_COOKIE, "")).path("/"));
            Ok((jar, Redirect::to("/login")).into_response())
        }
        Err(AppError::BadRequest(why)) => {
            let message = format!("Not changed: {why}.");
            let html = page(&state, u, &csrf.0, None, Some(message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
