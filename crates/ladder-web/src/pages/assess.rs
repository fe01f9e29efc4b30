//! Assessment pages: my page (latest placement, radar chart, history,
//! evidence, tokens), the assessment form, one assessment's report, and the
//! manager's view of their reports.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::{Html, Redirect};
use axum::{Extension, Form};
use ladder_core::Ladder;
use ladder_core::assess::Levels;
use ladder_render::{Outline, radar_svg};
use ladder_store::model::{Access, ApiToken, Evidence, Status, User};

use crate::access;
use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::{PageError, Problem, WebError};
use crate::service::{self, AssessmentInput, AssessmentView, ReportLine};
use crate::state::AppState;

/// The radar chart of a viewed assessment: ratings against the current and
/// the first next role.
fn radar(ladder: &Ladder, v: &AssessmentView) -> String {
    let levels: Levels = ladder_core::assess::levels(ladder, &v.assessment);
    let mut outlines = vec![Outline {
        role: &v.assessment.role,
        class: "current",
    }];
    if let Some(n) = v.report.next.first() {
        outlines.push(Outline {
            role: &n.role,
            class: "next",
        });
    }
    radar_svg(ladder, &levels, &outlines)
}

#[derive(Template)]
#[template(path = "me.html")]
struct MePage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    subject: User,
    own: bool,
    latest: Option<AssessmentView>,
    latest_radar: String,
    history: Vec<AssessmentView>,
    evidence: Vec<Evidence>,
    competencies: Vec<(String, String)>,
    tokens: Vec<ApiToken>,
    new_token: Option<String>,
}

async fn person_page(
    state: &AppState,
    viewer: User,
    subject: User,
    csrf: &str,
    new_token: Option<String>,
) -> Result<Html<String>, PageError> {
    let own = viewer.id == subject.id;
    let history = service::history(state, &viewer, subject.id).await?;
    let latest = history
        .iter()
        .rev()
        .find(|v| v.row.rater == "self" && v.row.status == Status::Submitted)
        .cloned();
    let latest_radar = match &latest {
        Some(v) => radar(&*service::ladder_of(state, &v.row).await?, v),
        None => String::new(),
    };
    let site = state.site();
    let page = MePage {
        csrf,
        ladder_name: &site.ladder.ladder.name,
        own,
        latest,
        latest_radar,
        history,
        evidence: state.store.evidence_of(subject.id).await?,
        competencies: site
            .ladder
            .competencies
            .items
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect(),
        tokens: if own {
            state.store.tokens(viewer.id).await?
        } else {
            Vec::new()
        },
        new_token,
        subject,
        user: Some(viewer),
    };
    Ok(Html(super::render(&page)))
}

/// My page, optionally showing a token just made.
pub async fn me_page(
    state: &AppState,
    u: User,
    csrf: &str,
    new_token: Option<String>,
) -> Result<Html<String>, PageError> {
    person_page(state, u.clone(), u, csrf, new_token).await
}

/// `GET /me`.
pub async fn me(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    me_page(&state, u, &csrf.0, None).await
}

/// `GET /people/{id}`: a report's page (managers above them, admins).
pub async fn person(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    access::require_manager(&u)?;
    let subject = access::visible_user(&state, &u, id).await?;
    person_page(&state, u, subject, &csrf.0, None).await
}

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
        .map(|i| i.role.clone())
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

/// Reads the assessment form: `role`, `rating.ID`, `evidence.ID`, `action`.
fn read_form(fields: &[(String, String)]) -> Result<AssessmentInput, WebError> {
    let mut input = AssessmentInput {
        role: String::new(),
        ratings: BTreeMap::new(),
        evidence: BTreeMap::new(),
        submit: false,
    };
    for (k, v) in fields {
        if k == "role" {
            input.role = v.clone();
        } else if k == "action" {
            input.submit = v == "submit";
        } else if let Some(c) = k.strip_prefix("rating.") {
            let level = v.parse().map_err(|_| {
                WebError::BadRequest(format!("the rating of `{c}` is `{v}`, not a level"))
            })?;
            input.ratings.insert(c.to_owned(), level);
        } else if let Some(c) = k.strip_prefix("evidence.") {
            input.evidence.insert(c.to_owned(), v.clone());
        }
    }
    Ok(input)
}

