//! A [`Fact`] is one statement in a ladder with the sources that back it.
//!
//! The seeds are the specification of the domain, so every sentence the embedded
//! ladder says about a role must be traceable to the article it came from. Writing
//! `{ text = "…", sources = ["productplan"] }` for every line would make a company's
//! own ladder file tiresome, so a fact is written either as a plain string (no
//! source) or as a table with sources. The custom [`Deserialize`] keeps serde's
//! precise error messages, which an untagged enum would replace with "data did not
//! match any variant".

use std::borrow::Cow;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Citation;

/// One statement about the ladder, with the ids of the sources that back it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Fact {
    /// The statement, in the ladder author's words.
    pub text: String,
    /// The entries of the ladder's `[[sources]]` that back the statement, with
    /// the passage of each where the file gives it.
    pub sources: Vec<Citation>,
    /// True when no source gives it: the ladder author's own reading or
    /// default, to be replaced by a company's own words (`default = true`).
    pub is_default: bool,
}

impl Fact {
    /// A fact with the given text and sources, each in the file's spelling
    /// (`pmu`, `pmu#14`).
    pub fn new(text: impl Into<String>, sources: &[&str]) -> Self {
        Fact {
            text: text.into(),
            sources: sources.iter().map(|s| Citation::from(*s)).collect(),
            is_default: false,
        }
    }

    /// A statement of the ladder author's own, marked as a default.
    pub fn default_text(text: impl Into<String>) -> Self {
        Fact {
            text: text.into(),
            sources: Vec::new(),
            is_default: true,
        }
    }
}

impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// The table form of a fact, as written in a ladder file.
#[derive(Deserialize, Serialize, JsonSchema)]
struct FactTable {
    /// The statement.
    text: String,
    /// The `[[sources]]` entries that back the statement (`pmu`, or `pmu#14`
    /// for paragraph 14 of it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sources: Vec<Citation>,
    /// True when no source gives it: the ladder author's own default.
    #[serde(default, skip_serializing_if = "super::range::is_false")]
    default: bool,
}

/// The two spellings of a fact; only used to describe the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum FactSpelling {
    /// A statement with no source.
    Text(String),
    /// A statement with its sources.
    Table(FactTable),
}

impl Serialize for Fact {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.sources.is_empty() && !self.is_default {
            serializer.serialize_str(&self.text)
        } else {
            FactTable {
                text: self.text.clone(),
                sources: self.sources.clone(),
                default: self.is_default,
            }
            .serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Fact {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FactVisitor;

        impl<'de> Visitor<'de> for FactVisitor {
            type Value = Fact;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, or a table with `text` and `sources` (or `default = true`)")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Fact, E> {
                Ok(Fact {
                    text: v.to_owned(),
                    sources: Vec::new(),
                    is_default: false,
                })
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Fact, A::Error> {
                let table = FactTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Fact {
                    text: table.text,
                    sources: table.sources,
                    is_default: table.default,
                })
            }
        }

        deserializer.deserialize_any(FactVisitor)
    }
}

impl JsonSchema for Fact {
    fn schema_name() -> Cow<'static, str> {
        "Fact".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        FactSpelling::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, Serialize)]
    struct Holder {
        facts: Vec<Fact>,
    }

    #[test]
    fn reads_both_spellings() {
        let h: Holder =
            toml::from_str(r#"facts = ["plain", { text = "cited", sources = ["a", "b"] }]"#)
                .unwrap();
        assert_eq!(h.facts[0], Fact::new("plain", &[]));
        assert_eq!(h.facts[1], Fact::new("cited", &["a", "b"]));
    }

    #[test]
    fn writes_the_short_spelling_when_there_is_no_source() {
        let h = Holder {
            facts: vec![Fact::new("plain", &[]), Fact::new("cited", &["a"])],
        };
        let text = toml::to_string(&h).unwrap();
        let back: Holder = toml::from_str(&text).unwrap();
        assert_eq!(back.facts, h.facts);
        assert!(text.contains("\"plain\""), "{text}");
    }

    #[test]
    fn a_number_is_refused_with_what_was_expected() {
        let err = toml::from_str::<Holder>("facts = [3]").unwrap_err();
        assert!(
            err.message().contains("a string, or a table"),
            "{}",
            err.message()
        );
    }
}
