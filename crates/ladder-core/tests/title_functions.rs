//! The built-in resolver tells engineering and design titles apart from
//! everything else, and whether such a title leads people: what org
//! analytics needs to count PMs against individual-contributor engineers.

use ladder_core::resolve::{Function, Resolver, Scratch};

/// (title, function, leads people).
const CASES: &[(&str, Function, bool)] = &[
    ("Senior Software Engineer", Function::Engineering, false),
    ("Staff Engineer", Function::Engineering, false),
    ("Frontend Developer", Function::Engineering, false),
    ("QA Engineer", Function::Engineering, false),
    ("Engineering Lead", Function::Engineering, false),
    ("Engineering Manager", Function::Engineering, true),
    ("Director of Engineering", Function::Engineering, true),
    ("Head of Engineering", Function::Engineering, true),
    ("VP Engineering", Function::Engineering, true),
    ("CTO", Function::Engineering, true),
    ("Product Designer", Function::Design, false),
    ("Senior UX Designer", Function::Design, false),
    ("Lead Designer", Function::Design, false),
    ("Design Manager", Function::Design, true),
    ("Head of Design", Function::Design, true),
    ("Product Design Manager", Function::Design, true),
    ("Senior Product Manager", Function::ProductManagement, false),
    (
        "Technical Product Manager",
        Function::ProductManagement,
        false,
    ),
    ("Director of Product", Function::ProductManagement, false),
    ("Program Manager", Function::Adjacent, false),
    ("Data Scientist", Function::Other, false),
    ("Chief People Officer", Function::Other, false),
    ("Accountant", Function::Other, false),
];

#[test]
fn engineering_and_design_titles_are_told_apart_with_their_leads() {
    let resolver = Resolver::embedded();
    let mut scratch = Scratch::default();
    let mut wrong = Vec::new();
    for (title, function, leads) in CASES {
        let r = resolver.resolve(title, &mut scratch);
        if (r.function, r.leads) != (*function, *leads) {
            wrong.push(format!(
                "{title}: want {} leads={leads}, got {} leads={}",
                function.as_str(),
                r.function.as_str(),
                r.leads
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
