//! A resolver for a ladder file that brings none: its own role titles,
//! aliases and level codes, read with the built-in ladder's vocabulary.
//!
//! A company writing its ladder lists its roles ("Senior Product Manager",
//! alias "SPM") long before it thinks of a `[resolver]` table; without one,
//! none of its own titles resolved. So when the table is missing, the rules
//! are made from the file: each title and alias becomes a rule naming its
//! role, with every word of it required. The words are the built-in
//! vocabulary's (so "Sr.", "PM", "VP", accents and typos work as for the
//! built-in ladder), plus any word of a title the vocabulary lacks
//! ("Pricing"). A rule also refuses the words that make a title *another*
//! role — seniority words, words of the file's other titles, words the
//! built-in rules decide on — so "Senior Product Manager" is not taken for
//! "Product Manager". Longer titles are tried first. The built-in rules for
//! work outside product management (engineering, design) come after, so
//! org analytics still counts them.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Ladder, ResolverSpec, TitleRule};

use super::compile::{MAX_RULES, MAX_WORDS};
use super::tokens::{Scratch, tokenize};

/// How sure a title of the file resolves to its own role.
const TITLE_CONFIDENCE: f64 = 0.95;
/// How sure one of its aliases does.
const ALIAS_CONFIDENCE: f64 = 0.9;

/// Whether a ladder brings no resolver of its own.
pub(crate) fn brings_none(ladder: &Ladder) -> bool {
    ladder.resolver.rules.is_empty() && ladder.resolver.words.is_empty()
}

/// Surface word → the canonical words it means, under `spec` (its words and
/// abbreviations), made once for all the titles.
fn surfaces(spec: &ResolverSpec) -> BTreeMap<String, Vec<String>> {
    let mut surface: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (canon, list) in &spec.words {
        for s in list {
            surface.entry(s.clone()).or_default().push(canon.clone());
        }
    }
    for (s, words) in &spec.expansions {
        surface.insert(s.clone(), words.clone());
    }
    surface
}

/// The canonical words a title means under `spec` (`surface` is
/// [`surfaces`] of it), adding a canonical word for each word the
/// vocabulary does not know (while there is room).
fn words_of(
    title: &str,
    surface: &BTreeMap<String, Vec<String>>,
    spec: &mut ResolverSpec,
    scratch: &mut Scratch,
) -> BTreeSet<String> {
    tokenize(title, scratch);
    let folded: Vec<String> = scratch
        .tokens
        .iter()
        .map(|t| scratch.text[t.folded.0 as usize..t.folded.1 as usize].to_owned())
        .collect();
    let quiet = |w: &str| {
        spec.stop_words.iter().any(|s| s == w)
            || spec.conjunctions.iter().any(|s| s == w)
            || spec.employer_markers.iter().any(|s| s == w)
    };
    let mut words = BTreeSet::new();
    let mut order: Vec<String> = Vec::new();
    let mut new_words: Vec<String> = Vec::new();
    for w in &folded {
        if quiet(w) {
            continue;
        }
        match surface.get(w.as_str()) {
            Some(canon) => {
                words.extend(canon.iter().cloned());
                order.extend(canon.iter().cloned());
            }
            None => {
                new_words.push(w.clone());
                words.insert(w.clone());
                order.push(w.clone());
            }
        }
    }
    for w in new_words {
        if !spec.words.contains_key(&w) && spec.words.len() < MAX_WORDS {
            spec.words.insert(w.clone(), vec![w]);
        }
    }
    // Phrases two adjacent words form ("product owner") are words too.
    for pair in order.windows(2) {
        if let Some(p) = spec.phrases.get(&format!("{} {}", pair[0], pair[1])) {
            words.insert(p.clone());
        }
    }
    words
}

/// The resolver spec for a ladder that brings none (see the module docs).
pub(crate) fn spec(ladder: &Ladder) -> ResolverSpec {
    let base = &crate::embedded::ladder().resolver;
    let mut spec = ResolverSpec {
        rules: Vec::new(),
        ..base.clone()
    };
    let mut scratch = Scratch::default();
    let surface = surfaces(&spec);
    // Each title and alias with its role, its words and how sure it is.
    let mut titles: Vec<(String, BTreeSet<String>, f64)> = Vec::new();
    for role in &ladder.roles {
        let named = std::iter::once((&role.title, TITLE_CONFIDENCE))
            .chain(role.aliases.iter().map(|a| (a, ALIAS_CONFIDENCE)))
            .chain(role.code.iter().map(|c| (c, ALIAS_CONFIDENCE)));
        for (title, confidence) in named {
            let words = words_of(title, &surface, &mut spec, &mut scratch);
            // A title with a word there was no room for cannot be a rule.
            let known = words.iter().all(|w| spec.words.contains_key(w));
            let seen = titles
                .iter()
                .any(|(r, w, _)| *w == words && *r == role.id.as_str());
            if !words.is_empty() && known && !seen {
                titles.push((role.id.to_string(), words, confidence));
            }
        }
    }
    // Words that decide a role somewhere: refused by every rule whose title
    // lacks them.
    // Of the built-in rules' words, those a person writes: not the markers
    // an abbreviation or a phrase adds ("PM" adds `pm-abbrev` beside
    // `product` and `manager`; "Senior PM" is still a senior product manager).
    let written = |w: &String| {
        spec.words.get(w).is_some_and(|surface| !surface.is_empty())
            || spec.phrases.values().any(|p| p == w)
    };
    let mut deciding: BTreeSet<String> = base.seniority.iter().cloned().collect();
    for r in &base.rules {
        deciding.extend(r.all.iter().filter(|w| written(w)).cloned());
        deciding.extend(r.any.iter().filter(|w| written(w)).cloned());
    }
    for (_, words, _) in &titles {
        deciding.extend(words.iter().filter(|w| written(w)).cloned());
    }
    // Longer titles first: the more a title says, the surer its match.
    titles.sort_by_key(|t| std::cmp::Reverse(t.1.len()));
    for (role, words, confidence) in titles {
        let none: Vec<String> = deciding
            .iter()
            .filter(|w| !words.contains(*w) && spec.words.contains_key(*w))
            .cloned()
            .collect();
        spec.rules.push(TitleRule {
            role,
            all: words.into_iter().collect(),
            any: Vec::new(),
            none,
            confidence,
            ignore_area: false,
            function: None,
            leads: false,
        });
    }
    spec.rules
        .extend(base.rules.iter().filter(|r| r.role == "other").cloned());
    spec.rules.truncate(MAX_RULES);
    spec
}
