//! A ladder as a workbook: the layout companies keep their ladders in (a
//! sheet of roles, a competency × level matrix of criteria, a competency ×
//! role grid of expected levels, pay bands by zone), read into the model and
//! written back out.
//!
//! The conversion works on plain [`Workbook`]s (named sheets of text cells)
//! so one reader and one writer serve both file kinds: [`xlsx`] turns an
//! .xlsx file into a workbook and back with calamine and rust_xlsxwriter,
//! [`csv`] does the same for one CSV file per sheet. The layout is
//! documented in `docs/spreadsheets.md`; every sheet and column is listed
//! in [`layout`], the one place both directions take their names from.
//!
//! Nothing is lost on the way: parts of the file that are not tables a
//! person edits in a grid (company-size profiles, entry points, the title
//! resolver, simulation parameters, organisation facts) travel as TOML text
//! in the `Tables` sheet, one row per entry, so a round trip of any valid
//! ladder gives `ladder diff` "no differences".

mod cells;
pub mod csv;
mod layout;
mod read;
mod write;
pub mod xlsx;

use std::fmt;

pub use layout::SHEETS;
pub use read::from_workbook;
pub use write::to_workbook;

/// One sheet: its name and its rows of text cells, the header first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    /// The sheet's name (`Roles`).
    pub name: String,
    /// The rows, as the spreadsheet shows them; row `i` is row `i + first_row`.
    pub rows: Vec<Vec<String>>,
    /// The number the spreadsheet gives the first row (1 unless the sheet
    /// starts lower down).
    pub first_row: usize,
}

impl Sheet {
    /// A sheet whose first row is row 1.
    pub fn new(name: impl Into<String>, rows: Vec<Vec<String>>) -> Self {
        Sheet {
            name: name.into(),
            rows,
            first_row: 1,
        }
    }
}

/// Named sheets, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    /// The sheets.
    pub sheets: Vec<Sheet>,
}

impl Workbook {
    /// The sheet with this name, whatever its case.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(name))
    }
}

/// Where in a workbook something is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The sheet.
    pub sheet: String,
    /// The row, as the spreadsheet numbers it.
    pub row: Option<usize>,
    /// The column's header.
    pub column: Option<String>,
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sheet {}", self.sheet)?;
        if let Some(r) = self.row {
            write!(f, ", row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column \"{c}\"")?;
        }
        Ok(())
    }
}

/// A problem with a workbook, placed by sheet, row and column.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {message}")]
pub struct SheetError {
    /// Where.
    pub place: Place,
    /// What is wrong and what to do.
    pub message: String,
}

/// Every problem found in a workbook (reading goes on after the first, so
/// one pass shows them all).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct SheetErrors(pub Vec<SheetError>);

impl fmt::Display for SheetErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// A workbook file that cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    /// The .xlsx file is not a workbook calamine can read.
    #[error("it is not a workbook that can be read ({0}); save it again as .xlsx")]
    Xlsx(String),
    /// A CSV sheet is not CSV.
    #[error("{name}: {message}")]
    Csv {
        /// The sheet's file name.
        name: String,
        /// What is wrong.
        message: String,
    },
    /// Writing the .xlsx file failed.
    #[error("the workbook could not be written ({0})")]
    Write(String),
}

#[cfg(test)]
mod tests;
