//! Who in the file is whom in the app, and who reports to whom after the
//! import: matching by email then employee number, managers named either
//! way (in the file or in the app), and reporting loops through both.
//!
//! Everything here runs once per import over every row and every current
//! person, so it is linear: hash maps keyed by borrowed text, and the loop
//! check is the same colouring walk as the org tree's.

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::{Current, ImportOptions};
use crate::org::tree::duplicate_emails;
use crate::roster::{Field, Roster, RowProblem};

/// A row's manager after the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Link {
    /// Nobody: the top of the org.
    None,
    /// Another row of the file.
    Row(usize),
    /// Someone the app has who is not in the file.
    Current(usize),
    /// As the app has it now (the file has no manager column).
    Unchanged,
}

/// The matches and links of every row.
pub(super) struct Links {
    /// The current person each row is (an index into the current people).
    pub matched: Vec<Option<usize>>,
    /// Each row's manager.
    pub manager: Vec<Link>,
    /// Rows that cannot be imported.
    pub left_out: Vec<bool>,
    /// Whether anyone reports to the row after the import.
    pub leads: Vec<bool>,
    /// Current people to deactivate.
    pub leaving: Vec<usize>,
}

/// Lower case, borrowed when it already is.
fn lower(text: &str) -> Cow<'_, str> {
    if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

impl Links {
    /// Matches rows to current people, finds each row's manager and checks
    /// the result, adding a problem for every row that cannot be imported.
    pub fn find(
        roster: &Roster,
        current: &[Current],
        options: &ImportOptions,
        problems: &mut Vec<RowProblem>,
    ) -> Links {
        let n = roster.len();
        let mut left_out = vec![false; n];
        let mut problem = |left_out: &mut Vec<bool>, i: usize, field: &'static str, message| {
            problems.push(RowProblem {
                row: roster.row(i),
                field,
                message,
                left_out: true,
            });
            left_out[i] = true;
        };
        for i in 0..n {
            if roster.email(i).is_none() {
                problem(
                    &mut left_out,
                    i,
                    "email",
                    "is empty; people are matched and sign in by work email, so every row needs one"
                        .to_owned(),
                );
            }
        }
        for (i, first) in duplicate_emails(roster) {
            problem(
                &mut left_out,
                i,
                "email",
                format!(
                    "`{}` is already the email of row {}; each person once",
                    roster.email(i).unwrap_or(""),
                    roster.row(first)
                ),
            );
        }

        // The file's people by email and by employee number.
        let mut file_email: FxHashMap<Cow<'_, str>, usize> = FxHashMap::default();
        let mut file_number: FxHashMap<&str, usize> = FxHashMap::default();
        for i in (0..n).filter(|&i| !left_out[i]) {
            if let Some(e) = roster.email(i) {
                file_email.entry(lower(e)).or_insert(i);
            }
            if let Some(id) = roster.employee_id(i) {
                file_number.entry(id).or_insert(i);
            }
        }
        // The app's people the same way.
        let cur_email: FxHashMap<&str, usize> = current
            .iter()
            .enumerate()
            .map(|(c, p)| (p.email.as_str(), c))
            .collect();
        let cur_number: FxHashMap<&str, usize> = current
            .iter()
            .enumerate()
            .filter_map(|(c, p)| Some((p.employee_id.as_deref()?, c)))
            .collect();
        let cur_id: FxHashMap<i64, usize> =
            current.iter().enumerate().map(|(c, p)| (p.id, c)).collect();

        // Matches: by email first (for everyone), then by employee number
        // for rows whose email the app does not know, when that person's
        // email is not in the file under another row.
        let mut matched: Vec<Option<usize>> = vec![None; n];
        let mut row_of: Vec<Option<usize>> = vec![None; current.len()];
        for i in (0..n).filter(|&i| !left_out[i]) {
            if let Some(&c) = roster.email(i).and_then(|e| cur_email.get(&*lower(e))) {
                matched[i] = Some(c);
                row_of[c] = Some(i);
            }
        }
        for i in 0..n {
            if left_out[i] || matched[i].is_some() {
                continue;
            }
            if let Some(&c) = roster.employee_id(i).and_then(|id| cur_number.get(id))
                && row_of[c].is_none()
                && !file_email.contains_key(current[c].email.as_str())
            {
                matched[i] = Some(c);
                row_of[c] = Some(i);
            }
        }

