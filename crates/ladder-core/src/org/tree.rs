//! The manager tree of a roster: who reports to whom, checked.
//!
//! Managers are named by email or employee number. A person whose manager
//! is nobody in the file, a second row with an email already seen, and
//! everyone on a reporting loop are reported by row and left out of the
//! figures; the people who report to someone left out count as having no
//! manager (and are listed as such), so one bad row never hides a subtree.
//! Everything is iterative and linear: a 1,000,000-person chain is fine.
//! Indices are `u32`; repeated emails are found by sorting hashes, and
//! managers through a table of the references the roster makes (a few
//! per cent of its rows), which keeps a million-person tree to a few tens
//! of megabytes and its lookups in cache.

use std::borrow::Cow;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::roster::{Roster, RowProblem};

/// "Nobody" in a `u32` index.
pub(crate) const NOBODY: u32 = u32::MAX;

/// The checked tree: for each kept person (by index into `kept`), the
/// index of their manager among the kept, their depth (0 for people with
/// no manager) and the order to visit them deepest first.
pub(crate) struct Tree {
    /// Indices into the roster's people of everyone kept.
    pub kept: Vec<u32>,
    /// Manager of each kept person, as an index into `kept` ([`NOBODY`]
    /// for none); see [`Tree::manager`].
    managers: Vec<u32>,
    /// Depth of each kept person: 0 without a manager.
    pub depth: Vec<u32>,
    /// Direct reports of each kept person.
    pub reports: Vec<u32>,
    /// Kept people ordered by depth, deepest first (for bottom-up sums).
    pub deepest_first: Vec<u32>,
}

impl Tree {
    /// How many people are kept.
    pub fn len(&self) -> usize {
        self.kept.len()
    }

    /// The roster index of kept person `k`.
    pub fn row_of(&self, k: usize) -> usize {
        self.kept[k] as usize
    }

    /// The manager of kept person `k`, as a kept index.
    pub fn manager(&self, k: usize) -> Option<usize> {
        let m = self.managers[k];
        (m != NOBODY).then_some(m as usize)
    }
}

/// Rows whose email an earlier row already has, each with that earlier
/// row. Emails are hashed and the hashes sorted, so equal emails meet as
/// neighbours; only rows whose hashes meet are compared as text. (A hash
/// table of a million emails costs a cache miss a row; a sort does not.)
pub(crate) fn duplicate_emails(roster: &Roster) -> Vec<(usize, usize)> {
    let mut hashes: Vec<(u64, u32)> = (0..roster.len())
        .filter_map(|i| Some((FxBuildHasher.hash_one(roster.email(i)?), i as u32)))
        .collect();
    hashes.sort_unstable();
    let mut out = Vec::new();
    for run in hashes.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
        // In row order within the run; each row against the first earlier
        // row with the same text that is not itself a repeat.
        let mut firsts: Vec<usize> = Vec::new();
        for &(_, i) in run {
            let i = i as usize;
            match firsts.iter().find(|&&f| roster.email(f) == roster.email(i)) {
                Some(&f) => out.push((i, f)),
                None => firsts.push(i),
            }
        }
    }
    out
}

/// The managers the roster names, each distinct reference once, and the
/// row each one is: by email (without regard to case), else by employee
/// number. A roster of a million people names some tens of thousands of
/// managers, so these tables stay small and in cache.
struct Managers<'r> {
    /// Reference as written → its number.
    numbers: FxHashMap<&'r str, u32>,
    /// Each reference as written.
    written: Vec<&'r str>,
    /// The row each reference names, [`NOBODY`] if none.
    row: Vec<u32>,
}

impl<'r> Managers<'r> {
    /// Numbers each row's manager reference (`by_row`, [`NOBODY`] for none)
    /// and finds the row it names.
    fn find(roster: &'r Roster, left_out: &[bool]) -> (Managers<'r>, Vec<u32>) {
        let mut m = Managers {
            numbers: FxHashMap::default(),
            written: Vec::new(),
            row: Vec::new(),
        };
        // HR exports list a team's people together: the row before often
        // names the same manager.
        let mut last: Option<(&str, u32)> = None;
        let by_row: Vec<u32> = (0..roster.len())
            .map(|i| {
                let Some(r) = roster.manager(i).filter(|_| !left_out[i]) else {
                    return NOBODY;
                };
                if let Some((text, n)) = last
                    && text == r
                {
                    return n;
                }
                let next = m.written.len() as u32;
                let n = *m.numbers.entry(r).or_insert(next);
                if n == next {
                    m.written.push(r);
                }
                last = Some((r, n));
                n
            })
            .collect();
        m.row = vec![NOBODY; m.written.len()];
        // By email: emails are kept in lower case; references are compared
        // in lower case.
        let mut by_lower: FxHashMap<Cow<'r, str>, Vec<u32>> = FxHashMap::default();
        for (n, text) in m.written.iter().enumerate() {
            let key = if text.bytes().any(|b| b.is_ascii_uppercase()) || !text.is_ascii() {
                Cow::Owned(text.to_lowercase())
            } else {
                Cow::Borrowed(*text)
            };
            by_lower.entry(key).or_default().push(n as u32);
        }
        for (i, out) in left_out.iter().enumerate() {
            if let (false, Some(e)) = (out, roster.email(i))
                && let Some(refs) = by_lower.get(e)
            {
                for &n in refs {
                    if m.row[n as usize] == NOBODY {
                        m.row[n as usize] = i as u32;
                    }
                }
            }
        }
        // By employee number, as written, for references no email matched.
        if m.row.contains(&NOBODY) {
            for (i, out) in left_out.iter().enumerate() {
                if let (false, Some(id)) = (out, roster.employee_id(i))
                    && let Some(&n) = m.numbers.get(id)
                    && m.row[n as usize] == NOBODY
                {
                    m.row[n as usize] = i as u32;
                }
            }
        }
        (m, by_row)
    }
}

