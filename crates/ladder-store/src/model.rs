//! The rows the store hands out and the values it takes in.
//!
//! They are plain data with `serde` derives so the web layer can put them in
//! JSON as they are; secrets (password and token hashes) are never serialised.
//! Times are Unix milliseconds, the one representation both dialects store
//! the same way.

use ladder_core::assess::Rater;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What a user may see and do.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    /// Their own data only.
    Member,
    /// Their own data and their reports', direct and indirect.
    Manager,
    /// Everything, including users, teams and ladder uploads.
    Admin,
}

impl Access {
    /// Every access level, least first.
    pub const ALL: [Access; 3] = [Access::Member, Access::Manager, Access::Admin];

    /// `member`, `manager` or `admin`.
    pub fn as_str(self) -> &'static str {
        match self {
            Access::Member => "member",
            Access::Manager => "manager",
            Access::Admin => "admin",
        }
    }
}

impl std::str::FromStr for Access {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "member" => Ok(Access::Member),
            "manager" => Ok(Access::Manager),
            "admin" => Ok(Access::Admin),
            other => Err(format!(
                "unknown access `{other}`: use member, manager or admin"
            )),
        }
    }
}

impl TryFrom<String> for Access {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        s.parse()
    }
}

/// A person with an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct User {
    /// Row id.
    pub id: i64,
    /// Sign-in email, lower-cased.
    pub email: String,
    /// Display name.
    pub name: String,
    /// The Argon2id hash in PHC form; never serialised.
    #[serde(skip)]
    pub password_hash: String,
    /// What they may see and do.
    #[sqlx(try_from = "String")]
    pub access: Access,
    /// Their team, if any.
    pub team_id: Option<i64>,
    /// Their manager, if any.
    pub manager_id: Option<i64>,
    /// Their current role on the ladder (a role id), if set.
    pub ladder_role: Option<String>,
    /// When the account was made.
    pub created_at: i64,
    /// Employee number in the HR system, if imported.
    pub employee_id: Option<String>,
    /// Job title as the HR system writes it, if imported.
    pub title: Option<String>,
    /// Department, if imported.
    pub department: Option<String>,
    /// Start date in the role (`YYYY-MM-DD`), if imported.
    pub start_date: Option<String>,
    /// The role the title resolver guessed, below its confidence threshold,
    /// waiting for an admin to confirm it.
    pub pending_role: Option<String>,
    /// How sure the resolver was of `pending_role`, in per cent.
    pub pending_confidence: Option<i64>,
    /// When the person was deactivated; `None` while active.
    pub deactivated_at: Option<i64>,
}

impl User {
    /// Whether the person is still with the company (not deactivated).
    pub fn is_active(&self) -> bool {
        self.deactivated_at.is_none()
    }
}

/// What it takes to make a user.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Sign-in email; stored lower-cased and trimmed.
    pub email: String,
    /// Display name.
    pub name: String,
    /// The Argon2id hash of their password.
    pub password_hash: String,
    /// What they may see and do.
    pub access: Access,
    /// Their team.
    pub team_id: Option<i64>,
    /// Their manager.
    pub manager_id: Option<i64>,
    /// Their current role on the ladder.
    pub ladder_role: Option<String>,
}

/// The fields an admin may change on a user.
#[derive(Debug, Clone)]
pub struct UserUpdate {
    /// Display name.
    pub name: String,
    /// What they may see and do.
    pub access: Access,
    /// Their team.
    pub team_id: Option<i64>,
    /// Their manager.
    pub manager_id: Option<i64>,
    /// Their current role on the ladder.
    pub ladder_role: Option<String>,
}

/// A report of a manager, with how far down the line they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    /// The report.
    pub user: User,
    /// 1 for a direct report, 2 for a report's report, and so on.
    pub depth: i64,
}

/// A team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct Team {
    /// Row id.
    pub id: i64,
    /// Unique name.
    pub name: String,
    /// When it was made.
    pub created_at: i64,
}

/// An API token's record (the token itself is shown once, when made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ApiToken {
    /// Row id.
    pub id: i64,
    /// Whose token it is.
    pub user_id: i64,
    /// What the owner called it.
    pub name: String,
    /// When it was made.
    pub created_at: i64,
    /// When it stopped working (the owner's password changed), if it has.
    pub revoked_at: Option<i64>,
}

/// Where a stored ladder came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LadderKind {
    /// The ladder compiled into the program.
    Embedded,
    /// A company's own file, uploaded by an admin.
    Upload,
}

impl LadderKind {
    /// `embedded` or `upload`.
    pub fn as_str(self) -> &'static str {
        match self {
            LadderKind::Embedded => "embedded",
            LadderKind::Upload => "upload",
        }
    }
}

impl TryFrom<String> for LadderKind {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "embedded" => Ok(LadderKind::Embedded),
            "upload" => Ok(LadderKind::Upload),
            other => Err(format!("unknown ladder kind `{other}`")),
        }
    }
}

