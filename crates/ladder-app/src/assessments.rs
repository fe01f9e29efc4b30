//! Assessments: filled from a form, JSON or a file, checked against the
//! ladder in force, stored (a draft, or submitted and frozen), and read back
//! with their report under the ladder version they were made against.
//!
//! What callers get back is [`AssessmentView`], a structured resource (who,
//! by whom, status, the ratings and the report), never a store row: the
//! store keeps the assessment as one JSON column, which is its own business.

use std::collections::BTreeMap;

use ladder_core::assess::{self, Assessment, Rater, Rating, ReadinessCheck, Report};
use ladder_core::model::RoleId;
use ladder_store::model::{AssessmentRow, NewAssessment, Status, User};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{App, AppError, Problem, Result};

/// Ratings as a form or a script sends them.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessmentInput {
    /// The person's current role (a role id of the ladder).
    pub role: RoleId,
    /// Competency id → level on the ladder's scale.
    pub ratings: BTreeMap<String, u8>,
    /// Competency id → evidence note (optional).
    #[serde(default)]
    pub evidence: BTreeMap<String, String>,
    /// The readiness criteria of the next moves, ticked met or not, with a
    /// note (optional; only criteria of a next role of `role`).
    #[serde(default)]
    pub readiness: Vec<ReadinessCheck>,
    /// Submit (freeze) now; otherwise keep a draft.
    #[serde(default)]
    pub submit: bool,
}

/// An assessment with everything computed from it: the resource the API
/// returns and the pages show.
#[derive(Debug, Clone, Serialize)]
pub struct AssessmentView {
    /// Its id.
    pub id: i64,
    /// Who is assessed (a user id).
    pub subject_id: i64,
    /// Who filled it (a user id).
    pub author_id: i64,
    /// Self or manager.
    pub rater: Rater,
    /// Draft or submitted (frozen).
    pub status: Status,
    /// The ladder version it was made against.
    pub ladder_id: i64,
    /// That version's own label.
    pub ladder_label: String,
    /// When it was made (Unix ms).
    pub created_at: i64,
    /// When it last changed (Unix ms).
    pub updated_at: i64,
    /// When it was submitted (Unix ms).
    pub submitted_at: Option<i64>,
    /// When the author shared it with the person assessed (Unix ms); a
    /// manager's assessment is theirs alone until then.
    pub shared_at: Option<i64>,
    /// The assessment itself: role, date and the rating of each competency.
    pub assessment: Assessment,
    /// Placement, gaps and readiness under the ladder it was made against.
    pub report: Report,
}

impl AssessmentView {
    /// Whether it is submitted (and so frozen).
    pub fn submitted(&self) -> bool {
        self.status == Status::Submitted
    }
}

/// The assessment `input` describes, checked against `ladder` (version
/// `label`): every problem located by field, or the assessment to store.
/// Pure (no store), so the fuzz target can drive it.
pub fn assessment_from_input(
    ladder: &ladder_core::Ladder,
    label: &str,
    person: &str,
    rater: Rater,
    input: &AssessmentInput,
) -> Result<Assessment> {
    let a = Assessment {
        person: person.to_owned(),
        role: input.role.to_string(),
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
        readiness: input
            .readiness
            .iter()
            .map(|c| ReadinessCheck {
                note: c
                    .note
                    .as_deref()
                    .map(str::trim)
                    .filter(|n| !n.is_empty())
                    .map(str::to_owned),
                ..c.clone()
            })
            .collect(),
    };
    let mut problems: Vec<Problem> = assess::check(&a, ladder)
        .iter()
        .filter(|d| d.is_error())
        .map(Problem::from_diagnostic)
        .collect();
    problems.extend(input_problems(input));
    if !problems.is_empty() {
        return Err(AppError::Invalid {
            summary: format!("the assessment has {} problem(s)", problems.len()),
            problems,
        });
    }
    Ok(a)
}

impl App {
    /// Stores an assessment of `subject_id` by `author`: a self-assessment
    /// when they are the same person, a manager's otherwise (the author must
    /// be above them in the reporting line, or an admin).
    pub async fn create_assessment(
        &self,
        author: &User,
        subject_id: i64,
        input: &AssessmentInput,
    ) -> Result<AssessmentView> {
        let rater = if author.id == subject_id {
            Rater::Myself
        } else if self.can_rate(author, subject_id).await? {
            Rater::Manager
        } else {
            return Err(AppError::NotFound("person"));
        };
        let subject = self.visible_user(author, subject_id).await?;
        let in_force = self.ladder();
        let a = assessment_from_input(
            &in_force.ladder,
            &in_force.version.label,
            &subject.name,
            rater,
            input,
        )?;
        let row = self
            .store
            .create_assessment(NewAssessment {
                subject_id,
                author_id: author.id,
                rater,
                ladder_id: in_force.version.id,
                ladder_role: a.role.clone(),
                body: body_of(&a)?,
                submit: input.submit,
            })
            .await?;
        self.view(row).await
    }

    /// Changes or submits a draft (its author only), against the ladder
    /// version it was started on.
    pub async fn update_assessment(
        &self,
        author: &User,
        id: i64,
        input: &AssessmentInput,
    ) -> Result<AssessmentView> {
        let row = self
            .store
            .assessment(id)
            .await?
            .ok_or(AppError::NotFound("assessment"))?;
        if row.author_id != author.id {
            return Err(if self.can_view(author, row.subject_id).await? {
                AppError::Forbidden("only the author of an assessment may change it")
            } else {
                AppError::NotFound("assessment")
            });
        }
        if row.status == Status::Submitted {
            return Err(ladder_store::StoreError::Frozen(id).into());
        }
        let ladder = self.ladder_version(row.ladder_id).await?;
        let label = self
            .store
            .ladder(row.ladder_id)
            .await?
            .map(|l| l.label)
            .unwrap_or_default();
        let subject = self
            .store
            .user(row.subject_id)
            .await?
            .ok_or(AppError::NotFound("person"))?;
        let a = assessment_from_input(&ladder, &label, &subject.name, row.rater, input)?;
        let row = self
            .store
            .update_draft(id, &a.role, &body_of(&a)?, input.submit, author.id)
            .await?;
        self.view(row).await
    }

