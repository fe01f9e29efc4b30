//! Ladder versions and the one in force.
//!
//! A company's upload is validated as a whole, stored as a new version and
//! put in force; lint warnings (vague criteria, copied text, missing
//! readiness) do not stop it, they come back with it. Before that, an admin
//! can preview it ([`App::preview_ladder`]): every change against the
//! version in force, with nothing stored, so a goalpost change is seen
//! before anyone is assessed against it. An upload may be a ladder file or
//! a workbook in the spreadsheet layout (`ladder_core::sheets`); a workbook
//! is stored as the ladder file it reads as. Stored versions are never
//! changed, so an assessment keeps the ladder it was made against.
//!
//! The version in force sits behind an `RwLock<Arc<InForce>>`: a caller
//! clones the `Arc` (no lock held while it works), an upload or
//! [`App::refresh`] swaps it. Parsed older versions are kept in a map, so a
//! report on an old assessment parses its ladder once per process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};

use ladder_core::Ladder;
use ladder_core::resolve::Resolver;
use ladder_store::Store;
use ladder_store::model::{LadderKind, LadderVersion, NewLadder};
use serde::Serialize;

use crate::access::require_admin;
use crate::{Actor, App, AppError, Problem, Result};

/// The ladder in force: its stored version, parsed, with its title resolver.
pub struct InForce {
    /// The stored version.
    pub version: LadderVersion,
    /// The parsed ladder.
    pub ladder: Arc<Ladder>,
    /// The title resolver compiled from the ladder.
    pub resolver: Resolver,
}

impl InForce {
    fn new(version: LadderVersion, ladder: Arc<Ladder>) -> Result<InForce> {
        let resolver = Resolver::new(&ladder).map_err(|e| {
            AppError::Internal(format!(
                "ladder version {}: its title resolver does not compile: {}",
                version.id, e.0
            ))
        })?;
        Ok(InForce {
            version,
            ladder,
            resolver,
        })
    }
}

/// The in-force version and the cache of parsed versions.
pub(crate) struct Ladders {
    in_force: RwLock<Arc<InForce>>,
    parsed: Mutex<HashMap<i64, Arc<Ladder>>>,
}

impl Ladders {
    /// Stores the embedded ladder if this program's version of it is new,
    /// then loads the ladder in force.
    pub(crate) async fn load(store: &dyn Store) -> Result<Ladders> {
        let embedded = ladder_core::embedded::ladder();
        store
            .ensure_embedded(NewLadder {
                kind: LadderKind::Embedded,
                name: embedded.ladder.name.clone(),
                label: embedded.ladder.version.clone(),
                source: ladder_core::embedded::TEXT.to_owned(),
            })
            .await?;
        let active = store
            .active_ladder()
            .await?
            .ok_or_else(|| AppError::Internal("no ladder is stored".into()))?;
        let ladder = Arc::new(parse_stored(&active)?);
        Ok(Ladders {
            parsed: Mutex::new(HashMap::from([(active.id, ladder.clone())])),
            in_force: RwLock::new(Arc::new(InForce::new(active, ladder)?)),
        })
    }
}

