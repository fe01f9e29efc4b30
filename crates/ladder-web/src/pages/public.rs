//! Public pages: the ladder overview and role pages (pre-rendered), role
//! comparison, the title-resolver box, and the path planner with its
//! simulation chart.

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use ladder_app::tools::TitleMatch;
use ladder_core::path::{Routes, Start};
use ladder_store::model::User;
use serde::Deserialize;

use crate::auth::MaybeUser;
use crate::csrf::CsrfToken;
use crate::error::{PageError, WebError};
use crate::state::WebState;

/// A pre-rendered page in the app's one header: as cached bytes for a
/// signed-out reader, joined around the user's menu for a signed-in one.
fn site_page(page: &crate::site::Page, user: Option<User>, csrf: &str) -> Response {
    match user {
        None => (
            [
                (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=60"),
                (header::VARY, "Cookie"),
            ],
            page.public.clone(),
        )
            .into_response(),
        Some(u) => {
            let nav = crate::html::user_nav(&u, csrf);
            (
                [
                    (header::CONTENT_TYPE, "text/html; charset=utf-8"),
                    (header::CACHE_CONTROL, "private, no-cache"),
                    (header::VARY, "Cookie"),
                ],
                page.with_nav(&nav),
            )
                .into_response()
        }
    }
}

/// `/`.
pub async fn index(
    State(state): State<Arc<WebState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
) -> Response {
    site_page(&state.site().index, user, &csrf.0)
}

/// `/roles/{id}` and `/roles/{id}.html`.
pub async fn role(
    State(state): State<Arc<WebState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let site = state.site();
    let id = id.strip_suffix(".html").unwrap_or(&id);
    let page = site.roles.get(id).ok_or(WebError::not_found("role"))?;
    Ok(site_page(page, user, &csrf.0))
}

/// `/competencies` and `/competencies.html`: the whole competency matrix.
pub async fn competencies(
    State(state): State<Arc<WebState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
) -> Result<Response, PageError> {
    let site = state.site();
    let page = site
        .competencies
        .as_ref()
        .ok_or(WebError::not_found("competency matrix"))?;
    Ok(site_page(page, user, &csrf.0))
}

/// `/compare/{from}--{to}` (with or without `.html`).
pub async fn compare(
    State(state): State<Arc<WebState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Path(pair): Path<String>,
) -> Result<Response, PageError> {
    let pair = pair.strip_suffix(".html").unwrap_or(&pair);
    let (from, to) = pair
        .split_once("--")
        .ok_or(WebError::not_found("comparison"))?;
    if from == to {
        // Nothing changes between a role and itself: the form says so.
        return Ok(Redirect::to(&format!("/compare?from={from}&to={to}")).into_response());
    }
    let nav = match &user {
        Some(u) => crate::html::user_nav(u, &csrf.0),
        None => crate::html::public_nav(),
    };
    let html = state
        .app
        .compare(from, to, |l, c| ladder_render::compare_page(l, c, &nav))
        .map_err(|_| WebError::not_found("role"))?;
    Ok(Html(html).into_response())
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
    /// The resolved title in one sentence, with a link to its role.
    sentence: Option<(String, Option<String>)>,
    /// The resolved title's details, as rows of label, text and an optional link.
    facts: Vec<(&'static str, String, Option<String>)>,
    routes: Option<RoutesView>,
    chart: String,
    /// A note above the form (an empty or a same-role comparison).
    prompt: Option<String>,
}

/// Routes as the page shows them: titles, whole years, fastest first.
struct RoutesView {
    from: String,
    to: String,
    company: Option<String>,
    routes: Vec<RouteView>,
}

struct RouteView {
    years: String,
    steps: Vec<StepView>,
}

struct StepView {
    to: String,
    to_title: String,
    kind: &'static str,
}

/// A range of years in whole years, as people say it ("3–10 years").
fn whole_years(min: f64, max: f64) -> String {
    let (lo, hi) = (min.floor() as i64, max.ceil() as i64);
    match (lo, hi) {
        (0, 0) => "at once".to_owned(),
        (l, h) if l == h => format!("{l} year{}", if l == 1 { "" } else { "s" }),
        (l, h) => format!("{l}–{h} years"),
    }
}

impl RoutesView {
    fn new(ladder: &ladder_core::Ladder, r: Routes) -> RoutesView {
        let title = |id: &str| {
            Start::parse(id)
                .to_string()
                .strip_prefix("background:")
                .map_or_else(
                    || crate::html::role_title(ladder, id),
                    |b| format!("Background: {b}"),
                )
        };
        RoutesView {
            from: title(&r.from),
            to: title(&r.to),
            company: r.company.clone(),
            routes: r
                .routes
                .iter()
                .map(|route| RouteView {
                    years: whole_years(route.years_min, route.years_max),
                    steps: route
                        .steps
                        .iter()
                        .map(|s| StepView {
                            to: s.to.clone(),
                            to_title: title(&s.to),
                            kind: s.kind,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
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
    state: &WebState,
    user: Option<User>,
    csrf: &'a str,
    name: &'a str,
    heading: &'a str,
    kind: &'a str,
    q: &'a ToolQuery,
) -> ToolsPage<'a> {
    let in_force = state.app.ladder();
    let roles = crate::html::role_choices(&in_force.ladder);
    let mut starts: Vec<(String, String)> = in_force
        .ladder
        .entry_points
        .iter()
        .map(|e| {
            (
                Start::Background(e.id.clone()).to_string(),
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
        companies: in_force
            .ladder
            .company_sizes
            .iter()
            .map(|c| c.id.clone())
            .collect(),
        sentence: None,
        facts: Vec::new(),
        routes: None,
        chart: String::new(),
        prompt: None,
    }
}

/// `/titles?q=`: the title-resolver box.
pub async fn titles(
    State(state): State<Arc<WebState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Query(q): Query<ToolQuery>,
) -> Html<String> {
    let name = state.ladder_name();
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
        match state.app.resolve_title(&q.q, size) {
            Ok(found) => {
                p.sentence = Some(title_sentence(&found));
                p.facts = title_rows(&state, &found);
            }
            Err(e) => p.error = Some(e.to_string()),
        }
    }
    Html(crate::pages::render(&p))
}

/// A resolved title in one sentence: "Senior Product Manager, Growth area —
/// high confidence", with a link to the role.
fn title_sentence(found: &TitleMatch) -> (String, Option<String>) {
    let sure = match found.confidence {
        c if c >= 0.8 => "high confidence",
        c if c >= 0.5 => "medium confidence",
        _ => "low confidence",
    };
    match &found.role_title {
        Some(t) => {
            let area = found
                .area
                .as_deref()
                .map(|a| format!(", {a} area"))
                .unwrap_or_default();
            (
                format!("{t}{area} — {sure}"),
                Some(format!("/roles/{}", found.role)),
            )
        }
        None => (
            match found.function {
                "adjacent" => "Next to product management, not a role of this ladder".to_owned(),
                "engineering" => "An engineering title, not a role of this ladder".to_owned(),
                "design" => "A design title, not a role of this ladder".to_owned(),
                _ => "Not a product-management role of this ladder".to_owned(),
            },
            None,
        ),
    }
}

/// A resolved title as a person reads it: role titles, not ids; percentages.
fn title_rows(state: &WebState, found: &TitleMatch) -> Vec<(&'static str, String, Option<String>)> {
    let in_force = state.app.ladder();
    let title_of = |id: &str| crate::html::role_title(&in_force.ladder, id);
    let mut rows = Vec::new();
    match &found.role_title {
        Some(t) => rows.push(("Role", t.clone(), Some(format!("/roles/{}", found.role)))),
        None => rows.push(("Role", "No role of this ladder".to_owned(), None)),
    }
    let kind = match found.function {
        "product-management" => "Product management",
        "adjacent" => "Next to product management (often hides or feeds product work)",
        "engineering" => "Engineering",
        "design" => "Design",
        _ => "Not product management",
    };
    rows.push(("Kind of work", kind.to_owned(), None));
    rows.push((
        "How sure",
        format!("{:.0}%", found.confidence * 100.0),
        None,
    ));
    if let Some(w) = &found.seniority_modifier {
        rows.push(("Seniority word", w.clone(), None));
    }
    if let Some(a) = &found.area {
        rows.push(("Specialisation", a.clone(), None));
    }
    if let Some(e) = &found.effective_role {
        let text = match &found.effective_reason {
            Some(why) => format!("{}: {why}", title_of(e)),
            None => format!("{} (no re-levelling at this size)", title_of(e)),
        };
        rows.push(("At this company size", text, Some(format!("/roles/{e}"))));
    }
    if !found.alternatives.is_empty() {
        let others: Vec<String> = found
            .alternatives
            .iter()
            .map(|a| format!("{} ({:.0}%)", title_of(&a.role), a.score * 100.0))
            .collect();
        rows.push(("Other candidates", others.join(", "), None));
    }
    if let Some(e) = found.error {
        rows.push(("Problem", e.to_owned(), None));
    }
    rows
}

/// `/compare` with `from` and `to` picks a pair; without, the form.
pub async fn compare_form(
    State(state): State<Arc<WebState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Query(q): Query<ToolQuery>,
) -> Response {
    if !q.from.is_empty() && !q.to.is_empty() && q.from != q.to {
        let in_force = state.app.ladder();
        if in_force.ladder.role(&q.from).is_some() && in_force.ladder.role(&q.to).is_some() {
            return Redirect::to(&format!("/compare/{}--{}", q.from, q.to)).into_response();
        }
    }
    let name = state.ladder_name();
    let (from, to) = default_pair(&state, user.as_ref(), &q);
    let q = ToolQuery {
        from,
        to,
        ..ToolQuery::default()
    };
    let mut p = page(
        &state,
        user,
        &csrf.0,
        &name,
        "Compare two roles",
        "compare",
        &q,
    );
    if !q.from.is_empty() && q.from == q.to {
        p.prompt = Some(format!(
            "Both are {}: pick two different roles to see what changes.",
            crate::html::role_title(&state.app.ladder().ladder, &q.from)
        ));
    }
    Html(crate::pages::render(&p)).into_response()
}

/// The pair the compare form opens on: what was asked, else the viewer's
/// role and its first next role, else a Product Manager and their next step,
/// else the ladder's first two roles.
fn default_pair(state: &WebState, user: Option<&User>, q: &ToolQuery) -> (String, String) {
    if !q.from.is_empty() && !q.to.is_empty() {
        return (q.from.clone(), q.to.clone());
    }
    let in_force = state.app.ladder();
    let ladder = &in_force.ladder;
    let next_of = |id: &str| ladder.next_roles(id).next().map(|r| r.id.to_string());
    let from = user
        .and_then(|u| u.ladder_role.clone())
        .filter(|r| ladder.role(r).is_some())
        .or_else(|| ladder.role("pm").map(|r| r.id.to_string()))
        .or_else(|| ladder.roles.first().map(|r| r.id.to_string()))
        .unwrap_or_default();
    let to = next_of(&from)
        .or_else(|| ladder.roles.get(1).map(|r| r.id.to_string()))
        .unwrap_or_else(|| from.clone());
    (from, to)
}

/// `/paths?from=&to=&company=`: routes and, between two roles, the simulation chart.
pub async fn paths(
    State(state): State<Arc<WebState>>,
    MaybeUser(user): MaybeUser,
    axum::Extension(csrf): axum::Extension<CsrfToken>,
    Query(q): Query<ToolQuery>,
) -> Html<String> {
    let name = state.ladder_name();
    let mut p = page(&state, user, &csrf.0, &name, "Plan a path", "paths", &q);
    if !q.from.is_empty() && !q.to.is_empty() {
        let from = Start::parse(&q.from);
        let mut reachable = false;
        match state.app.plan(&from, &q.to, Some(&q.company)) {
            Ok(r) => {
                reachable = !r.routes.is_empty();
                p.routes = Some(RoutesView::new(&state.app.ladder().ladder, r));
            }
            Err(e) => p.error = Some(e.to_string()),
        }
        // A chart of an impossible path would be an empty histogram.
        if matches!(from, Start::Role(_)) && p.error.is_none() && reachable {
            let company = Some(q.company.as_str());
            match state
                .app
                .simulate(&q.from, &q.to, company, None, None)
                .await
            {
                Ok(o) => p.chart = ladder_render::histogram_svg(&o),
                Err(e) => p.error = Some(e.to_string()),
            }
        }
    }
    Html(crate::pages::render(&p))
}
