//! Org analytics on rosters we wrote, every figure checked against a hand
//! count (see the comments beside each expectation).

use std::collections::HashMap;

use super::*;
use crate::roster::{HeaderMap, read_csv};

fn day(y: i32, m: u8, d: u8) -> Day {
    Day::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
}

fn options() -> OrgOptions {
    OrgOptions {
        as_of: day(2026, 12, 1),
        size: None,
        placements: HashMap::new(),
        titles: Default::default(),
        runs: 2000,
    }
}

fn analyse_csv(text: &str, options: &OrgOptions) -> OrgReport {
    let roster = read_csv(text.as_bytes(), &HeaderMap::default()).unwrap();
    let ladder = crate::embedded::ladder();
    analyse(ladder, Resolver::embedded(), &roster, options).unwrap()
}

fn names(people: &[PersonRef]) -> Vec<&str> {
    people.iter().map(|p| p.name.as_str()).collect()
}

#[test]
fn a_twelve_person_startup() {
    let r = analyse_csv(
        include_str!("../../tests/data/rosters/startup-12.csv"),
        &options(),
    );
    assert_eq!((r.people, r.left_out), (12, 0));
    // 12 people → the startup profile (1–200 employees).
    assert_eq!(r.size.id, "startup");
    // Product: Lina and Sam are ICs; Omar (VP) and Hana (director) lead.
    // Engineering: Ben, Cara, Dev, Fay are ICs; Ivy (CTO) and Eli lead.
    // Design: Gus. Other: Maya (CEO).
    assert_eq!(
        r.functions,
        FunctionCounts {
            product_ic: 2,
            product_leads: 2,
            engineering_ic: 4,
            engineering_leads: 2,
            design_ic: 1,
            design_leads: 0,
            adjacent: 0,
            other: 1,
        }
    );
    // 4 IC engineers to 2 IC PMs.
    assert_eq!(r.ratio.engineers_per_pm, Some(2.0));
    assert_eq!(r.ratio.written, "1:2");
    assert_eq!(r.reference.as_ref().map(|x| x.engineers_per_pm), Some(10.0));
    let rung = |id: &str| r.pyramid.iter().find(|x| x.role == id).unwrap();
    assert_eq!((rung("pm").people, rung("pm").expected), (1, true));
    assert_eq!(
        (rung("senior-pm").people, rung("senior-pm").note.as_deref()),
        (1, None)
    );
    assert_eq!(rung("director").people, 1);
    // A startup does not usually have a VP of product.
    assert!(
        rung("vp")
            .note
            .as_deref()
            .unwrap()
            .starts_with("unexpected")
    );
    // Maya: Omar, Ivy, Hana (3). Omar: Lina, Sam, Gus (3). Ivy: Ben, Cara,
    // Dev, Eli (4). Eli: Fay (1).
    let spans: Vec<(u32, usize, f64, u32, u32)> = r
        .spans
        .by_layer
        .iter()
        .map(|s| (s.layer, s.managers, s.median, s.min, s.max))
        .collect();
    assert_eq!(
        spans,
        [(0, 1, 3.0, 3, 3), (1, 2, 3.5, 3, 4), (2, 1, 1.0, 1, 1)]
    );
    assert_eq!(names(&r.spans.one_report), ["Eli Moss"]);
    assert_eq!(names(&r.spans.no_manager), ["Maya Chen"]);
    // The top product leader is the VP; Lina and Sam are one layer below.
    assert_eq!(r.layers.top.as_ref().unwrap().name, "Omar Haddad");
    assert_eq!(r.layers.ics_by_layers, [(1, 2)]);
    assert_eq!(r.layers.outside, 0);
    // Product leaders' orgs: Omar has Lina and Sam, no engineers; Hana none.
    let by_leader: Vec<(&str, usize, usize)> = r
        .ratios_by_leader
        .iter()
        .map(|x| {
            (
                x.leader.as_ref().unwrap().name.as_str(),
                x.product_ic,
                x.engineering_ic,
            )
        })
        .collect();
    assert_eq!(by_leader, [("Omar Haddad", 2, 0), ("Hana Sato", 0, 0)]);
    // Flags: the VP and the director re-level at a startup; the VP has one
    // layer below where the role implies two; the director has nobody; Lina
    // has held a senior title 2.5 years against the ladder's 4+.
    let flags: Vec<(&str, &str)> = r
        .flags
        .iter()
        .map(|f| (f.person.name.as_str(), f.kind.as_str()))
        .collect();
    assert_eq!(
        flags,
        [
            ("Omar Haddad", "few-layers"),
            ("Omar Haddad", "relevelled"),
            ("Lina Park", "few-years"),
            ("Hana Sato", "no-reports"),
            ("Hana Sato", "relevelled"),
        ]
    );
    let few = r
        .flags
        .iter()
        .find(|f| f.kind == FlagKind::FewYears)
        .unwrap();
    assert!(
        few.reason.starts_with("2.5 years since the start date"),
        "{}",
        few.reason
    );
    // Sam has been a PM for 7.8 years; 90 in 100 simulated startup careers
    // reach senior PM within 3.6 (seeded, so the same every run).
    let past: Vec<(&str, f64, f64)> = r
        .past_p90
        .iter()
        .map(|t| (t.person.name.as_str(), t.years, t.p90))
        .collect();
    assert_eq!(past, [("Sam Ortiz", 7.8, 3.6)]);
    assert!(r.problems.is_empty());
}

