//! The admin page: upload a ladder (errors shown with their line and
//! column), add and change users, add teams, read the audit log.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use ladder_store::model::{AuditEntry, LadderVersion, Team, User};
use serde::Deserialize;

use crate::access;
use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::{PageError, Problem, WebError};
use crate::service::{self, UserChange, UserInput};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "admin.html")]
struct AdminPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    notice: Option<String>,
    warnings: Vec<Problem>,
    problem_summary: String,
    problems: Vec<Problem>,
    active_id: i64,
    active_name: String,
    active_label: String,
    ladders: Vec<LadderVersion>,
    users: Vec<User>,
    teams: Vec<Team>,
    roles: Vec<(String, String)>,
    audit: Vec<(String, AuditEntry)>,
}

async fn render_page(
    state: &AppState,
    u: User,
    csrf: &str,
    notice: Option<String>,
    error: Option<WebError>,
) -> Result<Response, PageError> {
    render_with_warnings(state, u, csrf, notice, error, Vec::new()).await
}

async fn render_with_warnings(
    state: &AppState,
    u: User,
    csrf: &str,
    notice: Option<String>,
    error: Option<WebError>,
    warnings: Vec<Problem>,
) -> Result<Response, PageError> {
    access::require_admin(&u)?;
    let site = state.site();
    let (status, summary, problems) = match error {
        Some(WebError::Invalid { summary, problems }) => {
            (StatusCode::UNPROCESSABLE_ENTITY, summary, problems)
        }
        Some(e) => (
            e.status(),
            e.to_string(),
            vec![Problem {
                at: String::new(),
                message: e.to_string(),
            }],
        ),
        None => (StatusCode::OK, String::new(), Vec::new()),
    };
    let page = AdminPage {
        csrf,
        ladder_name: &site.ladder.ladder.name,
        notice,
        warnings,
        problem_summary: summary,
        problems,
        active_id: site.version.id,
        active_name: site.version.name.clone(),
        active_label: site.version.label.clone(),
        ladders: state.store.ladders().await?,
        users: state.store.users().await?,
        teams: state.store.teams().await?,
        roles: site
            .ladder
            .roles
            .iter()
            .map(|r| (r.id.to_string(), r.title.clone()))
            .collect(),
        audit: state
            .store
            .audit_log(50)
            .await?
            .into_iter()
            .map(|a| (crate::clock::date_of(a.at), a))
            .collect(),
        user: Some(u),
    };
    Ok((status, Html(super::render(&page))).into_response())
}

/// The admin page after a change: its notice, or its error.
async fn after(
    state: &AppState,
    u: User,
    csrf: &str,
    outcome: Result<String, WebError>,
) -> Result<Response, PageError> {
    match outcome {
        Ok(notice) => render_page(state, u, csrf, Some(notice), None).await,
        Err(e) => render_page(state, u, csrf, None, Some(e)).await,
    }
}

/// `GET /admin`.
pub async fn page(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, PageError> {
    render_page(&state, u, &csrf.0, None, None).await
}

/// `POST /admin/ladders` (multipart: a `file`, or pasted `source`).
pub async fn upload(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    access::require_admin(&u)?;
    let (mut file, mut pasted) = (String::new(), String::new());
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| WebError::BadRequest(format!("the upload could not be read: {e}")))?
    {
        let name = field.name().unwrap_or("").to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|e| WebError::BadRequest(format!("the upload could not be read: {e}")))?;
        let text = || {
            String::from_utf8(bytes.to_vec())
                .map_err(|_| WebError::BadRequest("the ladder file is not UTF-8 text".into()))
        };
        match name.as_str() {
            "file" => file = text()?,
            "source" => pasted = text()?,
            _ => {}
        }
    }
    let source = if file.trim().is_empty() { pasted } else { file };
    if source.trim().is_empty() {
        return render_page(
            &state,
            u,
            &csrf.0,
            None,
            Some(WebError::BadRequest(
                "choose a ladder file or paste one".into(),
            )),
        )
        .await;
    }
    match service::upload_ladder(&state, &u, &source).await {
        Ok(up) => {
            let v = &up.version;
            let notice = format!(
                "Stored as version {} and put in force: {} {}.{}",
                v.id,
                v.name,
                v.label,
                match up.warnings.len() {
                    0 => String::new(),
                    n => format!(" The linter has {n} suggestion(s), listed below."),
                }
            );
            render_with_warnings(&state, u, &csrf.0, Some(notice), None, up.warnings).await
        }
        Err(e) => render_page(&state, u, &csrf.0, None, Some(e)).await,
    }
}

