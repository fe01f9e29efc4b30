//! Org analytics: the shape of a product org, from its roster, against the
//! ladder — headcount per rung, spans and layers, PMs against engineers and
//! designers, and the titles that look inflated or stuck.
//!
//! It works on a roster alone (no server): each title goes through the
//! ladder's resolver once per distinct title, the manager tree is checked
//! and walked without recursion (see [`tree`]), and every figure is a count
//! or a sum over it, so a million people take a second or two. Rows that
//! cannot be used are reported by row number and left out; every flag names
//! the person and says why.

mod flags;
mod ratios;
pub(crate) mod tree;

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::company::{SizeError, SizeSpec};
use crate::model::{Ladder, Measure, Tier, Track};
use crate::resolve::{Function, Resolver, Scratch};
use crate::roster::{Day, Roster, RowProblem};

pub use flags::{Flag, FlagKind, TimeInLevel};

/// What an analysis needs besides the roster.
#[derive(Debug, Clone)]
pub struct OrgOptions {
    /// The day years in role are counted to.
    pub as_of: Day,
    /// The company size; `None` takes the roster's head-count.
    pub size: Option<SizeSpec>,
    /// Assessed placements by email (role ids), where assessments exist.
    pub placements: HashMap<String, String>,
    /// Titles known to be a role of the ladder (title → role id), which
    /// skip the resolver: the app's own people, whose role is set, are
    /// written with their role's title.
    pub titles: HashMap<String, String>,
    /// Careers simulated per role for the time-in-level percentiles.
    pub runs: u64,
}

/// A person, as the report names them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRef {
    /// Row in the roster file.
    pub row: u64,
    /// Name.
    pub name: String,
    /// Email, when the roster has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Title as written.
    pub title: String,
}

/// The company-size profile the report compares against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SizeUsed {
    /// Profile id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// How it was chosen, in words.
    pub chosen_by: String,
}

/// Head-count by function, people leads apart.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FunctionCounts {
    /// Product managers on the IC track.
    pub product_ic: usize,
    /// Product managers on the management track and executives.
    pub product_leads: usize,
    /// Engineers who do not lead people.
    pub engineering_ic: usize,
    /// Engineering managers and executives.
    pub engineering_leads: usize,
    /// Designers who do not lead people.
    pub design_ic: usize,
    /// Design managers and executives.
    pub design_leads: usize,
    /// Roles beside product management (program managers, product owners…).
    pub adjacent: usize,
    /// Everyone else, off-ramps (GM, COO, CEO) included.
    pub other: usize,
}

/// One rung of the product ladder and who is on it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rung {
    /// Role id.
    pub role: String,
    /// Its title.
    pub title: String,
    /// Track (`ic`, `management`).
    pub track: &'static str,
    /// Tier.
    pub tier: &'static str,
    /// Its height on the ladder (0 at the bottom; roles a move apart differ
    /// by one), so the two tracks can be set side by side.
    pub level: usize,
    /// People on it.
    pub people: usize,
    /// Whether the company-size profile expects the role.
    pub expected: bool,
    /// What stands out, if anything: `missing`, `top-heavy`, `unexpected`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Spans of control at one layer of the org (1 = reports to the top).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanRow {
    /// Layer of the managers (0 = the top of a tree).
    pub layer: u32,
    /// Managers at that layer.
    pub managers: usize,
    /// Median direct reports.
    pub median: f64,
    /// Fewest.
    pub min: u32,
    /// Most.
    pub max: u32,
}

/// How many managers have a given number of direct reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanCount {
    /// Direct reports.
    pub reports: u32,
    /// Managers with that many.
    pub managers: usize,
}

/// Spans of control.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Spans {
    /// Per layer, top first.
    pub by_layer: Vec<SpanRow>,
    /// Managers by their number of direct reports, fewest first (only
    /// numbers some manager has).
    pub histogram: Vec<SpanCount>,
    /// Managers with exactly one report.
    pub one_report: Vec<PersonRef>,
    /// People with no manager in the roster (the top of the org among them).
    pub no_manager: Vec<PersonRef>,
}

/// Layers between the top product leader and each IC product manager.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Layers {
    /// The top product leader: the product person highest on the ladder
    /// (most people below them on a tie).
    pub top: Option<PersonRef>,
    /// (layers, IC product managers that many layers below the top).
    pub ics_by_layers: Vec<(u32, usize)>,
    /// The most layers.
    pub max: u32,
    /// IC product managers outside the top leader's org.
    pub outside: usize,
}

