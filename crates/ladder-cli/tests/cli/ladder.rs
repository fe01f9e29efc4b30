//! `ladder` end to end: roles, role, compare, company and `--ladder`: reading the ladder.

use super::*;

// ---- roles / role -----------------------------------------------------------

#[test]
fn roles_json_is_the_public_contract() {
    let out = run!(0, "roles", "--format", "json");
    let roles = json(&out);
    let roles = roles.as_array().unwrap();
    assert_eq!(roles.len(), 19);
    for r in roles {
        for key in ["id", "title", "tier", "track"] {
            assert!(r[key].is_string(), "{key} in {r}");
        }
        for key in ["responsibilities", "skills", "sources"] {
            assert!(
                r[key].as_array().unwrap().iter().all(Value::is_string),
                "{key} in {r}"
            );
        }
    }
    let pm = roles.iter().find(|r| r["id"] == "pm").unwrap();
    assert_eq!(pm["tier"], "mid");
    assert!(
        pm["sources"]
            .as_array()
            .unwrap()
            .contains(&Value::from("Product Manager Career Ladder")),
        "sources are named by title, never by file name"
    );
}

#[test]
fn roles_table_and_filters() {
    let out = run!(0, "roles");
    assert!(out.contains("senior-pm") && out.contains("Chief Product Officer"));
    let out = run!(0, "roles", "--track", "management", "--format", "json");
    let ids: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["group-pm", "director", "vp", "svp", "cpo"]);
    let out = run!(0, "roles", "--format", "markdown");
    assert!(out.starts_with("| Id | Title |"));
    ladder()
        .args(["roles", "--track", "manager"])
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("invalid value 'manager' for '--track <TRACK>'").and(
                predicate::str::contains("possible values: ic, management, off-ramp, adjacent"),
            ),
        );
}

