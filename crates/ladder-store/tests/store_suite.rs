//! One storage test suite, run against both dialects.
//!
//! Every check is an async function taking a fresh, migrated store. The
//! `suite!` macro makes one test per check for SQLite (a temporary file) and
//! one for PostgreSQL (a new database on the server named by
//! `LADDER_TEST_POSTGRES_URL`, dropped afterwards). Without that variable the
//! PostgreSQL tests say so and pass, except under CI (`CI` set), where a
//! missing server is a failure: CI must run both halves.

use ladder_core::assess::Rater;
use std::sync::Arc;

use ladder_store::model::{
    Access, ImportWrite, ImportedPerson, LadderKind, NewAssessment, NewEvidence, NewLadder,
    NewUser, Status, UserUpdate,
};
use ladder_store::{Filter, Scope, Slice, Store, StoreError};

fn person(email: &str, access: Access, manager: Option<i64>) -> NewUser {
    NewUser {
        email: email.to_owned(),
        name: email.split('@').next().unwrap_or(email).to_owned(),
        password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA".to_owned(),
        access,
        team_id: None,
        manager_id: manager,
        ladder_role: Some("pm".to_owned()),
    }
}

fn ladder(label: &str, kind: LadderKind) -> NewLadder {
    NewLadder {
        kind,
        name: "Product management".to_owned(),
        label: label.to_owned(),
        source: format!("[ladder]\nversion = \"{label}\"\n"),
    }
}

async fn users_and_emails(s: Arc<dyn Store>) {
    let a = s
        .create_user(person("Ada@Example.com ", Access::Admin, None), None)
        .await
        .unwrap();
    assert_eq!(
        a.email, "ada@example.com",
        "emails are trimmed and lower-cased"
    );
    assert_eq!(
        s.user_by_email("ADA@example.COM")
            .await
            .unwrap()
            .unwrap()
            .id,
        a.id
    );
    let again = s
        .create_user(person("ada@example.com", Access::Member, None), None)
        .await;
    assert!(
        matches!(again, Err(StoreError::Duplicate { what: "user", .. })),
        "{again:?}"
    );
    assert_eq!(s.user_count().await.unwrap(), 1);
    assert!(s.user(a.id + 100).await.unwrap().is_none());
    let log = s.audit_log(10).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].action, "user.create");
    assert_eq!(log[0].subject, format!("user:{}", a.id));
}

