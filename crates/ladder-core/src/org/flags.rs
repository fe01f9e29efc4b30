//! Flags: titles that look inflated or deflated, and people long in their
//! level. Each names the person and says why in words a product leader can
//! act on; the checks are those the seeds describe (titles re-levelled by
//! company size, leaders without a team, senior titles held without the
//! experience, a title the person's assessment does not bear out).

use std::collections::HashMap;

use serde::Serialize;

use super::tree::Tree;
use super::{OrgOptions, PersonRef, Seen, tier_rank};
use crate::model::{CompanySize, Ladder, Tier, Track, TransitionKind};
use crate::roster::Roster;

/// What kind of flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagKind {
    /// The company size re-levels the title (a startup "Director").
    Relevelled,
    /// A leadership title with nobody reporting.
    NoReports,
    /// A leadership title with fewer layers below than the level implies.
    FewLayers,
    /// A senior individual-contributor title held for fewer years than the
    /// ladder expects of experience (leaders are judged by their layers).
    FewYears,
    /// The latest assessment places the person elsewhere.
    Placement,
}

impl FlagKind {
    /// The kind as the report writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            FlagKind::Relevelled => "relevelled",
            FlagKind::NoReports => "no-reports",
            FlagKind::FewLayers => "few-layers",
            FlagKind::FewYears => "few-years",
            FlagKind::Placement => "placement",
        }
    }

    /// The kind in words, for a heading or a table cell.
    pub fn label(self) -> &'static str {
        match self {
            FlagKind::Relevelled => "Above the company size",
            FlagKind::NoReports => "Leader without reports",
            FlagKind::FewLayers => "Fewer layers than the title",
            FlagKind::FewYears => "Fewer years than the title",
            FlagKind::Placement => "Assessed elsewhere",
        }
    }
}

/// One flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Flag {
    /// Who.
    pub person: PersonRef,
    /// What kind.
    pub kind: FlagKind,
    /// Why, in words.
    pub reason: String,
}

/// Someone longer in their level than 90 in 100 simulated careers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TimeInLevel {
    /// Who.
    pub person: PersonRef,
    /// Their role's title.
    pub role: String,
    /// Years since their start date.
    pub years: f64,
    /// The 90th percentile of years before the next step, simulated.
    pub p90: f64,
    /// The next step it was simulated to.
    pub next: String,
}

/// What the checks read.
pub(crate) struct Context<'a> {
    pub ladder: &'a Ladder,
    pub profile: &'a CompanySize,
    pub tree: &'a Tree,
    pub seen: &'a [Seen],
    pub height: &'a [u32],
    pub roster: &'a Roster,
    pub options: &'a OrgOptions,
}

/// Layers a role implies below it, at the least: none for a role that
/// manages nobody, else one more than the shallowest role it manages (an
/// individual contributor's own mentoring is not a layer). A VP who manages
/// directors or group PMs, who manage PMs, implies two.
fn layers_implied(ladder: &Ladder, id: &str, depth: usize) -> u32 {
    let Some(role) = ladder.role(id) else {
        return 0;
    };
    if role.manages.is_empty() || depth > ladder.roles.len() {
        return 0;
    }
    1 + role
        .manages
        .iter()
        .filter_map(|m| ladder.role(m.as_str()))
        .map(|m| {
            if m.track == Track::Management {
                layers_implied(ladder, m.id.as_str(), depth + 1)
            } else {
                0
            }
        })
        .min()
        .unwrap_or(0)
}

/// Years from `start` to `as_of`.
fn years_between(start: crate::roster::Day, as_of: crate::roster::Day) -> f64 {
    (as_of - start).whole_days() as f64 / 365.25
}

