//! The moves between roles, and where people come into the ladder from.
//!
//! Transitions are data, not a fixed sequence, because the seeds describe more
//! than one ladder: some companies have junior PMs and some do not, some end the
//! IC line at senior PM and some go on to principal, and veterans leave the ladder
//! for GM, COO or CEO roles. Path planning and simulation walk this graph.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Fact, RoleId, ValueRange};

/// What kind of move a transition is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum TransitionKind {
    /// A step up on the same track.
    Promotion,
    /// A move to a role of about the same level.
    Lateral,
    /// A move between the IC and management tracks.
    TrackSwitch,
    /// A move from a neighbouring role into product management.
    Entry,
    /// A move off the product ladder (GM, COO, CEO).
    OffRamp,
}

impl TransitionKind {
    /// The kind as written in files (`track-switch`).
    pub fn as_str(self) -> &'static str {
        match self {
            TransitionKind::Promotion => "promotion",
            TransitionKind::Lateral => "lateral",
            TransitionKind::TrackSwitch => "track-switch",
            TransitionKind::Entry => "entry",
            TransitionKind::OffRamp => "off-ramp",
        }
    }

    /// Whether the move climbs the ladder (promotions and track switches), the
    /// moves that must never form a cycle.
    pub fn climbs(self) -> bool {
        matches!(
            self,
            TransitionKind::Promotion | TransitionKind::TrackSwitch
        )
    }
}

/// A move from one role to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Transition {
    /// The role moved from.
    pub from: RoleId,
    /// The role moved to.
    pub to: RoleId,
    /// What kind of move it is.
    pub kind: TransitionKind,
    /// Typical years spent in `from` before the move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<ValueRange>,
    /// What the sources say about the move.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Fact>,
}

/// A way into product management: new graduate, former entrepreneur, …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntryPoint {
    /// Id of the entry point (`new-grad`).
    pub id: String,
    /// Its name (`New-graduate hire`).
    pub name: String,
    /// What it is.
    pub summary: Fact,
    /// Roles people leave to come in this way (a project manager switching over).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<RoleId>,
    /// Backgrounds outside the ladder that lead in this way, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub backgrounds: Vec<String>,
    /// The roles of the ladder this entry point leads into.
    pub leads_to: Vec<RoleId>,
    /// Anything else the sources say about it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Fact>,
}
