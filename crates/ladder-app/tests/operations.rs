//! The application's operations against a real store (SQLite in a temporary
//! file): who may do what, and the checks every front end gets for free.

use std::sync::Arc;

use ladder_app::people::{NewPerson, PersonChange};
use ladder_app::{Access, Actor, App, AppError, Config, LadderUpload};
use ladder_core::model::RoleId;
use ladder_store::model::User;

const COMPANY: &str = include_str!("../../ladder-cli/tests/fixtures/valid-small.toml");

async fn app() -> (Arc<App>, tempfile::TempDir) {
    app_with(Config::default()).await
}

async fn app_with(config: Config) -> (Arc<App>, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("a.db").display());
    let store = ladder_store::open(&url).await.unwrap();
    (App::open(store, config).await.unwrap(), dir)
}

fn person(email: &str, access: Access) -> NewPerson {
    NewPerson {
        email: email.to_owned(),
        name: email.split('@').next().unwrap().to_owned(),
        password: Some("long enough password".to_owned()),
        access,
        team_id: None,
        manager_id: None,
        ladder_role: None,
    }
}

async fn add(app: &App, email: &str, access: Access) -> User {
    app.add_person(Actor::Shell, person(email, access))
        .await
        .unwrap()
}

#[tokio::test]
async fn only_admins_and_the_shell_manage_people() {
    let (app, _dir) = app().await;
    let admin = add(&app, "ada@x.io", Access::Admin).await;
    let member = add(&app, "sam@x.io", Access::Member).await;
    let refused = app
        .add_person(Actor::User(&member), person("eve@x.io", Access::Admin))
        .await
        .unwrap_err();
    assert!(matches!(refused, AppError::Forbidden(_)), "{refused}");
    app.add_person(Actor::User(&admin), person("bo@x.io", Access::Member))
        .await
        .unwrap();
    assert!(matches!(
        app.people(Actor::User(&member)).await.unwrap_err(),
        AppError::Forbidden(_)
    ));
    assert_eq!(app.people(Actor::Shell).await.unwrap().len(), 3);
}

#[tokio::test]
async fn roles_are_checked_against_the_ladder_in_force() {
    let (app, _dir) = app().await;
    let mut cpo = person("c@x.io", Access::Member);
    cpo.ladder_role = Some(RoleId::new("cpo"));
    app.add_person(Actor::Shell, cpo.clone()).await.unwrap();
    let up = app
        .upload_ladder(Actor::Shell, LadderUpload::Toml(COMPANY))
        .await
        .unwrap();
    assert_eq!(app.ladder().version.id, up.version.id);
    cpo.email = "c2@x.io".into();
    let e = app.add_person(Actor::Shell, cpo).await.unwrap_err();
    assert!(
        e.to_string()
            .contains("`cpo` is not a role of the ladder in force"),
        "{e}"
    );
    let mut head = person("h@x.io", Access::Manager);
    head.ladder_role = Some(RoleId::new("head-of-product"));
    let h = app.add_person(Actor::Shell, head).await.unwrap();
    assert_eq!(h.ladder_role.as_deref(), Some("head-of-product"));
}

#[tokio::test]
async fn links_and_names_are_checked_on_create_and_change() {
    let (app, _dir) = app().await;
    let ada = add(&app, "ada@x.io", Access::Admin).await;
    let mut ghost_manager = person("g@x.io", Access::Member);
    ghost_manager.manager_id = Some(999);
    let e = app
        .add_person(Actor::Shell, ghost_manager)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, AppError::BadRequest(m) if m.contains("manager_id 999")),
        "{e}"
    );
    let change = |name: &str, team: Option<i64>| PersonChange {
        name: name.to_owned(),
        access: Access::Admin,
        team_id: team,
        manager_id: None,
        ladder_role: None,
    };
    let e = app
        .change_person(Actor::Shell, ada.id, change("ada", Some(7)))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, AppError::BadRequest(m) if m.contains("team_id 7")),
        "{e}"
    );
    let e = app
        .change_person(Actor::Shell, ada.id, change("   ", None))
        .await
        .unwrap_err();
    assert!(
        matches!(&e, AppError::BadRequest(m) if m.contains("name is empty")),
        "{e}"
    );
    let mut demote = change("ada", None);
    demote.access = Access::Member;
    let e = app
        .change_person(Actor::Shell, ada.id, demote)
        .await
        .unwrap_err();
    assert!(
        matches!(&e, AppError::Conflict(m) if m.contains("only admin")),
        "{e}"
    );
}

