//! Every route, called by every kind of user: the wrong user is refused,
//! the right one is not. The API cases come from `ladder_web::api::ENDPOINTS`
//! itself, the table the router is built from, so a new endpoint cannot
//! slip in untested.

mod common;

use common::{App, Who, assessment};
use ladder_store::model::Access;
use ladder_web::api::{Audience, Body, ENDPOINTS, Endpoint, Verb};
use serde_json::json;

struct Cast {
    app: App,
    admin: Who,
    manager: Who,
    report: Who,
    other: Who,
    report_assessment: i64,
    report_draft: i64,
    manager_assessment: i64,
    /// Someone no caller is, for the endpoints that deactivate a person.
    leaver: Who,
}

async fn cast() -> Cast {
    let app = App::new().await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    let manager = app.user("manager@x.io", Access::Manager, None).await;
    let report = app
        .user("report@x.io", Access::Member, Some(&manager))
        .await;
    let other = app.user("other@x.io", Access::Member, None).await;
    let leaver = app.user("leaver@x.io", Access::Member, None).await;
    let a = app
        .api(
            "POST",
            "/api/v1/me/assessments",
            Some(&report),
            Some(assessment("pm", "pm", true)),
        )
        .await;
    assert_eq!(a.status, 201, "{}", a.body);
    let d = app
        .api(
            "POST",
            "/api/v1/me/assessments",
            Some(&report),
            Some(assessment("pm", "pm", false)),
        )
        .await;
    assert_eq!(d.status, 201, "{}", d.body);
    let path = format!("/api/v1/people/{}/assessments", report.user.id);
    let m = app
        .api(
            "POST",
            &path,
            Some(&manager),
            Some(assessment("pm", "pm", true)),
        )
        .await;
    assert_eq!(m.status, 201, "{}", m.body);
    Cast {
        manager_assessment: m.json()["id"].as_i64().unwrap(),
        report_assessment: a.json()["id"].as_i64().unwrap(),
        report_draft: d.json()["id"].as_i64().unwrap(),
        app,
        admin,
        manager,
        report,
        other,
        leaver,
    }
}

/// Who is calling, for the table.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Caller {
    Anonymous,
    Other,
    Report,
    Manager,
    Admin,
}

const ALL: [Caller; 5] = [
    Caller::Anonymous,
    Caller::Other,
    Caller::Report,
    Caller::Manager,
    Caller::Admin,
];

use Caller::*;

/// Whether `caller` must be refused `e`: by its audience (what the route's
/// guard enforces), or by the data rules the operations enforce on these
/// cast members' records (the report's submitted assessment is theirs, their
/// manager's and admins' to see; their draft is theirs alone to change; the
/// manager's assessment of them is the manager's alone to share).
fn refused(e: &Endpoint, caller: Caller) -> bool {
    let by_audience = match e.audience {
        Audience::Public => false,
        Audience::Member => caller == Anonymous,
        Audience::Manager => matches!(caller, Anonymous | Other | Report),
        Audience::Admin => caller != Admin,
    };
    let by_data = match (e.method, e.path) {
        (Verb::Get, "/assessments/{id}") => caller == Other,
        (Verb::Put, "/assessments/{id}") => matches!(caller, Other | Manager | Admin),
        // Only its author shares a manager's assessment.
        (Verb::Post, "/assessments/{id}/share") => caller != Manager,
        _ => false,
    };
    by_audience || by_data
}

/// The query string a public endpoint needs.
fn query(path: &str) -> &'static str {
    match path {
        "/compare" => "?from=pm&to=senior-pm",
        "/titles/resolve" => "?q=Senior%20Product%20Manager",
        "/path" => "?from=pm&to=director",
        "/simulate" => "?from=pm&to=senior-pm&runs=100",
        _ => "",
    }
}

