//! Issue 10, item 2: a ladder file without a `[resolver]` table resolves its
//! own titles, aliases and their everyday variants (abbreviations, "Sr.",
//! accents, an area after a comma) to its own roles, with the built-in
//! vocabulary, and keeps titles that are another role apart.

use ladder_core::resolve::{Resolver, Scratch};

fn northwind() -> Resolver {
    let text = include_str!("data/ladders/northwind-no-resolver.toml");
    let ladder = ladder_core::file::parse(text).unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        ladder.resolver.rules.is_empty(),
        "the fixture brings no resolver"
    );
    Resolver::new(&ladder).unwrap()
}

#[test]
fn every_title_and_alias_of_the_file_resolves_to_its_role() {
    let r = northwind();
    let mut s = Scratch::default();
    for (title, role) in [
        ("Associate Product Manager", "apm"),
        ("APM", "apm"),
        ("Product Manager", "pm"),
        ("PM", "pm"),
        ("Product Manager II", "pm"),
        ("Senior Product Manager", "senior-pm"),
        ("SPM", "senior-pm"),
        ("Sr. Product Manager", "senior-pm"),
        ("senior product manager", "senior-pm"),
        ("Senior PM, Payments", "senior-pm"),
        ("Pricing Analyst", "pricing-analyst"),
        ("Pricing Manager", "pricing-manager"),
        ("Monetisation Manager", "pricing-manager"),
        ("Senior Pricing Manager", "senior-pricing-manager"),
        ("Sr Pricing Manager", "senior-pricing-manager"),
        ("Head of Product", "head-of-product"),
    ] {
        let got = r.resolve(title, &mut s);
        assert_eq!(r.role_id(got.role), role, "{title}");
        assert!(got.confidence >= 0.9, "{title}: {}", got.confidence);
    }
}

#[test]
fn titles_that_are_another_role_stay_apart() {
    let r = northwind();
    let mut s = Scratch::default();
    for title in [
        "Principal Product Manager",
        "Product Marketing Manager",
        "Director of Pricing",
        "Software Engineer",
        "Pricing",
    ] {
        let got = r.resolve(title, &mut s);
        assert_eq!(r.role_id(got.role), "other", "{title}");
    }
}
