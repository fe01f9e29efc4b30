//! The competency model: what each role asks for, on one proficiency scale.
//!
//! Assessments rate a person per competency; placement compares the ratings with
//! each role's expectations under a rule the ladder file chooses: every
//! competency at or above expectation, or weighted points with per-area minimums
//! (the way Medium's open "snowflake" tool levels engineers).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Fact;

/// The `[competencies]` table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompetencyModel {
    /// The proficiency scale, lowest first, levels 0, 1, 2…
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale: Vec<ScaleLevel>,
    /// How a person is placed.
    #[serde(default)]
    pub placement: Placement,
    /// Groups of competencies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub areas: Vec<Area>,
    /// The competencies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Competency>,
}

/// One level of the proficiency scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScaleLevel {
    /// The level number (0, 1, 2…).
    pub level: u8,
    /// Its name (`Proficient`).
    pub name: String,
    /// What it means.
    pub summary: String,
}

/// The placement rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PlacementRule {
    /// Every competency at or above the role's expectation.
    AllAtOrAbove,
    /// Total points at least the role's, and each area at least `area_minimum`
    /// of the role's points in that area.
    Points,
}

/// How a person is placed on the ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Placement {
    /// The rule.
    pub rule: PlacementRule,
    /// Points per proficiency level, for the `points` rule (`[0, 1, 3, 6, 12, 20]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub points: Vec<u32>,
    /// For the `points` rule: the share of a role's points each area must reach.
    #[serde(default = "default_area_minimum")]
    pub area_minimum: f64,
}

fn default_area_minimum() -> f64 {
    0.8
}

impl Default for Placement {
    fn default() -> Self {
        Placement {
            rule: PlacementRule::AllAtOrAbove,
            points: Vec::new(),
            area_minimum: default_area_minimum(),
        }
    }
}

/// A group of competencies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Area {
    /// Id (`people`).
    pub id: String,
    /// Name (`Working with people`).
    pub name: String,
}

/// One competency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Competency {
    /// Id (`prioritisation`).
    pub id: String,
    /// Name.
    pub name: String,
    /// The area it belongs to.
    pub area: String,
    /// What it is.
    pub summary: Fact,
    /// Role id → the level the role expects.
    pub expectations: BTreeMap<String, u8>,
    /// Observable examples per level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// Something a person at a level can be seen doing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Example {
    /// The level.
    pub level: u8,
    /// The behaviour.
    pub text: String,
    /// Ids of the sources behind it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl CompetencyModel {
    /// The competency with this id.
    pub fn item(&self, id: &str) -> Option<&Competency> {
        self.items.iter().find(|c| c.id == id)
    }

    /// The highest level of the scale.
    pub fn top(&self) -> u8 {
        self.scale.iter().map(|s| s.level).max().unwrap_or(0)
    }

    /// Points of a level under the `points` rule (the level itself when no
    /// points are given).
    pub fn points_of(&self, level: u8) -> u32 {
        self.placement
            .points
            .get(level as usize)
            .copied()
            .unwrap_or(u32::from(level))
    }
}
