//! Assessments: a person rated per competency, placed on the ladder.
//!
//! An assessment file (TOML, or the same shape as JSON) names the person, their
//! current role, the date, the rater (self, manager, peer) and a rating per
//! competency, with evidence notes. From it:
//!
//! * **placement** — the highest role whose expectations the ratings meet, under
//!   the ladder's rule (every competency at or above expectation, or weighted
//!   points with per-area minimums);
//! * **gaps** to the current and the next roles, per competency;
//! * a **readiness verdict** for each next step, with the step's readiness
//!   criteria from the ladder as a checklist;
//! * **comparison** of two raters, and the **smallest set of moves** that would
//!   qualify the person for a target role.
//!
//! Everything is a pure function of the ladder and the assessment.
//!
//! `file` reads and checks assessment files, `placement` places and reports,
//! `moves` compares raters and plans the moves to a target role.

mod file;
mod moves;
mod placement;

pub use file::{Assessment, Rater, Rating, ReadinessCheck, check, parse};
pub use moves::{Disagreement, Move, compare, gap_plan, rated_by_one};
pub use placement::{
    Gap, Levels, NextStep, Report, gaps, levels, next_steps, place, qualifies, ready_for, report,
};

use crate::model::Competency;

/// What `role` expects of competency `c`, if it says.
fn expected(c: &Competency, role: &str) -> Option<u8> {
    c.expectations.get(role).copied()
}

#[cfg(test)]
mod tests {
    use super::file::valid_date;
    use super::*;
    use crate::embedded;

    fn pm_like() -> Levels {
        let l = embedded::ladder();
        l.competencies
            .items
            .iter()
            .map(|c| (c.id.clone(), c.expectations["pm"]))
            .collect()
    }

    #[test]
    fn exactly_the_pm_expectations_place_at_pm() {
        let l = embedded::ladder();
        assert_eq!(place(l, &pm_like()), Some("pm"));
        let plan = gap_plan(l, &pm_like(), "senior-pm").unwrap();
        assert!(!plan.is_empty());
        let mut after = pm_like();
        for mv in &plan {
            after.insert(mv.competency.clone(), mv.to);
        }
        assert!(qualifies(l, &after, "senior-pm"));
        assert!(
            plan.windows(2)
                .all(|w| w[0].to - w[0].from >= w[1].to - w[1].from)
        );
        assert!(plan.iter().all(|mv| !mv.evidence.is_empty()));
    }

    #[test]
    fn nothing_rated_places_nowhere_and_everything_top_places_at_the_top() {
        let l = embedded::ladder();
        assert_eq!(place(l, &Levels::new()), None);
        let top: Levels = l
            .competencies
            .items
            .iter()
            .map(|c| (c.id.clone(), 5))
            .collect();
        assert_eq!(place(l, &top), Some("cpo"));
    }

    #[test]
    fn dates() {
        assert!(valid_date("2026-11-23"));
        for bad in ["2026-13-01", "26-11-23", "2026/11/23", "2026-11-32", ""] {
            assert!(!valid_date(bad), "{bad}");
        }
    }
}
