//! SCIM 2.0 as identity providers use it (issue 13.2): a SCIM token (never
//! a person's) signs every request; people are created with their title
//! placed on the ladder, found by `userName eq`, deactivated by PATCH (their
//! sessions end at once), deleted (kept as former, gone from SCIM) and
//! brought back by a new POST; teams take members; bad bodies are refused
//! naming the attribute. The full conformance run (scim2-tester) is
//! `tests/scim/conformance.sh`.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::App;
use ladder_store::model::Access;
use serde_json::{Value, json};

const USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
const PATCH: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

async fn scim(
    app: &App,
    token: &str,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> common::Answer {
    let mut b = Request::builder()
        .method(method)
        .uri(format!("/scim/v2{path}"))
        .header("authorization", format!("Bearer {token}"));
    if body.is_some() {
        b = b.header("content-type", "application/scim+json");
    }
    let req = b
        .body(body.map_or_else(Body::empty, |v| Body::from(v.to_string())))
        .unwrap();
    app.send(req).await
}

async fn token(app: &App) -> String {
    app.state
        .app
        .make_scim_token(ladder_app::Actor::Shell, "Okta")
        .await
        .unwrap()
        .token
}

#[tokio::test]
async fn a_directory_creates_finds_deactivates_deletes_and_brings_back_people() {
    let app = App::new().await;
    let admin = app.user("admin@acme.io", Access::Admin, None).await;
    let t = token(&app).await;
    // A person's token is not a SCIM token, and nothing without one.
    let r = scim(&app, &admin.token, "GET", "/Users", None).await;
    assert_eq!(r.status, 401);
    assert_eq!(
        r.json()["schemas"][0],
        "urn:ietf:params:scim:api:messages:2.0:Error"
    );
    assert!(
        r.headers["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer")
    );
    assert_eq!(scim(&app, "nope", "GET", "/Users", None).await.status, 401);
    // Discovery is open.
    let r = scim(&app, "", "GET", "/ServiceProviderConfig", None).await;
    assert_eq!(r.json()["patch"]["supported"], true);

    let ada = json!({
        "schemas": [USER, ENTERPRISE],
        "userName": "Ada@Acme.io",
        "name": {"givenName": "Ada", "familyName": "Lovelace"},
        "emails": [{"value": "ada@acme.io", "primary": true, "type": "work"}],
        "title": "Senior Product Manager",
        "active": true,
        "externalId": "00u1",
        ENTERPRISE: {"employeeNumber": "E7", "department": "Product", "manager": {"value": "admin@acme.io"}}
    });
    let r = scim(&app, &t, "POST", "/Users", Some(ada.clone())).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.headers["content-type"], "application/scim+json");
    let v = r.json();
    let id = v["id"].as_str().unwrap().to_owned();
    assert_eq!(v["name"]["givenName"], "Ada");
    assert_eq!(v[ENTERPRISE]["manager"]["value"], admin.user.id.to_string());
    let stored = app
        .store
        .user_by_email("ada@acme.io")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.name, "Ada Lovelace",
        "named from her given and family names"
    );
    assert_eq!(
        stored.ladder_role.as_deref(),
        Some("senior-pm"),
        "the title placed her"
    );
    assert_eq!(
        stored.manager_id,
        Some(admin.user.id),
        "the manager found by email"
    );
    assert_eq!(stored.employee_id.as_deref(), Some("E7"));
    // The same userName again, in another case, is a conflict.
    let r = scim(&app, &t, "POST", "/Users", Some(ada.clone())).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.json()["scimType"], "uniqueness");
    // Found by userName, in any case; people the directory never wrote too.
    let r = scim(
        &app,
        &t,
        "GET",
        "/Users?filter=userName%20eq%20%22ADA%40acme.io%22",
        None,
    )
    .await;
    assert_eq!(r.json()["totalResults"], 1, "{}", r.body);
    let r = scim(
        &app,
        &t,
        "GET",
        "/Users?filter=userName%20eq%20%22admin%40acme.io%22",
        None,
    )
    .await;
    assert_eq!(r.json()["Resources"][0]["userName"], "admin@acme.io");
    let r = scim(&app, &t, "GET", "/Users?filter=title%20co%20%22PM%22", None).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["scimType"], "invalidFilter");

    // Okta deactivates with a PATCH: her session ends at once.
    let session = ladder_app::auth::new_token("ls_");
    app.store
        .create_session(
            &ladder_app::auth::token_hash(&session),
            stored.id,
            ladder_store::now_ms() + 60_000,
        )
        .await
        .unwrap();
    let off =
        json!({"schemas": [PATCH], "Operations": [{"op": "replace", "value": {"active": false}}]});
    let r = scim(&app, &t, "PATCH", &format!("/Users/{id}"), Some(off)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["active"], false);
    assert!(
        app.state
            .app
            .session_user(&session)
            .await
            .unwrap()
            .is_none()
    );
    // A title change through PATCH places her again.
    let promote = json!({"schemas": [PATCH], "Operations": [{"op": "replace", "path": "title", "value": "Director of Product"}]});
    scim(&app, &t, "PATCH", &format!("/Users/{id}"), Some(promote)).await;
    let stored = app.store.user(stored.id).await.unwrap().unwrap();
    assert_eq!(stored.ladder_role.as_deref(), Some("director"));

    // Deleted: 404 to SCIM, former to the admin, history kept.
    let r = scim(&app, &t, "DELETE", &format!("/Users/{id}"), None).await;
    assert_eq!(r.status, 204);
    assert_eq!(
        scim(&app, &t, "GET", &format!("/Users/{id}"), None)
            .await
            .status,
        404
    );
    let former = app.store.user(stored.id).await.unwrap().unwrap();
    assert!(!former.is_active());
    // Created again: the same person comes back.
    let r = scim(&app, &t, "POST", "/Users", Some(ada)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.json()["id"], id);
    assert!(
        app.store
            .user(stored.id)
            .await
            .unwrap()
            .unwrap()
            .is_active()
    );
    let log = app
        .api("GET", "/api/v1/audit?limit=3", Some(&admin), None)
        .await;
    assert!(log.body.contains("scim.user.delete") && log.body.contains("scim.user.replace"));
    // Each entry names the directory that made the change, by its token.
    for entry in log.json().as_array().unwrap() {
        let detail = entry["detail"].as_str().unwrap();
        assert!(detail.ends_with("(by the directory “Okta”)"), "{detail}");
    }
}

