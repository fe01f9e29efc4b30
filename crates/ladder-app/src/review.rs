//! The manager's review: a person's own ratings, their evidence and their
//! manager's ratings side by side, one competency per row, with the rows
//! where the two differ marked.
//!
//! The manager reads it before rating (the rating form is built on it) and
//! the person reads it once the manager has shared their assessment: what
//! each side sees follows the access rules (a draft stays its author's, an
//! unshared manager assessment stays the manager's).

use ladder_core::assess::Rater;
use ladder_store::model::User;
use serde::Serialize;

use crate::assessments::AssessmentView;
use crate::growth::{examples_at, level_words};
use crate::{App, Result};

/// One competency, both sides.
#[derive(Debug, Clone, Serialize)]
pub struct ReviewRow {
    /// The competency id.
    pub competency: String,
    /// Its name.
    pub name: String,
    /// What it is, in the ladder's words.
    pub summary: String,
    /// The level the person's role expects, with its name.
    pub expected: Option<(u8, String)>,
    /// The person's own rating, with its name.
    pub own: Option<(u8, String)>,
    /// The note the person wrote beside their rating.
    pub own_notes: Vec<String>,
    /// The manager's rating, with its name.
    pub manager: Option<(u8, String)>,
    /// The note the manager wrote beside theirs.
    pub manager_notes: Vec<String>,
    /// The person's evidence tagged with the competency, newest first.
    pub evidence: Vec<String>,
    /// The ladder's examples at the expected level.
    pub looks_like: Vec<String>,
}

impl ReviewRow {
    /// Whether both rated it and the ratings differ.
    pub fn differs(&self) -> bool {
        matches!((&self.own, &self.manager), (Some(a), Some(b)) if a.0 != b.0)
    }

    /// Manager minus self, when both rated it.
    pub fn difference(&self) -> Option<i16> {
        match (&self.own, &self.manager) {
            (Some(a), Some(b)) => Some(i16::from(b.0) - i16::from(a.0)),
            _ => None,
        }
    }
}

/// The side-by-side review of one person.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The person.
    pub subject: User,
    /// The role the review measures against (the self-assessment's, else
    /// the person's role on record).
    pub role: Option<String>,
    /// Their latest submitted self-assessment.
    pub own: Option<AssessmentView>,
    /// Their manager's latest submitted assessment the viewer may read.
    pub manager: Option<AssessmentView>,
    /// One row per competency of the ladder in force.
    pub rows: Vec<ReviewRow>,
}

impl Review {
    /// How many rows differ.
    pub fn differing(&self) -> usize {
        self.rows.iter().filter(|r| r.differs()).count()
    }
}

fn rating_of(v: Option<&AssessmentView>, id: &str) -> (Option<u8>, Vec<String>) {
    v.and_then(|v| v.assessment.ratings.get(id))
        .map_or((None, Vec::new()), |r| (Some(r.level), r.evidence.clone()))
}

impl App {
    /// The side-by-side review of `subject` as `viewer` may see it.
    pub async fn review(&self, viewer: &User, subject: i64) -> Result<Review> {
        let person = self.visible_user(viewer, subject).await?;
        let own = self.latest(subject, Rater::Myself).await?;
        let manager = match self.store.latest_submitted(subject, Rater::Manager).await? {
            Some(row) if crate::access::may_read(viewer, &row) => Some(self.view(row).await?),
            _ => None,
        };
        let evidence = self.store.evidence_of(subject).await?;
        let ladder = self.ladder().ladder.clone();
        let role = own
            .as_ref()
            .map(|v| v.assessment.role.clone())
            .or_else(|| person.ladder_role.clone())
            .or_else(|| manager.as_ref().map(|v| v.assessment.role.clone()));
        let named = |c: &str, level: u8| (level, level_words(&ladder, c, level).0);
        let rows = ladder
            .competencies
            .items
            .iter()
            .filter_map(|c| {
                let expected = role.as_deref().and_then(|r| c.expectations.get(r).copied());
                let (own_level, own_notes) = rating_of(own.as_ref(), &c.id);
                let (manager_level, manager_notes) = rating_of(manager.as_ref(), &c.id);
                // A competency the role is not assessed on shows only when
                // somebody rated it anyway.
                if expected.is_none() && own_level.is_none() && manager_level.is_none() {
                    return None;
                }
                let named = |level| named(&c.id, level);
                Some(ReviewRow {
                    competency: c.id.clone(),
                    name: c.name.clone(),
                    summary: c
                        .summary
                        .as_ref()
                        .map(|f| f.text.clone())
                        .unwrap_or_default(),
                    expected: expected.map(named),
                    own: own_level.map(named),
                    own_notes,
                    manager: manager_level.map(named),
                    manager_notes,
                    evidence: evidence
                        .iter()
                        .filter(|e| e.competencies.contains(&c.id))
                        .map(|e| e.text.clone())
                        .collect(),
                    looks_like: expected
                        .map(|l| examples_at(&ladder, &c.id, l))
                        .unwrap_or_default(),
                })
            })
            .collect();
        Ok(Review {
            subject: person,
            role,
            own,
            manager,
            rows,
        })
    }
}
