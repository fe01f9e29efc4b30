//! `/Users`: people as SCIM resources, and back.
//!
//! The app keeps what it uses (userName, the primary email, display name,
//! title, active, externalId, employee number, department, manager) in its
//! own fields, and every other attribute of the core User schema (name,
//! phone numbers, …) as written, so a directory reads back what it sent.
//! An attribute of no schema this server has is refused, named; a password
//! is never kept (people sign in with single sign-on or an invite).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use ladder_app::provisioning::{DirectoryEntry, DirectoryPerson};
use serde_json::{Value, json};

use super::discovery::{ENTERPRISE, USER};
use super::{ListQuery, Scim, ScimError, Signed, base, id_of, json_body, list_response, scim_json};
use crate::state::WebState;

/// Attributes of the core User schema kept as written.
const KEPT: [&str; 16] = [
    "name",
    "nickName",
    "profileUrl",
    "userType",
    "preferredLanguage",
    "locale",
    "timezone",
    "emails",
    "phoneNumbers",
    "ims",
    "photos",
    "addresses",
    "entitlements",
    "roles",
    "x509Certificates",
    "displayName",
];

/// A person as a SCIM resource.
pub fn to_json(e: &DirectoryEntry, base: &str) -> Value {
    let u = &e.user;
    let mut o = e.extra.clone();
    o.insert("schemas".into(), json!([USER, ENTERPRISE]));
    o.insert("id".into(), json!(u.id.to_string()));
    if let Some(x) = &e.external_id {
        o.insert("externalId".into(), json!(x));
    }
    o.insert("userName".into(), json!(e.user_name));
    // The app's name for them, unless the directory wrote them without one.
    if e.extra.contains_key("displayName") || !e.written {
        o.insert("displayName".into(), json!(u.name));
    }
    if let Some(t) = &u.title {
        o.insert("title".into(), json!(t));
    }
    // Active unless the directory wrote them without it (then SCIM reads
    // it as unassigned, and the app keeps them as they were).
    if e.extra.contains_key("active") || !e.written {
        o.insert("active".into(), json!(u.is_active()));
    }
    // The email the app signs them in with is the primary one, whatever
    // changed it since (an import, an admin).
    match o.get_mut("emails").and_then(Value::as_array_mut) {
        Some(list) if !list.is_empty() => {
            let at = list
                .iter()
                .position(|m| m["primary"] == json!(true))
                .unwrap_or(0);
            if list[at]["value"].as_str().map(str::to_lowercase).as_deref() != Some(&u.email) {
                list[at]["value"] = json!(u.email);
            }
        }
        _ => {
            o.insert(
                "emails".into(),
                json!([{"value": u.email, "type": "work", "primary": true}]),
            );
        }
    }
    let mut ent = o
        .remove(ENTERPRISE)
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default();
    if let Some(n) = &u.employee_id {
        ent.insert("employeeNumber".into(), json!(n));
    }
    if let Some(d) = &u.department {
        ent.insert("department".into(), json!(d));
    }
    if let Some(m) = u.manager_id {
        ent.insert(
            "manager".into(),
            json!({"value": m.to_string(), "$ref": format!("{base}/Users/{m}")}),
        );
    } else if !e.manager_kept {
        ent.remove("manager");
    }
    if !ent.is_empty() {
        o.insert(ENTERPRISE.into(), Value::Object(ent));
    }
    if let Some((id, name)) = &e.team {
        o.insert(
            "groups".into(),
            json!([{"value": id.to_string(), "display": name, "$ref": format!("{base}/Groups/{id}")}]),
        );
    }
    o.insert(
        "meta".into(),
        json!({
            "resourceType": "User",
            "created": ladder_app::clock::rfc3339_of(u.created_at),
            "lastModified": ladder_app::clock::rfc3339_of(u.created_at),
            "location": format!("{base}/Users/{}", u.id),
        }),
    );
    Value::Object(o)
}

fn string(v: &Value, name: &str) -> Result<Option<String>, ScimError> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        _ => Err(ScimError::bad(
            "invalidValue",
            format!("{name} must be a string"),
        )),
    }
}

/// `true`/`false`, as JSON or as the strings some directories send.
fn boolean(v: &Value, name: &str) -> Result<bool, ScimError> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(true),
        Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(false),
        _ => Err(ScimError::bad(
            "invalidValue",
            format!("{name} must be true or false"),
        )),
    }
}

/// A manager as written: `value` (an id, email or employee number), else
/// the end of `$ref`.
fn manager_ref(m: &Value) -> Option<String> {
    let value = m.get("value").and_then(Value::as_str).map(str::trim);
    match value {
        Some(v) if !v.is_empty() => Some(v.to_owned()),
        _ => m
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| r.trim_end_matches('/').rsplit('/').next())
            .map(str::to_owned),
    }
}

