//! The people pages of the admin: everyone, searchable by name, email or
//! title, with team, manager and role by name (`/admin/people`); the roles
//! an import left to confirm, each confirmed in one click; and one person's
//! page (`/admin/people/{id}`) to change them, deactivate them or bring
//! them back. Every change is one operation of the application; a refused
//! change shows its reason above the form, with what was chosen kept.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use axum::{Extension, Form};
use ladder_app::people::PersonChange;
use ladder_app::{Access, Actor};
use ladder_core::model::RoleId;
use ladder_store::model::User;
use serde::Deserialize;

use super::admin::optional_id;
use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::{PageError, WebError};
use crate::html::{role_choices, role_title};
use crate::state::WebState;

/// Rows shown at once; a search narrows the rest.
const SHOWN: usize = 200;

/// The status filter's choices.
const STATUSES: [(&str, &str); 3] = [("active", "Active"), ("former", "Former"), ("all", "All")];

/// A person waiting for their role to be confirmed.
struct ConfirmRow {
    id: i64,
    name: String,
    title: String,
    guess: String,
    guess_id: String,
    confidence: i64,
}

/// A row of the people table, every field in words.
struct PersonRow {
    id: i64,
    name: String,
    email: String,
    title: String,
    team: String,
    manager: String,
    role: String,
    access: &'static str,
    former: bool,
}

#[derive(Template)]
#[template(path = "people.html")]
struct PeoplePage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    notice: Option<String>,
    error: Option<String>,
    confirm: Vec<ConfirmRow>,
    roles: Vec<(String, String)>,
    q: String,
    status: String,
    statuses: [(&'static str, &'static str); 3],
    count_line: String,
    rows: Vec<PersonRow>,
}

/// `?q=&status=`.
#[derive(Debug, Default, Deserialize)]
pub struct PeopleQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
}

/// Access in words.
fn access_words(a: Access) -> &'static str {
    match a {
        Access::Member => "Member",
        Access::Manager => "Manager",
        Access::Admin => "Admin",
    }
}

/// A field's text, or a dash for none (an empty cell reads as missing
/// when the table becomes cards on a phone).
fn or_dash(v: Option<String>) -> String {
    v.filter(|s| !s.is_empty())
        .unwrap_or_else(|| "—".to_owned())
}

/// Whether `u` matches the search (every word, in name, email or title).
fn matches(u: &User, words: &[String]) -> bool {
    let hay = format!(
        "{} {} {}",
        u.name,
        u.email,
        u.title.as_deref().unwrap_or("")
    )
    .to_lowercase();
    words.iter().all(|w| hay.contains(w.as_str()))
}

