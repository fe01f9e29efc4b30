//! `ladder` end to end: check and lint: every error of a file at its position, and the format documentation that lists them.

use super::*;

// ---- check / lint ------------------------------------------------------------

#[test]
fn check_accepts_a_valid_file() {
    let out = run!(0, "check", "valid-small.toml");
    assert!(out.is_empty(), "{out}");
    ladder()
        .current_dir(fixture(""))
        .args(["check", "valid-small.toml"])
        .assert()
        .success()
        .stderr(
            "valid-small.toml: valid, 3 roles, 2 transitions; `ladder lint` also looks for style warnings\n",
        );
}

#[test]
fn check_reports_broken_toml_at_its_position() {
    let out = run!(2, "check", "broken-syntax.toml");
    assert!(
        out.starts_with("broken-syntax.toml:7:25: error: invalid basic string"),
        "{out}"
    );
}

#[test]
fn check_reports_every_unknown_key_with_a_suggestion() {
    let out = run!(2, "check", "unknown-key.toml");
    assert_eq!(
        out,
        "unknown-key.toml:10:1: error: unknown key `skils` in `roles[0]` [unknown-key]\n  hint: did you mean `skills`?\n\
         unknown-key.toml:11:51: error: unknown key `source` in `roles[0].responsibilities[0]` [unknown-key]\n  hint: did you mean `sources`?\n"
    );
}

#[test]
fn check_reports_unknown_ids() {
    let out = run!(2, "check", "unknown-id.toml");
    let lines: Vec<&str> = out.lines().filter(|l| !l.starts_with("  ")).collect();
    assert_eq!(
        lines,
        [
            "unknown-id.toml:10:15: error: no role has the id `director` [unknown-role]",
            "unknown-id.toml:20:6: error: no role has the id `senoir-pm` [unknown-role]",
        ]
    );
    assert!(out.contains("did you mean `senior-pm`?"));
}

#[test]
fn check_reports_cycles() {
    let out = run!(2, "check", "cycle.toml");
    assert!(out.starts_with("cycle.toml:22:1: error: promotions go round in a circle: pm → senior-pm → pm [promotion-cycle]"), "{out}");
}

#[test]
fn check_reports_all_errors_of_a_file_at_once() {
    let out = run!(2, "check", "many-errors.toml");
    let heads: Vec<&str> = out
        .lines()
        .filter(|l| !l.starts_with("  "))
        .map(|l| l.split(": error").next().unwrap())
        .collect();
    assert_eq!(
        heads,
        [
            "many-errors.toml:12:6",
            "many-errors.toml:18:6",
            "many-errors.toml:18:6",
            "many-errors.toml:22:41"
        ]
    );
    for code in [
        "[duplicate-id]",
        "[bad-id]",
        "[unreachable-role]",
        "[bad-range]",
    ] {
        assert!(out.contains(code), "{code} missing in\n{out}");
    }
}

#[test]
fn check_goes_on_after_a_bad_or_missing_file() {
    let out = run!(
        2,
        "check",
        "missing.toml",
        "valid-small.toml",
        "cycle.toml",
        "--format",
        "json"
    );
    let reports = json(&out);
    let valid: Vec<bool> = reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["valid"].as_bool().unwrap())
        .collect();
    assert_eq!(valid, [false, true, false]);
    assert_eq!(reports[2]["diagnostics"][0]["location"]["line"], 22);
    assert_eq!(reports[2]["diagnostics"][0]["code"], "promotion-cycle");
}

#[test]
fn check_refuses_invalid_utf8_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    std::fs::write(&path, b"[ladder]\nname = \"Caf\xe9\"\n").unwrap();
    let out = ladder()
        .arg("check")
        .arg(&path)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("latin1.toml:2:12: the file is not UTF-8 text"),
        "{out}"
    );
}

