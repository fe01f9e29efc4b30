//! Endpoints that need a signed-in user. Each one takes [`SignedIn`] and
//! calls `service` or `access`, which enforce who may see what.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use ladder_store::model::{ApiToken, AuditEntry, Evidence, LadderVersion, NewEvidence, Team, User};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::access;
use crate::auth::SignedIn;
use crate::error::{ApiError, WebError};
use crate::service::{self, AssessmentInput, AssessmentView, ReportLine, UserChange, UserInput};
use crate::state::AppState;

type Api<T> = Result<Json<T>, ApiError>;

/// `GET /me`: the user, their current role and the ladder in force.
pub async fn me(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
) -> Api<serde_json::Value> {
    let latest = match state.store.latest_submitted(u.id, "self").await? {
        Some(row) => Some(service::view(&state, row).await?.report.placement),
        None => None,
    };
    Ok(Json(serde_json::json!({
        "user": u,
        "latest_self_placement": latest.flatten(),
        "ladder_version": state.site().version.id,
    })))
}

/// `GET /me/assessments`.
pub async fn my_assessments(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<AssessmentView>> {
    Ok(Json(service::history(&state, &u, u.id).await?))
}

/// `POST /me/assessments`.
pub async fn create_mine(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<AssessmentInput>,
) -> Result<impl IntoResponse, ApiError> {
    let row = service::create_assessment(&state, &u, u.id, &input).await?;
    Ok((StatusCode::CREATED, Json(service::view(&state, row).await?)))
}

/// `GET /assessments/{id}`.
pub async fn assessment(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<AssessmentView> {
    Ok(Json(service::view_assessment(&state, &u, id).await?))
}

/// `PUT /assessments/{id}`.
pub async fn update(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
    Json(input): Json<AssessmentInput>,
) -> Api<AssessmentView> {
    let row = service::update_assessment(&state, &u, id, &input).await?;
    Ok(Json(service::view(&state, row).await?))
}

/// Evidence as a script sends it.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct EvidenceInput {
    /// What happened.
    pub text: String,
    /// Competency ids it shows.
    #[serde(default)]
    pub competencies: Vec<String>,
    /// The assessment it supports.
    #[serde(default)]
    pub assessment_id: Option<i64>,
}

/// Checks and stores evidence for oneself (shared with the page).
pub async fn record_evidence(
    state: &AppState,
    u: &User,
    input: EvidenceInput,
) -> Result<Evidence, WebError> {
    let text = input.text.trim();
    if text.is_empty() || text.len() > 10_000 {
        return Err(WebError::BadRequest(
            "evidence text must be 1 to 10000 bytes".into(),
        ));
    }
    let site = state.site();
    if let Some(bad) = input
        .competencies
        .iter()
        .find(|c| site.ladder.competencies.item(c).is_none())
    {
        return Err(WebError::BadRequest(format!(
            "`{bad}` is not a competency of the ladder in force"
        )));
    }
    if let Some(a) = input.assessment_id {
        let row = state
            .store
            .assessment(a)
            .await?
            .ok_or(WebError::NotFound("assessment"))?;
        if row.subject_id != u.id {
            return Err(WebError::NotFound("assessment"));
        }
    }
    Ok(state
        .store
        .add_evidence(NewEvidence {
            user_id: u.id,
            author_id: u.id,
            assessment_id: input.assessment_id,
            text: text.to_owned(),
            competencies: input.competencies,
        })
        .await?)
}

/// `GET /me/evidence`.
pub async fn my_evidence(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<Evidence>> {
    Ok(Json(state.store.evidence_of(u.id).await?))
}

/// `POST /me/evidence`.
pub async fn add_evidence(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<EvidenceInput>,
) -> Result<impl IntoResponse, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(record_evidence(&state, &u, input).await?),
    ))
}

/// An API token to make.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct TokenInput {
    /// What it is for (shown in the token list).
    pub name: String,
}

/// A token as made: the secret is shown this once.
#[derive(Debug, Serialize)]
pub struct NewToken {
    /// The stored record.
    #[serde(flatten)]
    pub record: ApiToken,
    /// The token; send it as `Authorization: Bearer TOKEN`.
    pub token: String,
}