async fn list_page(
    state: &WebState,
    u: User,
    csrf: &str,
    q: PeopleQuery,
    notice: Option<String>,
    error: Option<WebError>,
) -> Result<Response, PageError> {
    let by = Actor::User(&u);
    let users = state.app.people(by).await?;
    let teams = state.app.teams(by).await?;
    let waiting = state.app.roles_to_confirm(by).await?;
    let in_force = state.app.ladder();
    let ladder = &in_force.ladder;
    let name_of = |id: i64| {
        users
            .iter()
            .find(|x| x.id == id)
            .map_or_else(String::new, |x| x.name.clone())
    };
    let status = match q.status.as_str() {
        "former" | "all" => q.status.clone(),
        _ => "active".to_owned(),
    };
    let words: Vec<String> = q.q.split_whitespace().map(str::to_lowercase).collect();
    let found: Vec<&User> = users
        .iter()
        .filter(|x| match status.as_str() {
            "former" => !x.is_active(),
            "all" => true,
            _ => x.is_active(),
        })
        .filter(|x| matches(x, &words))
        .collect();
    let count_line = match found.len() {
        0 => "Nobody matches.".to_owned(),
        1 => "1 person.".to_owned(),
        n if n <= SHOWN => format!("{n} people."),
        n => format!("The first {SHOWN} of {n} people, by name; search to narrow them."),
    };
    let rows = found
        .iter()
        .take(SHOWN)
        .map(|x| PersonRow {
            id: x.id,
            name: x.name.clone(),
            email: x.email.clone(),
            title: or_dash(x.title.clone()),
            team: or_dash(
                x.team_id
                    .and_then(|t| teams.iter().find(|team| team.id == t))
                    .map(|t| t.name.clone()),
            ),
            manager: or_dash(x.manager_id.map(&name_of)),
            role: match (&x.ladder_role, &x.pending_role) {
                (Some(r), _) => role_title(ladder, r),
                (None, Some(g)) => format!("To confirm: {}?", role_title(ladder, g)),
                (None, None) => "—".to_owned(),
            },
            access: access_words(x.access),
            former: !x.is_active(),
        })
        .collect();
    let confirm = waiting
        .iter()
        .map(|x| {
            let guess_id = x.pending_role.clone().unwrap_or_default();
            ConfirmRow {
                id: x.id,
                name: x.name.clone(),
                title: x.title.clone().unwrap_or_default(),
                guess: role_title(ladder, &guess_id),
                guess_id,
                confidence: x.pending_confidence.unwrap_or(0),
            }
        })
        .collect();
    let status_code = error.as_ref().map_or(StatusCode::OK, WebError::status);
    let page = PeoplePage {
        csrf,
        ladder_name: &ladder.ladder.name,
        notice,
        error: error.map(|e| e.to_string()),
        confirm,
        roles: role_choices(ladder),
        q: q.q,
        status,
        statuses: STATUSES,
        count_line,
        rows,
        user: Some(u),
    };
    Ok((status_code, Html(super::render(&page))).into_response())
}

/// `GET /admin/people?q=&status=`.
pub async fn list(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(q): Query<PeopleQuery>,
) -> Result<Response, PageError> {
    list_page(&state, u, &csrf.0, q, None, None).await
}

/// The confirmation form: a role id, or empty for none.
#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

/// `POST /admin/people/{id}/role`.
pub async fn confirm_role(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<RoleForm>,
) -> Result<Response, PageError> {
    let role = Some(f.role.trim())
        .filter(|r| !r.is_empty())
        .map(RoleId::from);
    let done = state.app.confirm_role(Actor::User(&u), id, role).await;
    let ladder = state.app.ladder().ladder.clone();
    let (notice, error) = match done {
        Ok(p) => (
            Some(match &p.ladder_role {
                Some(r) => format!("{} is a {}.", p.name, role_title(&ladder, r)),
                None => format!("{} has no role on the ladder.", p.name),
            }),
            None,
        ),
        Err(e) => (None, Some(e.into())),
    };
    list_page(&state, u, &csrf.0, PeopleQuery::default(), notice, error).await
}

/// The person form as typed (ids as text; empty is none).
#[derive(Debug, Default, Deserialize)]
pub struct PersonForm {
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

impl PersonForm {
    fn of(p: &User) -> PersonForm {
        PersonForm {
            name: p.name.clone(),
            access: p.access.as_str().to_owned(),
            manager_id: p.manager_id.map(|m| m.to_string()).unwrap_or_default(),
            team_id: p.team_id.map(|t| t.to_string()).unwrap_or_default(),
            ladder_role: p.ladder_role.clone().unwrap_or_default(),
        }
    }
}

#[derive(Template)]
#[template(path = "person.html")]
struct PersonPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    notice: Option<String>,
    error: Option<String>,
    person: User,
    status: String,
    status_since: String,
    pending: String,
    form: PersonForm,
    accesses: Vec<(&'static str, &'static str)>,
    sends_mail: bool,
    managers: Vec<(String, String)>,
    teams: Vec<(String, String)>,
    roles: Vec<(String, String)>,
}

