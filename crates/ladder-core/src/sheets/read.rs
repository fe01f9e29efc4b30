//! Workbook → ladder. Each sheet's header row is matched to its layout
//! (case and `_`/`-`/space do not matter, order is free); a column the
//! layout does not know, a required column that is missing or blank, and a
//! cell that does not read are errors placed by sheet, row and column.
//! Reading goes on after an error so one pass lists every problem; the
//! ladder is returned only when there are none, and `ladder check`'s
//! validation then runs on it like on any file.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use serde::de::IntoDeserializer;

use super::cells;
use super::layout::{self, SheetLayout};
use super::{Place, Sheet, SheetError, SheetErrors, Workbook};
use crate::model::{
    Area, Benchmark, CompanySize, Competency, Disagreement, EntryPoint, Example, Experience,
    FORMAT_VERSION, Family, Horizon, Ladder, Meta, Organisation, PayBand, Placement, Readiness,
    ResolverSpec, Role, RoleId, SalaryBand, ScaleLevel, Scope, SimulationSpec, Source, Transition,
};

/// A column header as compared: lower case, `_` and `-` as spaces.
fn fold(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The errors found so far.
#[derive(Default)]
struct Found(Vec<SheetError>);

impl Found {
    fn at(&mut self, sheet: &str, row: Option<usize>, column: Option<&str>, message: String) {
        self.0.push(SheetError {
            place: Place {
                sheet: sheet.to_owned(),
                row,
                column: column.map(str::to_owned),
            },
            message,
        });
    }
}

/// One data row of a sheet, its cells found by column name.
struct Row<'a> {
    sheet: &'a str,
    number: usize,
    cells: &'a [String],
    columns: &'a HashMap<String, usize>,
}

impl<'a> Row<'a> {
    /// The trimmed text of a fixed column ("" when the column is absent).
    fn get(&self, column: &str) -> &'a str {
        self.columns
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }

    /// The text of a column, or `None` when blank.
    fn opt(&self, column: &str) -> Option<String> {
        Some(self.get(column))
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    /// Reads a column with `parse`, noting an error and giving `None` when
    /// it does not read; `None` too when blank.
    fn parse<T>(
        &self,
        found: &mut Found,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.get(column);
        if text.is_empty() {
            return None;
        }
        parse(text)
            .map_err(|m| found.at(self.sheet, Some(self.number), Some(column), m))
            .ok()
    }
}

/// A sheet's header checked against its layout, and its non-blank rows.
struct Table<'a> {
    layout: &'a SheetLayout,
    sheet: Option<&'a Sheet>,
    columns: HashMap<String, usize>,
    /// Columns past the fixed ones (`level 3`, a role id), with their index.
    extra: Vec<(String, usize)>,
    header_row: usize,
}

impl<'a> Table<'a> {
    /// The sheet of `layout` in `book`; `open_ended` sheets take further
    /// columns (levels, roles) the caller reads from [`Table::extra`].
    fn new(
        book: &'a Workbook,
        layout: &'a SheetLayout,
        open_ended: bool,
        found: &mut Found,
    ) -> Self {
        let sheet = book.sheet(layout.name);
        let mut t = Table {
            layout,
            sheet,
            columns: HashMap::new(),
            extra: Vec::new(),
            header_row: 0,
        };
        let Some(sheet) = sheet else {
            return t;
        };
        let Some(at) = sheet
            .rows
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        else {
            return t;
        };
        t.header_row = at;
        let row_number = sheet.first_row + at;
        let mut unknown = Vec::new();
        for (i, h) in sheet.rows[at].iter().enumerate() {
            let name = fold(h);
            if name.is_empty() {
                continue;
            }
            if layout.columns.contains(&name.as_str()) {
                if t.columns.insert(name.clone(), i).is_some() {
                    found.at(
                        layout.name,
                        Some(row_number),
                        Some(&name),
                        "the column is there twice; keep one".to_owned(),
                    );
                }
            } else if open_ended {
                t.extra.push((h.trim().to_owned(), i));
            } else {
                unknown.push(h.trim().to_owned());
            }
        }
        if !unknown.is_empty() {
            found.at(
                layout.name,
                Some(row_number),
                None,
                format!(
                    "unknown column{} {}; the sheet's columns are: {}",
                    if unknown.len() == 1 { "" } else { "s" },
                    unknown
                        .iter()
                        .map(|u| format!("\"{u}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    layout.columns.join(", ")
                ),
            );
        }
        let missing: Vec<&str> = layout
            .required
            .iter()
            .copied()
            .filter(|c| !t.columns.contains_key(*c))
            .collect();
        if !missing.is_empty() {
            found.at(
                layout.name,
                Some(row_number),
                None,
                format!(
                    "the header lacks {}; {} holds {}",
                    missing
                        .iter()
                        .map(|m| format!("\"{m}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    layout.name,
                    layout.holds
                ),
            );
        }
        t
    }

    /// The data rows (blank rows skipped), each with its required cells
    /// checked.
    fn rows(&self, found: &mut Found) -> Vec<Row<'_>> {
        let Some(sheet) = self.sheet else {
            return Vec::new();
        };
        if sheet.rows.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, cells) in sheet.rows.iter().enumerate().skip(self.header_row + 1) {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let row = Row {
                sheet: self.layout.name,
                number: sheet.first_row + i,
                cells,
                columns: &self.columns,
            };
            let blank: Vec<&str> = self
                .layout
                .required
                .iter()
                .copied()
                .filter(|c| self.columns.contains_key(*c) && row.get(c).is_empty())
                .collect();
            if blank.is_empty() {
                out.push(row);
            } else {
                found.at(
                    self.layout.name,
                    Some(row.number),
                    Some(blank[0]),
                    format!(
                        "{} must be filled in (the row is skipped)",
                        blank.join(", ")
                    ),
                );
            }
        }
        out
    }

    /// The text of the cell at `index` in a row.
    fn cell<'r>(row: &Row<'r>, index: usize) -> &'r str {
        row.cells.get(index).map_or("", |s| s.trim())
    }
}

