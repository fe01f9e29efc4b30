//! Invites and password resets by one-time link, with no mail server: the
//! admin is handed the link; the person chooses a password and is signed
//! in; a used, expired or unknown link says so; people who forgot their
//! password are told to ask an admin. (Sending by SMTP is tested against a
//! real SMTP server in `ladder-cli/tests/serve.rs`.)

mod common;

use common::{App, set_cookies};
use ladder_store::model::{Access, LinkPurpose};

/// The link in a notice: from `/welcome/` or `/reset/` to the end of the token.
fn link_in(body: &str) -> String {
    let at = body
        .find("/welcome/lk_")
        .or_else(|| body.find("/reset/lk_"))
        .unwrap_or_else(|| panic!("no link in {body}"));
    body[at..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '_'))
        .collect()
}

#[tokio::test]
async fn an_invited_person_chooses_a_password_once_and_is_signed_in() {
    let app = App::new().await;
    let admin = app.user("admin@acme.io", Access::Admin, None).await;
    // Added with no password: the admin is handed an invite.
    let r = app
        .form(
            "/admin/users",
            Some(&admin),
            &[
                ("email", "bo@acme.io"),
                ("name", "Bo Li"),
                ("password", ""),
                ("access", "member"),
            ],
            true,
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body
            .contains("Added Bo Li &#60;bo@acme.io&#62; as member."),
        "{}",
        r.body
    );
    assert!(
        r.body
            .contains("Send them an invite yourself (it works once, until"),
        "{}",
        r.body
    );
    let link = link_in(&r.body);
    assert!(link.starts_with("/welcome/"), "{link}");
    // With no password, Bo cannot sign in.
    let r = app
        .form(
            "/login",
            None,
            &[("email", "bo@acme.io"), ("password", "")],
            true,
        )
        .await;
    assert_eq!(r.status, 401);

    let page = app.page(&link, None).await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body
            .contains("Bo Li, choose the password you will sign in with as bo@acme.io.")
    );
    assert_eq!(page.headers["referrer-policy"], "origin");
    let r = app
        .form(
            &link,
            None,
            &[
                ("password", "a long new password"),
                ("again", "a long new passwort"),
            ],
            true,
        )
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("the two passwords differ"));
    let r = app
        .form(
            &link,
            None,
            &[("password", "short"), ("again", "short")],
            true,
        )
        .await;
    assert!(
        r.body
            .contains("the password has 5 characters; use at least 10"),
        "{}",
        r.body
    );
    let r = app
        .form(
            &link,
            None,
            &[
                ("password", "a long new password"),
                ("again", "a long new password"),
            ],
            true,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.headers["location"], "/me");
    assert!(
        set_cookies(&r)
            .iter()
            .any(|c| c.starts_with("ladder_session="))
    );
    // Signed in with it from now on; the link is spent.
    let r = app
        .form(
            "/login",
            None,
            &[("email", "bo@acme.io"), ("password", "a long new password")],
            true,
        )
        .await;
    assert_eq!(r.status, 303);
    let again = app.page(&link, None).await;
    assert_eq!(again.status, 410);
    assert!(
        again.body.contains("this link has already been used"),
        "{}",
        again.body
    );
    let r = app
        .form(
            &link,
            None,
            &[
                ("password", "another password!"),
                ("again", "another password!"),
            ],
            true,
        )
        .await;
    assert!(r.body.contains("already been used"));
    let unknown = app.page("/welcome/lk_nothing", None).await;
    assert_eq!(unknown.status, 410);
    assert!(unknown.body.contains("this link is not known"));
    // The log says who invited whom and when the password was chosen.
    let log = app
        .api("GET", "/api/v1/audit?limit=5", Some(&admin), None)
        .await;
    assert!(log.body.contains("user.invite") && log.body.contains("first password chosen"));
}

#[tokio::test]
async fn an_expired_link_and_a_reset_link_made_by_an_admin() {
    let app = App::new().await;
    let admin = app.user("admin@acme.io", Access::Admin, None).await;
    let bo = app.user("bo@acme.io", Access::Member, None).await;
    // An expired reset link.
    let hash = ladder_app::auth::token_hash("lk_old");
    app.store
        .create_link(&hash, bo.user.id, LinkPurpose::Reset, 1, None, "old".into())
        .await
        .unwrap();
    let r = app.page("/reset/lk_old", None).await;
    assert_eq!(r.status, 410);
    assert!(
        r.body.contains("this link has expired: ask for a new one"),
        "{}",
        r.body
    );
    assert!(r.body.contains("href=\"/forgot\""));
    // Bo has a password: the admin's link is a reset, for a day, over the API.
    let r = app
        .api(
            "POST",
            &format!("/api/v1/users/{}/invite", bo.user.id),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let v = r.json();
    assert_eq!(v["purpose"], "reset");
    assert_eq!(v["emailed"], false);
    let link = v["link"].as_str().unwrap().to_owned();
    assert!(link.starts_with("/reset/lk_"), "{link}");
    let r = app
        .form(
            &link,
            None,
            &[
                ("password", "a brand new password"),
                ("again", "a brand new password"),
            ],
            true,
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.body);
    // Bo's old session and token ended with the reset.
    assert_eq!(
        app.api("GET", "/api/v1/me", Some(&bo), None).await.status,
        401
    );
    // Managers cannot make links.
    let boss = app.user("boss@acme.io", Access::Manager, None).await;
    let r = app
        .api(
            "POST",
            &format!("/api/v1/users/{}/invite", bo.user.id),
            Some(&boss),
            None,
        )
        .await;
    assert_eq!(r.status, 403);
    // Nor can anyone for someone who left.
    app.api(
        "POST",
        &format!("/api/v1/users/{}/deactivate", bo.user.id),
        Some(&admin),
        None,
    )
    .await;
    let r = app
        .api(
            "POST",
            &format!("/api/v1/users/{}/invite", bo.user.id),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(r.status, 409, "{}", r.body);
}

#[tokio::test]
async fn without_mail_a_forgotten_password_is_an_admins_job() {
    let app = App::new().await;
    let page = app.page("/login", None).await;
    assert!(page.body.contains("href=\"/forgot\""));
    let page = app.page("/forgot", None).await;
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("This server sends no email. Ask an admin"),
        "{}",
        page.body
    );
    let r = app
        .form("/forgot", None, &[("email", "bo@acme.io")], true)
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("this server sends no email"), "{}", r.body);
}