#[test]
fn lint_warns_and_strict_fails() {
    let out = run!(0, "lint", "lint-warnings.toml");
    for (pos, code) in [
        ("14:13", "vague-criterion"),
        ("21:21", "repeated-text"),
        ("34:1", "missing-readiness"),
    ] {
        assert!(
            out.contains(&format!("lint-warnings.toml:{pos}: warning: ")) && out.contains(code),
            "{pos} {code}\n{out}"
        );
    }
    run!(1, "lint", "--strict", "lint-warnings.toml");
    run!(0, "lint", "--strict", "valid-small.toml");
    run!(2, "lint", "--strict", "cycle.toml");
}

#[test]
fn the_built_in_ladder_is_lint_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pm.toml");
    let text = run!(0, "export");
    std::fs::write(&path, &text).unwrap();
    ladder()
        .arg("lint")
        .arg("--strict")
        .arg(&path)
        .assert()
        .success();
}

// ---- documentation ----------------------------------------------------------

#[test]
fn the_format_doc_embeds_the_example_file_verbatim() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let doc = std::fs::read_to_string(root.join("docs/ladder-format.md")).unwrap();
    let example = std::fs::read_to_string(root.join("docs/examples/acme-ladder.toml")).unwrap();
    let block = doc
        .split("```toml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a toml block");
    assert_eq!(
        block, example,
        "docs/ladder-format.md and docs/examples/acme-ladder.toml differ"
    );
    ladder()
        .arg("lint")
        .arg("--strict")
        .arg(root.join("docs/examples/acme-ladder.toml"))
        .assert()
        .success();
}

/// Issue 10.7: the multi-family example uses every table and every field
/// the format has (each property name of the JSON Schema appears in it),
/// and passes `ladder lint --strict`, the pre-issue-10 Acme example too:
/// files valid before company ladders stay valid.
#[test]
fn the_company_example_uses_every_field_of_the_format() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join("docs/examples/northwind-ladder.toml");
    ladder()
        .arg("lint")
        .arg("--strict")
        .arg(&path)
        .assert()
        .success();
    let ladder = ladder_core::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    fn keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, v) in m {
                    out.insert(k.clone());
                    keys(v, out);
                }
            }
            Value::Array(a) => a.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let mut used = std::collections::BTreeSet::new();
    keys(&serde_json::to_value(&ladder).unwrap(), &mut used);
    fn properties(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(props)) = m.get("properties") {
                    out.extend(props.keys().cloned());
                }
                m.values().for_each(|v| properties(v, out));
            }
            Value::Array(a) => a.iter().for_each(|v| properties(v, out)),
            _ => {}
        }
    }
    let mut fields = std::collections::BTreeSet::new();
    properties(&json(&ladder_core::file::json_schema()), &mut fields);
    // Map keys of the format (a role id in `expectations`, a word in the
    // resolver) are the file's own, not fields.
    let missing: Vec<&String> = fields.difference(&used).collect();
    assert!(
        missing.is_empty(),
        "northwind-ladder.toml lacks {missing:?}"
    );
}

#[test]
fn the_format_doc_lists_every_diagnostic_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let doc = std::fs::read_to_string(root.join("docs/ladder-format.md")).unwrap();
    let mut sources = String::new();
    for f in [
        "validate/mod.rs",
        "validate/graph.rs",
        "validate/values.rs",
        "validate/tables.rs",
        "validate/competencies.rs",
        "lint.rs",
        "file/load.rs",
        "resolve/compile.rs",
    ] {
        sources.push_str(
            &std::fs::read_to_string(root.join("crates/ladder-core/src").join(f)).unwrap(),
        );
    }
    // Every `Diagnostic::error("code"` / `Diagnostic::warning("code"` / `toml_error("code"`.
    let mut codes = Vec::new();
    for marker in ["Diagnostic::error(", "Diagnostic::warning(", "toml_error("] {
        for rest in sources.split(marker).skip(1) {
            if let Some(quoted) = rest.trim_start().strip_prefix('"') {
                codes.push(quoted.split('"').next().unwrap().to_owned());
            }
        }
    }
    assert!(codes.len() > 15);
    for code in codes {
        assert!(
            doc.contains(&format!("`{code}`")),
            "docs/ladder-format.md does not explain `{code}`"
        );
    }
}

