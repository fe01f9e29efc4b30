//! The path `ladder org` takes on a roster: reading the CSV and analysing it
//! (titles resolved once per distinct title, the manager tree checked and
//! walked, flags, simulated time in level), on a generated 100,000-person
//! company shaped as `bench/org_roster.py` shapes it. The end-to-end figure on
//! a million people, against DuckDB, is `bench/org.sh`. The same roster also
//! feeds the plan of `ladder user import` (first import, and a re-import of
//! the unchanged file); the end-to-end import into SQLite and PostgreSQL is
//! `bench/import.sh`. Run with `cargo bench -p ladder-core --bench org`.

use std::collections::HashMap;
use std::fmt::Write;
use std::sync::OnceLock;

use ladder_core::org::{OrgOptions, analyse};
use ladder_core::resolve::Resolver;
use ladder_core::roster::import::{Current, ImportOptions, plan_import};
use ladder_core::roster::{HeaderMap, Roster, parse_day, read_csv};

fn main() {
    divan::main();
}

/// A roster of `n` people: a CPO over product orgs (a VP, five directors,
/// two group PMs each with four PMs and a senior PM), a CTO over managers of
/// 35 engineers, designers, and everyone else under the CEO.
fn roster_csv(n: usize) -> String {
    let mut rows: Vec<(&str, Option<usize>)> = vec![
        ("CEO", None),
        ("Chief Product Officer", Some(0)),
        ("CTO", Some(0)),
        ("Head of Design", Some(0)),
    ];
    let add = |rows: &mut Vec<(&str, Option<usize>)>, t, m| {
        rows.push((t, Some(m)));
        rows.len() - 1
    };
    while rows.len() < n * 7 / 100 {
        let vp = add(&mut rows, "VP of Product", 1);
        for _ in 0..5 {
            let d = add(&mut rows, "Director of Product", vp);
            for _ in 0..2 {
                let g = add(&mut rows, "Group Product Manager", d);
                for t in [
                    "Product Manager",
                    "Product Manager II",
                    "PM",
                    "Sr. Product Manager",
                    "Senior Product Manager",
                ] {
                    add(&mut rows, t, g);
                }
            }
        }
    }
    while rows.len() < n * 52 / 100 {
        let em = add(&mut rows, "Engineering Manager", 2);
        for i in 0..35 {
            add(
                &mut rows,
                [
                    "Software Engineer",
                    "Senior Software Engineer",
                    "Frontend Developer",
                ][i % 3],
                em,
            );
        }
    }
    while rows.len() < n * 56 / 100 {
        add(&mut rows, "Product Designer", 3);
    }
    while rows.len() < n {
        add(&mut rows, "Account Executive", 0);
    }
    let mut out = String::from("employee_id,name,email,title,manager_email,start_date\n");
    for (i, (title, m)) in rows.iter().take(n).enumerate() {
        let manager = m.map(|m| format!("p{m}@co.example")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{i},Person {i},p{i}@co.example,{title},{manager},20{:02}-0{}-15",
            10 + i % 16,
            1 + i % 9
        );
    }
    out
}

fn text() -> &'static str {
    static T: OnceLock<String> = OnceLock::new();
    T.get_or_init(|| roster_csv(100_000))
}

fn roster() -> &'static Roster {
    static R: OnceLock<Roster> = OnceLock::new();
    R.get_or_init(|| read_csv(text().as_bytes(), &HeaderMap::default()).unwrap())
}

fn options() -> OrgOptions {
    OrgOptions {
        as_of: parse_day("2026-12-01").unwrap(),
        size: None,
        placements: HashMap::new(),
        titles: Default::default(),
        runs: 2000,
    }
}

/// Reading 100,000 rows of CSV into a roster.
#[divan::bench(sample_count = 10)]
fn read_100k_roster() -> usize {
    read_csv(divan::black_box(text()).as_bytes(), &HeaderMap::default())
        .unwrap()
        .len()
}

/// The analysis of a roster already read.
#[divan::bench(sample_count = 10)]
fn analyse_100k_roster() -> usize {
    let ladder = ladder_core::embedded::ladder();
    analyse(ladder, Resolver::embedded(), roster(), &options())
        .unwrap()
        .flags
        .len()
}

/// The people an app would hold after importing the roster (ids in file
/// order), for planning a re-import of the unchanged file.
fn imported() -> &'static [Current] {
    static C: OnceLock<Vec<Current>> = OnceLock::new();
    C.get_or_init(|| {
        let ladder = ladder_core::embedded::ladder();
        let plan = plan_import(
            roster(),
            &[],
            ladder,
            Resolver::embedded(),
            &ImportOptions::default(),
        )
        .unwrap();
        let id: HashMap<&str, i64> = plan
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.email.as_str(), i as i64 + 1))
            .collect();
        plan.people
            .iter()
            .map(|p| Current {
                id: id[p.email.as_str()],
                email: p.email.clone(),
                name: p.name.clone(),
                employee_id: p.employee_id.clone(),
                title: p.title.clone(),
                team: p.team.clone(),
                department: p.department.clone(),
                start: p.start_date.as_deref().and_then(parse_day),
                manager: p.manager.as_deref().map(|m| id[m]),
                role: p.role.clone(),
                pending: p.to_confirm.clone(),
                active: true,
            })
            .collect()
    })
}

/// Planning the first import of the roster (everyone new).
#[divan::bench(sample_count = 10)]
fn plan_import_100k_new() -> usize {
    let ladder = ladder_core::embedded::ladder();
    plan_import(
        roster(),
        &[],
        ladder,
        Resolver::embedded(),
        &ImportOptions::default(),
    )
    .unwrap()
    .added()
    .count()
}

/// Planning a re-import of the same roster into an app that holds it.
#[divan::bench(sample_count = 10)]
fn plan_import_100k_unchanged() -> usize {
    let ladder = ladder_core::embedded::ladder();
    let plan = plan_import(
        roster(),
        imported(),
        ladder,
        Resolver::embedded(),
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(plan.is_empty());
    plan.unchanged()
}
