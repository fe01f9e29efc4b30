//! Issue 10: companies' own ladders through every command, with snapshots.
//!
//! Three fixtures under `tests/fixtures/companies`, written for these tests
//! in the shapes companies keep: Lumen's plain matrix (a 1–4 scale, several
//! criteria per cell, level codes, nothing else) in two editions a year
//! apart, and Northwind's framework (three job families with their own
//! competencies, a 7-step scale on one competency, sparse expectations, pay
//! by zone, weighted points).

use super::*;

const LUMEN: &str = "companies/lumen-2026.toml";
const LUMEN_2025: &str = "companies/lumen-2025.toml";
const NORTHWIND: &str = "companies/northwind-families.toml";

/// `ladder ARGS…` in the fixtures folder: its exit code and stdout.
fn output(args: &[&str]) -> (i32, String) {
    let out = ladder()
        .current_dir(fixture(""))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn every_company_fixture_is_valid() {
    for file in [LUMEN, LUMEN_2025, NORTHWIND] {
        let (code, _) = output(&["check", file]);
        assert_eq!(code, 0, "{file}");
    }
}

#[test]
fn a_role_shows_every_criterion_of_its_cells_in_the_ladder_s_words() {
    let text = run!(0, "role", "--ladder", LUMEN, "senior-pm");
    // Discovery at level 3: three criteria of the cell and one carried up
    // from level 1, on the ladder's own 1–4 scale and names.
    for line in [
        "Discovery: Guiding (level 3 of 1–4)",
        "· Talks to customers every week and writes down what they said.",
        "· Runs discovery that spans several teams' areas.",
        "· Teaches the team's designers and engineers to interview.",
        "· Finds a problem nobody asked about and proves it matters.",
        "Level code       P3",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    assert!(!text.contains("0–5"), "{text}");
    insta::assert_snapshot!("lumen_role_senior_pm", text);
}

#[test]
fn a_role_of_one_family_lists_only_the_competencies_it_is_assessed_on() {
    let text = run!(0, "role", "--ladder", NORTHWIND, "pricing-manager");
    assert!(
        text.contains("Price modelling: Decides (level 5 of 1–7)"),
        "{text}"
    );
    assert!(!text.contains("Roadmapping"), "{text}");
    assert!(!text.contains("Building teams"), "{text}");
    assert!(
        text.contains("Job family       Pricing & monetisation"),
        "{text}"
    );
    assert!(
        text.contains("London: 60,000–75,000 GBP; Lisbon: 45,000–56,000 EUR"),
        "{text}"
    );
    insta::assert_snapshot!("northwind_role_pricing_manager", text);
}

#[test]
fn compare_shows_level_names_and_every_criterion_of_the_higher_level() {
    let text = run!(0, "compare", "--ladder", LUMEN, "pm", "senior-pm");
    assert!(text.contains("2 Independent"), "{text}");
    assert!(text.contains("3 Guiding ↑"), "{text}");
    assert!(text.contains("Teaches the team's designers and engineers to interview."));
    assert!(!text.contains("(0–5)"), "{text}");
    insta::assert_snapshot!("lumen_compare_pm_senior_pm", text);
}

#[test]
fn assess_and_gap_read_the_ladder_s_scale() {
    let a = "companies/lumen-assessment.toml";
    let text = run!(0, "assess", "--ladder", LUMEN, a);
    assert!(text.contains("not rated"), "{text}");
    insta::assert_snapshot!("lumen_assess", text);
    let text = run!(0, "gap", "--ladder", LUMEN, a, "--to", "senior-pm");
    assert!(
        text.contains("Delivery: from 2 Independent to 3 Guiding"),
        "{text}"
    );
    insta::assert_snapshot!("lumen_gap_senior_pm", text);
}

#[test]
fn comparing_raters_leaves_out_what_only_one_of_them_rated() {
    let text = run!(
        0,
        "assess",
        "--ladder",
        LUMEN,
        "--compare",
        "companies/lumen-assessment.toml",
        "companies/lumen-manager.toml"
    );
    // Three competencies both rated; data and stakeholders were rated by
    // one each and are neither agreements nor disagreements.
    assert!(
        text.contains("1 of the 3 competencies both rated are rated the same"),
        "{text}"
    );
    assert!(
        text.contains("Rated by one of them only: Working with stakeholders, Using data."),
        "{text}"
    );
    insta::assert_snapshot!("lumen_assess_compare", text);
}

#[test]
fn diff_of_two_editions_sees_expectations_criteria_and_removed_competencies() {
    let (code, text) = output(&["diff", LUMEN_2025, LUMEN, "--exit-code"]);
    assert_eq!(code, 1, "{text}");
    for needle in [
        "expectations.pm",
        "2 → 1",
        "Tests the riskiest assumption before the team builds.",
        "Writing (writing)",
        "Leading → Guiding",
        "Lead Product Manager (lead-pm)",
    ] {
        assert!(text.contains(needle), "{needle}\n{text}");
    }
    insta::assert_snapshot!("lumen_diff_2025_2026", text);
    let (code, json) = output(&["diff", LUMEN_2025, LUMEN, "--format", "json"]);
    assert_eq!(code, 0);
    let changes = super::json(&json);
    assert_eq!(changes.as_array().map(Vec::len), Some(13), "{json}");
    let (code, text) = output(&["diff", LUMEN, LUMEN, "--exit-code"]);
    assert_eq!((code, text.trim()), (0, "No differences."));
}

#[test]
fn titles_and_level_codes_of_the_file_resolve_to_its_roles() {
    for (title, role) in [
        ("P3", "senior-pm"),
        ("Sr. Product Manager", "senior-pm"),
        ("Lead Product Manager", "lead-pm"),
        ("Associate Product Manager", "associate-pm"),
    ] {
        let text = run!(0, "title", "--ladder", LUMEN, "--format", "json", title);
        assert_eq!(super::json(&text)["role"], role, "{title}: {text}");
    }
    for (title, role) in [
        ("IC3", "senior-pm"),
        ("PR2", "pricing-manager"),
        ("Monetisation Manager", "pricing-manager"),
        ("M2", "director"),
    ] {
        let text = run!(0, "title", "--ladder", NORTHWIND, "--format", "json", title);
        assert_eq!(super::json(&text)["role"], role, "{title}: {text}");
    }
}

#[test]
fn the_site_has_the_whole_matrix_and_the_diagram_has_a_column_per_family() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    run!(
        0, "render", "--ladder", NORTHWIND, "--format", "html", "--out", out
    );
    let matrix = std::fs::read_to_string(dir.path().join("competencies.html"))
        .unwrap()
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    // Every criterion of the file, including cells no role expects.
    let file = std::fs::read_to_string(fixture(NORTHWIND)).unwrap();
    let criteria: Vec<&str> = file
        .lines()
        .filter_map(|l| l.split("text = \"").nth(1))
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(criteria.len(), 33);
    for c in &criteria {
        assert!(matrix.contains(c), "{c} is not on the matrix page");
    }
    assert!(matrix.contains("Changes how the market prices the category."));
    let svg = std::fs::read_to_string(dir.path().join("ladder.svg")).unwrap();
    for family in [
        "Product management",
        "Pricing &amp; monetisation",
        "Product leadership",
    ] {
        assert!(svg.contains(&format!(">{family}</text>")), "{family}");
    }
    // pm → pricing manager crosses families, and is drawn so.
    assert!(
        svg.contains("e lateral cross-family"),
        "the move into the pricing family is drawn as a crossing"
    );
    let role = std::fs::read_to_string(dir.path().join("roles/pricing-manager.html")).unwrap();
    for needle in [
        "<dt>Level code</dt><dd>PR2</dd>",
        "<dt>Job family</dt><dd>Pricing &#38; monetisation</dd>",
        "<dt>Pay in London</dt>",
    ] {
        assert!(role.contains(needle), "{needle}");
    }
    let index = std::fs::read_to_string(dir.path().join("index.html")).unwrap();
    assert!(!index.contains("Product organisations"));
    assert!(!index.contains("override them"));
}

#[test]
fn a_family_mistake_is_one_error_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ladder.toml");
    let text = std::fs::read_to_string(fixture(NORTHWIND))
        .unwrap()
        .replace(
            "expectations = { pricing-analyst = 3, pricing-manager = 5 }",
            "expectations = { pricing-analyst = 3, pricing-manager = 5, pm = 2 }",
        )
        .replacen("family = \"pricing\"\ntier", "family = \"prcing\"\ntier", 1);
    std::fs::write(&file, text).unwrap();
    let out = ladder().arg("check").arg(&file).assert().code(2);
    let out = out.get_output();
    let err = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(err.matches("error:").count(), 2, "{err}");
    assert!(err.contains("no family has the id `prcing`"), "{err}");
    assert!(err.contains("did you mean `pricing`?"), "{err}");
    assert!(
        err.contains(
            "Price modelling belongs to the family `pricing`, but `pm` is in the family `product`"
        ),
        "{err}"
    );
}

