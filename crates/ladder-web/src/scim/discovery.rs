//! What this SCIM server says of itself (RFC 7643 §5–7): the features it
//! supports, its two resource types, and the schemas of the attributes it
//! reads and keeps. Clients (and the `scim2-tester` conformance checker in
//! CI) build their view of the server from these, so they list exactly
//! what the server does: PATCH yes, filters (`eq` on userName and
//! displayName) yes, bulk, sorting, ETags and password changes no.

use serde_json::{Value, json};

/// The core User schema.
pub const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The enterprise User extension.
pub const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// The core Group schema.
pub const GROUP: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";

/// One attribute of a schema.
fn attr(name: &str, kind: &str, description: &str) -> Value {
    json!({
        "name": name, "type": kind, "multiValued": false, "description": description,
        "required": false, "caseExact": false, "mutability": "readWrite",
        "returned": "default", "uniqueness": "none"
    })
}

fn with(mut a: Value, key: &str, value: Value) -> Value {
    a[key] = value;
    a
}

fn complex(name: &str, description: &str, multi: bool, subs: Vec<Value>) -> Value {
    with(
        with(
            attr(name, "complex", description),
            "subAttributes",
            Value::Array(subs),
        ),
        "multiValued",
        json!(multi),
    )
}

/// `/ServiceProviderConfig`.
pub fn service_provider_config(base: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        "patch": {"supported": true},
        "bulk": {"supported": false, "maxOperations": 0, "maxPayloadSize": 0},
        "filter": {"supported": true, "maxResults": 1000},
        "changePassword": {"supported": false},
        "sort": {"supported": false},
        "etag": {"supported": false},
        "authenticationSchemes": [{
            "type": "oauthbearertoken",
            "name": "SCIM token",
            "description": "A token an admin makes on the admin pages or with `ladder user scim-token`, sent as Authorization: Bearer",
            "primary": true
        }],
        "meta": {"resourceType": "ServiceProviderConfig", "location": format!("{base}/ServiceProviderConfig")}
    })
}

/// `/ResourceTypes`.
pub fn resource_types(base: &str) -> Vec<Value> {
    vec![
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": "User", "name": "User", "endpoint": "/Users",
            "description": "People of the organisation",
            "schema": USER,
            "schemaExtensions": [{"schema": ENTERPRISE, "required": false}],
            "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/User")}
        }),
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": "Group", "name": "Group", "endpoint": "/Groups",
            "description": "Teams (a person is in at most one)",
            "schema": GROUP,
            "meta": {"resourceType": "ResourceType", "location": format!("{base}/ResourceTypes/Group")}
        }),
    ]
}

/// `/Schemas`.
pub fn schemas(base: &str) -> Vec<Value> {
    let email_subs = vec![
        with(
            attr("value", "string", "The email address"),
            "required",
            json!(true),
        ),
        attr("type", "string", "work, home or other"),
        attr("primary", "boolean", "The address people sign in with"),
    ];
    let name_subs = vec![
        attr("formatted", "string", "The full name"),
        attr("familyName", "string", "Family name"),
        attr("givenName", "string", "Given name"),
    ];
    let user = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": USER, "name": "User", "description": "A person of the organisation",
        "attributes": [
            with(with(attr("userName", "string", "Unique identifier; the work email unless emails give one"), "required", json!(true)), "uniqueness", json!("server")),
            complex("name", "The person's name", false, name_subs),
            attr("displayName", "string", "The name shown in the app"),
            attr("title", "string", "Job title: sets the role on the ladder"),
            attr("active", "boolean", "False deactivates: sessions end, history stays"),
            with(complex("emails", "Email addresses; the primary one signs in", true, email_subs), "required", json!(true)),
            with(with(complex("groups", "The person's team", true, vec![
                with(attr("value", "string", "The team's id"), "mutability", json!("readOnly")),
                with(attr("display", "string", "The team's name"), "mutability", json!("readOnly")),
            ]), "mutability", json!("readOnly")), "returned", json!("default")),
        ],
        "meta": {"resourceType": "Schema", "location": format!("{base}/Schemas/{USER}")}
    });
    let enterprise = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": ENTERPRISE, "name": "EnterpriseUser", "description": "HR attributes",
        "attributes": [
            attr("employeeNumber", "string", "Employee number"),
            attr("department", "string", "Department"),
            complex("manager", "The person's manager: their id in this app, their email or their employee number (another value is kept as written, and sets no manager)", false, vec![
                attr("value", "string", "The manager's id, email or employee number"),
            ]),
        ],
        "meta": {"resourceType": "Schema", "location": format!("{base}/Schemas/{ENTERPRISE}")}
    });
    let group = json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
        "id": GROUP, "name": "Group", "description": "A team",
        "attributes": [
            with(attr("displayName", "string", "The team's name"), "required", json!(true)),
            complex("members", "The team's people (joining moves a person from their team)", true, vec![
                with(attr("value", "string", "A person's id (read from here or from $ref)"), "mutability", json!("readOnly")),
                with(with(attr("$ref", "reference", "The person's address"), "referenceTypes", json!(["User"])), "mutability", json!("immutable")),
            ]),
        ],
        "meta": {"resourceType": "Schema", "location": format!("{base}/Schemas/{GROUP}")}
    });
    vec![user, enterprise, group]
}
