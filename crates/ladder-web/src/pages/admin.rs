//! The admin page: upload a ladder (errors shown with their line and
//! column), add and change users, add teams, read the audit log.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use ladder_app::people::{NewPerson, PersonChange};
use ladder_app::{Access, Actor, AppError, LadderUpload, Problem};
use ladder_core::model::RoleId;
use ladder_store::model::{LadderVersion, Team, User};
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::{PageError, WebError};
use crate::state::WebState;

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
    /// Each user with the names of their team, manager and role.
    people: Vec<(User, String, String, String)>,
    teams: Vec<Team>,
    roles: Vec<(String, String)>,
    /// When, by whom (a name) and the entry.
    audit: Vec<super::audit::AuditLine>,
    /// Directory (SCIM) tokens, with the day each was made.
    scim_tokens: Vec<(ladder_store::model::ScimToken, String)>,
    /// A refused ladder's text, back in the paste box to fix.
    source: String,
}

/// What the admin page shows besides its data.
#[derive(Default)]
struct Outcome {
    notice: Option<String>,
    error: Option<WebError>,
    warnings: Vec<Problem>,
    /// A refused upload's text.
    source: String,
}

async fn render_page(
    state: &WebState,
    u: User,
    csrf: &str,
    notice: Option<String>,
    error: Option<WebError>,
) -> Result<Response, PageError> {
    let outcome = Outcome {
        notice,
        error,
        ..Outcome::default()
    };
    render_outcome(state, u, csrf, outcome).await
}

async fn render_outcome(
    state: &WebState,
    u: User,
    csrf: &str,
    outcome: Outcome,
) -> Result<Response, PageError> {
    let by = Actor::User(&u);
    let ladders = state.app.ladder_versions(by).await?;
    let users = state.app.people(by).await?;
    let teams = state.app.teams(by).await?;
    let audit = state.app.audit_log(by, 50).await?;
    let scim_tokens = state
        .app
        .scim_tokens(by)
        .await?
        .into_iter()
        .map(|t| {
            let made = ladder_app::clock::date_of(t.created_at);
            (t, made)
        })
        .collect();
    let Outcome {
        notice,
        error,
        warnings,
        source,
    } = outcome;
    let in_force = state.app.ladder();
    let (status, summary, problems) = match error {
        Some(WebError::App(AppError::Invalid { summary, problems })) => {
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
    let audit = super::audit::lines(audit, &users, &teams);
    let page = AdminPage {
        csrf,
        ladder_name: &in_force.ladder.ladder.name,
        notice,
        warnings,
        problem_summary: summary,
        problems,
        active_id: in_force.version.id,
        active_name: in_force.version.name.clone(),
        active_label: in_force.version.label.clone(),
        ladders,
        people: people_rows(&users, &teams, &in_force.ladder),
        users,
        teams,
        roles: crate::html::role_choices(&in_force.ladder),
        audit,
        scim_tokens,
        source,
        user: Some(u),
    };
    Ok((status, Html(super::render(&page))).into_response())
}

/// The users table as people read it: team, manager and role by name, not id.
fn people_rows(
    users: &[User],
    teams: &[Team],
    ladder: &ladder_core::Ladder,
) -> Vec<(User, String, String, String)> {
    users
        .iter()
        .map(|u| {
            let team = u
                .team_id
                .and_then(|t| teams.iter().find(|x| x.id == t))
                .map_or_else(String::new, |t| t.name.clone());
            let manager = u
                .manager_id
                .and_then(|m| users.iter().find(|x| x.id == m))
                .map_or_else(String::new, |m| m.name.clone());
            let role = u
                .ladder_role
                .as_deref()
                .map_or_else(String::new, |r| crate::html::role_title(ladder, r));
            (u.clone(), team, manager, role)
        })
        .collect()
}

/// The admin page after a change: its notice, or its error.
async fn after(
    state: &WebState,
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
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Response, PageError> {
    render_page(&state, u, &csrf.0, None, None).await
}

/// One change of a preview, in words.
struct ChangeLine {
    /// `added`, `removed` or `changed` (also the row's class).
    kind: &'static str,
    item: String,
    field: String,
    value: String,
}

#[derive(Template)]
#[template(path = "ladder_preview.html")]
struct PreviewPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    name: String,
    label: String,
    in_force: String,
    added: usize,
    removed: usize,
    changed: usize,
    changes: Vec<ladder_core::diff::Change>,
    /// The changes by section, in the order a reviewer reads them.
    sections: Vec<(String, Vec<ChangeLine>)>,
    warnings: Vec<Problem>,
    source: String,
}

/// The upload form's fields: a chosen file's bytes, or pasted text.
async fn read_upload(form: &mut Multipart) -> Result<(Vec<u8>, String), WebError> {
    let (mut file, mut pasted) = (Vec::new(), String::new());
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        WebError::Unreadable(format!("the upload could not be read: {e}"))
    };
    while let Some(field) = form.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or("").to_owned();
        let bytes = field.bytes().await.map_err(unreadable)?;
        match name.as_str() {
            "file" => file = bytes.to_vec(),
            "source" => {
                pasted = String::from_utf8(bytes.to_vec()).map_err(|_| {
                    WebError::Unreadable("the pasted ladder is not UTF-8 text".into())
                })?;
            }
            _ => {}
        }
    }
    Ok((file, pasted))
}

