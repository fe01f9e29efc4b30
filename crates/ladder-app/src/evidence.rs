//! Evidence: what someone did, tagged with the competencies it shows, kept
//! beside their assessments. People record their own; they and whoever may
//! see their assessments read it.

use ladder_store::model::{Evidence, NewEvidence, User};
use schemars::JsonSchema;
use serde::Deserialize;

use crate::{App, AppError, Result};

/// Longest evidence text, in bytes.
pub const MAX_EVIDENCE: usize = 10_000;

/// Evidence as a form or a script sends it.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EvidenceInput {
    /// What happened.
    pub text: String,
    /// Competency ids it shows.
    #[serde(default)]
    pub competencies: Vec<String>,
    /// The assessment it supports (one of one's own).
    #[serde(default)]
    pub assessment_id: Option<i64>,
}

impl App {
    /// Checks and stores evidence for oneself.
    pub async fn record_evidence(&self, user: &User, input: EvidenceInput) -> Result<Evidence> {
        let text = input.text.trim();
        if text.is_empty() || text.len() > MAX_EVIDENCE {
            return Err(AppError::BadRequest(format!(
                "evidence text must be 1 to {MAX_EVIDENCE} bytes"
            )));
        }
        let in_force = self.ladder();
        if let Some(bad) = input
            .competencies
            .iter()
            .find(|c| in_force.ladder.competencies.item(c).is_none())
        {
            return Err(AppError::BadRequest(format!(
                "`{bad}` is not a competency of the ladder in force"
            )));
        }
        if let Some(a) = input.assessment_id {
            let row = self
                .store
                .assessment(a)
                .await?
                .ok_or(AppError::NotFound("assessment"))?;
            if row.subject_id != user.id {
                return Err(AppError::NotFound("assessment"));
            }
        }
        Ok(self
            .store
            .add_evidence(NewEvidence {
                user_id: user.id,
                author_id: user.id,
                assessment_id: input.assessment_id,
                text: text.to_owned(),
                competencies: input.competencies,
            })
            .await?)
    }

    /// The evidence of `subject` that `viewer` may see, newest first.
    pub async fn evidence_of(&self, viewer: &User, subject: i64) -> Result<Vec<Evidence>> {
        self.visible_user(viewer, subject).await?;
        Ok(self.store.evidence_of(subject).await?)
    }
}
