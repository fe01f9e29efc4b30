//! Public pages: the ladder overview and role pages (pre-rendered), role
//! comparison, the title-resolver box, and the path planner with its
//! simulation chart.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use ladder_core::path::Routes;
use ladder_store::model::User;
use serde::Deserialize;

use crate::auth::MaybeUser;
use crate::csrf::CsrfToken;
use crate::error::{PageError, WebError};
use crate::state::AppState;

fn cached_html(bytes: axum::body::Bytes) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        bytes,
    )
        .into_response()
}

/// `/`.
pub async fn index(State(state): State<Arc<AppState>>) -> Response {
    cached_html(state.site().index.clone())
}

/// `/roles/{id}` and `/roles/{id}.html`.
pub async fn role(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let site = state.site();
    let id = id.strip_suffix(".html").unwrap_or(&id);
    let page = site.roles.get(id).ok_or(WebError::NotFound("role"))?;
    Ok(cached_html(page.clone()))
}

/// `/compare/{from}--{to}` (with or without `.html`).
pub async fn compare(
    State(state): State<Arc<AppState>>,
    Path(pair): Path<String>,
) -> Result<Html<String>, PageError> {
    let site = state.site();
    let pair = pair.strip_suffix(".html").unwrap_or(&pair);
    let (from, to) = pair
        .split_once("--")
        .ok_or(WebError::NotFound("comparison"))?;
    let l = &site.ladder;
    let (Some(a), Some(b)) = (l.role(from), l.role(to)) else {
        return Err(WebError::NotFound("role").into());
    };
    let c = ladder_core::compare::compare(l, a, b);
    Ok(Html(ladder_render::compare_page(
        l,
        &c,
        crate::site::PUBLIC_NAV,
    )))
}

#[derive(Template)]
#[template(path = "tools.html")]
struct ToolsPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    heading: &'a str,
    kind: &'a str,
    error: Option<String>,
    q: &'a str,
    size: &'a str,
    from: &'a str,
    to: &'a str,
    company: &'a str,
    roles: Vec<(String, String)>,
    starts: Vec<(String, String)>,
    companies: Vec<String>,
    facts: Vec<(String, String)>,
    routes: Option<Routes>,
    chart: String,
}

/// Query of the tool pages.
#[derive(Deserialize, Default)]
pub struct ToolQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    company_size: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    company: String,
}

fn page<'a>(
    state: &AppState,
    user: Option<User>,
    csrf: &'a str,
    name: &'a str,
    heading: &'a str,
    kind: &'a str,
    q: &'a ToolQuery,
) -> ToolsPage<'a> {
    let site = state.site();
    let roles: Vec<(String, String)> = site
        .ladder
        .roles
        .iter()
        .map(|r| (r.id.to_string(), r.title.clone()))
        .collect();
    let mut starts: Vec<(String, String)> = site
        .ladder
        .entry_points
        .iter()
        .map(|e| {
            (
                format!("background:{}", e.id),
                format!("Background: {}", e.id),
            )
        })
        .collect();
    starts.extend(roles.iter().cloned());
    ToolsPage {
        user,
        csrf,
        ladder_name: name,
        heading,
        kind,
        error: None,
        q: &q.q,
        size: &q.company_size,
        from: &q.from,
        to: &q.to,
        company: &q.company,
        roles,
        starts,
        companies: site
            .ladder
            .company_sizes
            .iter()
            .map(|c| c.id.clone())
            .collect(),
        facts: Vec::new(),
        routes: None,
        chart: String::new(),
    }
}

/// `/titles?q=`: the title-resolver box.
pub async fn titles(
    State(state): State<Arc<AppState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Query(q): Query<ToolQuery>,
) -> Html<String> {
    let name = state.site().ladder.ladder.name.clone();
    let mut p = page(
        &state,
        user,
        &csrf.0,
        &name,
        "Resolve a job title",
        "titles",
        &q,
    );
    if !q.q.trim().is_empty() {
        let size = Some(q.company_size.as_str());
        match crate::api::resolve_json(&state, &q.q, size) {
            Ok(json) => {
                if let Ok(serde_json::Value::Object(map)) =
                    serde_json::from_slice::<serde_json::Value>(&json)
                {
                    p.facts = map
                        .into_iter()
                        .filter(|(_, v)| !v.is_null())
                        .map(|(k, v)| {
                            (
                                k,
                                match v {
                                    serde_json::Value::String(s) => s,
                                    other => other.to_string(),
                                },
                            )
                        })
                        .collect();
                }
            }
            Err(e) => p.error = Some(e.to_string()),
        }
    }
    Html(crate::pages::render(&p))
}

/// `/compare` with `from` and `to` picks a pair; without, the form.
pub async fn compare_form(
    State(state): State<Arc<AppState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Query(q): Query<ToolQuery>,
) -> Response {
    if !q.from.is_empty() && !q.to.is_empty() {
        let site = state.site();
        if site.ladder.role(&q.from).is_some() && site.ladder.role(&q.to).is_some() {
            return Redirect::to(&format!("/compare/{}--{}", q.from, q.to)).into_response();
        }
    }
    let name = state.site().ladder.ladder.name.clone();
    let p = page(
        &state,
        user,
        &csrf.0,
        &name,
        "Compare two roles",
        "compare",
        &q,
    );
    Html(crate::pages::render(&p)).into_response()
}

/// `/paths?from=&to=&company=`: routes and, between two roles, the simulation chart.
pub async fn paths(
    State(state): State<Arc<AppState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Query(q): Query<ToolQuery>,
) -> Html<String> {
    let name = state.site().ladder.ladder.name.clone();
    let mut p = page(&state, user, &csrf.0, &name, "Plan a path", "paths", &q);
    if !q.from.is_empty() && !q.to.is_empty() {
        match crate::api::plan(&state, &q.from, &q.to, Some(&q.company)) {
            Ok(r) => p.routes = Some(r),
            Err(e) => p.error = Some(e.to_string()),
        }
        if !q.from.starts_with("background:") && p.error.is_none() {
            let company = Some(q.company.as_str());
            match crate::api::run_simulation(&state, &q.from, &q.to, company, Some(10_000), Some(1))
            {
                Ok(o) => p.chart = ladder_render::histogram_svg(&o),
                Err(e) => p.error = Some(e.to_string()),
            }
        }
    }
    Html(crate::pages::render(&p))
}