async fn reports_are_transitive_and_loops_refused(s: Arc<dyn Store>) {
    let boss = s
        .create_user(person("boss@x.io", Access::Manager, None), None)
        .await
        .unwrap();
    let mid = s
        .create_user(person("mid@x.io", Access::Manager, Some(boss.id)), None)
        .await
        .unwrap();
    let low = s
        .create_user(person("low@x.io", Access::Member, Some(mid.id)), None)
        .await
        .unwrap();
    let other = s
        .create_user(person("other@x.io", Access::Member, None), None)
        .await
        .unwrap();
    let r = s.reports(boss.id).await.unwrap();
    let got: Vec<(i64, i64)> = r.iter().map(|r| (r.user.id, r.depth)).collect();
    assert_eq!(got, vec![(mid.id, 1), (low.id, 2)]);
    assert!(s.reports(other.id).await.unwrap().is_empty());
    // boss reporting to low would close a loop
    let update = UserUpdate {
        name: "boss".into(),
        access: Access::Manager,
        team_id: None,
        manager_id: Some(low.id),
        ladder_role: None,
    };
    let e = s.update_user(boss.id, update.clone(), None).await;
    assert!(matches!(e, Err(StoreError::ManagerLoop { .. })), "{e:?}");
    let e = s
        .update_user(
            boss.id,
            UserUpdate {
                manager_id: Some(boss.id),
                ..update.clone()
            },
            None,
        )
        .await;
    assert!(matches!(e, Err(StoreError::ManagerLoop { .. })), "{e:?}");
    let ok = s
        .update_user(
            boss.id,
            UserUpdate {
                manager_id: Some(other.id),
                ..update
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(ok.manager_id, Some(other.id));
    assert_eq!(s.reports(other.id).await.unwrap().len(), 3);
}

async fn teams(s: Arc<dyn Store>) {
    let t = s.create_team(" Growth ", None).await.unwrap();
    assert_eq!(t.name, "Growth");
    assert!(matches!(
        s.create_team("Growth", None).await,
        Err(StoreError::Duplicate { what: "team", .. })
    ));
    let u = s
        .create_user(
            NewUser {
                team_id: Some(t.id),
                ..person("t@x.io", Access::Member, None)
            },
            None,
        )
        .await
        .unwrap();
    assert_eq!(u.team_id, Some(t.id));
    assert_eq!(s.teams().await.unwrap().len(), 1);
}

async fn sessions_tokens_and_attempts(s: Arc<dyn Store>) {
    let u = s
        .create_user(person("s@x.io", Access::Member, None), None)
        .await
        .unwrap();
    let future = ladder_store::now_ms() + 60_000;
    s.create_session("live", u.id, future).await.unwrap();
    s.create_session("dead", u.id, 1).await.unwrap();
    assert_eq!(s.session_user("live").await.unwrap().unwrap().id, u.id);
    assert!(
        s.session_user("dead").await.unwrap().is_none(),
        "expired sessions do not count"
    );
    assert!(s.session_user("nope").await.unwrap().is_none());
    s.delete_session("live").await.unwrap();
    assert!(s.session_user("live").await.unwrap().is_none());

    let t = s.create_token(u.id, "script", "h1").await.unwrap();
    assert_eq!(s.token_user("h1").await.unwrap().unwrap().id, u.id);
    assert_eq!(s.tokens(u.id).await.unwrap(), vec![t.clone()]);
    let other = s
        .create_user(person("o@x.io", Access::Member, None), None)
        .await
        .unwrap();
    assert!(
        !s.delete_token(other.id, t.id).await.unwrap(),
        "only the owner revokes"
    );
    assert!(s.delete_token(u.id, t.id).await.unwrap());
    assert!(s.token_user("h1").await.unwrap().is_none());

    for _ in 0..3 {
        s.record_attempt("S@x.io", "10.0.0.1", false).await.unwrap();
    }
    s.record_attempt("s@x.io", "10.0.0.1", true).await.unwrap();
    s.record_attempt("q@x.io", "10.0.0.1", false).await.unwrap();
    let f = s.failures_since("s@x.io", "10.0.0.1", 0).await.unwrap();
    assert_eq!((f.by_email, f.by_ip), (3, 4));
    let f = s
        .failures_since("s@x.io", "10.0.0.2", ladder_store::now_ms() + 1000)
        .await
        .unwrap();
    assert_eq!((f.by_email, f.by_ip), (0, 0));
    assert!(s.purge(ladder_store::now_ms() + 1000).await.unwrap() >= 6);

    s.create_session("again", u.id, future).await.unwrap();
    s.set_password(u.id, "new-hash", None).await.unwrap();
    assert!(
        s.session_user("again").await.unwrap().is_none(),
        "a new password ends sessions"
    );
}

async fn ladders_are_versioned(s: Arc<dyn Store>) {
    assert!(s.active_ladder().await.unwrap().is_none());
    let e1 = s
        .ensure_embedded(ladder("1", LadderKind::Embedded))
        .await
        .unwrap();
    let e1b = s
        .ensure_embedded(ladder("1", LadderKind::Embedded))
        .await
        .unwrap();
    assert_eq!(e1.id, e1b.id, "the same embedded source is stored once");
    assert_eq!(s.active_ladder().await.unwrap().unwrap().id, e1.id);
    let admin = s
        .create_user(person("a@x.io", Access::Admin, None), None)
        .await
        .unwrap();
    let up = s
        .add_ladder(ladder("acme-1", LadderKind::Upload), Some(admin.id))
        .await
        .unwrap();
    assert_eq!(up.uploaded_by, Some(admin.id));
    let e2 = s
        .ensure_embedded(ladder("2", LadderKind::Embedded))
        .await
        .unwrap();
    assert!(e2.id > up.id);
    assert_eq!(
        s.active_ladder().await.unwrap().unwrap().id,
        up.id,
        "an upload stays active when a newer program brings a newer embedded ladder"
    );
    let up2 = s
        .add_ladder(ladder("acme-1", LadderKind::Upload), Some(admin.id))
        .await
        .unwrap();
    assert_ne!(
        up2.id, up.id,
        "an upload is a new version, never an overwrite"
    );
    assert_eq!(s.ladders().await.unwrap().len(), 4);
    let kept = s.ladder(up.id).await.unwrap().unwrap();
    assert_eq!(kept.source, up.source);
    assert_eq!(kept.sha256, ladder_store::sha256_hex(&up.source));
}

async fn assessments_freeze_on_submit(s: Arc<dyn Store>) {
    let l = s
        .ensure_embedded(ladder("1", LadderKind::Embedded))
        .await
        .unwrap();
    let u = s
        .create_user(person("m@x.io", Access::Member, None), None)
        .await
        .unwrap();
    let new = NewAssessment {
        subject_id: u.id,
        author_id: u.id,
        rater: Rater::Myself,
        ladder_id: l.id,
        ladder_role: "pm".into(),
        body: "{\"v\":1}".into(),
        submit: false,
    };
    let draft = s.create_assessment(new.clone()).await.unwrap();
    assert_eq!(draft.status, Status::Draft);
    assert!(draft.submitted_at.is_none());
    let edited = s
        .update_draft(draft.id, "spm", "{\"v\":2}", false, u.id)
        .await
        .unwrap();
    assert_eq!(
        (edited.ladder_role.as_str(), edited.body.as_str()),
        ("spm", "{\"v\":2}")
    );
    let sub = s
        .update_draft(draft.id, "spm", "{\"v\":3}", true, u.id)
        .await
        .unwrap();
    assert_eq!(sub.status, Status::Submitted);
    assert!(sub.submitted_at.is_some());
    let e = s.update_draft(draft.id, "pm", "{}", true, u.id).await;
    assert!(
        matches!(e, Err(StoreError::Frozen(id)) if id == draft.id),
        "{e:?}"
    );
    let e = s.update_draft(9999, "pm", "{}", true, u.id).await;
    assert!(matches!(e, Err(StoreError::NotFound { .. })), "{e:?}");
    assert_eq!(
        s.assessment(draft.id).await.unwrap().unwrap().body,
        "{\"v\":3}"
    );

    // A later upload does not move an assessment's ladder.
    s.add_ladder(ladder("acme", LadderKind::Upload), None)
        .await
        .unwrap();
    let direct = s
        .create_assessment(NewAssessment {
            submit: true,
            ..new.clone()
        })
        .await
        .unwrap();
    assert_eq!(direct.status, Status::Submitted);
    assert_eq!(
        s.assessment(draft.id).await.unwrap().unwrap().ladder_id,
        l.id
    );
    assert_eq!(s.assessments_of(u.id).await.unwrap().len(), 2);
    let latest = s
        .latest_submitted(u.id, Rater::Myself)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(latest.id, direct.id);
    assert!(
        s.latest_submitted(u.id, Rater::Manager)
            .await
            .unwrap()
            .is_none()
    );

    // An older draft submitted afterwards is the latest: the one submitted
    // last, whatever its id; the page queries and the key query agree.
    let old_draft = s.create_assessment(new.clone()).await.unwrap();
    let newer = s
        .create_assessment(NewAssessment {
            submit: true,
            ..new.clone()
        })
        .await
        .unwrap();
    assert!(newer.id > old_draft.id);
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    let later = s
        .update_draft(old_draft.id, "pm", "{\"v\":4}", true, u.id)
        .await
        .unwrap();
    let latest = s.latest_submitted(u.id, Rater::Myself).await.unwrap();
    assert_eq!(latest.map(|a| a.id), Some(later.id));
    let of = s.latest_of(&[u.id]).await.unwrap();
    assert_eq!(of.iter().map(|a| a.id).collect::<Vec<_>>(), [later.id]);
    let keys = s.latest_keys_of(&[u.id]).await.unwrap();
    assert_eq!(keys.iter().map(|k| k.id).collect::<Vec<_>>(), [later.id]);
}

async fn evidence_is_tagged(s: Arc<dyn Store>) {
    let u = s
        .create_user(person("e@x.io", Access::Member, None), None)
        .await
        .unwrap();
    let e = s
        .add_evidence(NewEvidence {
            user_id: u.id,
            author_id: u.id,
            assessment_id: None,
            text: "Ran the pricing discovery".into(),
            competencies: vec!["discovery".into(), "strategy".into(), "discovery".into()],
        })
        .await
        .unwrap();
    assert_eq!(e.competencies, vec!["discovery", "strategy"]);
    s.add_evidence(NewEvidence {
        user_id: u.id,
        author_id: u.id,
        assessment_id: None,
        text: "Second".into(),
        competencies: vec![],
    })
    .await
    .unwrap();
    let all = s.evidence_of(u.id).await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].text, "Second", "newest first");
    assert_eq!(all[1].competencies, vec!["discovery", "strategy"]);
    let actions: Vec<String> = s
        .audit_log(5)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(
        actions,
        vec!["evidence.create", "evidence.create", "user.create"]
    );
}

