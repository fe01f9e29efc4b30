//! The org page and `GET /api/v1/org` (issue 14): the report `ladder org`
//! makes from a roster, made from the people in the app — roles as set,
//! managers and teams as stored, placements from the latest assessments.
//! Admins only.

mod common;

use common::{App, Who, ratings_for};
use ladder_store::model::{Access, UserUpdate};
use serde_json::json;

/// Sets a user's role (and keeps the rest).
async fn role(app: &App, who: &Who, role: Option<&str>) {
    let u = &who.user;
    app.store
        .update_user(
            u.id,
            UserUpdate {
                name: u.name.clone(),
                access: u.access,
                team_id: u.team_id,
                manager_id: u.manager_id,
                ladder_role: role.map(str::to_owned),
            },
            None,
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn the_org_from_the_apps_people_with_placements_from_assessments() {
    let app = App::new().await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    role(&app, &admin, None).await;
    let vp = app.user("vp@x.io", Access::Manager, None).await;
    role(&app, &vp, Some("vp")).await;
    let dir = app.user("dir@x.io", Access::Manager, Some(&vp)).await;
    role(&app, &dir, Some("director")).await;
    let pm1 = app.user("pm1@x.io", Access::Member, Some(&dir)).await;
    let _pm2 = app.user("pm2@x.io", Access::Member, Some(&dir)).await;
    let senior = app.user("senior@x.io", Access::Member, Some(&vp)).await;
    role(&app, &senior, Some("senior-pm")).await;
    // The director rates pm1 at a senior PM's expectations.
    let r = app
        .api(
            "POST",
            &format!("/api/v1/people/{}/assessments", pm1.user.id),
            Some(&dir),
            Some(json!({"role": "pm", "ratings": ratings_for("senior-pm"), "submit": true})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);

    let r = app.api("GET", "/api/v1/org", Some(&admin), None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    // pm1, pm2 and the senior PM are ICs; the VP and the director lead; the
    // admin has no role and counts as other.
    assert_eq!(v["people"], 6);
    assert_eq!(v["functions"]["product_ic"], 3);
    assert_eq!(v["functions"]["product_leads"], 2);
    assert_eq!(v["functions"]["other"], 1);
    assert_eq!(v["size"]["id"], "startup");
    let flags = v["flags"].as_array().unwrap();
    let placement: Vec<&serde_json::Value> =
        flags.iter().filter(|f| f["kind"] == "placement").collect();
    assert_eq!(placement.len(), 1, "{flags:?}");
    assert_eq!(placement[0]["person"]["email"], "pm1@x.io");
    // At a startup a VP and a director are re-levelled.
    let relevelled: Vec<&str> = flags
        .iter()
        .filter(|f| f["kind"] == "relevelled")
        .map(|f| f["person"]["email"].as_str().unwrap())
        .collect();
    assert_eq!(relevelled, ["vp@x.io", "dir@x.io"]);
    // The layers from the VP: the senior PM 1 below, pm1 and pm2 2 below.
    assert_eq!(v["layers"]["top"]["email"], "vp@x.io");
    assert_eq!(v["layers"]["ics_by_layers"], json!([[1, 1], [2, 2]]));

    // Another size: no re-levelling at an enterprise.
    let r = app
        .api(
            "GET",
            "/api/v1/org?company_size=enterprise",
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.json()["flags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["kind"] != "relevelled")
    );
    let r = app
        .api("GET", "/api/v1/org?company_size=galaxy", Some(&admin), None)
        .await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.json()["error"].as_str().unwrap().contains("enterprise"));
    // Managers and members may not see it.
    for who in [&vp, &pm1] {
        let r = app.api("GET", "/api/v1/org", Some(who), None).await;
        assert_eq!(r.status, 403, "{}", r.body);
        assert_eq!(app.page("/admin/org", Some(who)).await.status, 403);
    }

    // The page: the pyramid and the spans (no engineers in the app, so no
    // ratio chart, and a sentence that says so), people by name, the flags
    // in words.
    let page = app.page("/admin/org", Some(&admin)).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.body.matches("<svg").count(), 2);
    assert!(page.body.contains("No engineers in the roster"));
    assert!(page.body.contains("Assessed elsewhere"));
    assert!(
        page.body
            .contains("pm1 <span class=\"muted\">pm1@x.io</span>")
    );
    // A size that names nothing: the error, the typed text kept, the
    // report at the head-count below.
    let page = app
        .page("/admin/org?company_size=galaxy", Some(&admin))
        .await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("role=\"alert\""));
    assert!(page.body.contains("value=\"galaxy\""));
    assert_eq!(page.body.matches("<svg").count(), 2);
}
