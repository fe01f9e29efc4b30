//! Assessment files: TOML, or the same shape as JSON, read with every
//! problem at its position, then checked against the ladder.

use std::collections::BTreeMap;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use crate::file::{Diagnostic, Diagnostics, Location, load};
use crate::model::Ladder;

/// Who rated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Rater {
    /// The person themselves.
    #[serde(rename = "self")]
    Myself,
    /// Their manager.
    Manager,
    /// A peer.
    Peer,
}

impl Rater {
    /// `self`, `manager` or `peer`.
    pub fn as_str(self) -> &'static str {
        match self {
            Rater::Myself => "self",
            Rater::Manager => "manager",
            Rater::Peer => "peer",
        }
    }
}

impl std::fmt::Display for Rater {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Rater {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "self" => Ok(Rater::Myself),
            "manager" => Ok(Rater::Manager),
            "peer" => Ok(Rater::Peer),
            other => Err(format!(
                "unknown rater `{other}`: use self, manager or peer"
            )),
        }
    }
}

/// For stores that keep the rater as text.
impl TryFrom<String> for Rater {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

/// One rating: a level, with the evidence behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rating {
    /// The level on the ladder's scale.
    pub level: u8,
    /// Evidence notes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
}

#[derive(Deserialize, JsonSchema)]
struct RatingTable {
    /// The level on the scale.
    level: u8,
    /// Evidence notes.
    #[serde(default)]
    evidence: Vec<String>,
}

/// The two spellings of a rating; only used to describe the JSON Schema.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum RatingSpelling {
    /// A level alone.
    Level(u8),
    /// A level with evidence.
    Table(RatingTable),
}

impl JsonSchema for Rating {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Rating".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        RatingSpelling::json_schema(g)
    }
}

impl<'de> Deserialize<'de> for Rating {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Rating;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a level (a whole number), or a table with `level` and `evidence`")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Rating, E> {
                u8::try_from(v)
                    .map(|level| Rating {
                        level,
                        evidence: Vec::new(),
                    })
                    .map_err(|_| E::custom(format!("level {v} is too large")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Rating, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom(format!("level {v} is below zero")))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Rating, A::Error> {
                let t = RatingTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Rating {
                    level: t.level,
                    evidence: t.evidence,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// An assessment of one person by one rater.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Assessment {
    /// Who is assessed.
    pub person: String,
    /// Their current role (a role id).
    pub role: String,
    /// When, as `YYYY-MM-DD`.
    pub date: String,
    /// Who rated.
    pub rater: Rater,
    /// The version of the ladder it was made against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder_version: Option<String>,
    /// Competency id → rating.
    pub ratings: BTreeMap<String, Rating>,
    /// The rater's view of the ladder's readiness criteria for the next
    /// moves: each criterion ticked as met or not, with a note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readiness: Vec<ReadinessCheck>,
}

/// One readiness criterion of a move, as a rater judged it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReadinessCheck {
    /// The role the move leads to (a next role of the assessment's role).
    pub to: String,
    /// The criterion, in the ladder's words.
    pub criterion: String,
    /// Whether the rater finds it met.
    pub met: bool,
    /// What shows it (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

pub(super) fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && matches!(d[5..7].parse::<u8>(), Ok(1..=12))
        && matches!(d[8..10].parse::<u8>(), Ok(1..=31))
}

/// Semantic checks of an assessment against a ladder.
pub fn check(a: &Assessment, ladder: &Ladder) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let m = &ladder.competencies;
    if ladder.role(&a.role).is_none() {
        let hint = match crate::suggest(&a.role, ladder.roles.iter().map(|r| r.id.as_str())) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "use a role id from `ladder roles`".to_owned(),
        };
        out.push(
            Diagnostic::error(
                "unknown-role",
                "role",
                format!("no role has the id `{}`", a.role),
            )
            .with_hint(hint),
        );
    }
    if !valid_date(&a.date) {
        out.push(
            Diagnostic::error("bad-date", "date", format!("`{}` is not a date", a.date))
                .with_hint("write it as YYYY-MM-DD, e.g. 2026-11-23"),
        );
    }
    if a.person.trim().is_empty() {
        out.push(
            Diagnostic::error("empty-text", "person", "the person's name is empty")
                .with_hint("write the name of the person assessed"),
        );
    }
    if let Some(current) = ladder.role(&a.role) {
        for (i, c) in a.readiness.iter().enumerate() {
            let known = current
                .readiness_for(&c.to)
                .is_some_and(|r| r.criteria.iter().any(|f| f.text == c.criterion));
            if !known {
                out.push(
                    Diagnostic::error(
                        "unknown-criterion",
                        format!("readiness[{i}]"),
                        format!(
                            "the move from `{}` to `{}` has no readiness criterion \"{}\"",
                            a.role, c.to, c.criterion
                        ),
                    )
                    .with_hint(
                        "tick the criteria the ladder lists for a next role of the current role",
                    ),
                );
            }
        }
    }
    for (id, r) in &a.ratings {
        let Some(c) = m.item(id) else {
            let hint = match crate::suggest(id, m.items.iter().map(|c| c.id.as_str())) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!(
                    "use one of: {}",
                    m.items
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            out.push(
                Diagnostic::error(
                    "unknown-competency",
                    format!("ratings.{id}"),
                    format!("no competency has the id `{id}`"),
                )
                .with_hint(hint),
            );
            continue;
        };
        let (bottom, top) = m.range_of(c);
        if r.level < bottom || r.level > top {
            out.push(
                Diagnostic::error(
                    "bad-rating",
                    format!("ratings.{id}"),
                    format!("rating {} is off the scale of {}", r.level, c.name),
                )
                .with_hint(format!("rate {} from {bottom} to {top}", c.name)),
            );
        }
    }
    out
}

/// Reads an assessment file (TOML or, when it starts with `{`, JSON) and checks
/// it against the ladder; every problem is placed at line:column.
pub fn parse(text: &str, ladder: &Ladder) -> Result<Assessment, Diagnostics> {
    let mut found = Vec::new();
    let is_json = text.trim_start().starts_with('{');
    let parsed: Option<Assessment> = if is_json {
        match serde_json::from_str(text) {
            Ok(a) => Some(a),
            Err(e) => {
                let loc = Location {
                    line: e.line(),
                    column: e.column(),
                    span: 0..0,
                };
                found.push(
                    Diagnostic {
                        location: Some(loc),
                        path: None,
                        ..Diagnostic::error("shape", "", e.to_string())
                    }
                    .with_hint("see docs/assessment-format.md"),
                );
                None
            }
        }
    } else {
        load::read_toml(
            text,
            &mut found,
            crate::file::schema_hints::known_keys_in::<Assessment>,
        )
    };
    if let Some(a) = &parsed {
        found.extend(check(a, ladder));
    }
    if is_json {
        for d in found.iter_mut().filter(|d| d.location.is_none()) {
            d.location = d.path.as_deref().and_then(|p| locate_json(text, p));
        }
    } else {
        load::place(text, &mut found);
    }
    match parsed {
        Some(a) if found.is_empty() => Ok(a),
        _ => {
            let mut d = Diagnostics(found);
            d.sort();
            Err(d)
        }
    }
}

/// The position of the key at the end of a dotted path in a JSON text, found by
/// looking for each quoted key in turn.
fn locate_json(text: &str, path: &str) -> Option<Location> {
    let mut at = 0;
    for key in path.split('.') {
        let needle = format!("\"{key}\"");
        at += text[at..].find(&needle)?;
        if path.ends_with(key) {
            return Some(Location::in_text(text, at..at + needle.len()));
        }
        at += needle.len();
    }
    None
}
