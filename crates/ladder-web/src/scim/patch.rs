//! SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's JSON: the
//! operations `add`, `replace` and `remove`, with or without a path, are
//! applied in order to the resource as the server would return it, and the
//! result is then written like a PUT. So a PATCH can never do what a PUT
//! could not, and every rule of a PUT (the email, the manager, the title's
//! role) holds for it too.
//!
//! Attribute names compare without case, as SCIM says. Values of
//! multi-valued attributes (`emails`, `members`) are added without
//! duplicates and selected by `[sub eq "value"]` filters.

use serde_json::{Map, Value};

use super::filter::{PatchPath, patch_path};

/// Why a PATCH cannot be applied: a message and its SCIM error type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchError {
    /// What is wrong and what to write.
    pub message: String,
    /// `invalidPath`, `invalidValue`, `noTarget` or `invalidSyntax`.
    pub scim_type: &'static str,
}

fn error(scim_type: &'static str, message: String) -> PatchError {
    PatchError { message, scim_type }
}

/// The key of `map` equal to `name` without regard to case.
fn key_of(map: &Map<String, Value>, name: &str) -> Option<String> {
    map.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned()
}

/// The object a path's attribute lives in: the resource, or the extension
/// object its URN names (made when adding).
fn container<'a>(
    doc: &'a mut Map<String, Value>,
    urn: Option<&str>,
    create: bool,
) -> Option<&'a mut Map<String, Value>> {
    match urn {
        None => Some(doc),
        Some(u) => {
            let key = match key_of(doc, u) {
                Some(k) => k,
                None if create => {
                    doc.insert(u.to_owned(), Value::Object(Map::new()));
                    u.to_owned()
                }
                None => return None,
            };
            doc.get_mut(&key)?.as_object_mut()
        }
    }
}

/// Whether an element of a multi-valued attribute matches `[sub eq "v"]`.
fn matches(element: &Value, p: &PatchPath) -> bool {
    let Some(f) = &p.filter else { return true };
    element
        .as_object()
        .and_then(|o| key_of(o, &f.attr).and_then(|k| o.get(&k).cloned()))
        .is_some_and(|v| match v {
            Value::String(s) => s.eq_ignore_ascii_case(&f.value) || s == f.value,
            Value::Bool(b) => b.to_string() == f.value,
            Value::Number(n) => n.to_string() == f.value,
            _ => false,
        })
}

