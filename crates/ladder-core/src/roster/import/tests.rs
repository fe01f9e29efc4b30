//! Import plans on rosters shaped like HR exports, against an app that
//! already has people: matching, managers in and out of the file, loops,
//! roles to confirm, and the same file twice changing nothing.

use super::*;
use crate::embedded;
use crate::roster::{HeaderMap, parse_day, read_csv};

fn read(text: &str) -> Roster {
    read_csv(text.as_bytes(), &HeaderMap::default()).unwrap()
}

fn plan(roster: &Roster, current: &[Current], options: &ImportOptions) -> ImportPlan {
    let ladder = embedded::ladder();
    let resolver = Resolver::new(ladder).unwrap();
    plan_import(roster, current, ladder, &resolver, options).unwrap()
}

/// The people as the app would hold them after `plan` is written (ids for
/// new people follow on from the largest).
fn applied(plan: &ImportPlan, current: &[Current]) -> Vec<Current> {
    let mut out: Vec<Current> = current.to_vec();
    let mut next = out.iter().map(|c| c.id).max().unwrap_or(0) + 1;
    let mut ids = Vec::new();
    for p in &plan.people {
        let id = p.existing.unwrap_or_else(|| {
            next += 1;
            next - 1
        });
        ids.push((p.email.clone(), id));
    }
    let id_of = |email: &str| ids.iter().find(|(e, _)| e == email).map(|(_, id)| *id);
    for (p, &(_, id)) in plan.people.iter().zip(&ids) {
        let manager = p
            .manager
            .as_deref()
            .map(|m| id_of(m).unwrap_or_else(|| out.iter().find(|c| c.email == m).unwrap().id));
        let person = Current {
            id,
            email: p.email.clone(),
            name: p.name.clone(),
            employee_id: p.employee_id.clone(),
            title: p.title.clone(),
            team: p.team.clone(),
            department: p.department.clone(),
            start: p.start_date.as_deref().and_then(parse_day),
            manager,
            role: p.role.clone(),
            pending: p.to_confirm.clone(),
            active: true,
        };
        match out.iter_mut().find(|c| c.id == id) {
            Some(c) => *c = person,
            None => out.push(person),
        }
    }
    for l in &plan.leaving {
        out.iter_mut().find(|c| c.id == l.id).unwrap().active = false;
    }
    out
}

const ORG: &str = "\u{feff}Employee ID;Full Name;Work Email;Job Title;Manager Email;Team;Department;Hire Date\n\
    E1;Ada Lovelace;ada@acme.io;VP of Product;;Leadership;Product;2019-01-07\n\
    E2;Grace Hopper;Grace@Acme.io;Senior Product Manager;ada@acme.io;Payments;Product;2021-03-01\n\
    E3;Linus Pauling;linus@acme.io;Product Manager;E2;Payments;Product;2023-09-15\n\
    E4;Katherine Johnson;kj@acme.io;Software Engineer;grace@acme.io;Payments;Engineering;2022-02-01\n\
    E5;Alan Kay;alan@acme.io;Product Wizard;ada@acme.io;Labs;Product;2024-05-20\n";

fn admin() -> Current {
    Current {
        id: 1,
        email: "root@acme.io".into(),
        name: "Site Admin".into(),
        active: true,
        ..Current::default()
    }
}

#[test]
fn a_first_import_adds_everyone_with_managers_roles_and_leads() {
    let roster = read(ORG);
    let p = plan(&roster, &[admin()], &ImportOptions::default());
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(p.added().count(), 5);
    assert_eq!(p.unchanged(), 0);
    let by = |email: &str| p.people.iter().find(|x| x.email == email).unwrap();
    // Managers by email (any case) and by employee number.
    assert_eq!(by("grace@acme.io").manager.as_deref(), Some("ada@acme.io"));
    assert_eq!(
        by("linus@acme.io").manager.as_deref(),
        Some("grace@acme.io")
    );
    assert_eq!(by("ada@acme.io").manager, None);
    assert!(by("ada@acme.io").leads && by("grace@acme.io").leads);
    assert!(!by("linus@acme.io").leads);
    // Titles: sure ones set the role; an engineer has none; an odd title
    // is left to confirm, or has none.
    assert_eq!(by("grace@acme.io").role.as_deref(), Some("senior-pm"));
    assert_eq!(by("linus@acme.io").role.as_deref(), Some("pm"));
    assert_eq!(by("kj@acme.io").role, None);
    assert_eq!(by("kj@acme.io").to_confirm, None);
    assert_eq!(by("ada@acme.io").start_date.as_deref(), Some("2019-01-07"));
    // A new person's changes are their set fields.
    let fields: Vec<What> = by("linus@acme.io")
        .changes
        .iter()
        .map(|c| c.field)
        .collect();
    assert!(fields.contains(&What::Manager) && fields.contains(&What::Role));
    // Nobody leaves without being asked.
    assert!(p.leaving.is_empty());
}