/// Builds the tree, adding a problem for every row left out.
pub(crate) fn build(roster: &Roster, problems: &mut Vec<RowProblem>) -> Tree {
    let n = roster.len();
    let mut left_out = vec![false; n];
    // Emails: the first row with one owns it.
    for (i, first) in duplicate_emails(roster) {
        problems.push(RowProblem {
            row: roster.row(i),
            field: "email",
            message: format!(
                "`{}` is already the email of row {}; each person once",
                roster.email(i).unwrap_or(""),
                roster.row(first)
            ),
            left_out: true,
        });
        left_out[i] = true;
    }
    // Managers by reference.
    let (managers, by_row) = Managers::find(roster, &left_out);
    let mut manager: Vec<u32> = vec![NOBODY; n];
    for (i, &r) in by_row.iter().enumerate() {
        if r == NOBODY {
            continue;
        }
        match managers.row[r as usize] {
            j if j as usize == i => {
                problems.push(RowProblem {
                    row: roster.row(i),
                    field: "manager",
                    message: "names the person themselves; leave it empty for the top of the org"
                        .to_owned(),
                    left_out: true,
                });
                left_out[i] = true;
            }
            NOBODY => {
                problems.push(RowProblem {
                    row: roster.row(i),
                    field: "manager",
                    message: format!(
                        "`{}` is not the email or employee number of anyone in the roster",
                        managers.written[r as usize]
                    ),
                    left_out: true,
                });
                left_out[i] = true;
            }
            j => manager[i] = j,
        }
    }
    drop((managers, by_row));
    // Loops: walk up from each person, colouring the path; a walk that
    // meets its own colour found a loop.
    const UNSEEN: u32 = u32::MAX;
    const DONE: u32 = u32::MAX - 1;
    let mut colour = vec![UNSEEN; n];
    for start in 0..n {
        if colour[start] != UNSEEN {
            continue;
        }
        let mut path = Vec::new();
        let mut at = Some(start);
        while let Some(i) = at {
            if colour[i] == DONE {
                break;
            }
            if colour[i] == start as u32 {
                // A loop: from where `i` first appears on the path.
                let from = path.iter().position(|&p| p == i).unwrap_or(0);
                let names: Vec<&str> = path[from..]
                    .iter()
                    .map(|&p: &usize| roster.name(p))
                    .chain(std::iter::once(roster.name(i)))
                    .collect();
                for &p in &path[from..] {
                    if !left_out[p] {
                        problems.push(RowProblem {
                            row: roster.row(p),
                            field: "manager",
                            message: format!("is part of a reporting loop: {}", names.join(" → ")),
                            left_out: true,
                        });
                        left_out[p] = true;
                    }
                }
                break;
            }
            colour[i] = start as u32;
            path.push(i);
            at = (manager[i] != NOBODY).then_some(manager[i] as usize);
        }
        for p in path {
            colour[p] = DONE;
        }
    }
    drop(colour);
    // Keep the rest; a manager left out makes their reports roots. The
    // roster-wide manager column becomes the kept index of each manager.
    let kept: Vec<u32> = (0..n as u32).filter(|&i| !left_out[i as usize]).collect();
    let mut index = vec![NOBODY; n];
    for (k, &i) in kept.iter().enumerate() {
        index[i as usize] = k as u32;
    }
    let kept_manager: Vec<u32> = kept
        .iter()
        .map(|&i| match manager[i as usize] {
            NOBODY => NOBODY,
            m if left_out[m as usize] => NOBODY,
            m => index[m as usize],
        })
        .collect();
    drop((manager, index, left_out));
    let mut reports = vec![0u32; kept.len()];
    for &m in &kept_manager {
        if m != NOBODY {
            reports[m as usize] += 1;
        }
    }
    // Depths without recursion: climb until a known depth, then fill down.
    const UNKNOWN: u32 = u32::MAX;
    let mut depth = vec![UNKNOWN; kept.len()];
    let mut chain = Vec::new();
    for k in 0..kept.len() {
        let mut at = k;
        while depth[at] == UNKNOWN {
            chain.push(at);
            match kept_manager[at] {
                NOBODY => break,
                m => at = m as usize,
            }
        }
        let mut d = if depth[at] == UNKNOWN {
            0
        } else {
            depth[at] + 1
        };
        if depth[at] == UNKNOWN {
            // `at` is a root: it is the last on the chain.
            depth[at] = 0;
            chain.pop();
            d = 1;
        }
        while let Some(c) = chain.pop() {
            depth[c] = d;
            d += 1;
        }
    }
    // Deepest first, by counting (depths are small numbers).
    let max_depth = depth.iter().copied().max().unwrap_or(0) as usize;
    let mut at_depth = vec![0usize; max_depth + 2];
    for &d in &depth {
        at_depth[max_depth - d as usize + 1] += 1;
    }
    for i in 1..at_depth.len() {
        at_depth[i] += at_depth[i - 1];
    }
    let mut deepest_first = vec![0u32; kept.len()];
    for (k, &d) in depth.iter().enumerate() {
        let slot = &mut at_depth[max_depth - d as usize];
        deepest_first[*slot] = k as u32;
        *slot += 1;
    }
    Tree {
        kept,
        managers: kept_manager,
        depth,
        reports,
        deepest_first,
    }
}
