//! The growth loop through the pages, as people use it: a member assesses
//! themselves and sees the next step with what is missing named; the
//! manager rates side by side with the member's view; the manager's
//! assessment stays private until shared, then the member sees both.

mod common;

use common::{App, ratings_for};
use ladder_store::model::Access;

/// The form's fields for `ratings`, with `extra` fields after.
fn form_fields(ratings: &serde_json::Value, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = ratings
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (format!("rating.{k}"), v.to_string()))
        .collect();
    out.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
    out
}

fn refs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

#[tokio::test]
async fn next_step_side_by_side_review_and_sharing() {
    let app = App::new().await;
    let manager = app.user("m@x.io", Access::Manager, None).await;
    let me = app.user("me@x.io", Access::Member, Some(&manager)).await;

    // Evidence first, tagged with a competency that will be short.
    let ev = app
        .form(
            "/me/evidence",
            Some(&me),
            &[
                ("text", "Built the activation dashboard"),
                ("competency", "data-metrics"),
            ],
            true,
        )
        .await;
    assert_eq!(ev.status, 303, "{}", ev.body);

    // Rated at Senior PM except two competencies; one left empty on submit:
    // the form comes back with the problem beside it and what was typed kept.
    let mut ratings = ratings_for("senior-pm");
    ratings["data-metrics"] = 2.into();
    ratings["communication"] = 3.into();
    let mut partial = ratings.clone();
    partial.as_object_mut().unwrap().remove("vision");
    let typed = form_fields(
        &partial,
        &[
            ("role", "pm"),
            ("evidence.execution", "Shipped onboarding v2"),
            ("action", "submit"),
        ],
    );
    let refused = app.form("/me/assess", Some(&me), &refs(&typed), true).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(refused.body.contains("choose a level before submitting"));
    assert!(
        refused.body.contains("Shipped onboarding v2"),
        "what was typed is kept"
    );
    assert!(refused.body.contains("id=\"c-vision\""));
    assert!(
        app.store
            .assessments_of(me.user.id)
            .await
            .unwrap()
            .is_empty()
    );

    // Ratings start empty on a fresh form.
    let fresh = app.page("/me/assess", Some(&me)).await;
    assert!(
        fresh
            .body
            .contains("<option value=\"\">Choose a level…</option>")
    );
    assert!(
        !fresh.body.contains(" selected>3 – Proficient"),
        "nothing chosen in advance"
    );
    assert!(fresh.body.contains("What each level looks like"));

    // One readiness criterion of the move to Senior PM ticked, with a note.
    let ladder = ladder_core::embedded::ladder();
    let criteria: Vec<String> = ladder
        .role("pm")
        .and_then(|r| r.readiness_for("senior-pm"))
        .map(|r| r.criteria.iter().map(|f| f.text.clone()).collect())
        .unwrap_or_default();
    assert!(
        criteria.len() >= 2,
        "the built-in ladder has criteria for pm → senior-pm"
    );
    assert!(fresh.body.contains("Ready for Senior Product Manager?"));
    let full = form_fields(
        &ratings,
        &[
            ("role", "pm"),
            ("ready-criterion.senior-pm.0", &criteria[0]),
            ("ready.senior-pm.0", "met"),
            ("ready-note.senior-pm.0", "Ran the Q3 planning for checkout"),
            ("ready-criterion.senior-pm.1", &criteria[1]),
            ("action", "submit"),
        ],
    );
    let posted = app.form("/me/assess", Some(&me), &refs(&full), true).await;
    assert_eq!(posted.status, 303, "{}", posted.body);

    // My growth opens on the next step, the missing competencies by name,
    // with the needed level's words and my evidence.
    let mine = app.page("/me", Some(&me)).await;
    let body = &mine.body;
    let next = body.find("id=\"next\"").expect("a next-step section");
    let history = body.find("id=\"history\"").expect("a history section");
    assert!(next < history, "the next step comes first");
    assert!(
        body.contains(
            "2 competencies from <a href=\"/roles/senior-pm\">Senior Product Manager</a>"
        ),
        "{body}"
    );
    assert!(
        body.contains("<h4>Data and metrics</h4>")
            && body.contains("<h4>Communication and stakeholder management</h4>")
    );
    assert!(body.contains("needed: <strong>Proficient</strong>"));
    assert!(body.contains("Built the activation dashboard"));
    assert!(body.contains("10 of 12 met"));
    assert!(
        body.contains(&format!(
            "Readiness criteria: 1 of {} ticked as met",
            criteria.len()
        )),
        "{body}"
    );
    assert!(body.contains("Ran the Q3 planning for checkout"));
    let growth = app.api("GET", "/api/v1/me/growth", Some(&me), None).await;
    assert_eq!(growth.status, 200);
    let first = &growth.json()["steps"][0];
    assert_eq!(first["role"], "senior-pm");
    assert_eq!(first["missing"].as_array().unwrap().len(), 2);
    assert_eq!(first["checklist"][0]["met"], true);
    assert!(
        first["checklist"][1]["met"].is_null(),
        "untouched: not judged"
    );
    // A criterion the ladder does not have is refused, located.
    let mut made_up = common::assessment("pm", "pm", false);
    made_up["readiness"] =
        serde_json::json!([{"to": "senior-pm", "criterion": "Juggles", "met": true}]);
    let refused = app
        .api("POST", "/api/v1/me/assessments", Some(&me), Some(made_up))
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.json()["problems"][0]["at"], "readiness[0]");

    // The manager rates side by side: the member's rating and evidence are
    // beside each competency.
    let form_path = format!("/people/{}/assess", me.user.id);
    let side = app.page(&form_path, Some(&manager)).await;
    assert_eq!(side.status, 200);
    assert!(
        side.body.contains("Their own rating")
            && side.body.contains("Built the activation dashboard")
    );
    let mut theirs = ratings.clone();
    theirs["execution"] = 2.into();
    let rated = form_fields(&theirs, &[("role", "pm"), ("action", "submit")]);
    let posted = app
        .form(&form_path, Some(&manager), &refs(&rated), true)
        .await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let location = posted.headers["location"].to_str().unwrap().to_owned();
    let id: i64 = location.rsplit('/').next().unwrap().parse().unwrap();
    let shown = app.page(&location, Some(&manager)).await;
    assert!(shown.body.contains("Share with me"), "{}", shown.body);

    // Not shared yet: the member sees nothing of it.
    assert_eq!(app.page(&location, Some(&me)).await.status, 404);
    let listed = app
        .api("GET", "/api/v1/me/assessments", Some(&me), None)
        .await;
    assert_eq!(listed.json().as_array().unwrap().len(), 1);
    let review = app.page("/me/review", Some(&me)).await;
    assert!(
        review
            .body
            .contains("no manager assessment shared with you yet")
    );

    // Shared: the member sees it and the difference, highlighted.
    let shared = app
        .form(&format!("{location}/share"), Some(&manager), &[], true)
        .await;
    assert_eq!(shared.status, 303, "{}", shared.body);
    assert_eq!(app.page(&location, Some(&me)).await.status, 200);
    let review = app.page("/me/review", Some(&me)).await;
    assert!(
        review
            .body
            .contains("<strong>1</strong> of 12 competencies rated differently"),
        "{}",
        review.body
    );
    assert!(review.body.contains("class=\"differs\""));
    assert!(review.body.contains("manager -1"));
    let api = app.api("GET", "/api/v1/me/review", Some(&me), None).await;
    assert_eq!(api.json()["manager"]["id"], id);
    assert!(api.json()["manager"]["shared_at"].is_i64());
    // Sharing twice keeps the first time.
    let again = app
        .api(
            "POST",
            &format!("/api/v1/assessments/{id}/share"),
            Some(&manager),
            None,
        )
        .await;
    assert_eq!(
        again.json()["shared_at"],
        api.json()["manager"]["shared_at"]
    );

    // Drafts stay their author's: the manager does not see the member's.
    let draft = form_fields(&partial, &[("role", "pm"), ("action", "draft")]);
    let saved = app.form("/me/assess", Some(&me), &refs(&draft), true).await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    let draft_at = saved.headers["location"].to_str().unwrap().to_owned();
    assert_eq!(app.page(&draft_at, Some(&manager)).await.status, 404);
    assert_eq!(app.page(&draft_at, Some(&me)).await.status, 200);
}