#[test]
fn the_same_file_twice_changes_nothing() {
    let roster = read(ORG);
    let first = plan(&roster, &[admin()], &ImportOptions::default());
    let now = applied(&first, &[admin()]);
    let second = plan(&roster, &now, &ImportOptions::default());
    assert!(
        second.is_empty(),
        "{:#?}",
        second.changed().collect::<Vec<_>>()
    );
    assert_eq!(second.unchanged(), 5);
}

#[test]
fn a_new_email_with_the_same_employee_number_is_the_same_person() {
    let roster = read(ORG);
    let now = applied(
        &plan(&roster, &[admin()], &ImportOptions::default()),
        &[admin()],
    );
    let renamed = ORG.replace("linus@acme.io", "linus.pauling@acme.io");
    let p = plan(&read(&renamed), &now, &ImportOptions::default());
    assert_eq!(p.added().count(), 0);
    let changed: Vec<&Planned> = p.changed().collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(
        changed[0].changes,
        [FieldChange {
            field: What::Email,
            before: Some("linus@acme.io".into()),
            after: Some("linus.pauling@acme.io".into()),
        }]
    );
}

#[test]
fn a_role_an_admin_confirmed_stays_while_the_title_does() {
    let roster = read(ORG);
    let mut now = applied(
        &plan(&roster, &[admin()], &ImportOptions::default()),
        &[admin()],
    );
    let alan = now.iter_mut().find(|c| c.email == "alan@acme.io").unwrap();
    alan.role = Some("principal-pm".into());
    alan.pending = None;
    let p = plan(&roster, &now, &ImportOptions::default());
    assert!(p.is_empty());
    // A new title is resolved again.
    let promoted = ORG.replace("Product Wizard", "Senior Product Manager");
    let p = plan(&read(&promoted), &now, &ImportOptions::default());
    let alan = p.changed().next().unwrap();
    assert_eq!(alan.role.as_deref(), Some("senior-pm"));
}

#[test]
fn an_unsure_title_waits_for_an_admin_and_keeps_the_role() {
    let roster = read("name,email,title\nBo,bo@acme.io,Product Manager\n");
    let strict = ImportOptions {
        threshold: 1.01,
        ..ImportOptions::default()
    };
    let p = plan(&roster, &[], &strict);
    let bo = &p.people[0];
    assert_eq!(bo.role, None);
    let guess = bo.to_confirm.as_ref().unwrap();
    assert_eq!(guess.role, "pm");
    assert!(guess.confidence > 0 && guess.confidence <= 100);
    assert_eq!(p.to_confirm().count(), 1);
}

#[test]
fn a_manager_the_app_has_may_be_named_but_not_one_about_to_leave() {
    let mut boss = admin();
    boss.id = 7;
    boss.email = "boss@acme.io".into();
    boss.name = "Big Boss".into();
    let roster = read("name,email,title,manager\nBo,bo@acme.io,Product Manager,BOSS@acme.io\n");
    let p = plan(&roster, &[boss.clone()], &ImportOptions::default());
    assert!(p.problems.is_empty());
    assert_eq!(p.people[0].manager.as_deref(), Some("boss@acme.io"));
    let missing = ImportOptions {
        deactivate_missing: true,
        ..ImportOptions::default()
    };
    let p = plan(&roster, &[boss.clone()], &missing);
    assert_eq!(p.blocking().count(), 1);
    assert!(
        p.problems[0]
            .message
            .contains("would be deactivated as missing")
    );
    // Unless they are the one importing, who never leaves.
    let keep = ImportOptions {
        keep: Some(7),
        ..missing
    };
    let p = plan(&roster, &[boss], &keep);
    assert_eq!(p.blocking().count(), 0);
    assert!(p.leaving.is_empty());
}

