//! The assessment form: a new self-assessment, a manager's assessment of a
//! report, and editing a draft.
//!
//! Ratings start empty, so submitting at once cannot "meet" a level by
//! default: the browser asks for a choice on every competency before a
//! submission (a draft may be partial), and so does the server. Each
//! competency lists what every level of the scale looks like for it, in the
//! ladder's own words; the chosen one is shown beside the choice. A manager
//! rates with the person's own rating, notes and evidence beside each
//! competency. A form with problems comes back as it was typed, each problem
//! next to its competency.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use ladder_app::assessments::{AssessmentInput, AssessmentView, assessment_from_input};
use ladder_app::growth::{examples_at, level_words};
use ladder_app::review::{Review, ReviewRow};
use ladder_app::{AppError, Problem, Rater};
use ladder_core::Ladder;
use ladder_core::assess::ReadinessCheck;
use ladder_core::model::RoleId;
use ladder_store::model::User;

use crate::auth::SignedIn;
use crate::csrf::CsrfToken;
use crate::error::PageError;
use crate::state::WebState;

/// A level of the scale as one competency describes it.
struct LevelWords {
    level: u8,
    name: String,
    summary: String,
    examples: Vec<String>,
}

struct FormItem {
    id: String,
    name: String,
    summary: String,
    value: Option<u8>,
    evidence: String,
    levels: Vec<LevelWords>,
    /// The person's side, when a manager rates.
    their: Option<ReviewRow>,
    problems: Vec<String>,
}

impl FormItem {
    fn is(&self, level: &u8) -> bool {
        self.value == Some(*level)
    }

    fn chosen(&self) -> Option<&LevelWords> {
        self.value
            .and_then(|v| self.levels.iter().find(|l| l.level == v))
    }
}

/// The readiness criteria of one next move, to tick.
struct CheckGroup {
    to: String,
    title: String,
    items: Vec<CheckItem>,
}

struct CheckItem {
    criterion: String,
    met: bool,
    note: String,
}

/// The checklists of the moves up from `role`, filled from `given`.
fn checklists(ladder: &Ladder, role: &str, given: &[ReadinessCheck]) -> Vec<CheckGroup> {
    let Some(current) = ladder.role(role) else {
        return Vec::new();
    };
    ladder
        .next_roles(role)
        .filter_map(|next| {
            let r = current.readiness_for(next.id.as_str())?;
            let items = r
                .criteria
                .iter()
                .map(|f| {
                    let had = given
                        .iter()
                        .find(|c| c.to == next.id.as_str() && c.criterion == f.text);
                    CheckItem {
                        criterion: f.text.clone(),
                        met: had.is_some_and(|c| c.met),
                        note: had.and_then(|c| c.note.clone()).unwrap_or_default(),
                    }
                })
                .collect();
            Some(CheckGroup {
                to: next.id.to_string(),
                title: next.title.clone(),
                items,
            })
        })
        .collect()
}

struct FormArea {
    name: String,
    items: Vec<FormItem>,
}

#[derive(Template)]
#[template(path = "assess_form.html")]
struct FormPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    heading: String,
    action: String,
    role: String,
    roles: Vec<(String, String)>,
    areas: Vec<FormArea>,
    /// Problems that belong to no competency (the role, the whole form).
    problems: Vec<String>,
    /// How many problems in all.
    problem_count: usize,
    /// The person rated, when a manager rates.
    subject: Option<String>,
    /// The readiness criteria of the moves up from the role.
    checks: Vec<CheckGroup>,
}

/// What the form shows besides the ladder.
#[derive(Default)]
struct FormContext<'a> {
    input: Option<&'a AssessmentInput>,
    problems: Vec<Problem>,
    review: Option<Review>,
}

