//! Company-size profiles: how a startup, a scale-up and an enterprise each have
//! the ladder.
//!
//! The seeds are clear that a small company has two or three levels whose duties
//! bleed together, and that its titles inflate (the only PM called Director). A
//! title is therefore only meaningful together with a company size, and
//! re-levelling — mapping the title someone holds onto the role they actually
//! perform — is part of the model, not an afterthought of title resolution.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Fact, RoleId, ValueRange};

/// How the ladder looks at companies of one size.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CompanySize {
    /// Id of the profile (`startup`).
    pub id: String,
    /// Its name (`Startup`).
    pub name: String,
    /// The head-count the profile covers.
    pub employees: ValueRange,
    /// How many distinct product-management levels such companies usually have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub levels: Option<ValueRange>,
    /// The roles that exist, as real roles, at this size.
    pub roles: Vec<RoleId>,
    /// Titles that mean a different role at this size (title inflation).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relevel: Vec<Relevel>,
    /// How promotions happen at this size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promotion_cycle: Option<Fact>,
    /// Anything else the sources say about companies of this size.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Fact>,
}

/// A title that, at a company of this size, is really another role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Relevel {
    /// The role the title names (`director`).
    pub title: RoleId,
    /// The role the holder usually performs (`senior-pm`).
    pub effective: RoleId,
    /// Why, with its sources.
    pub reason: Fact,
    /// True when no source states this rule: it is the ladder author's default.
    #[serde(
        default,
        rename = "default",
        skip_serializing_if = "super::range::is_false"
    )]
    pub is_default: bool,
}

impl CompanySize {
    /// The role someone titled `title` usually performs at a company of this size.
    pub fn effective_role<'a>(&'a self, title: &'a RoleId) -> (&'a RoleId, Option<&'a Relevel>) {
        match self.relevel.iter().find(|r| &r.title == title) {
            Some(r) => (&r.effective, Some(r)),
            None => (title, None),
        }
    }
}
