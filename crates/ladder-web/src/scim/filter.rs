//! SCIM filters and attribute paths, as far as this server supports them:
//! `ATTR eq "VALUE"` on the attributes a directory looks people and teams
//! up by, and PATCH paths `attr`, `attr.sub`, `urn:…:attr`, and
//! `attr[sub eq "v"]` (with an optional `.sub` after it). Anything else is
//! refused with what is supported, rather than misread.

/// `attr eq "value"`, with the attribute in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Equals {
    /// The attribute, lower case (`username`, `externalid`, `displayname`).
    pub attr: String,
    /// The value.
    pub value: String,
}

/// Reads `attr eq "value"` (the operator in any case; the value a JSON
/// string). `None` for anything else.
pub fn equals(filter: &str) -> Option<Equals> {
    let f = filter.trim();
    let (attr, rest) = f.split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    let (op, value) = rest.split_once(char::is_whitespace)?;
    if !op.eq_ignore_ascii_case("eq") {
        return None;
    }
    let value: String = serde_json::from_str(value.trim()).ok()?;
    Some(Equals {
        attr: attr.to_ascii_lowercase(),
        value,
    })
}

/// A PATCH path: an attribute (after any schema URN), an optional filter
/// on its values, and an optional sub-attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchPath {
    /// The schema URN it names, if any (`urn:…:enterprise:2.0:User`).
    pub urn: Option<String>,
    /// The attribute.
    pub attr: String,
    /// `[sub eq "v"]`.
    pub filter: Option<Equals>,
    /// `.sub`.
    pub sub: Option<String>,
}

/// Reads a PATCH path; `None` when it is not one this server reads.
pub fn patch_path(path: &str) -> Option<PatchPath> {
    let path = path.trim();
    let (urn, rest) = if path.to_ascii_lowercase().starts_with("urn:") {
        // The attribute follows the URN's last colon (a sub-attribute may
        // follow a dot).
        let (urn, rest) = path.rsplit_once(':')?;
        (Some(urn.to_owned()), rest)
    } else {
        (None, path)
    };
    let (head, filter, tail) = match rest.split_once('[') {
        Some((head, after)) => {
            let (inner, tail) = after.split_once(']')?;
            (head, Some(equals(inner)?), tail)
        }
        None => match rest.find('.') {
            Some(i) => (&rest[..i], None, &rest[i..]),
            None => (rest, None, ""),
        },
    };
    let sub = match tail {
        "" => None,
        t => Some(t.strip_prefix('.')?.to_owned()),
    };
    if head.is_empty() || !head.chars().all(|c| c.is_ascii_alphanumeric() || c == '$') {
        return None;
    }
    Some(PatchPath {
        urn,
        attr: head.to_owned(),
        filter,
        sub,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_filters_are_read_and_others_are_not() {
        assert_eq!(
            equals(r#"userName eq "ada@x.io""#),
            Some(Equals {
                attr: "username".into(),
                value: "ada@x.io".into()
            })
        );
        assert_eq!(
            equals(r#"externalId EQ "a \"b\"""#).unwrap().value,
            "a \"b\""
        );
        assert_eq!(equals(r#"userName co "ada""#), None);
        assert_eq!(equals("userName eq ada"), None);
    }

    #[test]
    fn patch_paths_of_every_supported_shape() {
        let p = patch_path("name.givenName").unwrap();
        assert_eq!(
            (p.attr.as_str(), p.sub.as_deref()),
            ("name", Some("givenName"))
        );
        let p = patch_path(r#"emails[type eq "work"].value"#).unwrap();
        assert_eq!(p.attr, "emails");
        assert_eq!(p.filter.unwrap().value, "work");
        assert_eq!(p.sub.as_deref(), Some("value"));
        let p = patch_path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department")
            .unwrap();
        assert_eq!(
            p.urn.as_deref(),
            Some("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        );
        assert_eq!(p.attr, "department");
        let p =
            patch_path("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value")
                .unwrap();
        assert_eq!(
            (p.attr.as_str(), p.sub.as_deref()),
            ("manager", Some("value"))
        );
        let p = patch_path(r#"members[value eq "42"]"#).unwrap();
        assert_eq!((p.attr.as_str(), p.sub), ("members", None));
        assert_eq!(patch_path("a b"), None);
        assert_eq!(patch_path("emails[type co \"w\"]"), None);
    }
}
