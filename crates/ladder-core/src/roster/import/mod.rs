//! A roster against the people an app already has: what importing it would
//! add, change and deactivate, worked out before anything is written.
//!
//! The plan is pure (no database, no clock), so the dry run an admin reads
//! and the write that follows `--apply` are the same computation, and every
//! rule is tested here on plain values:
//!
//! - people are matched by work email, else by employee number (an email
//!   changed in the HR system is a change, not a new person);
//! - a manager may be named by email or employee number, of someone in the
//!   file or of someone the app already has; a manager nobody has, a
//!   repeated email, a row without an email and a reporting loop (through
//!   the file and the app's people together) are problems by row number,
//!   and any problem that leaves a row out stops the write, so an import is
//!   all or nothing;
//! - a column the file does not have leaves that field as it is;
//! - a title goes through the resolver only when it changed: a role an
//!   admin confirmed stays confirmed on the next import, and the same file
//!   twice changes nothing. Below the confidence threshold the guess is
//!   left for an admin to confirm and the role stays as it was;
//! - people missing from the file are deactivated only when asked, never
//!   the person importing, and not while someone in the file reports to
//!   them.

mod links;
#[cfg(test)]
mod tests;

use rustc_hash::FxHashMap;
use serde::Serialize;
use thiserror::Error;

use super::{Day, Field, Roster, RowProblem};
use crate::model::Ladder;
use crate::resolve::{OTHER, Resolver, Scratch};
use links::{Link, Links};

/// A person the app already has.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Current {
    /// The app's id for them.
    pub id: i64,
    /// Sign-in email, lower case.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Employee number.
    pub employee_id: Option<String>,
    /// Job title as last imported.
    pub title: Option<String>,
    /// Team name.
    pub team: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Start date in the role.
    pub start: Option<Day>,
    /// Their manager's id.
    pub manager: Option<i64>,
    /// Their role on the ladder (a role id).
    pub role: Option<String>,
    /// A guessed role waiting for confirmation.
    pub pending: Option<Guess>,
    /// Whether they are still with the company.
    pub active: bool,
}

/// What the import is asked to do besides adding and changing people.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportOptions {
    /// Deactivate people the app has who are not in the file.
    pub deactivate_missing: bool,
    /// The confidence (0 to 1) from which a resolved title sets the role;
    /// below it the role is left for an admin to confirm.
    pub threshold: f32,
    /// Someone never deactivated (the admin running the import).
    pub keep: Option<i64>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            deactivate_missing: false,
            threshold: DEFAULT_THRESHOLD,
            keep: None,
        }
    }
}

/// The confidence from which a title sets a role without confirmation.
pub const DEFAULT_THRESHOLD: f32 = 0.85;

/// A field of a person an import may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum What {
    /// Sign-in email.
    Email,
    /// Display name.
    Name,
    /// Employee number.
    EmployeeId,
    /// Job title.
    Title,
    /// Team.
    Team,
    /// Department.
    Department,
    /// Start date.
    StartDate,
    /// Manager (by email).
    Manager,
    /// Role on the ladder.
    Role,
    /// A role waiting for confirmation.
    RoleToConfirm,
    /// Active or former.
    Status,
    /// What the person may see and do in the app: set by the app from
    /// [`Planned::leads`], never by the plan itself.
    Access,
}

impl What {
    /// The field in words.
    pub fn label(self) -> &'static str {
        match self {
            What::Email => "email",
            What::Name => "name",
            What::EmployeeId => "employee number",
            What::Title => "title",
            What::Team => "team",
            What::Department => "department",
            What::StartDate => "start date",
            What::Manager => "manager",
            What::Role => "role",
            What::RoleToConfirm => "role to confirm",
            What::Status => "status",
            What::Access => "access",
        }
    }
}

/// One field's change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// Which field.
    pub field: What,
    /// Its value now (`None`: empty).
    pub before: Option<String>,
    /// Its value after the import.
    pub after: Option<String>,
}

/// A role the resolver guessed without being sure enough.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Guess {
    /// The role id.
    pub role: String,
    /// How sure, in per cent.
    pub confidence: u8,
}

