//! Facts about product organisations as a whole, and the places where the
//! sources disagree.
//!
//! These are first-class because later features lean on them: the simulation
//! needs to know that most ladders top out at VP and that a CPO is rare; the
//! assessment needs the customer-outcome questions the seeds call the #1 skill.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Fact, RoleId};

/// Facts about product organisations as a whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Organisation {
    /// How many engineers one product manager typically works with, at most.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engineers_per_pm: Option<Ratio>,
    /// The role where the ladder tops out at most companies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ladder_top: Option<LadderTop>,
    /// What makes one company's ladder differ from another's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub drivers_of_variance: Vec<Driver>,
    /// The questions about a customer's outcomes a PM must answer before changing
    /// the product.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub customer_outcome_questions: Vec<Fact>,
    /// Other facts about product organisations.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Fact>,
}

impl Organisation {
    /// Whether the ladder says nothing about product organisations (a
    /// company's own ladder usually does not): pages then leave the section
    /// out rather than show an empty heading.
    pub fn is_empty(&self) -> bool {
        self.engineers_per_pm.is_none()
            && self.ladder_top.is_none()
            && self.drivers_of_variance.is_empty()
            && self.customer_outcome_questions.is_empty()
            && self.facts.is_empty()
    }
}

/// A ratio of engineers to product managers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ratio {
    /// Engineers per product manager.
    pub value: f64,
    /// What the sources say.
    pub note: Fact,
}

/// Where the ladder usually ends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LadderTop {
    /// The role most companies top out at.
    pub role: RoleId,
    /// What the sources say.
    pub note: Fact,
}

/// One driver of variance between companies' ladders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Driver {
    /// Id of the driver (`promotion-cycles`).
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it is and how it plays out.
    pub summary: Fact,
}

/// A question on which the sources take different views.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Disagreement {
    /// Id of the question (`end-of-ic-line`).
    pub id: String,
    /// The question.
    pub topic: String,
    /// The roles it concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleId>,
    /// Each view, with the sources that hold it.
    pub views: Vec<Fact>,
}

/// A document the ladder's facts come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// Id facts cite it by (`productplan`).
    pub id: String,
    /// Its title.
    pub title: String,
    /// Who wrote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The file it is kept in (for the embedded ladder, the seed file name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Where it was published.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
