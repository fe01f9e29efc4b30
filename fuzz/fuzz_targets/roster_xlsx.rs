//! Fuzzes the .xlsx roster reader: any bytes must give a roster or one
//! error, never a panic (the workbook's zip and XML are calamine's; the
//! cells-to-text rules and the header search are ours).
#![no_main]

use ladder_core::roster::{HeaderMap, read_xlsx};
use libfuzzer_sys::fuzz_target;

/// libFuzzer aborts on any panic, from its own panic hook. A panic inside
/// calamine (the workbook's reader, not ours) is caught by `read_xlsx` and
/// becomes an error, so it is let through; any other panic still aborts.
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

fuzz_target!(|bytes: &[u8]| {
    third_party_panics_are_caught();
    if let Ok(roster) = read_xlsx(bytes, &HeaderMap::default()) {
        for p in roster.people() {
            assert!(!p.title.is_empty() && !p.name.is_empty());
        }
    }
});
