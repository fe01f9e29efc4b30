//! The manager's view at scale (issue 11): pages with their total and links,
//! and calibration from the latest self and manager assessments.

mod common;

use common::{App, assessment, ratings_for};
use ladder_store::model::Access;
use serde_json::json;

#[tokio::test]
async fn reports_come_a_page_at_a_time_with_total_and_links() {
    let app = App::new().await;
    let boss = app.user("boss@x.io", Access::Manager, None).await;
    for i in 0..5 {
        app.user(&format!("p{i}@x.io"), Access::Member, Some(&boss))
            .await;
    }
    let first = app
        .api("GET", "/api/v1/reports?limit=2", Some(&boss), None)
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.json().as_array().unwrap().len(), 2);
    assert_eq!(first.headers["x-total-count"], "5");
    let link = first.headers["link"].to_str().unwrap();
    assert!(
        link.contains("</api/v1/reports?page=2&limit=2>; rel=\"next\"")
            && link.contains("</api/v1/reports?page=3&limit=2>; rel=\"last\"")
            && !link.contains("prev"),
        "{link}"
    );
    let last = app
        .api("GET", "/api/v1/reports?page=3&limit=2", Some(&boss), None)
        .await;
    assert_eq!(last.json().as_array().unwrap().len(), 1);
    let link = last.headers["link"].to_str().unwrap();
    assert!(
        link.contains("rel=\"prev\"") && !link.contains("rel=\"next\""),
        "{link}"
    );
    // The pages together are everyone, once.
    let mut seen: Vec<String> = Vec::new();
    for page in 1..=3 {
        let a = app
            .api(
                "GET",
                &format!("/api/v1/reports?page={page}&limit=2"),
                Some(&boss),
                None,
            )
            .await;
        for line in a.json().as_array().unwrap() {
            seen.push(line["user"]["email"].as_str().unwrap().to_owned());
        }
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 5);
    for bad in ["limit=0", "limit=1001", "page=0", "page=x"] {
        let a = app
            .api("GET", &format!("/api/v1/reports?{bad}"), Some(&boss), None)
            .await;
        assert_eq!(a.status, 400, "{bad}: {}", a.body);
        assert!(a.json()["error"].is_string());
    }
    let page = app.page("/team", Some(&boss)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("5 people"), "the page says how many");
}

