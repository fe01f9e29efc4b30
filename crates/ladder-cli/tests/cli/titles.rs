//! `ladder` end to end: title and titles: one title, and streams of them.

use super::*;

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
    assert_eq!(rows[1]["function"], "design");
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
            "4 titles: 1 product management, 1 adjacent, 0 engineering, 0 design, 2 other; 1 with errors;",
        ));
    let out = run!(0, "titles", "--format", "table", "-q", "valid-small.toml");
    assert!(out.contains("Title") && out.contains("Role"));
}
