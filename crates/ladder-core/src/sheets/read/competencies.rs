//! The Competencies, Areas, Scale, Criteria and Expectations sheets: the
//! competencies, their scales, the matrix of criteria per level and the grid
//! of levels each role expects, joined by competency id.

use std::collections::{BTreeMap, HashMap};

use super::super::Workbook;
use super::super::cells;
use super::super::layout;
use super::table::{Found, Row, Table, fold};
use crate::model::{Area, Competency, Example, Ladder, ScaleLevel};

pub(super) fn competencies(book: &Workbook, ladder: &mut Ladder, found: &mut Found) {
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
