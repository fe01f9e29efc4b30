//! The manager's view and calibration for a VP with 10,000 people below them
//! (100 managers of 99 people each), every person with a submitted self and
//! manager assessment (issue 11 targets: a page of /reports p50 < 20 ms,
//! calibration < 200 ms, the heatmap CSV < 1 s). SQLite in memory, through the application layer
//! (store queries, parsing, placement and reports included; no HTTP).
//! Run with `cargo bench -p ladder-app --bench team`.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use ladder_app::team::PageRequest;
use ladder_app::{App, Config};
use ladder_core::assess::{Assessment, Rater, Rating};
use ladder_store::Filter;
use ladder_store::model::{Access, NewAssessment, NewUser, User};

fn main() {
    fixture();
    divan::main();
}

struct Fixture {
    rt: tokio::runtime::Runtime,
    app: Arc<App>,
    store: Arc<dyn ladder_store::Store>,
    vp: User,
}

fn body(person: &str, rater: Rater, shift: i16) -> String {
    let l = ladder_core::embedded::ladder();
    let ratings = l
        .competencies
        .items
        .iter()
        .map(|c| {
            let level = (i16::from(c.expectations["pm"]) + shift).clamp(0, 5) as u8;
            (
                c.id.clone(),
                Rating {
                    level,
                    evidence: Vec::new(),
                },
            )
        })
        .collect::<BTreeMap<_, _>>();
    serde_json::to_string(&Assessment {
        person: person.to_owned(),
        role: "pm".into(),
        date: "2026-11-24".into(),
        rater,
        ladder_version: Some("2026.1".into()),
        ratings,
        readiness: Vec::new(),
    })
    .unwrap()
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let (app, store, vp) = rt.block_on(async {
            let store = ladder_store::open("sqlite::memory:").await.unwrap();
            let app = App::open(store.clone(), Config::default()).await.unwrap();
            let ladder_id = app.ladder().version.id;
            let hash = ladder_app::auth::hash_password("bench password 1").unwrap();
            let person = |email: String, access, manager| NewUser {
                name: email.split('@').next().unwrap().to_owned(),
                email,
                password_hash: hash.clone(),
                access,
                team_id: None,
                manager_id: manager,
                ladder_role: Some("pm".into()),
            };
            let vp = store
                .create_user(person("vp@x.io".into(), Access::Manager, None), None)
                .await
                .unwrap();
            for m in 0..100 {
                let mgr = store
                    .create_user(
                        person(format!("m{m}@x.io"), Access::Manager, Some(vp.id)),
                        None,
                    )
                    .await
                    .unwrap();
                for i in 0..99 {
                    let ic = store
                        .create_user(
                            person(format!("ic{m}-{i}@x.io"), Access::Member, Some(mgr.id)),
                            None,
                        )
                        .await
                        .unwrap();
                    for (author, rater, shift) in [
                        (ic.id, Rater::Myself, 0),
                        (mgr.id, Rater::Manager, (m % 3) - 1),
                    ] {
                        store
                            .create_assessment(NewAssessment {
                                subject_id: ic.id,
                                author_id: author,
                                rater,
                                ladder_id,
                                ladder_role: "pm".into(),
                                body: body(&ic.name, rater, shift as i16),
                                submit: true,
                            })
                            .await
                            .unwrap();
                    }
                }
            }
            (app, store, vp)
        });
        Fixture { rt, app, store, vp }
    })
}

/// The VP's first page of 100 people, with their latest assessments,
/// reports and self-versus-manager differences.
#[divan::bench(sample_count = 20)]
fn first_page_of_10000_reports() -> usize {
    let f = fixture();
    let request = PageRequest::new(Some(1), Some(100)).unwrap();
    f.rt.block_on(f.app.team(&f.vp, &Filter::NONE, None, request))
        .unwrap()
        .lines
        .len()
}

/// A page deep in the line (people 9,901–10,000).
#[divan::bench(sample_count = 20)]
fn last_page_of_10000_reports() -> usize {
    let f = fixture();
    let request = PageRequest::new(Some(100), Some(100)).unwrap();
    f.rt.block_on(f.app.team(&f.vp, &Filter::NONE, None, request))
        .unwrap()
        .lines
        .len()
}

