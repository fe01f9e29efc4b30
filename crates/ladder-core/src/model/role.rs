//! A role on the ladder and everything the ladder says about it.
//!
//! Every list is a list of [`Fact`]s so each statement keeps its sources. The
//! fields follow DESIGN.md; only `id`, `title`, `tier` and `track` are required so
//! that a small company can start with a short file and grow it.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Citation, Fact, RoleId, ValueRange};

/// Where a role sits in the ladder's broad bands, bottom to top.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Tier {
    /// Intern, associate and junior product managers.
    Entry,
    /// The product manager proper.
    Mid,
    /// Senior and principal product managers.
    Tenured,
    /// Group product managers and directors.
    Leadership,
    /// VP, SVP and CPO.
    Executive,
    /// Off-ramps beyond the product ladder: GM, COO, CEO.
    Beyond,
    /// Roles beside the ladder whose titles often hide product work.
    Adjacent,
}

/// Which line of the ladder a role belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Track {
    /// Individual contributors.
    Ic,
    /// People managers and executives.
    Management,
    /// Roles product veterans move on to.
    OffRamp,
    /// Neighbouring roles that feed into product management.
    Adjacent,
}

/// How much of the product a role answers for, smallest to largest.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum ScopeLevel {
    /// Assigned tasks and projects.
    Tasks,
    /// A feature or set of features.
    Feature,
    /// A whole product, or a major part of one.
    Product,
    /// A portfolio of related products.
    Portfolio,
    /// An entire product line.
    ProductLine,
    /// Every product the company has.
    WholePortfolio,
    /// The whole company, beyond product.
    Company,
}

/// A role's scope: a level and what the sources say about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Scope {
    /// The scope level.
    pub level: ScopeLevel,
    /// What the scope covers, in words.
    pub text: String,
    /// The sources that back it (`pmu`, or `pmu#14` for a paragraph).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
}

/// How far ahead a role plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Horizon {
    /// The horizon in months.
    pub months: ValueRange,
    /// What the sources say about it.
    pub text: String,
    /// The sources that back it (`pmu`, or `pmu#14` for a paragraph).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Citation>,
}

/// The experience a role asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Experience {
    /// Years of relevant experience, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<ValueRange>,
    /// What the sources say about the experience expected.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Fact>,
}

/// The criteria that show someone is ready to move from this role to `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Readiness {
    /// The role the criteria lead to.
    pub to: RoleId,
    /// Observable criteria, each a fact.
    pub criteria: Vec<Fact>,
}

/// A salary band for a role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SalaryBand {
    /// The yearly base salary range.
    pub range: ValueRange,
    /// ISO 4217 currency code, `USD` by default.
    #[serde(default = "default_currency")]
    pub currency: String,
    /// What the band is based on.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Fact>,
}

fn default_currency() -> String {
    "USD".to_owned()
}

/// The pay band of a role in one location zone (`London`, `US tier 1`,
/// `Remote EU`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PayBand {
    /// The zone, as the company names it.
    pub zone: String,
    /// The yearly base salary range.
    pub range: ValueRange,
    /// ISO 4217 currency code (`GBP`).
    pub currency: String,
}

/// A role of the ladder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Role {
    /// The canonical id (`senior-pm`).
    pub id: RoleId,
    /// The usual title (`Senior Product Manager`).
    pub title: String,
    /// Other titles for the same role (`Sr. PM`, `Product Lead`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// The company's level code (`IC3`, `L5`, `P4`), if it uses them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The job family, when the ladder has `[[families]]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// The band the role sits in.
    pub tier: Tier,
    /// The line of the ladder the role belongs to.
    pub track: Track,
    /// One or two sentences on what the role is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Fact>,
    /// How much of the product the role answers for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// How far ahead the role plans.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planning_horizon: Option<Horizon>,
    /// The roles this role usually reports to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports_to: Vec<RoleId>,
    /// The roles this role usually manages.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub manages: Vec<RoleId>,
    /// The experience the role asks for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience: Option<Experience>,
    /// The education the role asks for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub education: Vec<Fact>,
    /// What the role does.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responsibilities: Vec<Fact>,
    /// What the role needs to be good at.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<Fact>,
    /// For each next step, the criteria that show readiness.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readiness: Vec<Readiness>,
    /// Themes that recur in job descriptions for the role.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub job_description_themes: Vec<Fact>,
    /// The pay band.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salary: Option<SalaryBand>,
    /// Pay bands per location zone, for companies that pay by place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pay: Vec<PayBand>,
    /// Anything else the sources say: prevalence, variations, caveats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Fact>,
}

