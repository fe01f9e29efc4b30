//! "Did you mean" for unknown keys, from the JSON Schema of the model.
//!
//! The schema already knows every key of every table, so the hint can never
//! drift from the types. It is generated only when a file has an unknown key.

use serde_json::Value;

use super::source_map::{Segment, parse_path};
use crate::model::Ladder;

/// The keys a table at `path` (`roles[3]`) of a ladder file accepts, sorted.
pub fn known_keys(path: &str) -> Vec<String> {
    known_keys_in::<Ladder>(path)
}

/// The keys a table at `path` of a file of type `T` accepts, sorted.
pub fn known_keys_in<T: schemars::JsonSchema>(path: &str) -> Vec<String> {
    let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap_or(Value::Null);
    let defs = schema.get("$defs").cloned().unwrap_or(Value::Null);
    let mut node = &schema;
    for seg in parse_path(path) {
        let Some(resolved) = resolve(node, &defs, &seg) else {
            return Vec::new();
        };
        node = resolved;
    }
    let mut keys: Vec<String> = properties(node, &defs)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    keys.sort();
    keys
}

fn deref<'a>(node: &'a Value, defs: &'a Value) -> &'a Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix("#/$defs/")
            .and_then(|name| defs.get(name))
            .unwrap_or(node),
        None => node,
    }
}

/// The alternatives of a node: itself, or each branch of `anyOf`/`oneOf`/`allOf`.
fn branches<'a>(node: &'a Value, defs: &'a Value) -> Vec<&'a Value> {
    let node = deref(node, defs);
    let mut out = vec![node];
    for key in ["anyOf", "oneOf", "allOf"] {
        if let Some(list) = node.get(key).and_then(Value::as_array) {
            out.extend(list.iter().map(|b| deref(b, defs)));
        }
    }
    out
}

fn properties<'a>(node: &'a Value, defs: &'a Value) -> Option<&'a serde_json::Map<String, Value>> {
    branches(node, defs)
        .into_iter()
        .find_map(|b| b.get("properties").and_then(Value::as_object))
}

fn resolve<'a>(node: &'a Value, defs: &'a Value, seg: &Segment) -> Option<&'a Value> {
    match seg {
        Segment::Key(k) => properties(node, defs)?.get(k),
        Segment::Index(_) => branches(node, defs)
            .into_iter()
            .find_map(|b| b.get("items")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_the_keys_of_nested_tables() {
        let roles = known_keys("roles[0]");
        assert!(roles.contains(&"skills".to_owned()) && roles.contains(&"readiness".to_owned()));
        let readiness = known_keys("roles[0].readiness[1]");
        assert_eq!(readiness, vec!["criteria".to_owned(), "to".to_owned()]);
        let fact = known_keys("roles[0].skills[0]");
        assert_eq!(
            fact,
            vec![
                "default".to_owned(),
                "sources".to_owned(),
                "text".to_owned()
            ]
        );
        assert!(known_keys("").contains(&"company_sizes".to_owned()));
        assert!(known_keys("roles[0].experience.years").contains(&"default".to_owned()));
    }
}
