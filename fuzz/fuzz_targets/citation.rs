//! Fuzzes the citation spelling (`pmu#14-16`, `hb#page=4`, `hb#levels`) and
//! the article reader with its measures: the first line is a citation, the
//! rest the text of a source. A citation that reads must write back to the
//! same citation; cutting any text into paragraphs, taking any passage of it
//! and measuring any statement against it must not panic, and the share of
//! shared words stays between 0 and 1.
#![no_main]

use ladder_core::article::{Article, support, unsupported_numbers};
use ladder_core::model::Citation;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (first, rest) = text.split_once('\n').unwrap_or((text, ""));
    if let Ok(c) = first.parse::<Citation>() {
        let back: Citation = c
            .to_string()
            .parse()
            .expect("a citation's own spelling reads back");
        assert_eq!(back, c);
        let article = Article::from_text(rest);
        if let Some(p) = &c.passage {
            let _ = article.passage(p);
            let _ = p.describe();
        }
    }
    let share = support(first, rest);
    assert!((0.0..=1.0).contains(&share), "{share}");
    let _ = unsupported_numbers(first, &[rest]);
});
