//! `ladder org` end to end: a roster file in, the report out in every
//! format, bad rosters refused with exit code 2.

use predicates::prelude::*;

use crate::ladder;

const STARTUP: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../ladder-core/tests/data/rosters/startup-12.csv"
);

#[test]
fn the_startup_report_in_every_format() {
    let out = ladder()
        .args(["org", STARTUP, "--as-of", "2026-12-01"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with("12 people, compared with a startup, by the roster's head-count of 12."),
        "{text}"
    );
    assert!(
        text.contains("PM to engineer 1:2 (2 IC product managers, 4 IC engineers, 1 IC designer;")
    );
    assert!(text.contains("Hana Sato <hana@acme.io> — Director of Product [no-reports]"));

    let json = ladder()
        .args(["org", STARTUP, "--as-of", "2026-12-01", "--format", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["ratio"]["engineers_per_pm"], 2.0);
    assert_eq!(v["ratio"]["written"], "1:2");
    assert_eq!(v["flags"].as_array().unwrap().len(), 5);

    ladder()
        .args([
            "org",
            STARTUP,
            "--as-of",
            "2026-12-01",
            "--format",
            "markdown",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("| Product management | 2 | 2 |"));
    ladder()
        .args(["org", STARTUP, "--as-of", "2026-12-01", "--format", "html"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("<!doctype html>"))
        .stdout(predicate::str::contains("<svg").count(3))
        .stdout(predicate::str::contains("Hana Sato"));
    ladder()
        .args(["org", STARTUP, "--as-of", "2026-12-01", "--format", "csv"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "finding,row,name,email,title,reason\n",
        ))
        .stdout(predicate::str::contains(
            "no-reports,13,Hana Sato,hana@acme.io,Director of Product,",
        ));
}

#[test]
fn a_spreadsheet_roster_reads_as_its_csv() {
    let xlsx = STARTUP.replace(".csv", ".xlsx");
    let report = |path: &str| {
        let out = ladder()
            .args(["org", path, "--as-of", "2026-12-01", "--format", "json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let mut v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        // Row numbers differ (the sheet has a title above its table).
        for f in v["flags"].as_array_mut().unwrap() {
            f["person"]["row"] = 0.into();
        }
        v
    };
    let (a, b) = (report(&xlsx), report(STARTUP));
    assert_eq!(a["flags"], b["flags"]);
    assert_eq!(a["functions"], b["functions"]);
    assert_eq!(a["spans"]["by_layer"], b["spans"]["by_layer"]);
}

#[test]
fn a_bigger_company_size_changes_the_flags() {
    // At an enterprise a VP is a VP: no re-levelling.
    let out = ladder()
        .args([
            "org",
            STARTUP,
            "--as-of",
            "2026-12-01",
            "--company-size",
            "enterprise",
            "--format",
            "json",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["size"]["id"], "enterprise");
    assert!(
        v["flags"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["kind"] != "relevelled")
    );
}

#[test]
fn bad_rosters_say_what_to_do_and_exit_2() {
    ladder()
        .args(["org", "-"])
        .write_stdin("Name,Dept\nAda,R&D\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no column holds the title"))
        .stderr(predicate::str::contains("--map title="));
    ladder()
        .args(["org", "no-such-roster.csv"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no-such-roster.csv: cannot read the roster",
        ));
    ladder()
        .args(["org", "people.xls"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "save the sheet as .xlsx or as CSV",
        ));
    ladder()
        .args(["org", STARTUP, "--as-of", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--as-of `yesterday` is not a date",
        ));
    // Rows left out: listed, exit 0; with --strict, exit 1.
    let roster = "name,email,title,manager\nAna,ana@x.io,VP of Product,\nBo,bo@x.io,Product Manager,nobody@x.io\n";
    ladder()
        .args(["org", "-"])
        .write_stdin(roster)
        .assert()
        .success()
        .stdout(predicate::str::contains("row 3, manager: `nobody@x.io` is not the email or employee number of anyone in the roster (row left out)"));
    ladder()
        .args(["org", "-", "--strict"])
        .write_stdin(roster)
        .assert()
        .code(1);
}
