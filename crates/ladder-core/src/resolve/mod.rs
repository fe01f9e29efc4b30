//! Title resolution: any free-text job title in, the canonical role out.
//!
//! A [`Resolver`] is compiled from a ladder's `[resolver]` table (see
//! [`crate::model::ResolverSpec`]) once, then resolves titles with no allocation:
//!
//! 1. [`tokens`] folds the title into lowercase, accent-free words;
//! 2. each word is looked up (one hash probe) as a canonical word, an
//!    abbreviation, a stop word or an employer marker; an unknown word of five or
//!    more letters gets one more chance as a typo at edit distance 1, through a
//!    deletion index; what stays unknown is a candidate for the *area*;
//! 3. canonical words, and the phrases two adjacent ones form, set bits of a
//!    `u128`;
//! 4. the rules, compiled to masks, are tried in order: the first match is the
//!    role, later matches with other roles are the alternatives.
//!
//! Everything a company needs to change lives in its ladder file; this code only
//! knows the mechanism.

mod compile;
mod derive;
mod json;
mod lookup;
mod tokens;

pub use compile::{CompileError, MAX_RULES, MAX_WORDS, check};
pub use json::{push_json_str, write_csv_fields, write_json};

/// The CSV columns `ladder titles` appends after the title.
pub const CSV_FIELDS: [&str; 9] = [
    "role",
    "function",
    "confidence",
    "seniority_modifier",
    "area",
    "alternatives",
    "effective_role",
    "effective_reason",
    "error",
];
pub use tokens::Scratch;

use rustc_hash::FxHashMap;

use crate::model::{CompanySize, Ladder, Track};

use lookup::Looked;

/// Which kind of work a title is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Function {
    /// Product management (IC and management tracks).
    ProductManagement,
    /// A neighbouring role that often hides or feeds product work.
    Adjacent,
    /// Engineering: software engineers and their managers (a rule of role
    /// `other` with `function = "engineering"`).
    Engineering,
    /// Design: designers and their managers (`function = "design"`).
    Design,
    /// Anything else, off-ramps (GM, COO, CEO) included.
    Other,
}

impl Function {
    /// The functions a rule of role `other` may name.
    pub const OUTSIDE_PRODUCT: [Function; 2] = [Function::Engineering, Function::Design];

    /// `product-management`, `adjacent`, `engineering`, `design` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Function::ProductManagement => "product-management",
            Function::Adjacent => "adjacent",
            Function::Engineering => "engineering",
            Function::Design => "design",
            Function::Other => "other",
        }
    }
}

/// Index of a role in [`Resolver::role_ids`]; 0 is `other`.
pub type RoleIx = u16;

/// The index of `other`.
pub const OTHER: RoleIx = 0;

/// What a word of a title means.
#[derive(Debug, Clone)]
enum Meaning {
    /// Canonical words, in order (one for a plain word, several for an abbreviation).
    Words(Box<[u8]>),
    /// A word that carries no meaning.
    Stop,
    /// A word that joins two parts and breaks phrases.
    Conjunction,
    /// The rest of the title names the employer.
    Employer,
}

/// A compiled rule.
#[derive(Debug, Clone, Copy)]
struct Rule {
    all: u128,
    any: u128,
    none: u128,
    role: RoleIx,
    confidence: f32,
    ignore_area: bool,
    /// The function of a rule of role `other` that names one.
    function: Option<Function>,
    leads: bool,
}

