//! Property tests of the title resolver: any string in, a sane resolution out.

use ladder_core::resolve::{Function, Resolver, Scratch, write_json};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_title_resolves_sanely(title in "\\PC{0,80}") {
        let r = Resolver::embedded();
        let mut scratch = Scratch::default();
        let res = r.resolve(&title, &mut scratch);
        prop_assert!((0.0..=1.0).contains(&res.confidence));
        if let Some(area) = res.area {
            // The area is a piece of the title as written.
            prop_assert!(title.contains(area));
        }
        prop_assert!(res.alternatives().len() <= 3);
        if res.role == 0 {
            // `other`: outside product management, perhaps engineering or design.
            prop_assert!(matches!(
                res.function,
                Function::Other | Function::Engineering | Function::Design
            ));
        } else {
            prop_assert!(!res.leads, "only rules of role `other` say whether a title leads people");
        }
        let mut out = Vec::new();
        write_json(&mut out, r, &res, None, None);
        let v: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON");
        prop_assert_eq!(v["title"].as_str(), Some(title.as_str()));
    }

    /// Case and surrounding spaces never change the role.
    #[test]
    fn case_and_spacing_do_not_matter(title in "[A-Za-z .,&-]{0,50}") {
        let r = Resolver::embedded();
        let mut s = Scratch::default();
        let a = r.resolve(&title, &mut s).role;
        let upper = title.to_uppercase();
        let spaced = format!("  {}  ", title.to_lowercase());
        prop_assert_eq!(a, r.resolve(&upper, &mut s).role);
        prop_assert_eq!(a, r.resolve(&spaced, &mut s).role);
    }
}

#[test]
fn the_scratch_memo_is_per_resolver() {
    // A scratch reused with another resolver must not carry typo answers over.
    let a = Resolver::embedded().clone();
    let b = Resolver::embedded().clone();
    let mut s = Scratch::default();
    assert_eq!(a.role_id(a.resolve("Prodcut Manager", &mut s).role), "pm");
    assert_eq!(b.role_id(b.resolve("Prodcut Manager", &mut s).role), "pm");
}
