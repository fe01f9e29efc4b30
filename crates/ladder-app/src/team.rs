//! The manager's view: everyone below them (everyone, for an admin), a page
//! at a time, with the latest self and manager placements and where the two
//! disagree.
//!
//! A page costs three small set-based queries whatever the size of the line
//! (the people version, the page's people by id, their latest assessments)
//! once the line is in memory (see `lines`), never one per person.

use std::collections::HashMap;
use std::sync::Arc;

use ladder_core::assess::{self, Rater};
use ladder_store::model::{Access, AssessmentRow, User};
use ladder_store::{Filter, Scope};
use serde::Serialize;

use crate::access::require_manager;
use crate::assessments::AssessmentView;
use crate::ready::ReadyState;
use crate::{App, AppError, Result};

/// Most people on one page.
pub const MAX_PER_PAGE: u32 = 1_000;
/// People on a page when the caller does not say.
pub const DEFAULT_PER_PAGE: u32 = 100;

/// Which page of a list, and how long pages are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1 for the first page.
    pub page: u32,
    /// People per page, 1 to [`MAX_PER_PAGE`].
    pub per_page: u32,
}

impl PageRequest {
    /// A page request from what a caller gave (defaults: page 1, 100 people).
    pub fn new(page: Option<u32>, per_page: Option<u32>) -> Result<PageRequest> {
        let page = page.unwrap_or(1);
        let per_page = per_page.unwrap_or(DEFAULT_PER_PAGE);
        if page == 0 {
            return Err(AppError::BadRequest("page is 0; pages count from 1".into()));
        }
        if !(1..=MAX_PER_PAGE).contains(&per_page) {
            return Err(AppError::BadRequest(format!(
                "limit is {per_page}; use 1 to {MAX_PER_PAGE}"
            )));
        }
        Ok(PageRequest { page, per_page })
    }

    /// This page's part of a whole line.
    pub(crate) fn window<T>(self, line: &[T]) -> &[T] {
        let per = self.per_page as usize;
        let start = (self.page as usize - 1).saturating_mul(per).min(line.len());
        &line[start..start.saturating_add(per).min(line.len())]
    }
}

/// One line of the manager view.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLine {
    /// The person.
    pub user: User,
    /// 1 for direct reports, 2 for their reports, ... (0: seen as admin).
    pub depth: i64,
    /// Their latest submitted self-assessment.
    pub latest_self: Option<AssessmentView>,
    /// Their manager's latest submitted assessment of them.
    pub latest_manager: Option<AssessmentView>,
    /// Where self and manager disagree, largest first (both must exist).
    pub differences: Vec<assess::Disagreement>,
}

/// One person's latest submitted self and manager assessments.
#[derive(Debug, Default)]
pub(crate) struct Latest {
    own: Option<AssessmentView>,
    manager: Option<AssessmentView>,
}

/// A page of the manager view.
#[derive(Debug, Clone, Serialize)]
pub struct TeamPage {
    /// The people of this page.
    pub lines: Vec<ReportLine>,
    /// How many people the whole view has.
    pub total: i64,
    /// This page (from 1).
    pub page: u32,
    /// People per page.
    pub per_page: u32,
}

impl TeamPage {
    /// How many pages the view has (at least 1).
    pub fn pages(&self) -> u32 {
        page_count(self.total, self.per_page)
    }
}

/// How many pages of `per_page` hold `total` people (at least 1).
pub fn page_count(total: i64, per_page: u32) -> u32 {
    let per = i64::from(per_page.max(1));
    u32::try_from(((total + per - 1) / per).max(1)).unwrap_or(u32::MAX)
}

impl App {
    /// Whose people `viewer` sees: their line, or everyone for an admin.
    pub(crate) fn scope_of(viewer: &User) -> Scope {
        if viewer.access == Access::Admin {
            Scope::Everyone { except: viewer.id }
        } else {
            Scope::Below(viewer.id)
        }
    }

    /// A page of the people `viewer` manages (everyone, for an admin), with
    /// their latest placement, readiness and self-versus-manager differences;
    /// only those who pass `filter` and, if given, stand at `ready`.
    pub async fn team(
        &self,
        viewer: &User,
        filter: &Filter,
        ready: Option<ReadyState>,
        request: PageRequest,
    ) -> Result<TeamPage> {
        require_manager(viewer)?;
        let scope = Self::scope_of(viewer);
        let mut line = self.line_of(scope, filter).await?;
        if let Some(want) = ready {
            let states = self.readiness_of_line(scope, filter).await?;
            let state = |id: &i64| states.get(id).copied().unwrap_or(ReadyState::NotAssessed);
            line = Arc::new(
                line.iter()
                    .copied()
                    .filter(|(id, _)| state(id) == want)
                    .collect(),
            );
        }
        let total = i64::try_from(line.len()).unwrap_or(i64::MAX);
        let people = self.store.people_by_ids(request.window(&line)).await?;
        let ids: Vec<i64> = people.iter().map(|p| p.user.id).collect();
        let mut latest = self.latest_by_person(&ids).await?;
        let mut lines = Vec::with_capacity(people.len());
        for p in people {
            let Latest {
                own: latest_self,
                manager: latest_manager,
            } = latest.remove(&p.user.id).unwrap_or_default();
            let differences = match (&latest_self, &latest_manager) {
                (Some(s), Some(m)) => {
                    let ladder = self.ladder_version(m.ladder_id).await?;
                    assess::compare(&ladder, &s.assessment, &m.assessment)
                        .into_iter()
                        .filter(|d| d.difference != 0)
                        .collect()
                }
                _ => Vec::new(),
            };
            lines.push(ReportLine {
                user: p.user,
                depth: p.depth,
                latest_self,
                latest_manager,
                differences,
            });
        }
        Ok(TeamPage {
            lines,
            total,
            page: request.page,
            per_page: request.per_page,
        })
    }

    /// The latest submitted self and manager assessments of these people,
    /// by person, in one query.
    async fn latest_by_person(&self, people: &[i64]) -> Result<HashMap<i64, Latest>> {
        let rows: Vec<AssessmentRow> = self.store.latest_of(people).await?;
        let mut out: HashMap<i64, Latest> = HashMap::new();
        for row in rows {
            let subject = row.subject_id;
            let rater = row.rater;
            let view = self.view(row).await?;
            let entry = out.entry(subject).or_default();
            match rater {
                Rater::Myself => entry.own = Some(view),
                Rater::Manager => entry.manager = Some(view),
                Rater::Peer => {}
            }
        }
        Ok(out)
    }
}