/// The form for `ladder`, filled with what was typed when given.
fn form_page(
    ladder: &Ladder,
    user: User,
    csrf: &str,
    heading: String,
    action: String,
    cx: FormContext<'_>,
) -> String {
    let m = &ladder.competencies;
    let role = cx
        .input
        .map(|i| i.role.to_string())
        .filter(|r| !r.is_empty())
        .or_else(|| user.ladder_role.clone())
        .unwrap_or_default();
    let mut by_competency: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut general = Vec::new();
    let problem_count = cx.problems.len();
    for p in cx.problems {
        let competency =
            p.at.strip_prefix("ratings.")
                .or_else(|| p.at.strip_prefix("evidence."))
                .filter(|c| m.item(c).is_some());
        match competency {
            Some(c) => by_competency
                .entry(c.to_owned())
                .or_default()
                .push(p.message),
            None if p.at == "role" => general.push(format!("Current role: {}", p.message)),
            None => general.push(p.message),
        }
    }
    let mut their: BTreeMap<String, ReviewRow> = cx
        .review
        .as_ref()
        .map(|r| {
            r.rows
                .iter()
                .map(|row| (row.competency.clone(), row.clone()))
                .collect()
        })
        .unwrap_or_default();
    let areas = m
        .by_area()
        .into_iter()
        .map(|(area, items)| FormArea {
            name: area.map_or_else(
                || {
                    if m.areas.is_empty() {
                        "Competencies"
                    } else {
                        "Other competencies"
                    }
                    .to_owned()
                },
                |a| a.name.clone(),
            ),
            items: items
                .into_iter()
                .map(|c| FormItem {
                    id: c.id.clone(),
                    name: c.name.clone(),
                    summary: c
                        .summary
                        .as_ref()
                        .map(|f| f.text.clone())
                        .unwrap_or_default(),
                    value: cx.input.and_then(|i| i.ratings.get(&c.id).copied()),
                    evidence: cx
                        .input
                        .and_then(|i| i.evidence.get(&c.id).cloned())
                        .unwrap_or_default(),
                    levels: m
                        .scale_of(c)
                        .iter()
                        .map(|s| {
                            let (name, summary) = level_words(ladder, &c.id, s.level);
                            LevelWords {
                                level: s.level,
                                name,
                                summary,
                                examples: examples_at(ladder, &c.id, s.level),
                            }
                        })
                        .collect(),
                    their: their.remove(&c.id),
                    problems: by_competency.remove(&c.id).unwrap_or_default(),
                })
                .collect(),
        })
        .collect();
    let checks = checklists(
        ladder,
        &role,
        cx.input.map_or(&[][..], |i| i.readiness.as_slice()),
    );
    super::render(&FormPage {
        user: Some(user),
        csrf,
        ladder_name: &ladder.ladder.name,
        heading,
        action,
        role,
        roles: ladder
            .roles
            .iter()
            .filter(|r| m.assesses(r.id.as_str()))
            .map(|r| (r.id.to_string(), r.title.clone()))
            .collect(),
        areas,
        problems: general,
        problem_count,
        checks,
        subject: cx.review.map(|r| r.subject.name),
    })
}

/// A submission must rate every competency: the form's own rule (a script
/// through the API may send a partial assessment, which is then what it is).
fn unrated(ladder: &Ladder, input: &AssessmentInput) -> Vec<Problem> {
    if !input.submit {
        return Vec::new();
    }
    ladder
        .competencies
        .items
        .iter()
        .filter(|c| !input.ratings.contains_key(&c.id))
        .map(|c| Problem {
            at: format!("ratings.{}", c.id),
            message: "choose a level before submitting (or save a draft)".into(),
        })
        .collect()
}

/// Where a posted form goes back to when it has problems.
struct Target {
    heading: String,
    action: String,
    /// The person rated, when a manager rates (their side is shown again).
    subject: Option<i64>,
}

