//! One-time link pages: `/welcome/{token}` (an invite: choose a first
//! password) and `/reset/{token}` (choose a new one), and `/forgot` (ask
//! for a reset link by email). A link that works shows whose it is and a
//! password form; one that does not says why (used, expired, unknown) and
//! how to get another. A good password signs the person in.
//!
//! These pages carry a secret in their address, so they tell the browser
//! to send only the origin as `Referer` (`Referrer-Policy: origin`), not
//! even the path to the app's own stylesheet. (`no-referrer` would also
//! make the browser send `Origin: null` with the form, which the CSRF
//! check rightly refuses.)

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Form};
use ladder_app::AppError;
use ladder_app::invites::LinkView;
use ladder_store::model::{LinkPurpose, User};
use serde::Deserialize;

use crate::csrf::CsrfToken;
use crate::error::PageError;
use crate::state::WebState;

#[derive(Template)]
#[template(path = "choose_password.html")]
struct ChoosePage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    heading: &'static str,
    intro: String,
    email: String,
    action: String,
    refused: Option<String>,
    error: Option<String>,
}

fn origin_only_referrer(mut r: Response) -> Response {
    r.headers_mut()
        .insert(header::REFERRER_POLICY, HeaderValue::from_static("origin"));
    r
}

async fn choose_page(
    state: &WebState,
    csrf: &str,
    purpose: LinkPurpose,
    token: &str,
    error: Option<String>,
) -> Result<Response, PageError> {
    let view = state.app.link_view(purpose, token).await?;
    let (heading, path) = match purpose {
        LinkPurpose::Invite => ("Welcome", "welcome"),
        LinkPurpose::Reset => ("Choose a new password", "reset"),
    };
    let (intro, email, refused) = match view {
        LinkView::Valid { name, email } => {
            let intro = match purpose {
                LinkPurpose::Invite => {
                    format!("{name}, choose the password you will sign in with as {email}.")
                }
                LinkPurpose::Reset => format!(
                    "{name}, choose a new password for {email}. Your other sessions end when you save it."
                ),
            };
            (intro, email, None)
        }
        LinkView::Refused(why) => (String::new(), String::new(), Some(why)),
    };
    let status = match (&refused, &error) {
        (Some(_), _) => StatusCode::GONE,
        (None, Some(_)) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    let page = ChoosePage {
        user: None,
        csrf,
        ladder_name: &state.ladder_name(),
        heading,
        intro,
        email,
        action: format!("/{path}/{token}"),
        refused,
        error,
    };
    Ok(origin_only_referrer(
        (status, Html(super::render(&page))).into_response(),
    ))
}

/// `GET /welcome/{token}`.
pub async fn welcome(
    State(state): State<Arc<WebState>>,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    choose_page(&state, &csrf.0, LinkPurpose::Invite, &token, None).await
}

/// `GET /reset/{token}`.
pub async fn reset(
    State(state): State<Arc<WebState>>,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    choose_page(&state, &csrf.0, LinkPurpose::Reset, &token, None).await
}

/// The password form.
#[derive(Deserialize)]
pub struct PasswordForm {
    password: String,
    again: String,
}

async fn choose(
    state: &WebState,
    csrf: &str,
    purpose: LinkPurpose,
    token: &str,
    f: PasswordForm,
) -> Result<Response, PageError> {
    if f.password != f.again {
        let error = "the two passwords differ; type the same one twice".to_owned();
        return choose_page(state, csrf, purpose, token, Some(error)).await;
    }
    match state.app.redeem_link(purpose, token, &f.password).await {
        Ok(session) => Ok(origin_only_referrer(super::account::signed_in(
            state, session,
        ))),
        Err(AppError::BadRequest(why)) => choose_page(state, csrf, purpose, token, Some(why)).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /welcome/{token}`.
pub async fn welcome_choose(
    State(state): State<Arc<WebState>>,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, PageError> {
    choose(&state, &csrf.0, LinkPurpose::Invite, &token, f).await
}

/// `POST /reset/{token}`.
pub async fn reset_choose(
    State(state): State<Arc<WebState>>,
    Extension(csrf): Extension<CsrfToken>,
    Path(token): Path<String>,
    Form(f): Form<PasswordForm>,
) -> Result<Response, PageError> {
    choose(&state, &csrf.0, LinkPurpose::Reset, &token, f).await
}

#[derive(Template)]
#[template(path = "forgot.html")]
struct ForgotPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    sends_mail: bool,
    notice: Option<String>,
    error: Option<String>,
    email: String,
}

fn forgot_page(
    state: &WebState,
    csrf: &str,
    notice: Option<String>,
    error: Option<String>,
    email: String,
) -> Response {
    let status = if error.is_some() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::OK
    };
    let page = ForgotPage {
        user: None,
        csrf,
        ladder_name: &state.ladder_name(),
        sends_mail: state.app.sends_mail(),
        notice,
        error,
        email,
    };
    (status, Html(super::render(&page))).into_response()
}

/// `GET /forgot`.
pub async fn forgot_form(
    State(state): State<Arc<WebState>>,
    Extension(csrf): Extension<CsrfToken>,
) -> Response {
    forgot_page(&state, &csrf.0, None, None, String::new())
}

/// The forgot-password form.
#[derive(Deserialize)]
pub struct ForgotForm {
    email: String,
}

/// `POST /forgot`: the same answer whether or not the email has an account.
pub async fn forgot(
    State(state): State<Arc<WebState>>,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<ForgotForm>,
) -> Result<Response, PageError> {
    match state.app.request_reset(&f.email).await {
        Ok(()) => Ok(forgot_page(
            &state,
            &csrf.0,
            Some(format!(
                "If {} is the email of an account here, a link to choose a new password is on its way to it. It works once, for an hour.",
                f.email.trim()
            )),
            None,
            String::new(),
        )),
        Err(AppError::BadRequest(why)) => {
            Ok(forgot_page(&state, &csrf.0, None, Some(why), f.email))
        }
        Err(e) => Err(e.into()),
    }
}