#[test]
fn missing_people_leave_only_when_asked() {
    let mut old = admin();
    old.id = 9;
    old.email = "gone@acme.io".into();
    old.name = "Gone Person".into();
    let mut former = old.clone();
    former.id = 10;
    former.email = "former@acme.io".into();
    former.active = false;
    let current = [admin(), old, former];
    let roster = read(ORG);
    assert!(
        plan(&roster, &current, &ImportOptions::default())
            .leaving
            .is_empty()
    );
    let options = ImportOptions {
        deactivate_missing: true,
        keep: Some(1),
        ..ImportOptions::default()
    };
    let p = plan(&roster, &current, &options);
    let gone: Vec<&str> = p.leaving.iter().map(|l| l.email.as_str()).collect();
    assert_eq!(gone, ["gone@acme.io"]);
}

#[test]
fn a_former_person_in_the_file_comes_back() {
    let mut former = admin();
    former.id = 3;
    former.email = "bo@acme.io".into();
    former.name = "Bo".into();
    former.title = Some("Product Manager".into());
    former.role = Some("pm".into());
    former.active = false;
    let roster = read("name,email,title\nBo,bo@acme.io,Product Manager\n");
    let p = plan(&roster, &[former], &ImportOptions::default());
    let c = &p.changed().next().unwrap().changes;
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].field, What::Status);
}

#[test]
fn every_bad_row_is_named_and_stops_the_import() {
    let text = "name,email,title,manager\n\
        Ada,ada@acme.io,VP Product,\n\
        Bo,,Product Manager,ada@acme.io\n\
        Cy,ADA@acme.io,Product Manager,ada@acme.io\n\
        Di,di@acme.io,Product Manager,nobody@acme.io\n\
        Ed,ed@acme.io,Product Manager,ed@acme.io\n\
        Fay,fay@acme.io,Product Manager,ada@acme.io\n";
    let p = plan(&read(text), &[], &ImportOptions::default());
    let seen: Vec<(u64, &str)> = p.blocking().map(|x| (x.row, x.field)).collect();
    assert_eq!(
        seen,
        [(3, "email"), (4, "email"), (5, "manager"), (6, "manager")]
    );
    assert!(p.problems[1].message.contains("row 2"), "{}", p.problems[1]);
    assert!(p.problems[2].message.contains("nobody@acme.io"));
    // The good rows are still planned, for the dry run to show.
    let kept: Vec<&str> = p.people.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(kept, ["Ada", "Fay"]);
}

#[test]
fn a_loop_through_someone_only_the_app_has_is_found() {
    // The app has Xi reporting to Bo; the file makes Bo report to Xi.
    let bo = Current {
        id: 2,
        email: "bo@acme.io".into(),
        name: "Bo".into(),
        active: true,
        ..Current::default()
    };
    let xi = Current {
        id: 3,
        email: "xi@acme.io".into(),
        name: "Xi".into(),
        manager: Some(2),
        active: true,
        ..Current::default()
    };
    let roster = read("name,email,title,manager\nBo,bo@acme.io,Product Manager,xi@acme.io\n");
    let p = plan(&roster, &[bo, xi], &ImportOptions::default());
    let loops: Vec<String> = p.blocking().map(|x| x.message.clone()).collect();
    assert_eq!(loops, ["is part of a reporting loop: Bo → Xi → Bo"]);
}

#[test]
fn fields_the_file_lacks_stay_as_they_are() {
    let first = read(ORG);
    let now = applied(
        &plan(&first, &[admin()], &ImportOptions::default()),
        &[admin()],
    );
    // Only names, emails and titles: departments, teams, managers and
    // dates stay.
    let thin = "Name,Email,Title\nAda Lovelace,ada@acme.io,VP of Product\n";
    let p = plan(&read(thin), &now, &ImportOptions::default());
    assert!(p.is_empty(), "{:#?}", p.people);
}

#[test]
fn a_roster_without_emails_cannot_be_imported() {
    let roster = read("name,title\nAda,PM\n");
    let ladder = embedded::ladder();
    let resolver = Resolver::new(ladder).unwrap();
    let e = plan_import(&roster, &[], ladder, &resolver, &ImportOptions::default());
    assert_eq!(e, Err(ImportError::NoEmail));
}
