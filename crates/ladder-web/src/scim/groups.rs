//! `/Groups`: teams as SCIM resources. A person is in at most one team, so
//! adding someone to a group moves them from the team they were in.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use ladder_app::provisioning::{DirectoryTeam, group_extra};
use ladder_store::model::ScimGroup;
use serde_json::{Value, json};

use super::discovery::GROUP;
use super::{ListQuery, Scim, ScimError, Signed, base, id_of, json_body, list_response, scim_json};
use crate::state::WebState;

/// A team as a SCIM resource.
pub fn to_json(g: &ScimGroup, base: &str) -> Value {
    let mut o = group_extra(g);
    o.insert("schemas".into(), json!([GROUP]));
    o.insert("id".into(), json!(g.team.id.to_string()));
    if let Some(x) = g.scim.as_ref().and_then(|s| s.external_id.as_ref()) {
        o.insert("externalId".into(), json!(x));
    }
    o.insert("displayName".into(), json!(g.team.name));
    o.insert(
        "members".into(),
        Value::Array(
            g.members
                .iter()
                .map(|(id, _)| json!({"value": id.to_string(), "$ref": format!("{base}/Users/{id}")}))
                .collect(),
        ),
    );
    o.insert(
        "meta".into(),
        json!({
            "resourceType": "Group",
            "created": ladder_app::clock::rfc3339_of(g.team.created_at),
            "lastModified": ladder_app::clock::rfc3339_of(g.team.created_at),
            "location": format!("{base}/Groups/{}", g.team.id),
        }),
    );
    Value::Object(o)
}

/// Reads a Group resource.
pub fn from_json(body: Value) -> Result<DirectoryTeam, ScimError> {
    let Value::Object(o) = body else {
        return Err(ScimError::bad("invalidSyntax", "a Group is a JSON object"));
    };
    let named = o
        .get("schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|v| v == GROUP));
    if !named {
        return Err(ScimError::bad(
            "invalidSyntax",
            format!("schemas must list {GROUP}"),
        ));
    }
    let mut t = DirectoryTeam::default();
    for (k, v) in o {
        match k.as_str() {
            "schemas" | "id" | "meta" => {}
            "externalId" => t.external_id = v.as_str().map(str::to_owned),
            "displayName" => {
                t.name = v
                    .as_str()
                    .ok_or_else(|| ScimError::bad("invalidValue", "displayName must be a string"))?
                    .to_owned();
            }
            "members" => {
                let list = match v {
                    Value::Null => Vec::new(),
                    Value::Array(a) => a,
                    _ => return Err(ScimError::bad("invalidValue", "members must be a list")),
                };
                for (i, m) in list.iter().enumerate() {
                    let value = m.get("value").and_then(Value::as_str).unwrap_or("");
                    let from_ref = m
                        .get("$ref")
                        .and_then(Value::as_str)
                        .and_then(|r| r.trim_end_matches('/').rsplit('/').next())
                        .and_then(|id| id.parse::<i64>().ok());
                    let id = value.parse::<i64>().ok().or(from_ref).ok_or_else(|| {
                        ScimError::bad(
                            "invalidValue",
                            format!("members[{i}]: `{value}` is not the id of a user of this app (give it as value, or the user's address as $ref)"),
                        )
                    })?;
                    if !t.members.contains(&id) {
                        t.members.push(id);
                    }
                }
            }
            other => {
                return Err(ScimError::bad(
                    "invalidSyntax",
                    format!(
                        "`{other}` is not an attribute of a Group: this server reads displayName, members and externalId"
                    ),
                ));
            }
        }
    }
    if t.name.trim().is_empty() {
        return Err(ScimError::bad("invalidValue", "displayName is required"));
    }
    Ok(t)
}

/// `GET /Groups?filter=displayName eq "…"`.
pub async fn list(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Scim {
    listed(&state, &d, &headers, q).await
}

/// `POST /Groups/.search`: the same, with the query in the body.
pub async fn search(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Scim {
    let q = ListQuery::from_search(&json_body(&body)?)?;
    listed(&state, &d, &headers, q).await
}

async fn listed(
    state: &WebState,
    d: &ladder_app::provisioning::Directory,
    headers: &HeaderMap,
    q: ListQuery,
) -> Scim {
    let (start, count) = q.window()?;
    let name = match q.filter.as_deref() {
        None => None,
        Some(f) => match super::filter::equals(f) {
            Some(e) if e.attr == "displayname" => Some(e.value),
            _ => {
                return Err(ScimError::bad(
                    "invalidFilter",
                    format!(
                        "the filter `{f}` is not one this server reads: use displayName eq \"…\""
                    ),
                ));
            }
        },
    };
    let (teams, total) = state
        .app
        .directory_teams(d, name.as_deref(), start, count)
        .await?;
    let base = base(state, headers);
    let shown = teams
        .iter()
        .map(|g| {
            let mut v = to_json(g, &base);
            q.project(&mut v);
            v
        })
        .collect();
    Ok(list_response(shown, total, start))
}

/// `GET /Groups/{id}?attributes=&excludedAttributes=`.
pub async fn show(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Scim {
    let g = state.app.directory_team(&d, id_of(&id, "group")?).await?;
    let mut v = to_json(&g, &base(&state, &headers));
    q.project(&mut v);
    Ok(scim_json(StatusCode::OK, &v))
}

/// `POST /Groups`.
pub async fn create(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Scim {
    let team = from_json(json_body(&body)?)?;
    let g = state.app.provision_team(&d, None, team).await?;
    let base = base(&state, &headers);
    let mut r = scim_json(StatusCode::CREATED, &to_json(&g, &base));
    if let Ok(v) = format!("{base}/Groups/{}", g.team.id).parse() {
        r.headers_mut().insert(axum::http::header::LOCATION, v);
    }
    Ok(r)
}

/// `PUT /Groups/{id}`.
pub async fn replace(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Scim {
    let id = id_of(&id, "group")?;
    state.app.directory_team(&d, id).await?;
    let team = from_json(json_body(&body)?)?;
    let g = state.app.provision_team(&d, Some(id), team).await?;
    Ok(scim_json(
        StatusCode::OK,
        &to_json(&g, &base(&state, &headers)),
    ))
}

/// `PATCH /Groups/{id}`.
pub async fn patch(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Scim {
    let id = id_of(&id, "group")?;
    let ops = json_body(&body)?;
    let base = base(&state, &headers);
    let current = state.app.directory_team(&d, id).await?;
    let Value::Object(mut doc) = to_json(&current, &base) else {
        unreachable!("a group is an object")
    };
    doc.remove("meta");
    doc.remove("id");
    // Members as a directory writes them: only their ids.
    if let Some(Value::Array(ms)) = doc.get_mut("members") {
        for m in ms.iter_mut() {
            *m = json!({"value": m["value"]});
        }
    }
    super::patch::apply(&mut doc, &ops).map_err(|e| ScimError::bad(e.scim_type, e.message))?;
    let team = from_json(Value::Object(doc))?;
    let g = state.app.provision_team(&d, Some(id), team).await?;
    Ok(scim_json(StatusCode::OK, &to_json(&g, &base)))
}

/// `DELETE /Groups/{id}`.
pub async fn delete(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    Path(id): Path<String>,
) -> Scim {
    let id = id_of(&id, "group")?;
    state.app.directory_team(&d, id).await?;
    state.app.deprovision_team(&d, id).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
