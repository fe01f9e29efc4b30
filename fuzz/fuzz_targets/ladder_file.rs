//! Fuzzes the ladder-file reader: any bytes that are UTF-8 go through parsing,
//! validation and lint, as `ladder lint` does with a company's file. It must never
//! panic, and a file without errors must always yield a ladder.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let checked = ladder_core::check(text, true);
        assert_eq!(checked.ladder.is_some(), !checked.diagnostics.has_errors());
        for d in &checked.diagnostics.0 {
            let _ = d.render("fuzz.toml");
        }
    }
});