/// Shows the form again with the problems, or passes other errors on.
fn refill(
    ladder: &Ladder,
    u: User,
    csrf: &str,
    heading: String,
    action: String,
    input: &AssessmentInput,
    e: WebError,
) -> Result<(axum::http::StatusCode, Html<String>), PageError> {
    match e {
        WebError::Invalid { problems, .. } => Ok((
            axum::http::StatusCode::UNPROCESSABLE_ENTITY,
            Html(form_page(
                ladder,
                u,
                csrf,
                heading,
                action,
                Some(input),
                problems,
            )),
        )),
        other => Err(other.into()),
    }
}

/// `GET /me/assess`.
pub async fn new_form(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Html<String> {
    let site = state.site();
    Html(form_page(
        &site.ladder,
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
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    let input = read_form(&fields)?;
    match service::create_assessment(&state, &u, u.id, &input).await {
        Ok(row) => Ok(Redirect::to(&format!("/assessments/{}", row.id)).into_response()),
        Err(e) => Ok(refill(
            &state.site().ladder,
            u,
            &csrf.0,
            "Self-assessment".into(),
            "/me/assess".into(),
            &input,
            e,
        )?
        .into_response()),
    }
}

/// `GET /people/{id}/assess`.
pub async fn rate_form(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    if !access::can_rate(&state, &u, id).await? {
        return Err(WebError::NotFound("person").into());
    }
    let subject = access::visible_user(&state, &u, id).await?;
    let site = state.site();
    let mut prefill = None;
    let input;
    if let Some(role) = subject.ladder_role.clone() {
        input = AssessmentInput {
            role,
            ratings: BTreeMap::new(),
            evidence: BTreeMap::new(),
            submit: false,
        };
        prefill = Some(&input);
    }
    Ok(Html(form_page(
        &site.ladder,
        u,
        &csrf.0,
        format!("Manager assessment of {}", subject.name),
        format!("/people/{id}/assess"),
        prefill,
        Vec::new(),
    )))
}

/// `POST /people/{id}/assess`.
pub async fn rate(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    if id == u.id || !access::can_rate(&state, &u, id).await? {
        return Err(WebError::NotFound("person").into());
    }
    let input = read_form(&fields)?;
    match service::create_assessment(&state, &u, id, &input).await {
        Ok(row) => Ok(Redirect::to(&format!("/assessments/{}", row.id)).into_response()),
        Err(e) => Ok(refill(
            &state.site().ladder,
            u,
            &csrf.0,
            "Manager assessment".into(),
            format!("/people/{id}/assess"),
            &input,
            e,
        )?
        .into_response()),
    }
}

#[derive(Template)]
#[template(path = "assessment.html")]
struct ShowPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    v: AssessmentView,
    radar: String,
    editable: bool,
}

/// `GET /assessments/{id}`.
pub async fn show(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    let v = service::view_assessment(&state, &u, id).await?;
    let ladder = service::ladder_of(&state, &v.row).await?;
    let name = ladder.ladder.name.clone();
    let page = ShowPage {
        radar: radar(&ladder, &v),
        editable: v.row.status == Status::Draft && v.row.author_id == u.id,
        csrf: &csrf.0,
        ladder_name: &name,
        v,
        user: Some(u),
    };
    Ok(Html(super::render(&page)))
}

/// `GET /assessments/{id}/edit`: a draft, in the form.
pub async fn edit_form(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    let v = service::view_assessment(&state, &u, id).await?;
    if v.row.status != Status::Draft || v.row.author_id != u.id {
        return Err(WebError::Conflict(
            "only the author's drafts can be edited; submitted assessments are frozen".into(),
        )
        .into());
    }
    let ladder = service::ladder_of(&state, &v.row).await?;
    let input = AssessmentInput {
        role: v.assessment.role.clone(),
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
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<axum::response::Response, PageError> {
    use axum::response::IntoResponse;
    let input = read_form(&fields)?;
    match service::update_assessment(&state, &u, id, &input).await {
        Ok(row) => Ok(Redirect::to(&format!("/assessments/{}", row.id)).into_response()),
        Err(e) => {
            let ladder = match state.store.assessment(id).await? {
                Some(row) => service::ladder_of(&state, &row).await?,
                None => state.site().ladder.clone(),
            };
            Ok(refill(
                &ladder,
                u,
                &csrf.0,
                "Draft".into(),
                format!("/assessments/{id}"),
                &input,
                e,
            )?
            .into_response())
        }
    }
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    everyone: bool,
    lines: Vec<ReportLine>,
}

/// `GET /team`.
pub async fn team(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    let lines = service::team(&state, &u).await?;
    let name = state.site().ladder.ladder.name.clone();
    Ok(Html(super::render(&TeamPage {
        everyone: u.access == Access::Admin,
        user: Some(u),
        csrf: &csrf.0,
        ladder_name: &name,
        lines,
    })))
}
