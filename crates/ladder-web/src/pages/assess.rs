//! Assessment pages: one assessment's report (with sharing, for a
//! manager's), the manager's view of their reports and calibration. A
//! person's own page is `growth`; the form is `assess_form`.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use ladder_app::Rater;
use ladder_app::assessments::AssessmentView;
use ladder_app::calibration::{Calibration, ManagerCalibration};
use ladder_app::heatmap::{Cell, Heatmap};
use ladder_app::ready::ReadyState;
use ladder_app::team::{PageRequest, ReportLine, TeamPage};
use ladder_core::Ladder;
use ladder_core::assess::Levels;
use ladder_render::{Outline, radar_svg};
use ladder_store::model::{Access, User};

use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::PageError;
use crate::html::{Titles, rater_words, when};
use crate::line_query::LineQuery;
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

/// The filter form of the line's views: its choices and what was chosen.
pub(crate) struct FilterForm {
    roles: Vec<(String, String)>,
    teams: Vec<(String, String)>,
    /// Readiness choices (the team view's only): (query value, label).
    readiness: Vec<(&'static str, &'static str)>,
    role: String,
    team: String,
    ready: String,
    /// This view's filter as a query suffix for its paging links.
    suffix: String,
    /// The people part of the filter, for the links to the other views.
    people_suffix: String,
}

impl FilterForm {
    /// The form of a view; `with_ready` offers the readiness filter too.
    pub(crate) async fn new(
        state: &WebState,
        u: &User,
        q: &LineQuery,
        with_ready: bool,
    ) -> Result<Self, PageError> {
        let in_force = state.app.ladder();
        Ok(FilterForm {
            roles: crate::html::role_choices(&in_force.ladder),
            teams: state
                .app
                .team_names(u)
                .await?
                .into_iter()
                .map(|t| (t.id.to_string(), t.name))
                .collect(),
            readiness: if with_ready {
                ReadyState::ALL
                    .iter()
                    .map(|r| (r.as_str(), r.label()))
                    .collect()
            } else {
                Vec::new()
            },
            role: q.role.trim().to_owned(),
            team: q.team.trim().to_owned(),
            ready: if with_ready {
                q.ready.trim().to_owned()
            } else {
                String::new()
            },
            suffix: if with_ready {
                q.filter_suffix()
            } else {
                q.people_suffix()
            },
            people_suffix: q.people_suffix(),
        })
    }

    fn active(&self) -> bool {
        !self.role.is_empty() || !self.team.is_empty() || !self.ready.is_empty()
    }
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
    filter: FilterForm,
    action: &'static str,
}

impl TeamView<'_> {
    fn title(&self, id: &str) -> String {
        self.titles.role(id)
    }

    /// Each next role by the manager's latest assessment (the person's own
    /// where there is none): ready, or how many competencies are short and
    /// which.
    fn readiness(&self, line: &ReportLine) -> Vec<(String, bool, String)> {
        line.latest_manager
            .as_ref()
            .or(line.latest_self.as_ref())
            .into_iter()
            .flat_map(|s| &s.report.next)
            .map(|n| {
                let short: Vec<&str> = n
                    .gaps
                    .iter()
                    .filter(|g| g.delta < 0)
                    .map(|g| g.name.as_str())
                    .collect();
                let why = if n.ready {
                    String::new()
                } else {
                    short_of(&short)
                };
                (n.title.clone(), n.ready, why)
            })
            .collect()
    }
}

/// "3 short: A, B, C"; past three names, "10 short: A, B, C and 7 more"
/// (the person's page lists them all).
fn short_of(names: &[&str]) -> String {
    const SHOWN: usize = 3;
    if names.len() <= SHOWN {
        format!("{} short: {}", names.len(), names.join(", "))
    } else {
        format!(
            "{} short: {} and {} more",
            names.len(),
            names[..SHOWN].join(", "),
            names.len() - SHOWN
        )
    }
}

/// `GET /team?page=&role=&team=&ready=`: a page of 100 people.
pub async fn team(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(q): Query<LineQuery>,
) -> Result<Html<String>, PageError> {
    let request = PageRequest::new(q.page, None)?;
    let page = state
        .app
        .team(&u, &q.filter()?, q.ready()?, request)
        .await?;
    let filter = FilterForm::new(&state, &u, &q, true).await?;
    let in_force = state.app.ladder();
    Ok(Html(super::render(&TeamView {
        everyone: u.access == Access::Admin,
        user: Some(u),
        csrf: &csrf.0,
        ladder_name: &in_force.ladder.ladder.name,
        page,
        titles: Titles(in_force.ladder.clone()),
        filter,
        action: "/team",
    })))
}

