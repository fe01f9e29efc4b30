//! Bringing people in and letting them go over the API (issue 13): a
//! roster import planned then written, the same file again changing
//! nothing, a stale plan refused, roles to confirm, and deactivation that
//! cuts a person off at once while keeping them on record. Admins only.

mod common;

use common::{App, Who};
use ladder_store::model::Access;
use serde_json::json;

const ROSTER: &str = "\u{feff}Name;Email;Job Title;Manager Email;Team\n\
    Ada Lovelace;ada@acme.io;VP of Product;;Leadership\n\
    Grace Hopper;grace@acme.io;Senior Product Manager;ada@acme.io;Payments\n\
    Linus Pauling;linus@acme.io;Product Manager;grace@acme.io;Payments\n\
    Diego Alvarez;diego@acme.io;Product Lead, Growth;ada@acme.io;Growth\n";

async fn import(app: &App, who: &Who, query: &str, body: &str) -> common::Answer {
    let req = axum::http::Request::builder()
        .method("POST")
        .uri(format!("/api/v1/people/import{query}"))
        .header("authorization", format!("Bearer {}", who.token))
        .header("content-type", "text/csv")
        .body(axum::body::Body::from(body.to_owned()))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn a_roster_is_planned_written_and_then_changes_nothing() {
    let app = App::new().await;
    let admin = app.user("admin@acme.io", Access::Admin, None).await;
    let boss = app.user("boss@acme.io", Access::Manager, None).await;

    // Managers may not import.
    assert_eq!(import(&app, &boss, "", ROSTER).await.status, 403);

    let r = import(&app, &admin, "", ROSTER).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let plan = r.json();
    assert_eq!(plan["applied"], false);
    assert_eq!(plan["summary"]["added"], 4);
    assert_eq!(plan["summary"]["to_confirm"], 1);
    let version = plan["people_version"].as_i64().unwrap();
    assert_eq!(
        app.store.user_count().await.unwrap(),
        2,
        "a plan writes nothing"
    );

    let r = import(
        &app,
        &admin,
        &format!("?apply=true&planned_against={version}"),
        ROSTER,
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["applied"], true);
    let grace = app
        .store
        .user_by_email("grace@acme.io")
        .await
        .unwrap()
        .unwrap();
    let ada = app
        .store
        .user_by_email("ada@acme.io")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(grace.manager_id, Some(ada.id));
    assert_eq!(grace.access, Access::Manager);
    assert_eq!(grace.ladder_role.as_deref(), Some("senior-pm"));
    // The same plan again is stale: people changed when it was written.
    let r = import(
        &app,
        &admin,
        &format!("?apply=true&planned_against={version}"),
        ROSTER,
    )
    .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("read the new plan"), "{}", r.body);
    // The same file: nothing to change.
    let r = import(&app, &admin, "?apply=true", ROSTER).await;
    assert_eq!(r.json()["summary"]["unchanged"], 4, "{}", r.body);
    assert_eq!(r.json()["applied"], false);

    // The unsure title waits for an admin, who confirms it.
    let r = app
        .api("GET", "/api/v1/users/roles-to-confirm", Some(&admin), None)
        .await;
    let waiting = r.json();
    assert_eq!(waiting.as_array().unwrap().len(), 1, "{}", r.body);
    assert_eq!(waiting[0]["email"], "diego@acme.io");
    assert_eq!(waiting[0]["pending_role"], "principal-pm");
    let id = waiting[0]["id"].as_i64().unwrap();
    let r = app
        .api(
            "PUT",
            &format!("/api/v1/users/{id}/role"),
            Some(&admin),
            Some(json!({"role": "no-such-role"})),
        )
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    let r = app
        .api(
            "PUT",
            &format!("/api/v1/users/{id}/role"),
            Some(&admin),
            Some(json!({"role": "senior-pm"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["ladder_role"], "senior-pm");
    assert_eq!(r.json()["pending_role"], serde_json::Value::Null);
    let r = app
        .api("GET", "/api/v1/users/roles-to-confirm", Some(&admin), None)
        .await;
    assert_eq!(r.json(), json!([]));
}

#[tokio::test]
async fn bad_rosters_are_refused_naming_the_row_or_the_column() {
    let app = App::new().await;
    let admin = app.user("admin@acme.io", Access::Admin, None).await;
    let r = import(&app, &admin, "", "Name,Email\nAda,ada@x.io\n").await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("no column holds the title"), "{}", r.body);
    let r = import(&app, &admin, "?apply=maybe", ROSTER).await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("apply=`maybe`: use true or false"));
    let bad = format!("{ROSTER}Bo Li;bo@acme.io;Product Manager;ghost@acme.io;Payments\n");
    let r = import(&app, &admin, "?apply=true", &bad).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["applied"], false);
    assert_eq!(v["summary"]["blocking"], 1);
    assert_eq!(v["plan"]["problems"][0]["row"], 6);
    assert_eq!(v["plan"]["problems"][0]["field"], "manager");
    assert_eq!(
        app.store.user_count().await.unwrap(),
        1,
        "nothing half-written"
    );
}