/// Checks the form's own rule, stores through `save`, and answers: the
/// assessment's page, or the form again as it was typed, with the problems
/// next to their fields (other errors pass on).
async fn save_and_answer(
    state: &WebState,
    ladder: &Ladder,
    (u, csrf): (User, &str),
    input: &AssessmentInput,
    target: Target,
    save: impl std::future::Future<Output = Result<AssessmentView, AppError>>,
) -> Result<Response, PageError> {
    let mut missing = unrated(ladder, input);
    let result = if missing.is_empty() {
        save.await
    } else {
        // Every problem at once: the ladder's checks too, not only the gaps.
        let checked = assessment_from_input(ladder, "", "-", Rater::Myself, input);
        if let Err(AppError::Invalid { problems, .. }) = checked {
            missing.extend(problems);
        }
        Err(AppError::Invalid {
            summary: format!("the assessment has {} problem(s)", missing.len()),
            problems: missing,
        })
    };
    match result {
        Ok(v) => Ok(Redirect::to(&format!("/assessments/{}", v.id)).into_response()),
        Err(AppError::Invalid { problems, .. }) => {
            let review = match target.subject {
                Some(id) => Some(state.app.review(&u, id).await?),
                None => None,
            };
            let cx = FormContext {
                input: Some(input),
                problems,
                review,
            };
            let html = form_page(ladder, u, csrf, target.heading, target.action, cx);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(html)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

/// `GET /me/assess`.
pub async fn new_form(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
) -> Html<String> {
    let in_force = state.app.ladder();
    Html(form_page(
        &in_force.ladder,
        u,
        &csrf.0,
        "Self-assessment".into(),
        "/me/assess".into(),
        FormContext::default(),
    ))
}

/// `POST /me/assess`.
pub async fn create(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = crate::forms::assessment_fields(&fields)?;
    let ladder = state.app.ladder().ladder.clone();
    let target = Target {
        heading: "Self-assessment".into(),
        action: "/me/assess".into(),
        subject: None,
    };
    let save = state.app.create_assessment(&u, u.id, &input);
    save_and_answer(&state, &ladder, (u.clone(), &csrf.0), &input, target, save).await
}

/// `GET /people/{id}/assess`: the form beside the person's own view.
pub async fn rate_form(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Html<String>, PageError> {
    let subject = state.app.rateable(&u, id).await?;
    let review = state.app.review(&u, id).await?;
    let in_force = state.app.ladder();
    let prefill = review.role.as_deref().map(|role| AssessmentInput {
        role: RoleId::from(role),
        ratings: BTreeMap::new(),
        evidence: BTreeMap::new(),
        readiness: Vec::new(),
        submit: false,
    });
    Ok(Html(form_page(
        &in_force.ladder,
        u,
        &csrf.0,
        format!("Rate {}", subject.name),
        format!("/people/{id}/assess"),
        FormContext {
            input: prefill.as_ref(),
            problems: Vec::new(),
            review: Some(review),
        },
    )))
}

/// `POST /people/{id}/assess`.
pub async fn rate(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let subject = state.app.rateable(&u, id).await?;
    let input = crate::forms::assessment_fields(&fields)?;
    let ladder = state.app.ladder().ladder.clone();
    let target = Target {
        heading: format!("Rate {}", subject.name),
        action: format!("/people/{id}/assess"),
        subject: Some(id),
    };
    let save = state.app.create_assessment(&u, id, &input);
    save_and_answer(&state, &ladder, (u.clone(), &csrf.0), &input, target, save).await
}

/// The form's fields of a stored draft.
fn input_of(v: &AssessmentView) -> AssessmentInput {
    AssessmentInput {
        role: RoleId::from(v.assessment.role.as_str()),
        ratings: v
            .assessment
            .ratings
            .iter()
            .map(|(k, r)| (k.clone(), r.level))
            .collect(),
        evidence: v
            .assessment
            .ratings
            .iter()
            .filter_map(|(k, r)| r.evidence.first().map(|e| (k.clone(), e.clone())))
            .collect(),
        readiness: v.assessment.readiness.clone(),
        submit: false,
    }
}

/// `GET /assessments/{id}/edit`: a draft, in the form.
pub async fn edit_form(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let v = state.app.assessment(&u, id).await?;
    if v.submitted() || v.author_id != u.id {
        // Nothing to edit: the assessment itself is the answer.
        return Ok(Redirect::to(&format!("/assessments/{id}")).into_response());
    }
    let ladder = state.app.ladder_version(v.ladder_id).await?;
    let review = if v.subject_id == u.id {
        None
    } else {
        Some(state.app.review(&u, v.subject_id).await?)
    };
    let input = input_of(&v);
    Ok(Html(form_page(
        &ladder,
        u,
        &csrf.0,
        format!("Draft of {}", v.assessment.date),
        format!("/assessments/{id}"),
        FormContext {
            input: Some(&input),
            problems: Vec::new(),
            review,
        },
    ))
    .into_response())
}

/// `POST /assessments/{id}`: saves or submits a draft.
pub async fn update(
    State(state): State<Arc<WebState>>,
    SignedIn(u): SignedIn,
    Extension(csrf): Extension<CsrfToken>,
    Path(id): Path<i64>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let input = crate::forms::assessment_fields(&fields)?;
    let draft = state.app.assessment(&u, id).await?;
    if draft.submitted() {
        // Submitted twice (a second tab, the back button): it is already done.
        return Ok(Redirect::to(&format!("/assessments/{id}")).into_response());
    }
    // A draft is checked and shown again under the ladder it was started on.
    let ladder = state.app.ladder_version(draft.ladder_id).await?;
    let target = Target {
        heading: format!("Draft of {}", draft.assessment.date),
        action: format!("/assessments/{id}"),
        subject: (draft.subject_id != u.id).then_some(draft.subject_id),
    };
    let save = state.app.update_assessment(&u, id, &input);
    save_and_answer(&state, &ladder, (u.clone(), &csrf.0), &input, target, save).await
}
