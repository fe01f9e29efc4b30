//! Rosters kept as spreadsheets (.xlsx): the first sheet, read with
//! `calamine`, its cells turned into the text a CSV export would hold, and
//! then the same header and row rules as a CSV (see the parent module).
//!
//! Spreadsheets store what CSV spells out: employee numbers as numbers
//! (`1042.0` is written `1042`), dates as serial days since 1899-12-30
//! (written as ISO days), formulas' cached values. Row numbers are the
//! sheet's own, as the spreadsheet program shows them.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use time::{Date, Duration};

use super::store::Cell;
use super::{Columns, HeaderMap, Roster, RosterError};

/// Rows searched for the header.
const HEADER_SEARCH: usize = 10;

/// The text of a cell, as a CSV export would write it.
pub(crate) fn text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            serial_day(d.as_f64()).map_or_else(|| d.as_f64().to_string(), |d| d.to_string())
        }
    }
}

/// The day of a spreadsheet's serial date (days since 1899-12-30).
fn serial_day(serial: f64) -> Option<Date> {
    let epoch = Date::from_calendar_date(1899, time::Month::December, 30).ok()?;
    if !(0.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    epoch.checked_add(Duration::days(serial.floor() as i64))
}

/// The first sheet's cells, read by calamine. A workbook calamine cannot
/// read is an error; so is one that makes it panic (a cell reference of
/// many letters overflows its column arithmetic in builds with overflow
/// checks), so an uploaded file can never take the reader down.
fn first_sheet(bytes: &[u8]) -> Result<calamine::Range<Data>, RosterError> {
    let read = std::panic::catch_unwind(|| -> Result<_, RosterError> {
        let mut book: Xlsx<_> =
            Xlsx::new(Cursor::new(bytes)).map_err(|e| RosterError::Workbook(e.to_string()))?;
        book.worksheet_range_at(0)
            .ok_or(RosterError::Empty)?
            .map_err(|e| RosterError::Workbook(e.to_string()))
    });
    read.unwrap_or_else(|_| {
        Err(RosterError::Workbook(
            "its sheet could not be read".to_owned(),
        ))
    })
}

/// Reads a roster from the first sheet of an .xlsx workbook.
pub fn read_xlsx(bytes: &[u8], map: &HeaderMap) -> Result<Roster, RosterError> {
    let range = first_sheet(bytes)?;
    let first_row = u64::from(range.start().map_or(0, |(r, _)| r)) + 1;
    let rows: Vec<Vec<String>> = range.rows().map(|r| r.iter().map(text).collect()).collect();
    // The header is the first row that names the columns: sheets often have
    // a title and a blank row above the table.
    let mut first_error = None;
    let mut found = None;
    for (i, r) in rows.iter().enumerate().take(HEADER_SEARCH) {
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let headers: Vec<&str> = r.iter().map(|h| h.trim()).collect();
        match Columns::find(&headers, map) {
            Ok(c) => {
                found = Some((i, c));
                break;
            }
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    let Some((header_at, columns)) = found else {
        return Err(first_error.unwrap_or(RosterError::Empty));
    };
    let mut out = Roster::with_capacity(rows.len());
    out.set_columns(&columns);
    for (i, cells) in rows.iter().enumerate().skip(header_at + 1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let row = first_row + i as u64;
        out.add_row(|c| cells.get(c).map(|t| Cell::Text(t)), row, &columns)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workbook_that_makes_calamine_panic_is_an_error() {
        // A cell reference of many letters overflows calamine's column
        // arithmetic where overflow is checked (found by the fuzz target).
        let bytes = include_bytes!("../../tests/data/rosters/overflowing-cell-reference.xlsx");
        match read_xlsx(bytes, &HeaderMap::default()) {
            Err(RosterError::Workbook(_)) | Ok(_) => {}
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    #[test]
    fn a_sheet_with_a_title_row_numbers_and_dates_reads_as_its_csv() {
        let book = include_bytes!("../../tests/data/rosters/startup-12.xlsx");
        let r = read_xlsx(book, &HeaderMap::default()).unwrap();
        let csv = super::super::read_csv(
            &include_bytes!("../../tests/data/rosters/startup-12.csv")[..],
            &HeaderMap::default(),
        )
        .unwrap();
        assert!(r.problems.is_empty(), "{:?}", r.problems);
        assert_eq!(r.len(), 12);
        // The header is row 3 of the sheet; Maya is row 4.
        assert_eq!((r.person(0).row, r.person(0).name), (4, "Maya Chen"));
        // Employee numbers stored as numbers read as whole numbers; an email
        // in capitals reads in lower case; dates read as days.
        assert_eq!(r.person(0).employee_id, Some("1000"));
        for (a, b) in r.people().zip(csv.people()) {
            assert_eq!(
                (a.name, a.email, a.title, a.manager, a.start),
                (b.name, b.email, b.title, b.manager, b.start)
            );
        }
    }

    #[test]
    fn serial_days_are_calendar_days() {
        assert_eq!(serial_day(45000.0).unwrap().to_string(), "2023-03-15");
        assert_eq!(serial_day(45000.75).unwrap().to_string(), "2023-03-15");
        assert_eq!(serial_day(-1.0), None);
    }

    #[test]
    fn bytes_that_are_not_a_workbook_are_refused_with_what_to_do() {
        let e = read_xlsx(b"name,title\nAda,PM\n", &HeaderMap::default()).unwrap_err();
        assert!(e.to_string().contains("export it as CSV"), "{e}");
    }
}
