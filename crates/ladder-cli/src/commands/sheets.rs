//! `ladder import` and `ladder export --format xlsx|csv`: a ladder kept in a
//! spreadsheet brought into the file format, and the file written out as a
//! spreadsheet. The conversion is ladder-core's ([`ladder_core::sheets`]);
//! this reads and writes the files and prints what went wrong, by sheet,
//! row and column, or by the role and competency `ladder check` names.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use ladder_core::sheets::{self, Sheet, Workbook};

use crate::Outcome;
use crate::cli::LadderFileFormat;
use crate::{input, output};

/// What kind of spreadsheet a path is.
enum Kind {
    Xlsx,
    /// A directory of CSV files, one per sheet.
    CsvDir(PathBuf),
}

fn kind_of(path: &Path) -> Result<Kind> {
    if path.is_dir() {
        return Ok(Kind::CsvDir(path.to_owned()));
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("xlsx") => Ok(Kind::Xlsx),
        // One sheet of an exported directory: the directory is the workbook.
        Some("csv") => Ok(Kind::CsvDir(
            path.parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
                .to_owned(),
        )),
        _ => bail!(
            "{} is not a spreadsheet ladder; give an .xlsx file, a directory of CSV files (roles.csv, criteria.csv…) or one of those CSV files",
            path.display()
        ),
    }
}

/// Reads the CSV files of a directory, one sheet each, in layout order.
fn read_csv_dir(dir: &Path) -> Result<Workbook> {
    let mut book = Workbook::default();
    for layout in sheets::SHEETS {
        let file = dir.join(sheets::csv::file_name(layout.name));
        match std::fs::read(&file) {
            Ok(bytes) => book.sheets.push(
                sheets::csv::read(layout.name, &bytes)
                    .map_err(|e| anyhow!("{}: {e}", dir.display()))?,
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", file.display())),
        }
    }
    if book.sheet("Roles").is_none() {
        bail!(
            "{} has no roles.csv; a ladder exported with `ladder export --format csv --out {}` has one CSV file per sheet",
            dir.display(),
            dir.display()
        );
    }
    Ok(book)
}

/// `ladder import FILE [--out FILE]`.
pub fn import(path: &Path, out: Option<&Path>) -> Result<Outcome> {
    let book = match kind_of(path)? {
        Kind::Xlsx => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            sheets::xlsx::read(&bytes).map_err(|e| anyhow!("{}: {e}", path.display()))?
        }
        Kind::CsvDir(dir) => read_csv_dir(&dir)?,
    };
    let origin = path.display().to_string();
    let ladder = match sheets::from_workbook(&book) {
        Ok(l) => l,
        Err(errors) => {
            for e in &errors.0 {
                eprintln!("error: {origin}: {e}");
            }
            eprintln!(
                "{} problem{} in {origin}; nothing was written. The layout is in docs/spreadsheets.md.",
                errors.0.len(),
                if errors.0.len() == 1 { "" } else { "s" }
            );
            return Ok(Outcome::BadInput);
        }
    };
    let text = toml::to_string_pretty(&ladder).context("cannot write the ladder as TOML")?;
    // What `ladder check` would say of the file written.
    let checked = ladder_core::file::check(&text, false);
    if checked.ladder.is_none() {
        eprint!(
            "{}",
            output::diagnostics_text(&checked.diagnostics, &origin)
        );
        eprintln!(
            "{origin} reads, but the ladder it holds is not valid (above); nothing was written. Fix the sheets and import again."
        );
        return Ok(Outcome::BadInput);
    }
    match out {
        Some(o) => {
            std::fs::write(o, &text).with_context(|| format!("cannot write {}", o.display()))?;
            eprintln!(
                "wrote {} ({} roles, {} competencies); check it with `ladder check {}`",
                o.display(),
                ladder.roles.len(),
                ladder.competencies.items.len(),
                o.display()
            );
        }
        None => output::print(&text)?,
    }
    Ok(Outcome::Ok)
}

/// The format `ladder export` writes: as asked, else by `--out`'s name.
fn format_for(format: Option<LadderFileFormat>, out: Option<&Path>) -> LadderFileFormat {
    format.unwrap_or_else(
        || match out.and_then(|o| o.extension()).and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("xlsx") => LadderFileFormat::Xlsx,
            _ => LadderFileFormat::Toml,
        },
    )
}

/// `ladder export [--format toml|xlsx|csv] [--out PATH]`.
pub fn export(
    ladder: Option<&Path>,
    format: Option<LadderFileFormat>,
    out: Option<&Path>,
) -> Result<Outcome> {
    match format_for(format, out) {
        LadderFileFormat::Toml => {
            let text = match ladder {
                None => ladder_core::embedded::TEXT.to_owned(),
                Some(p) => toml::to_string_pretty(input::ladder(Some(p))?.get())
                    .context("cannot write the ladder as TOML")?,
            };
            match out {
                Some(o) => std::fs::write(o, text)
                    .with_context(|| format!("cannot write {}", o.display()))?,
                None => output::print(&text)?,
            }
        }
        LadderFileFormat::Xlsx => {
            let out = out.ok_or_else(|| {
                anyhow!("an .xlsx workbook is not text for a terminal; name the file with --out ladder.xlsx")
            })?;
            let book = sheets::to_workbook(input::ladder(ladder)?.get());
            let bytes = sheets::xlsx::write(&book)?;
            std::fs::write(out, bytes)
                .with_context(|| format!("cannot write {}", out.display()))?;
            eprintln!("wrote {} ({} sheets)", out.display(), book.sheets.len());
        }
        LadderFileFormat::Csv => {
            let dir = out.ok_or_else(|| {
                anyhow!("CSV export writes one file per sheet; name a directory with --out ladder-sheets")
            })?;
            let book = sheets::to_workbook(input::ladder(ladder)?.get());
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot make the directory {}", dir.display()))?;
            for sheet in &book.sheets {
                write_csv(dir, sheet)?;
            }
            eprintln!("wrote {} CSV files to {}", book.sheets.len(), dir.display());
        }
    }
    Ok(Outcome::Ok)
}

fn write_csv(dir: &Path, sheet: &Sheet) -> Result<()> {
    let file = dir.join(sheets::csv::file_name(&sheet.name));
    std::fs::write(&file, sheets::csv::write(sheet))
        .with_context(|| format!("cannot write {}", file.display()))
}
