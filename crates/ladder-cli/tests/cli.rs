//! End-to-end tests of the `ladder` binary: every command, good and bad input,
//! exact `FILE:LINE:COL` of each error, and the exit codes 0 / 1 / 2.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn ladder() -> Command {
    let mut cmd = Command::cargo_bin("ladder").unwrap();
    cmd.env_remove("LADDER_FILE").env("NO_COLOR", "1");
    cmd
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `ladder ARGS…` in the fixtures folder (so paths in messages are short)
/// and checks its exit code; returns stdout.
macro_rules! run {
    ($code:expr, $($arg:expr),+ $(,)?) => {{
        let out = ladder().current_dir(fixture("")).args([$($arg),+]).assert().code($code);
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }};
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

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
            .contains(&Value::from("003_bbd58305733158c7.txt"))
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
        .stderr(predicate::str::contains(
            "unknown track `manager`; use one of: ic, management, off-ramp, adjacent",
        ));
}

#[test]
fn role_shows_everything_and_suggests_on_typos() {
    let out = run!(0, "role", "director");
    for needle in [
        "Director of Product (director)",
        "Responsibilities",
        "→ vp (promotion",
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
        .stderr("valid-small.toml: valid, 3 roles, 2 transitions, 0 warning(s)\n");
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

#[test]
fn the_format_doc_lists_every_diagnostic_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let doc = std::fs::read_to_string(root.join("docs/ladder-format.md")).unwrap();
    let mut sources = String::new();
    for f in [
        "validate.rs",
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

// ---- title / titles -----------------------------------------------------------

fn titles_jsonl(args: &[&str], stdin: &[u8]) -> Vec<Value> {
    let out = ladder()
        .args(args)
        .write_stdin(stdin.to_vec())
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone())
        .unwrap()
        .lines()
        .map(json)
        .collect()
}

#[test]
fn title_resolves_one_title_with_company_size() {
    let v = json(&run!(0, "title", "Sr. PM, Growth", "--format", "json"));
    assert_eq!(
        (
            v["role"].as_str(),
            v["area"].as_str(),
            v["seniority_modifier"].as_str()
        ),
        (Some("senior-pm"), Some("Growth"), Some("senior"))
    );
    let v = json(&run!(
        0,
        "title",
        "Director of Product",
        "--company-size",
        "20",
        "--format",
        "json"
    ));
    assert_eq!(v["role"], "director");
    assert_eq!(v["effective_role"], "senior-pm");
    assert!(
        v["effective_reason"]
            .as_str()
            .unwrap()
            .starts_with("Startup: ")
    );
    let out = run!(0, "title", "Chief People Officer");
    assert!(out.contains("role          other"), "{out}");
}

#[test]
fn titles_jsonl_from_stdin_is_the_public_contract() {
    let input = "Senior Product Manager\nProduct Designer\n\nVP Product\nProgram Manager\n";
    let rows = titles_jsonl(&["titles", "--format", "jsonl", "-q"], input.as_bytes());
    let roles: Vec<&str> = rows.iter().map(|r| r["role"].as_str().unwrap()).collect();
    assert_eq!(
        roles,
        ["senior-pm", "other", "other", "vp", "program-manager"]
    );
    for (r, title) in rows.iter().zip(input.lines()) {
        assert_eq!(r["title"], title);
        assert!(r["function"].is_string() && r["confidence"].is_number());
    }
    assert_eq!(rows[1]["function"], "other");
    assert_eq!(rows[2]["error"], "blank title");
    assert_eq!(rows[2]["confidence"], 0.0);
    assert_eq!(rows[4]["function"], "adjacent");
}

#[test]
fn titles_keep_one_record_per_line_through_bom_crlf_and_bad_bytes() {
    let input = b"\xEF\xBB\xBFProduct Manager\r\nCaf\xe9 PM\r\n\r\nHead of Product";
    let rows = titles_jsonl(&["titles", "-q"], input);
    assert_eq!(rows.len(), 4);
    assert_eq!(rows[0]["title"], "Product Manager");
    assert_eq!(rows[1]["error"], "line 2 is not valid UTF-8");
    assert_eq!(rows[1]["role"], "other");
    assert_eq!(rows[2]["error"], "blank title");
    assert_eq!(rows[3]["role"], "director");
}

#[test]
fn titles_read_a_csv_column_with_quotes_and_embedded_newlines() {
    let csv = b"\xEF\xBB\xBFid,Job Title,headcount\r\n1,\"Senior Product Manager, \"\"Payments\"\"\",50000\r\n2,\"Head of\nProduct\",12\r\n3,\xff,30\r\n4,Director of Product,lots\r\n";
    let out = ladder()
        .args([
            "titles",
            "--column",
            "Job Title",
            "--company-size-column",
            "headcount",
            "--format",
            "csv",
            "-q",
        ])
        .write_stdin(csv.to_vec())
        .assert()
        .success();
    // The input row is copied byte for byte, its bad bytes included: nothing is lost.
    let stdout = out.get_output().stdout.clone();
    assert!(stdout.windows(3).any(|w| w == b"3,\xff"));
    let text = String::from_utf8_lossy(&stdout);
    let mut reader = csv_rows(&text);
    let header = reader.remove(0);
    assert_eq!(&header[..4], ["id", "Job Title", "headcount", "role"]);
    assert_eq!(reader.len(), 4);
    assert_eq!(
        (reader[0][3].as_str(), reader[0][7].as_str()),
        ("senior-pm", "Payments")
    );
    assert_eq!(
        (
            reader[1][1].as_str(),
            reader[1][3].as_str(),
            reader[1][9].as_str()
        ),
        ("Head of\nProduct", "director", "senior-pm")
    );
    assert_eq!(reader[2][11], "row 4: the title is not valid UTF-8");
    assert_eq!(
        (reader[3][3].as_str(), reader[3][11].as_str()),
        (
            "director",
            "row 5: company size `lots` matches no company-size profile"
        )
    );
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    // A tiny CSV reader for the test: quotes, doubled quotes, newlines in quotes.
    let (mut rows, mut row, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    rows
}

#[test]
fn titles_report_a_missing_column_with_the_ones_there_are() {
    ladder()
        .args(["titles", "--column", "Title"])
        .write_stdin("name,Job Title\nAnn,PM\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the CSV header has no column `Title` (--column); its columns are: name, Job Title",
        ));
    ladder()
        .args(["titles", "--company-size-column", "n"])
        .write_stdin("x\n")
        .assert()
        .code(2);
}

#[test]
fn titles_keep_input_order_with_many_threads_and_chunks() {
    // Over 1 MiB of input, so it spans several chunks resolved out of order.
    let base = [
        "Senior Product Manager",
        "Product Designer",
        "Head of Product",
        "Chef de Produit",
        "PM Shift Supervisor",
    ];
    let input: String = (0..60_000)
        .map(|i| format!("{} {i}\n", base[i % base.len()]))
        .collect();
    assert!(input.len() > 1 << 20);
    let one = titles_jsonl(&["titles", "--threads", "1", "-q"], input.as_bytes());
    let four = titles_jsonl(&["titles", "--threads", "4", "-q"], input.as_bytes());
    assert_eq!(one.len(), 60_000);
    assert_eq!(one, four);
    for (i, r) in four.iter().enumerate() {
        assert_eq!(r["title"], format!("{} {i}", base[i % base.len()]));
    }
}

#[test]
fn titles_summary_and_table() {
    ladder()
        .args(["titles"])
        .write_stdin("Product Manager\nProgram Manager\nAccountant\n\n")
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "4 titles: 1 product management, 1 adjacent, 2 other; 1 with errors;",
        ));
    let out = run!(0, "titles", "--format", "table", "-q", "valid-small.toml");
    assert!(out.contains("Title") && out.contains("Role"));
}

