//! Sign-in through the company's OpenID provider: `GET /auth/sso` (the
//! sign-in page's button, a link) sends the browser there, and
//! `GET /auth/sso/callback` is where the provider sends it back. The checks are the application's ([`ladder_app::sso`]); this sets
//! and reads the cookie that ties a sign-in to the browser that began it,
//! and shows a refusal on the sign-in page, in words.
//!
//! The cookie is `SameSite=Lax`: the provider's redirect back is a
//! top-level navigation from another site, on which Lax cookies are sent
//! and Strict ones are not. It lives ten minutes and only under `/auth/sso`.
//!
//! The button is a link, not a form: the page's `form-action 'self'`
//! policy would stop a form's redirect to the provider, and starting a
//! sign-in grants nothing (it only signs a browser in as whoever then signs
//! in at the provider, in that same browser).

use std::sync::Arc;

use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use ladder_app::sso::SsoCallback;
use serde::Deserialize;

use crate::csrf::CsrfToken;
use crate::error::WebError;
use crate::state::WebState;

/// The cookie that ties a sign-in at the provider to this browser.
const SSO_COOKIE: &str = "ladder_sso";
const SSO_PATH: &str = "/auth/sso";

fn refused(state: &WebState, csrf: &str, e: ladder_app::AppError) -> Response {
    let e = WebError::from(e);
    let status = e.status();
    if status == StatusCode::INTERNAL_SERVER_ERROR {
        tracing::error!("single sign-on: {e}");
        return crate::error::PageError(e).into_response();
    }
    super::account::login_page(state, csrf, status, Some(e.to_string()), "")
}

/// `GET /auth/sso`: off to the provider.
pub async fn begin(
    State(state): State<Arc<WebState>>,
    Extension(csrf): Extension<CsrfToken>,
) -> Response {
    match state.app.begin_sso().await {
        Ok(start) => {
            let cookie = Cookie::build((SSO_COOKIE, start.browser_secret))
                .http_only(true)
                .same_site(SameSite::Lax)
                .secure(state.config.secure_cookies)
                .path(SSO_PATH)
                .max_age(cookie::time::Duration::minutes(10))
                .build();
            (CookieJar::new().add(cookie), Redirect::to(&start.url)).into_response()
        }
        Err(e) => refused(&state, &csrf.0, e),
    }
}

/// What the provider puts in the callback's query string.
#[derive(Deserialize)]
pub struct Back {
    state: Option<String>,
    code: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
    iss: Option<String>,
}

/// `GET /auth/sso/callback`: back from the provider.
pub async fn callback(
    State(state): State<Arc<WebState>>,
    Extension(csrf): Extension<CsrfToken>,
    jar: CookieJar,
    Query(back): Query<Back>,
) -> Response {
    let browser = jar.get(SSO_COOKIE).map(|c| c.value().to_owned());
    let back = SsoCallback {
        state: back.state,
        code: back.code,
        error: back.error,
        error_description: back.error_description,
        iss: back.iss,
    };
    let gone = Cookie::build((SSO_COOKIE, "")).path(SSO_PATH).build();
    match state.app.finish_sso(back, browser.as_deref()).await {
        // The sign-in cookie has done its work either way.
        Ok(session) => super::account::signed_in_with(&state, session, jar.remove(gone)),
        Err(e) => {
            let page = refused(&state, &csrf.0, e);
            (jar.remove(gone), page).into_response()
        }
    }
}
