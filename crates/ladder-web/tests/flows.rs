//! End-to-end flows through the app in process: the contract other tools
//! rely on, sign-in, CSRF, security headers, assessments from self to
//! manager view, ladder uploads and the OpenAPI document.

mod common;

use common::{App, PASSWORD, assessment, ratings_for};
use ladder_store::model::Access;
use ladder_web::Config;
use serde_json::json;

#[tokio::test]
async fn the_contract() {
    let app = App::new().await;
    let home = app.page("/", None).await;
    assert_eq!(home.status, 200);
    assert!(
        home.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        home.body.contains("<svg"),
        "the overview has the ladder diagram"
    );
    let pm = app.page("/roles/pm", None).await;
    assert_eq!(pm.status, 200);
    assert!(pm.body.contains("<h1"));
    assert_eq!(app.page("/roles/pm.html", None).await.body, pm.body);
    assert_eq!(app.page("/roles/nobody", None).await.status, 404);
    let roles = app.api("GET", "/api/v1/roles", None, None).await;
    assert_eq!(roles.status, 200);
    let list = roles.json();
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"pm") && ids.contains(&"cpo") && ids.len() >= 14,
        "{ids:?}"
    );
    let me = app.api("GET", "/api/v1/me", None, None).await;
    assert_eq!(me.status, 401);
    assert_eq!(me.headers["www-authenticate"], "Bearer realm=\"ladder\"");
    assert!(me.json()["error"].as_str().unwrap().contains("sign in"));
    let bad = app.api("GET", "/api/v1/me", None, None).await;
    assert_eq!(bad.status, 401);
}