#[tokio::test]
async fn bad_bodies_are_refused_naming_the_attribute_and_nothing_is_written() {
    let app = App::new().await;
    let t = token(&app).await;
    let cases = [
        (
            json!({"schemas": [USER], "userName": "bo@acme.io", "favouriteColour": "teal"}),
            "`favouriteColour` is not an attribute of a User",
        ),
        (
            json!({"schemas": [USER], "userName": "bo@acme.io", "urn:acme:hr:2.0:User": {}}),
            "`urn:acme:hr:2.0:User` is not a schema",
        ),
        (json!({"userName": "bo@acme.io"}), "schemas must list"),
        (
            json!({"schemas": [USER], "userName": "b0b"}),
            "`b0b` has no work email",
        ),
        (
            json!({"schemas": [USER], "userName": "bo@acme.io", "active": "maybe"}),
            "active must be true or false",
        ),
    ];
    for (body, said) in cases {
        let r = scim(&app, &t, "POST", "/Users", Some(body)).await;
        assert_eq!(r.status, 400, "{}", r.body);
        assert!(
            r.json()["detail"].as_str().unwrap().contains(said),
            "{} should say {said}",
            r.body
        );
    }
    let r = scim(&app, &t, "POST", "/Users", None).await;
    assert_eq!(r.json()["scimType"], "invalidSyntax");
    assert_eq!(app.store.user_count().await.unwrap(), 0);
    // The directory cannot take away the last admin.
    let admin = app.user("admin@acme.io", Access::Admin, None).await;
    let r = scim(
        &app,
        &t,
        "DELETE",
        &format!("/Users/{}", admin.user.id),
        None,
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("is the only admin"), "{}", r.body);
    assert!(
        app.store
            .user(admin.user.id)
            .await
            .unwrap()
            .unwrap()
            .is_active()
    );
}