#[tokio::test]
async fn calibration_compares_each_managers_ratings_with_their_peoples_own() {
    let app = App::new().await;
    let lenient = app.user("lenient@x.io", Access::Manager, None).await;
    let strict = app.user("strict@x.io", Access::Manager, None).await;
    let a = app.user("a@x.io", Access::Member, Some(&lenient)).await;
    let b = app.user("b@x.io", Access::Member, Some(&strict)).await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    // Both rate themselves exactly at the PM expectations.
    for who in [&a, &b] {
        let r = app
            .api(
                "POST",
                "/api/v1/me/assessments",
                Some(who),
                Some(assessment("pm", "pm", true)),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    // The lenient manager rates a at senior-PM expectations (higher); the
    // strict one rates b at the associate's (lower).
    let rate = |at: &str| json!({"role": "pm", "ratings": ratings_for(at), "submit": true});
    let r = app
        .api(
            "POST",
            &format!("/api/v1/people/{}/assessments", a.user.id),
            Some(&lenient),
            Some(rate("senior-pm")),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let r = app
        .api(
            "POST",
            &format!("/api/v1/people/{}/assessments", b.user.id),
            Some(&strict),
            Some(rate("apm")),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    // By hand: the sum over competencies of (expectation at X − at pm), over
    // the number of competencies.
    let l = ladder_core::embedded::ladder();
    let mean = |at: &str| {
        let items = &l.competencies.items;
        let d: i64 = items
            .iter()
            .map(|c| i64::from(c.expectations[at]) - i64::from(c.expectations["pm"]))
            .sum();
        ((d as f64 / items.len() as f64) * 100.0).round() / 100.0
    };
    let c = app
        .api("GET", "/api/v1/calibration", Some(&admin), None)
        .await;
    assert_eq!(c.status, 200, "{}", c.body);
    let c = c.json();
    let managers = c["managers"].as_array().unwrap();
    assert_eq!(managers.len(), 2);
    assert_eq!(managers[0]["name"], "lenient", "most generous first");
    assert_eq!(managers[0]["rated"], 1);
    assert_eq!(managers[0]["mean_difference"], json!(mean("senior-pm")));
    assert_eq!(managers[1]["mean_difference"], json!(mean("apm")));
    assert!(mean("senior-pm") > 0.0 && mean("apm") < 0.0);
    // A manager sees their own line only.
    let mine = app
        .api("GET", "/api/v1/calibration", Some(&strict), None)
        .await
        .json();
    assert_eq!(mine["managers"].as_array().unwrap().len(), 1);
    assert_eq!(mine["managers"][0]["name"], "strict");
    let placed = &mine["placements"]["pm"];
    let people: u64 = placed
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(people, 1);
    // A new submission shows at once (calibrations are kept only until one).
    let r = app
        .api(
            "POST",
            &format!("/api/v1/people/{}/assessments", b.user.id),
            Some(&strict),
            Some(rate("pm")),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let again = app
        .api("GET", "/api/v1/calibration", Some(&strict), None)
        .await
        .json();
    assert_eq!(again["managers"][0]["mean_difference"], json!(0.0));
    // So does a change to people: a rename.
    app.store
        .update_user(
            strict.user.id,
            ladder_store::model::UserUpdate {
                name: "Stern".into(),
                access: Access::Manager,
                team_id: None,
                manager_id: None,
                ladder_role: Some("pm".into()),
            },
            None,
        )
        .await
        .unwrap();
    let renamed = app
        .api("GET", "/api/v1/calibration", Some(&admin), None)
        .await
        .json();
    assert!(
        renamed["managers"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["name"] == "Stern")
    );
    // The page shows names, not ids.
    let page = app.page("/team/calibration", Some(&admin)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("lenient") && page.body.contains("Product Manager"));
    assert!(page.body.contains("Stern"));
}

#[tokio::test]
async fn the_heatmap_shows_ratings_against_the_bar_filters_and_exports_csv() {
    let app = App::new().await;
    let boss = app.user("boss@x.io", Access::Manager, None).await;
    let a = app.user("ada@x.io", Access::Member, Some(&boss)).await;
    let b = app.user("=cmd@x.io", Access::Member, Some(&boss)).await;
    let _c = app.user("cy@x.io", Access::Member, Some(&boss)).await;
    // Ada is in Growth and a senior PM on record.
    let growth = app.store.create_team("Growth", None).await.unwrap();
    app.store
        .update_user(
            a.user.id,
            ladder_store::model::UserUpdate {
                name: a.user.name.clone(),
                access: Access::Member,
                team_id: Some(growth.id),
                manager_id: Some(boss.user.id),
                ladder_role: Some("senior-pm".into()),
            },
            None,
        )
        .await
        .unwrap();
    // Ada rates herself at PM; her manager rates her one lower on execution.
    let r = app
        .api(
            "POST",
            "/api/v1/me/assessments",
            Some(&a),
            Some(assessment("pm", "pm", true)),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let mut ratings = ratings_for("pm");
    ratings["execution"] = json!(2);
    let r = app
        .api(
            "POST",
            &format!("/api/v1/people/{}/assessments", a.user.id),
            Some(&boss),
            Some(json!({"role": "pm", "ratings": ratings, "submit": true})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    // B only rated themselves.
    let r = app
        .api(
            "POST",
            "/api/v1/me/assessments",
            Some(&b),
            Some(assessment("pm", "pm", true)),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);

    let map = app.api("GET", "/api/v1/heatmap", Some(&boss), None).await;
    assert_eq!(map.status, 200, "{}", map.body);
    assert_eq!(map.headers["x-total-count"], "3");
    let m = map.json();
    let columns: Vec<&str> = m["competencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c[0].as_str().unwrap())
        .collect();
    let execution = columns.iter().position(|c| *c == "execution").unwrap();
    let row = |name: &str| {
        m["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()
            .clone()
    };
    let ada = row("ada");
    assert_eq!(ada["rater"], "manager", "the manager's ratings win");
    assert_eq!(ada["cells"][execution], json!({"rating": 2, "expected": 3}));
    assert_eq!(row("=cmd")["rater"], "self");
    assert!(
        row("cy")["cells"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c.is_null())
    );

    // Filters: by team, by role; paging links keep them.
    let team = app
        .api(
            "GET",
            &format!("/api/v1/heatmap?team={}&limit=1", growth.id),
            Some(&boss),
            None,
        )
        .await;
    assert_eq!(team.headers["x-total-count"], "1");
    let by_role = app
        .api("GET", "/api/v1/reports?role=pm&limit=1", Some(&boss), None)
        .await;
    assert_eq!(by_role.headers["x-total-count"], "2");
    let link = by_role.headers["link"].to_str().unwrap();
    assert!(
        link.contains("page=2&limit=1&role=pm>; rel=\"next\""),
        "{link}"
    );
    let bad = app
        .api("GET", "/api/v1/reports?team=growth", Some(&boss), None)
        .await;
    assert_eq!(bad.status, 400);

    // The page draws it; the CSV has a header and a row per person, and a
    // name that looks like a formula stays text.
    let page = app.page("/team/heatmap", Some(&boss)).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("class=\"cell d-1\"") && page.body.contains("Execution and delivery")
    );
    let csv = app.page("/team/heatmap.csv", Some(&boss)).await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(lines.len(), 4, "{}", csv.body);
    assert!(lines[0].starts_with("person,user_id,role,rated_by,Customer empathy and insight,"));
    assert!(csv.body.contains("\n'=cmd,"), "{}", csv.body);
    assert!(csv.body.contains("ada,") && csv.body.contains(",Product Manager,manager,"));
    // Members have no heatmap.
    assert_eq!(app.page("/team/heatmap.csv", Some(&b)).await.status, 403);
}

#[tokio::test]
async fn reports_filter_by_readiness_and_the_managers_rating_decides() {
    let app = App::new().await;
    let boss = app.user("boss@x.io", Access::Manager, None).await;
    let ready = app.user("ready@x.io", Access::Member, Some(&boss)).await;
    let not_yet = app.user("notyet@x.io", Access::Member, Some(&boss)).await;
    let _none = app.user("none@x.io", Access::Member, Some(&boss)).await;
    // A PM rating themselves at the senior PM bar is ready for that step;
    // one at the PM bar is not yet.
    for (who, at) in [(&ready, "senior-pm"), (&not_yet, "pm")] {
        let r = app
            .api(
                "POST",
                "/api/v1/me/assessments",
                Some(who),
                Some(assessment("pm", at, true)),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let emails = |state: &str| {
        let app = &app;
        let boss = &boss;
        let state = state.to_owned();
        async move {
            let r = app
                .api(
                    "GET",
                    &format!("/api/v1/reports?ready={state}"),
                    Some(boss),
                    None,
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
            let mut out: Vec<String> = r
                .json()
                .as_array()
                .unwrap()
                .iter()
                .map(|l| l["user"]["email"].as_str().unwrap().to_owned())
                .collect();
            out.sort();
            assert_eq!(r.headers["x-total-count"], out.len().to_string().as_str());
            out
        }
    };
    assert_eq!(emails("ready").await, ["ready@x.io"]);
    assert_eq!(emails("not-yet").await, ["notyet@x.io"]);
    assert_eq!(emails("not-assessed").await, ["none@x.io"]);

    // The manager rates the ready one at the PM bar: their rating decides,
    // and the filter sees the submission at once.
    let r = app
        .api(
            "POST",
            &format!("/api/v1/people/{}/assessments", ready.user.id),
            Some(&boss),
            Some(json!({"role": "pm", "ratings": ratings_for("pm"), "submit": true})),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(emails("ready").await.is_empty());
    assert_eq!(emails("not-yet").await, ["notyet@x.io", "ready@x.io"]);

    let bad = app
        .api("GET", "/api/v1/reports?ready=yes", Some(&boss), None)
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.json()["error"].as_str().unwrap().contains("not-yet"));

    // The page offers the filter, keeps the choice, and says who matches.
    let page = app.page("/team?ready=not-assessed", Some(&boss)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains(r#"<option value="not-assessed" selected>"#)
    );
    assert!(page.body.contains("1 person match"), "{}", page.body);
    assert!(page.body.contains("not assessed yet"));
}
