//! Property tests of the ladder-file parser: any text in, no panic out; every
//! diagnostic placed inside the text; and a ladder written back out reads the same.

use ladder_core::{Ladder, check, embedded, parse};
use proptest::prelude::*;

fn assert_placed(text: &str) {
    let checked = check(text, true);
    let lines = text.split('\n').count().max(1);
    for d in &checked.diagnostics.0 {
        if let Some(loc) = &d.location {
            assert!(
                loc.line >= 1 && loc.line <= lines + 1,
                "{d:?} outside a {lines}-line text"
            );
            assert!(loc.column >= 1);
        }
    }
    assert_eq!(checked.ladder.is_some(), !checked.diagnostics.has_errors());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_text_is_handled(text in "\\PC{0,400}") {
        assert_placed(&text);
    }

    #[test]
    fn toml_like_text_is_handled(text in "(\\[\\[?[a-z_.]{1,12}\\]\\]?\n|[a-z_]{1,10} = (\"[a-z -]{0,12}\"|[0-9]{1,3}|\\[\\]|\\{ ?min = [0-9], max = [0-9] ?\\})\n){0,30}") {
        assert_placed(&text);
    }
}

proptest! {
    // Each case parses a 70 KB file twice; fewer cases keep the suite fast.
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// Cutting the embedded ladder anywhere, or deleting a line of it, never panics.
    #[test]
    fn damaged_ladders_are_handled(cut in 0usize..70_000, line in 0usize..1_500) {
        let text = embedded::TEXT;
        let mut end = cut.min(text.len());
        while !text.is_char_boundary(end) { end -= 1; }
        assert_placed(&text[..end]);
        let without: Vec<&str> = text.lines().enumerate().filter(|(i, _)| *i != line).map(|(_, l)| l).collect();
        assert_placed(&without.join("\n"));
    }
}

#[test]
fn a_ladder_written_back_out_reads_the_same() {
    let original = embedded::ladder();
    let text = toml::to_string_pretty(original).unwrap();
    let back: Ladder = parse(&text).unwrap_or_else(|d| panic!("{}", d.render("round-trip")));
    assert_eq!(&back, original);
    let json = serde_json::to_string(original).unwrap();
    let from_json: Ladder = serde_json::from_str(&json).unwrap();
    assert_eq!(&from_json, original);
}