/// Reads a User resource.
pub fn from_json(body: Value) -> Result<DirectoryPerson, ScimError> {
    let Value::Object(o) = body else {
        return Err(ScimError::bad("invalidSyntax", "a User is a JSON object"));
    };
    let named = o
        .get("schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| s.iter().any(|v| v == USER));
    if !named {
        return Err(ScimError::bad(
            "invalidSyntax",
            format!("schemas must list {USER}"),
        ));
    }
    let mut p = DirectoryPerson::default();
    let mut display: Option<String> = None;
    for (k, v) in o {
        match k.as_str() {
            "schemas" | "id" | "meta" | "groups" | "password" => {}
            "externalId" => p.external_id = string(&v, "externalId")?,
            "userName" => p.user_name = string(&v, "userName")?.unwrap_or_default(),
            "title" => p.title = string(&v, "title")?,
            "active" => {
                p.active = Some(boolean(&v, "active")?);
                p.extra.insert("active".into(), Value::Bool(true));
            }
            k if k.eq_ignore_ascii_case(ENTERPRISE) => {
                let Value::Object(mut ent) = v else {
                    return Err(ScimError::bad(
                        "invalidValue",
                        format!("{ENTERPRISE} must be an object"),
                    ));
                };
                if let Some(n) = ent.remove("employeeNumber") {
                    p.employee_id = string(&n, "employeeNumber")?;
                }
                if let Some(d) = ent.remove("department") {
                    p.department = string(&d, "department")?;
                }
                if let Some(m) = ent.get("manager") {
                    // Kept as written too: a manager the app cannot find
                    // reads back as the directory sent it.
                    p.manager = manager_ref(m);
                }
                if !ent.is_empty() {
                    p.extra.insert(ENTERPRISE.into(), Value::Object(ent));
                }
            }
            k if k.to_ascii_lowercase().starts_with("urn:") => {
                return Err(ScimError::bad(
                    "invalidSyntax",
                    format!(
                        "`{k}` is not a schema of this server: it reads {USER} and {ENTERPRISE}"
                    ),
                ));
            }
            k if KEPT.iter().any(|a| a.eq_ignore_ascii_case(k)) => {
                if k.eq_ignore_ascii_case("displayName") {
                    display = string(&v, "displayName")?;
                }
                p.extra.insert(k.to_owned(), v);
            }
            other => {
                return Err(ScimError::bad(
                    "invalidSyntax",
                    format!(
                        "`{other}` is not an attribute of a User: this server reads userName, name, displayName, title, active, emails, externalId, the enterprise extension's employeeNumber, department and manager, and keeps the other core attributes as written"
                    ),
                ));
            }
        }
    }
    if p.user_name.trim().is_empty() {
        return Err(ScimError::bad("invalidValue", "userName is required"));
    }
    // displayName is kept only as a mark that it was given: the app's own
    // field holds it.
    if let Some(d) = p.extra.get_mut("displayName") {
        *d = Value::Bool(true);
    }
    let emails = p.extra.get("emails").and_then(Value::as_array);
    p.email = emails.and_then(|list| {
        list.iter()
            .find(|m| m["primary"] == json!(true))
            .or_else(|| list.first())
            .and_then(|m| m["value"].as_str())
            .map(str::to_owned)
    });
    let name = p.extra.get("name");
    p.name = display
        .or_else(|| {
            name.and_then(|n| n["formatted"].as_str())
                .map(str::to_owned)
        })
        .or_else(|| {
            let n = name?;
            let parts: Vec<&str> = [n["givenName"].as_str(), n["familyName"].as_str()]
                .into_iter()
                .flatten()
                .collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        })
        .unwrap_or_default();
    Ok(p)
}

/// `GET /Users?filter=userName eq "…"&startIndex=&count=`.
pub async fn list(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Scim {
    listed(&state, &d, &headers, q).await
}

/// `POST /Users/.search`: the same, with the query in the body.
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
            Some(e) if e.attr == "username" => Some(e.value),
            _ => {
                return Err(ScimError::bad(
                    "invalidFilter",
                    format!("the filter `{f}` is not one this server reads: use userName eq \"…\""),
                ));
            }
        },
    };
    let (people, total) = state
        .app
        .directory_people(d, name.as_deref(), start, count)
        .await?;
    let base = base(state, headers);
    let shown = people
        .iter()
        .map(|e| {
            let mut v = to_json(e, &base);
            q.project(&mut v);
            v
        })
        .collect();
    Ok(list_response(shown, total, start))
}