/// What an admin uploads: a ladder file's text, or the bytes of an .xlsx
/// workbook in the spreadsheet layout.
pub enum LadderUpload<'a> {
    /// A ladder file (TOML).
    Toml(&'a str),
    /// An .xlsx workbook.
    Xlsx(&'a [u8]),
}

impl<'a> LadderUpload<'a> {
    /// An uploaded file by its bytes: a zip (an .xlsx workbook starts with
    /// `PK`) or UTF-8 text.
    pub fn from_bytes(bytes: &'a [u8]) -> Result<LadderUpload<'a>> {
        if bytes.starts_with(b"PK") {
            return Ok(LadderUpload::Xlsx(bytes));
        }
        std::str::from_utf8(bytes)
            .map(LadderUpload::Toml)
            .map_err(|_| {
                AppError::BadRequest(
                    "the file is neither a ladder file (UTF-8 text) nor an .xlsx workbook".into(),
                )
            })
    }
}

/// An upload checked and compared with the version in force; nothing is
/// stored.
#[derive(Debug, Clone, Serialize)]
pub struct LadderPreview {
    /// The ladder file that would be stored (a workbook's, as TOML).
    pub source: String,
    /// The uploaded ladder.
    #[serde(skip)]
    pub ladder: Arc<Ladder>,
    /// The ladder in force it is compared with.
    #[serde(skip)]
    pub in_force: Arc<Ladder>,
    /// Every change from the version in force.
    pub changes: Vec<ladder_core::diff::Change>,
    /// Lint warnings, located.
    pub warnings: Vec<Problem>,
}

/// A checked upload.
struct Checked {
    source: String,
    ladder: Ladder,
    warnings: Vec<Problem>,
}

/// The ladder file of an upload, and the ladder in it when it passes
/// `ladder check`.
fn check_upload(upload: LadderUpload<'_>) -> Result<Checked> {
    let source = match upload {
        LadderUpload::Toml(text) => text.to_owned(),
        LadderUpload::Xlsx(bytes) => {
            let book = ladder_core::sheets::xlsx::read(bytes)
                .map_err(|e| AppError::BadRequest(format!("the workbook: {e}")))?;
            let ladder = ladder_core::sheets::from_workbook(&book).map_err(|errors| {
                let problems: Vec<Problem> = errors
                    .0
                    .iter()
                    .map(|e| Problem {
                        at: e.place.to_string(),
                        message: e.message.clone(),
                    })
                    .collect();
                AppError::Invalid {
                    summary: format!(
                        "the workbook has {} problem(s); nothing was stored (the layout: docs/spreadsheets.md)",
                        problems.len()
                    ),
                    problems,
                }
            })?;
            toml::to_string_pretty(&ladder)
                .map_err(|e| AppError::Internal(format!("a ladder did not serialise: {e}")))?
        }
    };
    if source.trim().is_empty() {
        return Err(AppError::BadRequest(
            "the ladder file is empty; choose a ladder file or paste one".into(),
        ));
    }
    let checked = ladder_core::file::check(&source, true);
    let Some(ladder) = checked.ladder else {
        let problems: Vec<Problem> = checked
            .diagnostics
            .0
            .iter()
            .filter(|d| d.is_error())
            .map(Problem::from_diagnostic)
            .collect();
        return Err(AppError::Invalid {
            summary: format!(
                "the ladder file has {} error(s); nothing was stored",
                problems.len()
            ),
            problems,
        });
    };
    let warnings = checked
        .diagnostics
        .0
        .iter()
        .filter(|d| !d.is_error())
        .map(Problem::from_diagnostic)
        .collect();
    Ok(Checked {
        source,
        ladder,
        warnings,
    })
}

/// A stored upload and what the linter says of it.
#[derive(Debug, Clone, Serialize)]
pub struct Uploaded {
    /// The new version, in force.
    #[serde(flatten)]
    pub version: LadderVersion,
    /// Lint warnings, located.
    pub warnings: Vec<Problem>,
}

impl App {
    /// The ladder in force.
    pub fn ladder(&self) -> Arc<InForce> {
        self.ladders
            .in_force
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn put_in_force(&self, version: LadderVersion, ladder: Arc<Ladder>) -> Result<()> {
        self.ladders
            .parsed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(version.id, ladder.clone());
        let next = Arc::new(InForce::new(version, ladder)?);
        *self
            .ladders
            .in_force
            .write()
            .unwrap_or_else(|e| e.into_inner()) = next;
        Ok(())
    }

    /// Swaps in the store's active ladder if it is not the one in force
    /// (another instance uploaded one).
    pub async fn refresh(&self) -> Result<()> {
        let Some(active) = self.store.active_ladder().await? else {
            return Ok(());
        };
        if active.id != self.ladder().version.id {
            let ladder = self.ladder_version(active.id).await?;
            self.put_in_force(active, ladder)?;
        }
        Ok(())
    }

    /// A stored ladder version, parsed (and kept for next time).
    pub async fn ladder_version(&self, id: i64) -> Result<Arc<Ladder>> {
        let cached = self
            .ladders
            .parsed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned();
        if let Some(l) = cached {
            return Ok(l);
        }
        let row = self
            .store
            .ladder(id)
            .await?
            .ok_or(AppError::NotFound("ladder version"))?;
        let ladder = Arc::new(parse_stored(&row)?);
        self.ladders
            .parsed
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, ladder.clone());
        Ok(ladder)
    }

    /// Every stored ladder version (admins).
    pub async fn ladder_versions(&self, by: Actor<'_>) -> Result<Vec<LadderVersion>> {
        require_admin(by)?;
        Ok(self.store.ladders().await?)
    }

    /// Checks an upload and compares it with the version in force, storing
    /// nothing (admins): what would change if it were put in force.
    pub async fn preview_ladder(
        &self,
        by: Actor<'_>,
        upload: LadderUpload<'_>,
    ) -> Result<LadderPreview> {
        require_admin(by)?;
        let checked = check_upload(upload)?;
        let in_force = self.ladder().ladder.clone();
        let changes = ladder_core::diff::diff(&in_force, &checked.ladder);
        Ok(LadderPreview {
            source: checked.source,
            ladder: Arc::new(checked.ladder),
            in_force,
            changes,
            warnings: checked.warnings,
        })
    }

    /// Validates and stores a company ladder as a new version, and puts it
    /// in force (admins).
    pub async fn upload_ladder(&self, by: Actor<'_>, upload: LadderUpload<'_>) -> Result<Uploaded> {
        require_admin(by)?;
        let Checked {
            source,
            ladder,
            warnings,
        } = check_upload(upload)?;
        let version = self
            .store
            .add_ladder(
                NewLadder {
                    kind: LadderKind::Upload,
                    name: ladder.ladder.name.clone(),
                    label: ladder.ladder.version.clone(),
                    source,
                },
                by.id(),
            )
            .await?;
        self.put_in_force(version.clone(), Arc::new(ladder))?;
        Ok(Uploaded { version, warnings })
    }
}

/// Parses a stored version; it was validated before it was stored, so a
/// failure means the database was edited by hand.
fn parse_stored(row: &LadderVersion) -> Result<Ladder> {
    ladder_core::file::parse(&row.source).map_err(|d| {
        AppError::Internal(format!(
            "stored ladder version {} no longer validates ({} problems); upload a corrected version",
            row.id,
            d.error_count()
        ))
    })
}
