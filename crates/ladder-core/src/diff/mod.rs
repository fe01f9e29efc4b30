//! Semantic diff of two versions of a ladder.
//!
//! A text diff of two ladder files mixes reordering and reformatting with real
//! change. This diff compares the *model*: items are matched by identity (a role
//! by id, a move by its two ends, a list entry by its text or its `to`), so the
//! result reads as "role `cpo` added", "`pm` skills: + …" — what a reviewer of a
//! ladder change needs. It works on the JSON form of the model, so a new field
//! is diffed without new code here.

use indexmap::IndexMap;
use serde::Serialize;
use serde_json::Value;

use crate::model::Ladder;

mod words;

/// What happened to an item or a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only in the new ladder.
    Added,
    /// Only in the old ladder.
    Removed,
    /// In both, with a different value.
    Changed,
}

/// One difference between two ladders.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The part of the ladder (`roles`, `transitions`, `company_sizes`, …).
    pub section: String,
    /// The item within it (`pm`, `pm → senior-pm`); empty for single tables.
    pub item: String,
    /// The field within the item (`skills`, `readiness[to=senior-pm].criteria`);
    /// empty when the whole item was added or removed.
    pub field: String,
    /// What happened.
    pub change: ChangeKind,
    /// The old value, for removals and changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old: Option<Value>,
    /// The new value, for additions and changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new: Option<Value>,
}

/// The sections in the order a reviewer reads them; a section the model
/// gains later is diffed too, after these (see [`diff`]).
const SECTIONS: [&str; 13] = [
    "ladder",
    "families",
    "sources",
    "roles",
    "transitions",
    "competencies",
    "company_sizes",
    "entry_points",
    "organisation",
    "resolver",
    "simulation",
    "benchmarks",
    "disagreements",
];

/// Every difference from `old` to `new`, in section order: every top-level
/// table of the model, so no part of a ladder (competency expectations and
/// examples, the resolver, the simulation) can change unseen.
pub fn diff(old: &Ladder, new: &Ladder) -> Vec<Change> {
    let (a, b) = (to_value(old), to_value(new));
    let mut sections: Vec<&str> = SECTIONS.to_vec();
    for v in [&a, &b] {
        if let Value::Object(map) = v {
            for k in map.keys() {
                if !sections.contains(&k.as_str()) {
                    sections.push(k);
                }
            }
        }
    }
    let mut out = Vec::new();
    for section in sections {
        let (x, y) = (
            a.get(section).unwrap_or(&Value::Null),
            b.get(section).unwrap_or(&Value::Null),
        );
        let as_list = |v: &Value| match v {
            Value::Array(items) => Some(items.clone()),
            Value::Null => Some(Vec::new()),
            _ => None,
        };
        if let (Some(xs), Some(ys)) = (as_list(x), as_list(y))
            && (x.is_array() || y.is_array())
        {
            diff_items(section, "", &xs, &ys, &mut out);
            continue;
        }
        // A table's lists of records (competencies and their scale and
        // areas) are items too: "competency `discovery`, expectations.pm",
        // not one field path through the whole table.
        let (mut x, mut y) = (x.clone(), y.clone());
        for (name, prefix) in [("items", ""), ("scale", "scale "), ("areas", "area ")] {
            if x.get(name).is_none() && y.get(name).is_none() {
                continue;
            }
            if let (Some(xs), Some(ys)) = (records(&x, name), records(&y, name)) {
                diff_items(section, prefix, &xs, &ys, &mut out);
                for v in [&mut x, &mut y] {
                    if let Value::Object(m) = v {
                        m.remove(name);
                    }
                }
            }
        }
        let mut fields = Vec::new();
        diff_value("", &x, &y, &mut fields);
        out.extend(fields.into_iter().map(|(field, change, old, new)| Change {
            section: section.to_owned(),
            item: String::new(),
            field,
            change,
            old,
            new,
        }));
    }
    out
}

