//! The assessment form: a new self-assessment, a manager's assessment of a
//! report, and editing a draft. A form with problems comes back filled in,
//! with each problem next to its field's name.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use ladder_app::assessments::{AssessmentInput, AssessmentView};
use ladder_app::{AppError, Problem};
use ladder_core::Ladder;
use ladder_core::model::RoleId;
use ladder_store::model::User;

use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::PageError;
use crate::state::WebState;

struct FormItem {
    id: String,
    name: String,
    summary: String,
    value: u8,
    evidence: String,
}

struct FormArea {
    name: String,
    items: Vec<FormItem>,
}

#[derive(Template)]
#[template(path = "assess_form.html")]
struct FormPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    heading: String,
    action: String,
    role: String,
    roles: Vec<(String, String)>,
    areas: Vec<FormArea>,
    levels: Vec<(u8, String)>,
    scale_text: String,
    problems: Vec<Problem>,
}

/// The form for `ladder`, filled with `input` when given.
fn form_page(
    ladder: &Ladder,
    user: User,
    csrf: &str,
    heading: String,
    action: String,
    input: Option<&AssessmentInput>,
    problems: Vec<Problem>,
) -> String {
    let m = &ladder.competencies;
    let role = input
        .map(|i| i.role.to_string())
        .or_else(|| user.ladder_role.clone())
        .unwrap_or_else(|| "pm".to_owned());
    let areas = m
        .areas
        .iter()
        .map(|a| FormArea {
            name: a.name.clone(),
            items: m
                .items
                .iter()
                .filter(|c| c.area == a.id)
                .map(|c| FormItem {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    summary: c.summary.text.clone(),
                    value: input
                        .and_then(|i| i.ratings.get(&c.id).copied())
                        .or_else(|| c.expectations.get(role.as_str()).copied())
                        .unwrap_or(0),
                    evidence: input
                        .and_then(|i| i.evidence.get(&c.id).cloned())
                        .unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    let levels: Vec<(u8, String)> = m.scale.iter().map(|s| (s.level, s.name.clone())).collect();
    super::render(&FormPage {
        user: Some(user),
        csrf,
        ladder_name: &ladder.ladder.name,
        heading,
        action,
        role,
        roles: ladder
            .roles
            .iter()
            .filter(|r| {
                m.items
                    .iter()
                    .all(|c| c.expectations.contains_key(r.id.as_str()))
            })
            .map(|r| (r.id.to_string(), r.title.clone()))
            .collect(),
        areas,
        scale_text: levels
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(", "),
        levels,
        problems,
    })
}

/// After a form is stored: the assessment's page, or the form again, filled
/// in, with the problems next to their fields (other errors pass on).
fn answer(
    result: Result<AssessmentView, AppError>,
    ladder: &Ladder,
    u: User,
    csrf: &str,
    heading: String,
    action: String,
    input: &AssessmentInput,
) -> Result<Response, PageError> {
    match result {
        Ok(v) => Ok(Redirect::to(&format!("/assessments/{}", v.id)).into_response()),
        Err(AppError::Invalid { problems, .. }) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(form_page(
                ladder,
                u,
                csrf,
                heading,
                action,
                Some(input),
                problems,
            )),
        )
            .into_response()),
        Err(other) => Err(other.into()),
    }
}

/// `GET /me/assess`.
pub async fn new_form(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Html<String> {
    let in_force = state.app.ladder();
    Html(form_page(
        &in_force.ladder,
        u,
        &csrf.0,
        "Self-assessment".into(),
        "/me/assess".into(),
        None,
        Vec::new(),
    ))
}

/// `POST /me/assess`.
pub async fn create(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = crate::forms::assessment_fields(&fields)?;
    let result = state.app.create_assessment(&u, u.id, &input).await;
    let ladder = state.app.ladder().ladder.clone();
    answer(
        result,
        &ladder,
        u,
        &csrf.0,
        "Self-assessment".into(),
        "/me/assess".into(),
        &input,
    )
}

/// `GET /people/{id}/assess`.
pub async fn rate_form(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    let subject = state.app.rateable(&u, id).await?;
    let in_force = state.app.ladder();
    let prefill = subject.ladder_role.as_deref().map(|role| AssessmentInput {
        role: RoleId::from(role),
        ratings: BTreeMap::new(),
        evidence: BTreeMap::new(),
        submit: false,
    });
    Ok(Html(form_page(
        &in_force.ladder,
        u,
        &csrf.0,
        format!("Manager assessment of {}", subject.name),
        format!("/people/{id}/assess"),
        prefill.as_ref(),
        Vec::new(),
    )))
}

/// `POST /people/{id}/assess`.
pub async fn rate(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    state.app.rateable(&u, id).await?;
    let input = crate::forms::assessment_fields(&fields)?;
    let result = state.app.create_assessment(&u, id, &input).await;
    let ladder = state.app.ladder().ladder.clone();
    let action = format!("/people/{id}/assess");
    answer(
        result,
        &ladder,
        u,
        &csrf.0,
        "Manager assessment".into(),
        action,
        &input,
    )
}

/// `GET /assessments/{id}/edit`: a draft, in the form.
pub async fn edit_form(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    let v = state.app.assessment(&u, id).await?;
    if v.submitted() || v.author_id != u.id {
        return Err(AppError::Conflict(
            "only the author's drafts can be edited; submitted assessments are frozen".into(),
        )
        .into());
    }
    let ladder = state.app.ladder_version(v.ladder_id).await?;
    let input = AssessmentInput {
        role: RoleId::from(v.assessment.role.as_str()),
        ratings: v
            .assessment
            .ratings
            .iter()
            .map(|(k, r)| (k.clone(), r.level))
            .collect(),
        evidence: v
            .assessment
            .ratings
            .iter()
            .filter_map(|(k, r)| r.evidence.first().map(|e| (k.clone(), e.clone())))
            .collect(),
        submit: false,
    };
    Ok(Html(form_page(
        &ladder,
        u,
        &csrf.0,
        format!("Draft of {}", v.assessment.date),
        format!("/assessments/{id}"),
        Some(&input),
        Vec::new(),
    )))
}

/// `POST /assessments/{id}`: saves or submits a draft.
pub async fn update(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = crate::forms::assessment_fields(&fields)?;
    let result = state.app.update_assessment(&u, id, &input).await;
    // A draft with problems is shown again under the ladder it was started on.
    let mut ladder = state.app.ladder().ladder.clone();
    if let Err(AppError::Invalid { .. }) = &result {
        let draft = state.app.assessment(&u, id).await?;
        ladder = state.app.ladder_version(draft.ladder_id).await?;
    }
    let action = format!("/assessments/{id}");
    answer(result, &ladder, u, &csrf.0, "Draft".into(), action, &input)
}
