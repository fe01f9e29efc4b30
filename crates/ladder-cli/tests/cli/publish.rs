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

// ---- render -----------------------------------------------------------------

#[test]
fn render_writes_a_linked_static_site() {
    let dir = tempfile::tempdir().unwrap();
    ladder()
        .args(["render", "--format", "html", "--out"])
        .arg(dir.path())
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 49 file(s)")); // index, 19 roles, 27 moves, svg, css
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
