//! Endpoints that need a signed-in user. Each takes [`SignedIn`] and calls
//! one operation of the application, which enforces who may see what; the
//! route's guard has already turned away callers outside its audience.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use ladder_app::assessments::{AssessmentInput, AssessmentView};
use ladder_app::auth::NewToken;
use ladder_app::calibration::Calibration;
use ladder_app::evidence::EvidenceInput;
use ladder_app::growth::Growth;
use ladder_app::people::{NewPerson, PersonChange};
use ladder_app::review::Review;
use ladder_app::{Actor, LadderUpload};
use ladder_core::org::OrgReport;
use ladder_store::model::{ApiToken, AuditEntry, Evidence, LadderVersion, Team, User};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::error::ApiError;
use crate::line_query::LineQuery;
use crate::state::WebState;

type Api<T> = Result<Json<T>, ApiError>;
type Created<T> = Result<(StatusCode, Json<T>), ApiError>;

fn created<T>(value: T) -> Created<T> {
    Ok((StatusCode::CREATED, Json(value)))
}

/// `GET /me`: the user, their latest self-placement and the ladder in force.
pub async fn me(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
) -> Api<serde_json::Value> {
    let latest = state.app.my_latest(&u).await?;
    Ok(Json(serde_json::json!({
        "user": u,
        "latest_self_placement": latest.and_then(|v| v.report.placement),
        "ladder_version": state.app.ladder().version.id,
    })))
}

