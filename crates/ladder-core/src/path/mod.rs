//! Career routes: from a role, or from a background, to a target role.
//!
//! The routes are the simple paths of the transition graph (promotions, track
//! switches, lateral moves, entries, off-ramps), each step with its typical years
//! as a range and the sources behind it. A background (new graduate, former
//! entrepreneur, career switcher, internal transfer) starts at the roles its
//! entry point leads to. With a company size, only roles that exist there may be
//! passed through, and years scale by the company's promotion speed.
//!
//! The best [`MAX_ROUTES`] routes are found with Yen's k-shortest-paths
//! algorithm ([`ksp`]), fastest first and deterministic, in time polynomial
//! in the ladder's size: a company's ladder with every role joined to every
//! other by lateral moves cannot stall the planner.

mod ksp;

use serde::Serialize;

use crate::model::{CompanySize, Ladder, Transition, TransitionKind};

/// Where a route starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    /// A role of the ladder.
    Role(String),
    /// An entry point (background) of the ladder.
    Background(String),
}

impl Start {
    /// Reads the spelling the API, the pages and route steps use: a role id,
    /// or `background:ID` for an entry point.
    pub fn parse(s: &str) -> Start {
        match s.strip_prefix("background:") {
            Some(b) => Start::Background(b.to_owned()),
            None => Start::Role(s.to_owned()),
        }
    }
}

impl std::fmt::Display for Start {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Start::Role(r) => f.write_str(r),
            Start::Background(b) => write!(f, "background:{b}"),
        }
    }
}

/// One step of a route.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The role (or `background:ID`) the step starts from.
    pub from: String,
    /// The role it leads to.
    pub to: String,
    /// `promotion`, `lateral`, `track-switch`, `entry` or `off-ramp`.
    pub kind: &'static str,
    /// Fewest typical years before the step.
    pub years_min: f64,
    /// Most typical years before the step.
    pub years_max: f64,
    /// True when the years are the ladder's defaults rather than a source's.
    pub years_default: bool,
    /// Titles of the sources behind the step.
    pub sources: Vec<String>,
    /// What the ladder says about the step.
    pub note: Option<String>,
}

/// A route from start to target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Route {
    /// The steps in order.
    pub steps: Vec<Step>,
    /// Sum of the steps' fewest years.
    pub years_min: f64,
    /// Sum of the steps' most years.
    pub years_max: f64,
}

/// All routes, fastest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routes {
    /// The start, as given (`apm`, `background:new-grad`).
    pub from: String,
    /// The target role.
    pub to: String,
    /// The company-size profile applied, if any.
    pub company: Option<String>,
    /// The routes, fastest first (by fewest years, then most years, then steps).
    pub routes: Vec<Route>,
}

/// Why routes could not be planned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PathError {
    /// The start or target role is not in the ladder.
    #[error("no role has the id `{0}`")]
    UnknownRole(String),
    /// The background is not an entry point of the ladder.
    #[error("no entry point is called `{given}`; the ladder has: {known}")]
    UnknownBackground {
        /// What was given.
        given: String,
        /// The entry point ids, comma-separated.
        known: String,
    },
}

/// The most steps a route may have (longer ones are left out).
pub const MAX_STEPS: usize = 12;
/// The most routes returned.
pub const MAX_ROUTES: usize = 20;