// ---- path / simulate ----------------------------------------------------------

#[test]
fn path_json_is_the_public_contract() {
    let v = json(&run!(
        0, "path", "--from", "apm", "--to", "director", "--format", "json"
    ));
    let routes = v["routes"].as_array().unwrap();
    assert!(routes.len() >= 3);
    let mut last = 0.0;
    for r in routes {
        let steps = r["steps"].as_array().unwrap();
        assert_eq!(steps[0]["from"], "apm");
        assert_eq!(steps.last().unwrap()["to"], "director");
        let total: f64 = steps.iter().map(|s| s["years_min"].as_f64().unwrap()).sum();
        assert!(total + 1e-9 >= last, "fastest first");
        last = total;
        for s in steps {
            assert!(s["years_min"].as_f64().unwrap() <= s["years_max"].as_f64().unwrap());
        }
    }
    let bg = json(&run!(
        0,
        "path",
        "--background",
        "new-grad",
        "--to",
        "pm",
        "--format",
        "json"
    ));
    assert_eq!(bg["routes"][0]["steps"][0]["from"], "background:new-grad");
    let out = run!(
        0,
        "path",
        "--from",
        "pm",
        "--to",
        "vp",
        "--company",
        "startup"
    );
    assert!(out.starts_with("Routes from pm to vp (startup companies), fastest first"));
    ladder()
        .args([
            "path",
            "--from",
            "pm",
            "--to",
            "vp",
            "--company",
            "megacorp",
        ])
        .assert()
        .code(2);
    ladder().args(["path", "--to", "vp"]).assert().code(2);
    ladder()
        .args(["path", "--background", "astronaut", "--to", "vp"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("new-grad"));
}

#[test]
fn simulate_json_is_the_public_contract_and_reproducible() {
    let args = [
        "simulate",
        "--from",
        "apm",
        "--to",
        "director",
        "--company",
        "enterprise",
        "--runs",
        "100000",
        "--seed",
        "1",
        "--format",
        "json",
    ];
    let a = run!(
        0, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8],
        args[9], args[10], args[11], args[12]
    );
    let b = run!(
        0, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8],
        args[9], args[10], args[11], args[12]
    );
    assert_eq!(a, b, "the same seed gives the same output");
    let v = json(&a);
    let (p10, p50, p90) = (
        v["p10"].as_f64().unwrap(),
        v["p50"].as_f64().unwrap(),
        v["p90"].as_f64().unwrap(),
    );
    assert!(p10 <= p50 && p50 <= p90);
    for k in ["5", "10", "20"] {
        let s = v["reached_share"][k].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&s), "{k}: {s}");
    }
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("h.svg");
    let out = ladder()
        .args([
            "simulate",
            "--from",
            "pm",
            "--to",
            "vp",
            "--company",
            "startup",
            "--runs",
            "2000",
            "--out",
        ])
        .arg(&svg)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("Years to get there"));
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg "));
    ladder()
        .args([
            "simulate",
            "--from",
            "pm",
            "--to",
            "vp",
            "--company",
            "startup",
            "--runs",
            "0",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--runs must be at least 1"));
    ladder()
        .args([
            "simulate",
            "--from",
            "pm",
            "--to",
            "vp",
            "--company",
            "mega",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("startup, scaleup, enterprise"));
}

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
        "bad-assessment.toml:9:16: error: rating 9 is off the scale [bad-rating]",
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
fn path_markdown_snapshot() {
    insta::assert_snapshot!(
        "path_apm_director_md",
        run!(
            0, "path", "--from", "apm", "--to", "director", "--format", "markdown"
        )
    );
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