/// Calibration across the whole line: 19,800 latest assessments.
#[divan::bench(sample_count = 10)]
fn calibration_of_10000_people() -> usize {
    let f = fixture();
    f.rt.block_on(f.app.calibration(&f.vp, &Filter::NONE))
        .unwrap()
        .managers
        .len()
}

/// Calibration the first time: the same line in a fresh app over the same
/// store (each of the 19,800 latest assessments read, parsed and placed).
#[divan::bench(sample_count = 5)]
fn calibration_of_10000_people_first_call(bencher: divan::Bencher) {
    let f = fixture();
    bencher
        .with_inputs(|| {
            f.rt.block_on(App::open(f.store.clone(), Config::default()))
                .unwrap()
        })
        .bench_local_values(|app| {
            f.rt.block_on(app.calibration(&f.vp, &Filter::NONE))
                .unwrap()
                .managers
                .len()
        });
}

/// Calibration just after someone in the line submitted a self-assessment:
/// the kept calibration is stale, the 19,800 others are already scored, so
/// this is finding the latest of the line again plus the arithmetic.
#[divan::bench(sample_count = 10)]
fn calibration_of_10000_people_after_a_submission(bencher: divan::Bencher) {
    let f = fixture();
    // Ids are given in creation order: the VP, their first manager, then
    // that manager's first report.
    let subject = f.vp.id + 2;
    let ladder_id = f.app.ladder().version.id;
    bencher
        .with_inputs(|| {
            f.rt.block_on(f.app.calibration(&f.vp, &Filter::NONE))
                .unwrap();
            f.rt.block_on(f.store.create_assessment(NewAssessment {
                subject_id: subject,
                author_id: subject,
                rater: Rater::Myself,
                ladder_id,
                ladder_role: "pm".into(),
                body: body("ic0-0", Rater::Myself, 1),
                submit: true,
            }))
            .unwrap();
        })
        .bench_local_values(|()| {
            f.rt.block_on(f.app.calibration(&f.vp, &Filter::NONE))
                .unwrap()
                .managers
                .len()
        });
}

/// The heatmap of the whole line as CSV: 10,000 rows of 12 competencies
/// (issue 11 target: under 1 s).
#[divan::bench(sample_count = 10)]
fn heatmap_csv_of_10000_people() -> usize {
    let f = fixture();
    let map =
        f.rt.block_on(f.app.heatmap(&f.vp, &Filter::NONE, None))
            .unwrap();
    map.to_csv(str::to_owned).unwrap().len()
}

/// The heatmap's first page of 100 people.
#[divan::bench(sample_count = 20)]
fn heatmap_first_page() -> usize {
    let f = fixture();
    let request = PageRequest::new(Some(1), Some(100)).unwrap();
    f.rt.block_on(f.app.heatmap(&f.vp, &Filter::NONE, Some(request)))
        .unwrap()
        .rows
        .len()
}

/// The store's share: a page of people (with the count), the count alone, a
/// page's latest assessments (after its people), and the whole line's
/// latest assessments (what calibration reads).
#[divan::bench(args = ["people", "count", "latest", "whole line"], sample_count = 10)]
fn store_queries_of_a_page(query: &str) -> usize {
    let f = fixture();
    let scope = ladder_store::Scope::Below(f.vp.id);
    let slice = ladder_store::Slice {
        limit: 100,
        offset: 0,
    };
    f.rt.block_on(async {
        match query {
            "people" => f
                .store
                .people_page(scope, &Filter::NONE, slice)
                .await
                .unwrap()
                .0
                .len(),
            "count" => f.store.people_count(scope, &Filter::NONE).await.unwrap() as usize,
            "whole line" => f
                .store
                .latest_assessments(scope, &Filter::NONE, ladder_store::Slice::ALL)
                .await
                .unwrap()
                .len(),
            _ => {
                let (people, _) = f
                    .store
                    .people_page(scope, &Filter::NONE, slice)
                    .await
                    .unwrap();
                let ids: Vec<i64> = people.iter().map(|p| p.user.id).collect();
                f.store.latest_of(&ids).await.unwrap().len()
            }
        }
    })
}
