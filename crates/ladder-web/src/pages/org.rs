//! The org page (`/admin/org`): the shape of the org from the people in
//! the app — the report `ladder org` makes from an HR export, with the same
//! charts and flags (both come from `ladder-render`). A company size that
//! names no profile is shown as an error above the report at the default
//! size, with what was typed kept in the box.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Query, State};
use axum::response::Html;
use ladder_app::{Actor, AppError};
use ladder_store::model::User;
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::PageError;
use crate::state::WebState;

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    /// The company size as typed.
    size: String,
    /// Why the typed size could not be used.
    error: Option<String>,
    /// Who was counted against which size, in a sentence.
    people: usize,
    /// The report's body (sections, charts, tables).
    body: String,
}

/// `?company_size=`.
#[derive(Debug, Default, Deserialize)]
pub struct OrgQuery {
    #[serde(default)]
    company_size: String,
}

/// `GET /admin/org?company_size=`.
pub async fn page(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(q): Query<OrgQuery>,
) -> Result<Html<String>, PageError> {
    let asked = q.company_size.trim();
    let (report, error) = match state
        .app
        .org_report(Actor::User(&u), Some(asked).filter(|s| !s.is_empty()))
        .await
    {
        Ok(r) => (r, None),
        Err(AppError::BadRequest(why)) if !asked.is_empty() => (
            state.app.org_report(Actor::User(&u), None).await?,
            Some(why),
        ),
        Err(e) => return Err(e.into()),
    };
    let in_force = state.app.ladder();
    Ok(Html(super::render(&OrgPage {
        user: Some(u),
        csrf: &csrf.0,
        ladder_name: &in_force.ladder.ladder.name,
        size: q.company_size.clone(),
        error,
        people: report.people,
        body: ladder_render::org_body_html(&report),
    })))
}
