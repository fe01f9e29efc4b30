//! `ladder` end to end: diff, render, export, schema, completions, man and help.

use super::*;

// ---- diff -----------------------------------------------------------------

#[test]
fn diff_of_a_ladder_with_itself_is_empty() {
    let out = run!(
        0,
        "diff",
        "valid-small.toml",
        "valid-small.toml",
        "--exit-code"
    );
    assert_eq!(out, "No differences.\n");
}

#[test]
fn diff_reports_roles_moves_and_expectations() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.toml");
    let text = std::fs::read_to_string(fixture("valid-small.toml")).unwrap();
    let text = text
        .replace(
            "Owns the roadmap of a whole product line.",
            "Owns the roadmap and P&L of a whole product line.",
        )
        .replace(
            "years = { min = 2, max = 3 }",
            "years = { min = 2, max = 4 }",
        );
    std::fs::write(&new, text).unwrap();
    let out = ladder()
        .arg("diff")
        .arg(fixture("valid-small.toml"))
        .arg(&new)
        .args(["--format", "json", "--exit-code"])
        .assert()
        .code(1);
    let changes = json(&String::from_utf8_lossy(&out.get_output().stdout));
    let summary: Vec<(String, String, String, String)> = changes
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_owned();
            (s("section"), s("item"), s("field"), s("change"))
        })
        .collect();
    let want = |a: &str, b: &str, c: &str, d: &str| {
        (a.to_owned(), b.to_owned(), c.to_owned(), d.to_owned())
    };
    assert_eq!(
        summary,
        [
            want("roles", "senior-pm", "responsibilities", "removed"),
            want("roles", "senior-pm", "responsibilities", "added"),
            want("transitions", "pm → senior-pm", "years.max", "changed"),
        ]
    );
}

#[test]
fn diff_against_the_built_in_ladder() {
    let out = run!(
        0,
        "diff",
        "@embedded",
        "valid-small.toml",
        "--format",
        "markdown"
    );
    assert!(out.contains("| - | roles | cpo |"), "{out}");
    assert!(out.contains("| + | roles | head-of-product |"), "{out}");
}

/// Issue 10: a change of what a role is expected to show (an expectation,
/// an example's words, a competency dropped) is a difference: `--exit-code`
/// exits 1, and the table names the competency and the role.
#[test]
fn diff_sees_competency_expectations_examples_and_removals() {
    let built_in = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ladder-core/ladders/product-management.toml");
    let text = std::fs::read_to_string(&built_in).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.toml");
    let start = text
        .find("[[competencies.items]]\nid = \"market-business\"")
        .unwrap();
    let end = start + 1 + text[start + 1..].find("[[competencies.items]]").unwrap();
    let changed = format!("{}{}", &text[..start], &text[end..])
        .replacen(
            "expectations = { intern = 1, apm = 1, junior-pm = 2, pm = 2, senior-pm = 3,",
            "expectations = { intern = 1, apm = 1, junior-pm = 2, pm = 3, senior-pm = 3,",
            1,
        )
        .replacen(
            "Sits in on customer interviews and writes up",
            "Sits in on customer interviews and summarises",
            1,
        );
    assert_ne!(changed, text);
    std::fs::write(&new, changed).unwrap();
    let out = ladder()
        .arg("diff")
        .arg(&built_in)
        .arg(&new)
        .arg("--exit-code")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}{err}");
    assert!(text.contains("customer-insight"), "{text}");
    assert!(text.contains("expectations.pm"), "{text}");
    assert!(
        text.contains("Market and business knowledge (market-business)"),
        "a removed competency is named, not dumped: {text}"
    );
    assert!(text.contains("summarises"), "{text}");
}

// ---- render -----------------------------------------------------------------

#[test]
fn render_writes_a_linked_static_site() {
    let dir = tempfile::tempdir().unwrap();
    ladder()
        .args(["render", "--format", "html", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 50 file(s)")); // index, 19 roles, 27 moves, the competency matrix, svg, css
    for f in [
        "index.html",
        "style.css",
        "ladder.svg",
        "roles/pm.html",
        "roles/ceo.html",
        "compare/senior-pm--director.html",
    ] {
        assert!(dir.path().join(f).is_file(), "{f}");
    }
    let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(index.contains("<svg ") && !index.contains("<script"));
    for (format, file) in [
        ("markdown", "roles/apm.md"),
        ("json", "roles.json"),
        ("svg", "ladder.svg"),
    ] {
        let d = tempfile::tempdir().unwrap();
        ladder()
            .args(["render", "--format", format, "--out"])
            .arg(d.path())
            .assert()
            .success();
        assert!(d.path().join(file).is_file(), "{format}: {file}");
    }
}

/// Issue 10: a company's ladder that says nothing about product
/// organisations gets no empty "Product organisations" heading.
#[test]
fn render_leaves_out_sections_a_company_ladder_does_not_have() {
    let dir = tempfile::tempdir().unwrap();
    ladder()
        .args(["render", "--format", "html", "--ladder"])
        .arg(fixture("valid-small.toml"))
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(index.contains("<h2 id=\"roles\">Roles</h2>"), "{index}");
    assert!(!index.contains("Product organisations"), "{index}");
    assert!(!index.contains("By company size"), "{index}");
}

#[test]
fn render_refuses_an_unwritable_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    ladder()
        .args(["render", "--out"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot"));
}

// ---- export, schema, completions, man, help ----------------------------------

#[test]
fn export_round_trips() {
    let text = run!(0, "export");
    assert!(text.contains("[[roles]]"));
    let written = run!(0, "export", "--ladder", "valid-small.toml");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("again.toml");
    std::fs::write(&path, written).unwrap();
    ladder()
        .arg("diff")
        .arg(fixture("valid-small.toml"))
        .arg(&path)
        .arg("--exit-code")
        .assert()
        .success();
}

#[test]
fn schema_is_the_shipped_one() {
    let out = run!(0, "schema");
    let shipped = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/ladder.schema.json"),
    )
    .unwrap();
    assert_eq!(
        out, shipped,
        "docs/ladder.schema.json is stale: run `ladder schema > docs/ladder.schema.json`"
    );
}

#[test]
fn completions_and_man_pages() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = run!(0, "completions", shell);
        assert!(out.contains("ladder"), "{shell}");
    }
    let man = run!(0, "man");
    assert!(man.contains(".TH ladder 1"));
    let dir = tempfile::tempdir().unwrap();
    ladder()
        .arg("man")
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    assert!(dir.path().join("ladder-check.1").is_file());
}

#[test]
fn every_command_has_examples_in_its_help() {
    for cmd in [
        "roles",
        "role",
        "compare",
        "check",
        "lint",
        "diff",
        "render",
        "company",
        "export",
        "schema",
        "completions",
        "man",
    ] {
        let out = run!(0, cmd, "--help");
        assert!(
            out.contains("Examples:\n  ladder "),
            "{cmd} --help has no examples"
        );
    }
    run!(2, "no-such-command");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    // `ladder export | head -c1`: the reader goes away while ladder still has more
    // than a pipe buffer (64 KiB) to write; ladder must end quietly with 0.
    use std::io::Read;
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("ladder"))
        .arg("export")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 1];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