/// `GET /Users/{id}?attributes=&excludedAttributes=`.
pub async fn show(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<ListQuery>,
) -> Scim {
    let e = state.app.directory_person(&d, id_of(&id, "user")?).await?;
    let mut v = to_json(&e, &base(&state, &headers));
    q.project(&mut v);
    Ok(scim_json(StatusCode::OK, &v))
}

/// `POST /Users`.
pub async fn create(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    body: Bytes,
) -> Scim {
    let person = from_json(json_body(&body)?)?;
    let e = state.app.provision(&d, person).await?;
    let base = base(&state, &headers);
    let mut r = scim_json(StatusCode::CREATED, &to_json(&e, &base));
    if let Ok(v) = format!("{base}/Users/{}", e.user.id).parse() {
        r.headers_mut().insert(axum::http::header::LOCATION, v);
    }
    Ok(r)
}

/// `PUT /Users/{id}`.
pub async fn replace(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Scim {
    let id = id_of(&id, "user")?;
    let person = from_json(json_body(&body)?)?;
    let e = state.app.reprovision(&d, id, person).await?;
    Ok(scim_json(
        StatusCode::OK,
        &to_json(&e, &base(&state, &headers)),
    ))
}

/// `PATCH /Users/{id}`: the operations applied to the person as they are,
/// then written as a PUT.
pub async fn patch(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Scim {
    let id = id_of(&id, "user")?;
    let ops = json_body(&body)?;
    let base = base(&state, &headers);
    let current = state.app.directory_person(&d, id).await?;
    let Value::Object(mut doc) = to_json(&current, &base) else {
        unreachable!("a user is an object")
    };
    for k in ["meta", "groups", "id"] {
        doc.remove(k);
    }
    super::patch::apply(&mut doc, &ops).map_err(|e| ScimError::bad(e.scim_type, e.message))?;
    let person = from_json(Value::Object(doc))?;
    let e = state.app.reprovision(&d, id, person).await?;
    Ok(scim_json(StatusCode::OK, &to_json(&e, &base)))
}

/// `DELETE /Users/{id}`: deactivated and kept as former; gone from SCIM.
pub async fn delete(
    State(state): State<Arc<WebState>>,
    Signed(d): Signed,
    Path(id): Path<String>,
) -> Scim {
    state.app.deprovision(&d, id_of(&id, "user")?).await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_user_from_okta_reads_and_writes_back_what_it_sent() {
        let body = json!({
            "schemas": [USER, ENTERPRISE],
            "userName": "Ada@Acme.io",
            "name": {"givenName": "Ada", "familyName": "Lovelace"},
            "emails": [{"value": "ada@acme.io", "primary": true, "type": "work"}],
            "title": "Senior Product Manager",
            "active": "True",
            "locale": "en-GB",
            "password": "never kept",
            ENTERPRISE: {"employeeNumber": "E1", "department": "Product", "manager": {"value": "7"}, "costCenter": "CC1"}
        });
        let p = from_json(body).unwrap();
        assert_eq!(p.user_name, "Ada@Acme.io");
        assert_eq!(p.email.as_deref(), Some("ada@acme.io"));
        assert_eq!(p.name, "Ada Lovelace");
        assert_eq!(p.active, Some(true));
        assert_eq!(p.manager.as_deref(), Some("7"));
        assert_eq!(
            p.extra[ENTERPRISE],
            json!({"costCenter": "CC1", "manager": {"value": "7"}})
        );
        assert!(!p.extra.contains_key("password"));
        assert_eq!(p.extra["locale"], "en-GB");
    }

    #[test]
    fn unknown_attributes_and_schemas_are_named() {
        let e = from_json(json!({"schemas": [USER], "userName": "a", "favouriteColour": "blue"}))
            .unwrap_err();
        assert!(
            e.detail
                .contains("`favouriteColour` is not an attribute of a User"),
            "{}",
            e.detail
        );
        let e = from_json(json!({"schemas": [USER], "userName": "a", "urn:acme:User": {}}))
            .unwrap_err();
        assert!(
            e.detail.contains("`urn:acme:User` is not a schema"),
            "{}",
            e.detail
        );
        let e = from_json(json!({"userName": "a"})).unwrap_err();
        assert!(e.detail.contains("schemas must list"));
        let e = from_json(json!({"schemas": [USER], "userName": 5})).unwrap_err();
        assert_eq!(e.detail, "userName must be a string");
        let p = from_json(json!({"schemas": [USER], "userName": "a", ENTERPRISE: {"manager": {"$ref": "https://x/scim/v2/Users/9"}}})).unwrap();
        assert_eq!(p.manager.as_deref(), Some("9"));
    }
}
