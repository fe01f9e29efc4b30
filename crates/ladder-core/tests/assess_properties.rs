//! Property tests of placement and gap plans, under both placement rules:
//! raising a rating never lowers the placement, and applying the moves of a gap
//! plan really qualifies the assessment for its target.

use ladder_core::assess::{Levels, gap_plan, place, qualifies};
use ladder_core::model::PlacementRule;
use ladder_core::{Ladder, embedded};
use proptest::prelude::*;

fn ladders() -> [Ladder; 2] {
    let all = embedded::ladder().clone();
    let mut points = all.clone();
    points.competencies.placement.rule = PlacementRule::Points;
    [all, points]
}

fn levels(ladder: &Ladder, values: &[u8]) -> Levels {
    ladder
        .competencies
        .items
        .iter()
        .zip(values)
        .map(|(c, v)| (c.id.clone(), *v))
        .collect()
}

fn rank(ladder: &Ladder, role: Option<&str>) -> i64 {
    role.map_or(-1, |r| ladder.levels()[r] as i64)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn raising_a_rating_never_lowers_the_placement(values in proptest::collection::vec(0u8..=5, 12), which in 0usize..12) {
        for ladder in ladders() {
            let before = levels(&ladder, &values);
            let mut raised = values.clone();
            raised[which] = (raised[which] + 1).min(5);
            let after = levels(&ladder, &raised);
            prop_assert!(rank(&ladder, place(&ladder, &after)) >= rank(&ladder, place(&ladder, &before)));
        }
    }

    #[test]
    fn applying_a_gap_plan_qualifies(values in proptest::collection::vec(0u8..=5, 12), target in 0usize..11) {
        let roles = ["intern", "apm", "junior-pm", "pm", "senior-pm", "principal-pm", "group-pm", "director", "vp", "svp", "cpo"];
        for ladder in ladders() {
            let start = levels(&ladder, &values);
            let plan = gap_plan(&ladder, &start, roles[target]).expect("every ladder role has expectations");
            let mut after = start.clone();
            for mv in &plan {
                prop_assert!(mv.to > mv.from);
                after.insert(mv.competency.clone(), mv.to);
            }
            prop_assert!(qualifies(&ladder, &after, roles[target]));
            prop_assert_eq!(plan.is_empty(), qualifies(&ladder, &start, roles[target]));
        }
    }
}