#[tokio::test]
async fn a_team_takes_members_and_a_person_is_in_one_team() {
    let app = App::new().await;
    let t = token(&app).await;
    let mut ids = Vec::new();
    for name in ["ava", "kofi"] {
        let body = json!({"schemas": [USER], "userName": format!("{name}@acme.io"), "emails": [{"value": format!("{name}@acme.io")}]});
        let r = scim(&app, &t, "POST", "/Users", Some(body)).await;
        ids.push(r.json()["id"].as_str().unwrap().to_owned());
    }
    let group = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Payments", "members": [{"value": ids[0]}]});
    let r = scim(&app, &t, "POST", "/Groups", Some(group)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let payments = r.json()["id"].as_str().unwrap().to_owned();
    let add = json!({"schemas": [PATCH], "Operations": [{"op": "add", "path": "members", "value": [{"value": ids[1]}]}]});
    let r = scim(&app, &t, "PATCH", &format!("/Groups/{payments}"), Some(add)).await;
    assert_eq!(
        r.json()["members"].as_array().unwrap().len(),
        2,
        "{}",
        r.body
    );
    // Joining another team moves Kofi.
    let growth = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Growth", "members": [{"value": ids[1]}]});
    scim(&app, &t, "POST", "/Groups", Some(growth)).await;
    let r = scim(&app, &t, "GET", &format!("/Groups/{payments}"), None).await;
    assert_eq!(r.json()["members"].as_array().unwrap().len(), 1);
    let r = scim(&app, &t, "GET", &format!("/Users/{}", ids[1]), None).await;
    assert_eq!(r.json()["groups"][0]["display"], "Growth");
    let r = scim(
        &app,
        &t,
        "GET",
        "/Groups?filter=displayName%20eq%20%22payments%22&excludedAttributes=members",
        None,
    )
    .await;
    assert_eq!(r.json()["totalResults"], 1);
    assert!(r.json()["Resources"][0].get("members").is_none());
    let bad = json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "X", "members": [{"value": "nobody"}]});
    let r = scim(&app, &t, "POST", "/Groups", Some(bad)).await;
    assert_eq!(r.status, 400);
    assert!(
        r.body
            .contains("members[0]: `nobody` is not the id of a user"),
        "{}",
        r.body
    );
    assert_eq!(
        scim(&app, &t, "DELETE", &format!("/Groups/{payments}"), None)
            .await
            .status,
        204
    );
    let r = scim(&app, &t, "GET", &format!("/Users/{}", ids[0]), None).await;
    assert!(r.json().get("groups").is_none());
}

/// An admin makes a directory token on the admin page (shown once, working
/// at once), sees it listed by name, and revokes it: the directory's next
/// request is refused. A member cannot make one.
#[tokio::test]
async fn an_admin_makes_and_revokes_a_directory_token_on_the_admin_page() {
    let app = App::new().await;
    let ada = app.user("ada@example.com", Access::Admin, None).await;
    let sam = app.user("sam@example.com", Access::Member, None).await;

    let made = app
        .form("/admin/scim-tokens", Some(&ada), &[("name", "Okta")], true)
        .await;
    assert_eq!(made.status, 200, "{}", made.body);
    let token = made
        .body
        .split("Directory token for Okta: ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or_else(|| panic!("{}", made.body))
        .to_owned();
    assert!(made.body.contains("Okta, made "), "{}", made.body);
    assert_eq!(scim(&app, &token, "GET", "/Users", None).await.status, 200);

    let id = app
        .state
        .app
        .scim_tokens(ladder_app::Actor::Shell)
        .await
        .unwrap()[0]
        .id;
    let revoked = app
        .form(
            &format!("/admin/scim-tokens/{id}/revoke"),
            Some(&ada),
            &[],
            true,
        )
        .await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert!(revoked.body.contains("Okta, made "), "{}", revoked.body);
    assert!(revoked.body.contains("(revoked)"), "{}", revoked.body);
    assert_eq!(scim(&app, &token, "GET", "/Users", None).await.status, 401);

    let refused = app
        .form("/admin/scim-tokens", Some(&sam), &[("name", "Mine")], true)
        .await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    assert_eq!(
        app.state
            .app
            .scim_tokens(ladder_app::Actor::Shell)
            .await
            .unwrap()
            .len(),
        1
    );
}