/// One stored version of a ladder. Versions are never changed: an upload is
/// a new row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct LadderVersion {
    /// Row id, which is also the version number shown to people.
    pub id: i64,
    /// Embedded or uploaded.
    #[sqlx(try_from = "String")]
    pub kind: LadderKind,
    /// The ladder's name (from its file).
    pub name: String,
    /// The ladder's own version label (from its file).
    pub label: String,
    /// SHA-256 of the source, hex.
    pub sha256: String,
    /// The TOML source.
    #[serde(skip)]
    pub source: String,
    /// Who uploaded it (none for the embedded ladder).
    pub uploaded_by: Option<i64>,
    /// When it was stored.
    pub created_at: i64,
}

/// A ladder version to store.
#[derive(Debug, Clone)]
pub struct NewLadder {
    /// Embedded or uploaded.
    pub kind: LadderKind,
    /// The ladder's name.
    pub name: String,
    /// The ladder's own version label.
    pub label: String,
    /// The TOML source.
    pub source: String,
}

/// Where an assessment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Still being filled; may change.
    Draft,
    /// Submitted and frozen.
    Submitted,
}

impl Status {
    /// `draft` or `submitted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
        }
    }
}

impl TryFrom<String> for Status {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "draft" => Ok(Status::Draft),
            "submitted" => Ok(Status::Submitted),
            other => Err(format!("unknown assessment status `{other}`")),
        }
    }
}

/// A stored assessment. `body` is the assessment as JSON, in the shape of
/// `ladder assess` files; the columns beside it are what queries filter on.
/// A row, not a resource: the application layer turns it into one.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AssessmentRow {
    /// Row id.
    pub id: i64,
    /// Who is assessed.
    pub subject_id: i64,
    /// Who filled it.
    pub author_id: i64,
    /// Self, manager or peer.
    #[sqlx(try_from = "String")]
    pub rater: Rater,
    /// The ladder version it was made against (kept when the ladder changes).
    pub ladder_id: i64,
    /// The subject's role when assessed.
    pub ladder_role: String,
    /// The assessment as JSON.
    pub body: String,
    /// Draft or submitted.
    #[sqlx(try_from = "String")]
    pub status: Status,
    /// When it was made.
    pub created_at: i64,
    /// When it last changed.
    pub updated_at: i64,
    /// When it was submitted.
    pub submitted_at: Option<i64>,
    /// When its author shared it with the person assessed (manager
    /// assessments; queries that do not need it leave it out).
    #[sqlx(default)]
    pub shared_at: Option<i64>,
}

/// Which assessment is someone's latest, without its body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct LatestKey {
    /// The assessment's id.
    pub id: i64,
    /// Who is assessed.
    pub subject_id: i64,
    /// Who filled it.
    pub author_id: i64,
    /// Self or manager.
    #[sqlx(try_from = "String")]
    pub rater: Rater,
    /// The ladder version it was made against.
    pub ladder_id: i64,
}

/// An assessment to store.
#[derive(Debug, Clone)]
pub struct NewAssessment {
    /// Who is assessed.
    pub subject_id: i64,
    /// Who fills it.
    pub author_id: i64,
    /// Self, manager or peer.
    pub rater: Rater,
    /// The ladder version it is made against.
    pub ladder_id: i64,
    /// The subject's role.
    pub ladder_role: String,
    /// The assessment as JSON.
    pub body: String,
    /// Submit (freeze) it now rather than keep a draft.
    pub submit: bool,
}

/// A piece of evidence, tagged with the competencies it shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// Row id.
    pub id: i64,
    /// Whose evidence it is.
    pub user_id: i64,
    /// Who wrote it.
    pub author_id: i64,
    /// The assessment it supports, if any.
    pub assessment_id: Option<i64>,
    /// What happened.
    pub text: String,
    /// Competency ids it shows.
    pub competencies: Vec<String>,
    /// When it was written.
    pub created_at: i64,
}

/// Evidence to store.
#[derive(Debug, Clone)]
pub struct NewEvidence {
    /// Whose evidence it is.
    pub user_id: i64,
    /// Who writes it.
    pub author_id: i64,
    /// The assessment it supports.
    pub assessment_id: Option<i64>,
    /// What happened.
    pub text: String,
    /// Competency ids it shows.
    pub competencies: Vec<String>,
}

/// One line of the audit log: who changed what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AuditEntry {
    /// Row id.
    pub id: i64,
    /// Who acted (none for the system or the command line).
    pub actor_id: Option<i64>,
    /// What they did, as `thing.verb` (`user.create`, `ladder.upload`, ...).
    pub action: String,
    /// What it was done to, as `kind:id`.
    pub subject: String,
    /// A short description.
    pub detail: String,
    /// When.
    pub at: i64,
}

/// The answer to asking for a sign-in lease on an (account, address) pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lease {
    /// This request may check the password; `failures` failed in a row before it.
    Granted {
        /// Consecutive failures before this attempt.
        failures: i64,
    },
    /// Another check is in flight, or the pair is backing off.
    Busy {
        /// Consecutive failures so far.
        failures: i64,
        /// When the pair may try again (Unix ms).
        until: i64,
    },
}

