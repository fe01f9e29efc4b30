//! Public endpoints: the ladder, comparisons, title resolution, paths and
//! simulation. The role list and role records are served from the bytes
//! rendered when the ladder version became active.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ladder_core::company::{SizeSpec, profile};
use ladder_core::path::Start;
use ladder_core::resolve::{Scratch, write_json};
use serde::Deserialize;

use crate::error::{ApiError, WebError};
use crate::state::AppState;

fn json_bytes(bytes: axum::body::Bytes) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=60"),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /roles`.
pub async fn roles(State(state): State<Arc<AppState>>) -> Response {
    json_bytes(state.site().roles_json.clone())
}

/// `GET /roles/{id}`.
pub async fn role(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let site = state.site();
    let bytes = site.role_json.get(&id).ok_or(WebError::NotFound("role"))?;
    Ok(json_bytes(bytes.clone()))
}

/// `GET /ladder`.
pub async fn ladder(State(state): State<Arc<AppState>>) -> Json<serde_json::Value> {
    let site = state.site();
    let v = &site.version;
    Json(serde_json::json!({
        "id": v.id, "kind": v.kind, "name": v.name, "label": v.label,
        "sha256": v.sha256, "created_at": v.created_at,
        "roles": site.ladder.roles.len(),
        "competencies": site.ladder.competencies.items.len(),
    }))
}

/// `from` and `to` query parameters.
#[derive(Deserialize)]
pub struct Pair {
    from: String,
    to: String,
    #[serde(default)]
    company: Option<String>,
    #[serde(default)]
    runs: Option<u64>,
    #[serde(default)]
    seed: Option<u64>,
}

fn unknown_role(id: &str) -> WebError {
    WebError::BadRequest(format!(
        "no role has the id `{id}`; GET /api/v1/roles lists them"
    ))
}

/// `GET /compare?from=&to=`.
pub async fn compare(
    State(state): State<Arc<AppState>>,
    Query(q): Query<Pair>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let site = state.site();
    let l = &site.ladder;
    let from = l.role(&q.from).ok_or_else(|| unknown_role(&q.from))?;
    let to = l.role(&q.to).ok_or_else(|| unknown_role(&q.to))?;
    let c = ladder_core::compare::compare(l, from, to);
    Ok(Json(
        serde_json::to_value(&c).map_err(|e| WebError::Internal(e.to_string()))?,
    ))
}

/// `q` and `company_size` query parameters.
#[derive(Deserialize)]
pub struct TitleQuery {
    q: String,
    #[serde(default)]
    company_size: Option<String>,
}

/// `GET /titles/resolve?q=`.
pub async fn resolve_title(
    State(state): State<Arc<AppState>>,
    Query(q): Query<TitleQuery>,
) -> Result<Response, ApiError> {
    Ok(json_bytes(
        resolve_json(&state, &q.q, q.company_size.as_deref())?.into(),
    ))
}

/// The resolver's JSON record for one title (shared with the titles page).
pub fn resolve_json(
    state: &AppState,
    title: &str,
    size: Option<&str>,
) -> Result<Vec<u8>, WebError> {
    if title.len() > 500 {
        return Err(WebError::BadRequest(
            "the title is longer than 500 bytes".into(),
        ));
    }
    let site = state.site();
    let table = match size.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => {
            let spec: SizeSpec = s.parse().expect("parsing a size never fails");
            let p =
                profile(&site.ladder, &spec).map_err(|e| WebError::BadRequest(e.to_string()))?;
            Some(site.resolver.relevel_table(p))
        }
        None => None,
    };
    let mut scratch = Scratch::default();
    let r = site.resolver.resolve(title, &mut scratch);
    let relevel = table.as_ref().map(|t| &t[r.role as usize]);
    let mut buf = Vec::new();
    write_json(&mut buf, &site.resolver, &r, relevel, None);
    Ok(buf)
}

/// Routes for the path planner (shared with the paths page).
pub fn plan(
    state: &AppState,
    from: &str,
    to: &str,
    company: Option<&str>,
) -> Result<ladder_core::path::Routes, WebError> {
    let site = state.site();
    let l = &site.ladder;
    let start = match from.strip_prefix("background:") {
        Some(b) => Start::Background(b.to_owned()),
        None => Start::Role(from.to_owned()),
    };
    let company = match company.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => Some(
            ladder_core::company::profile_with_speed(l, c)
                .map_err(|e| WebError::BadRequest(e.to_string()))?,
        ),
        None => None,
    };
    ladder_core::path::routes(l, &start, to, company)
        .map_err(|e| WebError::BadRequest(e.to_string()))
}

/// `GET /path?from=&to=&company=`.
pub async fn path(
    State(state): State<Arc<AppState>>,
    Query(q): Query<Pair>,
) -> Result<Json<ladder_core::path::Routes>, ApiError> {
    Ok(Json(plan(&state, &q.from, &q.to, q.company.as_deref())?))
}

/// Runs a simulation (shared with the paths page); at most 200 000 careers
/// per request so one request cannot hold a core for long.
pub fn run_simulation(
    state: &AppState,
    from: &str,
    to: &str,
    company: Option<&str>,
    runs: Option<u64>,
    seed: Option<u64>,
) -> Result<ladder_core::simulate::Outcome, WebError> {
    let runs = runs.unwrap_or(10_000);
    if !(1..=200_000).contains(&runs) {
        return Err(WebError::BadRequest(format!(
            "runs is {runs}; use 1 to 200000"
        )));
    }
    let site = state.site();
    let company = company
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .unwrap_or("scaleup");
    let req = ladder_core::simulate::Request {
        from,
        to,
        company,
        runs,
        seed: seed.unwrap_or(1),
    };
    ladder_core::simulate::simulate(&site.ladder, &req)
        .map_err(|e| WebError::BadRequest(e.to_string()))
}

/// `GET /simulate?from=&to=`.
pub async fn simulate(
    State(state): State<Arc<AppState>>,
    Query(q): Query<Pair>,
) -> Result<Json<ladder_core::simulate::Outcome>, ApiError> {
    let s = state.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        run_simulation(&s, &q.from, &q.to, q.company.as_deref(), q.runs, q.seed)
    })
    .await
    .map_err(|e| WebError::Internal(e.to_string()))??;
    Ok(Json(outcome))
}