/// PMs against engineers and designers (individual contributors only).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RatioRow {
    /// Whose org (`None`: the whole roster).
    pub leader: Option<PersonRef>,
    /// IC product managers.
    pub product_ic: usize,
    /// IC engineers.
    pub engineering_ic: usize,
    /// IC designers.
    pub design_ic: usize,
    /// Engineers per PM (`N` of `1:N`), when there is a PM.
    pub engineers_per_pm: Option<f64>,
    /// The same as `1:N`.
    pub written: String,
}

/// The reference ratio the ladder carries, and where it comes from.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    /// Engineers per PM.
    pub engineers_per_pm: f64,
    /// What the ladder says about it.
    pub note: String,
    /// Its sources (titles).
    pub sources: Vec<String>,
}

/// A roster against one of the ladder's `[[benchmarks]]`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BenchmarkResult {
    /// What is measured (`engineers-per-pm`).
    pub measure: Measure,
    /// The same in words.
    pub label: &'static str,
    /// The roster's figure, when it has one (no PMs: no ratio).
    pub ours: Option<f64>,
    /// The reference (`6–9`).
    pub reference: String,
    /// Its lower bound.
    pub low: f64,
    /// Its upper bound (`None`: open-ended).
    pub high: Option<f64>,
    /// Whether the roster's figure lies in the reference range.
    pub within: Option<bool>,
    /// What the ladder says of it.
    pub note: String,
    /// Its sources, by title.
    pub sources: Vec<String>,
}

/// Everything `ladder org` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrgReport {
    /// People in the figures.
    pub people: usize,
    /// Rows of the file left out.
    pub left_out: usize,
    /// The company-size profile compared against.
    pub size: SizeUsed,
    /// Head-count by function.
    pub functions: FunctionCounts,
    /// The product ladder's rungs, bottom to top by track.
    pub pyramid: Vec<Rung>,
    /// Spans of control.
    pub spans: Spans,
    /// Layers from the top product leader.
    pub layers: Layers,
    /// The whole roster's ratio.
    pub ratio: RatioRow,
    /// The ladder's reference ratio, if it has one.
    pub reference: Option<Reference>,
    /// The roster against each of the ladder's benchmarks.
    pub benchmarks: Vec<BenchmarkResult>,
    /// Each product leader's org (directors and up).
    pub ratios_by_leader: Vec<RatioRow>,
    /// Who a leader's org counts, in words: by teams when the roster has
    /// them, else by reporting lines.
    pub leader_orgs: &'static str,
    /// Titles that look inflated or deflated, each with its reason.
    pub flags: Vec<Flag>,
    /// People past the 90th percentile of time in their level.
    pub past_p90: Vec<TimeInLevel>,
    /// Rows with problems, by row.
    pub problems: Vec<RowProblem>,
}

/// Why no analysis could be made.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum OrgError {
    /// The company size names no profile.
    #[error("{0}; give --company-size as a head-count or a profile id")]
    Size(#[from] SizeError),
    /// The ladder has no company-size profiles.
    #[error(
        "the ladder has no company-size profiles to compare against; add [[company_sizes]] to it"
    )]
    NoProfiles,
}

/// What the analysis knows of one kept person (eight bytes: there is one
/// per person).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seen {
    /// Role index into the ladder's roles, for product roles ([`NO_ROLE`]
    /// for none); see [`Seen::role`].
    role: u32,
    pub function: Function,
    /// Leads people (management track for product roles).
    pub leads: bool,
}

const NO_ROLE: u32 = u32::MAX;

impl Seen {
    fn new(role: Option<usize>, function: Function, leads: bool) -> Seen {
        Seen {
            role: role.map_or(NO_ROLE, |r| r as u32),
            function,
            leads,
        }
    }

    /// Index of the person's product role in the ladder's roles.
    pub(crate) fn role(&self) -> Option<usize> {
        (self.role != NO_ROLE).then_some(self.role as usize)
    }

    fn product_ic(&self) -> bool {
        self.function == Function::ProductManagement && !self.leads
    }
    fn engineering_ic(&self) -> bool {
        self.function == Function::Engineering && !self.leads
    }
    fn design_ic(&self) -> bool {
        self.function == Function::Design && !self.leads
    }
}

use ratios::{ratio_row, round1};