/// Plans the routes from `start` to `to`, optionally at a company size with a
/// speed factor (years are divided by it).
pub fn routes(
    ladder: &Ladder,
    start: &Start,
    to: &str,
    company: Option<(&CompanySize, f64)>,
) -> Result<Routes, PathError> {
    if ladder.role(to).is_none() {
        return Err(PathError::UnknownRole(to.to_owned()));
    }
    let (label, first_steps): (String, Vec<Step>) = match start {
        Start::Role(id) => {
            if ladder.role(id).is_none() {
                return Err(PathError::UnknownRole(id.clone()));
            }
            (id.clone(), Vec::new())
        }
        Start::Background(b) => {
            let entry = ladder
                .entry_points
                .iter()
                .find(|e| e.id == *b)
                .ok_or_else(|| PathError::UnknownBackground {
                    given: b.clone(),
                    known: ladder
                        .entry_points
                        .iter()
                        .map(|e| e.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            let from = Start::Background(entry.id.clone()).to_string();
            let steps = entry
                .leads_to
                .iter()
                .map(|role| Step {
                    from: from.clone(),
                    to: role.to_string(),
                    kind: TransitionKind::Entry.as_str(),
                    years_min: 0.0,
                    years_max: 0.0,
                    years_default: false,
                    sources: ladder.source_titles(&entry.summary.sources),
                    note: Some(entry.summary.text.clone()),
                })
                .collect();
            (from, steps)
        }
    };
    let allowed = |role: &str| -> bool {
        match company {
            Some((c, _)) => role == to || c.roles.iter().any(|r| r == role),
            None => true,
        }
    };
    let speed = company.map_or(1.0, |(_, s)| s.max(0.01));
    // The graph: one node per role, plus the background's entry as the last
    // node when the route starts from one. Edge ids index `moves`.
    let n = ladder.roles.len();
    let index = |id: &str| ladder.roles.iter().position(|r| r.id == id);
    let mut ids: Vec<&str> = ladder.roles.iter().map(|r| r.id.as_str()).collect();
    ids.push(&label);
    let mut by_id: Vec<usize> = (0..ids.len()).collect();
    by_id.sort_by_key(|&i| ids[i]);
    let mut rank = vec![0u32; ids.len()];
    for (r, &i) in by_id.iter().enumerate() {
        rank[i] = r as u32;
    }
    let mut moves: Vec<Step> = Vec::new();
    let mut out: Vec<Vec<ksp::Edge>> = vec![Vec::new(); n + 1];
    for (from, role) in ladder.roles.iter().enumerate() {
        for t in ladder.transitions_from(role.id.as_str()) {
            // Off-ramps leave the ladder: only as the last step to the target.
            if !allowed(t.to.as_str()) || (t.kind == TransitionKind::OffRamp && t.to != to) {
                continue;
            }
            let Some(next) = index(t.to.as_str()) else {
                continue;
            };
            let step = move_step(ladder, role.id.as_str(), t, speed);
            out[from].push(edge(next, &step, moves.len()));
            moves.push(step);
        }
    }
    let origin = match start {
        Start::Role(id) => index(id).expect("checked above"),
        Start::Background(_) => {
            for step in first_steps {
                let Some(next) = index(&step.to).filter(|_| allowed(&step.to)) else {
                    continue;
                };
                out[n].push(edge(next, &step, moves.len()));
                moves.push(step);
            }
            n
        }
    };
    let graph = ksp::Graph { rank, out };
    let target = index(to).expect("checked above");
    // A role is no route to itself (a background always is: it is not a role).
    let paths = if origin == target {
        Vec::new()
    } else {
        ksp::k_best(&graph, origin, target, MAX_ROUTES)
    };
    let found = paths
        .into_iter()
        .filter(|p| p.edges.len() <= MAX_STEPS)
        .map(|p| {
            let steps: Vec<Step> = p.edges.iter().map(|e| moves[e.id].clone()).collect();
            Route {
                years_min: round2(steps.iter().map(|s| s.years_min).sum()),
                years_max: round2(steps.iter().map(|s| s.years_max).sum()),
                steps,
            }
        })
        .collect();
    Ok(Routes {
        from: label,
        to: to.to_owned(),
        company: company.map(|(c, _)| c.id.clone()),
        routes: found,
    })
}

/// A route edge for `step`, with its years in hundredths.
fn edge(to: usize, step: &Step, id: usize) -> ksp::Edge {
    ksp::Edge {
        to,
        min: (step.years_min * 100.0).round() as i64,
        max: (step.years_max * 100.0).round() as i64,
        id,
    }
}

/// The step a transition out of `from` makes, its years divided by `speed`.
fn move_step(ladder: &Ladder, from: &str, t: &Transition, speed: f64) -> Step {
    let (min, max, default) = match &t.years {
        Some(y) => (y.min / speed, y.max.unwrap_or(y.min) / speed, y.is_default),
        None => (0.0, 0.0, false),
    };
    let sources = ladder.source_titles(t.notes.iter().flat_map(|n| &n.sources));
    Step {
        from: from.to_owned(),
        to: t.to.to_string(),
        kind: t.kind.as_str(),
        years_min: round2(min),
        years_max: round2(max),
        years_default: default,
        sources,
        note: t.notes.first().map(|n| n.text.clone()),
    }
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;

    #[test]
    fn apm_to_director_fastest_first() {
        let l = embedded::ladder();
        let r = routes(l, &Start::Role("apm".into()), "director", None).unwrap();
        assert!(r.routes.len() >= 5);
        let first: Vec<&str> = r.routes[0].steps.iter().map(|s| s.to.as_str()).collect();
        assert_eq!(first, ["pm", "director"]);
        for pair in r.routes.windows(2) {
            assert!(pair[0].years_min <= pair[1].years_min);
        }
        for route in &r.routes {
            assert_eq!(route.steps.last().unwrap().to, "director");
            assert_eq!(route.steps[0].from, "apm");
            for s in &route.steps {
                assert!(s.years_min <= s.years_max);
            }
        }
    }

    #[test]
    fn from_a_background_and_at_a_startup() {
        let l = embedded::ladder();
        let r = routes(
            l,
            &Start::Background("career-switcher".into()),
            "senior-pm",
            None,
        )
        .unwrap();
        assert!(
            r.routes
                .iter()
                .all(|x| x.steps[0].kind == "entry"
                    && x.steps[0].from == "background:career-switcher")
        );
        let startup = l.company_size("startup").unwrap();
        let fast = routes(
            l,
            &Start::Role("pm".into()),
            "director",
            Some((startup, 2.0)),
        )
        .unwrap();
        for route in &fast.routes {
            for s in &route.steps[..route.steps.len() - 1] {
                assert!(
                    startup.roles.iter().any(|r| r.as_str() == s.to),
                    "{} is not at a startup",
                    s.to
                );
            }
        }
        let slow = routes(l, &Start::Role("pm".into()), "director", None).unwrap();
        assert!(fast.routes[0].years_max < slow.routes[0].years_max);
    }

    #[test]
    fn off_ramps_only_end_a_route_and_errors_name_the_problem() {
        let l = embedded::ladder();
        let r = routes(l, &Start::Role("pm".into()), "ceo", None).unwrap();
        assert!(
            r.routes
                .iter()
                .all(|x| x.steps.iter().filter(|s| s.kind == "off-ramp").count() == 1)
        );
        assert_eq!(
            routes(l, &Start::Role("pm".into()), "nope", None).unwrap_err(),
            PathError::UnknownRole("nope".into())
        );
        assert!(
            routes(l, &Start::Background("astronaut".into()), "pm", None)
                .unwrap_err()
                .to_string()
                .contains("new-grad")
        );
        assert!(
            routes(l, &Start::Role("cpo".into()), "intern", None)
                .unwrap()
                .routes
                .is_empty()
        );
    }
}
