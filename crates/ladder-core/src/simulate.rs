//! Monte Carlo of careers: how long from one role to another, at one kind of
//! company, and how many get there at all.
//!
//! Each simulated person has a personal speed (log-normal around the company's
//! speed, with the company's spread). In a role, every move that can still lead
//! to the target draws a waiting time uniformly from its typical years; the
//! earliest wins (competing risks), so faster routes are taken more often without
//! being forced. Arriving needs a seat: with the role's seat share the move
//! happens, otherwise the person waits another round. Annual-cycle companies
//! round waits up to whole years. People leave the path at the yearly attrition
//! rate, and careers are followed for `max_years`.
//!
//! One seeded xoshiro256++ generator drives the runs in order, so a seed gives
//! the same result on every machine.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_distr::StandardNormal;
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::Serialize;

use crate::model::{CompanyPromotion, Cycle, Ladder, TransitionKind};

/// What to simulate.
#[derive(Debug, Clone)]
pub struct Request<'a> {
    /// The starting role.
    pub from: &'a str,
    /// The target role.
    pub to: &'a str,
    /// The company-size profile (`startup`, `scaleup`, `enterprise`); empty
    /// for the ladder's only profile, or a neutral pace when it has none.
    pub company: &'a str,
    /// How many careers.
    pub runs: u64,
    /// The seed.
    pub seed: u64,
}

/// The result of a simulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Outcome {
    /// The starting role.
    pub from: String,
    /// The target role.
    pub to: String,
    /// The company-size profile; empty when the ladder has none and a
    /// neutral pace was used.
    pub company: String,
    /// How many careers were simulated.
    pub runs: u64,
    /// The seed.
    pub seed: u64,
    /// How many reached the target.
    pub reached: u64,
    /// Years to the target: 10th, 50th and 90th percentile of those who reached
    /// it (absent when nobody did).
    pub p10: Option<f64>,
    /// The median.
    pub p50: Option<f64>,
    /// The 90th percentile.
    pub p90: Option<f64>,
    /// Share of all careers that reached the target within 5, 10 and 20
    /// years, keyed by the years (JSON writes the keys as `"5"`, `"10"`, `"20"`).
    pub reached_share: BTreeMap<u32, f64>,
    /// Careers that reached the target, by whole years taken (index = years).
    pub histogram: Vec<u64>,
    /// The parameters used.
    pub parameters: Parameters,
}

/// The parameters a simulation used, for the record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameters {
    /// Speed factor of the company type.
    pub speed: f64,
    /// Spread of personal speed.
    pub spread: f64,
    /// `continuous` or `annual`.
    pub cycle: &'static str,
    /// Yearly attrition.
    pub attrition_per_year: f64,
    /// Years followed.
    pub max_years: f64,
    /// True when any of these numbers is a default rather than a source's.
    pub defaults: bool,
}

/// Why a simulation could not run.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SimulationError {
    /// A role is not in the ladder.
    #[error("no role has the id `{0}`")]
    UnknownRole(String),
    /// The ladder has promotion profiles and none was chosen.
    #[error("choose how the company promotes with --company: {0}")]
    ChooseCompany(String),
    /// A profile was named, and the ladder has none.
    #[error(
        "the ladder has no promotion profiles ([[simulation.companies]]), so `{0}` is not one; leave --company out to simulate at a neutral pace, or add profiles to the ladder file"
    )]
    NoProfiles(String),
    /// The ladder has no simulation parameters for the company type.
    #[error("the ladder has no [[simulation.companies]] entry for `{given}`; it has: {known}")]
    UnknownCompany {
        /// What was given.
        given: String,
        /// The profiles it has, comma-separated.
        known: String,
    },
    /// Zero runs.
    #[error("--runs must be at least 1")]
    NoRuns,
}

struct Edge {
    to: usize,
    min: f64,
    span: f64,
    seat: f64,
}

