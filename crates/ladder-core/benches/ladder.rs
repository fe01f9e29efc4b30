//! Benchmarks of the paths `ladder roles` takes: parsing and validating the
//! embedded ladder file (paid once per process), and building the role records
//! that `ladder roles --format json` prints, and resolving job titles. Run with
//! `cargo bench -p ladder-core`.

use divan::black_box;
use ladder_core::record::RoleRecord;
use ladder_core::{check, embedded, parse};

fn main() {
    divan::main();
}

/// Parse + validate the embedded ladder (what the first use in a process costs).
#[divan::bench]
fn parse_embedded_ladder() -> ladder_core::Ladder {
    parse(black_box(embedded::TEXT)).expect("valid")
}

/// Parse + validate + lint, as `ladder lint` does.
#[divan::bench]
fn lint_embedded_ladder() -> usize {
    check(black_box(embedded::TEXT), true).diagnostics.0.len()
}

/// The role records of `ladder roles --format json`, serialised.
#[divan::bench]
fn roles_json() -> String {
    let ladder = embedded::ladder();
    serde_json::to_string_pretty(&RoleRecord::all(black_box(ladder))).expect("serialises")
}

/// The labelled titles of the accuracy test, resolved one by one (with JSON
/// output), as `ladder titles` does per record.
#[divan::bench]
fn resolve_labelled_titles(bencher: divan::Bencher) {
    let titles: Vec<&str> = include_str!("../tests/data/titles.tsv")
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect();
    let resolver = ladder_core::resolve::Resolver::embedded();
    let mut scratch = ladder_core::resolve::Scratch::default();
    let mut out = Vec::with_capacity(1 << 20);
    bencher
        .counter(divan::counter::ItemsCount::new(titles.len()))
        .bench_local(|| {
            out.clear();
            for t in &titles {
                let r = resolver.resolve(black_box(t), &mut scratch);
                ladder_core::resolve::write_json(&mut out, resolver, &r, None, None);
                out.push(b'\n');
            }
            out.len()
        });
}

/// One million simulated careers, APM to director at an enterprise, on one core
/// (issue #4 target: under one second).
#[divan::bench(sample_count = 5)]
fn simulate_one_million_careers() -> u64 {
    let req = ladder_core::simulate::Request {
        from: "apm",
        to: "director",
        company: "enterprise",
        runs: 1_000_000,
        seed: 1,
    };
    ladder_core::simulate::simulate(embedded::ladder(), black_box(&req))
        .expect("valid")
        .reached
}

/// Route planning on the embedded ladder: APM to director, every route.
#[divan::bench]
fn routes_apm_to_director() -> usize {
    let start = ladder_core::path::Start::Role("apm".into());
    ladder_core::path::routes(embedded::ladder(), black_box(&start), "director", None)
        .expect("valid")
        .routes
        .len()
}

/// Route planning on the pathological lateral clique (30 roles joined both
/// ways, 870 moves; issue 15): the best 20 routes from pm to k1. Listing every
/// simple path there never finished.
#[divan::bench]
fn routes_in_a_lateral_clique(bencher: divan::Bencher) {
    let ladder = parse(include_str!(
        "../../ladder-cli/tests/fixtures/lateral-clique.toml"
    ))
    .expect("valid");
    let start = ladder_core::path::Start::Role("pm".into());
    bencher.bench_local(|| {
        ladder_core::path::routes(&ladder, black_box(&start), "k1", None)
            .expect("valid")
            .routes
            .len()
    });
}