/// The list of records under `name` in a table (none when absent); `None`
/// when it is not a list of records.
fn records(table: &Value, name: &str) -> Option<Vec<Value>> {
    match table.get(name) {
        None => Some(Vec::new()),
        Some(Value::Array(list)) if list.iter().all(Value::is_object) => Some(list.clone()),
        Some(_) => None,
    }
}

fn to_value(l: &Ladder) -> Value {
    serde_json::to_value(l).unwrap_or(Value::Null)
}

/// The identity of a list entry: what makes "the same" entry in two versions.
fn key(v: &Value) -> String {
    let s = |k: &str| v.get(k).and_then(Value::as_str);
    if let (Some(from), Some(to)) = (s("from"), s("to")) {
        return format!("{from} → {to}");
    }
    for k in ["id", "to", "title", "text", "zone"] {
        if let Some(id) = s(k) {
            return id.to_owned();
        }
    }
    // A scale level is the same level whatever its words.
    if let Some(level) = v.get("level").and_then(Value::as_u64) {
        return format!("level {level}");
    }
    match v {
        Value::String(t) => t.clone(),
        other => other.to_string(),
    }
}

fn diff_items(section: &str, prefix: &str, old: &[Value], new: &[Value], out: &mut Vec<Change>) {
    let change = |item: String, field: String, change, old, new| Change {
        section: section.to_owned(),
        item: format!("{prefix}{item}"),
        field,
        change,
        old,
        new,
    };
    let (old_keys, new_keys) = (keyed(old), keyed(new));
    for (k, o) in &old_keys {
        match new_keys.get(k) {
            None => out.push(change(
                k.clone(),
                String::new(),
                ChangeKind::Removed,
                Some((*o).clone()),
                None,
            )),
            Some(n) => {
                let mut fields = Vec::new();
                diff_value("", o, n, &mut fields);
                for (field, kind, ov, nv) in fields {
                    out.push(change(k.clone(), field, kind, ov, nv));
                }
            }
        }
    }
    for (k, n) in &new_keys {
        if !old_keys.contains_key(k) {
            out.push(change(
                k.clone(),
                String::new(),
                ChangeKind::Added,
                None,
                Some((*n).clone()),
            ));
        }
    }
}

/// The entries of a list by their identity, in list order; a repeated
/// identity keeps its first entry. An index, so two lists of thousands of
/// criteria compare in linear time.
fn keyed(list: &[Value]) -> IndexMap<String, &Value> {
    let mut map = IndexMap::with_capacity(list.len());
    for v in list {
        map.entry(key(v)).or_insert(v);
    }
    map
}

type FieldChange = (String, ChangeKind, Option<Value>, Option<Value>);

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_owned()
    } else {
        format!("{path}.{field}")
    }
}

