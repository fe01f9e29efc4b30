//! Fuzzes the spreadsheet ladder reader (`ladder import`): any bytes, read
//! as an .xlsx workbook and as CSV text standing for every sheet at once,
//! must give a ladder or errors, never a panic. A ladder that reads must
//! pass through validation and be written back out as a workbook.
#![no_main]

use ladder_core::sheets::{self, SHEETS, Workbook};
use libfuzzer_sys::fuzz_target;

/// A panic inside calamine (the workbook's zip and XML reader, not ours) is
/// caught by `xlsx::read` and becomes an error, so it is let through; any
/// other panic aborts as libFuzzer wants.
fn third_party_panics_are_caught() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            if !in_calamine {
                fuzzer(info);
            }
        }));
    });
}

fn exercise(book: &Workbook) {
    if let Ok(ladder) = sheets::from_workbook(book) {
        let _ = ladder_core::validate::validate(&ladder);
        let again = sheets::to_workbook(&ladder);
        let _ = sheets::from_workbook(&again);
    }
}

fuzz_target!(|bytes: &[u8]| {
    third_party_panics_are_caught();
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
