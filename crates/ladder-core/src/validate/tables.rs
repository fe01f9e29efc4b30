//! The simulation table: every reference resolves, every number is in range.

use crate::file::Diagnostic;
use crate::model::Ladder;

/// The `[simulation]` table: known profiles and roles, numbers in range.
pub(super) fn check_simulation(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let spec = &l.simulation;
    let mut range = |path: String, what: &str, value: f64, ok: bool, hint: &str| {
        if !ok || !value.is_finite() {
            out.push(
                Diagnostic::error("bad-range", path, format!("{what} is {value}"))
                    .with_hint(hint.to_owned()),
            );
        }
    };
    range(
        "simulation.max_years".into(),
        "`max_years`",
        spec.max_years,
        spec.max_years >= 1.0,
        "follow careers for at least 1 year",
    );
    if let Some(a) = &spec.attrition_per_year {
        range(
            "simulation.attrition_per_year.value".into(),
            "the attrition",
            a.value,
            (0.0..1.0).contains(&a.value),
            "use a yearly share from 0 up to, not including, 1",
        );
    }
    for (i, c) in spec.companies.iter().enumerate() {
        range(
            format!("simulation.companies[{i}].speed"),
            "`speed`",
            c.speed,
            c.speed > 0.0,
            "use a factor above 0 (1 = the ladder's typical years)",
        );
        range(
            format!("simulation.companies[{i}].spread"),
            "`spread`",
            c.spread,
            c.spread >= 0.0 && c.spread <= 3.0,
            "use a spread from 0 to 3",
        );
    }
    for (i, c) in spec.companies.iter().enumerate() {
        if l.company_size(&c.profile).is_none() {
            out.push(
                Diagnostic::error(
                    "unknown-profile",
                    format!("simulation.companies[{i}].profile"),
                    format!("no company-size profile has the id `{}`", c.profile),
                )
                .with_hint("use the id of a [[company_sizes]] entry"),
            );
        }
    }
    for (role, &share) in &spec.seats {
        // Unknown role ids are reported by `check_references`.
        let path = format!("simulation.seats.{role}");
        if !(share > 0.0 && share <= 1.0) {
            out.push(
                Diagnostic::error(
                    "bad-range",
                    path,
                    format!("seat share {share} is outside (0, 1]"),
                )
                .with_hint("use a share above 0 and at most 1"),
            );
        }
    }
}