/// Every endpoint of `ENDPOINTS` (the table the router is made from), called
/// by every kind of user: the wrong user is refused, the right one is not.
/// A new endpoint is covered the moment it is declared; one that takes a
/// body fails here until the test knows an example of it.
#[tokio::test]
async fn every_endpoint_refuses_the_wrong_user_and_serves_the_right_one() {
    let c = cast().await;
    let mut n = 0;
    for e in ENDPOINTS {
        for caller in ALL {
            let who = match caller {
                Anonymous => None,
                Other => Some(&c.other),
                Report => Some(&c.report),
                Manager => Some(&c.manager),
                Admin => Some(&c.admin),
            };
            // Fresh ids where a call consumes its target.
            let token_id = match who {
                Some(w) => {
                    c.app
                        .store
                        .create_token(w.user.id, "t", &format!("h-{n}"))
                        .await
                        .unwrap()
                        .id
                }
                None => 1,
            };
            let id = match (e.method, e.path) {
                (Verb::Put, "/assessments/{id}") => c.report_draft.to_string(),
                (_, "/assessments/{id}/share") => c.manager_assessment.to_string(),
                (_, "/assessments/{id}") => c.report_assessment.to_string(),
                (_, "/me/tokens/{id}") => token_id.to_string(),
                (_, "/roles/{id}") => "pm".to_owned(),
                (_, "/users/{id}/deactivate" | "/users/{id}/reactivate") => {
                    c.leaver.user.id.to_string()
                }
                _ => c.report.user.id.to_string(),
            };
            let path = format!("/api/v1{}{}", e.path.replace("{id}", &id), query(e.path));
            n += 1;
            let email = format!("new{n}@x.io");
            let body = match e.body {
                None | Some(Body::Ladder | Body::Roster) => None,
                Some(Body::Json(_)) => Some(match (e.method, e.path) {
                    (Verb::Post, "/me/assessments") | (Verb::Post, "/people/{id}/assessments") => {
                        assessment("pm", "pm", true)
                    }
                    (Verb::Put, "/assessments/{id}") => assessment("pm", "pm", false),
                    (Verb::Post, "/me/evidence") => {
                        json!({"text": "Shipped onboarding", "competencies": ["execution"]})
                    }
                    (Verb::Post, "/me/tokens") => json!({"name": "ci"}),
                    (Verb::Post, "/users") => {
                        json!({"email": email, "name": "New", "password": "long enough password"})
                    }
                    (Verb::Patch, "/users/{id}") => json!({
                        "name": "report", "access": "member",
                        "manager_id": c.manager.user.id, "ladder_role": "pm"
                    }),
                    (Verb::Post, "/teams") => json!({"name": format!("team {n}")}),
                    (Verb::Put, "/users/{id}/role") => json!({"role": "pm"}),
                    other => panic!("no example body for {other:?}: add one to this test"),
                }),
            };
            let a = match (e.body, who) {
                (Some(Body::Ladder), Some(w)) => {
                    c.app
                        .api_raw(e.method.as_str(), &path, w, ladder_core::embedded::TEXT)
                        .await
                }
                (Some(Body::Roster), Some(w)) => {
                    let roster = format!("Name,Email,Title\nNew,{email},Product Manager\n");
                    c.app.api_raw(e.method.as_str(), &path, w, &roster).await
                }
                _ => c.app.api(e.method.as_str(), &path, who, body).await,
            };
            if refused(e, caller) {
                let expected: &[u16] = if caller == Anonymous {
                    &[401]
                } else {
                    &[403, 404]
                };
                assert!(
                    expected.contains(&a.status.as_u16()),
                    "{} {} as {caller:?}: expected refusal {expected:?}, got {} {}",
                    e.method.as_str(),
                    path,
                    a.status,
                    a.body
                );
                assert!(
                    !a.body.contains("report@x.io") || caller == Report,
                    "refusal leaks data: {}",
                    a.body
                );
            } else {
                assert!(
                    a.status.is_success(),
                    "{} {} as {caller:?}: expected success, got {} {}",
                    e.method.as_str(),
                    path,
                    a.status,
                    a.body
                );
            }
        }
    }
}

/// The guard refuses by audience whatever the handler would do: the matrix
/// of who gets past it.
#[test]
fn the_audience_guard_admits_by_access() {
    use ladder_app::Access as A;
    for (audience, admitted) in [
        (Audience::Public, [true, true, true, true]),
        (Audience::Member, [false, true, true, true]),
        (Audience::Manager, [false, false, true, true]),
        (Audience::Admin, [false, false, false, true]),
    ] {
        let callers = [None, Some(A::Member), Some(A::Manager), Some(A::Admin)];
        for (access, ok) in callers.into_iter().zip(admitted) {
            assert_eq!(
                audience.admits(access).is_ok(),
                ok,
                "{audience:?} with {access:?}"
            );
        }
    }
}