    /// An assessment `viewer` may see, with its report.
    pub async fn assessment(&self, viewer: &User, id: i64) -> Result<AssessmentView> {
        let row = self
            .store
            .assessment(id)
            .await?
            .ok_or(AppError::NotFound("assessment"))?;
        if !crate::access::may_read(viewer, &row) || !self.can_view(viewer, row.subject_id).await? {
            return Err(AppError::NotFound("assessment"));
        }
        self.view(row).await
    }

    /// A person's assessments that `viewer` may see, oldest first (others'
    /// drafts and a manager's unshared ratings left out).
    pub async fn assessments_of(&self, viewer: &User, subject: i64) -> Result<Vec<AssessmentView>> {
        self.visible_user(viewer, subject).await?;
        let mut out = Vec::new();
        for row in self.store.assessments_of(subject).await? {
            if crate::access::may_read(viewer, &row) {
                out.push(self.view(row).await?);
            }
        }
        Ok(out)
    }

    /// Shares a submitted manager assessment with the person assessed (its
    /// author only); sharing again changes nothing.
    pub async fn share_assessment(&self, viewer: &User, id: i64) -> Result<AssessmentView> {
        let row = self
            .store
            .assessment(id)
            .await?
            .ok_or(AppError::NotFound("assessment"))?;
        if row.author_id != viewer.id {
            let seen = crate::access::may_read(viewer, &row)
                && self.can_view(viewer, row.subject_id).await?;
            return Err(if seen {
                AppError::Forbidden("only the author of an assessment may share it")
            } else {
                AppError::NotFound("assessment")
            });
        }
        if row.rater != Rater::Manager {
            return Err(AppError::BadRequest(
                "only a manager's assessment is shared; the person assessed already sees their own"
                    .into(),
            ));
        }
        self.store.share_assessment(id, viewer.id).await?;
        let row = self
            .store
            .assessment(id)
            .await?
            .ok_or(AppError::NotFound("assessment"))?;
        self.view(row).await
    }

    /// The latest submitted assessment of `subject` by `rater` (the caller
    /// has checked that the viewer may see the subject).
    pub(crate) async fn latest(
        &self,
        subject: i64,
        rater: Rater,
    ) -> Result<Option<AssessmentView>> {
        match self.store.latest_submitted(subject, rater).await? {
            Some(row) => Ok(Some(self.view(row).await?)),
            None => Ok(None),
        }
    }

    /// One's own latest submitted self-assessment.
    pub async fn my_latest(&self, user: &User) -> Result<Option<AssessmentView>> {
        self.latest(user.id, Rater::Myself).await
    }

    /// The report of a stored assessment, under the ladder it was made against.
    pub(crate) async fn view(&self, row: AssessmentRow) -> Result<AssessmentView> {
        let ladder = self.ladder_version(row.ladder_id).await?;
        let assessment: Assessment = serde_json::from_str(&row.body).map_err(|e| {
            AppError::Internal(format!("assessment {} is not readable: {e}", row.id))
        })?;
        let report = assess::report(&ladder, &assessment);
        Ok(AssessmentView {
            id: row.id,
            subject_id: row.subject_id,
            author_id: row.author_id,
            rater: row.rater,
            status: row.status,
            ladder_id: row.ladder_id,
            ladder_label: assessment.ladder_version.clone().unwrap_or_default(),
            created_at: row.created_at,
            updated_at: row.updated_at,
            submitted_at: row.submitted_at,
            shared_at: row.shared_at,
            assessment,
            report,
        })
    }
}

/// Longest evidence note on one rating, in bytes (the same as a piece of
/// evidence recorded on its own).
pub const MAX_NOTE: usize = crate::evidence::MAX_EVIDENCE;

/// What the ladder check cannot see: notes for competencies that were not
/// rated (they would be dropped without a word), notes longer than
/// [`MAX_NOTE`], and a submission with no rating at all (a frozen, empty
/// assessment helps nobody).
fn input_problems(input: &AssessmentInput) -> Vec<Problem> {
    let mut out = Vec::new();
    for (c, note) in &input.evidence {
        if !input.ratings.contains_key(c) && !note.trim().is_empty() {
            out.push(Problem {
                at: format!("evidence.{c}"),
                message: format!(
                    "a note for `{c}`, which has no rating here; rate it or leave the note out"
                ),
            });
        }
        if note.len() > MAX_NOTE {
            out.push(Problem {
                at: format!("evidence.{c}"),
                message: format!(
                    "the note is {} bytes; shorten it to {MAX_NOTE} or record it as evidence",
                    note.len()
                ),
            });
        }
    }
    for (i, c) in input.readiness.iter().enumerate() {
        if c.note.as_ref().is_some_and(|n| n.len() > MAX_NOTE) {
            out.push(Problem {
                at: format!("readiness[{i}].note"),
                message: format!("the note is longer than {MAX_NOTE} bytes; shorten it"),
            });
        }
    }
    if input.submit && input.ratings.is_empty() {
        out.push(Problem {
            at: "ratings".into(),
            message: "rate at least one competency before submitting; save a draft meanwhile"
                .into(),
        });
    }
    out
}

fn body_of(a: &Assessment) -> Result<String> {
    serde_json::to_string(a).map_err(|e| AppError::Internal(e.to_string()))
}