#[tokio::test]
async fn public_tools_answer() {
    let app = App::new().await;
    let t = app
        .api(
            "GET",
            "/api/v1/titles/resolve?q=Sr.%20Product%20Manager",
            None,
            None,
        )
        .await;
    assert_eq!(t.status, 200, "{}", t.body);
    assert_eq!(t.json()["role"], "senior-pm");
    let p = app
        .api("GET", "/api/v1/path?from=apm&to=director", None, None)
        .await;
    assert_eq!(p.status, 200, "{}", p.body);
    assert!(!p.json()["routes"].as_array().unwrap().is_empty());
    let s = app
        .api(
            "GET",
            "/api/v1/simulate?from=pm&to=senior-pm&runs=2000&seed=7",
            None,
            None,
        )
        .await;
    assert_eq!(s.status, 200, "{}", s.body);
    assert_eq!(s.json()["runs"], 2000);
    let bad = app
        .api(
            "GET",
            "/api/v1/simulate?from=pm&to=senior-pm&runs=999999999",
            None,
            None,
        )
        .await;
    assert_eq!(bad.status, 400);
    let c = app
        .api("GET", "/api/v1/compare?from=pm&to=senior-pm", None, None)
        .await;
    assert_eq!(c.status, 200, "{}", c.body);
    let unknown = app
        .api("GET", "/api/v1/compare?from=pm&to=wizard", None, None)
        .await;
    assert_eq!(unknown.status, 400);
    assert!(unknown.json()["error"].as_str().unwrap().contains("wizard"));
    let page = app.page("/titles?q=Head+of+Product", None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("id=\"title-result\""));
    // Engineers and designers are named as such, not as "not product".
    let eng = app.page("/titles?q=Engineering+Manager", None).await;
    assert!(
        eng.body
            .contains("An engineering title, not a role of this ladder"),
        "{}",
        eng.body
    );
    let design = app.page("/titles?q=Product+Designer", None).await;
    assert!(design.body.contains("A design title"));
    let paths = app
        .page("/paths?from=apm&to=senior-pm&company=startup", None)
        .await;
    assert_eq!(paths.status, 200);
    assert!(
        paths.body.contains(
            "From Associate Product Manager to Senior Product Manager at a startup company"
        ),
        "{}",
        paths.body
    );
    assert!(!paths.body.contains(".33"), "whole years only");
    assert!(
        paths.body.contains("<svg"),
        "the simulation chart is on the page"
    );
    // An impossible path says why and draws no empty chart.
    let back = app.page("/paths?from=cpo&to=intern", None).await;
    assert!(
        back.body.contains("No route: no sequence of moves"),
        "{}",
        back.body
    );
    assert!(!back.body.contains("<svg"));
    let cmp = app.page("/compare?from=pm&to=senior-pm", None).await;
    assert_eq!(cmp.status, 303);
    // The form opens on a role and its next step, not on the same role twice.
    let form = app.page("/compare", None).await;
    assert!(form.body.contains("<option value=\"pm\" selected>"));
    assert!(form.body.contains("<option value=\"senior-pm\" selected>"));
    // A role compared with itself: the form says so.
    let same = app.page("/compare/pm--pm", None).await;
    assert_eq!(same.status, 303);
    let said = app.page("/compare?from=pm&to=pm", None).await;
    assert!(said.body.contains("pick two different roles"));
    // The title box answers in a sentence.
    let t = app.page("/titles?q=Senior+PM", None).await;
    assert!(
        t.body
            .contains(">Senior Product Manager — high confidence</a>"),
        "{}",
        t.body
    );
    assert_eq!(
        app.page("/compare/pm--senior-pm.html", None).await.status,
        200
    );
    assert_eq!(
        app.api("GET", "/api/v1/nothing-here", None, None)
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn security_headers_on_every_response() {
    let app = App::new().await;
    for path in [
        "/",
        "/roles/pm",
        "/login",
        "/api/v1/roles",
        "/api/v1/me",
        "/nowhere",
    ] {
        let a = app.page(path, None).await;
        let h = &a.headers;
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("default-src 'self'")
                && csp.contains("script-src 'self'")
                && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
        assert!(
            h.get("strict-transport-security").is_none(),
            "no HSTS over plain HTTP"
        );
    }
    let me = app.page("/api/v1/me", None).await;
    assert_eq!(
        me.headers["cache-control"], "no-store",
        "private answers are not cached"
    );
}

#[tokio::test]
async fn sign_in_sets_a_safe_cookie_and_is_rate_limited() {
    let app = App::new().await;
    let u = app.user("ada@x.io", Access::Member, None).await;
    let form = app.page("/login", None).await;
    assert_eq!(form.status, 200);
    assert!(form.body.contains("name=\"csrf\""));
    let wrong = app
        .form(
            "/login",
            None,
            &[("email", "ada@x.io"), ("password", "not the password")],
            true,
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert!(wrong.body.contains("do not match"));
    let nobody = app
        .form(
            "/login",
            None,
            &[("email", "nobody@x.io"), ("password", "whatever it is")],
            true,
        )
        .await;
    assert_eq!(nobody.status, 401, "unknown emails get the same answer");
    let no_csrf = app
        .form(
            "/login",
            None,
            &[("email", "ada@x.io"), ("password", PASSWORD)],
            false,
        )
        .await;
    assert_eq!(
        no_csrf.status, 403,
        "the sign-in form needs its CSRF token too"
    );
    let ok = app
        .form(
            "/login",
            None,
            &[("email", "ADA@x.io"), ("password", PASSWORD)],
            true,
        )
        .await;
    assert_eq!(ok.status, 303, "{}", ok.body);
    assert_eq!(ok.headers["location"], "/me");
    let cookie = common::set_cookies(&ok)
        .into_iter()
        .find(|c| c.starts_with("ladder_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Secure"), "not over plain HTTP");
    // The success forgot the earlier failure; five in a row from here make
    // this (account, address) pair wait before its next try, even with the
    // right password (issue 15: the owner elsewhere is not affected; see the
    // app's and the process tests).
    for _ in 0..5 {
        let w = app
            .form(
                "/login",
                None,
                &[("email", "ada@x.io"), ("password", "wrong wrong wrong")],
                true,
            )
            .await;
        assert_eq!(w.status, 401, "{}", w.body);
    }
    let limited = app
        .form(
            "/login",
            None,
            &[("email", "ada@x.io"), ("password", PASSWORD)],
            true,
        )
        .await;
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!(limited.body.contains("too many failed sign-ins"));
    assert_eq!(limited.headers["retry-after"], "1");
    let _ = u;
}

#[tokio::test]
async fn role_pages_show_each_passage_when_the_server_has_the_sources_text() {
    // The text of Adam Kalsey's article, as the built-in ladder names its file:
    // paragraph 9 is the associate product manager.
    let text: String = (1..=40)
        .map(|n| format!("Words of paragraph {n}.\n\n"))
        .collect();
    let texts = [("003_bbd58305733158c7.txt".to_owned(), text)].into();
    let app = App::with_config(Config {
        source_texts: std::sync::Arc::new(texts),
        ..Config::default()
    })
    .await;
    let apm = app.page("/roles/apm", None).await;
    assert_eq!(apm.status, 200);
    assert!(
        apm.body.contains("<summary>Read the passage"),
        "{}",
        apm.body
    );
    assert!(
        apm.body.contains("<p>Words of paragraph 9.</p>"),
        "{}",
        apm.body
    );
    let plain = App::new().await.page("/roles/apm", None).await;
    assert!(!plain.body.contains("Read the passage"));
    assert!(
        plain
            .body
            .contains("Product Manager Career Ladder</cite>, paragraph 9")
    );
}

#[tokio::test]
async fn cookies_are_secure_behind_tls() {
    let app = App::with_config(Config {
        secure_cookies: true,
        ..Config::default()
    })
    .await;
    app.user("ada@x.io", Access::Member, None).await;
    let ok = app
        .form(
            "/login",
            None,
            &[("email", "ada@x.io"), ("password", PASSWORD)],
            true,
        )
        .await;
    assert_eq!(ok.status, 303);
    assert!(
        common::set_cookies(&ok)
            .iter()
            .any(|c| c.starts_with("ladder_session=") && c.contains("Secure"))
    );
    assert!(ok.headers.contains_key("strict-transport-security"));
    let fresh = app
        .send(
            axum::http::Request::builder()
                .uri("/login")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    let csrf = common::set_cookies(&fresh)
        .into_iter()
        .find(|c| c.starts_with("ladder_csrf="))
        .unwrap();
    assert!(
        csrf.contains("Secure") && csrf.contains("HttpOnly") && csrf.contains("SameSite=Strict"),
        "{csrf}"
    );
}

#[tokio::test]
async fn forms_without_the_csrf_token_change_nothing() {
    let app = App::new().await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    let refused = app
        .form("/admin/teams", Some(&admin), &[("name", "Growth")], false)
        .await;
    assert_eq!(refused.status, 403);
    assert!(refused.body.contains("security token"));
    assert!(app.store.teams().await.unwrap().is_empty());
    let ok = app
        .form("/admin/teams", Some(&admin), &[("name", "Growth")], true)
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(app.store.teams().await.unwrap().len(), 1);
    // A script using the session cookie sends the token as a header.
    let req = axum::http::Request::builder()
        .method("POST")
        .uri("/api/v1/teams")
        .header(
            "cookie",
            format!(
                "ladder_csrf={}; ladder_session={}",
                common::CSRF,
                admin.session
            ),
        )
        .header("content-type", "application/json");
    let no_header = app
        .send(
            req.body(axum::body::Body::from(r#"{"name":"Core"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(
        no_header.status, 403,
        "a session without the token cannot change anything"
    );
    let req = axum::http::Request::builder()
        .method("POST")
        .uri("/api/v1/teams")
        .header(
            "cookie",
            format!(
                "ladder_csrf={}; ladder_session={}",
                common::CSRF,
                admin.session
            ),
        )
        .header("x-csrf-token", common::CSRF)
        .header("content-type", "application/json");
    let with_header = app
        .send(
            req.body(axum::body::Body::from(r#"{"name":"Core"}"#))
                .unwrap(),
        )
        .await;
    assert_eq!(with_header.status, 201, "{}", with_header.body);
}

#[tokio::test]
async fn assessment_from_form_to_manager_view() {
    let app = App::new().await;
    let manager = app.user("m@x.io", Access::Manager, None).await;
    let me = app.user("me@x.io", Access::Member, Some(&manager)).await;
    // The form, filled at senior-pm level, submitted.
    let ratings = ratings_for("senior-pm");
    let mut fields: Vec<(String, String)> = ratings
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (format!("rating.{k}"), v.to_string()))
        .collect();
    fields.push(("role".into(), "pm".into()));
    fields.push((
        "evidence.execution".into(),
        "Shipped the new onboarding".into(),
    ));
    fields.push(("action".into(), "submit".into()));
    let refs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let posted = app.form("/me/assess", Some(&me), &refs, true).await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let location = posted.headers["location"].to_str().unwrap().to_owned();
    let shown = app.page(&location, Some(&me)).await;
    assert_eq!(shown.status, 200);
    assert!(
        shown
            .body
            .contains("id=\"placement\">Senior Product Manager<"),
        "placed at senior-pm, named by its title"
    );
    assert!(
        shown.body.contains("class=\"rating\""),
        "the radar chart is drawn"
    );
    let mine = app.page("/me", Some(&me)).await;
    assert!(
        mine.body.contains("Ready for Senior Product Manager") && mine.body.contains("<progress"),
        "my page opens on the next step"
    );
    assert!(
        mine.body.contains("class=\"history\""),
        "the history chart is on my page"
    );
    // A form with problems comes back filled in, the problem named, nothing stored.
    let bad = app
        .form(
            "/me/assess",
            Some(&me),
            &[
                ("role", "pm"),
                ("rating.telepathy", "3"),
                ("action", "submit"),
            ],
            true,
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(bad.body.contains("telepathy") && bad.body.contains("id=\"assessment-form\""));
    assert_eq!(app.store.assessments_of(me.user.id).await.unwrap().len(), 1);
    // Frozen.
    let id: i64 = location.rsplit('/').next().unwrap().parse().unwrap();
    let put = app
        .api(
            "PUT",
            &format!("/api/v1/assessments/{id}"),
            Some(&me),
            Some(assessment("pm", "pm", true)),
        )
        .await;
    assert_eq!(put.status, 409, "{}", put.body);
    // A bad rating is refused with where and why, and nothing is stored.
    let mut bad = assessment("pm", "pm", true);
    bad["ratings"]["execution"] = json!(9);
    bad["ratings"]["telepathy"] = json!(3);
    let refused = app
        .api("POST", "/api/v1/me/assessments", Some(&me), Some(bad))
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    let problems = refused.json()["problems"].as_array().unwrap().clone();
    assert!(problems.len() >= 2, "{problems:?}");
    assert_eq!(app.store.assessments_of(me.user.id).await.unwrap().len(), 1);
    // The manager rates lower; the team view shows placement, readiness and the gaps.
    let rated = app
        .api(
            "POST",
            &format!("/api/v1/people/{}/assessments", me.user.id),
            Some(&manager),
            Some(assessment("pm", "pm", true)),
        )
        .await;
    assert_eq!(rated.status, 201, "{}", rated.body);
    assert_eq!(rated.json()["rater"], "manager");
    let team = app
        .api("GET", "/api/v1/reports", Some(&manager), None)
        .await;
    let line = &team.json()[0];
    assert_eq!(line["user"]["email"], "me@x.io");
    assert_eq!(line["latest_self"]["report"]["placement"], "senior-pm");
    assert_eq!(line["latest_manager"]["report"]["placement"], "pm");
    assert!(!line["differences"].as_array().unwrap().is_empty());
    assert!(
        line["user"].get("password_hash").is_none(),
        "hashes never leave the server"
    );
    let page = app.page("/team", Some(&manager)).await;
    assert!(
        page.body.contains("me</a>") && page.body.contains("Senior Product Manager</a>"),
        "the team page names placements by their titles: {}",
        page.body
    );
}

#[tokio::test]
async fn ladder_uploads_are_versions_and_keep_old_assessments() {
    let app = App::new().await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    let me = app.user("me@x.io", Access::Member, None).await;
    let first = app
        .api(
            "POST",
            "/api/v1/me/assessments",
            Some(&me),
            Some(assessment("pm", "pm", true)),
        )
        .await;
    let first_id = first.json()["id"].as_i64().unwrap();
    let old_ladder = first.json()["ladder_id"].as_i64().unwrap();
    // A broken file: every error with its line and column, nothing stored.
    let broken =
        "[ladder]\nname = \"Acme\"\nversion = 3\n\n[[roles]]\nid = \"pm\"\ntitel = \"PM\"\n";
    let r = app.api_raw("POST", "/api/v1/ladders", &admin, broken).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let problems = r.json()["problems"].as_array().unwrap().clone();
    assert!(
        problems
            .iter()
            .any(|p| p["at"].as_str().unwrap().starts_with("line ")),
        "{problems:?}"
    );
    assert_eq!(app.store.ladders().await.unwrap().len(), 1);
    let page = app.form("/admin/ladders", Some(&admin), &[], true).await;
    assert!(page.status.is_client_error());
    // A good file (the embedded one, renamed) becomes a new version in force.
    let acme = ladder_core::embedded::TEXT.replacen(
        "name = \"Product management\"",
        "name = \"Acme product\"",
        1,
    );
    assert_ne!(acme, ladder_core::embedded::TEXT, "the rename applied");
    let up = app.api_raw("POST", "/api/v1/ladders", &admin, &acme).await;
    assert_eq!(up.status, 201, "{}", up.body);
    let new_id = up.json()["id"].as_i64().unwrap();
    assert_ne!(new_id, old_ladder);
    let info = app.api("GET", "/api/v1/ladder", None, None).await.json();
    assert_eq!(info["id"], new_id);
    assert_eq!(info["name"], "Acme product");
    assert!(app.page("/", None).await.body.contains("Acme product"));
    // The old assessment still reads against the version it was made with.
    let old = app
        .api(
            "GET",
            &format!("/api/v1/assessments/{first_id}"),
            Some(&me),
            None,
        )
        .await;
    assert_eq!(old.json()["ladder_id"], old_ladder);
    let new = app
        .api(
            "POST",
            "/api/v1/me/assessments",
            Some(&me),
            Some(assessment("pm", "pm", true)),
        )
        .await;
    assert_eq!(new.json()["ladder_id"], new_id);
    let audit = app
        .api("GET", "/api/v1/audit", Some(&admin), None)
        .await
        .json();
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "ladder.add" && e["actor_id"] == admin.user.id)
    );
}

#[tokio::test]
async fn openapi_lists_every_route_and_every_route_answers() {
    let app = App::new().await;
    let doc = app
        .api("GET", "/api/v1/openapi.json", None, None)
        .await
        .json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    let mut operations = 0;
    for e in ladder_web::api::ENDPOINTS {
        let op = &paths[e.path][e.method.as_str().to_lowercase()];
        assert!(
            op.is_object(),
            "{} {} missing from the document",
            e.method,
            e.path
        );
        operations += 1;
        // The router has the route: the answer is never 404-for-no-route or 405.
        let path = format!("/api/v1{}", e.path.replace("{id}", "1"));
        let a = app.api(e.method.as_str(), &path, None, None).await;
        assert_ne!(a.status, 405, "{} {}", e.method, e.path);
        if a.status == 404 {
            assert_ne!(
                a.json()["error"],
                "endpoint not found",
                "{} {} is not routed",
                e.method,
                e.path
            );
        }
    }
    let documented: usize = paths.values().map(|p| p.as_object().unwrap().len()).sum();
    assert_eq!(documented, operations);
    assert!(doc["components"]["schemas"]["AssessmentInput"]["properties"]["ratings"].is_object());
}

#[tokio::test]
async fn changing_the_password_ends_sessions_and_the_last_admin_stays() {
    let app = App::new().await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    let wrong = app
        .form(
            "/me/password",
            Some(&admin),
            &[
                ("current", "not it at all"),
                ("new", "a brand new password"),
            ],
            true,
        )
        .await;
    assert_eq!(
        wrong.status, 422,
        "the settings page again, with the reason"
    );
    assert!(wrong.body.contains("current password is not right"));
    let short = app
        .form(
            "/me/password",
            Some(&admin),
            &[("current", PASSWORD), ("new", "short")],
            true,
        )
        .await;
    assert_eq!(short.status, 422);
    assert!(short.body.contains("at least 10"));
    let ok = app
        .form(
            "/me/password",
            Some(&admin),
            &[("current", PASSWORD), ("new", "a brand new password")],
            true,
        )
        .await;
    assert_eq!(ok.status, 303);
    assert_eq!(
        app.page("/me", Some(&admin)).await.status,
        303,
        "the old session is over"
    );
    let again = app
        .form(
            "/login",
            None,
            &[
                ("email", "admin@x.io"),
                ("password", "a brand new password"),
            ],
            true,
        )
        .await;
    assert_eq!(again.status, 303);
    // The API token made before the change is revoked with it (issue 15.8)
    // and listed as such.
    let old_token = app.api("GET", "/api/v1/me", Some(&admin), None).await;
    assert_eq!(old_token.status, 401, "{}", old_token.body);
    let listed = app.store.tokens(admin.user.id).await.unwrap();
    assert!(listed.iter().all(|t| t.revoked_at.is_some()), "{listed:?}");
    let fresh = ladder_app::auth::new_token("lt_");
    app.store
        .create_token(admin.user.id, "new", &ladder_app::auth::token_hash(&fresh))
        .await
        .unwrap();
    let admin = common::Who {
        token: fresh,
        ..admin
    };
    // The only admin cannot demote themselves.
    let demote = app
        .api(
            "PATCH",
            &format!("/api/v1/users/{}", admin.user.id),
            Some(&admin),
            Some(json!({"name": "admin", "access": "member"})),
        )
        .await;
    assert_eq!(demote.status, 409, "{}", demote.body);
    assert!(
        demote.json()["error"]
            .as_str()
            .unwrap()
            .contains("only admin")
    );
}

#[tokio::test]
async fn the_admin_page_uploads_a_ladder_and_shows_errors_by_line() {
    let app = App::new().await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    let bad = app
        .multipart(
            "/admin/ladders",
            Some(&admin),
            &[("source", "[ladder]\nname = \"X\"\nversion = 3\n")],
        )
        .await;
    assert_eq!(bad.status, 422, "{}", bad.body);
    assert!(
        bad.body.contains("<strong>line 3, column"),
        "errors carry their line and column"
    );
    assert!(bad.body.contains("nothing was stored"));
    assert!(
        bad.body
            .contains("[ladder]\nname = &quot;X&quot;\nversion = 3\n</textarea>")
            || bad
                .body
                .contains("[ladder]\nname = &#34;X&#34;\nversion = 3\n</textarea>"),
        "the refused text is back in the paste box: {}",
        bad.body
    );
    let empty = app
        .multipart("/admin/ladders", Some(&admin), &[("source", "  ")])
        .await;
    assert_eq!(empty.status, 400);
    assert!(empty.body.contains("choose a ladder file or paste one"));
    let acme = ladder_core::embedded::TEXT.replacen(
        "name = \"Product management\"",
        "name = \"Acme product\"",
        1,
    );
    let ok = app
        .multipart("/admin/ladders", Some(&admin), &[("file", &acme)])
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert!(
        ok.body
            .contains("Stored as version 2 and put in force: Acme product")
    );
    assert!(
        app.page("/roles/pm", None)
            .await
            .body
            .contains("Acme product")
    );
    // Lint suggestions come back with an upload, with their lines, without stopping it.
    let linty = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../ladder-cli/tests/fixtures/lint-warnings.toml"),
    )
    .unwrap();
    let page = app
        .multipart("/admin/ladders", Some(&admin), &[("source", &linty)])
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("The linter has 3 suggestion(s)"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("<strong>line 14, column 13</strong>: criterion")
    );
    let api = app.api_raw("POST", "/api/v1/ladders", &admin, &linty).await;
    assert_eq!(api.status, 201);
    assert_eq!(api.json()["warnings"].as_array().unwrap().len(), 3);
    assert_eq!(api.json()["warnings"][0]["at"], "line 14, column 13");
}

#[tokio::test]
async fn the_admin_page_adds_and_changes_users_and_teams() {
    let app = App::new().await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    let team = app
        .form("/admin/teams", Some(&admin), &[("name", "Growth")], true)
        .await;
    assert_eq!(team.status, 303);
    let team_id = app.store.teams().await.unwrap()[0].id.to_string();
    let manager = admin.user.id.to_string();
    let add = app
        .form(
            "/admin/users",
            Some(&admin),
            &[
                ("email", "Bo@X.io"),
                ("name", "Bo"),
                ("password", "long enough password"),
                ("access", "member"),
                ("manager_id", &manager),
                ("team_id", &team_id),
                ("ladder_role", "senior-pm"),
            ],
            true,
        )
        .await;
    assert_eq!(add.status, 200, "{}", add.body);
    assert!(
        add.body.contains("Added Bo &#60;bo@x.io&#62; as member."),
        "{}",
        add.body
    );
    let bo = app.store.user_by_email("bo@x.io").await.unwrap().unwrap();
    assert_eq!(
        (bo.manager_id, bo.ladder_role.as_deref()),
        (Some(admin.user.id), Some("senior-pm"))
    );
    let again = app
        .form(
            "/admin/users",
            Some(&admin),
            &[
                ("email", "bo@x.io"),
                ("name", "Bo"),
                ("password", "long enough password"),
                ("access", "member"),
            ],
            true,
        )
        .await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("already exists"));
    let id = bo.id.to_string();
    let change = app
        .form(
            "/admin/users/update",
            Some(&admin),
            &[
                ("id", &id),
                ("access", "manager"),
                ("manager_id", "keep"),
                ("team_id", ""),
                ("ladder_role", "keep"),
            ],
            true,
        )
        .await;
    assert_eq!(change.status, 200, "{}", change.body);
    assert!(change.body.contains("Saved Bo."));
    let bo = app.store.user(bo.id).await.unwrap().unwrap();
    assert_eq!(bo.access, Access::Manager);
    assert_eq!(bo.team_id, None, "an empty choice clears the team");
    assert_eq!(
        bo.manager_id,
        Some(admin.user.id),
        "`keep` keeps the manager"
    );
    assert_eq!(bo.ladder_role.as_deref(), Some("senior-pm"));
    let bad_role = app
        .form(
            "/admin/users/update",
            Some(&admin),
            &[("id", &id), ("ladder_role", "wizard")],
            true,
        )
        .await;
    assert_eq!(bad_role.status, 400);
    assert!(bad_role.body.contains("`wizard` is not a role"));
}

/// A company fixture of the CLI's tests.
fn company(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
            "../ladder-cli/tests/fixtures/companies/{name}.toml"
        )),
    )
    .unwrap()
}

/// Issue 10.3: an upload is shown against the version in force, change by
/// change and in names, before anything is stored; the page's button puts
/// it in force. A workbook (.xlsx) is taken as well as a ladder file.
#[tokio::test]
async fn an_upload_shows_its_changes_before_it_is_put_in_force() {
    let app = App::new().await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    let lumen_2025 = company("lumen-2025");
    let first = app
        .multipart(
            "/admin/ladders/preview",
            Some(&admin),
            &[("file", &lumen_2025)],
        )
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert!(
        first
            .body
            .contains("Check the new ladder before it is in force")
    );
    assert!(
        first
            .body
            .contains("Nothing is stored until you put it in force")
    );
    // Nothing stored: the built-in ladder is still in force.
    assert!(
        app.page("/admin", Some(&admin))
            .await
            .body
            .contains("In force: version 1 — Product management")
    );
    // The button sends the same text to be stored and put in force.
    let form = first
        .body
        .split("<textarea name=\"source\" hidden aria-hidden=\"true\">")
        .nth(1)
        .and_then(|rest| rest.split("</textarea>").next())
        .expect("the confirm form carries the ladder");
    let unescaped = form
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    assert_eq!(unescaped, lumen_2025);
    let stored = app
        .multipart("/admin/ladders", Some(&admin), &[("source", &lumen_2025)])
        .await;
    assert_eq!(stored.status, 200, "{}", stored.body);
    assert!(
        stored
            .body
            .contains("Stored as version 2 and put in force: Lumen"),
        "{}",
        stored.body
    );

    // The next year's edition, as a workbook: its changes in names and words.
    let next = ladder_core::parse(&company("lumen-2026")).unwrap();
    let xlsx = ladder_core::sheets::xlsx::write(&ladder_core::sheets::to_workbook(&next)).unwrap();
    let page = app
        .multipart_bytes("/admin/ladders/preview", Some(&admin), &[("file", &xlsx)])
        .await;
    assert_eq!(page.status, 200, "{}", page.body);
    for words in [
        "13 change(s)</strong>: 8 added, 2 removed, 3 changed",
        "Lead Product Manager",
        "Senior Product Manager → Lead Product Manager",
        "Expected level of Product Manager",
        "Tests the riskiest assumption before the team builds.",
        "Leading → Guiding",
    ] {
        assert!(page.body.contains(words), "{words}\n{}", page.body);
    }
    assert!(
        !page.body.contains("expectations.pm"),
        "field paths are not shown"
    );
    assert!(
        app.page("/admin", Some(&admin))
            .await
            .body
            .contains("In force: version 2 — Lumen")
    );

    // A workbook with a mistake: named by sheet, row and column.
    let mut book = ladder_core::sheets::to_workbook(&next);
    book.sheets[3].rows[1][4] = "senoir".into();
    let bad = ladder_core::sheets::xlsx::write(&book).unwrap();
    let refused = app
        .multipart_bytes("/admin/ladders/preview", Some(&admin), &[("file", &bad)])
        .await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert!(
        refused.body.contains("sheet Roles, row 2, column \"tier\"")
            || refused
                .body
                .contains("sheet Roles, row 2, column &#34;tier&#34;")
            || refused
                .body
                .contains("sheet Roles, row 2, column &quot;tier&quot;"),
        "{}",
        refused.body
    );
    let broken = app
        .multipart_bytes(
            "/admin/ladders/preview",
            Some(&admin),
            &[("file", b"PK not a zip")],
        )
        .await;
    assert_eq!(broken.status, 400, "{}", broken.body);
    assert!(
        broken.body.contains("save it again as .xlsx"),
        "{}",
        broken.body
    );
}
