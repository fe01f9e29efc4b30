//! Job families: the separate ladders one company keeps side by side.
//!
//! A product org rarely has one ladder: IC product managers, a pricing or
//! growth family, product leadership, each with its own titles, sometimes its
//! own competencies and its own scale. A family is a named group of roles;
//! moves may cross families (a PM becoming a pricing manager), and pages lay
//! families out as separate columns so a move between them is never drawn as
//! a promotion inside one. A ladder without families is one family: the
//! built-in ladder declares none.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One `[[families]]` entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Family {
    /// Id (`pricing`), what roles and competencies name in their `family`.
    pub id: String,
    /// Name (`Pricing & monetisation`).
    pub name: String,
    /// What the family is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
}
