//! `ladder` end to end: assess and gap, and the assessment schema.

use super::*;

// ---- assess / gap ---------------------------------------------------------------

fn docs(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../docs/examples")
        .join(name)
}

#[test]
fn assess_places_and_shows_the_next_step() {
    let out = ladder()
        .arg("assess")
        .arg(docs("assessment-self.toml"))
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    insta::assert_snapshot!("assess_self", text);
    let v = json(
        &String::from_utf8(
            ladder()
                .arg("assess")
                .arg(docs("assessment-self.toml"))
                .args(["--format", "json"])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone(),
        )
        .unwrap(),
    );
    assert_eq!(v["placement"], "pm");
    let next = v["next"].as_array().unwrap();
    let senior = next.iter().find(|n| n["role"] == "senior-pm").unwrap();
    assert_eq!(
        (senior["ready"].as_bool(), senior["below"].as_u64()),
        (Some(false), Some(5))
    );
    assert!(senior["checklist"].as_array().unwrap().len() >= 5);
}

#[test]
fn assess_rejects_bad_files_at_their_positions() {
    let out = run!(2, "assess", "bad-assessment.toml");
    assert_eq!(out, "");
    let err = ladder()
        .current_dir(fixture(""))
        .args(["assess", "bad-assessment.toml"])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    for line in [
        "bad-assessment.toml:2:8: error: no role has the id `senoir-pm` [unknown-role]",
        "bad-assessment.toml:8:1: error: no competency has the id `prioritsation` [unknown-competency]",
        "bad-assessment.toml:9:16: error: rating 9 is off the scale of Data and metrics [bad-rating]",
    ] {
        assert!(err.contains(line), "missing {line:?} in\n{err}");
    }
    assert!(err.contains("did you mean `prioritisation`?"));
}

#[test]
fn assess_reads_json_too_and_places_json_errors() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("a.json");
    std::fs::write(&good, r#"{"person": "Di", "role": "apm", "date": "2026-10-01", "rater": "peer", "ratings": {"execution": 2, "prioritisation": {"level": 2, "evidence": ["Kept the backlog in order."]}}}"#).unwrap();
    let v = json(
        &String::from_utf8(
            ladder()
                .arg("assess")
                .arg(&good)
                .args(["--format", "json"])
                .assert()
                .success()
                .get_output()
                .stdout
                .clone(),
        )
        .unwrap(),
    );
    assert_eq!(v["rater"], "peer");
    let bad = dir.path().join("b.json");
    std::fs::write(&bad, "{\"person\": \"Di\", \"role\": \"apm\", \"date\": \"2026-10-01\",\n \"rater\": \"peer\", \"ratings\": {\"vission\": 2}}").unwrap();
    ladder()
        .arg("assess")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "b.json:2:31: error: no competency has the id `vission`",
        ));
}

#[test]
fn assess_compares_two_raters() {
    let out = ladder()
        .arg("assess")
        .arg("--compare")
        .arg(docs("assessment-self.toml"))
        .arg(docs("assessment-manager.toml"))
        .args(["--format", "json"])
        .assert()
        .success();
    let v = json(&String::from_utf8(out.get_output().stdout.clone()).unwrap());
    let rows = v["competencies"].as_array().unwrap();
    assert_eq!(rows.len(), 12);
    let diffs: Vec<i64> = rows
        .iter()
        .map(|r| r["difference"].as_i64().unwrap().abs())
        .collect();
    assert!(
        diffs.windows(2).all(|w| w[0] >= w[1]),
        "largest disagreement first: {diffs:?}"
    );
    let collab = rows
        .iter()
        .find(|r| r["competency"] == "collaboration")
        .unwrap();
    assert_eq!(
        (
            collab["first"].as_u64(),
            collab["second"].as_u64(),
            collab["difference"].as_i64()
        ),
        (Some(4), Some(3), Some(-1))
    );
}

#[test]
fn gap_gives_the_moves_that_qualify() {
    let out = ladder()
        .arg("gap")
        .arg(docs("assessment-self.toml"))
        .args(["--to", "senior-pm", "--format", "json"])
        .assert()
        .success();
    let v = json(&String::from_utf8(out.get_output().stdout.clone()).unwrap());
    let moves = v["moves"].as_array().unwrap();
    assert_eq!(moves.len(), 5);
    assert!(
        moves.iter().all(|m| m["to"].as_u64() > m["from"].as_u64()
            && !m["evidence"].as_array().unwrap().is_empty())
    );
    let out = ladder()
        .arg("gap")
        .arg(docs("assessment-self.toml"))
        .args(["--to", "pm"])
        .assert()
        .success();
    assert!(
        String::from_utf8_lossy(&out.get_output().stdout)
            .contains("already meets every expectation of pm")
    );
    ladder()
        .arg("gap")
        .arg(docs("assessment-self.toml"))
        .args(["--to", "coo"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no competency expectations"));
}

#[test]
fn assess_asks_in_the_terminal_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cy.toml");
    // Name, role (a typo first), rater, date, then 12 ratings (one out of range) with evidence.
    let mut answers = String::from("Cy Example\nsenoir\napm\nmanager\n2026-11-20\n");
    for i in 0..12 {
        if i == 0 {
            answers.push_str("9\n");
        }
        answers.push_str(&format!("{}\nnote {i}\n", i % 3));
    }
    ladder()
        .args(["assess", "--out"])
        .arg(&path)
        .write_stdin(answers)
        .assert()
        .success()
        .stderr(predicate::str::contains("no role `senoir`"));
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("person = \"Cy Example\"") && saved.contains("rater = \"manager\""));
    ladder().arg("assess").arg(&path).assert().success();
    // Input that ends early saves nothing.
    let early = dir.path().join("early.toml");
    ladder()
        .args(["assess", "--out"])
        .arg(&early)
        .write_stdin("Dee\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nothing was saved"));
    assert!(!early.exists());
}

#[test]
fn the_assessment_schema_is_the_shipped_one() {
    let out = run!(0, "schema", "assessment");
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/assessment.schema.json"),
    )
    .unwrap();
    assert_eq!(
        out, shipped,
        "docs/assessment.schema.json is stale: run `ladder schema assessment > docs/assessment.schema.json`"
    );
}
