//! Fuzzes the spreadsheet ladder reader (`ladder import`): any bytes, read
//! as an .xlsx workbook and as CSV text standing for every sheet at once,
//! must give a ladder or errors, never a panic. A ladder that reads must
//! pass through validation and be written back out as a workbook.
#![no_main]

use ladder_core::sheets::{self, SHEETS, Workbook};
use libfuzzer_sys::fuzz_target;

#[path = "calamine_panics.rs"]
mod calamine_panics;

/// Reads a workbook as a ladder and, when it is one, validates it and
/// writes it back out.
fn exercise(book: &Workbook) {
    if let Ok(ladder) = sheets::from_workbook(book) {
        let _ = ladder_core::validate::validate(&ladder);
        let again = sheets::to_workbook(&ladder);
        let _ = sheets::from_workbook(&again);
    }
}

fuzz_target!(|bytes: &[u8]| {
    calamine_panics::let_through();
    if let Ok(book) = sheets::xlsx::read(bytes) {
        exercise(&book);
    }
    let book = Workbook {
        sheets: SHEETS
            .iter()
            .filter_map(|l| sheets::csv::read(l.name, bytes).ok())
            .collect(),
    };
    exercise(&book);
});
