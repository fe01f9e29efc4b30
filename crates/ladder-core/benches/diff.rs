//! `ladder diff` on a large company ladder, the whole path the command takes:
//! parse and validate both files, then compare them. Issue 10's target: two
//! 500-role ladders with 30 competencies and 5 criteria per cell, under
//! 100 ms. Run with `cargo bench -p ladder-core --bench diff`.

use divan::black_box;

fn main() {
    divan::main();
}

mod common;

use common::ladder;

/// Parse and validate both editions, and diff them, as `ladder diff` does.
#[divan::bench(sample_count = 20)]
fn diff_two_500_role_ladders(bencher: divan::Bencher) {
    let (old, new) = (ladder(0), ladder(1));
    bencher.bench(|| {
        let a = ladder_core::parse(black_box(&old)).expect("valid");
        let b = ladder_core::parse(black_box(&new)).expect("valid");
        ladder_core::diff::diff(&a, &b).len()
    });
}

/// The comparison alone, with both ladders already read.
#[divan::bench(sample_count = 20)]
fn diff_only(bencher: divan::Bencher) {
    let a = ladder_core::parse(&ladder(0)).expect("valid");
    let b = ladder_core::parse(&ladder(1)).expect("valid");
    bencher.bench(|| ladder_core::diff::diff(black_box(&a), black_box(&b)).len());
}

/// Reading one file into the model (TOML syntax and shape), no checks.
#[divan::bench(sample_count = 20)]
fn read_one_file(bencher: divan::Bencher) {
    let text = ladder(0);
    bencher.bench(|| {
        toml::from_str::<ladder_core::model::Ladder>(black_box(&text))
            .expect("valid")
            .roles
            .len()
    });
}

/// The checks `ladder check` runs on one ladder already read.
#[divan::bench(sample_count = 20)]
fn validate_one_ladder(bencher: divan::Bencher) {
    let l = ladder_core::parse(&ladder(0)).expect("valid");
    bencher.bench(|| ladder_core::validate::validate(black_box(&l)).len());
}
