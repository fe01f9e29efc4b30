//! The ladder model: plain data that serialises to and from the ladder file.
//!
//! The types mirror the TOML file one to one (see `docs/ladder-format.md`), so the
//! JSON Schema generated from them describes the file exactly and a ladder can be
//! written back out without loss. Derived views — levels, role lookups, source
//! references — are methods on [`Ladder`] rather than stored fields, so there is
//! never a second copy of a fact to keep in step.

mod benchmark;
mod citation;
mod company;
mod competency;
mod fact;
mod family;
mod graph;
mod ids;
mod organisation;
pub(crate) mod range;
mod resolver;
mod role;
mod simulation;

pub use benchmark::{Benchmark, Measure};
pub use citation::{Citation, CitationError, Passage};
pub use company::{CompanySize, Relevel};
pub use competency::{
    Area, Competency, CompetencyModel, Example, NOT_RATED, Placement, PlacementRule, ScaleLevel,
};
pub use fact::Fact;
pub use family::Family;
pub use graph::{EntryPoint, Transition, TransitionKind};
pub use ids::{RoleId, is_valid_id};
pub use organisation::{Disagreement, Driver, LadderTop, Organisation, Ratio, Source};
pub use range::{ValueRange, format_number};
pub use resolver::{ResolverSpec, TitleRule};
pub use role::{
    Experience, Horizon, PayBand, Readiness, Role, SalaryBand, Scope, ScopeLevel, Tier, Track,
};
pub use simulation::{CompanyPromotion, Cycle, Estimate, SimulationSpec};

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of the ladder file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The `[ladder]` table: what the file is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Meta {
    /// The ladder's name (`Product management`).
    pub name: String,
    /// The version of this ladder, free-form (`2026.1`).
    pub version: String,
    /// The version of the file format; `1`.
    #[serde(default = "format_version")]
    pub format: u32,
    /// What the ladder is for and who keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

fn format_version() -> u32 {
    FORMAT_VERSION
}

/// A whole career ladder: what a ladder file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "ladder file",
    description = "A career ladder for `ladder` (https://example.invalid/ladder): roles, the moves between them, company-size profiles, entry points and organisation facts."
)]
pub struct Ladder {
    /// What the file is.
    pub ladder: Meta,
    /// The documents facts cite.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Job families, when the ladder has more than one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub families: Vec<Family>,
    /// The roles, in the order they are shown.
    pub roles: Vec<Role>,
    /// The moves between roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<Transition>,
    /// How the ladder looks at each company size.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub company_sizes: Vec<CompanySize>,
    /// The ways into the ladder.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry_points: Vec<EntryPoint>,
    /// Facts about product organisations as a whole.
    #[serde(default)]
    pub organisation: Organisation,
    /// Outside reference numbers `ladder org` compares a roster with.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub benchmarks: Vec<Benchmark>,
    /// Questions on which the sources disagree.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disagreements: Vec<Disagreement>,
    /// How free-text job titles map onto the roles.
    #[serde(default)]
    pub resolver: ResolverSpec,
    /// Parameters of the career simulation.
    #[serde(default)]
    pub simulation: SimulationSpec,
    /// The competencies the roles ask for.
    #[serde(default)]
    pub competencies: CompetencyModel,
}

impl Ladder {
    /// The role with this id.
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The job family with this id.
    pub fn family(&self, id: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.id == id)
    }

    /// The name of the family a role or competency names in its `family`,
    /// when the ladder declares it.
    pub fn family_name(&self, family: Option<&str>) -> Option<&str> {
        family.and_then(|f| self.family(f)).map(|f| f.name.as_str())
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// How outputs name a cited source: its title, or the id itself when
    /// the ladder does not declare it. (Never its file name: that is where
    /// the ladder's author keeps it, not what a reader knows it by.)
    pub fn source_title<'a>(&'a self, id: &'a str) -> &'a str {
        self.source(id).map_or(id, |s| s.title.as_str())
    }

    /// The titles of the sources `cited` names, each once, in first-cited
    /// order: two paragraphs of one article are one source to a reader.
    pub fn source_titles<'a>(&self, cited: impl IntoIterator<Item = &'a Citation>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for c in cited {
            let title = self.source_title(&c.source);
            if !out.iter().any(|t| t == title) {
                out.push(title.to_owned());
            }
        }
        out
    }

    /// The titles of every source a role cites, in first-cited order.
    pub fn role_sources(&self, role: &Role) -> Vec<String> {
        role.source_ids()
            .into_iter()
            .map(|id| self.source_title(id).to_owned())
            .collect()
    }

    /// The transitions out of a role, in file order.
    pub fn transitions_from<'a>(
        &'a self,
        id: &'a str,
    ) -> impl Iterator<Item = &'a Transition> + 'a {
        self.transitions.iter().filter(move |t| t.from == id)
    }

    /// The transitions into a role, in file order.
    pub fn transitions_to<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Transition> + 'a {
        self.transitions.iter().filter(move |t| t.to == id)
    }

    /// The direct transition from `from` to `to`, if there is one.
    pub fn transition(&self, from: &str, to: &str) -> Option<&Transition> {
        self.transitions
            .iter()
            .find(|t| t.from == from && t.to == to)
    }

    /// The company-size profile with this id.
    pub fn company_size(&self, id: &str) -> Option<&CompanySize> {
        self.company_sizes.iter().find(|c| c.id == id)
    }

    /// The company-size profile whose head-count range holds `employees`; the
    /// first one in file order when ranges touch.
    pub fn company_size_for(&self, employees: u64) -> Option<&CompanySize> {
        self.company_sizes
            .iter()
            .find(|c| c.employees.contains(employees as f64))
    }

    /// Each role's level: the number of climbing moves (promotions and track
    /// switches) on the longest climb that leads to it, so the bottom of the
    /// ladder is 0. Roles no climb reaches sit at 0; off-ramps sit one above the
    /// role they leave from. Requires a ladder without cycles among climbing moves,
    /// which validation guarantees.
    pub fn levels(&self) -> HashMap<&str, usize> {
        let mut level: HashMap<&str, usize> =
            self.roles.iter().map(|r| (r.id.as_str(), 0)).collect();
        // Longest path by relaxation; at most |roles| rounds on an acyclic graph.
        for _ in 0..self.roles.len() {
            let mut changed = false;
            for t in &self.transitions {
                if !(t.kind.climbs() || t.kind == TransitionKind::OffRamp) {
                    continue;
                }
                let (Some(&from), Some(&to)) =
                    (level.get(t.from.as_str()), level.get(t.to.as_str()))
                else {
                    continue;
                };
                if to < from + 1 {
                    level.insert(t.to.as_str(), from + 1);
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        level
    }

    /// The roles a promotion or track switch leads to from `id`.
    pub fn next_roles<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Role> + 'a {
        self.transitions_from(id)
            .filter(|t| t.kind.climbs())
            .filter_map(|t| self.role(t.to.as_str()))
    }

    /// The roles a promotion or track switch leads from into `id`.
    pub fn previous_roles<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Role> + 'a {
        self.transitions_to(id)
            .filter(|t| t.kind.climbs())
            .filter_map(|t| self.role(t.from.as_str()))
    }
}