#[test]
fn role_shows_everything_and_suggests_on_typos() {
    let out = run!(0, "role", "director");
    for needle in [
        "Director of Product (director)",
        "Responsibilities",
        "→ VP of Product (vp), promotion",
        "☐",
        "10+ years",
        "Sources: ",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    let out = run!(0, "role", "vp", "--format", "json");
    assert_eq!(json(&out)["level"], 8);
    let out = run!(0, "role", "cpo", "--format", "markdown");
    assert!(out.starts_with("# Chief Product Officer\n"));
    ladder()
        .args(["role", "senoir-pm"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `senior-pm`?"));
}

#[test]
fn role_sources_prints_each_statement_with_its_article_passage_and_words() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let out = run!(
        0,
        "role",
        "apm",
        "--sources",
        "--sources-dir",
        seeds.to_str().unwrap()
    );
    for needle in [
        "Associate Product Manager (apm): where each statement comes from",
        // Kalsey's paragraph 9 is the associate product manager.
        "— Product Manager Career Ladder, paragraph 9",
        "│ This is a junior position. Entry level, no experience needed",
    ] {
        assert!(out.contains(needle), "missing {needle:?} in\n{out}");
    }
    assert!(
        !out.contains("000_") && !out.contains(".txt"),
        "no file names:\n{out}"
    );
    let out = run!(0, "role", "svp", "--sources");
    assert!(
        out.contains("the ladder's own: no article says this"),
        "{out}"
    );
    assert!(
        out.contains("--sources-dir DIR"),
        "says how to see the words:\n{out}"
    );
    ladder()
        .args([
            "role",
            "apm",
            "--sources",
            "--sources-dir",
            "no-such-folder",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-folder: no such folder"));
    ladder()
        .args(["role", "apm", "--sources-dir", "."])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--sources"));
}

#[test]
fn render_with_the_sources_text_shows_each_passage_on_role_pages() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let out = tempfile::tempdir().unwrap();
    ladder()
        .args(["render", "--out"])
        .arg(out.path())
        .arg("--sources-dir")
        .arg(&seeds)
        .assert()
        .code(0);
    let apm = std::fs::read_to_string(out.path().join("roles/apm.html")).unwrap();
    assert!(apm.contains("<details class=\"passages\">"), "{apm}");
    assert!(apm.contains("This is a junior position. Entry level, no experience needed"));
    ladder()
        .args(["render", "--out"])
        .arg(out.path())
        .args(["--sources-dir", "no-such-folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-folder: no such folder"));
}

// ---- compare ----------------------------------------------------------------

#[test]
fn compare_shows_the_move_and_the_criteria() {
    let out = run!(0, "compare", "pm", "senior-pm");
    assert!(out.contains("A promotion, typically after 2–4 (default) years."));
    assert!(out.contains("Ready when:") && out.contains("Responsibilities: only pm"));
    let c = json(&run!(0, "compare", "apm", "pm", "--format", "json"));
    assert_eq!(c["transition"]["kind"], "promotion");
    assert!(c["readiness"]["criteria"].as_array().unwrap().len() >= 5);
    let out = run!(0, "compare", "cpo", "intern", "--format", "markdown");
    assert!(out.contains("no direct move"));
    ladder().args(["compare", "pm", "nope"]).assert().code(2);
}

// ---- --ladder ---------------------------------------------------------------

#[test]
fn a_company_ladder_replaces_the_built_in_one() {
    let out = run!(
        0,
        "roles",
        "--ladder",
        "valid-small.toml",
        "--format",
        "json"
    );
    let ids: Vec<String> = json(&out)
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["pm", "senior-pm", "head-of-product"]);
    let out = ladder()
        .env("LADDER_FILE", fixture("valid-small.toml"))
        .args(["role", "head-of-product"])
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("Head of Product"));
}

#[test]
fn an_invalid_company_ladder_stops_every_command() {
    ladder()
        .current_dir(fixture(""))
        .args(["roles", "--ladder", "cycle.toml"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "cycle.toml:22:1: error: promotions go round",
        ))
        .stderr(predicate::str::contains(
            "cycle.toml is not a valid ladder file",
        ));
    ladder()
        .args(["roles", "--ladder", "/no/such/file.toml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read /no/such/file.toml"));
}

// ---- company ----------------------------------------------------------------

#[test]
fn company_by_headcount_and_by_profile() {
    let out = run!(0, "company", "--size", "20");
    assert!(out.starts_with("20 employees: Startup"));
    assert!(out.contains("director") && out.contains("senior-pm"));
    let v = json(&run!(
        0,
        "company",
        "--size",
        "enterprise",
        "--format",
        "json"
    ));
    assert_eq!(v["profile"]["id"], "enterprise");
    assert_eq!(v["roles"].as_array().unwrap().len(), 11);
    let out = run!(0, "company", "--size", "500", "--format", "markdown");
    assert!(out.starts_with("# 500 employees: Scale-up"));
    ladder().args(["company", "--size", "huge"]).assert().code(2).stderr(predicate::str::contains(
        "no company-size profile is called `huge`; the ladder has: startup, scaleup, enterprise",
    ));
    ladder()
        .args(["company", "--size", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no company-size profile covers 0 employees",
        ));
}

/// Issue 10: a company's ladder without company sizes is told so, not
/// handed an empty list ("the ladder has: ") or a head-count no profile
/// covers.
#[test]
fn a_ladder_without_company_sizes_says_so() {
    for size in ["enterprise", "30"] {
        ladder()
            .current_dir(fixture(""))
            .args(["company", "--size", size, "--ladder", "valid-small.toml"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "this ladder describes no company sizes, so there is no size to apply",
            ))
            .stderr(predicate::str::contains("the ladder has: ").not());
    }
}

/// Issue 10: a move the ladder gives no time for reads "no time given",
/// not "0 years".
#[test]
fn a_move_without_years_has_no_time_given() {
    let out = run!(
        0,
        "path",
        "--from",
        "pm",
        "--to",
        "head-of-product",
        "--ladder",
        "valid-small.toml"
    );
    assert!(
        out.contains("Senior Product Manager → Head of Product: track switch, no time given"),
        "{out}"
    );
    assert!(!out.contains("0 years"), "{out}");
}
