//! Fuzzes the title resolver: any string must resolve without panicking, to a
//! confidence within 0..=1, with an area taken from the title, and to valid JSON.
#![no_main]

use ladder_core::resolve::{Resolver, Scratch, write_json};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|title: &str| {
    let resolver = Resolver::embedded();
    let mut scratch = Scratch::default();
    let r = resolver.resolve(title, &mut scratch);
    assert!((0.0..=1.0).contains(&r.confidence));
    if let Some(area) = r.area {
        assert!(title.contains(area));
    }
    let mut out = Vec::new();
    write_json(&mut out, resolver, &r, None, None);
    assert!(std::str::from_utf8(&out).is_ok());
});