/// Issue 10: each of these mistakes in a company's competency table gives
/// one error, in words a person writing the file understands (not serde's
/// `expected u8`, not one error per level or per other competency).
#[test]
fn one_mistake_in_the_competencies_gives_one_error_in_words() {
    let built_in = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ladder-core/ladders/product-management.toml");
    let text = std::fs::read_to_string(built_in).unwrap();
    let cell = "expectations = { intern = 1, apm = 1, junior-pm = 2, pm = 2,";
    let cases = [
        (
            text.replacen(cell, &cell.replace("pm = 2,", "pm = \"high\","), 1),
            "found the text \"high\", expected a whole number from 0 to 255",
        ),
        (
            text.replacen(cell, &cell.replace("pm = 2,", "pm = 300,"), 1),
            "found `300`, expected a whole number from 0 to 255",
        ),
        (
            text.replacen(cell, &cell.replace(" pm = 2,", " pmm = 2,"), 1),
            "no role has the id `pmm`",
        ),
        (
            text.replacen(
                "  { level = 0, name = \"Not yet\", summary = \"Not part of the work yet.\" },\n",
                "",
                1,
            ),
            // A scale may start at 1; expectations at 0 are then one error.
            "and 13 more use level 0, but the ladder's scale runs from 1 to 5",
        ),
        (
            text.replacen(
                "  { level = 3, name = \"Proficient\"",
                "  { level = 7, name = \"Proficient\"",
                1,
            ),
            "the ladder's scale has the levels 0, 1, 2, 7, 4, 5; level 7 is where 3 should be",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (changed, words)) in cases.iter().enumerate() {
        assert_ne!(changed, &text, "case {i} changed nothing");
        let file = dir.path().join(format!("case{i}.toml"));
        std::fs::write(&file, changed).unwrap();
        let out = ladder().arg("check").arg(&file).output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.status.code(), Some(2), "case {i}: {all}");
        assert!(all.contains(words), "case {i}: {all}");
        assert_eq!(
            all.matches(": error: ").count(),
            1,
            "case {i}: one error\n{all}"
        );
    }
}

#[test]
fn lint_with_the_sources_text_checks_every_citation_against_its_passage() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ladder.toml");
    ladder()
        .args(["export", "--out"])
        .arg(&file)
        .assert()
        .code(0);
    let lint = |path: &Path| {
        let out = ladder()
            .arg("lint")
            .arg(path)
            .arg("--sources-dir")
            .arg(&seeds)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap()
    };
    let clean = lint(&file);
    for code in ["no-passage", "missing-passage", "unsupported-number"] {
        assert!(
            !clean.contains(code),
            "the built-in ladder has no {code}:\n{clean}"
        );
    }
    // The two notes on which article has a rung, allowed as paraphrases in
    // ladder-core's tests/seed_passages.rs, and nothing else.
    assert_eq!(clean.matches("[weak-support]").count(), 2, "{clean}");
    // One passage past the end of Kalsey's article, placed in the file.
    let text = std::fs::read_to_string(&file).unwrap();
    let planted = text.replacen("\"kalsey#9\"", "\"kalsey#99\"", 1);
    assert_ne!(planted, text);
    std::fs::write(&file, planted).unwrap();
    let out = lint(&file);
    assert!(out.contains("[missing-passage]"), "{out}");
    assert!(
        out.contains("`kalsey#99` points past the end of the source"),
        "{out}"
    );
    assert!(
        out.contains("ladder.toml:"),
        "placed at FILE:LINE:COL:\n{out}"
    );
    ladder()
        .arg("lint")
        .arg(&file)
        .args(["--sources-dir", "no-such-folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no-such-folder: no such folder"));
}