async fn person_page(
    state: &WebState,
    u: User,
    csrf: &str,
    id: i64,
    form: Option<PersonForm>,
    notice: Option<String>,
    error: Option<WebError>,
) -> Result<Response, PageError> {
    let by = Actor::User(&u);
    let person = state.app.person_by_id(by, id).await?;
    let users = state.app.people(by).await?;
    let teams = state.app.teams(by).await?;
    let in_force = state.app.ladder();
    let ladder = &in_force.ladder;
    let since = person
        .deactivated_at
        .map(ladder_app::clock::date_time_of)
        .unwrap_or_default();
    let status = if person.is_active() {
        "Active".to_owned()
    } else {
        format!("Former (deactivated {since})")
    };
    let pending = match (&person.pending_role, person.pending_confidence) {
        (Some(r), Some(c)) => format!("{}? ({c} % sure)", role_title(ladder, r)),
        (Some(r), None) => format!("{}?", role_title(ladder, r)),
        _ => String::new(),
    };
    let status_code = error.as_ref().map_or(StatusCode::OK, WebError::status);
    let page = PersonPage {
        csrf,
        ladder_name: &ladder.ladder.name,
        notice,
        error: error.map(|e| e.to_string()),
        form: form.unwrap_or_else(|| PersonForm::of(&person)),
        status,
        status_since: since,
        pending,
        accesses: Access::ALL
            .iter()
            .map(|a| (a.as_str(), access_words(*a)))
            .collect(),
        sends_mail: state.app.sends_mail(),
        managers: users
            .iter()
            .filter(|x| x.id != person.id && x.is_active())
            .map(|x| (x.id.to_string(), x.name.clone()))
            .collect(),
        teams: teams
            .iter()
            .map(|t| (t.id.to_string(), t.name.clone()))
            .collect(),
        roles: role_choices(ladder),
        person,
        user: Some(u),
    };
    Ok((status_code, Html(super::render(&page))).into_response())
}

/// `GET /admin/people/{id}`.
pub async fn show(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    person_page(&state, u, &csrf.0, id, None, None, None).await
}

/// `POST /admin/people/{id}`.
pub async fn save(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<PersonForm>,
) -> Result<Response, PageError> {
    let change = (|| -> Result<PersonChange, WebError> {
        Ok(PersonChange {
            name: f.name.clone(),
            access: f.access.parse().map_err(WebError::Unreadable)?,
            team_id: optional_id(&f.team_id, "team")?,
            manager_id: optional_id(&f.manager_id, "manager")?,
            ladder_role: Some(f.ladder_role.trim())
                .filter(|r| !r.is_empty())
                .map(RoleId::from),
        })
    })();
    let done = match change {
        Ok(c) => state
            .app
            .change_person(Actor::User(&u), id, c)
            .await
            .map_err(WebError::from),
        Err(e) => Err(e),
    };
    match done {
        Ok(p) => {
            let notice = format!("Saved {}.", p.name);
            person_page(&state, u, &csrf.0, id, None, Some(notice), None).await
        }
        Err(e) => person_page(&state, u, &csrf.0, id, Some(f), None, Some(e)).await,
    }
}

/// The deactivate / bring-back form.
#[derive(Deserialize)]
pub struct ActiveForm {
    active: String,
}

/// `POST /admin/people/{id}/active`.
pub async fn set_active(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(f): Form<ActiveForm>,
) -> Result<Response, PageError> {
    let active = f.active == "true";
    match state.app.set_active(Actor::User(&u), id, active).await {
        Ok(p) => {
            let notice = if active {
                format!("{} is back and can sign in again.", p.name)
            } else {
                format!(
                    "{} is deactivated: their sessions have ended and their API tokens no longer work.",
                    p.name
                )
            };
            person_page(&state, u, &csrf.0, id, None, Some(notice), None).await
        }
        Err(e) => person_page(&state, u, &csrf.0, id, None, None, Some(e.into())).await,
    }
}

/// `POST /admin/people/{id}/invite`: an invite (or a reset link, for
/// someone with a password), emailed or shown to pass on.
pub async fn invite(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    headers: axum::http::HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    match state.app.invite(Actor::User(&u), id).await {
        Ok(link) => {
            let notice =
                crate::html::handed_link_words(&link, &headers, state.config.secure_cookies);
            person_page(&state, u, &csrf.0, id, None, Some(notice), None).await
        }
        Err(e) => person_page(&state, u, &csrf.0, id, None, None, Some(e.into())).await,
    }
}
