//! The roster import page (`/admin/people/import`): upload an HR export,
//! read what it would change, then write it.
//!
//! The upload is staged in the database and the plan page names it by id
//! (with the people version the plan was made against), so the file is sent
//! once, any instance can write it, and the write is exactly the plan that
//! was read: if people changed in between, the new plan is shown instead.
//! Long lists are cut to their first rows; the CLI's JSON and the API have
//! everyone.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use ladder_app::AppError;
use ladder_app::import::{ImportChoice, ImportReport};
use ladder_core::Ladder;
use ladder_core::roster::import::{FieldChange, Planned, What};
use ladder_store::model::User;
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::{PageError, WebError};
use crate::html::role_title;
use crate::state::WebState;

/// Rows shown per list.
const SHOWN: usize = 100;

/// One list of the plan: its rows as (row, person, detail).
struct ListView {
    title: &'static str,
    detail: &'static str,
    total: usize,
    rows: Vec<(String, String, String)>,
}

/// The plan as the page shows it.
struct PlanView {
    headline: String,
    applied: bool,
    can_apply: bool,
    staged: i64,
    version: i64,
    deactivate_missing: bool,
    blocking: Vec<(u64, &'static str, String)>,
    warnings: Vec<(u64, &'static str, String)>,
    lists: Vec<ListView>,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    error: Option<String>,
    plan: Option<PlanView>,
    deactivate_missing: bool,
}

/// A roster column in words.
fn column(field: &str) -> &'static str {
    match field {
        "name" => "Name",
        "first_name" => "First name",
        "last_name" => "Last name",
        "email" => "Email",
        "employee_id" => "Employee number",
        "title" => "Title",
        "manager" => "Manager",
        "team" => "Team",
        "department" => "Department",
        "start_date" => "Start date",
        _ => "Row",
    }
}

fn who(p: &Planned) -> String {
    format!("{} <{}>", p.name, p.email)
}

fn value(ladder: &Ladder, c: &FieldChange, v: Option<&String>) -> String {
    match (c.field, v) {
        (_, None) => "none".to_owned(),
        (What::Role, Some(id)) => role_title(ladder, id),
        (_, Some(v)) => v.clone(),
    }
}

fn list(
    title: &'static str,
    detail: &'static str,
    items: Vec<(String, String, String)>,
) -> Option<ListView> {
    (!items.is_empty()).then(|| ListView {
        title,
        detail,
        total: items.len(),
        rows: items.into_iter().take(SHOWN).collect(),
    })
}

fn view(report: &ImportReport, ladder: &Ladder, staged: i64, deactivate: bool) -> PlanView {
    let s = &report.summary;
    let plan = &report.plan;
    let headline = if report.applied {
        format!(
            "Imported: {} added, {} changed, {} deactivated, {} unchanged; {} roles to confirm.",
            s.added, s.changed, s.deactivated, s.unchanged, s.to_confirm
        )
    } else if plan.is_empty() && s.blocking == 0 {
        format!(
            "Nothing to change: the {} people of the file are already in the app as the file has them.",
            s.unchanged
        )
    } else {
        format!(
            "{}: {} to add, {} to change, {} to deactivate, {} as they are; {} roles to confirm. Nothing has been written yet.",
            ladder_app::import::rows(s.rows),
            s.added,
            s.changed,
            s.deactivated,
            s.unchanged,
            s.to_confirm
        )
    };
    let problems = |left_out: bool| {
        plan.problems
            .iter()
            .filter(|p| p.left_out == left_out)
            .map(|p| (p.row, column(p.field), p.message.clone()))
            .collect::<Vec<_>>()
    };
    let role_words = |p: &Planned| match (&p.role, &p.to_confirm) {
        (Some(r), _) => role_title(ladder, r),
        (None, Some(_)) => "role to confirm".to_owned(),
        (None, None) => "no role on the ladder".to_owned(),
    };
    let added = plan
        .added()
        .map(|p| {
            let title = p.title.clone().unwrap_or_default();
            (
                p.row.to_string(),
                who(p),
                format!("{title} — {}", role_words(p)),
            )
        })
        .collect();
    let changed = plan
        .changed()
        .map(|p| {
            let what = p
                .changes
                .iter()
                .map(|c| {
                    format!(
                        "{}: {} → {}",
                        c.field.label(),
                        value(ladder, c, c.before.as_ref()),
                        value(ladder, c, c.after.as_ref())
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            (p.row.to_string(), who(p), what)
        })
        .collect();
    let leaving = plan
        .leaving
        .iter()
        .map(|l| {
            (
                "—".to_owned(),
                format!("{} <{}>", l.name, l.email),
                "not in the file".to_owned(),
            )
        })
        .collect();
    let confirm = plan
        .to_confirm()
        .map(|p| {
            let g = p.to_confirm.as_ref().expect("listed for its guess");
            let title = p.title.clone().unwrap_or_default();
            (
                p.row.to_string(),
                who(p),
                format!(
                    "{title}: {}? ({} % sure)",
                    role_title(ladder, &g.role),
                    g.confidence
                ),
            )
        })
        .collect();
    let (added_title, changed_title, leaving_title) = if report.applied {
        ("Added", "Changed", "Deactivated")
    } else {
        ("To add", "To change", "To deactivate")
    };
    PlanView {
        headline,
        applied: report.applied,
        can_apply: !report.applied && s.blocking == 0 && !plan.is_empty(),
        staged,
        version: report.people_version,
        deactivate_missing: deactivate,
        blocking: problems(true),
        warnings: problems(false),
        lists: [
            list(added_title, "Title and role", added),
            list(changed_title, "What changes", changed),
            list(leaving_title, "Why", leaving),
            list(
                "Roles to confirm after the import",
                "Title and best guess",
                confirm,
            ),
        ]
        .into_iter()
        .flatten()
        .collect(),
    }
}

fn page(
    state: &WebState,
    u: User,
    csrf: &str,
    plan: Option<PlanView>,
    error: Option<WebError>,
    deactivate_missing: bool,
) -> Response {
    let in_force = state.app.ladder();
    let status = error.as_ref().map_or(StatusCode::OK, WebError::status);
    let page = ImportPage {
        user: Some(u),
        csrf,
        ladder_name: &in_force.ladder.ladder.name,
        error: error.map(|e| e.to_string()),
        plan,
        deactivate_missing,
    };
    (status, Html(super::render(&page))).into_response()
}

/// `GET /admin/people/import`.
pub async fn form(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, PageError> {
    state.app.may_import(ladder_app::Actor::User(&u))?;
    Ok(page(&state, u, &csrf.0, None, None, false))
}

/// `POST /admin/people/import` (multipart: `file`, `deactivate_missing`):
/// stages the file and sends the browser to its plan.
pub async fn upload(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        WebError::Unreadable(format!(
            "the upload could not be read ({}); a roster may be at most {} MB",
            e.body_text(),
            crate::api::ROSTER_LIMIT >> 20
        ))
    };
    let (mut name, mut bytes, mut deactivate) = (String::new(), Vec::new(), false);
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or("") {
            "file" => {
                name = field.file_name().unwrap_or("roster").to_owned();
                bytes = field.bytes().await.map_err(unreadable)?.to_vec();
            }
            "deactivate_missing" => deactivate = field.text().await.map_err(unreadable)? == "true",
            _ => {}
        }
    }
    match state.app.stage_roster(&u, &name, &bytes).await {
        Ok(id) => Ok(Redirect::to(&format!(
            "/admin/people/import/{id}?deactivate_missing={deactivate}"
        ))
        .into_response()),
        Err(e) => Ok(page(&state, u, &csrf.0, None, Some(e.into()), deactivate)),
    }
}

/// `?deactivate_missing=`.
#[derive(Debug, Default, Deserialize)]
pub struct PlanQuery {
    #[serde(default)]
    deactivate_missing: String,
}

async fn planned(
    state: &WebState,
    u: User,
    csrf: &str,
    id: i64,
    choice: ImportChoice,
    error: Option<WebError>,
) -> Result<Response, PageError> {
    let deactivate = choice.deactivate_missing;
    let (_, report) = state.app.import_staged(&u, id, choice).await?;
    let ladder = state.app.ladder().ladder.clone();
    let plan = view(&report, &ladder, id, deactivate);
    Ok(page(state, u, csrf, Some(plan), error, deactivate))
}

/// `GET /admin/people/import/{id}`: the plan of a staged roster.
pub async fn plan(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Query(q): Query<PlanQuery>,
) -> Result<Response, PageError> {
    let choice = ImportChoice {
        deactivate_missing: q.deactivate_missing == "true",
        ..ImportChoice::default()
    };
    planned(&state, u, &csrf.0, id, choice, None).await
}

/// The write form.
#[derive(Debug, Deserialize)]
pub struct ApplyForm {
    planned_against: i64,
    #[serde(default)]
    deactivate_missing: String,
}

/// `POST /admin/people/import/{id}`: writes the plan that was read.
pub async fn apply(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<ApplyForm>,
) -> Result<Response, PageError> {
    let deactivate = f.deactivate_missing == "true";
    let choice = ImportChoice {
        apply: true,
        deactivate_missing: deactivate,
        planned_against: Some(f.planned_against),
        ..ImportChoice::default()
    };
    match state.app.import_staged(&u, id, choice).await {
        Ok((_, report)) => {
            let ladder = state.app.ladder().ladder.clone();
            let plan = view(&report, &ladder, id, deactivate);
            Ok(page(&state, u, &csrf.0, Some(plan), None, deactivate))
        }
        Err(e @ AppError::Conflict(_)) => {
            // People changed since the plan was read: show the new one.
            let choice = ImportChoice {
                deactivate_missing: deactivate,
                ..ImportChoice::default()
            };
            planned(&state, u, &csrf.0, id, choice, Some(e.into())).await
        }
        Err(e) => Err(e.into()),
    }
}
