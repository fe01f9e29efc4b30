//! Assessments and evidence.
//!
//! A draft may change; a submitted assessment is frozen (the update query
//! only touches drafts, and a trigger in each dialect refuses the rest) and
//! keeps the ladder version it was made against.

use async_trait::async_trait;

use crate::error::Result;
use crate::model::{AssessmentRow, Evidence, NewAssessment, NewEvidence};

/// Assessments and evidence.
#[async_trait]
pub trait AssessmentStore: Send + Sync {
    /// Stores an assessment (a draft, or submitted at once).
    async fn create_assessment(&self, new: NewAssessment) -> Result<AssessmentRow>;
    /// Changes a draft's role and body, and submits it if asked. Fails with
    /// [`crate::StoreError::Frozen`] once submitted.
    async fn update_draft(
        &self,
        id: i64,
        ladder_role: &str,
        body: &str,
        submit: bool,
        actor: i64,
    ) -> Result<AssessmentRow>;
    /// One assessment.
    async fn assessment(&self, id: i64) -> Result<Option<AssessmentRow>>;
    /// Everything about one person, oldest first.
    async fn assessments_of(&self, subject: i64) -> Result<Vec<AssessmentRow>>;
    /// The newest submitted assessment of a person by a kind of rater.
    async fn latest_submitted(
        &self,
        subject: i64,
        rater: ladder_core::assess::Rater,
    ) -> Result<Option<AssessmentRow>>;
    /// Stores evidence with its competency tags.
    async fn add_evidence(&self, new: NewEvidence) -> Result<Evidence>;
    /// A person's evidence, newest first.
    async fn evidence_of(&self, user: i64) -> Result<Vec<Evidence>>;
}

macro_rules! assessment_columns {
    () => {
        "id, subject_id, author_id, rater, ladder_id, ladder_role, body, status, created_at, updated_at, submitted_at"
    };
}
pub(crate) use assessment_columns;

/// An evidence row before its tags are attached.
#[derive(sqlx::FromRow)]
pub(crate) struct EvidenceRow {
    pub id: i64,
    pub user_id: i64,
    pub author_id: i64,
    pub assessment_id: Option<i64>,
    pub text: String,
    pub created_at: i64,
}

impl EvidenceRow {
    pub(crate) fn with(self, competencies: Vec<String>) -> Evidence {
        Evidence {
            id: self.id,
            user_id: self.user_id,
            author_id: self.author_id,
            assessment_id: self.assessment_id,
            text: self.text,
            competencies,
            created_at: self.created_at,
        }
    }
}

