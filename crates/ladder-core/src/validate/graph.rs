//! The moves between roles: no self-moves, no cycles among climbing moves,
//! every role reachable from an entry point.

use std::collections::{HashMap, HashSet};

use crate::file::Diagnostic;
use crate::model::Ladder;

/// The most roles a ladder may have: far above any company's (a few dozen
/// roles across families), low enough that every route search and page
/// stays small.
pub const MAX_ROLES: usize = 1_000;
/// The most moves a ladder may have.
pub const MAX_TRANSITIONS: usize = 20_000;

pub(super) fn check_transitions(l: &Ladder, out: &mut Vec<Diagnostic>) {
    if l.roles.len() > MAX_ROLES {
        out.push(
            Diagnostic::error(
                "too-many-roles",
                "roles",
                format!(
                    "the ladder has {} roles; at most {MAX_ROLES} are allowed",
                    l.roles.len()
                ),
            )
            .with_hint("split it into one ladder file per job family"),
        );
    }
    if l.transitions.len() > MAX_TRANSITIONS {
        out.push(
            Diagnostic::error(
                "too-many-transitions",
                "transitions",
                format!(
                    "the ladder has {} moves; at most {MAX_TRANSITIONS} are allowed",
                    l.transitions.len()
                ),
            )
            .with_hint("list the moves people really make, not every pair of roles"),
        );
    }
    let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
    for (i, t) in l.transitions.iter().enumerate() {
        if t.from == t.to {
            out.push(
                Diagnostic::error(
                    "self-transition",
                    format!("transitions[{i}].to"),
                    format!("a transition from `{}` to itself", t.from),
                )
                .with_hint("a move must lead to another role; remove it"),
            );
        }
        if let Some(first) = seen.insert((t.from.as_str(), t.to.as_str()), i) {
            out.push(
                Diagnostic::error(
                    "duplicate-transition",
                    format!("transitions[{i}]"),
                    format!("the move `{}` → `{}` is listed twice", t.from, t.to),
                )
                .with_hint(format!("the first is transitions[{first}]; keep one")),
            );
        }
    }
}

/// Cycles among promotions and track switches: each is reported once, at the
/// move that closes it.
pub(super) fn check_cycles(l: &Ladder, out: &mut Vec<Diagnostic>) {
    let index: HashMap<&str, usize> = l
        .roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); l.roles.len()];
    for (ti, t) in l
        .transitions
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind.climbs())
    {
        if let (Some(&a), Some(&b)) = (index.get(t.from.as_str()), index.get(t.to.as_str()))
            && a != b
        {
            edges[a].push((b, ti));
        }
    }
    // Iterative depth-first search: 0 = unseen, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; l.roles.len()];
    for start in 0..l.roles.len() {
        if state[start] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = 1;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&(to, ti)) = edges[node].get(*next) {
                *next += 1;
                match state[to] {
                    0 => {
                        state[to] = 1;
                        stack.push((to, 0));
                    }
                    1 => {
                        let from = stack.iter().position(|&(n, _)| n == to).unwrap_or(0);
                        let mut names: Vec<&str> = stack[from..]
                            .iter()
                            .map(|&(n, _)| l.roles[n].id.as_str())
                            .collect();
                        names.push(l.roles[to].id.as_str());
                        out.push(
                            Diagnostic::error(
                                "promotion-cycle",
                                format!("transitions[{ti}]"),
                                format!("promotions go round in a circle: {}", names.join(" → ")),
                            )
                            .with_hint("a climb must lead upwards; make one of these moves `lateral`, or remove it"),
                        );
                    }
                    _ => {}
                }
            } else {
                state[node] = 2;
                stack.pop();
            }
        }
    }
}

/// Roles nobody can get to. The starting points are the roles entry points lead
/// to or come from; a ladder without entry points starts from every role that no
/// move leads into.
pub(super) fn check_reachability(l: &Ladder, out: &mut Vec<Diagnostic>) {
    // Moves by where they start, built once: a company ladder has hundreds
    // of roles and moves, and a scan of every move per role adds up.
    let mut onward: HashMap<&str, Vec<&str>> = HashMap::new();
    for t in &l.transitions {
        onward
            .entry(t.from.as_str())
            .or_default()
            .push(t.to.as_str());
    }
    let mut reached: HashSet<&str> = HashSet::new();
    let mut queue: Vec<&str> = if l.entry_points.is_empty() {
        let entered: HashSet<&str> = l.transitions.iter().map(|t| t.to.as_str()).collect();
        l.roles
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| !entered.contains(id))
            .collect()
    } else {
        l.entry_points
            .iter()
            .flat_map(|e| e.leads_to.iter().chain(&e.from))
            .map(|id| id.as_str())
            .collect()
    };
    while let Some(id) = queue.pop() {
        if reached.insert(id) {
            queue.extend(onward.get(id).into_iter().flatten().copied());
        }
    }
    for (i, r) in l.roles.iter().enumerate() {
        if !reached.contains(r.id.as_str()) {
            out.push(
                Diagnostic::error(
                    "unreachable-role",
                    format!("roles[{i}].id"),
                    format!("role `{}` cannot be reached from any entry point", r.id),
                )
                .with_hint(
                    "add a [[transitions]] move into it, or list it in an entry point's `leads_to`",
                ),
            );
        }
    }
}
