//! Round trips (ladder → workbook → ladder, through .xlsx and CSV bytes
//! too) on the built-in ladder and on company-shaped ones, and the errors a
//! person's own workbook gets.

use super::*;
use crate::diff::diff;
use crate::model::Ladder;

fn builtin() -> Ladder {
    crate::embedded::ladder().clone()
}

fn company(name: &str) -> Ladder {
    let path = format!(
        "{}/../ladder-cli/tests/fixtures/companies/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    crate::file::parse(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn the_same(a: &Ladder, b: &Ladder) {
    let changes = diff(a, b);
    assert!(changes.is_empty(), "{changes:#?}");
    assert_eq!(a, b);
}

#[test]
fn every_ladder_comes_back_unchanged_from_its_workbook() {
    for l in [
        builtin(),
        company("lumen-2025"),
        company("lumen-2026"),
        company("northwind-families"),
    ] {
        let back = from_workbook(&to_workbook(&l)).unwrap();
        the_same(&l, &back);
    }
}

#[test]
fn through_xlsx_bytes_too() {
    for l in [builtin(), company("northwind-families")] {
        let bytes = xlsx::write(&to_workbook(&l)).unwrap();
        let back = from_workbook(&xlsx::read(&bytes).unwrap()).unwrap();
        the_same(&l, &back);
    }
}

#[test]
fn through_csv_files_too() {
    for l in [builtin(), company("lumen-2026")] {
        let book = Workbook {
            sheets: to_workbook(&l)
                .sheets
                .iter()
                .map(|s| csv::read(&s.name, &csv::write(s)).unwrap())
                .collect(),
        };
        the_same(&l, &from_workbook(&book).unwrap());
    }
}

#[test]
fn the_sheets_are_the_layouts_in_order() {
    let book = to_workbook(&builtin());
    let names: Vec<&str> = book.sheets.iter().map(|s| s.name.as_str()).collect();
    let layouts: Vec<&str> = SHEETS.iter().map(|s| s.name).collect();
    assert_eq!(names, layouts);
}

/// A small workbook as a person might type it.
fn typed() -> Workbook {
    let s = |name: &str, rows: &[&[&str]]| {
        Sheet::new(
            name,
            rows.iter()
                .map(|r| r.iter().map(|c| (*c).to_owned()).collect())
                .collect(),
        )
    };
    Workbook {
        sheets: vec![
            s(
                "ladder",
                &[
                    &["Field", "Value"],
                    &["name", "Acme PM"],
                    &["version", "2027.1"],
                ],
            ),
            s(
                "Roles",
                &[
                    &["ID", "Title", "Tier", "Track", "Code"],
                    &["pm", "Product Manager", "mid", "IC", "P2"],
                    &[],
                    &["senior-pm", "Senior Product Manager", "Tenured", "ic", "P3"],
                ],
            ),
            s(
                "Moves",
                &[
                    &["from", "to", "kind", "years"],
                    &["pm", "senior-pm", "promotion", "2-3"],
                ],
            ),
            s(
                "Scale",
                &[
                    &["level", "name"],
                    &["1", "Learning"],
                    &["2", "Doing"],
                    &["3", "Leading"],
                ],
            ),
            s(
                "Competencies",
                &[&["id", "name"], &["discovery", "Discovery"]],
            ),
            s(
                "Criteria",
                &[
                    &["competency", "Level 1", "level 2", "level 3"],
                    &[
                        "discovery",
                        "Joins interviews",
                        "Runs interviews\nand above: Shares notes",
                        "Coaches others",
                    ],
                ],
            ),
            s(
                "Expectations",
                &[
                    &["competency", "pm", "senior-pm"],
                    &["discovery", "2", "3.0"],
                ],
            ),
        ],
    }
}

#[test]
fn a_typed_workbook_reads_whatever_the_case_of_its_headers() {
    let l = from_workbook(&typed()).unwrap();
    assert_eq!(l.roles.len(), 2);
    assert_eq!(l.roles[1].code.as_deref(), Some("P3"));
    let c = &l.competencies.items[0];
    assert_eq!(c.expectations["senior-pm"], 3);
    assert_eq!(c.criteria_texts(3), ["Shares notes", "Coaches others"]);
    assert_eq!(l.transitions[0].years.as_ref().unwrap().max, Some(3.0));
    assert!(
        crate::validate::validate(&l).iter().all(|d| !d.is_error()),
        "{:?}",
        crate::validate::validate(&l)
    );
}

fn errors(book: &Workbook) -> Vec<String> {
    from_workbook(book)
        .unwrap_err()
        .0
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn each_mistake_is_one_error_at_its_sheet_row_and_column() {
    let mut book = typed();
    book.sheets[1].rows[3][2] = "senoir".into();
    book.sheets[6].rows[1][2] = "high".into();
    book.sheets[5].rows[0].push("Level four".into());
    book.sheets[2].rows[1][3] = "a few".into();
    let found = errors(&book);
    assert_eq!(
        found,
        [
            "sheet Roles, row 4, column \"tier\": `senoir` is not a tier; use one of entry, mid, tenured, leadership, executive, beyond, adjacent",
            "sheet Moves, row 2, column \"years\": `a few` is not a range of numbers; write it like 1-3, 10+ or 5, with (default) after it for a number no source gives",
            "sheet Criteria, row 1, column \"Level four\": a column of the matrix is headed `level N` (level 1, level 2…)",
            "sheet Expectations, row 2, column \"senior-pm\": `high` is not a level; write a whole number from 0 to 255",
        ],
        "{found:#?}"
    );
}

#[test]
fn unknown_and_missing_columns_and_blank_required_cells_are_named() {
    let mut book = typed();
    book.sheets[1].rows[0][3] = "Trak".into();
    book.sheets[4].rows.push(vec!["".into(), "Delivery".into()]);
    let found = errors(&book);
    assert!(
        found.contains(&"sheet Roles, row 1: unknown column \"Trak\"; the sheet's columns are: id, title, code, family, tier, track, aliases, summary, reports to, manages, experience years, experience, education, responsibilities, skills, job description themes, notes, scope, scope text, scope sources, planning horizon months, planning horizon text, planning horizon sources, salary, salary currency, salary notes".to_owned()),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|e| e.starts_with("sheet Roles, row 1: the header lacks \"track\"")),
        "{found:#?}"
    );
    assert!(
        found.contains(
            &"sheet Competencies, row 3, column \"id\": id must be filled in (the row is skipped)"
                .to_owned()
        ),
        "{found:#?}"
    );
}

#[test]
fn a_workbook_without_roles_says_what_sheets_it_needs() {
    let book = Workbook {
        sheets: vec![Sheet::new("Sheet1", vec![vec!["a".into()]])],
    };
    let found = errors(&book);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].contains("no sheet called Roles (it has: Sheet1)"),
        "{found:?}"
    );
}