#[derive(Template)]
#[template(path = "heatmap.html")]
struct HeatmapView<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    map: Heatmap,
    page: u32,
    pages: u32,
    titles: Titles,
    filter: FilterForm,
    action: &'static str,
}

impl HeatmapView<'_> {
    fn cell_class(&self, cell: &Option<Cell>) -> &'static str {
        match cell.and_then(|c| c.delta()) {
            None => "cell dnone",
            Some(d) if d <= -2 => "cell d-2",
            Some(-1) => "cell d-1",
            Some(0) => "cell d0",
            Some(1) => "cell d1",
            Some(_) => "cell d2",
        }
    }

    fn cell_text(&self, cell: &Option<Cell>) -> String {
        match cell.and_then(|c| c.delta()) {
            None => "–".to_owned(),
            Some(d) if d > 0 => format!("+{d}"),
            Some(d) => d.to_string(),
        }
    }

    fn cell_label(&self, cell: &Option<Cell>) -> String {
        match cell {
            None => "not rated".to_owned(),
            Some(c) => match c.expected {
                Some(e) => format!("rated {}, expected {e}", c.rating),
                None => format!("rated {}, no expectation", c.rating),
            },
        }
    }
}

/// `GET /team/heatmap?page=&role=&team=`: competency × person, 100 at a time.
pub async fn heatmap(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(q): Query<LineQuery>,
) -> Result<Html<String>, PageError> {
    let request = PageRequest::new(q.page, None)?;
    let map = state.app.heatmap(&u, &q.filter()?, Some(request)).await?;
    let filter = FilterForm::new(&state, &u, &q, false).await?;
    let pages = ladder_app::team::page_count(map.total, request.per_page);
    let in_force = state.app.ladder();
    Ok(Html(super::render(&HeatmapView {
        user: Some(u),
        csrf: &csrf.0,
        ladder_name: &in_force.ladder.ladder.name,
        map,
        page: request.page,
        pages,
        titles: Titles(in_force.ladder.clone()),
        filter,
        action: "/team/heatmap",
    })))
}

/// `GET /team/heatmap.csv?role=&team=`: the whole line's heatmap for a
/// spreadsheet (with a session or an API token).
pub async fn heatmap_csv(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Query(q): Query<LineQuery>,
) -> Result<Response, PageError> {
    let map = state.app.heatmap(&u, &q.filter()?, None).await?;
    let titles = Titles(state.app.ladder().ladder.clone());
    let csv = map.to_csv(|id| titles.role(id))?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"heatmap.csv\"",
            ),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        csv,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "calibration.html")]
struct CalibrationView<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    c: Calibration,
    titles: Titles,
    filter: FilterForm,
    action: &'static str,
}

impl CalibrationView<'_> {
    fn title(&self, id: &str) -> String {
        self.titles.role(id)
    }

    /// A manager's leniency against the line's: how much more (or less)
    /// generous than the average manager, in levels.
    fn against(&self, m: &ManagerCalibration) -> String {
        match (m.mean_difference, self.c.org_mean_difference) {
            (Some(mine), Some(org)) => {
                let d = ((mine - org) * 100.0).round() / 100.0;
                if d > 0.0 {
                    format!("+{d} (more generous)")
                } else if d < 0.0 {
                    format!("{d} (stricter)")
                } else {
                    "as the line".to_owned()
                }
            }
            _ => "–".to_owned(),
        }
    }
}

/// `GET /team/calibration?role=&team=`.
pub async fn calibration(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Query(q): Query<LineQuery>,
) -> Result<Html<String>, PageError> {
    let c = state.app.calibration(&u, &q.filter()?).await?;
    let filter = FilterForm::new(&state, &u, &q, false).await?;
    let in_force = state.app.ladder();
    Ok(Html(super::render(&CalibrationView {
        user: Some(u),
        csrf: &csrf.0,
        ladder_name: &in_force.ladder.ladder.name,
        c,
        titles: Titles(in_force.ladder.clone()),
        filter,
        action: "/team/calibration",
    })))
}
