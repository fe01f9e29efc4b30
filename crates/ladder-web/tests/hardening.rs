//! Issue 15's web-facing failures, each as the request that used to get
//! through: framework rejections in the API's JSON shape, the CSRF cookie's
//! life (only on private pages, only our own tokens, replaced at sign-in),
//! the Origin check, and assessment input the ladder check cannot see.

mod common;

use axum::body::Body;
use axum::http::{Method, Request, header};
use common::{App, CSRF, PASSWORD, assessment};
use ladder_store::model::Access;
use serde_json::json;

fn csrf_cookie(a: &common::Answer) -> Option<String> {
    common::set_cookies(a)
        .into_iter()
        .find(|c| c.starts_with("ladder_csrf="))
}

#[tokio::test]
async fn every_api_error_is_json_even_the_frameworks() {
    let app = App::new().await;
    let sam = app.user("sam@x.io", Access::Member, None).await;
    // A path id that is not a number.
    let a = app
        .api("GET", "/api/v1/assessments/abc", Some(&sam), None)
        .await;
    assert_eq!(a.status, 400);
    assert!(
        a.json()["error"].as_str().unwrap().contains("parse"),
        "{}",
        a.body
    );
    assert_eq!(a.json()["status"], 400);
    // A body that is not JSON.
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/me/evidence")
        .header(header::AUTHORIZATION, format!("Bearer {}", sam.token))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{not json"))
        .unwrap();
    let a = app.send(req).await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert!(
        a.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json")
    );
    assert!(a.json()["error"].is_string());
    // The wrong content type.
    let req = Request::builder()
        .method(Method::POST)
        .uri("/api/v1/me/tokens")
        .header(header::AUTHORIZATION, format!("Bearer {}", sam.token))
        .header(header::CONTENT_TYPE, "text/plain")
        .body(Body::from("name=x"))
        .unwrap();
    let a = app.send(req).await;
    assert_eq!(a.status, 415);
    assert_eq!(a.json()["status"], 415);
    // A query that does not parse.
    let a = app
        .api(
            "GET",
            "/api/v1/simulate?from=pm&to=vp&runs=many",
            None,
            None,
        )
        .await;
    assert_eq!(a.status, 400);
    assert!(
        a.json()["error"].as_str().unwrap().contains("runs"),
        "{}",
        a.body
    );
    // A method the route does not have keeps its Allow header.
    let a = app.api("DELETE", "/api/v1/roles", None, None).await;
    assert_eq!(a.status, 405);
    assert!(a.headers.contains_key("allow"));
    assert_eq!(a.json()["status"], 405);
}

#[tokio::test]
async fn the_csrf_cookie_is_ours_only_on_private_pages_and_renewed_at_sign_in() {
    let app = App::new().await;
    app.user("ada@x.io", Access::Member, None).await;
    let bare = |path: &str| Request::builder().uri(path).body(Body::empty()).unwrap();
    // Publicly cached pages carry no cookie; the sign-in form does.
    for public in ["/", "/roles/pm"] {
        let a = app.send(bare(public)).await;
        assert_eq!(a.status, 200);
        assert_eq!(csrf_cookie(&a), None, "{public} sets no CSRF cookie");
    }
    let login = app.send(bare("/login")).await;
    assert!(
        csrf_cookie(&login).is_some(),
        "the form's page hands one out"
    );
    // A token the attacker chose (not one of ours) is refused, even when the
    // form carries the same value.
    let planted = "attacker-chosen-value-attacker-chosen-value";
    let req = Request::builder()
        .method(Method::POST)
        .uri("/login")
        .header(header::COOKIE, format!("ladder_csrf={planted}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!(
            "email=ada%40x.io&password=correct+horse+battery&csrf={planted}"
        )))
        .unwrap();
    assert_eq!(app.send(req).await.status, 403);
    // Signing in replaces the token.
    let ok = app
        .form(
            "/login",
            None,
            &[("email", "ada@x.io"), ("password", PASSWORD)],
            true,
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    let renewed = csrf_cookie(&ok).expect("a new CSRF cookie at sign-in");
    assert!(!renewed.contains(CSRF), "{renewed}");
}

#[tokio::test]
async fn unsafe_requests_from_another_site_are_refused() {
    let app = App::new().await;
    let sam = app.user("sam@x.io", Access::Member, None).await;
    let post = |origin: &'static str| {
        Request::builder()
            .method(Method::POST)
            .uri("/me/tokens")
            .header(header::HOST, "ladder.example.com")
            .header(header::ORIGIN, origin)
            .header(
                header::COOKIE,
                format!("ladder_csrf={CSRF}; ladder_session={}", sam.session),
            )
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!("name=x&csrf={CSRF}")))
            .unwrap()
    };
    assert_eq!(app.send(post("https://evil.example")).await.status, 403);
    assert_eq!(app.store.tokens(sam.user.id).await.unwrap().len(), 1);
    assert_eq!(
        app.send(post("https://ladder.example.com")).await.status,
        200
    );
    assert_eq!(app.store.tokens(sam.user.id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn assessments_refuse_stray_long_and_empty_input() {
    let app = App::new().await;
    let sam = app.user("sam@x.io", Access::Member, None).await;
    let mut body = assessment("pm", "pm", false);
    body["evidence"] = json!({"telepathy": "Read minds", "execution": "x".repeat(10_001)});
    let a = app
        .api("POST", "/api/v1/me/assessments", Some(&sam), Some(body))
        .await;
    assert_eq!(a.status, 422, "{}", a.body);
    let at: Vec<String> = a.json()["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["at"].as_str().unwrap().to_owned())
        .collect();
    assert!(at.contains(&"evidence.telepathy".to_owned()), "{at:?}");
    assert!(at.contains(&"evidence.execution".to_owned()), "{at:?}");
    let empty = json!({"role": "pm", "ratings": {}, "submit": true});
    let a = app
        .api("POST", "/api/v1/me/assessments", Some(&sam), Some(empty))
        .await;
    assert_eq!(a.status, 422, "{}", a.body);
    assert_eq!(a.json()["problems"][0]["at"], "ratings");
    // A blank name on change is refused like on create (issue 15.9).
    let admin = app.user("ada@x.io", Access::Admin, None).await;
    let a = app
        .api(
            "PATCH",
            &format!("/api/v1/users/{}", sam.user.id),
            Some(&admin),
            Some(json!({"name": "   ", "access": "member"})),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    // And a manager that does not exist is a 400 naming the field (15.7).
    let a = app
        .api(
            "PATCH",
            &format!("/api/v1/users/{}", sam.user.id),
            Some(&admin),
            Some(json!({"name": "Sam", "access": "member", "manager_id": 999})),
        )
        .await;
    assert_eq!(a.status, 400, "{}", a.body);
    assert!(a.json()["error"].as_str().unwrap().contains("manager_id"));
}
