//! The roster reader on exports written as HR systems write them: a
//! byte-order mark, semicolons, split names, blank lines, bad rows.

use super::*;

fn read(text: &str) -> Roster {
    read_csv(text.as_bytes(), &HeaderMap::default()).unwrap()
}

#[test]
fn a_messy_export_is_read_and_each_bad_row_named() {
    // A byte-order mark, semicolons, split names, a quoted title with the
    // delimiter in it, a blank line, a row without a title, a bad date.
    let text = "\u{feff}Employee #;First Name;Last Name;Work Email;Business Title;Reports To;Hire Date\n\
                1;Ada;Lovelace;ADA@x.io;VP of Product;;2019-01-07\n\
                2;Grace;Hopper;grace@x.io;\"Product Manager; Growth\";ada@x.io;31.03.2024\n\
                \n\
                3;Linus;;linus@x.io;;ada@x.io;2020-01-01\n\
                4;;;;Senior PM;ada@x.io;03/04/2024\n";
    let r = read(text);
    assert_eq!(r.len(), 2, "{:?}", r.problems);
    let ada = r.person(0);
    assert_eq!((ada.row, ada.name), (2, "Ada Lovelace"));
    assert_eq!(ada.email, Some("ada@x.io"));
    assert_eq!(ada.employee_id, Some("1"));
    assert_eq!(r.person(1).title, "Product Manager; Growth");
    assert_eq!(r.person(1).manager, Some("ada@x.io"));
    let seen: Vec<String> = r.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        seen,
        [
            "row 5, title: is empty; every person needs a job title (row left out)",
            "row 6, name: is empty and there is no email to name the person by (row left out)",
        ]
    );
}

#[test]
fn a_bad_date_drops_the_date_not_the_person() {
    let r = read("name,title,start date\nAda,PM,03/04/2024\n");
    assert_eq!(r.len(), 1);
    assert_eq!(r.person(0).start, None);
    assert_eq!(r.problems.len(), 1);
    assert!(
        r.problems[0]
            .to_string()
            .contains("row 2, start_date: `03/04/2024` is not a date")
    );
    assert!(!r.problems[0].left_out);
}

#[test]
fn a_file_without_titles_or_rows_is_refused_with_its_columns() {
    let e = read_csv(&b"Name,Dept\nAda,R&D\n"[..], &HeaderMap::default()).unwrap_err();
    assert!(e.to_string().contains("the columns are Name, Dept"), "{e}");
    assert_eq!(
        read_csv(&b""[..], &HeaderMap::default()),
        Err(RosterError::Empty)
    );
    assert_eq!(
        read_csv(&b"\n\n"[..], &HeaderMap::default()),
        Err(RosterError::Empty)
    );
}

#[test]
fn tabs_are_a_delimiter_too() {
    let r = read("Name\tJob Title\tManager\nAda\tCPO\t\nBo\tPM\tAda\n");
    assert_eq!(r.len(), 2);
    assert_eq!(r.person(1).manager, Some("Ada"));
}

#[test]
fn rows_are_the_lines_an_editor_shows() {
    // CRLF endings, blank lines, a quoted title over two lines, a row of
    // only delimiters, and no newline at the end.
    let text = "name,title,email\r\n\r\nAda,CPO,a@x.io\r\n,,\r\nBo,\"Product\nManager\",b@x.io\r\n\r\n\r\nCy,,c@x.io\r\nDi,PM,d@x.io";
    let r = read(text);
    let rows: Vec<(u64, &str)> = r.people().map(|p| (p.row, p.title)).collect();
    assert_eq!(rows, [(3, "CPO"), (5, "Product\nManager"), (10, "PM")]);
    assert_eq!(r.problems[0].row, 9);
}

#[test]
fn a_stream_read_in_small_pieces_reads_as_a_whole() {
    // A reader that hands out three bytes at a time: records, quotes and
    // line ends cut anywhere.
    let text = "Name;Title;Manager\n\nAda;\"VP; Product\";\nBo;PM;Ada\n\"Cy \"\"C\"\"\";PM;Ada\n";
    let whole = read(text);
    let small = read_csv(
        std::io::BufReader::with_capacity(3, text.as_bytes()),
        &HeaderMap::default(),
    )
    .unwrap();
    assert_eq!(whole, small);
    assert_eq!(small.person(2).name, "Cy \"C\"");
    assert_eq!(small.person(2).row, 5);
}

#[test]
fn names_split_in_two_are_joined_and_emails_lower_cased() {
    let r = read(
        "First Name,Last Name,Email,Title\nAda,Lovelace,ADA@X.IO,CPO\n,Hopper,ÉVA@X.IO,PM\n,,bob,PM\n",
    );
    assert_eq!(r.person(0).name, "Ada Lovelace");
    assert_eq!(r.person(0).email, Some("ada@x.io"));
    assert_eq!(r.person(1).name, "Hopper");
    assert_eq!(r.person(1).email, Some("éva@x.io"));
    // No name and an email that is not one: named by what was written.
    assert_eq!(r.person(2).name, "bob");
    assert_eq!(r.person(2).email, None);
}

#[test]
fn a_mark_after_blank_lines_is_text_however_the_file_arrives() {
    // Found by the fuzzer: blank lines, then a byte-order mark.
    let bytes = b"\n\n\n\xEF\xBB\xBF";
    let whole = read_csv(&bytes[..], &HeaderMap::default());
    for piece in [1, 2, 3, 5] {
        let pieces = read_csv(
            std::io::BufReader::with_capacity(piece, &bytes[..]),
            &HeaderMap::default(),
        );
        assert_eq!(whole, pieces, "{piece} bytes at a time");
    }
    // And a roster behind blank lines still counts its rows from the top,
    // and its delimiter is found from its header.
    let r = read("\n\r\nname;title\nAda;CPO\n");
    assert_eq!((r.person(0).row, r.person(0).title), (4, "CPO"));
}

#[test]
fn cells_a_spreadsheet_would_run_are_quoted() {
    assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
    assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(spreadsheet_safe("-1+1"), "'-1+1");
    assert_eq!(spreadsheet_safe("Ada Lovelace"), "Ada Lovelace");
}

#[test]
fn a_delimiter_inside_a_character_is_a_bad_cell_not_a_panic() {
    // `EF , BB BF`: without the comma the record would be valid UTF-8, but
    // its cells are not (found by the roster_csv fuzz target).
    let bytes = b"Name,Email,Title\nDev Pate\xEF,\xBB\xBF@x.io,PM\nAda,ada@x.io,PM\n";
    let whole = read_csv(&bytes[..], &HeaderMap::default()).unwrap();
    let pieces = read_csv(
        std::io::BufReader::with_capacity(5, &bytes[..]),
        &HeaderMap::default(),
    )
    .unwrap();
    assert_eq!(whole, pieces);
    assert_eq!(whole.person(whole.len() - 1).name, "Ada");
    assert!(
        whole.problems.iter().any(|p| p.row == 2),
        "{:?}",
        whole.problems
    );
}