/// The upload a form carries: the chosen file (a ladder file or a
/// workbook), else the pasted text; and the text to put back into the paste
/// box if it is refused (none for a workbook).
fn upload_of<'a>(
    file: &'a [u8],
    pasted: &'a str,
) -> (ladder_app::Result<LadderUpload<'a>>, String) {
    let upload = if file.iter().all(u8::is_ascii_whitespace) {
        Ok(LadderUpload::Toml(pasted))
    } else {
        LadderUpload::from_bytes(file)
    };
    let typed = match &upload {
        Ok(LadderUpload::Toml(t)) => (*t).to_owned(),
        _ => String::new(),
    };
    (upload, typed)
}

/// `POST /admin/ladders/preview` (multipart: a `file`, TOML or .xlsx, or
/// pasted `source`): every change against the version in force, nothing
/// stored; the page's button puts it in force.
pub async fn preview(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let (file, pasted) = read_upload(&mut form).await?;
    let (upload, typed) = upload_of(&file, &pasted);
    let preview = match upload {
        Ok(upload) => state.app.preview_ladder(Actor::User(&u), upload).await,
        Err(e) => Err(e),
    };
    let p = match preview {
        Ok(p) => p,
        Err(e) => {
            let outcome = Outcome {
                error: Some(e.into()),
                source: typed,
                ..Outcome::default()
            };
            return render_outcome(&state, u, &csrf.0, outcome).await;
        }
    };
    let count =
        |k: ladder_core::diff::ChangeKind| p.changes.iter().filter(|c| c.change == k).count();
    let mut sections: Vec<(String, Vec<ChangeLine>)> = Vec::new();
    for c in &p.changes {
        let line = ChangeLine {
            kind: match c.change {
                ladder_core::diff::ChangeKind::Added => "added",
                ladder_core::diff::ChangeKind::Removed => "removed",
                ladder_core::diff::ChangeKind::Changed => "changed",
            },
            item: c.item_words(&p.in_force, &p.ladder),
            field: c.field_words(&p.in_force, &p.ladder),
            value: c.value_words(),
        };
        let heading = c.section_words();
        match sections.last_mut() {
            Some((h, lines)) if *h == heading => lines.push(line),
            _ => sections.push((heading, vec![line])),
        }
    }
    let in_force = state.app.ladder();
    let page = PreviewPage {
        csrf: &csrf.0,
        ladder_name: &in_force.ladder.ladder.name,
        name: p.ladder.ladder.name.clone(),
        label: p.ladder.ladder.version.clone(),
        in_force: format!(
            "version {}, {} {}",
            in_force.version.id, in_force.version.name, in_force.version.label
        ),
        added: count(ladder_core::diff::ChangeKind::Added),
        removed: count(ladder_core::diff::ChangeKind::Removed),
        changed: count(ladder_core::diff::ChangeKind::Changed),
        sections,
        warnings: p.warnings.clone(),
        source: p.source.clone(),
        changes: p.changes,
        user: Some(u),
    };
    Ok(Html(super::render(&page)).into_response())
}

/// `POST /admin/ladders` (multipart: a `file`, or pasted `source`).
pub async fn upload(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    mut form: Multipart,
) -> Result<Response, PageError> {
    let (file, pasted) = read_upload(&mut form).await?;
    let (upload, source) = upload_of(&file, &pasted);
    let uploaded = match upload {
        Ok(upload) => state.app.upload_ladder(Actor::User(&u), upload).await,
        Err(e) => Err(e),
    };
    match uploaded {
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
            let outcome = Outcome {
                notice: Some(notice),
                warnings: up.warnings,
                ..Outcome::default()
            };
            render_outcome(&state, u, &csrf.0, outcome).await
        }
        Err(e) => {
            // The text comes back in the paste box, to fix where the
            // problems say.
            let outcome = Outcome {
                error: Some(e.into()),
                source,
                ..Outcome::default()
            };
            render_outcome(&state, u, &csrf.0, outcome).await
        }
    }
}

