//! The competency model: what each role asks for, on the ladder's scales.
//!
//! Assessments rate a person per competency; placement compares the ratings with
//! each role's expectations under a rule the ladder file chooses: every
//! competency at or above expectation, or weighted points with per-area minimums
//! (the way Medium's open "snowflake" tool levels engineers).
//!
//! Company matrices differ from the built-in ladder in ways the model takes as
//! normal: a scale may start at 1 (or any number) and a competency may bring
//! its own; a cell holds several criteria, and a criterion may hold from its
//! level up; a role is assessed only on the competencies that list it (a
//! pricing family's competency says nothing about a design manager); areas,
//! summaries and weights are optional.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Citation, Fact};

/// The `[competencies]` table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompetencyModel {
    /// The default proficiency scale, lowest first, consecutive levels from any
    /// start (0, 1, 2… or 1, 2, 3…). A competency may bring its own.
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

/// How a competency nobody rated reads.
pub const NOT_RATED: &str = "not rated";

/// One level of the proficiency scale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ScaleLevel {
    /// The level number (0, 1, 2… or from any start).
    pub level: u8,
    /// Its name (`Proficient`).
    pub name: String,
    /// What it means.
    #[serde(default, skip_serializing_if = "String::is_empty")]
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
    /// Points per level of the default scale, lowest first, for the `points`
    /// rule (`[0, 1, 3, 6, 12, 20]`).
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
    /// The area it belongs to, if the ladder groups its competencies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The job family it belongs to, if only that family is assessed on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// What it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Fact>,
    /// What it is measured by (outcomes, KPIs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<String>,
    /// How much it counts under the `points` rule (1 when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Its own scale, when it does not use the ladder's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scale: Vec<ScaleLevel>,
    /// Role id → the level the role expects. A role not listed is not
    /// assessed on the competency.
    #[serde(default)]
    pub expectations: BTreeMap<String, u8>,
    /// Observable criteria per level, as many per level as the ladder has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// A criterion: something a person at a level can be seen doing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Example {
    /// The level.
    pub level: u8,
    /// The behaviour.
    pub text: String,
    /// True when it holds at this level and every level above (a company's
    /// "all levels" or "from L3 up" criteria), not at this level alone.
    #[serde(default, skip_serializing_if = "super::range::is_false")]
    pub and_above: bool,
    /// The sources that back it (`pmu`, or `pmu#14` for a paragraph).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
}

impl Example {
    /// Whether the criterion holds at `level`.
    pub fn applies_at(&self, level: u8) -> bool {
        self.level == level || (self.and_above && self.level < level)
    }
}

impl Competency {
    /// The criteria that hold at `level` (its own and those carried up from
    /// lower levels), in file order.
    pub fn criteria_at(&self, level: u8) -> impl Iterator<Item = &Example> + '_ {
        self.examples.iter().filter(move |e| e.applies_at(level))
    }

    /// The texts of [`Competency::criteria_at`].
    pub fn criteria_texts(&self, level: u8) -> Vec<String> {
        self.criteria_at(level).map(|e| e.text.clone()).collect()
    }

    /// Its weight under the `points` rule.
    pub fn weight(&self) -> f64 {
        self.weight.unwrap_or(1.0)
    }
}

impl CompetencyModel {
    /// The competency with this id.
    pub fn item(&self, id: &str) -> Option<&Competency> {
        self.items.iter().find(|c| c.id == id)
    }

    /// The highest level of the default scale.
    pub fn top(&self) -> u8 {
        self.scale.iter().map(|s| s.level).max().unwrap_or(0)
    }

    /// The lowest level of the default scale.
    pub fn bottom(&self) -> u8 {
        self.scale.iter().map(|s| s.level).min().unwrap_or(0)
    }

    /// The scale `c` is rated on: its own, or the ladder's.
    pub fn scale_of<'a>(&'a self, c: &'a Competency) -> &'a [ScaleLevel] {
        if c.scale.is_empty() {
            &self.scale
        } else {
            &c.scale
        }
    }

    /// The lowest and highest level `c` is rated on.
    pub fn range_of(&self, c: &Competency) -> (u8, u8) {
        let s = self.scale_of(c);
        (
            s.iter().map(|l| l.level).min().unwrap_or(0),
            s.iter().map(|l| l.level).max().unwrap_or(0),
        )
    }

    /// The name of `level` on the scale of `c` (`Proficient`), if it has one.
    pub fn level_name<'a>(&'a self, c: &'a Competency, level: u8) -> Option<&'a str> {
        self.scale_of(c)
            .iter()
            .find(|s| s.level == level)
            .map(|s| s.name.as_str())
    }