/// Adds `value` to a multi-valued attribute, without duplicates.
fn extend(list: &mut Vec<Value>, value: Value) {
    let items = match value {
        Value::Array(a) => a,
        v => vec![v],
    };
    for item in items {
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

/// Merges `value` into `target`: objects key by key, everything else replaced.
fn merge(target: &mut Value, value: Value, add: bool) {
    match (target, value) {
        (Value::Object(t), Value::Object(v)) => {
            for (k, v) in v {
                let key = key_of(t, &k).unwrap_or(k);
                match t.get_mut(&key) {
                    Some(existing) => merge(existing, v, add),
                    None => {
                        t.insert(key, v);
                    }
                }
            }
        }
        (Value::Array(t), v) if add => extend(t, v),
        (t, v) => *t = v,
    }
}

/// Whether `urn` names a whole schema extension this server reads.
fn known_urn(urn: &str) -> bool {
    urn.eq_ignore_ascii_case(super::discovery::ENTERPRISE)
}

/// Applies one operation.
fn apply_one(
    doc: &mut Map<String, Value>,
    op: &str,
    path: Option<&str>,
    value: Option<Value>,
) -> Result<(), PatchError> {
    let op = op.to_ascii_lowercase();
    let Some(path) = path.filter(|p| !p.trim().is_empty()) else {
        // No path: the value is an object of attributes to add or replace.
        return match (op.as_str(), value) {
            ("add" | "replace", Some(Value::Object(attrs))) => {
                for (k, v) in attrs {
                    let is_urn = k.to_ascii_lowercase().starts_with("urn:");
                    let key = key_of(doc, &k).unwrap_or(k);
                    match doc.get_mut(&key) {
                        Some(existing) if op == "add" || is_urn => merge(existing, v, op == "add"),
                        _ => {
                            doc.insert(key, v);
                        }
                    }
                }
                Ok(())
            }
            ("remove", _) => Err(error(
                "noTarget",
                "a remove needs a path naming what to remove".into(),
            )),
            ("add" | "replace", _) => Err(error(
                "invalidValue",
                format!("an {op} without a path needs an object of attributes as its value"),
            )),
            (other, _) => Err(error(
                "invalidSyntax",
                format!("`{other}` is not an operation: use add, replace or remove"),
            )),
        };
    };
    // A whole extension, named by its URN.
    let whole = path.trim();
    if whole.to_ascii_lowercase().starts_with("urn:")
        && let Some(key) = key_of(doc, whole).or_else(|| known_urn(whole).then(|| whole.to_owned()))
    {
        match op.as_str() {
            "remove" => {
                doc.remove(&key);
            }
            "add" | "replace" => {
                let value = value.ok_or_else(|| {
                    error("invalidValue", format!("the {op} of `{path}` has no value"))
                })?;
                match doc.get_mut(&key) {
                    Some(existing) if op == "add" => merge(existing, value, true),
                    _ => {
                        doc.insert(key, value);
                    }
                }
            }
            other => {
                return Err(error(
                    "invalidSyntax",
                    format!("`{other}` is not an operation: use add, replace or remove"),
                ));
            }
        }
        return Ok(());
    }
    let p = patch_path(path).ok_or_else(|| {
        error(
            "invalidPath",
            format!(
                "the path `{path}` is not one this server reads: use attr, attr.sub, urn:…:attr or attr[sub eq \"value\"].sub"
            ),
        )
    })?;
    let Some(target) = container(doc, p.urn.as_deref(), op != "remove") else {
        // Removing what has no value leaves nothing to do.
        return Ok(());
    };
    let key = key_of(target, &p.attr);
    match op.as_str() {
        "add" | "replace" => {
            let value = value.ok_or_else(|| {
                error("invalidValue", format!("the {op} of `{path}` has no value"))
            })?;
            let key = key.unwrap_or_else(|| p.attr.clone());
            if p.filter.is_some() {
                let Some(Value::Array(list)) = target.get_mut(&key) else {
                    return Err(error(
                        "noTarget",
                        format!("`{}` has no values to select with a filter", p.attr),
                    ));
                };
                let mut hit = false;
                for el in list.iter_mut().filter(|el| matches(el, &p)) {
                    hit = true;
                    match (&p.sub, el) {
                        (Some(sub), Value::Object(o)) => {
                            let k = key_of(o, sub).unwrap_or_else(|| sub.clone());
                            o.insert(k, value.clone());
                        }
                        (None, el) => merge(el, value.clone(), false),
                        _ => {}
                    }
                }
                if !hit {
                    return Err(error("noTarget", format!("no value of `{path}` matches")));
                }
                return Ok(());
            }
            match &p.sub {
                Some(sub) => {
                    let parent = target
                        .entry(key)
                        .or_insert_with(|| Value::Object(Map::new()));
                    let Value::Object(o) = parent else {
                        return Err(error(
                            "invalidPath",
                            format!("`{}` has no sub-attributes", p.attr),
                        ));
                    };
                    let k = key_of(o, sub).unwrap_or_else(|| sub.clone());
                    o.insert(k, value);
                }
                None => match target.get_mut(&key) {
                    Some(existing) => merge(existing, value, op == "add"),
                    None => {
                        target.insert(key, value);
                    }
                },
            }
            Ok(())
        }
        "remove" => {
            let Some(key) = key else {
                return Ok(());
            };
            if p.filter.is_some() {
                if let Some(Value::Array(list)) = target.get_mut(&key) {
                    match &p.sub {
                        None => list.retain(|el| !matches(el, &p)),
                        Some(sub) => {
                            for el in list.iter_mut().filter(|el| matches(el, &p)) {
                                if let Value::Object(o) = el
                                    && let Some(k) = key_of(o, sub)
                                {
                                    o.remove(&k);
                                }
                            }
                        }
                    }
                }
                return Ok(());
            }
            match &p.sub {
                Some(sub) => {
                    if let Some(Value::Object(o)) = target.get_mut(&key)
                        && let Some(k) = key_of(o, sub)
                    {
                        o.remove(&k);
                    }
                }
                None => {
                    target.remove(&key);
                }
            }
            Ok(())
        }
        other => Err(error(
            "invalidSyntax",
            format!("`{other}` is not an operation: use add, replace or remove"),
        )),
    }
}

/// Applies a PATCH body's `Operations` to `doc`.
pub fn apply(doc: &mut Map<String, Value>, body: &Value) -> Result<(), PatchError> {
    let schemas = body.get("schemas").and_then(Value::as_array);
    let is_patch = schemas.is_some_and(|s| {
        s.iter()
            .any(|v| v == "urn:ietf:params:scim:api:messages:2.0:PatchOp")
    });
    if !is_patch {
        return Err(error(
            "invalidSyntax",
            "a PATCH body names the schema urn:ietf:params:scim:api:messages:2.0:PatchOp".into(),
        ));
    }
    let ops = body
        .get("Operations")
        .or_else(|| body.get("operations"))
        .and_then(Value::as_array)
        .ok_or_else(|| {
            error(
                "invalidSyntax",
                "a PATCH body has a list of Operations".into(),
            )
        })?;
    for (i, op) in ops.iter().enumerate() {
        let name = op
            .get("op")
            .and_then(Value::as_str)
            .ok_or_else(|| error("invalidSyntax", format!("Operations[{i}] has no op")))?;
        let path = op.get("path").and_then(Value::as_str);
        apply_one(doc, name, path, op.get("value").cloned()).map_err(|mut e| {
            e.message = format!("Operations[{i}]: {}", e.message);
            e
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patch(doc: Value, ops: Value) -> Result<Value, PatchError> {
        let mut d = doc.as_object().unwrap().clone();
        apply(
            &mut d,
            &json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"], "Operations": ops}),
        )?;
        Ok(Value::Object(d))
    }

    #[test]
    fn the_operations_directories_send() {
        let user = json!({"userName": "ada@x.io", "active": true, "emails": [{"value": "ada@x.io", "type": "work"}]});
        // Okta deactivates with a path-less replace; Entra with a path.
        let v = patch(
            user.clone(),
            json!([{"op": "replace", "value": {"active": false}}]),
        )
        .unwrap();
        assert_eq!(v["active"], false);
        let v = patch(
            user.clone(),
            json!([{"op": "Replace", "path": "active", "value": "False"}]),
        )
        .unwrap();
        assert_eq!(v["active"], "False");
        let v = patch(
            user.clone(),
            json!([{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "a@y.io"}]),
        )
        .unwrap();
        assert_eq!(v["emails"][0]["value"], "a@y.io");
        let v = patch(user.clone(), json!([{"op": "add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Product"}])).unwrap();
        assert_eq!(
            v["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]["department"],
            "Product"
        );
        let v = patch(
            user.clone(),
            json!([{"op": "add", "path": "name.givenName", "value": "Ada"}]),
        )
        .unwrap();
        assert_eq!(v["name"]["givenName"], "Ada");
        let v = patch(user, json!([{"op": "remove", "path": "emails"}])).unwrap();
        assert!(v.get("emails").is_none());
    }

    #[test]
    fn group_members_are_added_once_and_removed_by_filter() {
        let group = json!({"displayName": "Payments", "members": [{"value": "1"}]});
        let v = patch(
            group.clone(),
            json!([{"op": "add", "path": "members", "value": [{"value": "1"}, {"value": "2"}]}]),
        )
        .unwrap();
        assert_eq!(v["members"], json!([{"value": "1"}, {"value": "2"}]));
        let v = patch(
            v,
            json!([{"op": "remove", "path": "members[value eq \"1\"]"}]),
        )
        .unwrap();
        assert_eq!(v["members"], json!([{"value": "2"}]));
        let v = patch(
            group,
            json!([{"op": "replace", "path": "members", "value": []}]),
        )
        .unwrap();
        assert_eq!(v["members"], json!([]));
    }

    #[test]
    fn bad_operations_say_which_and_why() {
        let doc = json!({"userName": "a"});
        let e = patch(
            doc.clone(),
            json!([{"op": "move", "path": "userName", "value": 1}]),
        )
        .unwrap_err();
        assert_eq!(e.scim_type, "invalidSyntax");
        assert!(
            e.message.starts_with("Operations[0]: `move`"),
            "{}",
            e.message
        );
        let e = patch(doc.clone(), json!([{"op": "remove"}])).unwrap_err();
        assert_eq!(e.scim_type, "noTarget");
        let e = patch(
            doc.clone(),
            json!([{"op": "add", "path": "a b", "value": 1}]),
        )
        .unwrap_err();
        assert_eq!(e.scim_type, "invalidPath");
        let mut d = doc.as_object().unwrap().clone();
        let e = apply(&mut d, &json!({"Operations": []})).unwrap_err();
        assert!(e.message.contains("PatchOp"));
    }
}
