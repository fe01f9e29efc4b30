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
    // The page shows names, not ids.
    let page = app.page("/team/calibration", Some(&admin)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("lenient") && page.body.contains("Product Manager"));
}
