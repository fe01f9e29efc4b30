//! Reading ladders: the built-in one, or a company's file.
//!
//! A file that does not parse or validate is reported with every diagnostic,
//! `FILE:LINE:COL`, on stderr, and the command ends with exit code 2; nothing is
//! written.

use std::path::Path;

use anyhow::{Context, Result, bail};
use ladder_core::{Ladder, embedded};

use crate::output;

/// The special path that stands for the built-in ladder in `ladder diff`.
pub const EMBEDDED_NAME: &str = "@embedded";

/// A ladder and where it came from.
pub enum Loaded {
    /// The built-in ladder.
    Embedded(&'static Ladder),
    /// A ladder read from a file.
    File(Box<Ladder>),
}

impl Loaded {
    /// The ladder.
    pub fn get(&self) -> &Ladder {
        match self {
            Loaded::Embedded(l) => l,
            Loaded::File(l) => l,
        }
    }
}

/// Reads a file as UTF-8 text, with the path in every error.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.into_bytes()[..at]).into_owned();
            let loc = ladder_core::file::Location::in_text(&text, at..at);
            bail!(
                "{}:{}:{}: the file is not UTF-8 text (byte {at})\n  hint: save it as UTF-8",
                path.display(),
                loc.line,
                loc.column
            )
        }
    }
}

/// The text of each of the ladder's sources that names a `file`, read from
/// `dir`. A source without a file is skipped (there is nothing to read); a
/// named file that is missing is an error, naming the source and the path.
pub fn articles(
    ladder: &ladder_core::Ladder,
    dir: &Path,
) -> Result<ladder_core::article::Articles> {
    if !dir.is_dir() {
        bail!(
            "{}: no such folder\n  hint: give the folder that holds the sources' text files",
            dir.display()
        );
    }
    // Read every named file here, so a missing one is an error naming its
    // source; which text belongs to which source is decided in one place,
    // `Articles::from_files`, for the server too.
    let mut files = std::collections::HashMap::new();
    for s in &ladder.sources {
        let Some(file) = &s.file else { continue };
        let text = read_text(&dir.join(file)).with_context(|| {
            format!("the source `{}` ({}) names the file {file}", s.id, s.title)
        })?;
        files.insert(file.clone(), text);
    }
    Ok(ladder_core::article::Articles::from_files(ladder, &files))
}

/// Every text file directly in `dir`, by file name, for a server whose
/// ladder in force (and so which sources it names) can change while it runs.
/// Files that are not UTF-8 text, or larger than 10 MB, are skipped.
pub fn source_texts(dir: &Path) -> Result<std::collections::HashMap<String, String>> {
    const MAX_BYTES: u64 = 10 * 1024 * 1024;
    let entries = std::fs::read_dir(dir).with_context(|| {
        format!(
            "cannot read the folder {}\n  hint: give the folder that holds the sources' text files",
            dir.display()
        )
    })?;
    let mut out = std::collections::HashMap::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("cannot read the folder {}", dir.display()))?;
        let meta = entry.metadata()?;
        if !meta.is_file() || meta.len() > MAX_BYTES {
            continue;
        }
        if let Ok(text) = String::from_utf8(std::fs::read(entry.path())?) {
            out.insert(entry.file_name().to_string_lossy().into_owned(), text);
        }
    }
    Ok(out)
}

/// The ladder of `--ladder FILE`, or the built-in one.
pub fn ladder(path: Option<&Path>) -> Result<Loaded> {
    match path {
        None => Ok(Loaded::Embedded(embedded::ladder())),
        Some(p) if p.as_os_str() == EMBEDDED_NAME => Ok(Loaded::Embedded(embedded::ladder())),
        Some(p) => {
            let text = read_text(p)?;
            match ladder_core::parse(&text) {
                Ok(l) => Ok(Loaded::File(Box::new(l))),
                Err(d) => {
                    let origin = p.display().to_string();
                    eprint!("{}", output::diagnostics_text(&d, &origin));
                    bail!(
                        "{origin} is not a valid ladder file ({d}); run `ladder check {origin}` after fixing it"
                    )
                }
            }
        }
    }
}
