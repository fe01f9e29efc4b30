//! Roster import: an HR export (CSV or a workbook) brought into the app's
//! people in one go, for the admin page and `ladder user import`.
//!
//! The work is split so the dry run and the write cannot disagree: the
//! plan is [`ladder_core::roster::import::plan_import`] on the people as
//! they are (read with the people version), the app adds what only it
//! knows (access follows the org chart: someone with reports manages,
//! someone without is a member, an admin stays an admin), and `apply`
//! writes exactly that plan in one transaction, which refuses if anyone
//! changed people in between. A plan with a row that cannot be imported is
//! never written: the admin fixes the file and runs it again.
//!
//! People imported have no password: they sign in with single sign-on or
//! through an invite.

use std::collections::HashMap;

use ladder_core::roster::import::{
    Current, FieldChange, Guess, ImportOptions, ImportPlan, What, plan_import,
};
use ladder_core::roster::{HeaderMap, Roster, parse_day, read_csv_sized, read_xlsx};
use ladder_store::ImportDone;
use ladder_store::model::{Access, ImportWrite, ImportedPerson, User};
use serde::Serialize;

use crate::access::require_admin;
use crate::{Actor, App, AppError, Result};

/// What the admin asks of an import.
#[derive(Debug, Clone, Default)]
pub struct ImportChoice {
    /// Write it (else only plan it: a dry run).
    pub apply: bool,
    /// Deactivate people not in the file.
    pub deactivate_missing: bool,
    /// The confidence from which a title sets a role (0 to 1); default
    /// [`ladder_core::roster::import::DEFAULT_THRESHOLD`].
    pub threshold: Option<f32>,
    /// The file's name, for the audit log.
    pub source: String,
    /// The people version of the plan the admin read before asking to
    /// write it: if people changed since, nothing is written and the new
    /// plan is shown instead.
    pub planned_against: Option<i64>,
}

/// An import's plan, and what was written if it was applied.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// What the import does (or did).
    pub plan: ImportPlan,
    /// Counts.
    pub summary: ImportSummary,
    /// Whether it was written.
    pub applied: bool,
    /// The people version the plan was made against (give it back as
    /// `planned_against` to write exactly this plan).
    pub people_version: i64,
}

/// The counts of an import.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct ImportSummary {
    /// Rows read.
    pub rows: usize,
    /// People added.
    pub added: usize,
    /// People changed.
    pub changed: usize,
    /// People as they were.
    pub unchanged: usize,
    /// People deactivated.
    pub deactivated: usize,
    /// Roles waiting for an admin.
    pub to_confirm: usize,
    /// Rows that stop the import.
    pub blocking: usize,
    /// Warnings (a field dropped, the row kept).
    pub warnings: usize,
    /// Teams made (when applied).
    pub teams_made: usize,
}

impl ImportSummary {
    fn of(plan: &ImportPlan, rows: usize) -> ImportSummary {
        let blocking = plan.blocking().count();
        ImportSummary {
            rows,
            added: plan.added().count(),
            changed: plan.changed().count(),
            unchanged: plan.unchanged(),
            deactivated: plan.leaving.len(),
            to_confirm: plan.to_confirm().count(),
            blocking,
            warnings: plan.problems.len() - blocking,
            teams_made: 0,
        }
    }
}

/// `1 row`, `3 rows`: what the CLI and the import page say of a count.
pub fn rows(n: usize) -> String {
    if n == 1 {
        "1 row".to_owned()
    } else {
        format!("{n} rows")
    }
}

/// Reads a roster upload: a workbook when the bytes are a zip archive
/// (every `.xlsx` is), CSV otherwise.
pub fn read_roster(bytes: &[u8], map: &HeaderMap) -> Result<Roster> {
    let read = if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes, map)
    } else {
        read_csv_sized(bytes, map, bytes.len() as u64)
    };
    read.map_err(|e| AppError::BadRequest(e.to_string()))
}

/// A stored user as the plan sees them.
fn current(u: &User, teams: &HashMap<i64, String>) -> Current {
    Current {
        id: u.id,
        email: u.email.clone(),
        name: u.name.clone(),
        employee_id: u.employee_id.clone(),
        title: u.title.clone(),
        team: u.team_id.and_then(|t| teams.get(&t)).cloned(),
        department: u.department.clone(),
        start: u.start_date.as_deref().and_then(parse_day),
        manager: u.manager_id,
        role: u.ladder_role.clone(),
        pending: u.pending_role.as_ref().map(|r| Guess {
            role: r.clone(),
            confidence: u.pending_confidence.unwrap_or(0).clamp(0, 100) as u8,
        }),
        active: u.is_active(),
    }
}

/// Access after the import: admins stay admins; otherwise whoever has
/// reports manages.
fn access_after(was: Option<Access>, leads: bool) -> Access {
    match (was, leads) {
        (Some(Access::Admin), _) => Access::Admin,
        (_, true) => Access::Manager,
        (_, false) => Access::Member,
    }
}

