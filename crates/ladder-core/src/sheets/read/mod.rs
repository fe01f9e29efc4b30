//! Workbook → ladder. Each sheet's header row is matched to its layout
//! (case and `_`/`-`/space do not matter, order is free); a column the
//! layout does not know, a required column that is missing or blank, and a
//! cell that does not read are errors placed by sheet, row and column.
//! Reading goes on after an error so one pass lists every problem; the
//! ladder is returned only when there are none, and `ladder check`'s
//! validation then runs on it like on any file.

mod competencies;
mod roles;
mod table;

use serde::Deserialize;

use super::layout;
use super::{SheetErrors, Workbook};
use crate::model::{
    Benchmark, CompanySize, Disagreement, EntryPoint, FORMAT_VERSION, Family, Ladder, Meta,
    Organisation, Placement, ResolverSpec, SimulationSpec, Source,
};
use table::{Found, Table, fold};

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
    let mut ladder = Ladder {
        ladder: meta(book, &mut found),
        families: families(book, &mut found),
        sources: sources(book, &mut found),
        roles: roles::roles(book, &mut found),
        transitions: roles::moves(book, &mut found),
        company_sizes: Vec::new(),
        entry_points: Vec::new(),
        organisation: Organisation::default(),
        benchmarks: Vec::new(),
        disagreements: Vec::new(),
        resolver: ResolverSpec::default(),
        simulation: SimulationSpec::default(),
        competencies: crate::model::CompetencyModel::default(),
    };
    competencies::competencies(book, &mut ladder, &mut found);
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