#[tokio::test]
async fn a_deactivated_person_is_cut_off_at_once_and_kept_on_record() {
    let app = App::new().await;
    let admin = app.user("admin@acme.io", Access::Admin, None).await;
    let boss = app.user("boss@acme.io", Access::Manager, None).await;
    let bo = app.user("bo@acme.io", Access::Member, Some(&boss)).await;
    assert_eq!(
        app.api("GET", "/api/v1/me", Some(&bo), None).await.status,
        200
    );
    assert_eq!(app.page("/me", Some(&bo)).await.status, 200);

    let path = format!("/api/v1/users/{}/deactivate", bo.user.id);
    assert_eq!(app.api("POST", &path, Some(&boss), None).await.status, 403);
    let r = app.api("POST", &path, Some(&admin), None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.json()["deactivated_at"].is_i64());
    // Their token and their session stop working at once.
    assert_eq!(
        app.api("GET", "/api/v1/me", Some(&bo), None).await.status,
        401
    );
    let page = app.page("/me", Some(&bo)).await;
    assert_eq!(page.status, 303, "sent to sign in");
    // Their manager no longer sees them in the line; admins still do.
    let r = app.api("GET", "/api/v1/reports", Some(&boss), None).await;
    assert!(!r.body.contains("bo@acme.io"), "{}", r.body);
    let r = app.api("GET", "/api/v1/users", Some(&admin), None).await;
    assert!(r.body.contains("bo@acme.io"));
    // And they cannot sign in.
    let r = app
        .form(
            "/login",
            None,
            &[("email", "bo@acme.io"), ("password", common::PASSWORD)],
            true,
        )
        .await;
    assert_eq!(r.status, 401, "{}", r.body);
    assert!(r.body.contains("do not match"));
    // An admin cannot deactivate themselves; a former person comes back.
    let me = format!("/api/v1/users/{}/deactivate", admin.user.id);
    assert_eq!(app.api("POST", &me, Some(&admin), None).await.status, 409);
    let back = format!("/api/v1/users/{}/reactivate", bo.user.id);
    assert_eq!(app.api("POST", &back, Some(&admin), None).await.status, 200);
    let r = app.api("GET", "/api/v1/reports", Some(&boss), None).await;
    assert!(r.body.contains("bo@acme.io"), "{}", r.body);
    let log = app
        .api("GET", "/api/v1/audit?limit=2", Some(&admin), None)
        .await;
    assert!(log.body.contains("user.reactivate") && log.body.contains("user.deactivate"));
}

