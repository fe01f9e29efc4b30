//! Assessments and evidence.
//!
//! A draft may change; a submitted assessment is frozen (the update query
//! only touches drafts, and a trigger in each dialect refuses the rest) and
//! keeps the ladder version it was made against.

use async_trait::async_trait;

use ladder_core::assess::Rater;

use crate::audit::record;
use crate::error::{Result, StoreError};
use crate::model::{AssessmentRow, Evidence, NewAssessment, NewEvidence};
use crate::{SqlStore, now_ms};

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
    async fn latest_submitted(&self, subject: i64, rater: Rater) -> Result<Option<AssessmentRow>>;
    /// A number that moves with every submission.
    async fn assessment_version(&self) -> Result<i64>;
    /// Shares a submitted assessment with the person assessed; sharing
    /// twice keeps the first time. Returns when it was shared.
    async fn share_assessment(&self, id: i64, by: i64) -> Result<i64>;
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

/// The columns with when the assessment was shared (reads only: drafts,
/// which inserts and updates return, are never shared).
macro_rules! assessment_columns_shared {
    () => {
        concat!(
            assessment_columns!(),
            ", (SELECT s.shared_at FROM assessment_shares s WHERE s.assessment_id = assessments.id) AS shared_at"
        )
    };
}

/// Records a submission: the person's latest assessment by this kind of
/// rater becomes this one (unless a later one is already there), and the
/// assessment version moves on, so views kept from the latest assessments
/// are made again.
async fn submitted(conn: &mut sqlx::AnyConnection, row: &AssessmentRow) -> Result<()> {
    sqlx::query(
        "INSERT INTO latest_assessments (subject_id, rater, assessment_id, submitted_at)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (subject_id, rater) DO UPDATE
         SET assessment_id = excluded.assessment_id, submitted_at = excluded.submitted_at
         WHERE excluded.submitted_at > latest_assessments.submitted_at
            OR (excluded.submitted_at = latest_assessments.submitted_at
                AND excluded.assessment_id > latest_assessments.assessment_id)",
    )
    .bind(row.subject_id)
    .bind(row.rater.as_str())
    .bind(row.id)
    .bind(row.submitted_at.unwrap_or(row.updated_at))
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE assessment_version SET version = version + 1 WHERE id = 1")
        .execute(conn)
        .await?;
    Ok(())
}

/// An evidence row before its tags are attached.
#[derive(sqlx::FromRow)]
struct EvidenceRow {
    id: i64,
    user_id: i64,
    author_id: i64,
    assessment_id: Option<i64>,
    text: String,
    created_at: i64,
}

