//! Accuracy of the built-in title resolver on `tests/data/titles.tsv`: 500+
//! real-looking titles written by hand, with the role each one means, hard
//! negatives included (product designers, production managers, "PM shift",
//! Chief People Officers, logistics delivery managers…).
//!
//! `cargo test -p ladder-core --test title_accuracy -- --nocapture` prints the
//! confusion matrix and every miss.

use std::collections::BTreeMap;
use std::fmt::Write;

use ladder_core::resolve::{Resolver, Scratch};

const DATA: &str = include_str!("data/titles.tsv");

fn labelled() -> Vec<(&'static str, &'static str)> {
    DATA.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.split_once('\t')
                .unwrap_or_else(|| panic!("no tab in {l:?}"))
        })
        .collect()
}

/// (accuracy, confusion matrix text, misses text).
fn evaluate() -> (f64, usize, String, String) {
    let resolver = Resolver::embedded();
    let mut scratch = Scratch::default();
    let mut matrix: BTreeMap<(&str, String), usize> = BTreeMap::new();
    let mut misses = String::new();
    let data = labelled();
    let mut right = 0;
    for (title, want) in &data {
        let r = resolver.resolve(title, &mut scratch);
        let got = resolver.role_id(r.role).to_owned();
        if got == *want {
            right += 1;
        } else {
            let _ = writeln!(
                misses,
                "  {title:<50} want {want:<26} got {got} ({:.2})",
                r.confidence
            );
        }
        *matrix.entry((want, got)).or_default() += 1;
    }
    let roles: Vec<&str> = {
        let mut v: Vec<&str> = data.iter().map(|(_, w)| *w).collect();
        v.sort();
        v.dedup();
        v
    };
    let mut text = format!("{:<26}", "want \\ got");
    for r in &roles {
        let _ = write!(text, " {:>5}", &r[..r.len().min(5)]);
    }
    text.push('\n');
    for want in &roles {
        let _ = write!(text, "{want:<26}");
        for got in &roles {
            let n = matrix
                .get(&(*want, (*got).to_owned()))
                .copied()
                .unwrap_or(0);
            let _ = write!(
                text,
                " {:>5}",
                if n == 0 {
                    ".".to_owned()
                } else {
                    n.to_string()
                }
            );
        }
        text.push('\n');
    }
    (right as f64 / data.len() as f64, data.len(), text, misses)
}

#[test]
fn the_labelled_set_is_large_and_covers_every_role() {
    let data = labelled();
    assert!(data.len() >= 500, "only {} labelled titles", data.len());
    let ladder = ladder_core::embedded::ladder();
    for (title, want) in &data {
        assert!(
            *want == "other" || ladder.role(want).is_some(),
            "{title}: unknown role {want}"
        );
    }
    for role in &ladder.roles {
        assert!(
            data.iter().filter(|(_, w)| *w == role.id.as_str()).count() >= 2,
            "few titles for {}",
            role.id
        );
    }
    assert!(
        data.iter().filter(|(_, w)| *w == "other").count() >= 100,
        "too few hard negatives"
    );
}

#[test]
fn role_accuracy_is_at_least_95_percent() {
    let (accuracy, n, matrix, misses) = evaluate();
    println!(
        "accuracy {:.2}% on {n} titles\n\nconfusion matrix (rows: labelled role, columns: resolved role)\n{matrix}\nmisses:\n{misses}",
        accuracy * 100.0
    );
    assert!(
        accuracy >= 0.95,
        "accuracy {:.2}% < 95%\n{matrix}\nmisses:\n{misses}",
        accuracy * 100.0
    );
}
