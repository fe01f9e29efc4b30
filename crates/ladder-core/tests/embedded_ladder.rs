//! The embedded ladder is the specification of the domain in data form: these
//! tests hold it to DESIGN.md (every canonical id, with its tier and track) and to
//! the seeds (every seed cited, every fact sourced, nothing invalid or linted).

use std::path::Path;

use ladder_core::model::{Tier, Track};
use ladder_core::{check, embedded};

/// The five seed articles, by file name.
const SEEDS: [&str; 5] = [
    "000_502e8f18b33a844e.txt",
    "001_bf497a01b8e24a1f.txt",
    "002_73ac171c0c55f2ed.txt",
    "003_bbd58305733158c7.txt",
    "004_e70f848024425def.txt",
];

/// DESIGN.md's table of canonical role ids, tiers and tracks.
const DESIGN_ROLES: &[(&str, Tier, Track)] = &[
    ("intern", Tier::Entry, Track::Ic),
    ("apm", Tier::Entry, Track::Ic),
    ("junior-pm", Tier::Entry, Track::Ic),
    ("pm", Tier::Mid, Track::Ic),
    ("senior-pm", Tier::Tenured, Track::Ic),
    ("principal-pm", Tier::Tenured, Track::Ic),
    ("group-pm", Tier::Leadership, Track::Management),
    ("director", Tier::Leadership, Track::Management),
    ("vp", Tier::Executive, Track::Management),
    ("svp", Tier::Executive, Track::Management),
    ("cpo", Tier::Executive, Track::Management),
    ("gm", Tier::Beyond, Track::OffRamp),
    ("coo", Tier::Beyond, Track::OffRamp),
    ("ceo", Tier::Beyond, Track::OffRamp),
];

const ADJACENT: [&str; 5] = [
    "program-manager",
    "project-manager",
    "delivery-manager",
    "product-owner",
    "product-marketing-manager",
];

#[test]
fn is_valid_and_lint_clean() {
    let checked = check(embedded::TEXT, true);
    assert!(
        checked.diagnostics.0.is_empty(),
        "{}",
        checked.diagnostics.render(embedded::ORIGIN)
    );
}

#[test]
fn has_every_design_role_with_its_tier_and_track() {
    let ladder = embedded::ladder();
    for (id, tier, track) in DESIGN_ROLES {
        let role = ladder
            .role(id)
            .unwrap_or_else(|| panic!("role `{id}` is missing"));
        assert_eq!((role.tier, role.track), (*tier, *track), "role `{id}`");
    }
    for id in ADJACENT {
        let role = ladder
            .role(id)
            .unwrap_or_else(|| panic!("role `{id}` is missing"));
        assert_eq!(role.track, Track::Adjacent, "role `{id}`");
    }
    assert_eq!(
        ladder.roles.len(),
        DESIGN_ROLES.len() + ADJACENT.len(),
        "no role beyond DESIGN.md"
    );
}

#[test]
fn cites_every_seed_and_only_seeds() {
    let ladder = embedded::ladder();
    let files: Vec<&str> = ladder
        .sources
        .iter()
        .filter_map(|s| s.file.as_deref())
        .collect();
    assert_eq!(files, SEEDS);
    let mut cited = std::collections::BTreeSet::new();
    for role in &ladder.roles {
        cited.extend(ladder.role_sources(role));
    }
    for s in &ladder.sources {
        assert!(cited.contains(&s.title), "no role cites {}", s.title);
    }
    // The seeds folder beside the repository holds exactly these five files.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut found: Vec<String> = entries
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        found.sort();
        assert_eq!(found, SEEDS, "the seeds in {} changed", dir.display());
    }
}

#[test]
fn every_fact_on_a_product_role_is_sourced() {
    let ladder = embedded::ladder();
    for role in ladder.roles.iter() {
        for (field, fact) in role.facts() {
            // Salary notes may state that a band is a default, with no source.
            if field == "salary" {
                continue;
            }
            // Issue 12: cited, or marked as this ladder's own default.
            assert!(
                !fact.sources.is_empty() || fact.is_default,
                "`{}` {field}: \"{}\" has no source and is not marked default",
                role.id,
                fact.text
            );
            assert!(
                !fact.is_default || fact.sources.is_empty(),
                "`{}` {field}: \"{}\" is cited and marked default; it is one or the other",
                role.id,
                fact.text
            );
        }
        assert!(
            !ladder.role_sources(role).is_empty(),
            "`{}` cites nothing",
            role.id
        );
    }
}