/// A value of a unit enum from its name in the file (`product-line`).
fn named<'de, T: Deserialize<'de>>(what: &'static str) -> impl Fn(&str) -> Result<T, String> {
    move |s: &str| {
        let folded = s.trim().to_lowercase().replace([' ', '_'], "-");
        T::deserialize(folded.as_str().into_deserializer()).map_err(|e: serde::de::value::Error| {
            let e = e.to_string();
            match e.split_once("expected one of ") {
                Some((_, names)) => format!(
                    "`{s}` is not a {what}; use one of {}",
                    names.replace('`', "")
                ),
                None => format!("`{s}` is not a {what} ({e})"),
            }
        })
    }
}

/// Reads a ladder from a workbook laid out as [`super::layout`] says.
pub fn from_workbook(book: &Workbook) -> Result<Ladder, SheetErrors> {
    let mut found = Found::default();
    if book.sheet(layout::ROLES.name).is_none() {
        found.at(
            layout::ROLES.name,
            None,
            None,
            format!(
                "the workbook has no sheet called Roles (it has: {}); the sheets of a ladder workbook are: {}",
                book.sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", "),
                layout::SHEETS.iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
            ),
        );
        return Err(SheetErrors(found.0));
    }
    let ladder = Ladder {
        ladder: meta(book, &mut found),
        families: families(book, &mut found),
        sources: sources(book, &mut found),
        roles: roles(book, &mut found),
        transitions: moves(book, &mut found),
        company_sizes: Vec::new(),
        entry_points: Vec::new(),
        organisation: Organisation::default(),
        benchmarks: Vec::new(),
        disagreements: Vec::new(),
        resolver: ResolverSpec::default(),
        simulation: SimulationSpec::default(),
        competencies: crate::model::CompetencyModel::default(),
    };
    let mut ladder = ladder;
    competencies(book, &mut ladder, &mut found);
    tables(book, &mut ladder, &mut found);
    if found.0.is_empty() {
        Ok(ladder)
    } else {
        Err(SheetErrors(found.0))
    }
}

fn meta(book: &Workbook, found: &mut Found) -> Meta {
    let t = Table::new(book, &layout::LADDER, false, found);
    let mut meta = Meta {
        name: String::new(),
        version: String::new(),
        format: FORMAT_VERSION,
        description: None,
    };
    for row in t.rows(found) {
        let value = row.get("value").to_owned();
        match fold(row.get("field")).as_str() {
            "name" => meta.name = value,
            "version" => meta.version = value,
            "description" => meta.description = Some(value).filter(|v| !v.is_empty()),
            other => found.at(
                layout::LADDER.name,
                Some(row.number),
                Some("field"),
                format!("`{other}` is not a field of the ladder; use name, version or description"),
            ),
        }
    }
    for (field, value) in [("name", &meta.name), ("version", &meta.version)] {
        if value.is_empty() {
            found.at(
                layout::LADDER.name,
                None,
                None,
                format!("the ladder's {field} is missing; add a row with `{field}` and its value"),
            );
        }
    }
    meta
}

fn families(book: &Workbook, found: &mut Found) -> Vec<Family> {
    let t = Table::new(book, &layout::FAMILIES, false, found);
    t.rows(found)
        .iter()
        .map(|r| Family {
            id: r.get("id").to_owned(),
            name: r.get("name").to_owned(),
            summary: r.opt("summary"),
        })
        .collect()
}