/// Implements [`AssessmentStore`] for a store type with a `pool` field.
macro_rules! assessment_store {
    ($ty:ty) => {
        #[async_trait::async_trait]
        impl $crate::assessments::AssessmentStore for $ty {
            async fn create_assessment(
                &self,
                new: $crate::model::NewAssessment,
            ) -> $crate::Result<$crate::model::AssessmentRow> {
                let now = $crate::now_ms();
                let status = if new.submit { "submitted" } else { "draft" };
                let mut tx = self.pool.begin().await?;
                let row: $crate::model::AssessmentRow = sqlx::query_as(concat!(
                    "INSERT INTO assessments (subject_id, author_id, rater, ladder_id, ladder_role, body, status,
                                              created_at, updated_at, submitted_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING ",
                    $crate::assessments::assessment_columns!()
                ))
                .bind(new.subject_id)
                .bind(new.author_id)
                .bind(new.rater.as_str())
                .bind(new.ladder_id)
                .bind(&new.ladder_role)
                .bind(&new.body)
                .bind(status)
                .bind(now)
                .bind(new.submit.then_some(now))
                .fetch_one(&mut *tx)
                .await?;
                $crate::audit::record!(&mut *tx, Some(new.author_id), "assessment.create",
                    format!("assessment:{}", row.id),
                    format!("{} assessment of user {} ({status}, ladder {})", row.rater, row.subject_id, row.ladder_id));
                tx.commit().await?;
                Ok(row)
            }

            async fn update_draft(
                &self,
                id: i64,
                ladder_role: &str,
                body: &str,
                submit: bool,
                actor: i64,
            ) -> $crate::Result<$crate::model::AssessmentRow> {
                let now = $crate::now_ms();
                let mut tx = self.pool.begin().await?;
                let row: Option<$crate::model::AssessmentRow> = sqlx::query_as(concat!(
                    "UPDATE assessments SET ladder_role = $1, body = $2, status = $3, updated_at = $4, submitted_at = $5
                     WHERE id = $6 AND status = 'draft' RETURNING ",
                    $crate::assessments::assessment_columns!()
                ))
                .bind(ladder_role)
                .bind(body)
                .bind(if submit { "submitted" } else { "draft" })
                .bind(now)
                .bind(submit.then_some(now))
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
                let Some(row) = row else {
                    let exists: Option<(i64,)> = sqlx::query_as("SELECT id FROM assessments WHERE id = $1")
                        .bind(id)
                        .fetch_optional(&mut *tx)
                        .await?;
                    return Err(match exists {
                        Some(_) => $crate::StoreError::Frozen(id),
                        None => $crate::StoreError::NotFound { what: "assessment", id },
                    });
                };
                $crate::audit::record!(&mut *tx, Some(actor),
                    if submit { "assessment.submit" } else { "assessment.update" },
                    format!("assessment:{id}"), String::new());
                tx.commit().await?;
                Ok(row)
            }

            async fn assessment(&self, id: i64) -> $crate::Result<Option<$crate::model::AssessmentRow>> {
                Ok(sqlx::query_as(concat!("SELECT ", $crate::assessments::assessment_columns!(), " FROM assessments WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?)
            }

            async fn assessments_of(&self, subject: i64) -> $crate::Result<Vec<$crate::model::AssessmentRow>> {
                Ok(sqlx::query_as(concat!(
                    "SELECT ", $crate::assessments::assessment_columns!(),
                    " FROM assessments WHERE subject_id = $1 ORDER BY created_at, id"
                ))
                .bind(subject)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn latest_submitted(&self, subject: i64, rater: ladder_core::assess::Rater) -> $crate::Result<Option<$crate::model::AssessmentRow>> {
                Ok(sqlx::query_as(concat!(
                    "SELECT ", $crate::assessments::assessment_columns!(),
                    " FROM assessments WHERE subject_id = $1 AND rater = $2 AND status = 'submitted'
                      ORDER BY submitted_at DESC, id DESC LIMIT 1"
                ))
                .bind(subject)
                .bind(rater.as_str())
                .fetch_optional(&self.pool)
                .await?)
            }

            async fn add_evidence(&self, new: $crate::model::NewEvidence) -> $crate::Result<$crate::model::Evidence> {
                let mut tx = self.pool.begin().await?;
                let row: $crate::assessments::EvidenceRow = sqlx::query_as(
                    "INSERT INTO evidence (user_id, author_id, assessment_id, text, created_at)
                     VALUES ($1, $2, $3, $4, $5) RETURNING id, user_id, author_id, assessment_id, text, created_at",
                )
                .bind(new.user_id)
                .bind(new.author_id)
                .bind(new.assessment_id)
                .bind(&new.text)
                .bind($crate::now_ms())
                .fetch_one(&mut *tx)
                .await?;
                let mut tags = new.competencies.clone();
                tags.sort();
                tags.dedup();
                for c in &tags {
                    sqlx::query("INSERT INTO evidence_competencies (evidence_id, competency) VALUES ($1, $2)")
                        .bind(row.id)
                        .bind(c)
                        .execute(&mut *tx)
                        .await?;
                }
                $crate::audit::record!(&mut *tx, Some(new.author_id), "evidence.create",
                    format!("evidence:{}", row.id), format!("for user {} [{}]", new.user_id, tags.join(", ")));
                tx.commit().await?;
                Ok(row.with(tags))
            }

            async fn evidence_of(&self, user: i64) -> $crate::Result<Vec<$crate::model::Evidence>> {
                let rows: Vec<$crate::assessments::EvidenceRow> = sqlx::query_as(
                    "SELECT id, user_id, author_id, assessment_id, text, created_at FROM evidence
                     WHERE user_id = $1 ORDER BY created_at DESC, id DESC",
                )
                .bind(user)
                .fetch_all(&self.pool)
                .await?;
                let tags: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT t.evidence_id, t.competency FROM evidence_competencies t
                     JOIN evidence e ON e.id = t.evidence_id WHERE e.user_id = $1 ORDER BY t.competency",
                )
                .bind(user)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|r| {
                        let mine = tags.iter().filter(|(e, _)| *e == r.id).map(|(_, c)| c.clone()).collect();
                        r.with(mine)
                    })
                    .collect())
            }
        }
    };
}
pub(crate) use assessment_store;