async fn concurrent_writes_all_land(s: Arc<dyn Store>) {
    let l = s
        .ensure_embedded(ladder("1", LadderKind::Embedded))
        .await
        .unwrap();
    let u = s
        .create_user(person("c@x.io", Access::Member, None), None)
        .await
        .unwrap();
    let mut tasks = Vec::new();
    for i in 0..40 {
        let s = s.clone();
        tasks.push(tokio::spawn(async move {
            s.create_assessment(NewAssessment {
                subject_id: u.id,
                author_id: u.id,
                rater: Rater::Myself,
                ladder_id: l.id,
                ladder_role: "pm".into(),
                body: format!("{{\"n\":{i}}}"),
                submit: true,
            })
            .await
            .unwrap()
            .id
        }));
    }
    let mut ids = Vec::new();
    for t in tasks {
        ids.push(t.await.unwrap());
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 40);
    assert_eq!(s.assessments_of(u.id).await.unwrap().len(), 40);
}

/// The only admin cannot be demoted, and two admins demoting each other at
/// the same moment cannot both succeed: the check and the change are one
/// transaction (PostgreSQL locks the admins' rows; SQLite has one writer).
async fn the_last_admin_stays(s: Arc<dyn Store>) {
    let a = s
        .create_user(person("a@x.io", Access::Admin, None), None)
        .await
        .unwrap();
    let demote = |name: &str| UserUpdate {
        name: name.to_owned(),
        access: Access::Member,
        team_id: None,
        manager_id: None,
        ladder_role: None,
    };
    let e = s.update_user(a.id, demote("a"), None).await.unwrap_err();
    assert!(
        matches!(e, StoreError::LastAdmin(ref who) if who == "a@x.io"),
        "{e}"
    );
    let b = s
        .create_user(person("b@x.io", Access::Admin, None), None)
        .await
        .unwrap();
    for _ in 0..5 {
        let (s1, s2) = (s.clone(), s.clone());
        let (d1, d2) = (demote("a"), demote("b"));
        let t1 = tokio::spawn(async move { s1.update_user(a.id, d1, None).await });
        let t2 = tokio::spawn(async move { s2.update_user(b.id, d2, None).await });
        let (r1, r2) = (t1.await.unwrap(), t2.await.unwrap());
        assert!(!(r1.is_ok() && r2.is_ok()), "both admins were demoted");
        let admins = s
            .users()
            .await
            .unwrap()
            .iter()
            .filter(|u| u.access == Access::Admin)
            .count();
        assert!(admins >= 1, "no admin left");
        // Make both admins again for the next round.
        for (id, name) in [(a.id, "a"), (b.id, "b")] {
            let mut up = demote(name);
            up.access = Access::Admin;
            s.update_user(id, up, None).await.unwrap();
        }
    }
}

