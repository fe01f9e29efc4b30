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
    assert_eq!(r.people.len(), 2, "{:?}", r.problems);
    let ada = &r.people[0];
    assert_eq!((ada.row, ada.name.as_str()), (2, "Ada Lovelace"));
    assert_eq!(ada.email.as_deref(), Some("ada@x.io"));
    assert_eq!(ada.employee_id.as_deref(), Some("1"));
    assert_eq!(r.people[1].title, "Product Manager; Growth");
    assert_eq!(r.people[1].manager.as_deref(), Some("ada@x.io"));
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
    assert_eq!(r.people.len(), 1);
    assert_eq!(r.people[0].start, None);
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
    let e = read_csv(b"Name,Dept\nAda,R&D\n", &HeaderMap::default()).unwrap_err();
    assert!(e.to_string().contains("the columns are Name, Dept"), "{e}");
    assert_eq!(
        read_csv(b"", &HeaderMap::default()),
        Err(RosterError::Empty)
    );
    assert_eq!(
        read_csv(b"\n\n", &HeaderMap::default()),
        Err(RosterError::Empty)
    );
}

#[test]
fn tabs_are_a_delimiter_too() {
    let r = read("Name\tJob Title\tManager\nAda\tCPO\t\nBo\tPM\tAda\n");
    assert_eq!(r.people.len(), 2);
    assert_eq!(r.people[1].manager.as_deref(), Some("Ada"));
}