#[tokio::test]
async fn the_people_pages_find_change_deactivate_and_confirm() {
    let app = App::new().await;
    let admin = app.user("admin@acme.io", Access::Admin, None).await;
    let boss = app.user("boss@acme.io", Access::Manager, None).await;
    assert_eq!(app.page("/admin/people", Some(&boss)).await.status, 403);
    assert_eq!(
        app.page("/admin/people/import", Some(&boss)).await.status,
        403
    );
    // An import through the page: the plan first, nothing written.
    let up = app
        .multipart("/admin/people/import", Some(&admin), &[("file", ROSTER)])
        .await;
    assert_eq!(up.status, 303, "{}", up.body);
    let plan_at = up.headers["location"].to_str().unwrap().to_owned();
    assert!(plan_at.starts_with("/admin/people/import/"), "{plan_at}");
    let plan = app.page(&plan_at, Some(&admin)).await;
    assert_eq!(plan.status, 200, "{}", plan.body);
    assert!(plan.body.contains("4 to add, 0 to change"), "{}", plan.body);
    assert!(
        plan.body.contains("Grace Hopper &#60;grace@acme.io&#62;"),
        "{}",
        plan.body
    );
    assert!(
        plan.body
            .contains("Senior Product Manager — Senior Product Manager")
    );
    assert!(plan.body.contains("Write the import"));
    assert_eq!(app.store.user_count().await.unwrap(), 2);
    let version = plan
        .body
        .split("name=\"planned_against\" value=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_owned();
    let path = plan_at.split('?').next().unwrap().to_owned();
    let done = app
        .form(
            &path,
            Some(&admin),
            &[
                ("planned_against", &version),
                ("deactivate_missing", "false"),
            ],
            true,
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(done.body.contains("Imported: 4 added"), "{}", done.body);
    assert_eq!(app.store.user_count().await.unwrap(), 6);

    // The list: names, teams and managers by name; search narrows it.
    let list = app.page("/admin/people", Some(&admin)).await;
    assert!(list.body.contains("Roles to confirm (1)"), "{}", list.body);
    assert!(
        list.body
            .contains("Principal Product Manager / Product Lead (82 % sure)")
    );
    let found = app.page("/admin/people?q=grace", Some(&admin)).await;
    assert!(found.body.contains("1 person."), "{}", found.body);
    assert!(found.body.contains(">Payments<") && found.body.contains(">Ada Lovelace<"));
    // Confirming a role.
    let diego = app
        .store
        .user_by_email("diego@acme.io")
        .await
        .unwrap()
        .unwrap();
    let r = app
        .form(
            &format!("/admin/people/{}/role", diego.id),
            Some(&admin),
            &[("role", "senior-pm")],
            true,
        )
        .await;
    assert!(
        r.body
            .contains("Diego Alvarez is a Senior Product Manager."),
        "{}",
        r.body
    );
    assert!(!r.body.contains("Roles to confirm ("));

    // A change that is refused keeps what was chosen.
    let grace = app
        .store
        .user_by_email("grace@acme.io")
        .await
        .unwrap()
        .unwrap();
    let me = format!("/admin/people/{}", grace.id);
    let r = app
        .form(
            &me,
            Some(&admin),
            &[
                ("name", "Grace B. Hopper"),
                ("access", "manager"),
                ("manager_id", &grace.id.to_string()),
                ("team_id", ""),
                ("ladder_role", "principal-pm"),
            ],
            true,
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.body.contains("value=\"Grace B. Hopper\""), "{}", r.body);
    assert!(r.body.contains("<option value=\"principal-pm\" selected>"));
    // Deactivating from the person's page.
    let r = app
        .form(
            &format!("{me}/active"),
            Some(&admin),
            &[("active", "false")],
            true,
        )
        .await;
    assert!(r.body.contains("Grace Hopper is deactivated"), "{}", r.body);
    assert!(r.body.contains("(former)"));
    let former = app.page("/admin/people?status=former", Some(&admin)).await;
    assert!(former.body.contains("1 person."), "{}", former.body);
}

#[tokio::test]
async fn a_large_upload_streams_past_the_token_check() {
    let app = App::new().await;
    let admin = app.user("admin@acme.io", Access::Admin, None).await;
    let mut csv = String::from("Name,Email,Title,Manager\n");
    for i in 0..3000 {
        let manager = if i == 0 {
            String::new()
        } else {
            format!("p{}@acme.io", (i - 1) / 6)
        };
        csv.push_str(&format!(
            "Person {i},p{i}@acme.io,Product Manager,{manager}\n"
        ));
    }
    assert!(csv.len() > 100 * 1024);
    let up = app
        .multipart("/admin/people/import", Some(&admin), &[("file", &csv)])
        .await;
    assert_eq!(up.status, 303, "{}", up.body);
    let plan = app
        .page(up.headers["location"].to_str().unwrap(), Some(&admin))
        .await;
    assert!(
        plan.body.contains("3000 rows: 3000 to add"),
        "{}",
        plan.body
    );
    assert!(plan.body.contains("The first 100 of 3000"));
    // An upload with no file says so, keeping the choice made.
    let none = app
        .multipart(
            "/admin/people/import",
            Some(&admin),
            &[("file", ""), ("deactivate_missing", "true")],
        )
        .await;
    assert_eq!(none.status, 400);
    assert!(none.body.contains("no file was chosen"), "{}", none.body);
    assert!(none.body.contains("value=\"true\" checked"));
}
