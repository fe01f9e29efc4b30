//! Compiling a `[resolver]` table into lookup tables and bit-mask rules, and
//! checking it: every problem is returned with its model path, so `ladder check`
//! places it in the file like any other error.

use rustc_hash::FxHashMap;

use super::{Function, Meaning, OTHER, Resolver, RoleIx, Rule, function_of};
use crate::file::Diagnostic;
use crate::model::Ladder;

/// The most canonical words a resolver can have (they are bits of a `u128`).
pub const MAX_WORDS: usize = 128;

/// The most rules a resolver can have (they are bits of a `u128`).
pub const MAX_RULES: usize = 128;

/// Why a resolver could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the [resolver] table of the ladder is invalid: {0}")]
pub struct CompileError(pub String);

/// Problems of a ladder's `[resolver]` table, each at its model path.
pub fn check(ladder: &Ladder) -> Vec<Diagnostic> {
    let spec = &ladder.resolver;
    let mut out = Vec::new();
    let names: Vec<&str> = spec.words.keys().map(String::as_str).collect();
    if names.len() > MAX_WORDS {
        out.push(
            Diagnostic::error(
                "resolver-too-large",
                "resolver.words",
                format!("{} canonical words; the most is {MAX_WORDS}", names.len()),
            )
            .with_hint("merge words that mean the same into one canonical word"),
        );
    }
    if spec.rules.len() > MAX_RULES {
        out.push(
            Diagnostic::error(
                "resolver-too-large",
                "resolver.rules",
                format!("{} rules; the most is {MAX_RULES}", spec.rules.len()),
            )
            .with_hint("merge rules that name the same role"),
        );
    }
    let known = |w: &str| names.contains(&w);
    let mut word_errors = Vec::new();
    let mut unknown = |path: &dyn Fn() -> String, w: &str| {
        if !known(w) {
            let path = path();
            let hint = match crate::suggest(w, names.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? canonical words are the keys of [resolver.words]"),
                None => "declare it as a key of [resolver.words] (its list of surface forms may be empty)".to_owned(),
            };
            word_errors.push(
                Diagnostic::error(
                    "unknown-word",
                    path,
                    format!("`{w}` is not a canonical word"),
                )
                .with_hint(hint),
            );
        }
    };
    for (surface, words) in &spec.expansions {
        for (i, w) in words.iter().enumerate() {
            unknown(&|| format!("resolver.expansions.{surface}[{i}]"), w);
        }
    }
    for (pair, w) in &spec.phrases {
        unknown(&|| format!("resolver.phrases.{pair}"), w);
        for part in pair.split_whitespace() {
            unknown(&|| format!("resolver.phrases.{pair}"), part);
        }
    }
    for (i, w) in spec.seniority.iter().enumerate() {
        unknown(&|| format!("resolver.seniority[{i}]"), w);
    }
    for (i, w) in spec.product_words.iter().enumerate() {
        unknown(&|| format!("resolver.product_words[{i}]"), w);
    }
    for (i, rule) in spec.rules.iter().enumerate() {
        for (field, list) in [("all", &rule.all), ("any", &rule.any), ("none", &rule.none)] {
            for (j, w) in list.iter().enumerate() {
                unknown(&|| format!("resolver.rules[{i}].{field}[{j}]"), w);
            }
        }
    }
    out.append(&mut word_errors);
    for (i, rule) in spec.rules.iter().enumerate() {
        if rule.role != "other" && ladder.role(&rule.role).is_none() {
            out.push(
                Diagnostic::error(
                    "unknown-role",
                    format!("resolver.rules[{i}].role"),
                    format!("no role has the id `{}`", rule.role),
                )
                .with_hint("use a role id of the ladder, or `other`"),
            );
        }
        if !(0.0..=1.0).contains(&rule.confidence) {
            out.push(
                Diagnostic::error(
                    "bad-range",
                    format!("resolver.rules[{i}].confidence"),
                    format!("confidence {} is outside 0 to 1", rule.confidence),
                )
                .with_hint("use a number from 0 to 1"),
            );
        }
        if let Some(f) = &rule.function {
            let named: Vec<&str> = Function::OUTSIDE_PRODUCT
                .iter()
                .map(|f| f.as_str())
                .collect();
            if function_named(f).is_none() {
                out.push(
                    Diagnostic::error(
                        "unknown-function",
                        format!("resolver.rules[{i}].function"),
                        format!("`{f}` is not a function a rule can name"),
                    )
                    .with_hint(format!("use one of {}", named.join(", "))),
                );
            } else if rule.role != "other" {
                out.push(
                    Diagnostic::error(
                        "function-of-a-role",
                        format!("resolver.rules[{i}].function"),
                        format!("the rule resolves to `{}`, a role of the ladder, whose track gives its function", rule.role),
                    )
                    .with_hint("name a function only on rules of role `other`"),
                );
            }
        }
        if rule.leads && rule.role != "other" {
            out.push(
                Diagnostic::error(
                    "function-of-a-role",
                    format!("resolver.rules[{i}].leads"),
                    format!("the rule resolves to `{}`, a role of the ladder, whose track says whether it leads people", rule.role),
                )
                .with_hint("set `leads` only on rules of role `other`"),
            );
        }
        if rule.all.is_empty() && rule.any.is_empty() {
            out.push(
                Diagnostic::error(
                    "empty-rule",
                    format!("resolver.rules[{i}]"),
                    "the rule matches every title",
                )
                .with_hint("give it `all` or `any` words"),
            );
        }
    }
    for pair in spec.phrases.keys() {
        if pair.split_whitespace().count() != 2 {
            out.push(
                Diagnostic::error(
                    "bad-phrase",
                    format!("resolver.phrases.{pair}"),
                    format!("phrase `{pair}` is not two words"),
                )
                .with_hint("a phrase is two canonical words separated by a space"),
            );
        }
    }
    // A surface form may mean one thing only. Paths are built only for problems.
    enum At<'a> {
        Word(&'a str, usize),
        Expansion(&'a str),
        Stop(usize),
        Conjunction(usize),
        Employer(usize),
    }
    let path = |at: &At<'_>| match at {
        At::Word(canon, j) => format!("resolver.words.{canon}[{j}]"),
        At::Expansion(s) => format!("resolver.expansions.{s}"),
        At::Stop(j) => format!("resolver.stop_words[{j}]"),
        At::Conjunction(j) => format!("resolver.conjunctions[{j}]"),
        At::Employer(j) => format!("resolver.employer_markers[{j}]"),
    };
    let mut seen: FxHashMap<&str, At<'_>> = FxHashMap::default();
    let surfaces = spec
        .words
        .iter()
        .flat_map(|(canon, list)| {
            list.iter()
                .enumerate()
                .map(move |(j, s)| (At::Word(canon, j), s.as_str()))
        })
        .chain(
            spec.expansions
                .keys()
                .map(|s| (At::Expansion(s), s.as_str())),
        )
        .chain(
            spec.stop_words
                .iter()
                .enumerate()
                .map(|(j, s)| (At::Stop(j), s.as_str())),
        )
        .chain(
            spec.conjunctions
                .iter()
                .enumerate()
                .map(|(j, s)| (At::Conjunction(j), s.as_str())),
        )
        .chain(
            spec.employer_markers
                .iter()
                .enumerate()
                .map(|(j, s)| (At::Employer(j), s.as_str())),
        );
    for (at, s) in surfaces {
        if s.trim().is_empty()
            || s.contains(char::is_whitespace)
            || s.chars().any(char::is_uppercase)
        {
            out.push(
                Diagnostic::error("bad-word", path(&at), format!("surface word `{s}` must be one lowercase word"))
                    .with_hint("write it in lowercase, without spaces; accents are removed from titles before lookup"),
            );
        }
        if let Some(first) = seen.get(s) {
            out.push(
                Diagnostic::error(
                    "duplicate-word",
                    path(&at),
                    format!("surface word `{s}` is given two meanings"),
                )
                .with_hint(format!("it already appears at `{}`; keep one", path(first))),
            );
        } else {
            seen.insert(s, at);
        }
    }
    out
}