/// Pages of a reporting line and the latest assessments of a page, each one
/// query, agree with the recursive `reports` and with each other.
async fn people_pages_and_latest_assessments(s: Arc<dyn Store>) {
    let l = s
        .ensure_embedded(ladder("1", LadderKind::Embedded))
        .await
        .unwrap();
    let vp = s
        .create_user(person("vp@x.io", Access::Manager, None), None)
        .await
        .unwrap();
    let growth = s.create_team("Growth", None).await.unwrap();
    let mut everyone = vec![vp.id];
    let mut managers = Vec::new();
    for m in 0..3 {
        let mgr = s
            .create_user(
                person(&format!("m{m}@x.io"), Access::Manager, Some(vp.id)),
                None,
            )
            .await
            .unwrap();
        everyone.push(mgr.id);
        for r in 0..4 {
            let mut new = person(&format!("ic{m}-{r}@x.io"), Access::Member, Some(mgr.id));
            if m == 1 {
                // The second manager's people: senior PMs of the Growth team.
                new.team_id = Some(growth.id);
                new.ladder_role = Some("senior-pm".into());
            }
            let ic = s.create_user(new, None).await.unwrap();
            everyone.push(ic.id);
            // Two self-assessments (the second is the latest) and one draft.
            for (i, submit) in [(0, true), (1, true), (2, false)] {
                s.create_assessment(NewAssessment {
                    subject_id: ic.id,
                    author_id: ic.id,
                    rater: Rater::Myself,
                    ladder_id: l.id,
                    ladder_role: "pm".into(),
                    body: format!("{{\"n\":{i}}}"),
                    submit,
                })
                .await
                .unwrap();
            }
            if r % 2 == 0 {
                s.create_assessment(NewAssessment {
                    subject_id: ic.id,
                    author_id: mgr.id,
                    rater: Rater::Manager,
                    ladder_id: l.id,
                    ladder_role: "pm".into(),
                    body: "{\"by\":\"manager\"}".into(),
                    submit: true,
                })
                .await
                .unwrap();
            }
        }
        managers.push(mgr);
    }
    let below = Scope::Below(vp.id);
    assert_eq!(s.people_count(below, &Filter::NONE).await.unwrap(), 15);
    let (all, total) = s
        .people_page(below, &Filter::NONE, Slice::ALL)
        .await
        .unwrap();
    assert_eq!(total, 15);
    let reports = s.reports(vp.id).await.unwrap();
    assert_eq!(all, reports, "a page of everything is the recursive walk");
    let slice = |limit, offset| Slice { limit, offset };
    let (first, total) = s
        .people_page(below, &Filter::NONE, slice(4, 0))
        .await
        .unwrap();
    assert_eq!(total, 15, "the count rides on every page");
    let (second, _) = s
        .people_page(below, &Filter::NONE, slice(4, 4))
        .await
        .unwrap();
    let (beyond, total) = s
        .people_page(below, &Filter::NONE, slice(4, 40))
        .await
        .unwrap();
    assert!(beyond.is_empty());
    assert_eq!(total, 15, "past the end, the count is still right");
    assert_eq!(first.len(), 4);
    assert_eq!([&first[..], &second[..]].concat(), all[..8].to_vec());
    assert!(first.iter().take(3).all(|r| r.depth == 1), "nearest first");
    // The latest of the second page: one per person and rater, submitted only.
    let latest = s
        .latest_assessments(below, &Filter::NONE, slice(4, 4))
        .await
        .unwrap();
    let page_ids: Vec<i64> = second.iter().map(|r| r.user.id).collect();
    assert!(latest.iter().all(|a| page_ids.contains(&a.subject_id)));
    let selfs: Vec<_> = latest.iter().filter(|a| a.rater == Rater::Myself).collect();
    assert_eq!(selfs.len(), 4);
    assert!(
        selfs
            .iter()
            .all(|a| a.body == "{\"n\":1}" && a.status == Status::Submitted)
    );
    assert_eq!(
        latest.iter().filter(|a| a.rater == Rater::Manager).count(),
        2
    );
    // A manager sees their own line only; an admin's scope is everyone else.
    assert_eq!(
        s.people_count(Scope::Below(managers[0].id), &Filter::NONE)
            .await
            .unwrap(),
        4
    );
    let admin_view = Scope::Everyone { except: vp.id };
    assert_eq!(s.people_count(admin_view, &Filter::NONE).await.unwrap(), 15);
    let whole = s
        .latest_assessments(admin_view, &Filter::NONE, Slice::ALL)
        .await
        .unwrap();
    assert_eq!(whole.len(), 12 + 6);
    assert_eq!(everyone.len(), 16);
    // The line as (id, depth) in page order, people read back by id in the
    // order given, and a version that moves with every change to people.
    let line = s.line(below, &Filter::NONE).await.unwrap();
    let walked: Vec<(i64, i64)> = all.iter().map(|r| (r.user.id, r.depth)).collect();
    assert_eq!(line, walked);
    assert_eq!(s.people_by_ids(&line[4..8]).await.unwrap(), second);
    assert!(s.people_by_ids(&[]).await.unwrap().is_empty());
    let before = s.people_version().await.unwrap();
    let ic = &all[5].user;
    s.update_user(
        ic.id,
        ladder_store::model::UserUpdate {
            name: "Renamed".into(),
            access: ic.access,
            team_id: ic.team_id,
            manager_id: ic.manager_id,
            ladder_role: ic.ladder_role.clone(),
        },
        None,
    )
    .await
    .unwrap();
    let after = s.people_version().await.unwrap();
    assert!(
        after > before,
        "a rename moves the version: {before} -> {after}"
    );
    assert_eq!(s.line(below, &Filter::NONE).await.unwrap().len(), 15);
    // Filters by role and by team keep the walk of the whole line.
    let senior = Filter {
        role: Some("senior-pm".into()),
        team: None,
    };
    let team = Filter {
        role: None,
        team: Some(growth.id),
    };
    let both_apart = Filter {
        role: Some("pm".into()),
        team: Some(growth.id),
    };
    assert_eq!(s.people_count(below, &senior).await.unwrap(), 4);
    assert_eq!(s.people_count(below, &team).await.unwrap(), 4);
    assert_eq!(s.people_count(below, &both_apart).await.unwrap(), 0);
    let (growth_page, total) = s.people_page(below, &team, Slice::ALL).await.unwrap();
    assert_eq!(total, 4);
    assert!(
        growth_page
            .iter()
            .all(|r| r.user.team_id == Some(growth.id) && r.depth == 2)
    );
    let latest = s
        .latest_assessments(admin_view, &senior, Slice::ALL)
        .await
        .unwrap();
    assert_eq!(
        latest.len(),
        4 + 2,
        "their self and manager assessments only"
    );
}

