//! The competency matrix: every competency, every level of its scale, every
//! criterion of every cell, and which roles expect each level.
//!
//! Role pages show the cells a role expects; a company's matrix also has
//! cells no role expects yet (the top of a scale, a level between two roles),
//! and people read the matrix whole when they ask "what does the next level
//! look like". So the site has one page that shows it all, built from this
//! format-free outline for HTML and Markdown alike.

use ladder_core::Ladder;
use ladder_core::model::Competency;

/// One cell: a level of a competency's scale.
pub struct Cell<'a> {
    /// The level number.
    pub level: u8,
    /// Its name on the scale (empty when unnamed).
    pub name: &'a str,
    /// What the level means on the scale.
    pub summary: &'a str,
    /// The criteria written for this level, with whether each holds from
    /// here up.
    pub criteria: Vec<(&'a str, bool)>,
    /// Titles of the roles that expect this level.
    pub roles: Vec<&'a str>,
}

/// One competency with its cells.
pub struct Row<'a> {
    /// The competency.
    pub competency: &'a Competency,
    /// Its area's name, if it has one.
    pub area: Option<&'a str>,
    /// Its job family's name, if only one family is assessed on it.
    pub family: Option<&'a str>,
    /// Lowest first.
    pub cells: Vec<Cell<'a>>,
}

/// The whole matrix, competencies in file order.
pub fn matrix(ladder: &Ladder) -> Vec<Row<'_>> {
    let m = &ladder.competencies;
    m.items
        .iter()
        .map(|c| Row {
            competency: c,
            area: c
                .area
                .as_deref()
                .and_then(|a| m.areas.iter().find(|x| x.id == a))
                .map(|a| a.name.as_str()),
            family: ladder.family_name(c.family.as_deref()),
            cells: m
                .scale_of(c)
                .iter()
                .map(|s| Cell {
                    level: s.level,
                    name: &s.name,
                    summary: &s.summary,
                    criteria: c
                        .examples
                        .iter()
                        .filter(|e| e.level == s.level)
                        .map(|e| (e.text.as_str(), e.and_above))
                        .collect(),
                    roles: ladder
                        .roles
                        .iter()
                        .filter(|r| c.expectations.get(r.id.as_str()) == Some(&s.level))
                        .map(|r| r.title.as_str())
                        .collect(),
                })
                .collect(),
        })
        .collect()
}