/// A person of the file as they will be after the import.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Planned {
    /// Row number in the file.
    pub row: u64,
    /// The app's id, when the person is already there.
    pub existing: Option<i64>,
    /// Sign-in email, lower case.
    pub email: String,
    /// Display name.
    pub name: String,
    /// Employee number.
    pub employee_id: Option<String>,
    /// Job title.
    pub title: Option<String>,
    /// Team name.
    pub team: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Start date in the role (`YYYY-MM-DD`).
    pub start_date: Option<String>,
    /// The manager's email.
    pub manager: Option<String>,
    /// Role on the ladder.
    pub role: Option<String>,
    /// A guessed role left for an admin to confirm.
    pub to_confirm: Option<Guess>,
    /// Whether anyone reports to them after the import.
    pub leads: bool,
    /// What changes (empty for a person who stays as they are; every set
    /// field for a new person).
    pub changes: Vec<FieldChange>,
}

impl Planned {
    /// Whether the person is new to the app.
    pub fn is_new(&self) -> bool {
        self.existing.is_none()
    }
}

/// A person who will be deactivated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leaving {
    /// The app's id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// Email.
    pub email: String,
}

/// What an import would do.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportPlan {
    /// Everyone in the file who can be imported, in file order.
    pub people: Vec<Planned>,
    /// People to deactivate (only with `deactivate_missing`).
    pub leaving: Vec<Leaving>,
    /// Every problem, in row order: those that leave a row out stop the
    /// import; the others (a dropped date) are warnings.
    pub problems: Vec<RowProblem>,
}

impl ImportPlan {
    /// People the import adds.
    pub fn added(&self) -> impl Iterator<Item = &Planned> {
        self.people.iter().filter(|p| p.is_new())
    }

    /// People already there whom the import changes.
    pub fn changed(&self) -> impl Iterator<Item = &Planned> {
        self.people
            .iter()
            .filter(|p| !p.is_new() && !p.changes.is_empty())
    }

    /// How many people stay as they are.
    pub fn unchanged(&self) -> usize {
        self.people
            .iter()
            .filter(|p| !p.is_new() && p.changes.is_empty())
            .count()
    }

    /// People whose role waits for an admin.
    pub fn to_confirm(&self) -> impl Iterator<Item = &Planned> {
        self.people.iter().filter(|p| p.to_confirm.is_some())
    }

    /// The problems that stop the import.
    pub fn blocking(&self) -> impl Iterator<Item = &RowProblem> {
        self.problems.iter().filter(|p| p.left_out)
    }

    /// Whether the import would change nothing.
    pub fn is_empty(&self) -> bool {
        self.leaving.is_empty() && self.people.iter().all(|p| p.changes.is_empty())
    }
}

/// A roster that cannot be imported at all.
#[derive(Debug, Error, PartialEq)]
pub enum ImportError {
    /// No email column: people are matched and sign in by email.
    #[error(
        "the roster has no email column: an import matches people and signs them in by work email; add one, or name it with --map email=\"COLUMN\""
    )]
    NoEmail,
}

/// The role a title sets, or the guess to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// Not a product-management title: no role.
    Outside,
    /// Sure enough: the role.
    Sure(String),
    /// A guess below the threshold.
    Unsure(Guess),
}

/// Where a title puts someone on the ladder: a role when the resolver is
/// at least `threshold` sure, a guess to confirm below it, nothing for a
/// title outside product management. Imports and directory sync both
/// place people this way.
pub fn place_title(
    ladder: &Ladder,
    resolver: &Resolver,
    title: &str,
    threshold: f32,
    scratch: &mut Scratch,
) -> Placed {
    let r = resolver.resolve(title, scratch);
    let id = resolver.role_id(r.role);
    if r.role == OTHER || ladder.role(id).is_none() {
        Placed::Outside
    } else if r.confidence >= threshold {
        Placed::Sure(id.to_owned())
    } else {
        Placed::Unsure(Guess {
            role: id.to_owned(),
            confidence: (r.confidence * 100.0).round().clamp(0.0, 100.0) as u8,
        })
    }
}