#[tokio::test]
async fn the_shell_makes_tokens_and_sets_passwords_by_email() {
    let (app, _dir) = app().await;
    let sam = add(&app, "sam@x.io", Access::Member).await;
    let made = app
        .make_token_for(Actor::Shell, "SAM@x.io", "ci")
        .await
        .unwrap();
    assert_eq!(
        app.token_user(&made.token).await.unwrap().unwrap().id,
        sam.id
    );
    let e = app
        .make_token_for(Actor::Shell, "ghost@x.io", "ci")
        .await
        .unwrap_err();
    assert!(e.to_string().contains("no account has the email"), "{e}");
    let session = app
        .sign_in("sam@x.io", "long enough password", "127.0.0.1")
        .await
        .unwrap();
    app.set_password(Actor::Shell, "sam@x.io", "another long one")
        .await
        .unwrap();
    assert!(app.session_user(&session.token).await.unwrap().is_none());
    assert!(
        app.sign_in("sam@x.io", "another long one", "127.0.0.1")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn the_simulation_is_bounded() {
    let (app, _dir) = app().await;
    let e = app
        .simulate("pm", "senior-pm", None, Some(200_001), None)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("use 1 to 200000"), "{e}");
    let o = app
        .simulate("pm", "senior-pm", None, Some(500), Some(3))
        .await
        .unwrap();
    assert_eq!(o.runs, 500);
    assert!(o.reached_share[&20] >= o.reached_share[&5]);
}

/// Issue 15.2: a burst of simultaneous wrong passwords for one account from
/// one address gets one password check at a time; the rest are told to wait,
/// so the count cannot be outrun and the right password inside the burst is
/// not let through on a stale count.
#[tokio::test]
async fn a_burst_on_one_account_and_address_is_checked_one_at_a_time() {
    let (app, _dir) = app().await;
    add(&app, "sam@x.io", Access::Member).await;
    let mut tasks = Vec::new();
    for i in 0..41 {
        let app = app.clone();
        let password = if i == 20 {
            "long enough password"
        } else {
            "wrong wrong wrong"
        };
        tasks.push(tokio::spawn(async move {
            app.sign_in("sam@x.io", password, "198.51.100.1").await
        }));
    }
    let (mut checked, mut waited, mut signed_in) = (0, 0, 0);
    for t in tasks {
        match t.await.unwrap() {
            Ok(_) => signed_in += 1,
            Err(AppError::Unauthorized) => checked += 1,
            Err(AppError::TooManyRequests { .. }) => waited += 1,
            Err(e) => panic!("{e}"),
        }
    }
    assert!(
        checked + signed_in <= 5,
        "{checked} checked, {signed_in} signed in"
    );
    assert!(waited >= 36, "{waited} told to wait");
}

/// Issue 15.3: failures from one address back that pair off, never the
/// owner signing in from another address.
#[tokio::test]
async fn an_attacker_cannot_lock_the_owner_out() {
    let (app, _dir) = app().await;
    add(&app, "sam@x.io", Access::Member).await;
    let mut refused = 0;
    for _ in 0..30 {
        match app
            .sign_in("sam@x.io", "wrong wrong wrong", "203.0.113.66")
            .await
        {
            Err(AppError::Unauthorized) => {}
            Err(AppError::TooManyRequests { wait_seconds }) => {
                assert!(wait_seconds >= 1);
                refused += 1;
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(refused, 25, "after 5 failures the attacker's pair waits");
    let t0 = std::time::Instant::now();
    let owner = app
        .sign_in("sam@x.io", "long enough password", "192.0.2.10")
        .await
        .expect("the owner elsewhere signs in");
    assert_eq!(owner.user.email, "sam@x.io");
    assert!(t0.elapsed().as_secs() < 3, "slowed at most, not blocked");
}

/// Issue 10.3: a preview compares an upload with the version in force and
/// stores nothing; a workbook previews as the ladder it reads as; members
/// may not preview.
#[tokio::test]
async fn a_preview_lists_the_changes_and_stores_nothing() {
    let (app, _dir) = app().await;
    let before = app.ladder_versions(Actor::Shell).await.unwrap().len();
    let p = app
        .preview_ladder(Actor::Shell, LadderUpload::Toml(COMPANY))
        .await
        .unwrap();
    assert!(!p.changes.is_empty());
    assert_eq!(
        app.ladder_versions(Actor::Shell).await.unwrap().len(),
        before
    );
    assert_eq!(app.ladder().ladder.ladder.name, "Product management");

    let company = ladder_core::parse(COMPANY).unwrap();
    let xlsx =
        ladder_core::sheets::xlsx::write(&ladder_core::sheets::to_workbook(&company)).unwrap();
    let from_xlsx = app
        .preview_ladder(Actor::Shell, LadderUpload::from_bytes(&xlsx).unwrap())
        .await
        .unwrap();
    assert_eq!(from_xlsx.changes, p.changes);

    let up = app
        .upload_ladder(Actor::Shell, LadderUpload::Xlsx(&xlsx))
        .await
        .unwrap();
    assert_eq!(app.ladder().version.id, up.version.id);
    let again = app
        .preview_ladder(Actor::Shell, LadderUpload::Toml(COMPANY))
        .await
        .unwrap();
    assert!(again.changes.is_empty(), "{:#?}", again.changes);

    let member = app
        .add_person(Actor::Shell, person("m@x.io", Access::Member))
        .await
        .unwrap();
    let e = app
        .preview_ladder(Actor::User(&member), LadderUpload::Toml(COMPANY))
        .await
        .unwrap_err();
    assert!(matches!(e, AppError::Forbidden(_)), "{e:?}");
}
