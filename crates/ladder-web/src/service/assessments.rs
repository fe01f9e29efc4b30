//! Assessments: filled from a form or JSON, checked against the ladder in
//! force, stored, and read back with their report under the ladder version
//! they were made against.

use std::collections::BTreeMap;
use std::sync::Arc;

use ladder_core::Ladder;
use ladder_core::assess::{self, Assessment, Rater, Rating, Report};
use ladder_store::model::{AssessmentRow, NewAssessment, User};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::located;
use crate::access;
use crate::error::{Problem, WebError};
use crate::state::AppState;

/// Ratings as a form or a script sends them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct AssessmentInput {
    /// The person's current role (a role id of the ladder).
    pub role: String,
    /// Competency id → level on the ladder's scale.
    pub ratings: BTreeMap<String, u8>,
    /// Competency id → evidence note (optional).
    #[serde(default)]
    pub evidence: BTreeMap<String, String>,
    /// Submit (freeze) now; otherwise keep a draft.
    #[serde(default)]
    pub submit: bool,
}

/// An assessment with everything computed from it.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentView {
    /// The stored row.
    #[serde(flatten)]
    pub row: AssessmentRow,
    /// The ladder version's own label.
    pub ladder_label: String,
    /// The assessment itself.
    pub assessment: Assessment,
    /// Placement, gaps and readiness under the ladder it was made against.
    pub report: Report,
}

/// The assessment `input` describes, checked against `ladder` (version
/// `label`): every problem located by field, or the assessment ready to store.
pub fn assessment_from_input(
    ladder: &Ladder,
    label: &str,
    person: &str,
    rater: Rater,
    input: &AssessmentInput,
) -> Result<Assessment, WebError> {
    let a = Assessment {
        person: person.to_owned(),
        role: input.role.clone(),
        date: crate::clock::today(),
        rater,
        ladder_version: Some(label.to_owned()),
        ratings: input
            .ratings
            .iter()
            .map(|(c, &level)| {
                let note = input
                    .evidence
                    .get(c)
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty());
                (
                    c.clone(),
                    Rating {
                        level,
                        evidence: note.map(|n| vec![n.to_owned()]).unwrap_or_default(),
                    },
                )
            })
            .collect(),
    };
    let problems: Vec<Problem> = assess::check(&a, ladder)
        .iter()
        .filter(|d| d.is_error())
        .map(located)
        .collect();
    if !problems.is_empty() {
        return Err(WebError::Invalid {
            summary: format!("the assessment has {} problem(s)", problems.len()),
            problems,
        });
    }
    Ok(a)
}

/// Stores an assessment of `subject` by `author`: a self-assessment when they
/// are the same person, a manager's otherwise (the author must be above them).
pub async fn create_assessment(
    state: &AppState,
    author: &User,
    subject_id: i64,
    input: &AssessmentInput,
) -> Result<AssessmentRow, WebError> {
    let rater = if author.id == subject_id {
        Rater::Myself
    } else if access::can_rate(state, author, subject_id).await? {
        Rater::Manager
    } else {
        return Err(WebError::NotFound("person"));
    };
    let subject = access::visible_user(state, author, subject_id).await?;
    let site = state.site();
    let a = assessment_from_input(
        &site.ladder,
        &site.version.label,
        &subject.name,
        rater,
        input,
    )?;
    let body = serde_json::to_string(&a).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(state
        .store
        .create_assessment(NewAssessment {
            subject_id,
            author_id: author.id,
            rater: rater.as_str().to_owned(),
            ladder_id: site.version.id,
            ladder_role: a.role.clone(),
            body,
            submit: input.submit,
        })
        .await?)
}

/// Changes a draft (its author only), against the ladder version it started on.
pub async fn update_assessment(
    state: &AppState,
    author: &User,
    id: i64,
    input: &AssessmentInput,
) -> Result<AssessmentRow, WebError> {
    let row = state
        .store
        .assessment(id)
        .await?
        .ok_or(WebError::NotFound("assessment"))?;
    if row.author_id != author.id {
        return Err(if access::can_view(state, author, row.subject_id).await? {
            WebError::Forbidden("only the author of an assessment may change it")
        } else {
            WebError::NotFound("assessment")
        });
    }
    let ladder = state.ladder_version(row.ladder_id).await?;
    let label = state
        .store
        .ladder(row.ladder_id)
        .await?
        .map(|l| l.label)
        .unwrap_or_default();
    let subject = state
        .store
        .user(row.subject_id)
        .await?
        .ok_or(WebError::NotFound("person"))?;
    let rater = if row.rater == "self" {
        Rater::Myself
    } else {
        Rater::Manager
    };
    let a = assessment_from_input(&ladder, &label, &subject.name, rater, input)?;
    let body = serde_json::to_string(&a).map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(state
        .store
        .update_draft(id, &a.role, &body, input.submit, author.id)
        .await?)
}

/// An assessment `viewer` may see, with its report.
pub async fn view_assessment(
    state: &AppState,
    viewer: &User,
    id: i64,
) -> Result<AssessmentView, WebError> {
    let row = state
        .store
        .assessment(id)
        .await?
        .ok_or(WebError::NotFound("assessment"))?;
    if !access::can_view(state, viewer, row.subject_id).await? {
        return Err(WebError::NotFound("assessment"));
    }
    view(state, row).await
}

/// The report of a stored assessment, under the ladder it was made against.
pub async fn view(state: &AppState, row: AssessmentRow) -> Result<AssessmentView, WebError> {
    let ladder = state.ladder_version(row.ladder_id).await?;
    let assessment: Assessment = serde_json::from_str(&row.body)
        .map_err(|e| WebError::Internal(format!("assessment {} is not readable: {e}", row.id)))?;
    let report = assess::report(&ladder, &assessment);
    Ok(AssessmentView {
        ladder_label: assessment.ladder_version.clone().unwrap_or_default(),
        row,
        assessment,
        report,
    })
}

/// The ladder an assessment was made against (for charts and forms).
pub async fn ladder_of(state: &AppState, row: &AssessmentRow) -> Result<Arc<Ladder>, WebError> {
    state.ladder_version(row.ladder_id).await
}

/// A person's assessments that `viewer` may see, oldest first.
pub async fn history(
    state: &AppState,
    viewer: &User,
    subject: i64,
) -> Result<Vec<AssessmentView>, WebError> {
    access::visible_user(state, viewer, subject).await?;
    let mut out = Vec::new();
    for row in state.store.assessments_of(subject).await? {
        out.push(view(state, row).await?);
    }
    Ok(out)
}