    /// How a level of `c` reads: its name on the scale (`Proficient`),
    /// [`NOT_RATED`] below the scale, or `level N` when the scale has no name
    /// for it.
    pub fn level_label(&self, c: &Competency, level: u8) -> String {
        match self.level_name(c, level) {
            Some(name) if !name.is_empty() => name.to_owned(),
            _ if level < self.range_of(c).0 => NOT_RATED.to_owned(),
            _ => format!("level {level}"),
        }
    }

    /// How a level of `c` is shown beside its number: `3 Proficient` for a
    /// named level, `level 3` for an unnamed one, "not rated" below the
    /// scale (an assessment that left it out).
    pub fn level_shown(&self, c: &Competency, level: u8) -> String {
        match self.level_name(c, level) {
            Some(name) if !name.is_empty() => format!("{level} {name}"),
            _ if level < self.range_of(c).0 => NOT_RATED.to_owned(),
            _ => format!("level {level}"),
        }
    }

    /// Whether `level` is below the scale of `c`: a competency an
    /// assessment did not rate.
    pub fn is_unrated(&self, c: &Competency, level: u8) -> bool {
        level < self.range_of(c).0
    }

    /// The level's name and summary on the scale of `c`, if it has them.
    pub fn level_words<'a>(&'a self, c: &'a Competency, level: u8) -> Option<&'a ScaleLevel> {
        self.scale_of(c).iter().find(|s| s.level == level)
    }

    /// Whether any competency lists `role`: a role no competency lists is not
    /// assessed at all (and placement never lands on it).
    pub fn assesses(&self, role: &str) -> bool {
        self.items.iter().any(|c| c.expectations.contains_key(role))
    }

    /// The competencies by area, in the areas' order, then those without a
    /// declared area (`None`), leaving out empty groups.
    pub fn by_area(&self) -> Vec<(Option<&Area>, Vec<&Competency>)> {
        let mut groups: Vec<(Option<&Area>, Vec<&Competency>)> = self
            .areas
            .iter()
            .map(|a| {
                let items = self
                    .items
                    .iter()
                    .filter(|c| c.area.as_deref() == Some(a.id.as_str()))
                    .collect();
                (Some(a), items)
            })
            .collect();
        let loose: Vec<&Competency> = self
            .items
            .iter()
            .filter(|c| {
                !self
                    .areas
                    .iter()
                    .any(|a| c.area.as_deref() == Some(a.id.as_str()))
            })
            .collect();
        groups.push((None, loose));
        groups.retain(|(_, items)| !items.is_empty());
        groups
    }

    /// Whether every competency is on the default scale (pages then print
    /// one range for the whole table).
    pub fn one_scale(&self) -> bool {
        self.items.iter().all(|c| c.scale.is_empty())
    }

    /// Points of `c` at `level` under the `points` rule: the ladder's points
    /// for the level's place on the default scale (the level itself on a
    /// competency's own scale, or when no points are given), times the
    /// competency's weight. Below the scale (not rated) is 0.
    pub fn points_of(&self, c: &Competency, level: u8) -> f64 {
        let (bottom, _) = self.range_of(c);
        if level < bottom {
            return 0.0;
        }
        let listed = if c.scale.is_empty() {
            self.placement
                .points
                .get(usize::from(level - bottom))
                .copied()
        } else {
            None
        };
        f64::from(listed.unwrap_or(u32::from(level))) * c.weight()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> CompetencyModel {
        let level = |level: u8, name: &str| ScaleLevel {
            level,
            name: name.into(),
            summary: String::new(),
        };
        CompetencyModel {
            scale: vec![level(1, "Learning"), level(2, ""), level(3, "Leading")],
            items: vec![Competency {
                id: "discovery".into(),
                name: "Discovery".into(),
                area: None,
                family: None,
                summary: None,
                outcomes: vec![],
                weight: None,
                scale: vec![],
                expectations: BTreeMap::new(),
                examples: vec![],
            }],
            ..CompetencyModel::default()
        }
    }

    #[test]
    fn a_level_is_shown_by_its_name_its_number_or_as_not_rated() {
        let m = model();
        let c = &m.items[0];
        assert_eq!(m.level_shown(c, 3), "3 Leading");
        assert_eq!(m.level_shown(c, 2), "level 2");
        assert_eq!(m.level_shown(c, 0), NOT_RATED);
        assert!(m.is_unrated(c, 0) && !m.is_unrated(c, 1));
    }
}
