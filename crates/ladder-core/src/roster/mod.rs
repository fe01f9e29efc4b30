//! Rosters: the people of an org as an HR system exports them (CSV or a
//! workbook), read into rows that org analytics and imports work on.
//!
//! HR exports are messy, and a roster is only useful if nothing in it is
//! silently lost: the reader takes a byte-order mark, commas, semicolons or
//! tabs, headers under any of their usual names (see [`columns`]), and
//! reports each row it cannot use by its row number in the file (the header
//! is row 1) with the field and what to do, keeping the rest. Only a file it
//! cannot read at all (no title column, not CSV) is refused as a whole.
//!
//! A roster may hold a million people, so it is stored the way it is read:
//! every kept cell's text goes into one buffer and each person is a fixed
//! row of ranges into it, with titles, teams and departments (a few hundred
//! distinct values) kept once each and named by number. Reading allocates
//! nothing per cell, the file is streamed rather than held, and
//! [`Roster::person`] hands out borrowed views.

pub mod columns;
mod csv;
mod date;
pub mod import;
mod store;
mod xlsx;

use std::fmt;

use thiserror::Error;

pub use columns::{Columns, Field, HeaderMap};
pub use csv::{read_csv, read_csv_sized};
pub use date::{Day, parse_day};
pub use store::{Person, Roster};
pub use xlsx::read_xlsx;
pub(crate) use xlsx::text as cell_text;

/// A roster that cannot be read at all.
#[derive(Debug, Error, PartialEq)]
pub enum RosterError {
    /// The file has no header row.
    #[error(
        "the roster is empty: the first row should name the columns (name, email, title, manager, …)"
    )]
    Empty,
    /// A field has no column.
    #[error(
        "no column holds the {field}: looked for {}; the columns are {}. Name it with --map {field}=\"COLUMN\"",
        looked_for.join(", "),
        headers.join(", ")
    )]
    MissingColumn {
        /// The field.
        field: &'static str,
        /// The column names tried.
        looked_for: Vec<String>,
        /// The file's columns.
        headers: Vec<String>,
    },
    /// A `--map` pair that cannot be used.
    #[error("--map {given}: {why}")]
    Map {
        /// The pair as given.
        given: String,
        /// Why not, and what to write.
        why: String,
    },
    /// The spreadsheet cannot be opened.
    #[error(
        "not a readable .xlsx workbook ({0}); save it again from the spreadsheet program, or export it as CSV"
    )]
    Workbook(String),
    /// The file could not be read to its end.
    #[error("reading the roster stopped at row {row}: {message}")]
    Io {
        /// Row number in the file where reading stopped.
        row: u64,
        /// What the system said.
        message: String,
    },
    /// The roster's text does not fit the reader's 4 GiB of cells.
    #[error(
        "the roster holds more than 4 GiB of text; split it, or leave out columns it does not need"
    )]
    TooLarge,
}

/// Text as a spreadsheet cell that is never a formula: a cell a person
/// typed that starts with `=`, `+`, `-` or `@` gets a leading apostrophe.
/// Every CSV ladder writes for a spreadsheet (the heatmap, the org report's
/// findings) goes through this.
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct RowProblem {
    /// Row number in the file (the header is row 1).
    pub row: u64,
    /// The field at fault.
    pub field: &'static str,
    /// What is wrong and what to do.
    pub message: String,
    /// Whether the row was left out (else only the field was dropped).
    pub left_out: bool,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, {}: {}", self.row, self.field, self.message)?;
        if self.left_out {
            f.write_str(" (row left out)")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