fn sources(book: &Workbook, found: &mut Found) -> Vec<Source> {
    let t = Table::new(book, &layout::SOURCES, false, found);
    t.rows(found)
        .iter()
        .map(|r| Source {
            id: r.get("id").to_owned(),
            title: r.get("title").to_owned(),
            author: r.opt("author"),
            file: r.opt("file"),
            url: r.opt("url"),
        })
        .collect()
}

fn role_ids(cell: &str) -> Vec<RoleId> {
    cells::parse_lines(cell)
        .into_iter()
        .map(RoleId::new)
        .collect()
}

fn roles(book: &Workbook, found: &mut Found) -> Vec<Role> {
    let t = Table::new(book, &layout::ROLES, false, found);
    let mut roles = Vec::new();
    for r in t.rows(found) {
        let tier = r.parse(found, "tier", named("tier"));
        let track = r.parse(found, "track", named("track"));
        let years = r.parse(found, "experience years", cells::parse_range);
        let notes = cells::parse_facts(r.get("experience"));
        let scope = r
            .parse(found, "scope", named("scope level"))
            .map(|level| Scope {
                level,
                text: r.get("scope text").to_owned(),
                sources: cells::parse_sources(r.get("scope sources")),
            });
        let horizon = r
            .parse(found, "planning horizon months", cells::parse_range)
            .map(|months| Horizon {
                months,
                text: r.get("planning horizon text").to_owned(),
                sources: cells::parse_sources(r.get("planning horizon sources")),
            });
        let salary = r
            .parse(found, "salary", cells::parse_range)
            .map(|range| SalaryBand {
                range,
                currency: r.opt("salary currency").unwrap_or_else(|| "USD".to_owned()),
                notes: cells::parse_facts(r.get("salary notes")),
            });
        let (Some(tier), Some(track)) = (tier, track) else {
            continue;
        };
        roles.push(Role {
            id: RoleId::new(r.get("id")),
            title: r.get("title").to_owned(),
            aliases: cells::parse_lines(r.get("aliases")),
            code: r.opt("code"),
            family: r.opt("family"),
            tier,
            track,
            summary: cells::parse_fact(r.get("summary")),
            scope,
            planning_horizon: horizon,
            reports_to: role_ids(r.get("reports to")),
            manages: role_ids(r.get("manages")),
            experience: (years.is_some() || !notes.is_empty())
                .then_some(Experience { years, notes }),
            education: cells::parse_facts(r.get("education")),
            responsibilities: cells::parse_facts(r.get("responsibilities")),
            skills: cells::parse_facts(r.get("skills")),
            readiness: Vec::new(),
            job_description_themes: cells::parse_facts(r.get("job description themes")),
            salary,
            pay: Vec::new(),
            notes: cells::parse_facts(r.get("notes")),
        });
    }
    let index: HashMap<String, usize> = roles
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.to_string(), i))
        .collect();
    let role_at = |sheet: &str, row: &Row<'_>, column: &str, found: &mut Found| {
        let id = row.get(column);
        let i = index.get(id).copied();
        if i.is_none() {
            found.at(
                sheet,
                Some(row.number),
                Some(column),
                format!("no role has the id `{id}` on the Roles sheet"),
            );
        }
        i
    };
    let t = Table::new(book, &layout::READINESS, false, found);
    for r in t.rows(found) {
        if let Some(i) = role_at(layout::READINESS.name, &r, "role", found) {
            roles[i].readiness.push(Readiness {
                to: RoleId::new(r.get("to")),
                criteria: cells::parse_facts(r.get("criteria")),
            });
        }
    }
    let t = Table::new(book, &layout::PAY, false, found);
    for r in t.rows(found) {
        let range = r.parse(found, "range", cells::parse_range);
        if let (Some(i), Some(range)) = (role_at(layout::PAY.name, &r, "role", found), range) {
            roles[i].pay.push(PayBand {
                zone: r.get("zone").to_owned(),
                range,
                currency: r.get("currency").to_owned(),
            });
        }
    }
    roles
}

fn moves(book: &Workbook, found: &mut Found) -> Vec<Transition> {
    let t = Table::new(book, &layout::MOVES, false, found);
    let mut out = Vec::new();
    for r in t.rows(found) {
        let kind = r.parse(found, "kind", named("kind of move"));
        let years = r.parse(found, "years", cells::parse_range);
        if let Some(kind) = kind {
            out.push(Transition {
                from: RoleId::new(r.get("from")),
                to: RoleId::new(r.get("to")),
                kind,
                years,
                notes: cells::parse_facts(r.get("notes")),
            });
        }
    }
    out
}

