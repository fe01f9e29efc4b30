//! Every private route, called by every kind of user: the wrong user is
//! refused, the right one is not. The API table must cover every non-public
//! endpoint of `ladder_web::api::ENDPOINTS`, so a new endpoint cannot slip
//! in untested.

mod common;

use common::{App, Who, assessment};
use ladder_store::model::Access;
use ladder_web::api::{Audience, ENDPOINTS};
use serde_json::json;

struct Cast {
    app: App,
    admin: Who,
    manager: Who,
    report: Who,
    other: Who,
    report_assessment: i64,
    report_draft: i64,
}

async fn cast() -> Cast {
    let app = App::new().await;
    let admin = app.user("admin@x.io", Access::Admin, None).await;
    let manager = app.user("manager@x.io", Access::Manager, None).await;
    let report = app
        .user("report@x.io", Access::Member, Some(&manager))
        .await;
    let other = app.user("other@x.io", Access::Member, None).await;
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
    Cast {
        report_assessment: a.json()["id"].as_i64().unwrap(),
        report_draft: d.json()["id"].as_i64().unwrap(),
        app,
        admin,
        manager,
        report,
        other,
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

/// One private API route: how to call it, and who must be refused.
struct Case {
    method: &'static str,
    /// The `ENDPOINTS` path it covers.
    template: &'static str,
    /// Callers that must be refused (401/403/404); the rest must get 2xx.
    refused: &'static [Caller],
}

use Caller::*;

const CASES: &[Case] = &[
    Case {
        method: "GET",
        template: "/me",
        refused: &[Anonymous],
    },
    Case {
        method: "GET",
        template: "/me/assessments",
        refused: &[Anonymous],
    },
    Case {
        method: "POST",
        template: "/me/assessments",
        refused: &[Anonymous],
    },
    // The report's own submitted assessment: they, their manager and admins see it.
    Case {
        method: "GET",
        template: "/assessments/{id}",
        refused: &[Anonymous, Other],
    },
    // The report's draft: only its author changes it.
    Case {
        method: "PUT",
        template: "/assessments/{id}",
        refused: &[Anonymous, Other, Manager, Admin],
    },
    Case {
        method: "GET",
        template: "/me/evidence",
        refused: &[Anonymous],
    },
    Case {
        method: "POST",
        template: "/me/evidence",
        refused: &[Anonymous],
    },
    Case {
        method: "GET",
        template: "/me/tokens",
        refused: &[Anonymous],
    },
    Case {
        method: "POST",
        template: "/me/tokens",
        refused: &[Anonymous],
    },
    Case {
        method: "DELETE",
        template: "/me/tokens/{id}",
        refused: &[Anonymous],
    },
    Case {
        method: "GET",
        template: "/people/{id}",
        refused: &[Anonymous, Other, Report],
    },
    Case {
        method: "GET",
        template: "/people/{id}/assessments",
        refused: &[Anonymous, Other, Report],
    },
    Case {
        method: "POST",
        template: "/people/{id}/assessments",
        refused: &[Anonymous, Other, Report],
    },
    Case {
        method: "GET",
        template: "/reports",
        refused: &[Anonymous, Other, Report],
    },
    Case {
        method: "GET",
        template: "/users",
        refused: &[Anonymous, Other, Report, Manager],
    },
    Case {
        method: "POST",
        template: "/users",
        refused: &[Anonymous, Other, Report, Manager],
    },
    Case {
        method: "PATCH",
        template: "/users/{id}",
        refused: &[Anonymous, Other, Report, Manager],
    },
    Case {
        method: "GET",
        template: "/teams",
        refused: &[Anonymous, Other, Report, Manager],
    },
    Case {
        method: "POST",
        template: "/teams",
        refused: &[Anonymous, Other, Report, Manager],
    },
    Case {
        method: "GET",
        template: "/ladders",
        refused: &[Anonymous, Other, Report, Manager],
    },
    Case {
        method: "POST",
        template: "/ladders",
        refused: &[Anonymous, Other, Report, Manager],
    },
    Case {
        method: "GET",
        template: "/audit",
        refused: &[Anonymous, Other, Report, Manager],
    },
];

#[test]
fn every_private_endpoint_has_a_case() {
    for e in ENDPOINTS.iter().filter(|e| e.audience != Audience::Public) {
        assert!(
            CASES
                .iter()
                .any(|c| c.method == e.method && c.template == e.path),
            "no access case for {} {}",
            e.method,
            e.path
        );
    }
    assert_eq!(
        CASES.len(),
        ENDPOINTS
            .iter()
            .filter(|e| e.audience != Audience::Public)
            .count()
    );
}

#[tokio::test]
async fn every_private_endpoint_refuses_the_wrong_user_and_serves_the_right_one() {
    let c = cast().await;
    let mut n = 0;
    for case in CASES {
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
                        .state
                        .store
                        .create_token(w.user.id, "t", &format!("h-{n}"))
                        .await
                        .unwrap()
                        .id
                }
                None => 1,
            };
            let id = match case.template {
                "/assessments/{id}" if case.method == "PUT" => c.report_draft,
                "/assessments/{id}" => c.report_assessment,
                "/me/tokens/{id}" => token_id,
                _ => c.report.user.id,
            };
            let path = format!("/api/v1{}", case.template.replace("{id}", &id.to_string()));
            n += 1;
            let email = format!("new{n}@x.io");
            let body = match (case.method, case.template) {
                ("POST", "/me/assessments") | ("POST", "/people/{id}/assessments") => {
                    Some(assessment("pm", "pm", true))
                }
                ("PUT", "/assessments/{id}") => Some(assessment("pm", "pm", false)),
                ("POST", "/me/evidence") => {
                    Some(json!({"text": "Shipped onboarding", "competencies": ["execution"]}))
                }
                ("POST", "/me/tokens") => Some(json!({"name": "ci"})),
                ("POST", "/users") => {
                    Some(json!({"email": email, "name": "New", "password": "long enough password"}))
                }
                ("PATCH", "/users/{id}") => Some(
                    json!({"name": "report", "access": "member", "manager_id": c.manager.user.id, "ladder_role": "pm"}),
                ),
                ("POST", "/teams") => Some(json!({"name": format!("team {n}")})),
                _ => None,
            };
            let a = if case.template == "/ladders" && case.method == "POST" {
                match who {
                    Some(w) => {
                        c.app
                            .api_raw("POST", &path, w, ladder_core::embedded::TEXT)
                            .await
                    }
                    None => c.app.api("POST", &path, None, None).await,
                }
            } else {
                c.app.api(case.method, &path, who, body).await
            };
            let refused = case.refused.contains(&caller);
            if refused {
                let expected: &[u16] = if caller == Anonymous {
                    &[401]
                } else {
                    &[403, 404]
                };
                assert!(
                    expected.contains(&a.status.as_u16()),
                    "{} {} as {caller:?}: expected refusal {expected:?}, got {} {}",
                    case.method,
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
                    case.method,
                    path,
                    a.status,
                    a.body
                );
            }
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
    let theirs = c.app.state.store.tokens(c.report.user.id).await.unwrap()[0].id;
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
    assert_eq!(
        c.app
            .state
            .store
            .tokens(c.report.user.id)
            .await
            .unwrap()
            .len(),
        1
    );
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
    }
    let p = c
        .app
        .multipart("/admin/ladders", None, &[("source", "x")])
        .await;
    assert_eq!(p.status, 303);
    assert_eq!(
        c.app.state.store.ladders().await.unwrap().len(),
        1,
        "no refused upload was stored"
    );
    assert_eq!(
        c.app
            .state
            .store
            .assessment(c.report_draft)
            .await
            .unwrap()
            .unwrap()
            .status,
        ladder_store::model::Status::Draft
    );
    assert_eq!(
        c.app.state.store.teams().await.unwrap().len(),
        0,
        "no refused form changed anything"
    );
    assert_eq!(
        c.app
            .state
            .store
            .user(c.other.user.id)
            .await
            .unwrap()
            .unwrap()
            .access,
        Access::Member
    );
}
