//! Assessment pages: one assessment's report (with sharing, for a
//! manager's), the manager's view of their reports and calibration. A
//! person's own page is `growth`; the form is `assess_form`.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use ladder_app::Rater;
use ladder_app::assessments::AssessmentView;
use ladder_app::calibration::Calibration;
use ladder_app::team::{PageRequest, ReportLine, TeamPage};
use ladder_core::Ladder;
use ladder_core::assess::Levels;
use ladder_render::{Outline, radar_svg};
use ladder_store::model::{Access, User};
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::PageError;
use crate::html::{Titles, rater_words, when};
use crate::state::WebState;

/// The radar chart of a viewed assessment: ratings against the current and
/// the first next role.
fn radar(ladder: &Ladder, v: &AssessmentView) -> String {
    let levels: Levels = ladder_core::assess::levels(ladder, &v.assessment);
    let mut outlines = vec![Outline {
        role: &v.assessment.role,
        class: "current",
    }];
    if let Some(n) = v.report.next.first() {
        outlines.push(Outline {
            role: &n.role,
            class: "next",
        });
    }
    radar_svg(ladder, &levels, &outlines)
}

#[derive(Template)]
#[template(path = "assessment.html")]
struct ShowPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    v: AssessmentView,
    radar: String,
    editable: bool,
    /// The author may share it (a submitted manager assessment, not yet shared).
    shareable: bool,
    /// The author sees who it is shared with.
    mine: bool,
    subject_name: String,
    titles: Titles,
}

impl ShowPage<'_> {
    fn rater(&self) -> &'static str {
        rater_words(self.v.rater)
    }

    fn when(&self, ms: &i64) -> String {
        when(ms)
    }
}

/// `GET /assessments/{id}`.
pub async fn show(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    let v = state.app.assessment(&u, id).await?;
    let ladder = state.app.ladder_version(v.ladder_id).await?;
    let name = ladder.ladder.name.clone();
    let mine = v.author_id == u.id;
    let page = ShowPage {
        radar: radar(&ladder, &v),
        editable: !v.submitted() && mine,
        shareable: mine && v.submitted() && v.rater == Rater::Manager && v.shared_at.is_none(),
        mine,
        subject_name: v.report.person.clone(),
        titles: Titles(ladder.clone()),
        csrf: &csrf.0,
        ladder_name: &name,
        v,
        user: Some(u),
    };
    Ok(Html(super::render(&page)))
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamView<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    everyone: bool,
    page: TeamPage,
    titles: Titles,
}

impl TeamView<'_> {
    fn title(&self, id: &str) -> String {
        self.titles.role(id)
    }

    /// The next roles the latest self-assessment qualifies for, by title.
    fn ready_for(&self, line: &ReportLine) -> String {
        let ready: Vec<&str> = line
            .latest_self
            .iter()
            .flat_map(|s| &s.report.next)
            .filter(|n| n.ready)
            .map(|n| n.title.as_str())
            .collect();
        if ready.is_empty() {
            "–".to_owned()
        } else {
            ready.join(", ")
        }
    }
}

/// The `page` query parameter.
#[derive(Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<u32>,
}

/// `GET /team?page=`: a page of 100 people.
pub async fn team(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(q): Query<PageQuery>,
) -> Result<Html<String>, PageError> {
    let request = PageRequest::new(q.page, None)?;
    let page = state.app.team(&u, request).await?;
    let in_force = state.app.ladder();
    Ok(Html(super::render(&TeamView {
        everyone: u.access == Access::Admin,
        user: Some(u),
        csrf: &csrf.0,
        ladder_name: &in_force.ladder.ladder.name,
        page,
        titles: Titles(in_force.ladder.clone()),
    })))
}

#[derive(Template)]
#[template(path = "calibration.html")]
struct CalibrationView<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    c: Calibration,
    titles: Titles,
}

impl CalibrationView<'_> {
    fn title(&self, id: &str) -> String {
        self.titles.role(id)
    }
}

/// `GET /team/calibration`.
pub async fn calibration(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    let c = state.app.calibration(&u).await?;
    let in_force = state.app.ladder();
    Ok(Html(super::render(&CalibrationView {
        user: Some(u),
        csrf: &csrf.0,
        ladder_name: &in_force.ladder.ladder.name,
        c,
        titles: Titles(in_force.ladder.clone()),
    })))
}