/// The add-user form (empty selects mean none).
#[derive(Deserialize)]
pub struct NewUserForm {
    email: String,
    name: String,
    password: String,
    access: String,
    #[serde(default)]
    manager_id: String,
    #[serde(default)]
    team_id: String,
    #[serde(default)]
    ladder_role: String,
}

fn optional_id(s: &str, what: &str) -> Result<Option<i64>, WebError> {
    match s.trim() {
        "" => Ok(None),
        v => v
            .parse()
            .map(Some)
            .map_err(|_| WebError::BadRequest(format!("{what} `{v}` is not an id"))),
    }
}

/// `POST /admin/users`.
pub async fn add_user(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<NewUserForm>,
) -> Result<Response, PageError> {
    access::require_admin(&u)?;
    let input = UserInput {
        email: f.email,
        name: f.name,
        password: f.password,
        access: f.access,
        team_id: optional_id(&f.team_id, "team")?,
        manager_id: optional_id(&f.manager_id, "manager")?,
        ladder_role: Some(f.ladder_role),
    };
    let outcome = service::add_user(&state, &u, input).await.map(|new| {
        format!(
            "Added {} <{}> as {}.",
            new.name,
            new.email,
            new.access.as_str()
        )
    });
    after(&state, u, &csrf.0, outcome).await
}

/// The change-user form: `keep` (or blank, for name and access) leaves a field as it is.
#[derive(Deserialize)]
pub struct ChangeUserForm {
    id: i64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    access: String,
    #[serde(default)]
    manager_id: String,
    #[serde(default)]
    team_id: String,
    #[serde(default)]
    ladder_role: String,
}

/// `POST /admin/users/update`.
pub async fn change_user(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<ChangeUserForm>,
) -> Result<Response, PageError> {
    access::require_admin(&u)?;
    let current = state
        .store
        .user(f.id)
        .await?
        .ok_or(WebError::NotFound("user"))?;
    let keep_or = |v: &str, old: Option<i64>, what: &str| -> Result<Option<i64>, WebError> {
        if v == "keep" {
            Ok(old)
        } else {
            optional_id(v, what)
        }
    };
    let change = UserChange {
        name: if f.name.trim().is_empty() {
            current.name.clone()
        } else {
            f.name
        },
        access: if f.access.is_empty() {
            current.access.as_str().to_owned()
        } else {
            f.access
        },
        team_id: keep_or(&f.team_id, current.team_id, "team")?,
        manager_id: keep_or(&f.manager_id, current.manager_id, "manager")?,
        ladder_role: if f.ladder_role == "keep" {
            current.ladder_role.clone()
        } else {
            Some(f.ladder_role)
        },
    };
    let outcome = service::change_user(&state, &u, f.id, change)
        .await
        .map(|changed| format!("Saved {}.", changed.name));
    after(&state, u, &csrf.0, outcome).await
}

/// The add-team form.
#[derive(Deserialize)]
pub struct TeamForm {
    name: String,
}

/// `POST /admin/teams`.
pub async fn add_team(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Form(f): Form<TeamForm>,
) -> Result<Redirect, PageError> {
    access::require_admin(&u)?;
    if f.name.trim().is_empty() {
        return Err(WebError::BadRequest("the team name is empty".into()).into());
    }
    state.store.create_team(&f.name, Some(u.id)).await?;
    Ok(Redirect::to("/admin#teams"))
}