        // Managers.
        let has_manager_column = roster.has_column(Field::Manager);
        let missing_go = options.deactivate_missing;
        let mut manager = vec![Link::None; n];
        for i in 0..n {
            if left_out[i] {
                continue;
            }
            if !has_manager_column {
                manager[i] = Link::Unchanged;
                continue;
            }
            let Some(written) = roster.manager(i) else {
                continue;
            };
            let key = lower(written);
            let found = file_email
                .get(&key)
                .or_else(|| file_number.get(written))
                .map(|&j| Link::Row(j))
                .or_else(|| {
                    let c = *cur_email.get(&*key).or_else(|| cur_number.get(written))?;
                    Some(match row_of[c] {
                        Some(j) => Link::Row(j),
                        None => Link::Current(c),
                    })
                });
            match found {
                Some(Link::Row(j)) if j == i => problem(
                    &mut left_out,
                    i,
                    "manager",
                    "names the person themselves; leave it empty for the top of the org".to_owned(),
                ),
                Some(Link::Current(c)) if !current[c].active => problem(
                    &mut left_out,
                    i,
                    "manager",
                    format!(
                        "`{written}` is {}, who has left (deactivated); name their successor",
                        current[c].name
                    ),
                ),
                Some(Link::Current(c)) if missing_go && Some(current[c].id) != options.keep => {
                    problem(
                        &mut left_out,
                        i,
                        "manager",
                        format!(
                            "`{written}` is {}, who is not in the roster and would be deactivated as missing; add them to the roster or name another manager",
                            current[c].name
                        ),
                    )
                }
                Some(link) => manager[i] = link,
                None => problem(
                    &mut left_out,
                    i,
                    "manager",
                    format!(
                        "`{written}` is not the email or employee number of anyone in the roster or in the app; correct it, or leave it empty for the top of the org"
                    ),
                ),
            }
        }

        // Who leaves.
        let leaving: Vec<usize> = if missing_go {
            (0..current.len())
                .filter(|&c| {
                    row_of[c].is_none() && current[c].active && Some(current[c].id) != options.keep
                })
                .collect()
        } else {
            Vec::new()
        };
        let mut goes = vec![false; current.len()];
        for &c in &leaving {
            goes[c] = true;
        }

        // After the import, each node's manager: rows 0..n, then current
        // people not in the file (n + c). Matched current people are their
        // rows.
        let node_of_current = |c: usize| row_of[c].unwrap_or(n + c);
        let next = |node: usize, left_out: &[bool]| -> Option<usize> {
            if node < n {
                if left_out[node] {
                    return None;
                }
                match manager[node] {
                    Link::None => None,
                    Link::Row(j) => Some(j),
                    Link::Current(c) => Some(node_of_current(c)),
                    Link::Unchanged => {
                        let c = matched[node]?;
                        let m = *cur_id.get(&current[c].manager?)?;
                        Some(node_of_current(m))
                    }
                }
            } else {
                let c = node - n;
                let m = *cur_id.get(&current[c].manager?)?;
                Some(node_of_current(m))
            }
        };
        let name_of = |node: usize| -> &str {
            if node < n {
                roster.name(node)
            } else {
                &current[node - n].name
            }
        };
        let total = n + current.len();
        const UNSEEN: usize = usize::MAX;
        const DONE: usize = usize::MAX - 1;
        let mut colour = vec![UNSEEN; total];
        for start in 0..total {
            if colour[start] != UNSEEN || (start >= n && row_of[start - n].is_some()) {
                continue;
            }
            let mut path = Vec::new();
            let mut at = Some(start);
            while let Some(node) = at {
                if colour[node] == DONE {
                    break;
                }
                if colour[node] == start {
                    let from = path.iter().position(|&p| p == node).unwrap_or(0);
                    let names: Vec<&str> = path[from..]
                        .iter()
                        .chain(std::iter::once(&node))
                        .map(|&p| name_of(p))
                        .collect();
                    let message = format!("is part of a reporting loop: {}", names.join(" → "));
                    for &p in &path[from..] {
                        if p < n && !left_out[p] {
                            problem(&mut left_out, p, "manager", message.clone());
                        }
                    }
                    break;
                }
                colour[node] = start;
                path.push(node);
                at = next(node, &left_out);
            }
            for p in path {
                colour[p] = DONE;
            }
        }

        // Who leads: anyone kept (a row, or a current person not in the file
        // and not leaving) reporting to a row.
        let mut leads = vec![false; n];
        for node in 0..total {
            let kept = if node < n {
                !left_out[node]
            } else {
                row_of[node - n].is_none() && !goes[node - n] && current[node - n].active
            };
            if kept
                && let Some(m) = next(node, &left_out)
                && m < n
            {
                leads[m] = true;
            }
        }
        Links {
            matched,
            manager,
            left_out,
            leads,
            leaving,
        }
    }
}