/// Analyses a roster against a ladder.
pub fn analyse(
    ladder: &Ladder,
    resolver: &Resolver,
    roster: &Roster,
    options: &OrgOptions,
) -> Result<OrgReport, OrgError> {
    if ladder.company_sizes.is_empty() {
        return Err(OrgError::NoProfiles);
    }
    let mut problems = roster.problems.clone();
    let tree = tree::build(roster, &mut problems);
    let (spec, chosen_by) = match &options.size {
        Some(s) => (s.clone(), format!("as asked ({s})")),
        None => (
            // An empty roster is compared with the smallest companies.
            SizeSpec::Employees(tree.len().max(1) as u64),
            format!("by the roster's head-count of {}", tree.len()),
        ),
    };
    let profile = crate::company::profile(ladder, &spec)?;

    let role_index: FxHashMap<&str, usize> = ladder
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    // Each distinct title once, by its number in the roster.
    let mut scratch = Scratch::default();
    let mut by_title: Vec<Option<Seen>> = vec![None; roster.values().len()];
    let seen: Vec<Seen> = tree
        .kept
        .iter()
        .map(|&i| {
            let number = roster.title_number(i as usize);
            let title = roster.values()[number].as_str();
            *by_title[number].get_or_insert_with(|| {
                if let Some(&ix) = options
                    .titles
                    .get(title)
                    .and_then(|id| role_index.get(id.as_str()))
                {
                    let track = ladder.roles[ix].track;
                    let function = crate::resolve::function_of(track);
                    return Seen::new(
                        (function == Function::ProductManagement).then_some(ix),
                        function,
                        track != Track::Ic,
                    );
                }
                let r = resolver.resolve(title, &mut scratch);
                let role = role_index.get(resolver.role_id(r.role)).copied();
                let leads = match role.map(|ix| &ladder.roles[ix]) {
                    Some(role) => role.track != Track::Ic,
                    None => r.leads,
                };
                Seen::new(
                    role.filter(|_| r.function == Function::ProductManagement),
                    r.function,
                    leads,
                )
            })
        })
        .collect();
    let person = |k: usize| -> PersonRef {
        let p = roster.person(tree.row_of(k));
        PersonRef {
            row: p.row,
            name: p.name.to_owned(),
            email: p.email.map(str::to_owned),
            title: p.title.to_owned(),
        }
    };

    // Functions and rungs.
    let mut functions = FunctionCounts::default();
    let mut on_rung = vec![0usize; ladder.roles.len()];
    for s in &seen {
        match (s.function, s.leads) {
            (Function::ProductManagement, false) => functions.product_ic += 1,
            (Function::ProductManagement, true) => functions.product_leads += 1,
            (Function::Engineering, false) => functions.engineering_ic += 1,
            (Function::Engineering, true) => functions.engineering_leads += 1,
            (Function::Design, false) => functions.design_ic += 1,
            (Function::Design, true) => functions.design_leads += 1,
            (Function::Adjacent, _) => functions.adjacent += 1,
            (Function::Other, _) => functions.other += 1,
        }
        if let Some(r) = s.role() {
            on_rung[r] += 1;
        }
    }
    let pyramid = rungs(ladder, profile, &on_rung);

    // Bottom-up sums: IC PMs, engineers, designers below each person, and
    // the height of their subtree.
    let n = tree.len();
    let mut below = vec![[0u32; 3]; n];
    let mut height = vec![0u32; n];
    let mut size_below = vec![0u32; n];
    for &k in &tree.deepest_first {
        let k = k as usize;
        if let Some(m) = tree.manager(k) {
            let s = seen[k];
            let own = [
                u32::from(s.product_ic()),
                u32::from(s.engineering_ic()),
                u32::from(s.design_ic()),
            ];
            let b = below[k];
            for i in 0..3 {
                below[m][i] += b[i] + own[i];
            }
            height[m] = height[m].max(height[k] + 1);
            size_below[m] += size_below[k] + 1;
        }
    }
    let ratio = ratio_row(
        None,
        [
            functions.product_ic,
            functions.engineering_ic,
            functions.design_ic,
        ],
    );
    let levels = ladder.levels();
    let is_product_leader = |k: usize| {
        seen[k].role().is_some_and(|r| {
            let role = &ladder.roles[r];
            role.track == Track::Management && tier_rank(role.tier) >= tier_rank(Tier::Leadership)
        })
    };
    let is_leader: Vec<bool> = (0..n).map(is_product_leader).collect();
    let leaders: Vec<usize> = (0..n).filter(|&k| is_leader[k]).collect();
    let (leader_sums, leader_orgs) = ratios::leader_sums(&ratios::Inputs {
        tree: &tree,
        roster,
        seen: &seen,
        is_leader: &is_leader,
        leaders: &leaders,
        below: &below,
        teams: roster.values().len(),
    });
    let mut ratios_by_leader: Vec<RatioRow> = leaders
        .iter()
        .zip(leader_sums)
        .map(|(&k, sums)| ratio_row(Some(person(k)), sums))
        .collect();
    ratios_by_leader.sort_by(|a, b| {
        b.product_ic.cmp(&a.product_ic).then_with(|| {
            a.leader
                .as_ref()
                .map(|l| l.row)
                .cmp(&b.leader.as_ref().map(|l| l.row))
        })
    });

    let spans = spans(&tree, &person);
    let layers = layers(ladder, &tree, &seen, &levels, &size_below, &person);
    let (flags, past_p90) = flags::find(
        &flags::Context {
            ladder,
            profile,
            tree: &tree,
            seen: &seen,
            height: &height,
            roster,
            options,
        },
        &person,
    );
    let reference = ladder
        .organisation
        .engineers_per_pm
        .as_ref()
        .map(|r| Reference {
            engineers_per_pm: r.value,
            note: r.note.text.clone(),
            sources: ladder.source_titles(&r.note.sources),
        });
    let median_span = histogram_median(&spans.histogram);
    let benchmarks = ladder
        .benchmarks
        .iter()
        .map(|b| {
            let ours = match b.measure {
                Measure::EngineersPerPm => ratio.engineers_per_pm,
                Measure::DesignersPerPm => (functions.product_ic > 0)
                    .then(|| round1(functions.design_ic as f64 / functions.product_ic as f64)),
                Measure::MedianSpan => median_span,
            };
            BenchmarkResult {
                measure: b.measure,
                label: b.measure.label(),
                ours,
                reference: b.value.to_string(),
                low: b.value.min,
                high: b.value.max,
                within: ours.map(|v| b.value.contains(v)),
                note: b.note.text.clone(),
                sources: ladder.source_titles(&b.note.sources),
            }
        })
        .collect();
    problems.sort_by_key(|p| p.row);
    let left_out = roster.len() - n + roster.problems.iter().filter(|p| p.left_out).count();
    Ok(OrgReport {
        people: n,
        left_out,
        size: SizeUsed {
            id: profile.id.clone(),
            name: profile.name.clone(),
            chosen_by,
        },
        functions,
        pyramid,
        spans,
        layers,
        ratio,
        reference,
        benchmarks,
        ratios_by_leader,
        leader_orgs,
        flags,
        past_p90,
        problems,
    })
}

