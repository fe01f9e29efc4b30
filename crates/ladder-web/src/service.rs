//! The operations behind both the pages and the API, with their checks.
//!
//! Each function takes the signed-in user and enforces `access` itself, so a
//! front end cannot forget a rule by calling it.

use std::collections::BTreeMap;
use std::sync::Arc;

use ladder_core::Ladder;
use ladder_core::assess::{self, Assessment, Rater, Rating, Report};
use ladder_core::file::Diagnostic;
use ladder_store::model::{
    Access, AssessmentRow, LadderKind, LadderVersion, NewAssessment, NewLadder, NewUser, User,
    UserUpdate,
};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

fn located(d: &Diagnostic) -> Problem {
    Problem {
        at: match (&d.location, &d.path) {
            (Some(l), _) => format!("line {}, column {}", l.line, l.column),
            (None, Some(p)) => p.clone(),
            (None, None) => String::new(),
        },
        message: match &d.hint {
            Some(h) => format!("{} ({h})", d.message),
            None => d.message.clone(),
        },
    }
}

fn build(
    ladder: &Ladder,
    label: &str,
    subject: &User,
    rater: Rater,
    input: &AssessmentInput,
) -> Result<Assessment, WebError> {
    let a = Assessment {
        person: subject.name.clone(),
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
    let a = build(&site.ladder, &site.version.label, &subject, rater, input)?;
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
    let a = build(&ladder, &label, &subject, rater, input)?;
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

/// One line of the manager view.
#[derive(Debug, Clone, Serialize)]
pub struct ReportLine {
    /// The person.
    pub user: User,
    /// 1 for direct reports, 2 for their reports, ... (0: seen as admin).
    pub depth: i64,
    /// Their latest submitted self-assessment.
    pub latest_self: Option<AssessmentView>,
    /// Their manager's latest submitted assessment of them.
    pub latest_manager: Option<AssessmentView>,
    /// Where self and manager disagree, largest first (both must exist).
    pub differences: Vec<assess::Disagreement>,
}

/// The people `viewer` manages (everyone, for an admin), with their latest
/// placement, readiness and self-versus-manager differences.
pub async fn team(state: &AppState, viewer: &User) -> Result<Vec<ReportLine>, WebError> {
    access::require_manager(viewer)?;
    let people: Vec<(User, i64)> = if viewer.access == Access::Admin {
        state
            .store
            .users()
            .await?
            .into_iter()
            .filter(|u| u.id != viewer.id)
            .map(|u| (u, 0))
            .collect()
    } else {
        state
            .store
            .reports(viewer.id)
            .await?
            .into_iter()
            .map(|r| (r.user, r.depth))
            .collect()
    };
    let mut out = Vec::new();
    for (user, depth) in people {
        let latest_self = match state.store.latest_submitted(user.id, "self").await? {
            Some(r) => Some(view(state, r).await?),
            None => None,
        };
        let latest_manager = match state.store.latest_submitted(user.id, "manager").await? {
            Some(r) => Some(view(state, r).await?),
            None => None,
        };
        let differences = match (&latest_self, &latest_manager) {
            (Some(s), Some(m)) => {
                let ladder = state.ladder_version(m.row.ladder_id).await?;
                assess::compare(&ladder, &s.assessment, &m.assessment)
                    .into_iter()
                    .filter(|d| d.difference != 0)
                    .collect()
            }
            _ => Vec::new(),
        };
        out.push(ReportLine {
            user,
            depth,
            latest_self,
            latest_manager,
            differences,
        });
    }
    Ok(out)
}

/// Validates and stores a company ladder as a new version, and puts it in force.
pub async fn upload_ladder(
    state: &AppState,
    admin: &User,
    source: &str,
) -> Result<LadderVersion, WebError> {
    access::require_admin(admin)?;
    let checked = ladder_core::file::check(source, false);
    let Some(ladder) = checked.ladder else {
        let problems: Vec<Problem> = checked
            .diagnostics
            .0
            .iter()
            .filter(|d| d.is_error())
            .map(located)
            .collect();
        return Err(WebError::Invalid {
            summary: format!(
                "the ladder file has {} error(s); nothing was stored",
                problems.len()
            ),
            problems,
        });
    };
    let version = state
        .store
        .add_ladder(
            NewLadder {
                kind: LadderKind::Upload,
                name: ladder.ladder.name.clone(),
                label: ladder.ladder.version.clone(),
                source: source.to_owned(),
            },
            Some(admin.id),
        )
        .await?;
    state.activate(version.clone(), Arc::new(ladder))?;
    Ok(version)
}

/// A user as an admin creates one.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UserInput {
    /// Sign-in email.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Initial password (10 characters or more).
    pub password: String,
    /// `member`, `manager` or `admin`.
    #[serde(default = "member")]
    pub access: String,
    /// Team id.
    #[serde(default)]
    pub team_id: Option<i64>,
    /// Manager's user id.
    #[serde(default)]
    pub manager_id: Option<i64>,
    /// Current role on the ladder (a role id).
    #[serde(default)]
    pub ladder_role: Option<String>,
}

fn member() -> String {
    "member".into()
}

/// The changes an admin makes to a user.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
pub struct UserChange {
    /// Display name.
    pub name: String,
    /// `member`, `manager` or `admin`.
    pub access: String,
    /// Team id.
    #[serde(default)]
    pub team_id: Option<i64>,
    /// Manager's user id.
    #[serde(default)]
    pub manager_id: Option<i64>,
    /// Current role on the ladder.
    #[serde(default)]
    pub ladder_role: Option<String>,
}

fn check_role(state: &AppState, role: &Option<String>) -> Result<Option<String>, WebError> {
    match role.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(r) if state.site().ladder.role(r).is_some() => Ok(Some(r.to_owned())),
        Some(r) => Err(WebError::BadRequest(format!(
            "`{r}` is not a role of the ladder in force; see /api/v1/roles for the ids"
        ))),
    }
}

fn parse_access(s: &str) -> Result<Access, WebError> {
    s.parse().map_err(WebError::BadRequest)
}

/// Makes a user (admins only; `ladder user add` does the same from the shell).
pub async fn add_user(state: &AppState, admin: &User, input: UserInput) -> Result<User, WebError> {
    access::require_admin(admin)?;
    let email = input.email.trim();
    if !email.contains('@') || email.len() > 254 {
        return Err(WebError::BadRequest(format!(
            "`{email}` is not an email address"
        )));
    }
    if input.name.trim().is_empty() {
        return Err(WebError::BadRequest("the name is empty".into()));
    }
    crate::auth::check_password_rules(&input.password)?;
    let new = NewUser {
        email: email.to_owned(),
        name: input.name.trim().to_owned(),
        password_hash: crate::auth::hash_password_async(input.password).await?,
        access: parse_access(&input.access)?,
        team_id: input.team_id,
        manager_id: input.manager_id,
        ladder_role: check_role(state, &input.ladder_role)?,
    };
    Ok(state.store.create_user(new, Some(admin.id)).await?)
}

/// Changes a user (admins only).
pub async fn change_user(
    state: &AppState,
    admin: &User,
    id: i64,
    input: UserChange,
) -> Result<User, WebError> {
    access::require_admin(admin)?;
    let update = UserUpdate {
        name: input.name.trim().to_owned(),
        access: parse_access(&input.access)?,
        team_id: input.team_id,
        manager_id: input.manager_id,
        ladder_role: check_role(state, &input.ladder_role)?,
    };
    Ok(state.store.update_user(id, update, Some(admin.id)).await?)
}