#[test]
fn every_ladder_role_has_the_core_facts() {
    let ladder = embedded::ladder();
    for (id, _, _) in DESIGN_ROLES {
        let role = ladder.role(id).unwrap();
        assert!(role.summary.is_some(), "`{id}` has no summary");
        assert!(role.scope.is_some(), "`{id}` has no scope");
        assert!(
            !role.responsibilities.is_empty(),
            "`{id}` has no responsibilities"
        );
        assert!(!role.skills.is_empty(), "`{id}` has no skills");
    }
}

#[test]
fn numbers_the_seeds_do_not_give_are_marked_default() {
    let ladder = embedded::ladder();
    for t in &ladder.transitions {
        if let Some(y) = &t.years {
            assert!(
                y.is_default,
                "{} → {}: typical years come from no seed",
                t.from, t.to
            );
        }
    }
    for role in &ladder.roles {
        if let Some(s) = &role.salary {
            assert!(
                s.range.is_default,
                "`{}`: no seed gives a salary per level",
                role.id
            );
        }
    }
    // The seeds do give the experience of directors, VPs and CPOs.
    for id in ["director", "vp", "cpo"] {
        let years = ladder
            .role(id)
            .unwrap()
            .experience
            .as_ref()
            .unwrap()
            .years
            .as_ref()
            .unwrap();
        assert!(!years.is_default && years.min == 10.0, "`{id}`");
    }
}

#[test]
fn levels_climb_from_intern_to_cpo() {
    let ladder = embedded::ladder();
    let levels = ladder.levels();
    let order = [
        "intern",
        "apm",
        "junior-pm",
        "pm",
        "senior-pm",
        "principal-pm",
        "group-pm",
        "director",
        "vp",
        "svp",
        "cpo",
    ];
    for pair in order.windows(2) {
        assert!(
            levels[pair[0]] < levels[pair[1]],
            "{} should sit below {}",
            pair[0],
            pair[1]
        );
    }
    assert!(levels["ceo"] > levels["cpo"]);
    assert_eq!(ladder.organisation.ladder_top.as_ref().unwrap().role, "vp");
    assert_eq!(ladder.organisation.customer_outcome_questions.len(), 5);
    assert_eq!(ladder.organisation.drivers_of_variance.len(), 3);
}

#[test]
fn company_sizes_relevel_a_startup_director() {
    let ladder = embedded::ladder();
    let startup = ladder.company_size_for(20).unwrap();
    assert_eq!(startup.id, "startup");
    let director = "director".into();
    let (effective, why) = startup.effective_role(&director);
    assert_eq!(effective, "senior-pm");
    assert!(!why.unwrap().is_default);
    assert_eq!(ladder.company_size_for(50_000).unwrap().id, "enterprise");
}

#[test]
fn references_in_competencies_and_simulation_are_checked_like_any_other() {
    let mut l = embedded::ladder().clone();
    l.competencies.items[0].examples[0].sources = vec!["pmuu".into()];
    l.competencies.items[1].summary.as_mut().unwrap().sources = vec!["nope".into()];
    let pm = l.competencies.items[2].expectations.remove("pm").unwrap();
    l.competencies.items[2].expectations.insert("pn".into(), pm);
    l.simulation.seats.insert("vpp".into(), 0.5);
    l.simulation.companies[0].note.as_mut().unwrap().sources = vec!["tech-path".into()];
    let found = ladder_core::validate::validate(&l);
    let has = |code: &str, path: &str| {
        found
            .iter()
            .any(|d| d.code == code && d.path.as_deref() == Some(path))
    };
    assert!(
        has(
            "unknown-source",
            "competencies.items[0].examples[0].sources[0]"
        ),
        "{found:#?}"
    );
    assert!(has(
        "unknown-source",
        "competencies.items[1].summary.sources[0]"
    ));
    assert!(has("unknown-role", "competencies.items[2].expectations.pn"));
    assert!(has("unknown-role", "simulation.seats.vpp"));
    assert!(has(
        "unknown-source",
        "simulation.companies[0].note.sources[0]"
    ));
    // Typos get the same "did you mean" as everywhere else.
    let hint = |path: &str| {
        found
            .iter()
            .find(|d| d.path.as_deref() == Some(path))
            .and_then(|d| d.hint.clone())
            .unwrap()
    };
    assert_eq!(hint("simulation.seats.vpp"), "did you mean `vp`?");
    assert_eq!(
        hint("competencies.items[0].examples[0].sources[0]"),
        "did you mean `pmu`?"
    );
}