/// Every flag, and who is past the 90th percentile of time in level.
pub(crate) fn find(
    cx: &Context<'_>,
    person: &dyn Fn(usize) -> PersonRef,
) -> (Vec<Flag>, Vec<TimeInLevel>) {
    let ladder = cx.ladder;
    let mut flags = Vec::new();
    let mut past = Vec::new();
    let mut p90_of: HashMap<usize, Option<(f64, String)>> = HashMap::new();
    let size_words = super::with_article(&cx.profile.name.to_lowercase());
    for (k, s) in cx.seen.iter().enumerate() {
        let Some(r) = s.role() else { continue };
        let role = &ladder.roles[r];
        let p = cx.roster.person(cx.tree.row_of(k));
        let mut flag = |kind: FlagKind, reason: String| {
            flags.push(Flag {
                person: person(k),
                kind,
                reason,
            });
        };
        if let Some(rl) = cx.profile.relevel.iter().find(|x| x.title == role.id) {
            let effective = ladder
                .role(rl.effective.as_str())
                .map_or(rl.effective.as_str(), |e| e.title.as_str());
            flag(
                FlagKind::Relevelled,
                format!(
                    "at {size_words}, {} usually does {}'s work: {}",
                    super::with_article(&role.title),
                    super::with_article(effective),
                    rl.reason.text
                ),
            );
        }
        let leader =
            role.track == Track::Management && tier_rank(role.tier) >= tier_rank(Tier::Leadership);
        if leader {
            let reports = cx.tree.reports[k];
            let implied = layers_implied(ladder, role.id.as_str(), 0);
            if reports == 0 {
                flag(
                    FlagKind::NoReports,
                    format!("{} with nobody reporting to them in the roster", role.title),
                );
            } else if cx.height[k] < implied {
                flag(
                    FlagKind::FewLayers,
                    format!(
                        "{} with {} layer{} below; the role implies {implied}",
                        role.title,
                        cx.height[k],
                        if cx.height[k] == 1 { "" } else { "s" }
                    ),
                );
            }
        }
        let years = p.start.map(|d| years_between(d, cx.options.as_of));
        if let (Some(years), Some(min)) = (
            years,
            role.experience
                .as_ref()
                .and_then(|e| e.years.as_ref())
                .map(|y| y.min),
        ) && !leader
            && tier_rank(role.tier) >= tier_rank(Tier::Tenured)
            && years < min
        {
            flag(
                FlagKind::FewYears,
                format!(
                    "{:.1} years since the start date on the roster; the ladder expects {} years of experience of {}",
                    years,
                    role.experience
                        .as_ref()
                        .and_then(|e| e.years.as_ref())
                        .map_or_else(String::new, ToString::to_string),
                    super::with_article(&role.title)
                ),
            );
        }
        if let Some(placed) = p.email.and_then(|e| cx.options.placements.get(e))
            && placed != role.id.as_str()
        {
            let placed_title = ladder
                .role(placed)
                .map_or(placed.as_str(), |r| r.title.as_str());
            flag(
                FlagKind::Placement,
                format!("titled {} but assessed as {placed_title}", role.title),
            );
        }
        if let Some(years) = years {
            let p90 = p90_of
                .entry(r)
                .or_insert_with(|| {
                    p90_next_step(ladder, cx.profile, role.id.as_str(), cx.options.runs)
                })
                .clone();
            if let Some((p90, next)) = p90
                && years > p90
            {
                past.push(TimeInLevel {
                    person: person(k),
                    role: role.title.clone(),
                    years: (years * 10.0).round() / 10.0,
                    p90,
                    next,
                });
            }
        }
    }
    flags.sort_by_key(|f| (f.person.row, f.kind.as_str()));
    past.sort_by(|a, b| {
        b.years
            .total_cmp(&a.years)
            .then(a.person.row.cmp(&b.person.row))
    });
    (flags, past)
}

/// The 90th percentile of simulated years from `role` to its first
/// promotion, at this company size, and that step's title.
fn p90_next_step(
    ladder: &Ladder,
    profile: &CompanySize,
    role: &str,
    runs: u64,
) -> Option<(f64, String)> {
    let next = ladder
        .transitions_from(role)
        .find(|t| t.kind == TransitionKind::Promotion)?;
    let outcome = crate::simulate::simulate(
        ladder,
        &crate::simulate::Request {
            from: role,
            to: next.to.as_str(),
            company: profile.id.as_str(),
            runs: runs.max(100),
            seed: 1,
        },
    )
    .ok()?;
    let title = ladder
        .role(next.to.as_str())
        .map_or_else(|| next.to.to_string(), |r| r.title.clone());
    outcome.p90.map(|p| ((p * 10.0).round() / 10.0, title))
}
