//! Fuzzes the assessment reader (TOML and JSON) against the built-in ladder:
//! any text must give an assessment or diagnostics, never a panic; an accepted
//! assessment must produce a report and a gap plan for every role.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let ladder = ladder_core::embedded::ladder();
    if let Ok(a) = ladder_core::assess::parse(text, ladder) {
        let _ = ladder_core::assess::report(ladder, &a);
        let levels = ladder_core::assess::levels(ladder, &a);
        for role in &ladder.roles {
            let _ = ladder_core::assess::gap_plan(ladder, &levels, role.id.as_str());
        }
    }
});
