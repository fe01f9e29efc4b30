//! Endpoints for bringing people in and letting them go: a roster import
//! (a dry run unless `apply=true`), deactivation, and confirming the roles
//! an import was not sure of. Admins only (the routes' guard), and each
//! calls one operation of the application.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use ladder_app::Actor;
use ladder_app::import::{ImportChoice, ImportReport, read_roster};
use ladder_core::model::RoleId;
use ladder_core::roster::HeaderMap;
use ladder_store::model::User;
use schemars::JsonSchema;
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::error::ApiError;
use crate::state::WebState;

type Api<T> = Result<Json<T>, ApiError>;

/// The query of `POST /people/import`.
#[derive(Deserialize)]
pub struct ImportQuery {
    #[serde(default)]
    apply: Option<String>,
    #[serde(default)]
    deactivate_missing: Option<String>,
    #[serde(default)]
    threshold: Option<String>,
    #[serde(default)]
    planned_against: Option<String>,
}

/// `true`/`false` (also `1`/`0`, `yes`/`no`), naming the parameter when
/// it is neither.
fn flag(v: Option<&str>, name: &str) -> Result<bool, ApiError> {
    match v.map(str::trim) {
        None | Some("" | "false" | "0" | "no") => Ok(false),
        Some("true" | "1" | "yes") => Ok(true),
        Some(other) => Err(bad(format!("{name}=`{other}`: use true or false"))),
    }
}

fn bad(message: String) -> ApiError {
    ApiError::from(ladder_app::AppError::BadRequest(message))
}

/// `POST /people/import`: the body is the roster (CSV text or an .xlsx
/// workbook).
pub async fn import(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Query(q): Query<ImportQuery>,
    body: Bytes,
) -> Api<ImportReport> {
    let threshold = match q.threshold.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => match t.parse::<f32>() {
            Ok(v) if (0.0..=1.0).contains(&v) => Some(v),
            _ => return Err(bad(format!("threshold=`{t}`: use a number from 0 to 1"))),
        },
    };
    let planned_against = match q.planned_against.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(v.parse::<i64>().map_err(|_| {
            bad(format!(
                "planned_against=`{v}`: use the people_version of the plan you read"
            ))
        })?),
    };
    let choice = ImportChoice {
        apply: flag(q.apply.as_deref(), "apply")?,
        deactivate_missing: flag(q.deactivate_missing.as_deref(), "deactivate_missing")?,
        threshold,
        source: "API upload".to_owned(),
        planned_against,
    };
    let roster = read_roster(&body, &HeaderMap::default())?;
    Ok(Json(
        state
            .app
            .import_roster(Actor::User(&u), roster, choice)
            .await?,
    ))
}

/// `POST /users/{id}/deactivate`.
pub async fn deactivate(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<User> {
    Ok(Json(
        state.app.set_active(Actor::User(&u), id, false).await?,
    ))
}

/// `POST /users/{id}/reactivate`.
pub async fn reactivate(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<User> {
    Ok(Json(state.app.set_active(Actor::User(&u), id, true).await?))
}

/// `GET /users/roles-to-confirm`.
pub async fn roles_to_confirm(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<User>> {
    Ok(Json(state.app.roles_to_confirm(Actor::User(&u)).await?))
}

/// The body of `PUT /users/{id}/role`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleConfirmation {
    /// The role id on the ladder in force; `null` for no role on the ladder.
    pub role: Option<RoleId>,
}

/// `PUT /users/{id}/role`.
pub async fn confirm_role(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
    Json(input): Json<RoleConfirmation>,
) -> Api<User> {
    Ok(Json(
        state
            .app
            .confirm_role(Actor::User(&u), id, input.role)
            .await?,
    ))
}

/// `POST /users/{id}/invite`: 201, a link was made.
pub async fn invite(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Result<
    (
        axum::http::StatusCode,
        Json<ladder_app::invites::HandedLink>,
    ),
    ApiError,
> {
    let link = state.app.invite(Actor::User(&u), id).await?;
    Ok((axum::http::StatusCode::CREATED, Json(link)))
}