mod harness {
    use std::sync::Arc;

    use ladder_store::Store;
    use sqlx::Connection;

    pub async fn sqlite() -> (Arc<dyn Store>, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("t.db").display());
        (ladder_store::open(&url).await.unwrap(), dir)
    }

    /// A fresh database on the test server, or None when there is none.
    pub async fn postgres(name: &str) -> Option<(Arc<dyn Store>, String, String)> {
        let Ok(base) = std::env::var("LADDER_TEST_POSTGRES_URL") else {
            assert!(
                std::env::var_os("CI").is_none(),
                "CI must run the PostgreSQL half: set LADDER_TEST_POSTGRES_URL"
            );
            eprintln!("LADDER_TEST_POSTGRES_URL is not set: PostgreSQL half skipped");
            return None;
        };
        let db = format!("ladder_t_{}_{}", name, std::process::id());
        let mut admin = sqlx::PgConnection::connect(&base).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {db}")))
            .execute(&mut admin)
            .await
            .unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {db}")))
            .execute(&mut admin)
            .await
            .unwrap();
        let url = with_database(&base, &db);
        Some((ladder_store::open(&url).await.unwrap(), base, db))
    }

    pub async fn drop_postgres(store: Arc<dyn Store>, base: &str, db: &str) {
        store.close().await;
        let mut admin = sqlx::PgConnection::connect(base).await.unwrap();
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {db}")))
            .execute(&mut admin)
            .await
            .unwrap();
    }

    /// `postgres://u@h:p/base?x` → `postgres://u@h:p/db?x`.
    fn with_database(base: &str, db: &str) -> String {
        let (head, query) = base
            .split_once('?')
            .map_or((base, None), |(h, q)| (h, Some(q)));
        let scheme_end = head.find("://").map_or(0, |i| i + 3);
        let root = match head[scheme_end..].find('/') {
            Some(i) => &head[..scheme_end + i],
            None => head,
        };
        match query {
            Some(q) => format!("{root}/{db}?{q}"),
            None => format!("{root}/{db}"),
        }
    }
}

