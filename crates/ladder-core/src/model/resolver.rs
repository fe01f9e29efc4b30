//! The vocabulary and rules that map free-text job titles onto roles.
//!
//! They are data in the ladder file, not code, so a company's ladder brings its
//! own resolver: its own titles, abbreviations, languages and look-alikes. The
//! shape is deliberately simple enough to compile into bit masks (see
//! `crate::resolve`): every surface word maps to a *canonical word*, an
//! abbreviation expands to several, two adjacent canonical words may form a
//! *phrase* word, and ordered rules over sets of canonical words name the role.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The `[resolver]` table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResolverSpec {
    /// Canonical word → the surface forms that mean it (lowercase, accents
    /// removed): `senior = ["senior", "sr", "snr"]`. A canonical word may have no
    /// surface form when only expansions or phrases produce it.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub words: BTreeMap<String, Vec<String>>,
    /// Surface form → the canonical words it stands for, in order:
    /// `apm = ["associate", "product", "manager"]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub expansions: BTreeMap<String, Vec<String>>,
    /// Two canonical words, space-separated, that together add another:
    /// `"product marketing" = "product-marketing"`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub phrases: BTreeMap<String, String>,
    /// Surface words that carry no meaning (`of`, `de`, `&`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stop_words: Vec<String>,
    /// Surface words that join two parts of a title (`&`, `and`, `et`): they carry
    /// no meaning and keep the words on either side from forming a phrase.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conjunctions: Vec<String>,
    /// Surface words after which the rest of a title names the employer
    /// (`at`, `@`): ignored for the role and the area.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub employer_markers: Vec<String>,
    /// Canonical words reported as the seniority modifier, first present wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seniority: Vec<String>,
    /// Canonical words no title needs for its role; their presence alone is no
    /// reason to call a title product work (used for the "other" confidence).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub product_words: Vec<String>,
    /// The rules, in priority order: the first that matches names the role; the
    /// later ones that match with another role become alternatives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<TitleRule>,
}

/// One rule: when a title's canonical words satisfy it, the title is `role`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TitleRule {
    /// A role id of the ladder, or `other`.
    pub role: String,
    /// Every one of these canonical words must be present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub all: Vec<String>,
    /// At least one of these must be present (when the list is not empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub any: Vec<String>,
    /// None of these may be present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub none: Vec<String>,
    /// How sure a match is, from 0 to 1.
    pub confidence: f64,
    /// When true, the rule does not see the words of the area ("Product Manager,
    /// *Customer Support Tools*"), so context words there cannot trigger it.
    #[serde(default, skip_serializing_if = "crate::model::range::is_false")]
    pub ignore_area: bool,
    /// For a rule of role `other`: the function outside product management
    /// the title belongs to, `engineering` or `design` (org analytics count
    /// PMs against them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function: Option<String>,
    /// For a rule of role `other`: the title leads people (a manager,
    /// director or executive of its function), so it is not counted among
    /// the individual contributors.
    #[serde(default, skip_serializing_if = "crate::model::range::is_false")]
    pub leads: bool,
}
