//! The public tools on the ladder in force: resolve a job title, compare
//! two roles, plan routes from a role or a background, and simulate how
//! long a move takes. Anyone may use them; they read the ladder and change
//! nothing. The simulation is CPU work and runs on the blocking pool.

use ladder_core::Ladder;
use ladder_core::company::{SizeSpec, profile, profile_with_speed};
use ladder_core::compare::Comparison;
use ladder_core::path::{Routes, Start};
use ladder_core::resolve::Scratch;
use ladder_core::simulate::Outcome;
use serde::Serialize;

use crate::{App, AppError, Result};

/// Longest title the resolver takes from a request, in bytes.
pub const MAX_TITLE: usize = 500;
/// Most careers one simulation request may run.
pub const MAX_RUNS: u64 = 200_000;
/// Careers simulated when the caller does not say.
pub const DEFAULT_RUNS: u64 = 10_000;

/// A job title resolved to a role of the ladder in force.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TitleMatch {
    /// The title as given.
    pub title: String,
    /// The role id (`other` when no role fits).
    pub role: String,
    /// The role's title, when a role fits.
    pub role_title: Option<String>,
    /// The kind of work (`product-management`, `adjacent`, …).
    pub function: &'static str,
    /// How sure the resolver is, 0 to 1, in hundredths.
    pub confidence: f64,
    /// The seniority word found (`senior`, `level-2`), if any.
    pub seniority_modifier: Option<String>,
    /// The specialisation as written ("Growth"), if any.
    pub area: Option<String>,
    /// Other candidate roles with their scores, best first.
    pub alternatives: Vec<Alternative>,
    /// The role performed at the given company size, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_role: Option<String>,
    /// Why the effective role differs, if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_reason: Option<String>,
    /// Why the title could not be read, if so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<&'static str>,
}

/// A candidate role of a [`TitleMatch`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alternative {
    /// The role id.
    pub role: String,
    /// Its score, 0 to 1, in hundredths.
    pub score: f64,
}

/// A score between 0 and 1, rounded to hundredths (as `ladder titles` writes it).
fn hundredths(x: f32) -> f64 {
    (f64::from(x.clamp(0.0, 1.0)) * 100.0).round() / 100.0
}

fn non_blank(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

impl App {
    /// Resolves a job title; with a company size (head-count or profile id)
    /// also the role it amounts to there.
    pub fn resolve_title(&self, title: &str, company_size: Option<&str>) -> Result<TitleMatch> {
        if title.len() > MAX_TITLE {
            return Err(AppError::BadRequest(format!(
                "the title is longer than {MAX_TITLE} bytes"
            )));
        }
        let in_force = self.ladder();
        let resolver = &in_force.resolver;
        let table = match non_blank(company_size) {
            Some(s) => {
                let spec: SizeSpec = s.parse().expect("parsing a size never fails");
                let p = profile(&in_force.ladder, &spec)
                    .map_err(|e| AppError::BadRequest(e.to_string()))?;
                Some(resolver.relevel_table(p))
            }
            None => None,
        };
        let mut scratch = Scratch::default();
        let r = resolver.resolve(title, &mut scratch);
        let relevel = table.as_ref().map(|t| &t[r.role as usize]);
        let role = resolver.role_id(r.role).to_owned();
        Ok(TitleMatch {
            title: title.to_owned(),
            role_title: in_force.ladder.role(&role).map(|x| x.title.clone()),
            role,
            function: r.function.as_str(),
            confidence: hundredths(r.confidence),
            seniority_modifier: r.seniority.map(|w| resolver.word_name(w).to_owned()),
            area: r.area.map(str::to_owned),
            alternatives: r
                .alternatives()
                .iter()
                .map(|(role, score)| Alternative {
                    role: resolver.role_id(*role).to_owned(),
                    score: hundredths(*score),
                })
                .collect(),
            effective_role: relevel.map(|rl| resolver.role_id(rl.effective).to_owned()),
            effective_reason: relevel.and_then(|rl| rl.reason.clone()),
            error: r.error,
        })
    }

    /// Two roles of the ladder in force side by side, handed to `show`
    /// with the ladder (the comparison borrows it).
    pub fn compare<R>(
        &self,
        from: &str,
        to: &str,
        show: impl FnOnce(&Ladder, &Comparison<'_>) -> R,
    ) -> Result<R> {
        let in_force = self.ladder();
        let l = &in_force.ladder;
        let a = l.role(from).ok_or_else(|| unknown_role(from))?;
        let b = l.role(to).ok_or_else(|| unknown_role(to))?;
        Ok(show(l, &ladder_core::compare::compare(l, a, b)))
    }

    /// Routes from a role or background to a role, fastest first; with a
    /// company-size profile, only its roles and at its speed.
    pub fn plan(&self, from: &Start, to: &str, company: Option<&str>) -> Result<Routes> {
        let in_force = self.ladder();
        let l = &in_force.ladder;
        let company = match non_blank(company) {
            Some(c) => {
                Some(profile_with_speed(l, c).map_err(|e| AppError::BadRequest(e.to_string()))?)
            }
            None => None,
        };
        ladder_core::path::routes(l, from, to, company)
            .map_err(|e| AppError::BadRequest(e.to_string()))
    }

    /// Simulates `runs` careers (default [`DEFAULT_RUNS`], at most
    /// [`MAX_RUNS`]) from one role to another at a company-size profile
    /// (default `scaleup`), on the blocking pool.
    pub async fn simulate(
        &self,
        from: &str,
        to: &str,
        company: Option<&str>,
        runs: Option<u64>,
        seed: Option<u64>,
    ) -> Result<Outcome> {
        let runs = runs.unwrap_or(DEFAULT_RUNS);
        if !(1..=MAX_RUNS).contains(&runs) {
            return Err(AppError::BadRequest(format!(
                "runs is {runs}; use 1 to {MAX_RUNS}"
            )));
        }
        let ladder = self.ladder().ladder.clone();
        let (from, to) = (from.to_owned(), to.to_owned());
        let company = non_blank(company).unwrap_or("scaleup").to_owned();
        let seed = seed.unwrap_or(1);
        tokio::task::spawn_blocking(move || {
            let req = ladder_core::simulate::Request {
                from: &from,
                to: &to,
                company: &company,
                runs,
                seed,
            };
            ladder_core::simulate::simulate(&ladder, &req)
        })
        .await
        .map_err(|e| AppError::Internal(format!("the simulation stopped: {e}")))?
        .map_err(|e| AppError::BadRequest(e.to_string()))
    }
}

fn unknown_role(id: &str) -> AppError {
    AppError::BadRequest(format!(
        "no role has the id `{id}`; GET /api/v1/roles lists them"
    ))
}
