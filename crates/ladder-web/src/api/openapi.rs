//! The OpenAPI 3.1 document, built from [`super::ENDPOINTS`] and the request
//! types' JSON Schemas (schemars writes JSON Schema 2020-12, the dialect
//! OpenAPI 3.1 uses), once per process.

use std::sync::{Arc, OnceLock};

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use schemars::JsonSchema;
use serde_json::{Map, Value, json};

use super::{Audience, Body, ENDPOINTS};
use crate::state::WebState;

/// `T`'s schema with every sub-schema inline: a `$defs` reference would
/// point at the document's root, where there is none.
fn schema_of<T: JsonSchema>() -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .with(|s| s.inline_subschemas = true)
        .into_generator();
    let mut v =
        serde_json::to_value(generator.into_root_schema_for::<T>()).expect("schemas serialise");
    if let Some(o) = v.as_object_mut() {
        o.remove("$schema");
    }
    v
}

/// The document.
pub fn document() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(build)
}

fn build() -> Value {
    let mut paths = Map::new();
    for e in ENDPOINTS {
        let mut op = Map::new();
        op.insert("summary".into(), json!(e.summary));
        op.insert(
            "operationId".into(),
            json!(format!("{} {}", e.method.as_str().to_lowercase(), e.path)),
        );
        let who = match e.audience {
            Audience::Public => "Anyone.",
            Audience::Member => {
                "Any signed-in user; their own data (managers: their reports' too)."
            }
            Audience::Manager => "Managers (their reports, direct and indirect) and admins.",
            Audience::Admin => "Admins only.",
        };
        op.insert("description".into(), json!(who));
        let mut params: Vec<Value> = e
            .path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .map(|name| json!({"name": name, "in": "path", "required": true, "schema": {"type": if name == "id" && !e.path.starts_with("/roles") { "integer" } else { "string" }}}))
            .collect();
        params.extend(e.query.iter().map(|(name, required, d)| {
            json!({"name": name, "in": "query", "required": required, "description": d, "schema": {"type": "string"}})
        }));
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        if let Some(body) = e.body {
            let content = match body {
                Body::Ladder => {
                    json!({"text/plain": {"schema": {"$ref": "#/components/schemas/LadderSource"}}})
                }
                Body::Roster => json!({
                    "text/csv": {"schema": {"type": "string", "description": "The roster as CSV (comma, semicolon or tab), with a header row"}},
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "contentMediaType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}}
                }),
                Body::Json(name) => {
                    json!({"application/json": {"schema": {"$ref": format!("#/components/schemas/{name}")}}})
                }
            };
            op.insert(
                "requestBody".into(),
                json!({"required": true, "content": content}),
            );
        }
        let ok = match e.method.as_str() {
            // An import reports what it did; it makes no one resource.
            "POST" if e.body == Some(Body::Roster) => "200",
            "POST" => "201",
            "DELETE" => "204",
            _ => "200",
        };
        let mut responses = Map::new();
        responses.insert(
            ok.into(),
            json!({"description": "Success", "content": {"application/json": {}}}),
        );
        responses.insert(
            "400".into(),
            json!({"$ref": "#/components/responses/Error"}),
        );
        if e.audience != Audience::Public {
            responses.insert(
                "401".into(),
                json!({"$ref": "#/components/responses/Error"}),
            );
            responses.insert(
                "403".into(),
                json!({"$ref": "#/components/responses/Error"}),
            );
            op.insert("security".into(), json!([{"bearer": []}, {"session": []}]));
        }
        responses.insert(
            "404".into(),
            json!({"$ref": "#/components/responses/Error"}),
        );
        if e.body.is_some() {
            responses.insert(
                "422".into(),
                json!({"$ref": "#/components/responses/Error"}),
            );
        }
        op.insert("responses".into(), Value::Object(responses));
        let item = paths
            .entry(e.path.to_owned())
            .or_insert_with(|| Value::Object(Map::new()));
        item.as_object_mut()
            .expect("path items are objects")
            .insert(e.method.as_str().to_lowercase(), Value::Object(op));
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "ladder API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "The career ladder, title resolution, path planning and assessments. Public endpoints need nothing; the rest take an API token (`Authorization: Bearer lt_…`, made at /me or POST /api/v1/me/tokens) or a browser session plus an `X-CSRF-Token` header on changes."
        },
        "servers": [{"url": "/api/v1"}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "An API token"},
                "session": {"type": "apiKey", "in": "cookie", "name": crate::auth::SESSION_COOKIE}
            },
            "responses": {
                "Error": {
                    "description": "An error: what went wrong and what to do, with located problems for invalid input",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
                }
            },
            "schemas": {
                "AssessmentInput": schema_of::<ladder_app::assessments::AssessmentInput>(),
                "EvidenceInput": schema_of::<ladder_app::evidence::EvidenceInput>(),
                "TokenInput": schema_of::<super::private::TokenInput>(),
                "TeamInput": schema_of::<super::private::TeamInput>(),
                "NewPerson": schema_of::<ladder_app::people::NewPerson>(),
                "PersonChange": schema_of::<ladder_app::people::PersonChange>(),
                "RoleConfirmation": schema_of::<super::directory::RoleConfirmation>(),
                "LadderSource": {"type": "string", "description": "A ladder file (TOML text, sent as text/plain or application/toml); see docs/ladder-format.md"},
                "Error": {
                    "type": "object",
                    "required": ["error", "status"],
                    "properties": {
                        "error": {"type": "string"},
                        "status": {"type": "integer"},
                        "problems": {"type": "array", "items": {"type": "object", "properties": {"at": {"type": "string"}, "message": {"type": "string"}}}}
                    }
                }
            }
        }
    })
}

/// `GET /openapi.json`.
pub async fn serve(State(_): State<Arc<WebState>>) -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json")],
        serde_json::to_string(document()).expect("the document serialises"),
    )
}
