//! Word lookup for the resolver: exact words, abbreviations and parts, and
//! the one-edit typo fallback through a deletion index. Every probe is a hash
//! lookup; nothing allocates.

use super::{Meaning, Resolver, tokens};

/// What a word turned out to be.
pub(super) enum Looked<'a> {
    Words(&'a [u8]),
    One(u8),
    Parts,
    Stop,
    Conjunction,
    Employer,
    Unknown,
}

impl Resolver {
    pub(super) fn lookup_exact(&self, word: &str) -> Option<&Meaning> {
        self.vocabulary.get(word)
    }

    pub(super) fn lookup<'a>(
        &'a self,
        word: &str,
        corrections: &mut u8,
        memo: &mut rustc_hash::FxHashMap<Box<str>, Option<u8>>,
    ) -> Looked<'a> {
        match self.vocabulary.get(word) {
            Some(Meaning::Words(ws)) => return Looked::Words(ws),
            Some(Meaning::Stop) => return Looked::Stop,
            Some(Meaning::Conjunction) => return Looked::Conjunction,
            Some(Meaning::Employer) => return Looked::Employer,
            None => {}
        }
        if word.contains('-') {
            return Looked::Parts;
        }
        let typo = match memo.get(word) {
            Some(&hit) => hit,
            None => {
                let hit = self.typo(word);
                if memo.len() >= tokens::TYPO_MEMO {
                    memo.clear();
                }
                memo.insert(word.into(), hit);
                hit
            }
        };
        match typo {
            Some(w) => {
                *corrections = corrections.saturating_add(1);
                Looked::One(w)
            }
            None => Looked::Unknown,
        }
    }

    /// A known word at edit distance 1 (insertion, deletion, substitution or
    /// adjacent transposition) with the same first letter, when unambiguous.
    pub(super) fn typo(&self, word: &str) -> Option<u8> {
        let bytes = word.as_bytes();
        if bytes.len() < 5 || !word.is_ascii() || bytes.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let first = bytes[0];
        let mut found: Option<u8> = None;
        let mut consider = |hit: Option<(u8, u8)>| {
            if let Some((w, f)) = hit
                && f == first
            {
                match found {
                    None => found = Some(w),
                    Some(prev) if prev != w => found = Some(u8::MAX),
                    Some(_) => {}
                }
            }
        };
        // The word is a known word with one letter missing.
        consider(self.typos.get(word).copied());
        let mut buf = String::with_capacity(bytes.len());
        for skip in 1..bytes.len() {
            buf.clear();
            buf.push_str(&word[..skip]);
            buf.push_str(&word[skip + 1..]);
            // One letter too many.
            if let Some(Meaning::Words(ws)) = self.vocabulary.get(buf.as_str())
                && ws.len() == 1
            {
                consider(Some((ws[0], buf.as_bytes()[0])));
            }
            // One letter wrong, or two swapped.
            consider(self.typos.get(buf.as_str()).copied());
        }
        found.filter(|&w| w != u8::MAX)
    }
}