/// `noun` with its indefinite article: "an enterprise", "a startup",
/// "an SVP", "a VP of Product" (an acronym by how its first letter is
/// said).
pub fn with_article(noun: &str) -> String {
    let first_word = noun.split_whitespace().next().unwrap_or("");
    let acronym = first_word.len() > 1 && first_word.chars().all(|c| c.is_ascii_uppercase());
    let vowel_sound = match first_word.chars().next() {
        Some(c) if acronym => "AEFHILMNORSX".contains(c),
        Some(c) => "aeiouAEIOU".contains(c),
        None => false,
    };
    format!("{} {noun}", if vowel_sound { "an" } else { "a" })
}

/// The median of sorted numbers.
fn median(sorted: &[u32]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(sorted[n / 2])),
        _ => Some(f64::from(sorted[n / 2 - 1] + sorted[n / 2]) / 2.0),
    }
}

/// The median of the numbers a histogram counts (fewest first).
fn histogram_median(histogram: &[SpanCount]) -> Option<f64> {
    let total: usize = histogram.iter().map(|h| h.managers).sum();
    // The value at position `at` (from 0) of the sorted numbers.
    let at = |at: usize| {
        let mut seen = 0;
        histogram.iter().find_map(|h| {
            seen += h.managers;
            (seen > at).then_some(f64::from(h.reports))
        })
    };
    match total {
        0 => None,
        _ if total % 2 == 1 => at(total / 2),
        _ => Some((at(total / 2 - 1)? + at(total / 2)?) / 2.0),
    }
}

/// Tiers bottom to top, for comparisons.
fn tier_rank(t: Tier) -> usize {
    Tier::ALL.iter().position(|x| *x == t).unwrap_or(0)
}

