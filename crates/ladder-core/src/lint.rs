//! Lint: things that are legal in a ladder file but make it a worse ladder.
//!
//! Warnings, never errors — a company may have reasons — and `ladder lint
//! --strict` turns them into a failing exit code for CI. The rules:
//!
//! * `repeated-text`: a role repeats, word for word, a statement of the role below
//!   it. A ladder is read to learn what changes at the next level; a copied line
//!   says nothing changes.
//! * `vague-criterion`: a readiness criterion that names a quality ("strong
//!   communicator") instead of a behaviour someone could observe.
//! * `missing-readiness`: a promotion or track switch without readiness criteria,
//!   so nobody can tell when someone is ready for it.
//! * `readiness-without-move`: criteria for a step the ladder has no move for.
//! * `many-moves`: a role with more than [`MAX_MOVES_OUT`] moves out. Routes
//!   through it multiply, and a person reading the role cannot tell which
//!   moves are real paths and which are "anything goes".

use crate::file::Diagnostic;
use crate::model::{Fact, Ladder};

/// Every lint warning for a valid ladder.
pub fn lint(l: &Ladder) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    repeated_text(l, &mut out);
    vague_criteria(l, &mut out);
    readiness_coverage(l, &mut out);
    many_moves(l, &mut out);
    out
}

/// More moves out of one role than this is flagged.
pub const MAX_MOVES_OUT: usize = 10;

fn many_moves(l: &Ladder, out: &mut Vec<Diagnostic>) {
    for (i, role) in l.roles.iter().enumerate() {
        let n = l.transitions_from(role.id.as_str()).count();
        if n > MAX_MOVES_OUT {
            out.push(
                Diagnostic::warning(
                    "many-moves",
                    format!("roles[{i}]"),
                    format!("`{}` has {n} moves out; more than {MAX_MOVES_OUT} makes its routes hard to follow", role.id),
                )
                .with_hint("keep the moves people really make; a lateral move to every role says little"),
            );
        }
    }
}

fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_end_matches(['.', ';', '!'])
        .to_lowercase()
}

fn repeated_text(l: &Ladder, out: &mut Vec<Diagnostic>) {
    for (i, role) in l.roles.iter().enumerate() {
        for below in l.previous_roles(role.id.as_str()) {
            let theirs: Vec<String> = [&below.responsibilities, &below.skills]
                .into_iter()
                .flatten()
                .map(|f| normalise(&f.text))
                .collect();
            for (field, list) in [
                ("responsibilities", &role.responsibilities),
                ("skills", &role.skills),
            ] {
                for (j, fact) in list.iter().enumerate() {
                    if theirs.contains(&normalise(&fact.text)) {
                        out.push(
                            Diagnostic::warning(
                                "repeated-text",
                                format!("roles[{i}].{field}[{j}]"),
                                format!("`{}` repeats `{}` word for word: \"{}\"", role.id, below.id, fact.text),
                            )
                            .with_hint("say what changes at this level: scope, autonomy, audience or impact"),
                        );
                    }
                }
            }
        }
    }
}

/// Qualities that say how good someone is without saying what they do.
const VAGUE_WORDS: &[&str] = &[
    "strong",
    "excellent",
    "good",
    "great",
    "solid",
    "exceptional",
    "outstanding",
    "effective",
    "proven",
    "passionate",
    "world-class",
    "superb",
    "skilled",
    "talented",
    "savvy",
    "rockstar",
    "ninja",
    "impressive",
    "amazing",
    "best",
];

/// Word stems of behaviours someone can be seen doing.
const OBSERVABLE_STEMS: &[&str] = &[
    "advis",
    "advoc",
    "answer",
    "articulat",
    "budget",
    "build",
    "built",
    "coach",
    "consult",
    "creat",
    "decid",
    "defin",
    "delegat",
    "deliver",
    "demonstrat",
    "document",
    "drive",
    "driv",
    "drove",
    "explain",
    "forecast",
    "gave",
    "give",
    "hire",
    "hired",
    "hiring",
    "kept",
    "keep",
    "launch",
    "lead",
    "led",
    "made",
    "make",
    "manag",
    "measur",
    "mentor",
    "negotiat",
    "own",
    "plan",
    "present",
    "prioriti",
    "ran",
    "recruit",
    "report",
    "review",
    "run",
    "scop",
    "set",
    "ship",
    "show",
    "speak",
    "spoke",
    "ties",
    "tie",
    "track",
    "train",
    "trust",
    "wrote",
    "writes",
    "writing",
    "is asked",
    "is consulted",
    "is sought",
];

/// Whether a criterion names a quality rather than an observable behaviour.
pub fn is_vague(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() <= 3 {
        return true;
    }
    let has_vague = words.iter().any(|w| VAGUE_WORDS.contains(w));
    let observable = OBSERVABLE_STEMS.iter().any(|stem| {
        if stem.contains(' ') {
            lower.contains(stem)
        } else {
            words.iter().any(|w| w.starts_with(stem))
        }
    });
    has_vague && !observable
}

fn vague_criteria(l: &Ladder, out: &mut Vec<Diagnostic>) {
    for (i, role) in l.roles.iter().enumerate() {
        for (j, rd) in role.readiness.iter().enumerate() {
            for (k, Fact { text, .. }) in rd.criteria.iter().enumerate() {
                if is_vague(text) {
                    out.push(
                        Diagnostic::warning(
                            "vague-criterion",
                            format!("roles[{i}].readiness[{j}].criteria[{k}]"),
                            format!("criterion \"{text}\" names a quality, not something one can observe"),
                        )
                        .with_hint("describe what the person does and who sees it (\"presents the roadmap to the leadership team each quarter\")"),
                    );
                }
            }
        }
    }
}

fn readiness_coverage(l: &Ladder, out: &mut Vec<Diagnostic>) {
    for (ti, t) in l
        .transitions
        .iter()
        .enumerate()
        .filter(|(_, t)| t.kind.climbs())
    {
        let has = l
            .role(t.from.as_str())
            .is_some_and(|r| r.readiness_for(t.to.as_str()).is_some());
        if !has {
            out.push(
                Diagnostic::warning(
                    "missing-readiness",
                    format!("transitions[{ti}]"),
                    format!(
                        "no readiness criteria for the step from `{}` to `{}`",
                        t.from, t.to
                    ),
                )
                .with_hint(format!(
                    "add a [[roles.readiness]] table with `to = \"{}\"` to role `{}`",
                    t.to, t.from
                )),
            );
        }
    }
    for (i, role) in l.roles.iter().enumerate() {
        for (j, rd) in role.readiness.iter().enumerate() {
            if l.transition(role.id.as_str(), rd.to.as_str()).is_none() {
                out.push(
                    Diagnostic::warning(
                        "readiness-without-move",
                        format!("roles[{i}].readiness[{j}].to"),
                        format!(
                            "readiness criteria for `{}` → `{}`, but the ladder has no such move",
                            role.id, rd.to
                        ),
                    )
                    .with_hint("add the move to [[transitions]], or remove the criteria"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_vague;

    #[test]
    fn vague_and_observable_criteria() {
        assert!(is_vague("Strong communicator"));
        assert!(is_vague(
            "Excellent written and verbal communication skills"
        ));
        assert!(is_vague("team player"));
        assert!(!is_vague(
            "Presents the product roadmap to the executive team every quarter"
        ));
        assert!(!is_vague(
            "Other PMs seek their advice on roadmaps and trade-offs"
        ));
        assert!(!is_vague(
            "Has a strong track record: shipped three launches without slipping"
        ));
    }
}
