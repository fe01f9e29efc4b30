//! The sheets of a ladder workbook and their columns, in the order they are
//! written. The writer takes its headers from here and the reader checks a
//! workbook's headers against them, so the two cannot drift apart (and
//! `docs/spreadsheets.md` is checked against them by a test).
//!
//! The `Criteria` and `Expectations` sheets have columns that depend on the
//! ladder (one per level, one per role) after their first: those are
//! described here by their first column only.

/// One sheet's name, its fixed columns and which of them must be filled.
#[derive(Debug, Clone, Copy)]
pub struct SheetLayout {
    /// The sheet's name.
    pub name: &'static str,
    /// Its fixed columns, in order.
    pub columns: &'static [&'static str],
    /// The columns every row must fill.
    pub required: &'static [&'static str],
    /// What the sheet holds, for the documentation and error messages.
    pub holds: &'static str,
}

pub const LADDER: SheetLayout = SheetLayout {
    name: "Ladder",
    columns: &["field", "value"],
    required: &["field"],
    holds: "the ladder's name, version and description, one per row",
};
pub const FAMILIES: SheetLayout = SheetLayout {
    name: "Families",
    columns: &["id", "name", "summary"],
    required: &["id", "name"],
    holds: "job families, one per row",
};
pub const SOURCES: SheetLayout = SheetLayout {
    name: "Sources",
    columns: &["id", "title", "author", "file", "url"],
    required: &["id", "title"],
    holds: "the documents statements cite, one per row",
};
pub const ROLES: SheetLayout = SheetLayout {
    name: "Roles",
    columns: &[
        "id",
        "title",
        "code",
        "family",
        "tier",
        "track",
        "aliases",
        "summary",
        "reports to",
        "manages",
        "experience years",
        "experience",
        "education",
        "responsibilities",
        "skills",
        "job description themes",
        "notes",
        "scope",
        "scope text",
        "scope sources",
        "planning horizon months",
        "planning horizon text",
        "planning horizon sources",
        "salary",
        "salary currency",
        "salary notes",
    ],
    required: &["id", "title", "tier", "track"],
    holds: "the roles, one per row, in the order they are shown",
};
pub const READINESS: SheetLayout = SheetLayout {
    name: "Readiness",
    columns: &["role", "to", "criteria"],
    required: &["role", "to"],
    holds: "what shows a person in a role is ready for the next one, one step per row",
};
pub const MOVES: SheetLayout = SheetLayout {
    name: "Moves",
    columns: &["from", "to", "kind", "years", "notes"],
    required: &["from", "to", "kind"],
    holds: "the moves between roles, one per row",
};
pub const PAY: SheetLayout = SheetLayout {
    name: "Pay",
    columns: &["role", "zone", "currency", "range"],
    required: &["role", "zone", "currency", "range"],
    holds: "pay bands, one per role and location zone",
};
pub const SCALE: SheetLayout = SheetLayout {
    name: "Scale",
    columns: &["competency", "level", "name", "summary"],
    required: &["level", "name"],
    holds: "the levels of the ladder's scale (competency left blank) and of competencies with their own",
};
pub const AREAS: SheetLayout = SheetLayout {
    name: "Areas",
    columns: &["id", "name"],
    required: &["id", "name"],
    holds: "groups of competencies",
};
pub const COMPETENCIES: SheetLayout = SheetLayout {
    name: "Competencies",
    columns: &[
        "id", "name", "area", "family", "summary", "outcomes", "weight",
    ],
    required: &["id", "name"],
    holds: "the competencies, one per row",
};
pub const CRITERIA: SheetLayout = SheetLayout {
    name: "Criteria",
    columns: &["competency"],
    required: &["competency"],
    holds: "the matrix: one row per competency, one column per level (`level 1`, `level 2`…), the criteria of a cell one per line",
};
pub const EXPECTATIONS: SheetLayout = SheetLayout {
    name: "Expectations",
    columns: &["competency"],
    required: &["competency"],
    holds: "one row per competency, one column per role (headed by its id), the level the role expects; blank when the role is not assessed on it",
};
pub const TABLES: SheetLayout = SheetLayout {
    name: "Tables",
    columns: &["table", "toml"],
    required: &["toml"],
    holds: "the rest of the ladder file as TOML, one entry per row: company sizes, entry points, organisation, benchmarks, disagreements, resolver, simulation, placement",
};

/// Every sheet, in the order they are written.
pub const SHEETS: &[SheetLayout] = &[
    LADDER,
    FAMILIES,
    SOURCES,
    ROLES,
    READINESS,
    MOVES,
    PAY,
    SCALE,
    AREAS,
    COMPETENCIES,
    CRITERIA,
    EXPECTATIONS,
    TABLES,
];

/// The header of a level column of the `Criteria` sheet.
pub fn level_column(level: u8) -> String {
    format!("level {level}")
}
