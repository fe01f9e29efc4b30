//! Role ids are a public contract: the CLI, the API, ladder files and tests all
//! name roles by them (`pm`, `senior-pm`, …), so they get a type of their own and
//! one spelling rule, checked by validation rather than by the deserializer so that
//! a file with several bad ids reports all of them at once.

use std::borrow::Borrow;
use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The canonical id of a role: lowercase ASCII letters, digits and single hyphens.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RoleId(String);

impl RoleId {
    /// Wraps a string as a role id without checking it (see [`is_valid_id`]).
    pub fn new(id: impl Into<String>) -> Self {
        RoleId(id.into())
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for RoleId {
    fn from(id: &str) -> Self {
        RoleId(id.to_owned())
    }
}

impl fmt::Display for RoleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for RoleId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for RoleId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for RoleId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl JsonSchema for RoleId {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RoleId".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$",
            "description": "A role id: lowercase letters and digits, words joined by single hyphens (`senior-pm`)."
        })
    }
}

/// Whether `id` follows the id spelling rule shared by roles, sources, company
/// sizes, entry points and disagreements: `^[a-z0-9]+(-[a-z0-9]+)*$`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_spelling() {
        for good in ["pm", "senior-pm", "vp", "l3", "group-pm-2"] {
            assert!(is_valid_id(good), "{good}");
        }
        for bad in [
            "",
            "PM",
            "senior_pm",
            "-pm",
            "pm-",
            "senior--pm",
            "sénior",
            "a b",
        ] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
