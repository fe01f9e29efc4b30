//! SCIM 2.0 (RFC 7643, RFC 7644) under `/scim/v2`: an identity provider
//! keeps the app's people (`/Users`, with the enterprise extension) and
//! teams (`/Groups`) in step with its directory.
//!
//! This layer only speaks the protocol: it checks the bearer token (a SCIM
//! token, never a person's), reads and writes `application/scim+json`,
//! applies PATCH operations to the resource as it stands and answers every
//! error in SCIM's error shape with its `scimType`. What may be done, and
//! every rule of it, is in `ladder_app::provisioning`.

mod discovery;
mod filter;
mod groups;
pub mod patch;
mod users;

use std::sync::Arc;

use axum::Router;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use ladder_app::AppError;
use ladder_app::provisioning::Directory;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::state::WebState;

/// SCIM's media type.
const SCIM_JSON: &str = "application/scim+json";

/// An error in SCIM's shape.
#[derive(Debug)]
pub struct ScimError {
    status: StatusCode,
    scim_type: Option<&'static str>,
    detail: String,
}

impl ScimError {
    fn new(status: StatusCode, scim_type: Option<&'static str>, detail: impl Into<String>) -> Self {
        ScimError {
            status,
            scim_type,
            detail: detail.into(),
        }
    }

    /// A 400 with its SCIM error type.
    fn bad(scim_type: &'static str, detail: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, Some(scim_type), detail)
    }
}

impl From<AppError> for ScimError {
    fn from(e: AppError) -> Self {
        match &e {
            AppError::Unauthorized => Self::new(
                StatusCode::UNAUTHORIZED,
                None,
                "send a SCIM token as Authorization: Bearer (an admin makes one with `ladder user scim-token`)",
            ),
            AppError::Forbidden(_) => Self::new(StatusCode::FORBIDDEN, None, e.to_string()),
            AppError::NotFound(what) => {
                Self::new(StatusCode::NOT_FOUND, None, format!("no such {what}"))
            }
            AppError::BadRequest(m) => Self::bad("invalidValue", m.clone()),
            AppError::Invalid { summary, .. } => Self::bad("invalidValue", summary.clone()),
            AppError::Conflict(m) => Self::new(StatusCode::CONFLICT, Some("uniqueness"), m.clone()),
            _ => Self::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                None,
                "the server could not do this; see its log",
            ),
        }
    }
}

impl IntoResponse for ScimError {
    fn into_response(self) -> Response {
        let mut body = json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
            "status": self.status.as_u16().to_string(),
            "detail": self.detail,
        });
        if let Some(t) = self.scim_type {
            body["scimType"] = json!(t);
        }
        let mut r = scim_json(self.status, &body);
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"scim\""),
            );
        }
        r
    }
}

/// A SCIM answer.
fn scim_json(status: StatusCode, body: &Value) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, HeaderValue::from_static(SCIM_JSON))],
        body.to_string(),
    )
        .into_response()
}

type Scim = Result<Response, ScimError>;

/// The directory signing a request, from its bearer token.
pub struct Signed(pub Directory);

impl FromRequestParts<Arc<WebState>> for Signed {
    type Rejection = ScimError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<WebState>,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .ok_or(ScimError::from(AppError::Unauthorized))?;
        Ok(Signed(state.app.directory(token).await?))
    }
}

/// The address of `/scim/v2` as the client reached it (for `meta.location`).
fn base(state: &WebState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}/scim/v2")
}

/// A request body as JSON, whatever its content type says (directories
/// send `application/scim+json` or `application/json`).
fn json_body(bytes: &[u8]) -> Result<Value, ScimError> {
    serde_json::from_slice(bytes).map_err(|e| {
        ScimError::bad(
            "invalidSyntax",
            format!("the body is not JSON ({e}); send a SCIM resource as application/scim+json"),
        )
    })
}

/// `?filter=&startIndex=&count=&attributes=&excludedAttributes=` (or the
/// same in a `POST …/.search` body).
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    filter: Option<String>,
    #[serde(default, rename = "startIndex")]
    start_index: Option<String>,
    #[serde(default)]
    count: Option<String>,
    #[serde(default)]
    attributes: Option<String>,
    #[serde(default, rename = "excludedAttributes")]
    excluded_attributes: Option<String>,
}

