//! Numbers and text: ranges in order and not negative, no empty text,
//! company sizes that do not overlap.

use crate::file::Diagnostic;
use crate::file::walk;
use crate::model::Ladder;

pub(super) fn check_ranges(l: &Ladder, out: &mut Vec<Diagnostic>) {
    for (path, r) in walk::ranges(l) {
        if !r.min.is_finite() || r.min < 0.0 {
            out.push(
                Diagnostic::error(
                    "bad-range",
                    format!("{path}.min"),
                    format!("`min` is {}, below zero", r.min),
                )
                .with_hint("use a number of zero or more"),
            );
        }
        if let Some(max) = r.max
            && (!max.is_finite() || max < r.min)
        {
            out.push(
                Diagnostic::error(
                    "bad-range",
                    format!("{path}.max"),
                    format!("`max` ({max}) is below `min` ({})", r.min),
                )
                .with_hint("swap the bounds, or leave `max` out for an open range"),
            );
        }
    }
}

pub(super) fn check_text(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let mut empty = |path: String, what: &str| {
        out.push(
            Diagnostic::error("empty-text", path, format!("{what} is empty"))
                .with_hint("write the text, or remove the entry"),
        );
    };
    if l.ladder.name.trim().is_empty() {
        empty("ladder.name".to_owned(), "the ladder's name");
    }
    for (i, r) in l.roles.iter().enumerate() {
        if r.title.trim().is_empty() {
            empty(format!("roles[{i}].title"), "the title");
        }
    }
    for (path, fact) in walk::facts(l) {
        if fact.text.trim().is_empty() {
            empty(path, "the statement");
        }
    }
}

pub(super) fn check_company_sizes(l: &Ladder, out: &mut Vec<Diagnostic>) {
    for (i, a) in l.company_sizes.iter().enumerate() {
        for b in &l.company_sizes[..i] {
            let (a_max, b_max) = (
                a.employees.max.unwrap_or(f64::INFINITY),
                b.employees.max.unwrap_or(f64::INFINITY),
            );
            if a.employees.min <= b_max && b.employees.min <= a_max {
                out.push(
                    Diagnostic::error(
                        "overlapping-sizes",
                        format!("company_sizes[{i}].employees"),
                        format!(
                            "company sizes `{}` and `{}` cover the same head-counts",
                            b.id, a.id
                        ),
                    )
                    .with_hint("make the employee ranges follow each other without overlap"),
                );
            }
        }
    }
}
