//! The heatmap: competency × person, each cell the person's latest rating
//! against what their role expects, for a page of the viewer's line or the
//! whole of it (the CSV export), filtered by role and team.
//!
//! Each person's row comes from their latest submitted manager assessment,
//! or their self-assessment where no manager has rated them (the row says
//! which), measured against the expectations of the ladder in force (the
//! heatmap is about today's bar). Reading 10,000 people is the line (kept
//! in memory, see `lines`) and two set-based queries by id; the stored
//! assessments are read for their ratings only (not their notes), and no
//! report is computed, which is what keeps the export well under a second.

use std::collections::{BTreeMap, HashMap};

use ladder_core::assess::Rater;
use ladder_store::Filter;
use ladder_store::model::{AssessmentRow, User};
use serde::{Deserialize, Serialize};

use crate::access::require_manager;
use crate::team::PageRequest;
use crate::{App, AppError, Result};

/// What the heatmap reads of a stored assessment: its role and levels.
#[derive(Deserialize)]
pub(crate) struct StoredRatings {
    pub(crate) role: String,
    pub(crate) ratings: BTreeMap<String, StoredLevel>,
}

/// One rating's level (its notes are skipped).
#[derive(Deserialize)]
pub(crate) struct StoredLevel {
    pub(crate) level: u8,
}

/// The ratings of a stored assessment.
pub(crate) fn stored_ratings(row: &AssessmentRow) -> Result<StoredRatings> {
    serde_json::from_str(&row.body)
        .map_err(|e| AppError::Internal(format!("assessment {} is not readable: {e}", row.id)))
}

/// One cell: a rating against the role's expectation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cell {
    /// The latest rating.
    pub rating: u8,
    /// What the role expects, if it sets a level.
    pub expected: Option<u8>,
}

impl Cell {
    /// Rating minus expectation, when the role expects a level.
    pub fn delta(&self) -> Option<i16> {
        self.expected.map(|e| i16::from(self.rating) - i16::from(e))
    }
}

/// One person's row.
#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    /// The person's user id.
    pub user_id: i64,
    /// Their name.
    pub name: String,
    /// The role the ratings were made for (none when never assessed).
    pub role: Option<String>,
    /// Whose ratings these are: the manager's, else the person's own.
    pub rater: Option<Rater>,
    /// One cell per competency of [`Heatmap::competencies`]; `None` where
    /// not rated.
    pub cells: Vec<Option<Cell>>,
}

/// The heatmap of a page (or all) of the viewer's line.
#[derive(Debug, Clone, Serialize)]
pub struct Heatmap {
    /// The columns: competency ids and names, in the ladder's order.
    pub competencies: Vec<(String, String)>,
    /// The rows.
    pub rows: Vec<HeatRow>,
    /// How many people pass the filter in the whole line.
    pub total: i64,
}

impl App {
    /// The heatmap of the people `viewer` manages (everyone, for an admin)
    /// that pass `filter`: one page, or everyone when `page` is `None`.
    pub async fn heatmap(
        &self,
        viewer: &User,
        filter: &Filter,
        page: Option<PageRequest>,
    ) -> Result<Heatmap> {
        require_manager(viewer)?;
        let scope = Self::scope_of(viewer);
        let line = self.line_of(scope, filter).await?;
        let total = i64::try_from(line.len()).unwrap_or(i64::MAX);
        let window = page.map_or(&line[..], |p| p.window(&line));
        let people = self.store.people_by_ids(window).await?;
        let ids: Vec<i64> = window.iter().map(|(id, _)| *id).collect();
        let rows = self.store.latest_of(&ids).await?;
        let mut chosen: HashMap<i64, AssessmentRow> = HashMap::with_capacity(people.len());
        for row in rows {
            // A manager's assessment wins over the person's own.
            let keep = match chosen.get(&row.subject_id) {
                None => true,
                Some(held) => held.rater != Rater::Manager && row.rater == Rater::Manager,
            };
            if keep {
                chosen.insert(row.subject_id, row);
            }
        }
        let in_force = self.ladder();
        let ladder = &in_force.ladder;
        let competencies: Vec<(String, String)> = ladder
            .competencies
            .items
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect();
        let mut out = Vec::with_capacity(people.len());
        for p in people {
            let Some(row) = chosen.remove(&p.user.id) else {
                out.push(HeatRow {
                    user_id: p.user.id,
                    name: p.user.name,
                    role: None,
                    rater: None,
                    cells: vec![None; competencies.len()],
                });
                continue;
            };
            let stored = stored_ratings(&row)?;
            let cells = ladder
                .competencies
                .items
                .iter()
                .map(|c| {
                    stored.ratings.get(&c.id).map(|r| Cell {
                        rating: r.level,
                        expected: c.expectations.get(&stored.role).copied(),
                    })
                })
                .collect();
            out.push(HeatRow {
                user_id: p.user.id,
                name: p.user.name,
                role: Some(stored.role),
                rater: Some(row.rater),
                cells,
            });
        }
        Ok(Heatmap {
            competencies,
            rows: out,
            total,
        })
    }
}

impl Heatmap {
    /// The heatmap as CSV for a spreadsheet: a header row, then one row per
    /// person with their rating and the expected level of each competency.
    pub fn to_csv(&self, role_title: impl Fn(&str) -> String) -> Result<Vec<u8>> {
        let mut w = csv::Writer::from_writer(Vec::with_capacity(64 + self.rows.len() * 128));
        let mut header = vec![
            "person".to_owned(),
            "user_id".to_owned(),
            "role".to_owned(),
            "rated_by".to_owned(),
        ];
        for (_, name) in &self.competencies {
            header.push(name.clone());
            header.push(format!("{name} (expected)"));
        }
        let internal = |e: csv::Error| AppError::Internal(format!("writing the CSV: {e}"));
        w.write_record(&header).map_err(internal)?;
        let mut record: Vec<String> = Vec::with_capacity(header.len());
        for row in &self.rows {
            record.clear();
            record.push(ladder_core::roster::spreadsheet_safe(&row.name).into_owned());
            record.push(row.user_id.to_string());
            record.push(row.role.as_deref().map(&role_title).unwrap_or_default());
            record.push(
                match row.rater {
                    Some(Rater::Manager) => "manager",
                    Some(_) => "self",
                    None => "",
                }
                .to_owned(),
            );
            for cell in &row.cells {
                match cell {
                    Some(c) => {
                        record.push(c.rating.to_string());
                        record.push(c.expected.map(|e| e.to_string()).unwrap_or_default());
                    }
                    None => {
                        record.push(String::new());
                        record.push(String::new());
                    }
                }
            }
            w.write_record(&record).map_err(internal)?;
        }
        w.into_inner()
            .map_err(|e| AppError::Internal(format!("writing the CSV: {e}")))
    }
}