impl App {
    /// Plans an import of `roster` (admins; `ladder user import` from the
    /// shell) and, when `choice.apply` is set and no row stops it, writes
    /// it in one transaction.
    pub async fn import_roster(
        &self,
        by: Actor<'_>,
        roster: Roster,
        choice: ImportChoice,
    ) -> Result<ImportReport> {
        require_admin(by)?;
        let version = self.store.people_version().await?;
        let users = self.store.users().await?;
        let teams: HashMap<i64, String> = self
            .store
            .teams()
            .await?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        let access: HashMap<i64, Access> = users.iter().map(|u| (u.id, u.access)).collect();
        let people: Vec<Current> = users.iter().map(|u| current(u, &teams)).collect();
        let options = ImportOptions {
            deactivate_missing: choice.deactivate_missing,
            threshold: choice
                .threshold
                .unwrap_or(ladder_core::roster::import::DEFAULT_THRESHOLD),
            keep: by.id(),
        };
        let in_force = self.ladder();
        let rows = roster.len() + roster.problems.iter().filter(|p| p.left_out).count();
        let mut plan = tokio::task::spawn_blocking(move || {
            plan_import(
                &roster,
                &people,
                &in_force.ladder,
                &in_force.resolver,
                &options,
            )
        })
        .await
        .map_err(|e| AppError::Internal(format!("planning the import stopped: {e}")))?
        .map_err(|e| AppError::BadRequest(e.to_string()))?;
        for p in &mut plan.people {
            let was = p.existing.and_then(|id| access.get(&id).copied());
            let after = access_after(was, p.leads);
            if was != Some(after) {
                p.changes.push(FieldChange {
                    field: What::Access,
                    before: was.map(|a| a.as_str().to_owned()),
                    after: Some(after.as_str().to_owned()),
                });
            }
        }
        let mut summary = ImportSummary::of(&plan, rows);
        let stale = choice.planned_against.is_some_and(|v| v != version);
        if !choice.apply || summary.blocking > 0 || plan.is_empty() || stale {
            if choice.apply && stale && summary.blocking == 0 {
                return Err(AppError::Conflict(
                    "people have changed since the plan you read was made; read the new plan before writing it".into(),
                ));
            }
            return Ok(ImportReport {
                plan,
                summary,
                applied: false,
                people_version: version,
            });
        }
        let write = ImportWrite {
            planned_at_version: version,
            people: plan
                .people
                .iter()
                .filter(|p| !p.changes.is_empty())
                .map(|p| ImportedPerson {
                    id: p.existing,
                    email: p.email.clone(),
                    name: p.name.clone(),
                    employee_id: p.employee_id.clone(),
                    title: p.title.clone(),
                    team: p.team.clone(),
                    department: p.department.clone(),
                    start_date: p.start_date.clone(),
                    manager_email: p.manager.clone(),
                    access: access_after(
                        p.existing.and_then(|id| access.get(&id).copied()),
                        p.leads,
                    ),
                    ladder_role: p.role.clone(),
                    pending_role: p.to_confirm.as_ref().map(|g| g.role.clone()),
                    pending_confidence: p.to_confirm.as_ref().map(|g| i64::from(g.confidence)),
                    reactivate: p.changes.iter().any(|c| c.field == What::Status),
                })
                .collect(),
            leaving: plan.leaving.iter().map(|l| l.id).collect(),
            summary: format!(
                "{}: {} added, {} changed, {} deactivated, {} roles to confirm",
                if choice.source.is_empty() {
                    "roster"
                } else {
                    &choice.source
                },
                summary.added,
                summary.changed,
                summary.deactivated,
                summary.to_confirm
            ),
        };
        let ImportDone { teams_made, .. } = self.store.apply_import(write, by.id()).await?;
        summary.teams_made = teams_made;
        Ok(ImportReport {
            plan,
            summary,
            applied: true,
            people_version: version,
        })
    }
}

/// How long a staged roster is kept: a day.
const STAGED_FOR_MS: i64 = 86_400_000;

impl App {
    /// Refuses anyone who may not import rosters (only admins may): the
    /// upload page asks before it shows its form.
    pub fn may_import(&self, by: Actor<'_>) -> Result<()> {
        require_admin(by)
    }

    /// Keeps an uploaded roster while its admin reads the plan (the web
    /// page's upload); a file that cannot be read at all is refused now,
    /// before anything is kept. Returns the staged roster's id.
    pub async fn stage_roster(&self, by: &User, file_name: &str, bytes: &[u8]) -> Result<i64> {
        require_admin(Actor::User(by))?;
        if bytes.is_empty() {
            return Err(AppError::BadRequest(
                "no file was chosen; choose the HR export (CSV or .xlsx) to import".into(),
            ));
        }
        read_roster(bytes, &HeaderMap::default())?;
        let name = file_name.trim();
        let name = if name.is_empty() { "roster" } else { name };
        Ok(self.store.stage_roster(by.id, name, bytes).await?)
    }

    /// The plan of a staged roster (and, with `choice.apply`, its write,
    /// after which the staged copy is dropped). Returns the file's name
    /// with the report.
    pub async fn import_staged(
        &self,
        by: &User,
        id: i64,
        mut choice: ImportChoice,
    ) -> Result<(String, ImportReport)> {
        require_admin(Actor::User(by))?;
        let (name, bytes) = self
            .store
            .staged_roster(id, by.id)
            .await?
            .ok_or(AppError::NotFound("uploaded roster"))?;
        let roster = read_roster(&bytes, &HeaderMap::default())?;
        choice.source.clone_from(&name);
        let report = self.import_roster(Actor::User(by), roster, choice).await?;
        if report.applied {
            let before = ladder_store::now_ms() - STAGED_FOR_MS;
            self.store.drop_staged(id, before).await?;
        }
        Ok((name, report))
    }
}
