//! Fuzzes the .xlsx roster reader: any bytes must give a roster or one
//! error, never a panic (the workbook's zip and XML are calamine's; the
//! cells-to-text rules and the header search are ours).
#![no_main]

use ladder_core::roster::{HeaderMap, read_xlsx};
use libfuzzer_sys::fuzz_target;

#[path = "calamine_panics.rs"]
mod calamine_panics;

fuzz_target!(|bytes: &[u8]| {
    calamine_panics::let_through();
    if let Ok(roster) = read_xlsx(bytes, &HeaderMap::default()) {
        for p in roster.people() {
            assert!(!p.title.is_empty() && !p.name.is_empty());
        }
    }
});