/// Works out what importing `roster` into an app holding `current` does.
pub fn plan_import(
    roster: &Roster,
    current: &[Current],
    ladder: &Ladder,
    resolver: &Resolver,
    options: &ImportOptions,
) -> Result<ImportPlan, ImportError> {
    if !roster.has_column(Field::Email) {
        return Err(ImportError::NoEmail);
    }
    let mut problems = roster.problems.clone();
    let links = Links::find(roster, current, options, &mut problems);

    // Each distinct title resolved once.
    let mut scratch = Scratch::default();
    let mut placed: Vec<Option<Placed>> = vec![None; roster.values().len()];
    let mut place = |number: usize, title: &str| -> Placed {
        placed[number]
            .get_or_insert_with(|| {
                place_title(ladder, resolver, title, options.threshold, &mut scratch)
            })
            .clone()
    };

    let by_id: FxHashMap<i64, &Current> = current.iter().map(|c| (c.id, c)).collect();
    let email_of = |id: Option<i64>| id.and_then(|id| by_id.get(&id)).map(|c| c.email.clone());
    let has = |f: Field| roster.has_column(f);
    let mut people = Vec::with_capacity(roster.len());
    for i in 0..roster.len() {
        if links.left_out[i] {
            continue;
        }
        let p = roster.person(i);
        let was = links.matched[i].map(|c| &current[c]);
        let keep_or = |f: Field, new: Option<&str>, old: Option<&String>| -> Option<String> {
            if has(f) {
                new.map(str::to_owned)
            } else {
                old.cloned()
            }
        };
        let title = Some(p.title.to_owned()).filter(|t| !t.is_empty());
        let (role, to_confirm) = match was {
            Some(c) if c.title == title => (c.role.clone(), c.pending.clone()),
            // A role an admin set before titles were imported stays.
            Some(c) if c.title.is_none() && c.role.is_some() => (c.role.clone(), None),
            _ => match title.as_deref().map(|t| place(roster.title_number(i), t)) {
                None | Some(Placed::Outside) => (None, None),
                Some(Placed::Sure(role)) => (Some(role), None),
                Some(Placed::Unsure(g)) => (was.and_then(|c| c.role.clone()), Some(g)),
            },
        };
        let manager = match links.manager[i] {
            Link::Row(j) => roster.email(j).map(str::to_owned),
            Link::Current(c) => Some(current[c].email.clone()),
            Link::None => None,
            Link::Unchanged => email_of(was.and_then(|c| c.manager)),
        };
        let mut planned = Planned {
            row: p.row,
            existing: was.map(|c| c.id),
            email: p.email.unwrap_or_default().to_owned(),
            name: p.name.to_owned(),
            employee_id: keep_or(
                Field::EmployeeId,
                p.employee_id,
                was.and_then(|c| c.employee_id.as_ref()),
            ),
            title,
            team: keep_or(Field::Team, p.team, was.and_then(|c| c.team.as_ref())),
            department: keep_or(
                Field::Department,
                p.department,
                was.and_then(|c| c.department.as_ref()),
            ),
            start_date: if has(Field::StartDate) {
                p.start.map(|d| d.to_string())
            } else {
                was.and_then(|c| c.start).map(|d| d.to_string())
            },
            manager,
            role,
            to_confirm,
            leads: links.leads[i],
            changes: Vec::new(),
        };
        planned.changes = changes(&planned, was, email_of(was.and_then(|c| c.manager)));
        people.push(planned);
    }
    let leaving = links
        .leaving
        .iter()
        .map(|&c| Leaving {
            id: current[c].id,
            name: current[c].name.clone(),
            email: current[c].email.clone(),
        })
        .collect();
    problems.sort_by_key(|p| p.row);
    Ok(ImportPlan {
        people,
        leaving,
        problems,
    })
}

/// What differs between a planned person and who they are now (every set
/// field, for someone new).
fn changes(p: &Planned, was: Option<&Current>, was_manager: Option<String>) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut note = |field: What, before: Option<String>, after: &Option<String>| {
        if before != *after {
            out.push(FieldChange {
                field,
                before,
                after: after.clone(),
            });
        }
    };
    let guess = |g: &Option<Guess>| {
        g.as_ref()
            .map(|g| format!("{} ({} % sure)", g.role, g.confidence))
    };
    note(
        What::Email,
        was.map(|c| c.email.clone()),
        &Some(p.email.clone()),
    );
    note(
        What::Name,
        was.map(|c| c.name.clone()),
        &Some(p.name.clone()),
    );
    note(
        What::EmployeeId,
        was.and_then(|c| c.employee_id.clone()),
        &p.employee_id,
    );
    note(What::Title, was.and_then(|c| c.title.clone()), &p.title);
    note(What::Team, was.and_then(|c| c.team.clone()), &p.team);
    note(
        What::Department,
        was.and_then(|c| c.department.clone()),
        &p.department,
    );
    note(
        What::StartDate,
        was.and_then(|c| c.start).map(|d| d.to_string()),
        &p.start_date,
    );
    note(What::Manager, was_manager, &p.manager);
    note(What::Role, was.and_then(|c| c.role.clone()), &p.role);
    note(
        What::RoleToConfirm,
        guess(&was.and_then(|c| c.pending.clone())),
        &guess(&p.to_confirm),
    );
    if let Some(c) = was
        && !c.active
    {
        note(
            What::Status,
            Some("former".to_owned()),
            &Some("active".to_owned()),
        );
    }
    out
}