fn competencies(book: &Workbook, ladder: &mut Ladder, found: &mut Found) {
    let model = &mut ladder.competencies;
    let t = Table::new(book, &layout::COMPETENCIES, false, found);
    for r in t.rows(found) {
        model.items.push(Competency {
            id: r.get("id").to_owned(),
            name: r.get("name").to_owned(),
            area: r.opt("area"),
            family: r.opt("family"),
            summary: cells::parse_fact(r.get("summary")),
            outcomes: cells::parse_lines(r.get("outcomes")),
            weight: r.parse(found, "weight", cells::parse_number),
            scale: Vec::new(),
            expectations: BTreeMap::new(),
            examples: Vec::new(),
        });
    }
    let index: HashMap<String, usize> = model
        .items
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    let competency_at = |sheet: &str, row: &Row<'_>, found: &mut Found| {
        let id = row.get("competency");
        let i = index.get(id).copied();
        if i.is_none() {
            found.at(
                sheet,
                Some(row.number),
                Some("competency"),
                format!("no competency has the id `{id}` on the Competencies sheet"),
            );
        }
        i
    };

    let t = Table::new(book, &layout::AREAS, false, found);
    model.areas = t
        .rows(found)
        .iter()
        .map(|r| Area {
            id: r.get("id").to_owned(),
            name: r.get("name").to_owned(),
        })
        .collect();

    let t = Table::new(book, &layout::SCALE, false, found);
    for r in t.rows(found) {
        let Some(level) = r.parse(found, "level", cells::parse_level) else {
            continue;
        };
        let step = ScaleLevel {
            level,
            name: r.get("name").to_owned(),
            summary: r.get("summary").to_owned(),
        };
        if r.get("competency").is_empty() {
            model.scale.push(step);
        } else if let Some(i) = competency_at(layout::SCALE.name, &r, found) {
            model.items[i].scale.push(step);
        }
    }

    let t = Table::new(book, &layout::CRITERIA, true, found);
    let mut levels = Vec::new();
    for (header, i) in &t.extra {
        let level = fold(header)
            .strip_prefix("level ")
            .and_then(|n| cells::parse_level(n).ok());
        match level {
            Some(n) => levels.push((n, *i)),
            None => found.at(
                layout::CRITERIA.name,
                Some(t.sheet.map_or(1, |s| s.first_row) + t.header_row),
                Some(header),
                "a column of the matrix is headed `level N` (level 1, level 2…)".to_owned(),
            ),
        }
    }
    for r in t.rows(found) {
        if let Some(c) = competency_at(layout::CRITERIA.name, &r, found) {
            let mut examples: Vec<Example> = Vec::new();
            for &(level, i) in &levels {
                examples.extend(cells::parse_criteria(Table::cell(&r, i), level));
            }
            model.items[c].examples = examples;
        }
    }

    let t = Table::new(book, &layout::EXPECTATIONS, true, found);
    for r in t.rows(found) {
        if let Some(c) = competency_at(layout::EXPECTATIONS.name, &r, found) {
            for (role, i) in &t.extra {
                let cell = Table::cell(&r, *i);
                if cell.is_empty() {
                    continue;
                }
                match cells::parse_level(cell) {
                    Ok(level) => {
                        model.items[c].expectations.insert(role.clone(), level);
                    }
                    Err(m) => found.at(layout::EXPECTATIONS.name, Some(r.number), Some(role), m),
                }
            }
        }
    }
}

/// What the `Tables` sheet may hold: the parts of the file that are not
/// grids, spelled as in the file.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Rest {
    #[serde(default)]
    company_sizes: Vec<CompanySize>,
    #[serde(default)]
    entry_points: Vec<EntryPoint>,
    organisation: Option<Organisation>,
    #[serde(default)]
    benchmarks: Vec<Benchmark>,
    #[serde(default)]
    disagreements: Vec<Disagreement>,
    resolver: Option<ResolverSpec>,
    simulation: Option<SimulationSpec>,
    competencies: Option<RestCompetencies>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RestCompetencies {
    placement: Placement,
}

fn tables(book: &Workbook, ladder: &mut Ladder, found: &mut Found) {
    let t = Table::new(book, &layout::TABLES, false, found);
    for r in t.rows(found) {
        let rest: Rest = match toml::from_str(r.get("toml")) {
            Ok(rest) => rest,
            Err(e) => {
                found.at(
                    layout::TABLES.name,
                    Some(r.number),
                    Some("toml"),
                    format!(
                        "the TOML does not read: {}; write it as in a ladder file (docs/ladder-format.md)",
                        e.message()
                    ),
                );
                continue;
            }
        };
        ladder.company_sizes.extend(rest.company_sizes);
        ladder.entry_points.extend(rest.entry_points);
        ladder.benchmarks.extend(rest.benchmarks);
        ladder.disagreements.extend(rest.disagreements);
        if let Some(o) = rest.organisation {
            ladder.organisation = o;
        }
        if let Some(res) = rest.resolver {
            ladder.resolver = res;
        }
        if let Some(s) = rest.simulation {
            ladder.simulation = s;
        }
        if let Some(c) = rest.competencies {
            ladder.competencies.placement = c.placement;
        }
    }
}