macro_rules! suite {
    ($($check:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $check() {
                    let (store, _dir) = super::harness::sqlite().await;
                    super::$check(store.clone()).await;
                    store.close().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $check() {
                    if let Some((store, base, db)) = super::harness::postgres(stringify!($check)).await {
                        super::$check(store.clone()).await;
                        super::harness::drop_postgres(store, &base, &db).await;
                    }
                }
            )*
        }
    };
}

fn imported(email: &str, manager: Option<&str>, team: &str) -> ImportedPerson {
    ImportedPerson {
        id: None,
        email: email.to_owned(),
        name: format!("Person {email}"),
        employee_id: Some(format!("E-{email}")),
        title: Some("Product Manager".to_owned()),
        team: Some(team.to_owned()),
        department: Some("Product".to_owned()),
        start_date: Some("2024-01-31".to_owned()),
        manager_email: manager.map(str::to_owned),
        access: Access::Member,
        ladder_role: Some("pm".to_owned()),
        pending_role: None,
        pending_confidence: None,
        reactivate: false,
    }
}

async fn imports_write_in_bulk_managers_first(s: Arc<dyn Store>) {
    let admin = s
        .create_user(person("root@x.io", Access::Admin, None), None)
        .await
        .unwrap();
    // 1,201 people, listed reports before managers (a chain: p1 reports to
    // p2, …), across several statements' worth of rows and three teams.
    let n = 1201;
    let people: Vec<ImportedPerson> = (1..=n)
        .map(|i| {
            let manager = (i < n).then(|| format!("p{}@x.io", i + 1));
            let team = ["Payments", "Growth", "Core"][i % 3];
            imported(&format!("p{i}@x.io"), manager.as_deref(), team)
        })
        .collect();
    let version = s.people_version().await.unwrap();
    let write = ImportWrite {
        planned_at_version: version,
        people,
        leaving: Vec::new(),
        summary: "roster.csv: 1201 added".to_owned(),
    };
    // Planned against an older version: nothing is written.
    let stale = ImportWrite {
        planned_at_version: version - 1,
        ..write.clone()
    };
    assert!(matches!(
        s.apply_import(stale, Some(admin.id)).await,
        Err(StoreError::Stale)
    ));
    assert_eq!(s.user_count().await.unwrap(), 1);
    let done = s.apply_import(write, Some(admin.id)).await.unwrap();
    assert_eq!((done.added, done.teams_made), (1201, 3));
    assert_eq!(s.user_count().await.unwrap(), 1202);
    let p1 = s.user_by_email("p1@x.io").await.unwrap().unwrap();
    let p2 = s.user_by_email("p2@x.io").await.unwrap().unwrap();
    assert_eq!(p1.manager_id, Some(p2.id));
    assert_eq!(p1.title.as_deref(), Some("Product Manager"));
    assert_eq!(p1.start_date.as_deref(), Some("2024-01-31"));
    assert!(
        p1.password_hash.is_empty(),
        "imported people have no password"
    );
    assert_eq!(s.teams().await.unwrap().len(), 3);
    assert!(s.people_version().await.unwrap() > version);
    let log = s.audit_log(1).await.unwrap();
    assert_eq!(
        (log[0].action.as_str(), log[0].detail.as_str()),
        ("people.import", "roster.csv: 1201 added")
    );

    // A second import: a new email for p1, p3 leaves with a live session.
    s.create_session("h3", p2.id, ladder_store::now_ms() + 60_000)
        .await
        .unwrap();
    let p3 = s.user_by_email("p3@x.io").await.unwrap().unwrap();
    s.create_session("h-p3", p3.id, ladder_store::now_ms() + 60_000)
        .await
        .unwrap();
    let mut moved = imported("p1.new@x.io", Some("p2@x.io"), "Growth");
    moved.id = Some(p1.id);
    let write = ImportWrite {
        planned_at_version: s.people_version().await.unwrap(),
        people: vec![moved],
        leaving: vec![p3.id],
        summary: "second".to_owned(),
    };
    let done = s.apply_import(write, None).await.unwrap();
    assert_eq!((done.changed, done.deactivated), (1, 1));
    let p1 = s.user(p1.id).await.unwrap().unwrap();
    assert_eq!(p1.email, "p1.new@x.io");
    let p3 = s.user(p3.id).await.unwrap().unwrap();
    assert!(!p3.is_active());
    assert!(s.session_user("h-p3").await.unwrap().is_none());
    assert!(s.session_user("h3").await.unwrap().is_some());
    // A former person is no longer among their manager's reports.
    let p4 = s.user_by_email("p4@x.io").await.unwrap().unwrap();
    let below: Vec<i64> = s
        .reports(p4.id)
        .await
        .unwrap()
        .iter()
        .map(|r| r.user.id)
        .collect();
    assert!(!below.contains(&p3.id) && below.contains(&p1.id));
}