/// Compiles the resolver of `ladder`.
pub fn compile(ladder: &Ladder) -> Result<Resolver, CompileError> {
    if super::derive::brings_none(ladder) && !ladder.roles.is_empty() {
        // The file's own titles, read with the built-in vocabulary.
        let mut own = ladder.clone();
        own.resolver = super::derive::spec(ladder);
        if !super::derive::brings_none(&own) {
            return compile(&own);
        }
    }
    if let Some(d) = check(ladder).into_iter().next() {
        return Err(CompileError(format!(
            "{} (at {})",
            d.message,
            d.path.unwrap_or_default()
        )));
    }
    let spec = &ladder.resolver;
    let word_names: Vec<Box<str>> = spec.words.keys().map(|k| k.as_str().into()).collect();
    let ix = |w: &str| word_names.iter().position(|n| &**n == w).map(|i| i as u8);
    let ixs = |list: &[String]| -> u128 {
        list.iter()
            .filter_map(|w| ix(w))
            .fold(0, |m, i| m | (1u128 << i))
    };

    let mut vocabulary: FxHashMap<Box<str>, Meaning> = FxHashMap::default();
    for (canon, list) in &spec.words {
        let Some(i) = ix(canon) else { continue };
        // The canonical name is a surface form of itself unless it is a marker.
        for s in list {
            vocabulary.insert(s.as_str().into(), Meaning::Words(Box::new([i])));
        }
    }
    for (s, words) in &spec.expansions {
        let ws: Vec<u8> = words.iter().filter_map(|w| ix(w)).collect();
        vocabulary.insert(s.as_str().into(), Meaning::Words(ws.into_boxed_slice()));
    }
    for s in &spec.stop_words {
        vocabulary.insert(s.as_str().into(), Meaning::Stop);
    }
    for s in &spec.conjunctions {
        vocabulary.insert(s.as_str().into(), Meaning::Conjunction);
    }
    for s in &spec.employer_markers {
        vocabulary.insert(s.as_str().into(), Meaning::Employer);
    }

    // Deletion index for typos: every known single-word surface of five or more
    // letters, with one letter removed. Ambiguous variants are dropped.
    let mut typos: FxHashMap<Box<str>, (u8, u8)> = FxHashMap::default();
    let mut ambiguous: Vec<Box<str>> = Vec::new();
    for (canon, list) in &spec.words {
        let Some(i) = ix(canon) else { continue };
        for s in list
            .iter()
            .filter(|s| s.len() >= 5 && s.is_ascii() && !s.contains('-'))
        {
            for skip in 1..s.len() {
                let variant: Box<str> = format!("{}{}", &s[..skip], &s[skip + 1..]).into();
                match typos.get(&variant) {
                    Some(&(other, _)) if other != i => ambiguous.push(variant),
                    Some(_) => {}
                    None => {
                        typos.insert(variant, (i, s.as_bytes()[0]));
                    }
                }
            }
        }
    }
    for v in ambiguous {
        typos.remove(&v);
    }
    // A variant that is itself a known word is that word, not a typo.
    typos.retain(|k, _| !vocabulary.contains_key(k));

    let mut phrases = vec![0u8; MAX_WORDS * MAX_WORDS];
    for (pair, w) in &spec.phrases {
        let mut parts = pair.split_whitespace();
        if let (Some(a), Some(b), Some(w)) =
            (parts.next().and_then(ix), parts.next().and_then(ix), ix(w))
        {
            phrases[a as usize * MAX_WORDS + b as usize] = w + 1;
        }
    }

    let mut role_ids: Vec<Box<str>> = vec!["other".into()];
    let mut functions = vec![Function::Other];
    for r in &ladder.roles {
        role_ids.push(r.id.as_str().into());
        functions.push(function_of(r.track));
    }
    let role_ix = |id: &str| -> RoleIx {
        role_ids
            .iter()
            .position(|r| &**r == id)
            .map_or(OTHER, |i| i as RoleIx)
    };
    let rules: Vec<Rule> = spec
        .rules
        .iter()
        .map(|r| Rule {
            all: ixs(&r.all),
            any: ixs(&r.any),
            none: ixs(&r.none),
            role: role_ix(&r.role),
            confidence: r.confidence as f32,
            ignore_area: r.ignore_area,
            function: r.function.as_deref().and_then(function_named),
            leads: r.leads,
        })
        .collect();
    let defining_mask = rules.iter().fold(ixs(&spec.seniority), |m, r| m | r.all);
    // Index each rule under the rarest word of its `all` list (or under every
    // word of `any` when `all` is empty).
    let mut uses = [0usize; MAX_WORDS];
    for r in &rules {
        for (w, u) in uses.iter_mut().enumerate() {
            if r.all & (1u128 << w) != 0 {
                *u += 1;
            }
        }
    }
    let mut candidates = vec![0u128; MAX_WORDS];
    for (i, r) in rules.iter().enumerate() {
        if r.all != 0 {
            let rarest = (0..MAX_WORDS)
                .filter(|&w| r.all & (1u128 << w) != 0)
                .min_by_key(|&w| uses[w])
                .unwrap_or(0);
            candidates[rarest] |= 1u128 << i;
        } else {
            for (w, c) in candidates.iter_mut().enumerate() {
                if r.any & (1u128 << w) != 0 {
                    *c |= 1u128 << i;
                }
            }
        }
    }
    Ok(Resolver {
        candidates,
        seniority_mask: ixs(&spec.seniority),
        defining_mask,
        vocabulary,
        typos,
        phrases,
        rules,
        role_ids,
        functions,
        seniority: spec.seniority.iter().filter_map(|w| ix(w)).collect(),
        product_mask: ixs(&spec.product_words),
        word_names,
    })
}