/// Runs the simulation.
pub fn simulate(ladder: &Ladder, req: &Request<'_>) -> Result<Outcome, SimulationError> {
    let ix = |id: &str| ladder.roles.iter().position(|r| r.id == id);
    let from = ix(req.from).ok_or_else(|| SimulationError::UnknownRole(req.from.to_owned()))?;
    let to = ix(req.to).ok_or_else(|| SimulationError::UnknownRole(req.to.to_owned()))?;
    if req.runs == 0 {
        return Err(SimulationError::NoRuns);
    }
    let spec = &ladder.simulation;
    let known = || {
        spec.companies
            .iter()
            .map(|c| c.profile.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    // A company's own ladder may say nothing of how fast it promotes: a
    // neutral pace then, marked as a default like every number no source gives.
    let neutral = CompanyPromotion {
        profile: String::new(),
        speed: 1.0,
        spread: 0.25,
        cycle: Cycle::Continuous,
        is_default: true,
        note: None,
    };
    let company = match (req.company, spec.companies.as_slice()) {
        ("", []) => &neutral,
        ("", [only]) => only,
        ("", _) => return Err(SimulationError::ChooseCompany(known())),
        (given, []) => return Err(SimulationError::NoProfiles(given.to_owned())),
        (given, all) => all.iter().find(|c| c.profile == given).ok_or_else(|| {
            SimulationError::UnknownCompany {
                given: given.to_owned(),
                known: known(),
            }
        })?,
    };
    let profile = ladder.company_size(&company.profile);
    let present = |i: usize| {
        i == from
            || i == to
            || profile.is_none_or(|p| p.roles.iter().any(|r| *r == ladder.roles[i].id))
    };
    let default_years = spec
        .default_years
        .clone()
        .unwrap_or(crate::model::ValueRange::new(2.0, 5.0));
    let attrition = spec
        .attrition_per_year
        .as_ref()
        .map_or(0.0, |a| a.value.clamp(0.0, 0.999));
    let defaults = company.is_default
        || spec
            .attrition_per_year
            .as_ref()
            .is_some_and(|a| a.is_default)
        || ladder
            .transitions
            .iter()
            .any(|t| t.years.as_ref().is_some_and(|y| y.is_default));

    // Moves that can still lead to the target: reverse reachability.
    let n = ladder.roles.len();
    let mut edges: Vec<Vec<Edge>> = (0..n).map(|_| Vec::new()).collect();
    for t in &ladder.transitions {
        let (Some(a), Some(b)) = (ix(t.from.as_str()), ix(t.to.as_str())) else {
            continue;
        };
        if !present(a) || !present(b) || (t.kind == TransitionKind::OffRamp && b != to) {
            continue;
        }
        let years = t.years.as_ref().unwrap_or(&default_years);
        let max = years.max.unwrap_or(years.min * 1.5).max(years.min);
        let seat = spec
            .seats
            .get(t.to.as_str())
            .copied()
            .unwrap_or(1.0)
            .clamp(0.01, 1.0);
        edges[a].push(Edge {
            to: b,
            min: years.min.max(0.05),
            span: max - years.min.max(0.05),
            seat,
        });
    }
    let mut reaches = vec![false; n];
    reaches[to] = true;
    loop {
        let mut changed = false;
        for a in 0..n {
            if !reaches[a] && edges[a].iter().any(|e| reaches[e.to]) {
                reaches[a] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for list in &mut edges {
        list.retain(|e| reaches[e.to]);
    }

    let leave_rate = if attrition > 0.0 {
        -(1.0 - attrition).ln()
    } else {
        0.0
    };
    let annual = company.cycle == Cycle::Annual;
    let max_years = spec.max_years.max(1.0);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(req.seed);
    let mut times: Vec<f32> = Vec::with_capacity(req.runs.min(1 << 24) as usize);
    let mut histogram = vec![0u64; max_years.ceil() as usize + 1];
    for _ in 0..req.runs {
        let z: f64 = rng.sample(StandardNormal);
        let personal = company.speed.max(0.01) * (company.spread * z).exp();
        let leave_at = if leave_rate > 0.0 {
            -(1.0 - rng.random::<f64>()).ln() / leave_rate
        } else {
            f64::INFINITY
        };
        let limit = leave_at.min(max_years);
        let (mut role, mut t) = (from, 0.0f64);
        while role != to {
            let mut best = f64::INFINITY;
            let mut choice = None;
            for e in &edges[role] {
                let w = (e.min + rng.random::<f64>() * e.span) / personal;
                if w < best {
                    best = w;
                    choice = Some(e);
                }
            }
            let Some(e) = choice else { break };
            if annual {
                best = best.ceil().max(1.0);
            }
            t += best;
            if t > limit {
                break;
            }
            if rng.random::<f64>() < e.seat {
                role = e.to;
            }
        }
        if role == to {
            times.push(t as f32);
            let last = histogram.len() - 1;
            histogram[(t.floor() as usize).min(last)] += 1;
        }
    }
    let reached = times.len() as u64;
    let share = |years: f64| {
        round3(times.iter().filter(|&&x| f64::from(x) <= years).count() as f64 / req.runs as f64)
    };
    let mut reached_share = BTreeMap::new();
    for y in [5u32, 10, 20] {
        reached_share.insert(y, share(f64::from(y)));
    }
    let (p10, p50, p90) = if times.is_empty() {
        (None, None, None)
    } else {
        (
            Some(percentile(&mut times, 0.1)),
            Some(percentile(&mut times, 0.5)),
            Some(percentile(&mut times, 0.9)),
        )
    };
    while histogram.len() > 1 && histogram.last() == Some(&0) {
        histogram.pop();
    }
    Ok(Outcome {
        from: req.from.to_owned(),
        to: req.to.to_owned(),
        company: company.profile.clone(),
        runs: req.runs,
        seed: req.seed,
        reached,
        p10,
        p50,
        p90,
        reached_share,
        histogram,
        parameters: Parameters {
            speed: company.speed,
            spread: company.spread,
            cycle: if annual { "annual" } else { "continuous" },
            attrition_per_year: attrition,
            max_years,
            defaults,
        },
    })
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The `q` quantile (nearest rank), rounded to a tenth of a year.
fn percentile(times: &mut [f32], q: f64) -> f64 {
    let k = ((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1;
    let (_, v, _) = times.select_nth_unstable_by(k, f32::total_cmp);
    (f64::from(*v) * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;

    fn run(from: &str, to: &str, company: &str, runs: u64, seed: u64) -> Outcome {
        simulate(
            embedded::ladder(),
            &Request {
                from,
                to,
                company,
                runs,
                seed,
            },
        )
        .unwrap()
    }

    #[test]
    fn a_seed_gives_the_same_result_and_percentiles_are_ordered() {
        let a = run("apm", "director", "enterprise", 20_000, 1);
        assert_eq!(a, run("apm", "director", "enterprise", 20_000, 1));
        assert_ne!(a, run("apm", "director", "enterprise", 20_000, 2));
        let (p10, p50, p90) = (a.p10.unwrap(), a.p50.unwrap(), a.p90.unwrap());
        assert!(p10 <= p50 && p50 <= p90, "{p10} {p50} {p90}");
        let s = |k: u32| a.reached_share[&k];
        assert!(s(5) <= s(10) && s(10) <= s(20) && s(20) <= 1.0);
        assert_eq!(a.histogram.iter().sum::<u64>(), a.reached);
    }

    #[test]
    fn startups_are_faster_and_the_top_is_rarer() {
        let startup = run("pm", "director", "startup", 20_000, 7);
        let enterprise = run("pm", "director", "enterprise", 20_000, 7);
        assert!(startup.p50.unwrap() < enterprise.p50.unwrap());
        let vp = run("pm", "vp", "enterprise", 20_000, 7);
        let cpo = run("pm", "cpo", "enterprise", 20_000, 7);
        assert!(
            cpo.reached < vp.reached,
            "a CPO seat is rarer than a VP seat"
        );
        // Enterprise promotions come in whole years.
        assert_eq!(enterprise.p10.unwrap().fract(), 0.0);
    }

    #[test]
    fn bad_requests_are_refused() {
        let l = embedded::ladder();
        let req = |from, to, company, runs| Request {
            from,
            to,
            company,
            runs,
            seed: 1,
        };
        assert_eq!(
            simulate(l, &req("x", "pm", "startup", 10)).unwrap_err(),
            SimulationError::UnknownRole("x".into())
        );
        assert!(
            simulate(l, &req("pm", "vp", "mega", 10))
                .unwrap_err()
                .to_string()
                .contains("startup, scaleup, enterprise")
        );
        assert_eq!(
            simulate(l, &req("pm", "vp", "startup", 0)).unwrap_err(),
            SimulationError::NoRuns
        );
        // Nobody climbs down the ladder.
        let down = simulate(l, &req("cpo", "pm", "enterprise", 100)).unwrap();
        assert_eq!((down.reached, down.p50), (0, None));
    }
}
