//! Benchmarks of the paths `ladder roles` takes: parsing and validating the
//! embedded ladder file (paid once per process), and building the role records
//! that `ladder roles --format json` prints. Run with `cargo bench -p ladder-core`.

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