#[test]
fn references_to_unknown_competencies_are_named() {
    let mut book = typed();
    book.sheets[5].rows[1][0] = "discvoery".into();
    let found = errors(&book);
    assert_eq!(
        found,
        [
            "sheet Criteria, row 2, column \"competency\": no competency has the id `discvoery` on the Competencies sheet"
        ]
    );
}

#[test]
fn garbage_is_an_error_not_a_panic() {
    assert!(xlsx::read(b"not a zip").is_err());
    let bad_utf8 = csv::read("roles", b"id,title\n\xff\xfe,x\n").unwrap_err();
    assert!(
        bad_utf8.to_string().starts_with("roles.csv: line 2"),
        "{bad_utf8}"
    );
}

#[test]
fn the_documented_layout_is_the_layout() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/spreadsheets.md"
    ))
    .unwrap();
    for layout in SHEETS {
        let line = doc
            .lines()
            .find(|l| l.starts_with(&format!("| {} |", layout.name)))
            .unwrap_or_else(|| panic!("docs/spreadsheets.md lacks the sheet {}", layout.name));
        let columns = line.rsplit('|').nth(1).unwrap();
        let listed: Vec<&str> = columns.split(", ").map(str::trim).collect();
        for c in layout.columns {
            let spelled = if layout.required.contains(c) {
                format!("**{c}**")
            } else {
                (*c).to_owned()
            };
            assert!(
                listed
                    .iter()
                    .any(|l| *l == spelled || l.starts_with(&format!("{spelled} "))),
                "docs/spreadsheets.md, sheet {}: column {spelled} is missing from {columns}",
                layout.name
            );
        }
    }
}