impl Role {
    /// The readiness criteria for the step to `to`, if the ladder gives them.
    pub fn readiness_for(&self, to: &str) -> Option<&Readiness> {
        self.readiness.iter().find(|r| r.to == to)
    }

    /// Every fact of the role, each with the name of the field it belongs to.
    pub fn facts(&self) -> Vec<(&'static str, &Fact)> {
        let mut out: Vec<(&'static str, &Fact)> = Vec::new();
        out.extend(self.summary.iter().map(|f| ("summary", f)));
        if let Some(e) = &self.experience {
            out.extend(e.notes.iter().map(|f| ("experience", f)));
        }
        out.extend(self.education.iter().map(|f| ("education", f)));
        out.extend(
            self.responsibilities
                .iter()
                .map(|f| ("responsibilities", f)),
        );
        out.extend(self.skills.iter().map(|f| ("skills", f)));
        for r in &self.readiness {
            out.extend(r.criteria.iter().map(|f| ("readiness", f)));
        }
        out.extend(
            self.job_description_themes
                .iter()
                .map(|f| ("job_description_themes", f)),
        );
        if let Some(s) = &self.salary {
            out.extend(s.notes.iter().map(|f| ("salary", f)));
        }
        out.extend(self.notes.iter().map(|f| ("notes", f)));
        out
    }

    /// The ids of every source the role cites, in first-cited order, without repeats.
    pub fn source_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        let lists = self
            .scope
            .iter()
            .map(|s| &s.sources)
            .chain(self.planning_horizon.iter().map(|h| &h.sources))
            .chain(self.facts().into_iter().map(|(_, f)| &f.sources));
        for c in lists.flatten() {
            if !ids.contains(&c.source.as_str()) {
                ids.push(&c.source);
            }
        }
        ids
    }
}

impl Tier {
    /// Every tier, bottom to top.
    pub const ALL: [Tier; 7] = [
        Tier::Entry,
        Tier::Mid,
        Tier::Tenured,
        Tier::Leadership,
        Tier::Executive,
        Tier::Beyond,
        Tier::Adjacent,
    ];

    /// The tier as written in files (`tenured`).
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Entry => "entry",
            Tier::Mid => "mid",
            Tier::Tenured => "tenured",
            Tier::Leadership => "leadership",
            Tier::Executive => "executive",
            Tier::Beyond => "beyond",
            Tier::Adjacent => "adjacent",
        }
    }

    /// The tier as people read it (`Tenured`).
    pub fn label(self) -> &'static str {
        match self {
            Tier::Entry => "Entry",
            Tier::Mid => "Mid-level",
            Tier::Tenured => "Tenured",
            Tier::Leadership => "Leadership",
            Tier::Executive => "Executive",
            Tier::Beyond => "Beyond product",
            Tier::Adjacent => "Adjacent",
        }
    }
}

impl Track {
    /// Every track.
    pub const ALL: [Track; 4] = [
        Track::Ic,
        Track::Management,
        Track::OffRamp,
        Track::Adjacent,
    ];

    /// The track as written in files (`off-ramp`).
    pub fn as_str(self) -> &'static str {
        match self {
            Track::Ic => "ic",
            Track::Management => "management",
            Track::OffRamp => "off-ramp",
            Track::Adjacent => "adjacent",
        }
    }

    /// The track as people read it (`Individual contributor`).
    pub fn label(self) -> &'static str {
        match self {
            Track::Ic => "Individual contributor",
            Track::Management => "Management",
            Track::OffRamp => "Off-ramp",
            Track::Adjacent => "Adjacent",
        }
    }
}

impl ScopeLevel {
    /// The level as written in files (`product-line`).
    pub fn as_str(self) -> &'static str {
        match self {
            ScopeLevel::Tasks => "tasks",
            ScopeLevel::Feature => "feature",
            ScopeLevel::Product => "product",
            ScopeLevel::Portfolio => "portfolio",
            ScopeLevel::ProductLine => "product-line",
            ScopeLevel::WholePortfolio => "whole-portfolio",
            ScopeLevel::Company => "company",
        }
    }

    /// The level as people read it (`Product line`).
    pub fn label(self) -> &'static str {
        match self {
            ScopeLevel::Tasks => "Tasks",
            ScopeLevel::Feature => "Feature",
            ScopeLevel::Product => "Product",
            ScopeLevel::Portfolio => "Portfolio",
            ScopeLevel::ProductLine => "Product line",
            ScopeLevel::WholePortfolio => "Whole portfolio",
            ScopeLevel::Company => "Company",
        }
    }
}