/// The product rungs (IC track, then management, bottom to top) with who is
/// on them and what stands out.
fn rungs(ladder: &Ladder, profile: &crate::model::CompanySize, on_rung: &[usize]) -> Vec<Rung> {
    let levels = ladder.levels();
    let mut out: Vec<Rung> = Vec::new();
    for track in [Track::Ic, Track::Management] {
        let mut roles: Vec<(usize, &crate::model::Role)> = ladder
            .roles
            .iter()
            .enumerate()
            .filter(|(_, r)| r.track == track)
            .collect();
        roles.sort_by_key(|(_, r)| levels.get(r.id.as_str()).copied().unwrap_or(0));
        let mut below: Option<usize> = None;
        for (i, r) in roles {
            let expected = profile.roles.iter().any(|id| id == &r.id);
            let count = on_rung[i];
            let note = if expected && count == 0 {
                Some(format!(
                    "missing: {} usually has this role",
                    with_article(&profile.name.to_lowercase())
                ))
            } else if !expected && count > 0 {
                Some(format!(
                    "unexpected: {} does not usually have this role",
                    with_article(&profile.name.to_lowercase())
                ))
            } else if track == Track::Ic && below.is_some_and(|b| b > 0 && count > b) {
                Some("top-heavy: more people than on the rung below".to_owned())
            } else {
                None
            };
            if expected || count > 0 {
                below = Some(count);
            }
            out.push(Rung {
                role: r.id.to_string(),
                title: r.title.clone(),
                track: r.track.as_str(),
                tier: r.tier.as_str(),
                level: levels.get(r.id.as_str()).copied().unwrap_or(0),
                people: count,
                expected,
                note,
            });
        }
    }
    out
}

/// Spans per layer, one-report managers and people without a manager.
fn spans(tree: &tree::Tree, person: &dyn Fn(usize) -> PersonRef) -> Spans {
    let mut by_layer: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    let mut histogram: std::collections::BTreeMap<u32, usize> = Default::default();
    let mut out = Spans::default();
    for k in 0..tree.len() {
        let r = tree.reports[k];
        if r > 0 {
            by_layer.entry(tree.depth[k]).or_default().push(r);
            *histogram.entry(r).or_default() += 1;
        }
        if r == 1 {
            out.one_report.push(person(k));
        }
        if tree.manager(k).is_none() {
            out.no_manager.push(person(k));
        }
    }
    out.histogram = histogram
        .into_iter()
        .map(|(reports, managers)| SpanCount { reports, managers })
        .collect();
    out.by_layer = by_layer
        .into_iter()
        .map(|(layer, mut spans)| {
            spans.sort_unstable();
            let n = spans.len();
            SpanRow {
                layer,
                managers: n,
                median: median(&spans).unwrap_or(0.0),
                min: spans[0],
                max: spans[n - 1],
            }
        })
        .collect();
    out
}

/// Layers from the top product leader to each IC product manager.
fn layers(
    ladder: &Ladder,
    tree: &tree::Tree,
    seen: &[Seen],
    levels: &HashMap<&str, usize>,
    size_below: &[u32],
    person: &dyn Fn(usize) -> PersonRef,
) -> Layers {
    let level = |k: usize| {
        seen[k].role().map_or(0, |r| {
            levels
                .get(ladder.roles[r].id.as_str())
                .copied()
                .unwrap_or(0)
        })
    };
    let Some(top) = (0..tree.len())
        .filter(|&k| seen[k].role().is_some())
        .max_by_key(|&k| (level(k), size_below[k], std::cmp::Reverse(k)))
    else {
        return Layers::default();
    };
    let mut counts: std::collections::BTreeMap<u32, usize> = Default::default();
    let mut outside = 0;
    // Whether each person is below `top`: climb with memo, deepest last.
    let mut under: Vec<Option<bool>> = vec![None; tree.len()];
    under[top] = Some(true);
    // Shallowest first: every manager before their reports.
    for &k in tree.deepest_first.iter().rev() {
        let k = k as usize;
        if under[k].is_none() {
            under[k] = Some(tree.manager(k).is_some_and(|m| under[m] == Some(true)));
        }
        if seen[k].product_ic() && k != top {
            if under[k] == Some(true) {
                *counts.entry(tree.depth[k] - tree.depth[top]).or_default() += 1;
            } else {
                outside += 1;
            }
        }
    }
    Layers {
        top: Some(person(top)),
        max: counts.keys().copied().max().unwrap_or(0),
        ics_by_layers: counts.into_iter().collect(),
        outside,
    }
}

#[cfg(test)]
mod tests;