fn diff_value(path: &str, old: &Value, new: &Value, out: &mut Vec<FieldChange>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, av) in a {
                match b.get(k) {
                    Some(bv) => diff_value(&join(path, k), av, bv, out),
                    None => out.push((join(path, k), ChangeKind::Removed, Some(av.clone()), None)),
                }
            }
            for (k, bv) in b {
                if !a.contains_key(k) {
                    out.push((join(path, k), ChangeKind::Added, None, Some(bv.clone())));
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            let (ak, bk) = (keyed(a), keyed(b));
            for (k, av) in &ak {
                match bk.get(k) {
                    None => out.push((
                        path.to_owned(),
                        ChangeKind::Removed,
                        Some((*av).clone()),
                        None,
                    )),
                    Some(bv) => {
                        let inner = if av.get("to").is_some() && av.get("from").is_none() {
                            format!("{path}[to={k}]")
                        } else {
                            format!("{path}[{k}]")
                        };
                        diff_value(&inner, av, bv, out);
                    }
                }
            }
            for (k, bv) in &bk {
                if !ak.contains_key(k) {
                    out.push((
                        path.to_owned(),
                        ChangeKind::Added,
                        None,
                        Some((*bv).clone()),
                    ));
                }
            }
        }
        _ => out.push((
            path.to_owned(),
            ChangeKind::Changed,
            Some(old.clone()),
            Some(new.clone()),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embedded;
    use crate::model::{Fact, TransitionKind};

    #[test]
    fn identical_ladders_have_no_difference() {
        let l = embedded::ladder();
        assert!(diff(l, l).is_empty());
    }

    #[test]
    fn reports_added_removed_and_changed_by_identity() {
        let old = embedded::ladder().clone();
        let mut new = old.clone();
        new.roles.retain(|r| r.id != "svp");
        new.transitions.retain(|t| t.from != "svp" && t.to != "svp");
        new.roles
            .iter_mut()
            .find(|r| r.id == "pm")
            .unwrap()
            .skills
            .push(Fact::new("Writing SQL.", &[]));
        new.roles.iter_mut().find(|r| r.id == "vp").unwrap().title =
            "Vice President, Product".into();
        new.roles
            .iter_mut()
            .find(|r| r.id == "vp")
            .unwrap()
            .readiness
            .retain(|r| r.to != "svp");
        new.transitions
            .iter_mut()
            .find(|t| t.from == "pm" && t.to == "director")
            .unwrap()
            .kind = TransitionKind::Promotion;
        // Reordering is not a change.
        new.roles.swap(0, 1);

        let changes = diff(&old, &new);
        let has = |section: &str, item: &str, field: &str, kind| {
            changes.iter().any(|c| {
                c.section == section && c.item == item && c.field == field && c.change == kind
            })
        };
        assert!(has("roles", "svp", "", ChangeKind::Removed));
        assert!(has("roles", "pm", "skills", ChangeKind::Added));
        assert!(has("roles", "vp", "title", ChangeKind::Changed));
        assert!(has("roles", "vp", "readiness", ChangeKind::Removed));
        assert!(has(
            "transitions",
            "pm → director",
            "kind",
            ChangeKind::Changed
        ));
        assert!(has("transitions", "vp → svp", "", ChangeKind::Removed));
        assert!(
            !changes.iter().any(|c| c.section == "competencies"),
            "{changes:#?}"
        );
        assert!(
            !changes
                .iter()
                .any(|c| c.item == "intern" || c.item == "apm"),
            "{changes:#?}"
        );
    }

    /// Issue 10: a goalpost change must not pass review unseen: an
    /// expectation, an example's text, a competency removed, a scale
    /// level's words, the resolver.
    #[test]
    fn competency_expectations_examples_scale_and_resolver_are_seen() {
        let old = embedded::ladder().clone();
        let mut new = old.clone();
        let items = &mut new.competencies.items;
        let first = items[0].id.clone();
        let role = items[0].expectations.keys().next().unwrap().clone();
        *items[0].expectations.get_mut(&role).unwrap() += 1;
        items[0].examples[0].text.push_str(" (rewritten)");
        let gone = items.pop().unwrap().id;
        new.competencies.scale[1].name = "Apprentice".into();
        new.resolver.seniority.clear();

        let changes = diff(&old, &new);
        let has = |item: &str, field: &str, kind| {
            changes.iter().any(|c| {
                c.section == "competencies"
                    && c.item == item
                    && c.field == field
                    && c.change == kind
            })
        };
        let role_field = format!("expectations.{role}");
        assert!(
            has(&first, &role_field, ChangeKind::Changed),
            "{changes:#?}"
        );
        assert!(has(&first, "examples", ChangeKind::Removed));
        assert!(has(&first, "examples", ChangeKind::Added));
        assert!(has(&gone, "", ChangeKind::Removed));
        assert!(
            has("scale level 1", "name", ChangeKind::Changed),
            "{changes:#?}"
        );
        assert!(
            changes.iter().any(|c| c.section == "resolver"),
            "{changes:#?}"
        );
        assert_eq!(changes.len(), 6, "{changes:#?}");
    }
}