/// `POST /assessments/{id}/share`.
pub async fn share(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<AssessmentView> {
    Ok(Json(state.app.share_assessment(&u, id).await?))
}

/// `GET /me/growth`.
pub async fn my_growth(State(state): State<Arc<WebState>>, SignedIn(u): SignedIn) -> Api<Growth> {
    Ok(Json(state.app.growth(&u, u.id).await?))
}

/// `GET /me/review`.
pub async fn my_review(State(state): State<Arc<WebState>>, SignedIn(u): SignedIn) -> Api<Review> {
    Ok(Json(state.app.review(&u, u.id).await?))
}

/// `GET /people/{id}/review`.
pub async fn person_review(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<Review> {
    Ok(Json(state.app.review(&u, id).await?))
}

/// `GET /people/{id}/growth`.
pub async fn person_growth(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<Growth> {
    Ok(Json(state.app.growth(&u, id).await?))
}

/// `GET /me/assessments`.
pub async fn my_assessments(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<AssessmentView>> {
    Ok(Json(state.app.assessments_of(&u, u.id).await?))
}

/// `POST /me/assessments`.
pub async fn create_mine(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<AssessmentInput>,
) -> Created<AssessmentView> {
    created(state.app.create_assessment(&u, u.id, &input).await?)
}

/// `GET /assessments/{id}`.
pub async fn assessment(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<AssessmentView> {
    Ok(Json(state.app.assessment(&u, id).await?))
}

/// `PUT /assessments/{id}`.
pub async fn update(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
    Json(input): Json<AssessmentInput>,
) -> Api<AssessmentView> {
    Ok(Json(state.app.update_assessment(&u, id, &input).await?))
}

/// `GET /me/evidence`.
pub async fn my_evidence(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<Evidence>> {
    Ok(Json(state.app.evidence_of(&u, u.id).await?))
}

/// `POST /me/evidence`.
pub async fn add_evidence(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<EvidenceInput>,
) -> Created<Evidence> {
    created(state.app.record_evidence(&u, input).await?)
}

/// An API token to make.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenInput {
    /// What it is for (shown in the token list).
    pub name: String,
}

/// `GET /me/tokens`.
pub async fn my_tokens(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<ApiToken>> {
    Ok(Json(state.app.tokens(&u).await?))
}

/// `POST /me/tokens`.
pub async fn create_token(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<TokenInput>,
) -> Created<NewToken> {
    created(state.app.make_token(&u, &input.name).await?)
}

/// `DELETE /me/tokens/{id}`.
pub async fn delete_token(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Result<StatusCode, ApiError> {
    state.app.revoke_token(&u, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /people/{id}`.
pub async fn person(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<User> {
    Ok(Json(state.app.report(&u, id).await?))
}

/// `GET /people/{id}/assessments`.
pub async fn person_assessments(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Api<Vec<AssessmentView>> {
    state.app.report(&u, id).await?;
    Ok(Json(state.app.assessments_of(&u, id).await?))
}

/// `POST /people/{id}/assessments`.
pub async fn rate_person(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
    Json(input): Json<AssessmentInput>,
) -> Created<AssessmentView> {
    if id == u.id {
        return Err(ladder_app::AppError::BadRequest(
            "rate yourself with POST /api/v1/me/assessments".into(),
        )
        .into());
    }
    created(state.app.create_assessment(&u, id, &input).await?)
}

/// `Link` header of a paged list: the neighbouring and last pages, with
/// the same limit and filter.
fn page_links(path: &str, page: u32, pages: u32, per_page: u32, filter: &str) -> String {
    let link =
        |n: u32, rel: &str| format!("<{path}?page={n}&limit={per_page}{filter}>; rel=\"{rel}\"");
    let mut links = Vec::new();
    if page > 1 {
        links.push(link(page - 1, "prev"));
    }
    if page < pages {
        links.push(link(page + 1, "next"));
    }
    links.push(link(pages, "last"));
    links.join(", ")
}

/// A JSON page with `X-Total-Count` and `Link` headers (as GitHub's API).
fn paged<T: serde::Serialize>(body: T, total: i64, links: String) -> Response {
    let mut r = Json(body).into_response();
    let h = r.headers_mut();
    h.insert("x-total-count", total.into());
    if let Ok(v) = HeaderValue::from_str(&links) {
        h.insert(header::LINK, v);
    }
    r
}

/// `GET /reports?page=&limit=&role=&team=&ready=`: one page of lines, with the
/// total in `X-Total-Count` and the neighbouring pages in `Link`.
pub async fn reports(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Query(q): Query<LineQuery>,
) -> Result<Response, ApiError> {
    let page = state
        .app
        .team(&u, &q.filter()?, q.ready()?, q.page()?)
        .await?;
    let links = page_links(
        "/api/v1/reports",
        page.page,
        page.pages(),
        page.per_page,
        &q.filter_suffix(),
    );
    Ok(paged(page.lines, page.total, links))
}

/// `GET /heatmap?page=&limit=&role=&team=`: competency × person, a page at a time.
pub async fn heatmap(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Query(q): Query<LineQuery>,
) -> Result<Response, ApiError> {
    let request = q.page()?;
    let map = state.app.heatmap(&u, &q.filter()?, Some(request)).await?;
    let pages = ladder_app::team::page_count(map.total, request.per_page);
    let links = page_links(
        "/api/v1/heatmap",
        request.page,
        pages,
        request.per_page,
        &q.filter_suffix(),
    );
    let total = map.total;
    Ok(paged(map, total, links))
}

/// `GET /calibration?role=&team=`.
pub async fn calibration(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Query(q): Query<LineQuery>,
) -> Api<Calibration> {
    Ok(Json(state.app.calibration(&u, &q.filter()?).await?))
}

/// `?company_size=` of `GET /org`.
#[derive(Debug, Deserialize)]
pub struct OrgQuery {
    company_size: Option<String>,
}

/// `GET /org?company_size=`.
pub async fn org(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Query(q): Query<OrgQuery>,
) -> Api<OrgReport> {
    Ok(Json(
        state
            .app
            .org_report(Actor::User(&u), q.company_size.as_deref())
            .await?,
    ))
}

/// `GET /users`.
pub async fn users(State(state): State<Arc<WebState>>, SignedIn(u): SignedIn) -> Api<Vec<User>> {
    Ok(Json(state.app.people(Actor::User(&u)).await?))
}

/// `POST /users`.
pub async fn add_user(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<NewPerson>,
) -> Created<User> {
    created(state.app.add_person(Actor::User(&u), input).await?)
}

/// `PATCH /users/{id}`.
pub async fn change_user(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
    Json(input): Json<PersonChange>,
) -> Api<User> {
    Ok(Json(
        state.app.change_person(Actor::User(&u), id, input).await?,
    ))
}

/// `GET /teams`.
pub async fn teams(State(state): State<Arc<WebState>>, SignedIn(u): SignedIn) -> Api<Vec<Team>> {
    Ok(Json(state.app.teams(Actor::User(&u)).await?))
}

/// A team to make.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamInput {
    /// Unique name.
    pub name: String,
}

/// `POST /teams`.
pub async fn add_team(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Json(input): Json<TeamInput>,
) -> Created<Team> {
    created(state.app.add_team(Actor::User(&u), &input.name).await?)
}

/// `GET /ladders`.
pub async fn ladders(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
) -> Api<Vec<LadderVersion>> {
    Ok(Json(state.app.ladder_versions(Actor::User(&u)).await?))
}

/// `POST /ladders` with the TOML file as the body.
pub async fn upload_ladder(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    body: String,
) -> Result<impl IntoResponse, ApiError> {
    created(
        state
            .app
            .upload_ladder(Actor::User(&u), LadderUpload::Toml(&body))
            .await?,
    )
}

/// `limit` query parameter.
#[derive(Deserialize)]
pub struct Limit {
    #[serde(default)]
    limit: Option<i64>,
}

/// `GET /audit`.
pub async fn audit(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Query(q): Query<Limit>,
) -> Api<Vec<AuditEntry>> {
    Ok(Json(
        state
            .app
            .audit_log(Actor::User(&u), q.limit.unwrap_or(100))
            .await?,
    ))
}
