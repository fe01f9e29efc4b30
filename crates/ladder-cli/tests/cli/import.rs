//! `ladder user import` end to end on HR exports as they come: a dry run
//! that writes nothing, `--apply` in one go, the same file again changing
//! nothing, every bad row named with nothing written, and deactivation.

use std::fmt::Write as _;

use crate::*;

const MESSY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ladder-core/tests/data/rosters/hr-export-messy.csv"
);
const WORKBOOK: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ladder-core/tests/data/rosters/startup-12.xlsx"
);

fn db(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}", dir.path().join("ladder.db").display())
}

fn import(db: &str, args: &[&str]) -> assert_cmd::assert::Assert {
    ladder()
        .args(["user", "import"])
        .args(args)
        .args(["--db", db])
        .assert()
}

fn stdout(a: assert_cmd::assert::Assert) -> String {
    String::from_utf8(a.get_output().stdout.clone()).unwrap()
}

fn accounts(db: &str) -> Vec<String> {
    let out = ladder()
        .args(["user", "list", "--db", db])
        .assert()
        .success();
    stdout(out).lines().map(str::to_owned).collect()
}

#[test]
fn a_messy_export_is_planned_then_written_then_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    // A byte-order mark, semicolons, CRLF, split names, "Supervisor Email"
    // by email and by worker id, a dotted and an ambiguous date.
    let plan = stdout(import(&db, &[MESSY]).success());
    assert!(
        plan.starts_with("hr-export-messy.csv: 18 rows; 18 to be added, 0 to be changed"),
        "{plan}"
    );
    assert!(plan.contains("row 13, start_date: `03/04/2024` is not a date"));
    assert!(
        plan.contains(
            "row 4  Priya Raman <priya.raman@acme.io>  VP, Product Management (role: VP of Product)"
        ),
        "{plan}"
    );
    assert!(
        plan.contains(
            "\"Product Lead, Growth\": Principal Product Manager / Product Lead? (82 % sure)"
        ),
        "{plan}"
    );
    assert!(plan.contains("Nothing was written (a dry run)"));
    assert!(accounts(&db).is_empty(), "a dry run writes nothing");

    let done = stdout(import(&db, &[MESSY, "--apply"]).success());
    assert!(done.contains("18 added"), "{done}");
    assert!(
        done.contains("Written in one transaction (3 new teams)."),
        "{done}"
    );
    let list = accounts(&db);
    assert_eq!(list.len(), 18);
    // Whoever has reports manages; the others are members.
    assert!(
        list.iter()
            .any(|l| l.contains("lina.park@acme.io\tmanager"))
    );
    assert!(
        list.iter()
            .any(|l| l.contains("kofi.mensah@acme.io\tmember"))
    );

    let again = stdout(import(&db, &[MESSY, "--apply"]).success());
    assert!(
        again.contains("0 added, 0 changed, 18 unchanged"),
        "{again}"
    );
    assert!(again.contains("Nothing to change: the app already matches the file."));

    let json = stdout(import(&db, &[MESSY, "--format", "json"]).success());
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["unchanged"], 18);
    assert_eq!(v["applied"], false);
}

#[test]
fn ten_thousand_rows_with_three_bad_ones_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let mut csv = String::from("Name,Email,Title,Manager Email,Team\n");
    for i in 0..10_000 {
        let email = match i {
            9_990 => String::new(),          // row 9,992: no email
            9_997 => "p5@co.example".into(), // row 9,999: a repeat
            _ => format!("p{i}@co.example"),
        };
        let manager = match i {
            0 => String::new(),
            5_000 => "nobody@co.example".into(), // row 5,002
            _ => format!("p{}@co.example", (i - 1) / 8),
        };
        writeln!(
            csv,
            "Person {i},{email},Product Manager,{manager},Squad {}",
            i % 40
        )
        .unwrap();
    }
    let path = dir.path().join("roster.csv");
    std::fs::write(&path, csv).unwrap();
    let out = stdout(import(&db, &[path.to_str().unwrap(), "--apply"]).code(2));
    assert!(
        out.contains("Rows that cannot be imported (fix them in the file and run again) (3):"),
        "{out}"
    );
    assert!(out.contains("row 9992, email: is empty"), "{out}");
    assert!(out.contains(
        "row 5002, manager: `nobody@co.example` is not the email or employee number of anyone"
    ));
    assert!(out.contains("row 9999, email: `p5@co.example` is already the email of row 7"));
    assert!(out.contains("Nothing was written: 3 rows cannot be imported."));
    assert!(accounts(&db).is_empty(), "nothing is half-written");
}

#[test]
fn a_roster_that_cannot_be_read_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    let path = dir.path().join("no-title.csv");
    std::fs::write(&path, "Name;Email\nAda;ada@x.io\n").unwrap();
    import(&db, &[path.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("no column holds the title"))
        .stderr(predicate::str::contains("--map title="));
    let path = dir.path().join("no-email.csv");
    std::fs::write(&path, "Name,Title\nAda,PM\n").unwrap();
    import(&db, &[path.to_str().unwrap()])
        .code(2)
        .stderr(predicate::str::contains("the roster has no email column"));
    import(&db, &[MESSY, "--threshold", "1.5"])
        .code(2)
        .stderr(predicate::str::contains(
            "`1.5` is not a number from 0 to 1",
        ));
}

#[test]
fn a_workbook_imports_and_missing_people_leave_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = db(&dir);
    import(&db, &[MESSY, "--apply"]).success();
    let out = stdout(import(&db, &[WORKBOOK, "--apply"]).success());
    assert!(out.contains("12 added"), "{out}");
    assert_eq!(accounts(&db).len(), 30);
    // The workbook again, deactivating everyone else.
    let out = stdout(import(&db, &[WORKBOOK, "--apply", "--deactivate-missing"]).success());
    assert!(out.contains("18 deactivated"), "{out}");
    assert!(out.contains("Maya Chen <maya.chen@acme.io>"));
    let former = accounts(&db)
        .iter()
        .filter(|l| l.ends_with("(former)"))
        .count();
    assert_eq!(former, 18);
    // One comes back by hand.
    ladder()
        .args([
            "user",
            "reactivate",
            "--email",
            "maya.chen@acme.io",
            "--db",
            &db,
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Maya Chen <maya.chen@acme.io> is active again",
        ));
    ladder()
        .args([
            "user",
            "deactivate",
            "--email",
            "nobody@acme.io",
            "--db",
            &db,
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no account has the email `nobody@acme.io`",
        ));
}