/// Failed sign-ins counted for rate limiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Failures {
    /// For this email.
    pub by_email: i64,
    /// From this address.
    pub by_ip: i64,
}

/// A person as an import writes them: new (`id` is `None`) or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedPerson {
    /// The user's id, when they are already there.
    pub id: Option<i64>,
    /// Sign-in email, lower case.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Employee number.
    pub employee_id: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Team name (made if there is no such team).
    pub team: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Start date in the role, `YYYY-MM-DD`.
    pub start_date: Option<String>,
    /// The manager's email (someone in the import or already there).
    pub manager_email: Option<String>,
    /// What they may see and do.
    pub access: Access,
    /// Their role on the ladder.
    pub ladder_role: Option<String>,
    /// A guessed role waiting for confirmation.
    pub pending_role: Option<String>,
    /// How sure the guess is, in per cent.
    pub pending_confidence: Option<i64>,
    /// Whether a former person comes back.
    pub reactivate: bool,
}

/// An import, ready to write in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWrite {
    /// The people version the import was planned against: if people have
    /// changed since, nothing is written.
    pub planned_at_version: i64,
    /// People to add or change.
    pub people: Vec<ImportedPerson>,
    /// Ids of people to deactivate.
    pub leaving: Vec<i64>,
    /// What the audit log says of it.
    pub summary: String,
}

/// What a one-time link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LinkPurpose {
    /// Choose a first password.
    Invite,
    /// Choose a new password.
    Reset,
}

impl LinkPurpose {
    /// `invite` or `reset`.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::Invite => "invite",
            LinkPurpose::Reset => "reset",
        }
    }
}

impl TryFrom<String> for LinkPurpose {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "invite" => Ok(LinkPurpose::Invite),
            "reset" => Ok(LinkPurpose::Reset),
            other => Err(format!("unknown link purpose `{other}`")),
        }
    }
}

/// A one-time link as stored (the token itself is never kept).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OneTimeLink {
    /// Whose password it sets.
    pub user_id: i64,
    /// What it is for.
    #[sqlx(try_from = "String")]
    pub purpose: LinkPurpose,
    /// When it was made.
    pub created_at: i64,
    /// When it stops working.
    pub expires_at: i64,
    /// When it was used, if it was.
    pub used_at: Option<i64>,
}

/// A SCIM token's record (the token itself is shown once, when made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ScimToken {
    /// Row id.
    pub id: i64,
    /// What it is for ("Okta").
    pub name: String,
    /// When it was made.
    pub created_at: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

/// What SCIM knows of a user beyond the app's own fields.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScimUserRow {
    /// The user.
    pub user_id: i64,
    /// Their SCIM `userName`, as the directory wrote it.
    pub user_name: String,
    /// The directory's own id for them.
    pub external_id: Option<String>,
    /// Attributes the app does not model, as a JSON object.
    pub extra: String,
    /// When the directory deleted them (they are kept as former).
    pub removed_at: Option<i64>,
}

/// A person as a directory writes them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimPerson {
    /// Sign-in email, lower case.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Job title.
    pub title: Option<String>,
    /// Employee number.
    pub employee_id: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Manager's user id.
    pub manager_id: Option<i64>,
    /// Whether they are active.
    pub active: bool,
    /// What they may see and do.
    pub access: Access,
    /// Role on the ladder.
    pub ladder_role: Option<String>,
    /// A guessed role to confirm.
    pub pending_role: Option<String>,
    /// How sure the guess is, in per cent.
    pub pending_confidence: Option<i64>,
    /// SCIM `userName`.
    pub user_name: String,
    /// The directory's id.
    pub external_id: Option<String>,
    /// Attributes the app does not model, as a JSON object.
    pub extra: String,
}

/// What SCIM knows of a team beyond its name.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ScimGroupRow {
    /// The team.
    pub team_id: i64,
    /// The directory's own id for it.
    pub external_id: Option<String>,
    /// Attributes the app does not model, as a JSON object.
    pub extra: String,
}

/// A team as SCIM sees it: the team, what SCIM adds, and its members as
/// (user id, name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScimGroup {
    /// The team.
    pub team: Team,
    /// SCIM's part, if the directory wrote one.
    pub scim: Option<ScimGroupRow>,
    /// Active members, by name.
    pub members: Vec<(i64, String)>,
}

/// A sign-in on its way through the OpenID provider (see
/// [`crate::SsoStore`]): what its callback must match.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct SsoAttempt {
    /// SHA-256 of the `state` sent to the provider.
    pub state_hash: String,
    /// SHA-256 of the cookie the sign-in began with, so only the browser
    /// that started it can finish it.
    pub browser_hash: String,
    /// The nonce the ID token must carry.
    pub nonce: String,
    /// The PKCE code verifier.
    pub pkce_verifier: String,
    /// When it began.
    pub created_at: i64,
    /// When it lapses.
    pub expires_at: i64,
}