impl ListQuery {
    /// A `.search` request's body as a query.
    fn from_search(body: &Value) -> Result<ListQuery, ScimError> {
        let text = |k: &str| match body.get(k) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(Value::Array(a)) => Some(
                a.iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
            ),
            Some(other) => Some(other.to_string()),
        };
        if !body.is_object() {
            return Err(ScimError::bad(
                "invalidSyntax",
                "a search request is a JSON object",
            ));
        }
        Ok(ListQuery {
            filter: text("filter"),
            start_index: text("startIndex"),
            count: text("count"),
            attributes: text("attributes"),
            excluded_attributes: text("excludedAttributes"),
        })
    }

    /// Keeps the attributes asked for, or drops those excluded.
    fn project(&self, v: &mut Value) {
        project(
            v,
            self.attributes.as_deref(),
            self.excluded_attributes.as_deref(),
        );
    }
}

/// Splits `a,b.c,urn:…:d` into (URN, attribute, sub-attribute) triples.
fn attribute_list(list: &str) -> Vec<(Option<String>, String, Option<String>)> {
    list.split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .filter_map(|a| {
            let p = filter::patch_path(a)?;
            Some((p.urn, p.attr, p.sub))
        })
        .collect()
}

/// RFC 7644 §3.9: with `attributes`, only those (and `id` and `schemas`)
/// are returned; with `excludedAttributes`, those are not.
fn project(v: &mut Value, attributes: Option<&str>, excluded: Option<&str>) {
    let Value::Object(o) = v else { return };
    let same = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    if let Some(list) = attributes.filter(|l| !l.trim().is_empty()) {
        let wanted = attribute_list(list);
        let keys: Vec<String> = o.keys().cloned().collect();
        for k in keys {
            if same(&k, "id") || same(&k, "schemas") {
                continue;
            }
            let is_urn = k.to_ascii_lowercase().starts_with("urn:");
            let asked: Vec<&(Option<String>, String, Option<String>)> = wanted
                .iter()
                .filter(|(urn, attr, _)| match urn {
                    Some(u) => is_urn && same(u, &k),
                    None => same(attr, &k) || (is_urn && same(attr, &k)),
                })
                .collect();
            if asked.is_empty() {
                o.remove(&k);
                continue;
            }
            // Inside an extension or a complex attribute, keep what was named.
            if let Some(Value::Object(inner)) = o.get_mut(&k) {
                let names: Vec<&str> = asked
                    .iter()
                    .filter_map(|(urn, attr, sub)| {
                        if urn.is_some() {
                            Some(attr.as_str())
                        } else {
                            sub.as_deref()
                        }
                    })
                    .collect();
                if !names.is_empty() {
                    inner.retain(|ik, _| names.iter().any(|n| same(n, ik)));
                }
            }
        }
    }
    if let Some(list) = excluded {
        for (urn, attr, sub) in attribute_list(list) {
            if same(&attr, "id") || same(&attr, "schemas") {
                continue;
            }
            let key = match &urn {
                Some(u) => o.keys().find(|k| same(k, u)).cloned(),
                None => o.keys().find(|k| same(k, &attr)).cloned(),
            };
            let Some(key) = key else { continue };
            match (&urn, &sub) {
                (Some(_), _) => {
                    if let Some(Value::Object(inner)) = o.get_mut(&key) {
                        inner.retain(|ik, _| !same(ik, &attr));
                    }
                }
                (None, Some(sub)) => {
                    if let Some(Value::Object(inner)) = o.get_mut(&key) {
                        inner.retain(|ik, _| !same(ik, sub));
                    }
                }
                (None, None) => {
                    o.remove(&key);
                }
            }
        }
    }
}

impl ListQuery {
    /// (0-based start, count): startIndex from 1 (values below are 1),
    /// count 0 to 1,000 (default 100).
    fn window(&self) -> Result<(i64, i64), ScimError> {
        let number =
            |v: &Option<String>, name: &str, default: i64| match v.as_deref().map(str::trim) {
                None | Some("") => Ok(default),
                Some(t) => t.parse::<i64>().map_err(|_| {
                    ScimError::bad(
                        "invalidValue",
                        format!("{name}=`{t}` is not a whole number"),
                    )
                }),
            };
        let start = number(&self.start_index, "startIndex", 1)?.max(1) - 1;
        let count = number(&self.count, "count", 100)?.clamp(0, 1000);
        Ok((start, count))
    }
}