#[test]
fn markdown_site_pages_of_a_company_ladder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    run!(
        0, "render", "--ladder", LUMEN, "--format", "markdown", "--out", out
    );
    let page = std::fs::read_to_string(dir.path().join("competencies.md")).unwrap();
    insta::assert_snapshot!("lumen_competencies_md", page);
}

#[test]
fn a_move_into_another_family_lists_its_new_competencies_as_new_at_this_step() {
    let text = run!(0, "compare", "--ladder", NORTHWIND, "pm", "pricing-manager");
    assert!(
        text.contains("Price modelling  ┆ not assessed    ┆ 5 Decides (new at this step)"),
        "{text}"
    );
    assert!(
        text.contains("Sets the prices of a product line."),
        "{text}"
    );
    // What the pricing role is not assessed on is shown, not counted as a rise.
    assert!(
        text.contains("Roadmapping      ┆ 3 Skilled       ┆ not assessed "),
        "{text}"
    );
    let md = run!(
        0,
        "compare",
        "--ladder",
        NORTHWIND,
        "pm",
        "pricing-manager",
        "--format",
        "markdown"
    );
    assert!(
        md.contains("| Price modelling | not assessed | 5 Decides (new) |"),
        "{md}"
    );
}

/// Issue 10: the commands not covered above, on each company ladder, in
/// one snapshot per ladder: the roles table (with the ladder's codes and
/// families, without an empty scope column), a route, a simulation at a
/// neutral pace (the ladders give no promotion profiles), the lint report,
/// and `ladder company`, which says why a ladder without sizes has none.
#[test]
fn every_other_command_runs_on_each_company_ladder() {
    for (file, from, to, name) in [
        (LUMEN, "associate-pm", "lead-pm", "lumen_2026"),
        (LUMEN_2025, "associate-pm", "senior-pm", "lumen_2025"),
        (NORTHWIND, "apm", "director", "northwind"),
    ] {
        let mut all = String::new();
        for args in [
            vec!["roles", "--ladder", file],
            vec!["roles", "--ladder", file, "--format", "markdown"],
            vec!["path", "--ladder", file, "--from", from, "--to", to],
            vec![
                "simulate", "--ladder", file, "--from", from, "--to", to, "--runs", "2000",
            ],
            vec!["lint", file],
            vec!["company", "--ladder", file, "--size", "300"],
        ] {
            let out = ladder()
                .current_dir(fixture(""))
                .args(&args)
                .output()
                .unwrap();
            all.push_str(&format!(
                "$ ladder {}  (exit {})\n{}{}\n",
                args.join(" "),
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        assert!(!all.contains("it has: \n"), "{all}");
        assert!(!all.contains("(0 years)"), "{all}");
        insta::assert_snapshot!(format!("every_command_{name}"), all);
    }
}

/// "the ladder has: " with nothing after it is gone: a ladder without
/// promotion profiles says so, and one with several lists them.
#[test]
fn simulate_names_the_profiles_a_ladder_has_or_says_it_has_none() {
    let out = ladder()
        .current_dir(fixture(""))
        .args([
            "simulate",
            "--ladder",
            LUMEN,
            "--from",
            "pm",
            "--to",
            "lead-pm",
            "--company",
            "startup",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("the ladder has no promotion profiles ([[simulation.companies]]), so `startup` is not one; leave --company out"), "{err}");
    let out = ladder()
        .args(["simulate", "--from", "pm", "--to", "vp"])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains(
            "choose how the company promotes with --company: startup, scaleup, enterprise"
        ),
        "{err}"
    );
}