async fn deactivation_cuts_off_and_keeps_an_admin(s: Arc<dyn Store>) {
    let admin = s
        .create_user(person("root@x.io", Access::Admin, None), None)
        .await
        .unwrap();
    let bo = s
        .create_user(person("bo@x.io", Access::Member, Some(admin.id)), None)
        .await
        .unwrap();
    s.create_session("bo-session", bo.id, ladder_store::now_ms() + 60_000)
        .await
        .unwrap();
    let token = s.create_token(bo.id, "ci", "bo-token").await.unwrap();
    assert!(s.token_user("bo-token").await.unwrap().is_some());
    let gone = s.set_active(bo.id, false, Some(admin.id)).await.unwrap();
    assert!(gone.deactivated_at.is_some());
    assert!(s.session_user("bo-session").await.unwrap().is_none());
    assert!(s.token_user("bo-token").await.unwrap().is_none());
    let kept = s.tokens(bo.id).await.unwrap();
    assert!(
        kept.iter()
            .any(|t| t.id == token.id && t.revoked_at.is_some())
    );
    // The history stays, and admins still see them.
    assert!(s.users().await.unwrap().iter().any(|u| u.id == bo.id));
    assert!(s.reports(admin.id).await.unwrap().is_empty());
    let back = s.set_active(bo.id, true, Some(admin.id)).await.unwrap();
    assert!(back.is_active());
    assert_eq!(s.reports(admin.id).await.unwrap().len(), 1);
    // The only admin cannot be deactivated.
    assert!(matches!(
        s.set_active(admin.id, false, None).await,
        Err(StoreError::LastAdmin(_))
    ));
    assert!(s.user(admin.id).await.unwrap().unwrap().is_active());
    // A confirmed role clears the guess.
    let who = s
        .confirm_role(bo.id, Some("senior-pm".into()), Some(admin.id))
        .await
        .unwrap();
    assert_eq!(who.ladder_role.as_deref(), Some("senior-pm"));
    assert_eq!(who.pending_role, None);
    let actions: Vec<String> = s
        .audit_log(3)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert_eq!(actions, ["user.role", "user.reactivate", "user.deactivate"]);
}

