//! A person's pages: "My growth" (`/me`) and a manager's view of a report
//! (`/people/{id}`), which are the same page seen from two sides; the
//! side-by-side review of self and manager ratings; and sharing a manager's
//! assessment.
//!
//! The page opens on the next step: the competencies that stand between the
//! person and the closest next role, with what the needed level looks like
//! and the evidence tagged to each. History and evidence follow.

use std::sync::Arc;

use askama::Template;
use axum::Extension;
use axum::extract::{Path, State};
use axum::response::{Html, Redirect};
use ladder_app::assessments::AssessmentView;
use ladder_app::growth::Growth;
use ladder_app::review::Review;
use ladder_render::{HistoryPoint, history_svg};
use ladder_store::model::{Evidence, User};

use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::PageError;
use crate::html::{Titles, rater_words, when};
use crate::state::WebState;

#[derive(Template)]
#[template(path = "me.html")]
struct PersonPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    subject: User,
    own: bool,
    growth: Growth,
    /// The manager's latest assessment the viewer may read, with how many
    /// competencies it rates differently from the person.
    manager: Option<(AssessmentView, usize)>,
    history: Vec<AssessmentView>,
    history_chart: String,
    evidence: Vec<Evidence>,
    competencies: Vec<(String, String)>,
    titles: Titles,
}

impl PersonPage<'_> {
    fn rater(&self, v: &AssessmentView) -> &'static str {
        rater_words(v.rater)
    }

    fn when(&self, ms: &i64) -> String {
        when(ms)
    }
}

async fn person_page(
    state: &WebState,
    viewer: User,
    subject: User,
    csrf: &str,
) -> Result<Html<String>, PageError> {
    let own = viewer.id == subject.id;
    let growth = state.app.growth(&viewer, subject.id).await?;
    let review = state.app.review(&viewer, subject.id).await?;
    let differing = review.differing();
    let history = state.app.assessments_of(&viewer, subject.id).await?;
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
    let page = PersonPage {
        history_chart,
        csrf,
        ladder_name: &in_force.ladder.ladder.name,
        own,
        growth,
        manager: review.manager.map(|m| (m, differing)),
        history,
        evidence: state.app.evidence_of(&viewer, subject.id).await?,
        competencies: in_force
            .ladder
            .competencies
            .items
            .iter()
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect(),
        titles: Titles(in_force.ladder.clone()),
        subject,
        user: Some(viewer),
    };
    Ok(Html(super::render(&page)))
}

/// `GET /me`: my growth.
pub async fn me(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    person_page(&state, u.clone(), u, &csrf.0).await
}

/// `GET /people/{id}`: a report's page (managers above them, admins).
pub async fn person(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    let subject = state.app.report(&u, id).await?;
    person_page(&state, u, subject, &csrf.0).await
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    own: bool,
    r: Review,
    titles: Titles,
}

impl ReviewPage<'_> {
    fn when(&self, ms: &i64) -> String {
        when(ms)
    }
}

async fn review_page(
    state: &WebState,
    viewer: User,
    subject: i64,
    csrf: &str,
) -> Result<Html<String>, PageError> {
    let r = state.app.review(&viewer, subject).await?;
    let in_force = state.app.ladder();
    Ok(Html(super::render(&ReviewPage {
        csrf,
        ladder_name: &in_force.ladder.ladder.name,
        own: viewer.id == subject,
        r,
        titles: Titles(in_force.ladder.clone()),
        user: Some(viewer),
    })))
}

/// `GET /me/review`: my ratings and my manager's, once shared.
pub async fn my_review(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Result<Html<String>, PageError> {
    let id = u.id;
    review_page(&state, u, id, &csrf.0).await
}

/// `GET /people/{id}/review`.
pub async fn person_review(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    state.app.report(&u, id).await?;
    review_page(&state, u, id, &csrf.0).await
}

/// `POST /assessments/{id}/share`.
pub async fn share(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Path(id): Path<i64>,
) -> Result<Redirect, PageError> {
    state.app.share_assessment(&u, id).await?;
    Ok(Redirect::to(&format!("/assessments/{id}")))
}