#[test]
fn bad_rows_are_named_and_left_out_of_the_figures() {
    let text = "name,email,title,manager,start date\n\
                Ana,ana@x.io,VP of Product,,\n\
                Bo,bo@x.io,Product Manager,ana@x.io,\n\
                Cy,cy@x.io,Product Manager,nobody@x.io,\n\
                Di,di@x.io,Product Manager,ed@x.io,\n\
                Ed,ed@x.io,Product Manager,di@x.io,\n\
                Bo Again,bo@x.io,Product Manager,ana@x.io,\n\
                Fi,fi@x.io,,ana@x.io,\n";
    let r = analyse_csv(text, &options());
    let problems: Vec<(u64, &str)> = r.problems.iter().map(|p| (p.row, p.field)).collect();
    // Cy's manager is unknown; Di and Ed manage each other; Bo's email is
    // used twice; Fi has no title.
    assert_eq!(
        problems,
        [
            (4, "manager"),
            (5, "manager"),
            (6, "manager"),
            (7, "email"),
            (8, "title")
        ]
    );
    assert!(
        r.problems[1].message.contains("Di → Ed → Di"),
        "{}",
        r.problems[1].message
    );
    assert_eq!((r.people, r.left_out), (2, 5));
    assert_eq!(r.functions.product_ic, 1);
}

#[test]
fn an_empty_roster_is_an_empty_report() {
    let r = analyse_csv("name,title\n", &options());
    assert_eq!((r.people, r.size.id.as_str()), (0, "startup"));
    assert_eq!(r.ratio.written, "—");
    assert!(r.layers.top.is_none() && r.flags.is_empty());
}