/// The add-user form (empty selects mean none).
#[derive(Deserialize)]
pub struct NewUserForm {
    email: String,
    name: String,
    #[serde(default)]
    password: String,
    access: String,
    #[serde(default)]
    manager_id: String,
    #[serde(default)]
    team_id: String,
    #[serde(default)]
    ladder_role: String,
}

/// An id field of a form: empty is none.
pub(super) fn optional_id(s: &str, what: &str) -> Result<Option<i64>, WebError> {
    match s.trim() {
        "" => Ok(None),
        v => v
            .parse()
            .map(Some)
            .map_err(|_| WebError::Unreadable(format!("{what} `{v}` is not an id"))),
    }
}

fn access_field(s: &str) -> Result<Access, WebError> {
    s.parse().map_err(WebError::Unreadable)
}

fn role_field(s: &str) -> Option<RoleId> {
    Some(s.trim()).filter(|r| !r.is_empty()).map(RoleId::from)
}

/// `POST /admin/users`.
pub async fn add_user(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    headers: axum::http::HeaderMap,
    Form(f): Form<NewUserForm>,
) -> Result<Response, PageError> {
    let input = NewPerson {
        email: f.email,
        name: f.name,
        password: Some(f.password).filter(|p| !p.is_empty()),
        access: access_field(&f.access)?,
        team_id: optional_id(&f.team_id, "team")?,
        manager_id: optional_id(&f.manager_id, "manager")?,
        ladder_role: role_field(&f.ladder_role),
    };
    let invite = input.password.is_none();
    let outcome = match state.app.add_person(Actor::User(&u), input).await {
        Ok(new) => {
            let added = format!(
                "Added {} <{}> as {}.",
                new.name,
                new.email,
                new.access.as_str()
            );
            let only_sso = state.app.sso_info().filter(|s| s.only);
            if let Some(sso) = only_sso {
                Ok(format!("{added} They sign in with {}.", sso.label))
            } else if invite {
                match state.app.invite(Actor::User(&u), new.id).await {
                    Ok(link) => Ok(format!(
                        "{added} {}",
                        crate::html::handed_link_words(
                            &link,
                            &headers,
                            state.config.secure_cookies
                        )
                    )),
                    Err(e) => Err(e.into()),
                }
            } else {
                Ok(added)
            }
        }
        Err(e) => Err(e.into()),
    };
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
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<ChangeUserForm>,
) -> Result<Response, PageError> {
    let current = state.app.person_by_id(Actor::User(&u), f.id).await?;
    let keep_or = |v: &str, old: Option<i64>, what: &str| -> Result<Option<i64>, WebError> {
        if v == "keep" {
            Ok(old)
        } else {
            optional_id(v, what)
        }
    };
    let change = PersonChange {
        name: if f.name.trim().is_empty() {
            current.name.clone()
        } else {
            f.name
        },
        access: if f.access.is_empty() {
            current.access
        } else {
            access_field(&f.access)?
        },
        team_id: keep_or(&f.team_id, current.team_id, "team")?,
        manager_id: keep_or(&f.manager_id, current.manager_id, "manager")?,
        ladder_role: if f.ladder_role == "keep" {
            current.ladder_role.as_deref().map(RoleId::from)
        } else {
            role_field(&f.ladder_role)
        },
    };
    let outcome = state
        .app
        .change_person(Actor::User(&u), f.id, change)
        .await
        .map_err(WebError::from)
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
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Form(f): Form<TeamForm>,
) -> Result<Redirect, PageError> {
    state.app.add_team(Actor::User(&u), &f.name).await?;
    Ok(Redirect::to("/admin#teams"))
}

/// The make-a-directory-token form.
#[derive(Deserialize)]
pub struct ScimTokenForm {
    name: String,
}

/// `POST /admin/scim-tokens`: a token for a directory, shown this once.
pub async fn make_scim_token(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(f): Form<ScimTokenForm>,
) -> Result<Response, PageError> {
    let outcome = state
        .app
        .make_scim_token(Actor::User(&u), &f.name)
        .await
        .map(|made| {
            format!(
                "Directory token for {}: {} — copy it now, it is not shown again. In the directory, set the SCIM base URL to this app's address followed by /scim/v2, and this token as its bearer token.",
                made.record.name, made.token
            )
        })
        .map_err(WebError::from);
    after(&state, u, &csrf.0, outcome).await
}

/// `POST /admin/scim-tokens/{id}/revoke`.
pub async fn revoke_scim_token(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let outcome = state
        .app
        .revoke_scim_token(Actor::User(&u), id)
        .await
        .map(|()| {
            "Revoked the directory token: the directory's next request is refused.".to_owned()
        })
        .map_err(WebError::from);
    after(&state, u, &csrf.0, outcome).await
}