/// The private pages, the same way: signed-out browsers go to sign in,
/// the wrong user is refused.
#[tokio::test]
async fn private_pages_refuse_the_wrong_user() {
    let c = cast().await;
    let r = c.report.user.id;
    let a = c.report_assessment;
    let d = c.report_draft;
    let pages: Vec<(String, &[Caller])> = vec![
        ("/me".into(), &[Anonymous]),
        ("/me/assess".into(), &[Anonymous]),
        (format!("/assessments/{a}"), &[Anonymous, Other]),
        (
            format!("/assessments/{d}/edit"),
            &[Anonymous, Other, Manager, Admin],
        ),
        ("/team".into(), &[Anonymous, Other, Report]),
        (format!("/people/{r}"), &[Anonymous, Other, Report]),
        (format!("/people/{r}/assess"), &[Anonymous, Other, Report]),
        ("/admin".into(), &[Anonymous, Other, Report, Manager]),
    ];
    for (path, refused) in &pages {
        for caller in ALL {
            let who = match caller {
                Anonymous => None,
                Other => Some(&c.other),
                Report => Some(&c.report),
                Manager => Some(&c.manager),
                Admin => Some(&c.admin),
            };
            let p = c.app.page(path, who).await;
            if caller == Anonymous {
                assert_eq!(p.status, 303, "GET {path} signed out");
                assert_eq!(p.headers["location"], "/login");
            } else if refused.contains(&caller) {
                assert!(
                    matches!(p.status.as_u16(), 403 | 404 | 409),
                    "GET {path} as {caller:?}: {}",
                    p.status
                );
                assert!(
                    !p.body.contains("report@x.io"),
                    "GET {path} as {caller:?} leaks the report's data"
                );
            } else {
                assert_eq!(p.status, 200, "GET {path} as {caller:?}: {}", p.body);
            }
        }
    }
    // Form posts: a member cannot rate someone else or use the admin forms.
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            format!("/people/{r}/assess"),
            vec![("role", "pm"), ("action", "submit")],
        ),
        (
            "/admin/users".into(),
            vec![
                ("email", "z@x.io"),
                ("name", "Z"),
                ("password", "long enough password"),
                ("access", "member"),
            ],
        ),
        ("/admin/teams".into(), vec![("name", "Sneaky")]),
        (
            "/admin/users/update".into(),
            vec![("id", "1"), ("access", "admin")],
        ),
    ];
    for (path, fields) in &posts {
        for who in [&c.other, &c.report] {
            let p = c.app.form(path, Some(who), fields, true).await;
            assert!(
                matches!(p.status.as_u16(), 403 | 404),
                "POST {path} as {}: {}",
                who.user.email,
                p.status
            );
        }
        let p = c.app.form(path, None, fields, true).await;
        assert_eq!(p.status, 303, "POST {path} signed out");
    }
    // Someone else's draft, someone else's token, the ladder upload.
    let draft = format!("/assessments/{}", c.report_draft);
    let rating = [("role", "pm"), ("action", "submit")];
    for who in [&c.other, &c.manager, &c.admin] {
        let p = c.app.form(&draft, Some(who), &rating, true).await;
        assert!(
            matches!(p.status.as_u16(), 403 | 404),
            "POST {draft} as {}: {}",
            who.user.email,
            p.status
        );
    }
    let theirs = c.app.store.tokens(c.report.user.id).await.unwrap()[0].id;
    let p = c
        .app
        .form(
            &format!("/me/tokens/{theirs}/delete"),
            Some(&c.other),
            &[],
            true,
        )
        .await;
    assert_eq!(
        p.status, 404,
        "another member cannot revoke the report's token"
    );
    assert_eq!(c.app.store.tokens(c.report.user.id).await.unwrap().len(), 1);
    for who in [&c.other, &c.report, &c.manager] {
        let p = c
            .app
            .multipart(
                "/admin/ladders",
                Some(who),
                &[("source", ladder_core::embedded::TEXT)],
            )
            .await;
        assert_eq!(p.status, 403, "POST /admin/ladders as {}", who.user.email);
        let p = c
            .app
            .multipart(
                "/admin/ladders/preview",
                Some(who),
                &[("source", ladder_core::embedded::TEXT)],
            )
            .await;
        assert_eq!(
            p.status, 403,
            "POST /admin/ladders/preview as {}",
            who.user.email
        );
    }
    let p = c
        .app
        .multipart("/admin/ladders", None, &[("source", "x")])
        .await;
    assert_eq!(p.status, 303);
    assert_eq!(
        c.app.store.ladders().await.unwrap().len(),
        1,
        "no refused upload was stored"
    );
    assert_eq!(
        c.app
            .store
            .assessment(c.report_draft)
            .await
            .unwrap()
            .unwrap()
            .status,
        ladder_store::model::Status::Draft
    );
    assert_eq!(
        c.app.store.teams().await.unwrap().len(),
        0,
        "no refused form changed anything"
    );
    assert_eq!(
        c.app
            .store
            .user(c.other.user.id)
            .await
            .unwrap()
            .unwrap()
            .access,
        Access::Member
    );
}
