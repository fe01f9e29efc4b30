//! The manager tree of a roster: who reports to whom, checked.
//!
//! Managers are named by email or employee number. A person whose manager
//! is nobody in the file, a second row with an email already seen, and
//! everyone on a reporting loop are reported by row and left out of the
//! figures; the people who report to someone left out count as having no
//! manager (and are listed as such), so one bad row never hides a subtree.
//! Everything is iterative and linear: a 1,000,000-person chain is fine.

use rustc_hash::FxHashMap;

use crate::roster::{RosterPerson, RowProblem};

/// The checked tree: for each kept person (by index into `kept`), the
/// index of their manager among the kept, their depth (0 for people with
/// no manager) and the order to visit them deepest first.
pub(crate) struct Tree {
    /// Indices into the roster's people of everyone kept.
    pub kept: Vec<usize>,
    /// Manager of each kept person, as an index into `kept`.
    pub manager: Vec<Option<usize>>,
    /// Depth of each kept person: 0 without a manager.
    pub depth: Vec<u32>,
    /// Direct reports of each kept person.
    pub reports: Vec<u32>,
    /// Kept people ordered by depth, deepest first (for bottom-up sums).
    pub deepest_first: Vec<usize>,
}

/// Builds the tree, adding a problem for every row left out.
pub(crate) fn build(people: &[RosterPerson], problems: &mut Vec<RowProblem>) -> Tree {
    let n = people.len();
    let mut left_out = vec![false; n];
    // Emails and employee numbers: the first row with one owns it.
    let mut by_email: FxHashMap<&str, usize> =
        FxHashMap::with_capacity_and_hasher(n, Default::default());
    for (i, p) in people.iter().enumerate() {
        if let Some(e) = p.email.as_deref() {
            if let Some(&first) = by_email.get(e) {
                problems.push(RowProblem {
                    row: p.row,
                    field: "email",
                    message: format!(
                        "`{e}` is already the email of row {}; each person once",
                        people[first].row
                    ),
                    left_out: true,
                });
                left_out[i] = true;
                continue;
            }
            by_email.insert(e, i);
        }
    }
    // Employee numbers are indexed only when some manager is not named by
    // email (most rosters name them one way throughout).
    let mut by_id: Option<FxHashMap<&str, usize>> = None;
    // Managers by reference.
    let mut manager: Vec<Option<usize>> = vec![None; n];
    for (i, p) in people.iter().enumerate() {
        if left_out[i] {
            continue;
        }
        let Some(m) = p.manager.as_deref() else {
            continue;
        };
        // Emails are kept in lower case; most references already are.
        let lower;
        let key = if m.bytes().any(|b| b.is_ascii_uppercase()) || !m.is_ascii() {
            lower = m.to_lowercase();
            lower.as_str()
        } else {
            m
        };
        let found = by_email.get(key).copied().or_else(|| {
            by_id
                .get_or_insert_with(|| {
                    let mut ids = FxHashMap::with_capacity_and_hasher(n, Default::default());
                    for (j, q) in people.iter().enumerate() {
                        if let Some(id) = q.employee_id.as_deref()
                            && !left_out[j]
                        {
                            ids.entry(id).or_insert(j);
                        }
                    }
                    ids
                })
                .get(m)
                .copied()
        });
        match found {
            Some(j) if j == i => {
                problems.push(RowProblem {
                    row: p.row,
                    field: "manager",
                    message: "names the person themselves; leave it empty for the top of the org"
                        .to_owned(),
                    left_out: true,
                });
                left_out[i] = true;
            }
            Some(j) => manager[i] = Some(j),
            None => {
                problems.push(RowProblem {
                    row: p.row,
                    field: "manager",
                    message: format!(
                        "`{m}` is not the email or employee number of anyone in the roster"
                    ),
                    left_out: true,
                });
                left_out[i] = true;
            }
        }
    }
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
                    .map(|&p: &usize| people[p].name.as_str())
                    .chain(std::iter::once(people[i].name.as_str()))
                    .collect();
                for &p in &path[from..] {
                    if !left_out[p] {
                        problems.push(RowProblem {
                            row: people[p].row,
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
            at = manager[i];
        }
        for p in path {
            colour[p] = DONE;
        }
    }
    // Keep the rest; a manager left out makes their reports roots.
    let mut index = vec![usize::MAX; n];
    let kept: Vec<usize> = (0..n).filter(|&i| !left_out[i]).collect();
    for (k, &i) in kept.iter().enumerate() {
        index[i] = k;
    }
    let kept_manager: Vec<Option<usize>> = kept
        .iter()
        .map(|&i| manager[i].filter(|&m| !left_out[m]).map(|m| index[m]))
        .collect();
    let mut reports = vec![0u32; kept.len()];
    for m in kept_manager.iter().flatten() {
        reports[*m] += 1;
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
                Some(m) => at = m,
                None => break,
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
    let mut deepest_first = vec![0usize; kept.len()];
    for (k, &d) in depth.iter().enumerate() {
        let slot = &mut at_depth[max_depth - d as usize];
        deepest_first[*slot] = k;
        *slot += 1;
    }
    Tree {
        kept,
        manager: kept_manager,
        depth,
        reports,
        deepest_first,
    }
}
