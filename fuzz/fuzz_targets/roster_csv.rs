//! Fuzzes the roster reader and org analytics: any bytes must give a roster
//! (people and row problems) or one error, never a panic; a roster read must
//! analyse against the built-in ladder, with every row either counted or
//! reported. The reader streams, so the same bytes handed over five at a
//! time must read exactly as they do whole (records, quotes and line ends
//! cut anywhere).
#![no_main]

use std::collections::HashMap;

use ladder_core::org::{OrgOptions, analyse};
use ladder_core::resolve::Resolver;
use ladder_core::roster::{HeaderMap, parse_day, read_csv};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let whole = read_csv(bytes, &HeaderMap::default());
    let pieces = read_csv(
        std::io::BufReader::with_capacity(5, bytes),
        &HeaderMap::default(),
    );
    assert_eq!(whole, pieces);
    let Ok(roster) = whole else {
        return;
    };
    let options = OrgOptions {
        as_of: parse_day("2026-12-01").unwrap(),
        size: None,
        placements: HashMap::new(),
        titles: Default::default(),
        runs: 100,
    };
    let ladder = ladder_core::embedded::ladder();
    let report = analyse(ladder, Resolver::embedded(), &roster, &options).unwrap();
    assert!(report.people <= roster.len());
});