/// The result of resolving one title.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolution<'t> {
    /// The title as given.
    pub title: &'t str,
    /// The role (an index into [`Resolver::role_ids`]; [`OTHER`] when none fits).
    pub role: RoleIx,
    /// Its function.
    pub function: Function,
    /// How sure the resolver is, 0 to 1.
    pub confidence: f32,
    /// The seniority word found (`senior`, `level-2`), if any.
    pub seniority: Option<u8>,
    /// The specialisation, as written in the title ("Growth").
    pub area: Option<&'t str>,
    /// Other candidate roles with their scores, best first (at most 3).
    pub alternatives: [(RoleIx, f32); 3],
    /// How many of `alternatives` are set.
    pub alternative_count: u8,
    /// How many words were read as typos of known words.
    pub corrections: u8,
    /// Why the title could not be read (blank, unreadable), if so.
    pub error: Option<&'static str>,
    /// Whether the title leads people in a function outside the ladder (an
    /// engineering manager, a head of design); roles of the ladder say it by
    /// their track instead.
    pub leads: bool,
}

impl Resolution<'_> {
    /// The alternatives that are set.
    pub fn alternatives(&self) -> &[(RoleIx, f32)] {
        &self.alternatives[..self.alternative_count as usize]
    }
}

/// The re-levelling of one role at one company size.
#[derive(Debug, Clone)]
pub struct Relevelled {
    /// The role performed.
    pub effective: RoleIx,
    /// Why, when the role changes.
    pub reason: Option<String>,
}

/// A compiled title resolver.
#[derive(Debug, Clone)]
pub struct Resolver {
    vocabulary: FxHashMap<Box<str>, Meaning>,
    /// Deletion variants of known words → (canonical word, first letter).
    typos: FxHashMap<Box<str>, (u8, u8)>,
    /// `phrases[a * MAX_WORDS + b]` = phrase word + 1, or 0.
    phrases: Vec<u8>,
    rules: Vec<Rule>,
    role_ids: Vec<Box<str>>,
    functions: Vec<Function>,
    word_names: Vec<Box<str>>,
    seniority: Vec<u8>,
    product_mask: u128,
    /// Words that decide a role: those of rules' `all` lists, and seniority words.
    defining_mask: u128,
    /// For each canonical word, the rules (as bits, in priority order) that a
    /// title with that word may match: a rule sits under the rarest word of its
    /// `all` list, or under every word of `any` when `all` is empty.
    candidates: Vec<u128>,
    seniority_mask: u128,
}

impl Resolver {
    /// Compiles the resolver of a ladder (validation has checked its spec).
    pub fn new(ladder: &Ladder) -> Result<Resolver, CompileError> {
        compile::compile(ladder)
    }