/// The function outside product management a rule names (`engineering`,
/// `design`).
pub(crate) fn function_named(name: &str) -> Option<Function> {
    Function::OUTSIDE_PRODUCT
        .into_iter()
        .find(|f| f.as_str() == name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TitleRule;

    #[test]
    fn functions_are_named_only_on_other_rules() {
        let mut l = crate::embedded::ladder().clone();
        let rule = |role: &str, function: Option<&str>, leads: bool| TitleRule {
            role: role.to_owned(),
            all: vec!["engineer".to_owned()],
            any: Vec::new(),
            none: Vec::new(),
            confidence: 0.5,
            ignore_area: false,
            function: function.map(str::to_owned),
            leads,
        };
        l.resolver.rules.push(rule("other", Some("sales"), false));
        l.resolver
            .rules
            .push(rule("pm", Some("engineering"), false));
        l.resolver.rules.push(rule("pm", None, true));
        let found: Vec<(String, String)> = check(&l)
            .into_iter()
            .map(|d| (d.code.to_string(), d.path.unwrap_or_default()))
            .collect();
        let n = l.resolver.rules.len();
        assert_eq!(
            found,
            [
                (
                    "unknown-function".into(),
                    format!("resolver.rules[{}].function", n - 3)
                ),
                (
                    "function-of-a-role".into(),
                    format!("resolver.rules[{}].function", n - 2)
                ),
                (
                    "function-of-a-role".into(),
                    format!("resolver.rules[{}].leads", n - 1)
                ),
            ]
        );
    }
}
