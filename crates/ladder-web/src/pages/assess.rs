//! Assessment pages: my page (latest placement, radar chart, history,
//! evidence, tokens, password), a report's page, one assessment's report,
//! and the manager's view of their reports. The form is `assess_form`.

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
use ladder_render::{HistoryPoint, Outline, history_svg, radar_svg};
use ladder_store::model::{Access, ApiToken, Evidence, User};
use serde::Deserialize;

use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::PageError;
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
#[template(path = "me.html")]
struct MePage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    subject: User,
    own: bool,
    latest: Option<AssessmentView>,
    latest_radar: String,
    history: Vec<AssessmentView>,
    history_chart: String,
    evidence: Vec<Evidence>,
    competencies: Vec<(String, String)>,
    tokens: Vec<ApiToken>,
    new_token: Option<String>,
}

async fn person_page(
    state: &WebState,
    viewer: User,
    subject: User,
    csrf: &str,
    new_token: Option<String>,
) -> Result<Html<String>, PageError> {
    let own = viewer.id == subject.id;
    let history = state.app.assessments_of(&viewer, subject.id).await?;
    let latest = history
        .iter()
        .rev()
        .find(|v| v.rater == Rater::Myself && v.submitted())
        .cloned();
    let latest_radar = match &latest {
        Some(v) => radar(&*state.app.ladder_version(v.ladder_id).await?, v),
        None => String::new(),
    };
    let in_force = state.app.ladder();
    let points: Vec<HistoryPoint<'_>> = history
        .iter()
        .filter(|v| v.submitted())
        .map(|v| HistoryPoint {
            date: &v.assessment.date,
            rater: v.rater,
            placement: v.report.placement.as_deref(),
        })
        .collect();
    let history_chart = history_svg(&in_force.ladder, &points);
    let page = MePage {
        history_chart,
        csrf,
        ladder_name: &in_force.ladder.ladder.name,
        own,
        latest,
        latest_radar,
        history,
        evidence: state.app.evidence_of(&viewer, subject.id).await?,
        competencies: in_force
            .ladder
            .competencies
            .items
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect(),
        tokens: if own {
            state.app.tokens(&viewer).await?
        } else {
            Vec::new()
        },
        new_token,
        subject,
        user: Some(viewer),
    };
    Ok(Html(super::render(&page)))
}

/// My page, optionally showing a token just made.
pub async fn me_page(
    state: &WebState,
    u: User,
    csrf: &str,
    new_token: Option<String>,
) -> Result<Html<String>, PageError> {
    person_page(state, u.clone(), u, csrf, new_token).await
}

/// `GET /me`.
pub async fn me(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    me_page(&state, u, &csrf.0, None).await
}

/// `GET /people/{id}`: a report's page (managers above them, admins).
pub async fn person(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    let subject = state.app.report(&u, id).await?;
    person_page(&state, u, subject, &csrf.0, None).await
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
    let page = ShowPage {
        radar: radar(&ladder, &v),
        editable: !v.submitted() && v.author_id == u.id,
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
    titles: RoleTitles,
}

impl TeamView<'_> {
    fn title(&self, id: &str) -> String {
        self.titles.of(id)
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

/// Role titles by id, so pages show "Senior Product Manager", not its id
/// ("none", a placement below every role, reads as such).
struct RoleTitles(Arc<Ladder>);

impl RoleTitles {
    fn of(&self, id: &str) -> String {
        match id {
            "none" => "below every role".to_owned(),
            _ => crate::html::role_title(&self.0, id),
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
        titles: RoleTitles(in_force.ladder.clone()),
    })))
}

#[derive(Template)]
#[template(path = "calibration.html")]
struct CalibrationView<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    c: Calibration,
    titles: RoleTitles,
}

impl CalibrationView<'_> {
    fn title(&self, id: &str) -> String {
        self.titles.of(id)
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
        titles: RoleTitles(in_force.ladder.clone()),
    })))
}