async fn one_time_links_work_once_until_they_expire(s: Arc<dyn Store>) {
    use ladder_store::LinkProblem;
    use ladder_store::model::LinkPurpose;
    let admin = s
        .create_user(person("root@x.io", Access::Admin, None), None)
        .await
        .unwrap();
    let mut new = person("bo@x.io", Access::Member, None);
    new.password_hash = String::new();
    let bo = s.create_user(new, Some(admin.id)).await.unwrap();
    let later = ladder_store::now_ms() + 60_000;
    s.create_link(
        "h1",
        bo.id,
        LinkPurpose::Invite,
        later,
        Some(admin.id),
        "invite".into(),
    )
    .await
    .unwrap();
    // A newer invite replaces the unused older one.
    s.create_link(
        "h2",
        bo.id,
        LinkPurpose::Invite,
        later,
        Some(admin.id),
        "again".into(),
    )
    .await
    .unwrap();
    let refused = |r: ladder_store::Result<_>| match r {
        Err(StoreError::Link(p)) => p,
        other => panic!("expected a refused link, got {other:?}"),
    };
    assert_eq!(
        refused(s.redeem_link("h1", LinkPurpose::Invite, "hash-1").await),
        LinkProblem::Unknown
    );
    // The wrong kind of link is no link.
    assert_eq!(
        refused(s.redeem_link("h2", LinkPurpose::Reset, "hash-1").await),
        LinkProblem::Unknown
    );
    s.create_session("bo-old", bo.id, later).await.unwrap();
    let u = s
        .redeem_link("h2", LinkPurpose::Invite, "hash-2")
        .await
        .unwrap();
    assert_eq!(u.password_hash, "hash-2");
    assert!(
        s.session_user("bo-old").await.unwrap().is_none(),
        "other sessions end"
    );
    assert_eq!(
        refused(s.redeem_link("h2", LinkPurpose::Invite, "hash-3").await),
        LinkProblem::Used
    );
    assert!(s.link("h2").await.unwrap().unwrap().used_at.is_some());
    // An expired link.
    let past = ladder_store::now_ms() - 1;
    s.create_link("h3", bo.id, LinkPurpose::Reset, past, None, "old".into())
        .await
        .unwrap();
    assert_eq!(
        refused(s.redeem_link("h3", LinkPurpose::Reset, "hash-4").await),
        LinkProblem::Expired
    );
    // Someone who left cannot use a link.
    s.create_link("h4", bo.id, LinkPurpose::Reset, later, None, "new".into())
        .await
        .unwrap();
    s.set_active(bo.id, false, Some(admin.id)).await.unwrap();
    assert_eq!(
        refused(s.redeem_link("h4", LinkPurpose::Reset, "hash-5").await),
        LinkProblem::Unknown
    );
    assert_eq!(
        s.user(bo.id).await.unwrap().unwrap().password_hash,
        "hash-2"
    );
    assert!(
        s.newest_link(bo.id, LinkPurpose::Reset)
            .await
            .unwrap()
            .is_some()
    );
}

/// Single sign-on: an attempt is taken once (of two racing takers, one
/// gets it), expired attempts are dropped as new ones begin, a person is
/// linked to one provider account, and a first sign-in makes the person
/// and the link together or neither.
async fn sso_attempts_are_taken_once_and_people_linked(s: Arc<dyn Store>) {
    use ladder_store::model::SsoAttempt;
    let now = ladder_store::now_ms();
    let attempt = |state: &str, expires_at: i64| SsoAttempt {
        state_hash: state.to_owned(),
        browser_hash: format!("browser of {state}"),
        nonce: "n".to_owned(),
        pkce_verifier: "v".to_owned(),
        created_at: now,
        expires_at,
    };
    s.begin_sso(&attempt("old", now - 1)).await.unwrap();
    s.begin_sso(&attempt("a", now + 600_000)).await.unwrap();
    assert_eq!(
        s.sso_in_flight().await.unwrap(),
        1,
        "the expired one is gone"
    );
    let (one, two) = tokio::join!(s.take_sso("a"), s.take_sso("a"));
    let taken: Vec<_> = [one.unwrap(), two.unwrap()].into_iter().flatten().collect();
    assert_eq!(taken, [attempt("a", now + 600_000)]);
    assert_eq!(s.sso_in_flight().await.unwrap(), 0);

    let issuer = "https://idp.example.com";
    let ada = s
        .create_user(person("ada@example.com", Access::Admin, None), None)
        .await
        .unwrap();
    assert!(s.sso_user(issuer, "sub-1").await.unwrap().is_none());
    s.link_sso(ada.id, issuer, "sub-1").await.unwrap();
    assert_eq!(
        s.sso_user(issuer, "sub-1").await.unwrap().unwrap().id,
        ada.id
    );
    assert!(
        s.sso_user("https://other.example.com", "sub-1")
            .await
            .unwrap()
            .is_none()
    );

    let mut bo = person("bo@example.com", Access::Member, None);
    bo.password_hash = String::new();
    let made = s.create_sso_user(bo, issuer, "sub-2").await.unwrap();
    assert_eq!(
        s.sso_user(issuer, "sub-2").await.unwrap().unwrap().id,
        made.id
    );
    // The subject is taken: neither the person nor a second link is made.
    let err = s
        .create_sso_user(
            person("cy@example.com", Access::Member, None),
            issuer,
            "sub-2",
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Duplicate { .. }), "{err}");
    assert!(s.user_by_email("cy@example.com").await.unwrap().is_none());
}

suite!(
    users_and_emails,
    reports_are_transitive_and_loops_refused,
    teams,
    sessions_tokens_and_attempts,
    ladders_are_versioned,
    assessments_freeze_on_submit,
    evidence_is_tagged,
    concurrent_writes_all_land,
    the_last_admin_stays,
    people_pages_and_latest_assessments,
    imports_write_in_bulk_managers_first,
    deactivation_cuts_off_and_keeps_an_admin,
    one_time_links_work_once_until_they_expire,
    sso_attempts_are_taken_once_and_people_linked,
);
