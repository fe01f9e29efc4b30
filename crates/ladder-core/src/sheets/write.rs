//! Ladder → workbook: every table of the file on its sheet (see
//! [`super::layout`]), in file order, so a person finds their ladder where
//! the layout says and a round trip keeps the order of everything.

use std::collections::BTreeSet;

use serde::Serialize;

use super::cells;
use super::layout::{self, SheetLayout, level_column};
use super::{Sheet, Workbook};
use crate::model::{Competency, Ladder, Placement, ResolverSpec, SimulationSpec};

/// A sheet with its layout's header.
fn sheet(l: &SheetLayout) -> Sheet {
    Sheet::new(
        l.name,
        vec![l.columns.iter().map(|c| (*c).to_owned()).collect()],
    )
}

fn opt(s: Option<&str>) -> String {
    s.unwrap_or_default().to_owned()
}

/// The TOML text of one entry of the `Tables` sheet: `{ key = value }`
/// spelled as the ladder file would.
fn toml_of<T: Serialize>(value: &T) -> String {
    toml::to_string_pretty(value)
        .expect("a ladder's tables serialise")
        .trim_end()
        .to_owned()
}

#[derive(Serialize)]
struct One<'a, T: Serialize> {
    #[serde(flatten)]
    inner: std::collections::BTreeMap<&'a str, T>,
}

/// `[[key]]`/`[key]` text holding `value` under `key`.
fn entry<T: Serialize>(key: &str, value: T) -> String {
    toml_of(&One {
        inner: [(key, value)].into_iter().collect(),
    })
}

#[derive(Serialize)]
struct PlacementOnly<'a> {
    placement: &'a Placement,
}

/// The workbook of a ladder.
pub fn to_workbook(l: &Ladder) -> Workbook {
    let mut meta = sheet(&layout::LADDER);
    meta.rows.push(vec!["name".into(), l.ladder.name.clone()]);
    meta.rows
        .push(vec!["version".into(), l.ladder.version.clone()]);
    if let Some(d) = &l.ladder.description {
        meta.rows.push(vec!["description".into(), d.clone()]);
    }

    let mut families = sheet(&layout::FAMILIES);
    for f in &l.families {
        families.rows.push(vec![
            f.id.clone(),
            f.name.clone(),
            opt(f.summary.as_deref()),
        ]);
    }

    let mut sources = sheet(&layout::SOURCES);
    for s in &l.sources {
        sources.rows.push(vec![
            s.id.clone(),
            s.title.clone(),
            opt(s.author.as_deref()),
            opt(s.file.as_deref()),
            opt(s.url.as_deref()),
        ]);
    }

    let (roles, readiness, pay) = role_sheets(l);

    let mut moves = sheet(&layout::MOVES);
    for t in &l.transitions {
        moves.rows.push(vec![
            t.from.to_string(),
            t.to.to_string(),
            kebab(&t.kind),
            t.years.as_ref().map(cells::range).unwrap_or_default(),
            cells::facts(&t.notes),
        ]);
    }

    Workbook {
        sheets: [
            meta,
            families,
            sources,
            roles,
            readiness,
            moves,
            pay,
            scale_sheet(l),
            areas_sheet(l),
            competencies_sheet(l),
            criteria_sheet(l),
            expectations_sheet(l),
            tables_sheet(l),
        ]
        .into(),
    }
}

/// An enum's name as the file spells it (`product-line`).
fn kebab<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .expect("a unit enum serialises as its name")
}

fn role_sheets(l: &Ladder) -> (Sheet, Sheet, Sheet) {
    let mut roles = sheet(&layout::ROLES);
    let mut readiness = sheet(&layout::READINESS);
    let mut pay = sheet(&layout::PAY);
    for r in &l.roles {
        let ids = |v: &[crate::model::RoleId]| {
            cells::lines(&v.iter().map(ToString::to_string).collect::<Vec<_>>())
        };
        let experience = r.experience.as_ref();
        roles.rows.push(vec![
            r.id.to_string(),
            r.title.clone(),
            opt(r.code.as_deref()),
            opt(r.family.as_deref()),
            kebab(&r.tier),
            kebab(&r.track),
            cells::lines(&r.aliases),
            r.summary.as_ref().map(cells::fact).unwrap_or_default(),
            ids(&r.reports_to),
            ids(&r.manages),
            experience
                .and_then(|e| e.years.as_ref())
                .map(cells::range)
                .unwrap_or_default(),
            experience
                .map(|e| cells::facts(&e.notes))
                .unwrap_or_default(),
            cells::facts(&r.education),
            cells::facts(&r.responsibilities),
            cells::facts(&r.skills),
            cells::facts(&r.job_description_themes),
            cells::facts(&r.notes),
            r.scope
                .as_ref()
                .map(|s| kebab(&s.level))
                .unwrap_or_default(),
            r.scope.as_ref().map(|s| s.text.clone()).unwrap_or_default(),
            r.scope
                .as_ref()
                .map(|s| cells::sources(&s.sources))
                .unwrap_or_default(),
            r.planning_horizon
                .as_ref()
                .map(|h| cells::range(&h.months))
                .unwrap_or_default(),
            r.planning_horizon
                .as_ref()
                .map(|h| h.text.clone())
                .unwrap_or_default(),
            r.planning_horizon
                .as_ref()
                .map(|h| cells::sources(&h.sources))
                .unwrap_or_default(),
            r.salary
                .as_ref()
                .map(|s| cells::range(&s.range))
                .unwrap_or_default(),
            r.salary
                .as_ref()
                .map(|s| s.currency.clone())
                .unwrap_or_default(),
            r.salary
                .as_ref()
                .map(|s| cells::facts(&s.notes))
                .unwrap_or_default(),
        ]);
        for step in &r.readiness {
            readiness.rows.push(vec![
                r.id.to_string(),
                step.to.to_string(),
                cells::facts(&step.criteria),
            ]);
        }
        for band in &r.pay {
            pay.rows.push(vec![
                r.id.to_string(),
                band.zone.clone(),
                band.currency.clone(),
                cells::range(&band.range),
            ]);
        }
    }
    (roles, readiness, pay)
}