    /// The resolver of the built-in ladder, compiled once.
    pub fn embedded() -> &'static Resolver {
        static R: std::sync::OnceLock<Resolver> = std::sync::OnceLock::new();
        R.get_or_init(|| {
            Resolver::new(crate::embedded::ladder()).expect("the embedded resolver compiles")
        })
    }

    /// The role ids, `other` first.
    pub fn role_ids(&self) -> &[Box<str>] {
        &self.role_ids
    }

    /// The id of a role index.
    pub fn role_id(&self, ix: RoleIx) -> &str {
        &self.role_ids[ix as usize]
    }

    /// The index of a role id.
    pub fn role_ix(&self, id: &str) -> Option<RoleIx> {
        self.role_ids
            .iter()
            .position(|r| &**r == id)
            .map(|i| i as RoleIx)
    }

    /// The name of a canonical word (for `seniority`).
    pub fn word_name(&self, w: u8) -> &str {
        &self.word_names[w as usize]
    }

    /// Resolves one title.
    pub fn resolve<'t>(&self, title: &'t str, scratch: &mut Scratch) -> Resolution<'t> {
        let mut r = Resolution {
            title,
            role: OTHER,
            function: Function::Other,
            confidence: 0.0,
            seniority: None,
            area: None,
            alternatives: [(OTHER, 0.0); 3],
            alternative_count: 0,
            corrections: 0,
            error: None,
            leads: false,
        };
        let me = self as *const Resolver as usize;
        if scratch.owner != me {
            scratch.typos.clear();
            scratch.owner = me;
        }
        tokens::tokenize(title, scratch);
        if scratch.tokens.is_empty() {
            r.error = Some("blank title");
            return r;
        }
        let mut mask: u128 = 0;
        let mut last: Option<(u8, u16)> = None; // previous canonical word and its segment
        // Area: the longest run of unknown words (stop words may sit inside it).
        let (mut best, mut run): (Run, Option<Run>) = ((0, 0, 0), None);
        let mut corrections = 0u8;
        // A later segment with content but no role-defining word is the area
        // ("Senior PM, Marketing Automation"): (first token, last token + 1, defining?).
        let mut segment: (u16, usize, usize, bool) = (0, 0, 0, true);
        let mut area_segment: Option<(usize, usize)> = None;
        // Bits that only area segments set, and the mask when the segment began.
        let (mut area_bits, mut segment_start_mask): (u128, u128) = (0, 0);
        let n = scratch.tokens.len();
        let mut i = 0;
        while i < n {
            let t = scratch.tokens[i];
            if t.segment != segment.0 {
                if segment.0 > 0 && !segment.3 && segment.2 > segment.1 {
                    area_segment.get_or_insert((segment.1, segment.2));
                    area_bits |= mask & !segment_start_mask;
                }
                segment = (t.segment, i, i, false);
                segment_start_mask = mask;
            }
            let before = mask;
            let word = &scratch.text[t.folded.0 as usize..t.folded.1 as usize];
            let meaning = self.lookup(word, &mut corrections, &mut scratch.typos);
            let is_stop = matches!(meaning, Looked::Stop | Looked::Conjunction);
            match meaning {
                Looked::Words(ws) => {
                    for &w in ws.iter() {
                        self.add(w, t.segment, &mut mask, &mut last);
                    }
                    close_run(&mut run, &mut best);
                }
                Looked::One(w) => {
                    self.add(w, t.segment, &mut mask, &mut last);
                    close_run(&mut run, &mut best);
                }
                Looked::Parts => {
                    // A hyphenated word: its parts, each looked up.
                    let mut any_known = false;
                    for part in word.split('-').filter(|p| !p.is_empty()) {
                        match self.lookup_exact(part) {
                            Some(Meaning::Words(ws)) => {
                                any_known = true;
                                for &w in ws.iter() {
                                    self.add(w, t.segment, &mut mask, &mut last);
                                }
                            }
                            Some(Meaning::Stop) => {}
                            _ => {}
                        }
                    }
                    if any_known {
                        close_run(&mut run, &mut best);
                    } else {
                        extend_run(&mut run, &mut best, i, t.segment);
                    }
                }
                Looked::Stop | Looked::Conjunction => {
                    if matches!(meaning, Looked::Conjunction) {
                        last = None;
                    }
                    if run.is_some_and(|(_, _, seg)| seg != t.segment as usize) {
                        close_run(&mut run, &mut best);
                    }
                }
                Looked::Employer => {
                    close_run(&mut run, &mut best);
                    break;
                }
                Looked::Unknown => extend_run(&mut run, &mut best, i, t.segment),
            }
            if mask & !before & self.defining_mask != 0 {
                segment.3 = true;
            }
            if !is_stop {
                segment.2 = i + 1;
            }
            i += 1;
        }
        close_run(&mut run, &mut best);
        if segment.0 > 0 && !segment.3 && segment.2 > segment.1 {
            area_segment.get_or_insert((segment.1, segment.2));
            area_bits |= mask & !segment_start_mask;
        }
        let main_mask = mask & !area_bits;
        if let Some(seg) = area_segment {
            best = (seg.0, seg.1, 0);
        }
        if best.1 > best.0 {
            let (a, b) = (
                scratch.tokens[best.0].original.0,
                scratch.tokens[best.1 - 1].original.1,
            );
            r.area = Some(&title[a as usize..b as usize]);
        }
        r.corrections = corrections;
        if mask & self.seniority_mask != 0 {
            r.seniority = self
                .seniority
                .iter()
                .copied()
                .find(|&w| mask & (1u128 << w) != 0);
        }

        let mut primary: Option<Rule> = None;
        let mut candidates: u128 = 0;
        let mut words = mask;
        while words != 0 {
            candidates |= self.candidates[words.trailing_zeros() as usize];
            words &= words - 1;
        }
        while candidates != 0 {
            let rule = self.rules[candidates.trailing_zeros() as usize];
            candidates &= candidates - 1;
            let m = if rule.ignore_area { main_mask } else { mask };
            let hit = m & rule.all == rule.all
                && (rule.any == 0 || m & rule.any != 0)
                && m & rule.none == 0;
            if !hit {
                continue;
            }
            match primary {
                None => primary = Some(rule),
                Some(p) if rule.role != p.role && r.alternative_count < 3 => {
                    if !r.alternatives().iter().any(|(ix, _)| *ix == rule.role) {
                        r.alternatives[r.alternative_count as usize] =
                            (rule.role, rule.confidence * 0.5);
                        r.alternative_count += 1;
                    }
                }
                Some(_) => {}
            }
        }
        let penalty = 0.1 * f32::from(corrections);
        match primary {
            Some(rule) => {
                if rule.role == OTHER {
                    r.area = None;
                }
                r.role = rule.role;
                r.function = rule.function.unwrap_or(self.functions[rule.role as usize]);
                r.leads = rule.leads;
                r.confidence = (rule.confidence - penalty).max(0.3);
            }
            None => {
                r.area = None;
                // No rule: not a role of the ladder. Less sure when it mentions a
                // product word, more when it says nothing the resolver knows.
                r.confidence = if mask & self.product_mask != 0 {
                    0.6
                } else if mask == 0 {
                    0.9
                } else {
                    0.8
                };
            }
        }
        r
    }

    fn add(&self, w: u8, segment: u16, mask: &mut u128, last: &mut Option<(u8, u16)>) {
        *mask |= 1u128 << w;
        if let Some((prev, seg)) = *last
            && seg == segment
        {
            let p = self.phrases[prev as usize * MAX_WORDS + w as usize];
            if p != 0 {
                *mask |= 1u128 << (p - 1);
            }
        }
        *last = Some((w, segment));
    }

    /// How titles re-level at a company size: for every role, the role performed
    /// there and why.
    pub fn relevel_table(&self, size: &CompanySize) -> Vec<Relevelled> {
        (0..self.role_ids.len())
            .map(|ix| {
                let id = &self.role_ids[ix];
                match size.relevel.iter().find(|r| r.title == **id) {
                    Some(r) => Relevelled {
                        effective: self.role_ix(r.effective.as_str()).unwrap_or(ix as RoleIx),
                        reason: Some(format!("{}: {}", size.name, r.reason.text)),
                    },
                    None => Relevelled {
                        effective: ix as RoleIx,
                        reason: None,
                    },
                }
            })
            .collect()
    }
}

/// A run of unknown words: first token, one past the last, segment.
type Run = (usize, usize, usize);

fn extend_run(
    run: &mut Option<(usize, usize, usize)>,
    best: &mut (usize, usize, usize),
    i: usize,
    segment: u16,
) {
    match run {
        Some((_, end, seg)) if *seg == segment as usize => *end = i + 1,
        _ => {
            close_run(run, best);
            *run = Some((i, i + 1, segment as usize));
        }
    }
}

fn close_run(run: &mut Option<Run>, best: &mut Run) {
    if let Some(r) = run.take()
        && r.1 - r.0 > best.1 - best.0
    {
        *best = r;
    }
}

/// The function of roles on a track.
pub(crate) fn function_of(track: Track) -> Function {
    match track {
        Track::Ic | Track::Management => Function::ProductManagement,
        Track::Adjacent => Function::Adjacent,
        Track::OffRamp => Function::Other,
    }
}
