//! Parameters of the career simulation (`ladder simulate`).
//!
//! The seeds say *how* promotion differs — startups promote faster and less
//! predictably, enterprises in fixed cycles, there are fewer seats higher up, most
//! careers top out at VP and a CPO is rare — but give no numbers. The numbers here
//! are therefore defaults, marked as such, living in the ladder file so that a
//! company replaces them with its own.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Fact, ValueRange};

/// The `[simulation]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SimulationSpec {
    /// Careers are followed for at most this many years.
    #[serde(default = "default_max_years")]
    pub max_years: f64,
    /// Yearly chance that someone leaves the path for good (changes career,
    /// stops climbing), from 0 to 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attrition_per_year: Option<Estimate>,
    /// Typical years before a move that the ladder gives no years for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_years: Option<ValueRange>,
    /// How each company-size profile promotes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub companies: Vec<CompanyPromotion>,
    /// Role id → the share of attempts to move into it that find a seat (0 to 1):
    /// fewer seats higher up. Roles not listed always have a seat.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub seats: BTreeMap<String, f64>,
}

fn default_max_years() -> f64 {
    40.0
}

impl Default for SimulationSpec {
    /// No table at all: follow careers for 40 years, no attrition, no seat limits.
    fn default() -> Self {
        SimulationSpec {
            max_years: default_max_years(),
            attrition_per_year: None,
            default_years: None,
            companies: Vec::new(),
            seats: BTreeMap::new(),
        }
    }
}

/// A single number, marked as coming from a source or being a default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Estimate {
    /// The number.
    pub value: f64,
    /// True when no source gives it.
    #[serde(
        default,
        rename = "default",
        skip_serializing_if = "super::range::is_false"
    )]
    pub is_default: bool,
    /// What it is based on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Fact>,
}

/// When promotions can happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Cycle {
    /// At any time.
    Continuous,
    /// Once a year, in a fixed promotion cycle.
    Annual,
}

/// How companies of one size promote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompanyPromotion {
    /// The company-size profile (`startup`).
    pub profile: String,
    /// Speed factor: typical years are divided by it (1.5 = half again as fast).
    pub speed: f64,
    /// Spread of individual speed between people (the standard deviation of its
    /// logarithm): more spread, more early and late promotions.
    pub spread: f64,
    /// When promotions happen.
    pub cycle: Cycle,
    /// True when no source gives the numbers.
    #[serde(
        default,
        rename = "default",
        skip_serializing_if = "super::range::is_false"
    )]
    pub is_default: bool,
    /// What they are based on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Fact>,
}