/// Makes an API token (shared with the page).
pub async fn make_token(state: &AppState, u: &User, name: &str) -> Result<NewToken, WebError> {
    let name = name.trim();
    if name.is_empty() || name.len() > 100 {
        return Err(WebError::BadRequest(
            "name the token (1 to 100 bytes)".into(),
        ));
    }
    let token = crate::auth::new_token("lt_");
    let record = state
        .store
        .create_token(u.id, name, &crate::auth::token_hash(&token))
        .await?;
    Ok(NewToken { record, token })
}

/// `GET /me/tokens`.
pub async fn my_tokens(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<ApiToken>> {
    Ok(Json(state.store.tokens(u.id).await?))
}

/// `POST /me/tokens`.
pub async fn create_token(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<TokenInput>,
) -> Result<impl IntoResponse, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(make_token(&state, &u, &input.name).await?),
    ))
}

/// `DELETE /me/tokens/{id}`.
pub async fn delete_token(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    if state.store.delete_token(u.id, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(WebError::NotFound("token").into())
    }
}

/// `GET /people/{id}`.
pub async fn person(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<User> {
    access::require_manager(&u)?;
    Ok(Json(access::visible_user(&state, &u, id).await?))
}

/// `GET /people/{id}/assessments`.
pub async fn person_assessments(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<Vec<AssessmentView>> {
    access::require_manager(&u)?;
    Ok(Json(service::history(&state, &u, id).await?))
}

/// `POST /people/{id}/assessments`.
pub async fn rate_person(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
    Json(input): Json<AssessmentInput>,
) -> Result<impl IntoResponse, ApiError> {
    access::require_manager(&u)?;
    if id == u.id {
        return Err(
            WebError::BadRequest("rate yourself with POST /api/v1/me/assessments".into()).into(),
        );
    }
    let row = service::create_assessment(&state, &u, id, &input).await?;
    Ok((StatusCode::CREATED, Json(service::view(&state, row).await?)))
}

/// `GET /reports`.
pub async fn reports(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<ReportLine>> {
    Ok(Json(service::team(&state, &u).await?))
}

/// `GET /users`.
pub async fn users(State(state): State<Arc<AppState>>, SignedIn(u): SignedIn) -> Api<Vec<User>> {
    access::require_admin(&u)?;
    Ok(Json(state.store.users().await?))
}

/// `POST /users`.
pub async fn add_user(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<UserInput>,
) -> Result<impl IntoResponse, ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(service::add_user(&state, &u, input).await?),
    ))
}

/// `PATCH /users/{id}`.
pub async fn change_user(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
    Json(input): Json<UserChange>,
) -> Api<User> {
    Ok(Json(service::change_user(&state, &u, id, input).await?))
}

/// `GET /teams`.
pub async fn teams(State(state): State<Arc<AppState>>, SignedIn(u): SignedIn) -> Api<Vec<Team>> {
    access::require_admin(&u)?;
    Ok(Json(state.store.teams().await?))
}

/// A team to make.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct TeamInput {
    /// Unique name.
    pub name: String,
}

/// `POST /teams`.
pub async fn add_team(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<TeamInput>,
) -> Result<impl IntoResponse, ApiError> {
    access::require_admin(&u)?;
    if input.name.trim().is_empty() {
        return Err(WebError::BadRequest("the team name is empty".into()).into());
    }
    Ok((
        StatusCode::CREATED,
        Json(state.store.create_team(&input.name, Some(u.id)).await?),
    ))
}

/// `GET /ladders`.
pub async fn ladders(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<LadderVersion>> {
    access::require_admin(&u)?;
    Ok(Json(state.store.ladders().await?))
}

/// `POST /ladders` with the TOML file as the body.
pub async fn upload_ladder(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    body: String,
) -> Result<impl IntoResponse, ApiError> {
    let v = service::upload_ladder(&state, &u, &body).await?;
    Ok((StatusCode::CREATED, Json(v)))
}

/// `limit` query parameter.
#[derive(Deserialize)]
pub struct Limit {
    #[serde(default)]
    limit: Option<i64>,
}

/// `GET /audit`.
pub async fn audit(
    State(state): State<Arc<AppState>>,
    SignedIn(u): SignedIn,
    Query(q): Query<Limit>,
) -> Api<Vec<AuditEntry>> {
    access::require_admin(&u)?;
    Ok(Json(
        state
            .store
            .audit_log(q.limit.unwrap_or(100).clamp(1, 1000))
            .await?,
    ))
}