impl EvidenceRow {
    fn with(self, competencies: Vec<String>) -> Evidence {
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

#[async_trait]
impl AssessmentStore for SqlStore {
    async fn create_assessment(&self, new: NewAssessment) -> Result<AssessmentRow> {
        let now = now_ms();
        let status = if new.submit { "submitted" } else { "draft" };
        let mut tx = self.pool.begin().await?;
        let row: AssessmentRow = sqlx::query_as(concat!(
            "INSERT INTO assessments (subject_id, author_id, rater, ladder_id, ladder_role, body, status,
                                      created_at, updated_at, submitted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9) RETURNING ",
            assessment_columns!()
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
        if new.submit {
            submitted(&mut tx, &row).await?;
        }
        let detail = format!(
            "{} assessment of user {} ({status}, ladder {})",
            row.rater, row.subject_id, row.ladder_id
        );
        let subject = format!("assessment:{}", row.id);
        record(
            &mut tx,
            Some(new.author_id),
            "assessment.create",
            subject,
            detail,
        )
        .await?;
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
    ) -> Result<AssessmentRow> {
        let now = now_ms();
        let mut tx = self.pool.begin().await?;
        let row: Option<AssessmentRow> = sqlx::query_as(concat!(
            "UPDATE assessments
             SET ladder_role = $1, body = $2, status = $3, updated_at = $4, submitted_at = $5
             WHERE id = $6 AND status = 'draft' RETURNING ",
            assessment_columns!()
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
                Some(_) => StoreError::Frozen(id),
                None => StoreError::NotFound {
                    what: "assessment",
                    id,
                },
            });
        };
        if submit {
            submitted(&mut tx, &row).await?;
        }
        let action = if submit {
            "assessment.submit"
        } else {
            "assessment.update"
        };
        record(
            &mut tx,
            Some(actor),
            action,
            format!("assessment:{id}"),
            String::new(),
        )
        .await?;
        tx.commit().await?;
        Ok(row)
    }

    async fn assessment(&self, id: i64) -> Result<Option<AssessmentRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            assessment_columns_shared!(),
            " FROM assessments WHERE id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn assessments_of(&self, subject: i64) -> Result<Vec<AssessmentRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            assessment_columns_shared!(),
            " FROM assessments WHERE subject_id = $1 ORDER BY created_at, id"
        ))
        .bind(subject)
        .fetch_all(&self.pool)
        .await?)
    }

    async fn latest_submitted(&self, subject: i64, rater: Rater) -> Result<Option<AssessmentRow>> {
        Ok(sqlx::query_as(concat!(
            "SELECT ",
            assessment_columns_shared!(),
            " FROM assessments WHERE id =
                (SELECT assessment_id FROM latest_assessments WHERE subject_id = $1 AND rater = $2)"
        ))
        .bind(subject)
        .bind(rater.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn assessment_version(&self) -> Result<i64> {
        let (v,): (i64,) = sqlx::query_as("SELECT version FROM assessment_version WHERE id = 1")
            .fetch_one(&self.pool)
            .await?;
        Ok(v)
    }

    async fn share_assessment(&self, id: i64, by: i64) -> Result<i64> {
        let mut tx = self.pool.begin().await?;
        let status: Option<(String,)> =
            sqlx::query_as("SELECT status FROM assessments WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
        match status {
            None => {
                return Err(StoreError::NotFound {
                    what: "assessment",
                    id,
                });
            }
            Some((s,)) if s != "submitted" => return Err(StoreError::NotSubmitted(id)),
            Some(_) => {}
        }
        sqlx::query(
            "INSERT INTO assessment_shares (assessment_id, shared_by, shared_at) VALUES ($1, $2, $3)
             ON CONFLICT (assessment_id) DO NOTHING",
        )
        .bind(id)
        .bind(by)
        .bind(now_ms())
        .execute(&mut *tx)
        .await?;
        let (at,): (i64,) =
            sqlx::query_as("SELECT shared_at FROM assessment_shares WHERE assessment_id = $1")
                .bind(id)
                .fetch_one(&mut *tx)
                .await?;
        record(
            &mut tx,
            Some(by),
            "assessment.share",
            format!("assessment:{id}"),
            String::new(),
        )
        .await?;
        tx.commit().await?;
        Ok(at)
    }

    async fn add_evidence(&self, new: NewEvidence) -> Result<Evidence> {
        let mut tx = self.pool.begin().await?;
        let row: EvidenceRow = sqlx::query_as(
            "INSERT INTO evidence (user_id, author_id, assessment_id, text, created_at)
             VALUES ($1, $2, $3, $4, $5)
             RETURNING id, user_id, author_id, assessment_id, text, created_at",
        )
        .bind(new.user_id)
        .bind(new.author_id)
        .bind(new.assessment_id)
        .bind(&new.text)
        .bind(now_ms())
        .fetch_one(&mut *tx)
        .await?;
        let mut tags = new.competencies.clone();
        tags.sort();
        tags.dedup();
        for c in &tags {
            sqlx::query(
                "INSERT INTO evidence_competencies (evidence_id, competency) VALUES ($1, $2)",
            )
            .bind(row.id)
            .bind(c)
            .execute(&mut *tx)
            .await?;
        }
        let detail = format!("for user {} [{}]", new.user_id, tags.join(", "));
        let subject = format!("evidence:{}", row.id);
        record(
            &mut tx,
            Some(new.author_id),
            "evidence.create",
            subject,
            detail,
        )
        .await?;
        tx.commit().await?;
        Ok(row.with(tags))
    }

    async fn evidence_of(&self, user: i64) -> Result<Vec<Evidence>> {
        let rows: Vec<EvidenceRow> = sqlx::query_as(
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
                let mine = tags
                    .iter()
                    .filter(|(e, _)| *e == r.id)
                    .map(|(_, c)| c.clone())
                    .collect();
                r.with(mine)
            })
            .collect())
    }
}