fn scale_sheet(l: &Ladder) -> Sheet {
    let mut out = sheet(&layout::SCALE);
    let model = &l.competencies;
    let own = model.items.iter().map(|c| (c.id.as_str(), &c.scale));
    for (competency, scale) in std::iter::once(("", &model.scale)).chain(own) {
        for s in scale {
            out.rows.push(vec![
                competency.to_owned(),
                s.level.to_string(),
                s.name.clone(),
                s.summary.clone(),
            ]);
        }
    }
    out
}

fn areas_sheet(l: &Ladder) -> Sheet {
    let mut out = sheet(&layout::AREAS);
    for a in &l.competencies.areas {
        out.rows.push(vec![a.id.clone(), a.name.clone()]);
    }
    out
}

fn competencies_sheet(l: &Ladder) -> Sheet {
    let mut out = sheet(&layout::COMPETENCIES);
    for c in &l.competencies.items {
        out.rows.push(vec![
            c.id.clone(),
            c.name.clone(),
            opt(c.area.as_deref()),
            opt(c.family.as_deref()),
            c.summary.as_ref().map(cells::fact).unwrap_or_default(),
            cells::lines(&c.outcomes),
            c.weight
                .map(crate::model::format_number)
                .unwrap_or_default(),
        ]);
    }
    out
}

/// Every level any criterion or scale uses, lowest first.
fn matrix_levels(l: &Ladder) -> Vec<u8> {
    let model = &l.competencies;
    let mut levels: BTreeSet<u8> = model.scale.iter().map(|s| s.level).collect();
    for c in &model.items {
        levels.extend(c.scale.iter().map(|s| s.level));
        levels.extend(c.examples.iter().map(|e| e.level));
    }
    levels.into_iter().collect()
}

/// A competency's criteria written at `level` (those carried up from lower
/// levels are written once, at their own level, marked "and above").
fn written_at(c: &Competency, level: u8) -> String {
    cells::criteria(c.examples.iter().filter(|e| e.level == level))
}

fn criteria_sheet(l: &Ladder) -> Sheet {
    let levels = matrix_levels(l);
    let mut header = vec![layout::CRITERIA.columns[0].to_owned()];
    header.extend(levels.iter().map(|&n| level_column(n)));
    let mut rows = vec![header];
    for c in &l.competencies.items {
        let mut row = vec![c.id.clone()];
        row.extend(levels.iter().map(|&n| written_at(c, n)));
        rows.push(row);
    }
    Sheet::new(layout::CRITERIA.name, rows)
}

fn expectations_sheet(l: &Ladder) -> Sheet {
    let mut header = vec![layout::EXPECTATIONS.columns[0].to_owned()];
    header.extend(l.roles.iter().map(|r| r.id.to_string()));
    let mut rows = vec![header];
    for c in &l.competencies.items {
        let mut row = vec![c.id.clone()];
        row.extend(l.roles.iter().map(|r| {
            c.expectations
                .get(r.id.as_str())
                .map(ToString::to_string)
                .unwrap_or_default()
        }));
        rows.push(row);
    }
    // Expectations naming a role the ladder lacks (an error `check` names)
    // would have no column: they are kept in extra columns after the roles.
    let known: BTreeSet<&str> = l.roles.iter().map(|r| r.id.as_str()).collect();
    let strays: BTreeSet<&str> = l
        .competencies
        .items
        .iter()
        .flat_map(|c| c.expectations.keys().map(String::as_str))
        .filter(|id| !known.contains(id))
        .collect();
    for id in strays {
        rows[0].push(id.to_owned());
        for (row, c) in rows[1..].iter_mut().zip(&l.competencies.items) {
            row.push(
                c.expectations
                    .get(id)
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            );
        }
    }
    Sheet::new(layout::EXPECTATIONS.name, rows)
}

fn tables_sheet(l: &Ladder) -> Sheet {
    let mut out = sheet(&layout::TABLES);
    let mut add = |table: &str, toml: String| out.rows.push(vec![table.to_owned(), toml]);
    for c in &l.company_sizes {
        add("company sizes", entry("company_sizes", [c]));
    }
    for e in &l.entry_points {
        add("entry points", entry("entry_points", [e]));
    }
    if l.organisation != crate::model::Organisation::default() {
        add("organisation", entry("organisation", &l.organisation));
    }
    for b in &l.benchmarks {
        add("benchmarks", entry("benchmarks", [b]));
    }
    for d in &l.disagreements {
        add("disagreements", entry("disagreements", [d]));
    }
    if l.resolver != ResolverSpec::default() {
        add("resolver", entry("resolver", &l.resolver));
    }
    if l.simulation != SimulationSpec::default() {
        add("simulation", entry("simulation", &l.simulation));
    }
    if l.competencies.placement != Placement::default() {
        add(
            "placement",
            entry(
                "competencies",
                PlacementOnly {
                    placement: &l.competencies.placement,
                },
            ),
        );
    }
    out
}
