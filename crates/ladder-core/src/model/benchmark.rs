//! `[[benchmarks]]`: outside reference numbers for the shape of an org (a
//! PM-to-engineer ratio from an industry survey, a span of control from a
//! consultancy's study), each with its sources, so that `ladder org` can
//! say how a roster compares and where each number comes from.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Fact, ValueRange};

/// What a benchmark measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Individual-contributor engineers per individual-contributor PM.
    EngineersPerPm,
    /// Individual-contributor designers per individual-contributor PM.
    DesignersPerPm,
    /// The median number of direct reports of everyone who has any.
    MedianSpan,
}

impl Measure {
    /// The measure as written in files (`engineers-per-pm`).
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::EngineersPerPm => "engineers-per-pm",
            Measure::DesignersPerPm => "designers-per-pm",
            Measure::MedianSpan => "median-span",
        }
    }

    /// The measure as people read it.
    pub fn label(self) -> &'static str {
        match self {
            Measure::EngineersPerPm => "Engineers per PM",
            Measure::DesignersPerPm => "Designers per PM",
            Measure::MedianSpan => "Median span of control",
        }
    }
}

/// One reference number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Benchmark {
    /// What it measures.
    pub measure: Measure,
    /// The reference value, or range of values (`{ min = 6, max = 9 }`).
    pub value: ValueRange,
    /// What it is and where it comes from (with `sources`).
    pub note: Fact,
}