/// A ListResponse.
fn list_response(resources: Vec<Value>, total: i64, start: i64) -> Response {
    scim_json(
        StatusCode::OK,
        &json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
            "totalResults": total,
            "startIndex": start + 1,
            "itemsPerPage": resources.len(),
            "Resources": resources,
        }),
    )
}

/// An id in a path: the app's ids are numbers, so anything else is no one.
fn id_of(text: &str, what: &'static str) -> Result<i64, ScimError> {
    text.parse()
        .map_err(|_| ScimError::from(AppError::NotFound(what)))
}

async fn service_provider_config(
    State(state): State<Arc<WebState>>,
    headers: HeaderMap,
) -> Response {
    scim_json(
        StatusCode::OK,
        &discovery::service_provider_config(&base(&state, &headers)),
    )
}

async fn resource_types(State(state): State<Arc<WebState>>, headers: HeaderMap) -> Response {
    let all = discovery::resource_types(&base(&state, &headers));
    let n = all.len() as i64;
    list_response(all, n, 0)
}

async fn resource_type(
    State(state): State<Arc<WebState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Scim {
    discovery::resource_types(&base(&state, &headers))
        .into_iter()
        .find(|t| t["id"] == id)
        .map(|t| scim_json(StatusCode::OK, &t))
        .ok_or_else(|| ScimError::from(AppError::NotFound("resource type")))
}

async fn schemas(State(state): State<Arc<WebState>>, headers: HeaderMap) -> Response {
    let all = discovery::schemas(&base(&state, &headers));
    let n = all.len() as i64;
    list_response(all, n, 0)
}

async fn schema(
    State(state): State<Arc<WebState>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Scim {
    discovery::schemas(&base(&state, &headers))
        .into_iter()
        .find(|s| s["id"] == id)
        .map(|s| scim_json(StatusCode::OK, &s))
        .ok_or_else(|| ScimError::from(AppError::NotFound("schema")))
}

/// Reads any bytes as the server reads a SCIM request body: a User, a
/// Group, and PATCH operations applied to a user; for the `scim_body` fuzz
/// target (outside input must never panic the server). Returns whether
/// each read.
pub fn read_body(bytes: &[u8]) -> [bool; 3] {
    let Ok(v) = json_body(bytes) else {
        return [false; 3];
    };
    let user = users::from_json(v.clone()).is_ok();
    let group = groups::from_json(v.clone()).is_ok();
    let mut doc = json!({
        "schemas": [discovery::USER],
        "userName": "ada@acme.io",
        "emails": [{"value": "ada@acme.io", "primary": true}],
        "name": {"givenName": "Ada"},
    });
    let patched = doc
        .as_object_mut()
        .is_some_and(|d| patch::apply(d, &v).is_ok());
    if patched {
        let _ = users::from_json(doc);
    }
    [user, group, patched]
}

/// `POST /.search` across resource types: not supported (RFC 7644 §3.12
/// answers 501); search `/Users/.search` or `/Groups/.search`.
async fn search_everything() -> ScimError {
    ScimError::new(
        StatusCode::NOT_IMPLEMENTED,
        None,
        "searching every resource type at once is not supported: POST /Users/.search or /Groups/.search",
    )
}

/// The SCIM router, mounted at `/scim/v2`. Discovery needs no token (RFC
/// 7644 §4 lets it be read without one); everything else does.
pub fn routes() -> Router<Arc<WebState>> {
    Router::new()
        .route("/ServiceProviderConfig", get(service_provider_config))
        .route("/ResourceTypes", get(resource_types))
        .route("/ResourceTypes/{id}", get(resource_type))
        .route("/Schemas", get(schemas))
        .route("/Schemas/{id}", get(schema))
        .route("/Users", get(users::list).post(users::create))
        .route("/.search", post(search_everything))
        .route("/Users/.search", post(users::search))
        .route("/Groups/.search", post(groups::search))
        .route(
            "/Users/{id}",
            get(users::show)
                .put(users::replace)
                .patch(users::patch)
                .delete(users::delete),
        )
        .route("/Groups", get(groups::list).post(groups::create))
        .route(
            "/Groups/{id}",
            get(groups::show)
                .put(groups::replace)
                .patch(groups::patch)
                .delete(groups::delete),
        )
        .fallback(|| async { ScimError::from(AppError::NotFound("SCIM endpoint")).into_response() })
}
