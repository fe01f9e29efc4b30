//! The Roles, Readiness, Pay and Moves sheets: the roles with every field a
//! role has, their readiness steps and pay bands joined to them by id, and
//! the moves between them.

use std::collections::HashMap;

use super::super::Workbook;
use super::super::cells;
use super::super::layout;
use super::table::{Found, Row, Table, named};
use crate::model::{
    Experience, Horizon, PayBand, Readiness, Role, RoleId, SalaryBand, Scope, Transition,
};

fn role_ids(cell: &str) -> Vec<RoleId> {
    cells::parse_lines(cell)
        .into_iter()
        .map(RoleId::new)
        .collect()
}

pub(super) fn roles(book: &Workbook, found: &mut Found) -> Vec<Role> {
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

pub(super) fn moves(book: &Workbook, found: &mut Found) -> Vec<Transition> {
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