/// A roster built from (title, manager's index, start date) rows; people are
/// named `p{index}` with email `p{index}@co.io`.
struct Build(Vec<(String, Option<usize>, Option<&'static str>)>);

impl Build {
    fn add(&mut self, title: &str, manager: Option<usize>) -> usize {
        self.0.push((title.to_owned(), manager, None));
        self.0.len() - 1
    }
    fn add_many(&mut self, n: usize, title: &str, manager: usize) -> Vec<usize> {
        (0..n).map(|_| self.add(title, Some(manager))).collect()
    }
    fn csv(&self) -> String {
        let mut out = String::from("name,email,title,manager,start date\n");
        for (i, (title, m, start)) in self.0.iter().enumerate() {
            let manager = m.map(|m| format!("p{m}@co.io")).unwrap_or_default();
            out.push_str(&format!(
                "p{i},p{i}@co.io,{title},{manager},{}\n",
                start.unwrap_or("")
            ));
        }
        out
    }
}

/// A product org of `directors` directors under one VP, each director with
/// two group PMs, each group PM with four PMs and a senior PM.
fn product_org(b: &mut Build, above: usize, directors: usize) -> usize {
    let vp = b.add("VP of Product", Some(above));
    for d in b.add_many(directors, "Director of Product", vp) {
        for g in b.add_many(2, "Group Product Manager", d) {
            b.add_many(4, "Product Manager", g);
            b.add("Senior Product Manager", Some(g));
        }
    }
    vp
}

#[test]
fn a_three_hundred_person_scale_up() {
    let mut b = Build(Vec::new());
    let ceo = b.add("CEO", None);
    product_org(&mut b, ceo, 3); // 1 + 3 + 6 + 30 = 40
    let cto = b.add("CTO", Some(ceo));
    for em in b.add_many(10, "Engineering Manager", cto) {
        b.add_many(24, "Software Engineer", em);
    }
    let design = b.add("Head of Design", Some(ceo));
    b.add_many(7, "Product Designer", design);
    assert_eq!(b.0.len(), 300);
    let r = analyse_csv(&b.csv(), &options());
    assert_eq!(r.size.id, "scaleup");
    // 24 PMs + 6 senior PMs; VP, 3 directors, 6 group PMs lead. 240
    // engineers under 10 managers and a CTO; 7 designers and their head.
    assert_eq!(
        r.functions,
        FunctionCounts {
            product_ic: 30,
            product_leads: 10,
            engineering_ic: 240,
            engineering_leads: 11,
            design_ic: 7,
            design_leads: 1,
            adjacent: 0,
            other: 1,
        }
    );
    // 240 / 30.
    assert_eq!(r.ratio.written, "1:8");
    // Layer 0: the CEO (3). Layer 1: VP 3, head of design 7, CTO 10.
    // Layer 2: 3 directors with 2, 10 managers with 24: the 7th of 13 is 24.
    // Layer 3: 6 group PMs with 5.
    let spans: Vec<(u32, usize, f64, u32, u32)> = r
        .spans
        .by_layer
        .iter()
        .map(|s| (s.layer, s.managers, s.median, s.min, s.max))
        .collect();
    assert_eq!(
        spans,
        [
            (0, 1, 3.0, 3, 3),
            (1, 3, 7.0, 3, 10),
            (2, 13, 24.0, 2, 24),
            (3, 6, 5.0, 5, 5)
        ]
    );
    assert!(r.spans.one_report.is_empty());
    // Every IC PM is three layers below the VP.
    assert_eq!(r.layers.top.as_ref().unwrap().title, "VP of Product");
    assert_eq!(r.layers.ics_by_layers, [(3, 30)]);
    // A scale-up usually has APMs; this one has none.
    let apm = r.pyramid.iter().find(|x| x.role == "apm").unwrap();
    assert!(apm.note.as_deref().unwrap().starts_with("missing"));
    // 10 product leaders; each director's org has 10 IC PMs.
    assert_eq!(r.ratios_by_leader.len(), 10);
    assert_eq!(r.ratios_by_leader[0].product_ic, 30);
    assert_eq!(r.ratios_by_leader[1].product_ic, 10);
    // Nothing is inflated: every leader has the layers their role implies.
    assert!(r.flags.is_empty(), "{:?}", r.flags);
}

#[test]
fn a_five_thousand_person_enterprise_with_an_inflated_sub_org() {
    let mut b = Build(Vec::new());
    let ceo = b.add("CEO", None);
    let cpo = b.add("Chief Product Officer", Some(ceo));
    // 20 product orgs of 1 + 5 + 10 + 50 = 66 people: 1,320.
    for _ in 0..20 {
        product_org(&mut b, cpo, 5);
    }
    let cto = b.add("CTO", Some(ceo));
    // 100 engineering managers with 35 engineers each: 3,600.
    for em in b.add_many(100, "Engineering Manager", cto) {
        b.add_many(35, "Software Engineer", em);
    }
    // The planted sub-org: a "VP" with two PMs reporting directly, a
    // "Director" with nobody, and a senior PM who started this year.
    let vp = b.add("VP of Product", Some(cpo));
    b.add_many(2, "Product Manager", vp);
    b.add("Director of Product", Some(cpo));
    let senior = b.add("Senior Product Manager", Some(vp));
    b.0[senior].2 = Some("2026-01-15");
    let filler = 5000 - b.0.len();
    b.add_many(filler, "Accountant", ceo);
    assert_eq!(b.0.len(), 5000);
    let r = analyse_csv(&b.csv(), &options());
    assert_eq!(r.size.id, "enterprise");
    // IC PMs: 20 orgs × 50 (5 directors × 2 group PMs × 5), plus the
    // planted two PMs and senior PM.
    assert_eq!(r.functions.product_ic, 1003);
    assert_eq!(r.functions.engineering_ic, 3500);
    // 3,500 / 1,003 = 3.49…
    assert_eq!(r.ratio.written, "1:3.5");
    let flags: Vec<(String, &str)> = r
        .flags
        .iter()
        .map(|f| (f.person.title.clone(), f.kind.as_str()))
        .collect();
    // The CPO (four layers above the PMs) is fine; only the planted cases.
    assert_eq!(
        flags,
        [
            ("VP of Product".to_owned(), "few-layers"),
            ("Director of Product".to_owned(), "no-reports"),
            ("Senior Product Manager".to_owned(), "few-years"),
        ]
    );
    let names: Vec<&str> = r.flags.iter().map(|f| f.person.name.as_str()).collect();
    assert_eq!(
        names,
        [
            format!("p{vp}"),
            format!("p{}", vp + 3),
            format!("p{senior}")
        ]
    );
    // The top product leader is the CPO, with PMs three to four layers down.
    assert_eq!(
        r.layers.top.as_ref().unwrap().title,
        "Chief Product Officer"
    );
    assert_eq!(r.layers.ics_by_layers, [(2, 3), (4, 1000)]);
}

#[test]
fn the_ladders_benchmarks_are_compared_and_cited() {
    use crate::model::{Benchmark, Fact, Measure, ValueRange};
    let mut ladder = crate::embedded::ladder().clone();
    let note = |text: &str| Fact::new(text, &["tech-paths"]);
    ladder.benchmarks = vec![
        Benchmark {
            measure: Measure::EngineersPerPm,
            value: ValueRange::new(5.0, 9.0),
            note: note("Survey of 40 SaaS companies."),
        },
        Benchmark {
            measure: Measure::MedianSpan,
            value: ValueRange::new(5.0, 8.0),
            note: note("A consultancy's study of spans."),
        },
    ];
    let roster = read_csv(
        include_str!("../../tests/data/rosters/startup-12.csv").as_bytes(),
        &HeaderMap::default(),
    )
    .unwrap();
    let r = analyse(
        &ladder,
        &Resolver::new(&ladder).unwrap(),
        &roster,
        &options(),
    )
    .unwrap();
    // 1:2 is below 5–9; the spans are 3, 3, 4 and 1: median 3, below 5–8.
    let seen: Vec<(&str, Option<f64>, Option<bool>)> = r
        .benchmarks
        .iter()
        .map(|b| (b.measure.as_str(), b.ours, b.within))
        .collect();
    assert_eq!(
        seen,
        [
            ("engineers-per-pm", Some(2.0), Some(false)),
            ("median-span", Some(3.0), Some(false)),
        ]
    );
    assert_eq!(
        r.benchmarks[0].sources,
        ["Product Managers at Technology (software) Companies"]
    );
}

#[test]
fn a_leaders_org_takes_in_the_engineers_on_its_pms_teams() {
    let csv = "\
name,email,title,manager,team
cpo,cpo@co.io,Chief Product Officer,,
a,a@co.io,Director of Product,cpo@co.io,
b,b@co.io,Director of Product,cpo@co.io,
pm1,pm1@co.io,Product Manager,a@co.io,Payments
pm2,pm2@co.io,Product Manager,a@co.io,Payments
pm3,pm3@co.io,Product Manager,a@co.io,Growth
pm4,pm4@co.io,Product Manager,b@co.io,Search
cto,cto@co.io,CTO,,
em,em@co.io,Engineering Manager,cto@co.io,
e1,e1@co.io,Software Engineer,em@co.io,Payments
e2,e2@co.io,Software Engineer,em@co.io,Payments
e3,e3@co.io,Software Engineer,em@co.io,Payments
e4,e4@co.io,Software Engineer,em@co.io,Payments
e5,e5@co.io,Software Engineer,em@co.io,Payments
e6,e6@co.io,Software Engineer,em@co.io,Payments
e7,e7@co.io,Software Engineer,em@co.io,Growth
e8,e8@co.io,Software Engineer,em@co.io,Growth
e9,e9@co.io,Software Engineer,em@co.io,Growth
e10,e10@co.io,Software Engineer,em@co.io,Search
e11,e11@co.io,Software Engineer,em@co.io,Search
e12,e12@co.io,Software Engineer,em@co.io,Search
e13,e13@co.io,Software Engineer,em@co.io,Search
e14,e14@co.io,Software Engineer,em@co.io,
e15,e15@co.io,Software Engineer,em@co.io,
e16,e16@co.io,Software Engineer,a@co.io,Payments
d1,d1@co.io,Product Designer,cto@co.io,Growth
";
    let r = analyse_csv(csv, &options());
    let rows: Vec<(&str, usize, usize, usize)> = r
        .ratios_by_leader
        .iter()
        .map(|x| {
            (
                x.leader.as_ref().unwrap().name.as_str(),
                x.product_ic,
                x.engineering_ic,
                x.design_ic,
            )
        })
        .collect();
    // The CPO: all 4 PMs; Payments 7 (e16 reports to a and is on it: once),
    // Growth 3, Search 4; e14 and e15 are on no product team. Designer d1
    // is on Growth. Director a: Payments and Growth, 7 + 3, and d1.
    // Director b: Search, 4.
    assert_eq!(rows, [("cpo", 4, 14, 1), ("a", 3, 10, 1), ("b", 1, 4, 0)]);
    assert_eq!(r.leader_orgs, ratios::BY_TEAMS);
    // The whole roster counts everyone: 16 engineers to 4 PMs.
    assert_eq!(r.ratio.written, "1:4");
    // Without teams only the engineer who reports to a counts.
    let no_teams: String = csv
        .lines()
        .map(|l| l.rsplit_once(',').unwrap().0.to_owned() + "\n")
        .collect();
    let r = analyse_csv(&no_teams, &options());
    assert_eq!(r.ratios_by_leader[0].engineering_ic, 1);
    assert_eq!(r.leader_orgs, ratios::BY_LINES);
}

#[test]
fn articles_follow_the_sound() {
    assert_eq!(with_article("enterprise"), "an enterprise");
    assert_eq!(with_article("startup"), "a startup");
    assert_eq!(with_article("SVP of Product"), "an SVP of Product");
    assert_eq!(with_article("VP of Product"), "a VP of Product");
    assert_eq!(
        with_article("Associate Product Manager"),
        "an Associate Product Manager"
    );
}

#[test]
fn a_histograms_median_is_the_median_of_what_it_counts() {
    let h = |pairs: &[(u32, usize)]| -> Vec<SpanCount> {
        pairs
            .iter()
            .map(|&(reports, managers)| SpanCount { reports, managers })
            .collect()
    };
    assert_eq!(histogram_median(&[]), None);
    // 1, 3, 3, 4 → 3; 1, 3, 4 → 3; 2, 5 → 3.5.
    assert_eq!(histogram_median(&h(&[(1, 1), (3, 2), (4, 1)])), Some(3.0));
    assert_eq!(histogram_median(&h(&[(1, 1), (3, 1), (4, 1)])), Some(3.0));
    assert_eq!(histogram_median(&h(&[(2, 1), (5, 1)])), Some(3.5));
    assert_eq!(
        histogram_median(&h(&[(1, 3), (9, 1)])),
        median(&[1, 1, 1, 9])
    );
}
