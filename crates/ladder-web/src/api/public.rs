//! Public endpoints: the ladder, comparisons, title resolution, paths and
//! simulation. The role list and role records are served from the bytes
//! rendered when the ladder version was first asked for.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use ladder_app::tools::TitleMatch;
use ladder_core::path::{Routes, Start};
use ladder_core::simulate::Outcome;
use serde::Deserialize;

use crate::error::{ApiError, WebError};
use crate::state::WebState;

type Api<T> = Result<Json<T>, ApiError>;

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
pub async fn roles(State(state): State<Arc<WebState>>) -> Response {
    json_bytes(state.site().roles_json.clone())
}

/// `GET /roles/{id}`.
pub async fn role(
    State(state): State<Arc<WebState>>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let site = state.site();
    let bytes = site.role_json.get(&id).ok_or(WebError::not_found("role"))?;
    Ok(json_bytes(bytes.clone()))
}

/// `GET /ladder`.
pub async fn ladder(State(state): State<Arc<WebState>>) -> Json<serde_json::Value> {
    let in_force = state.app.ladder();
    let v = &in_force.version;
    Json(serde_json::json!({
        "id": v.id, "kind": v.kind, "name": v.name, "label": v.label,
        "sha256": v.sha256, "created_at": v.created_at,
        "roles": in_force.ladder.roles.len(),
        "competencies": in_force.ladder.competencies.items.len(),
    }))
}

/// Query of the role-pair endpoints.
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

/// `GET /compare?from=&to=`.
pub async fn compare(
    State(state): State<Arc<WebState>>,
    Query(q): Query<Pair>,
) -> Api<serde_json::Value> {
    let value = state
        .app
        .compare(&q.from, &q.to, |_, c| serde_json::to_value(c))?
        .map_err(|e| ladder_app::AppError::Internal(e.to_string()))?;
    Ok(Json(value))
}

/// Query of the title resolver.
#[derive(Deserialize)]
pub struct TitleQuery {
    q: String,
    #[serde(default)]
    company_size: Option<String>,
}

/// `GET /titles/resolve?q=`.
pub async fn resolve_title(
    State(state): State<Arc<WebState>>,
    Query(q): Query<TitleQuery>,
) -> Api<TitleMatch> {
    Ok(Json(
        state.app.resolve_title(&q.q, q.company_size.as_deref())?,
    ))
}

/// `GET /path?from=&to=&company=`.
pub async fn path(State(state): State<Arc<WebState>>, Query(q): Query<Pair>) -> Api<Routes> {
    let from = Start::parse(&q.from);
    Ok(Json(state.app.plan(&from, &q.to, q.company.as_deref())?))
}

/// `GET /simulate?from=&to=`.
pub async fn simulate(State(state): State<Arc<WebState>>, Query(q): Query<Pair>) -> Api<Outcome> {
    Ok(Json(
        state
            .app
            .simulate(&q.from, &q.to, q.company.as_deref(), q.runs, q.seed)
            .await?,
    ))
}
