//! Rosters: the people of an org as an HR system exports them (CSV), read
//! into rows that org analytics and imports work on.
//!
//! HR exports are messy, and a roster is only useful if nothing in it is
//! silently lost: the reader takes a byte-order mark, commas, semicolons or
//! tabs, headers under any of their usual names (see [`columns`]), and
//! reports each row it cannot use by its row number in the file (the header
//! is row 1) with the field and what to do, keeping the rest. Only a file it
//! cannot read at all (no title column, not CSV) is refused as a whole.

pub mod columns;
mod date;
mod xlsx;

use std::fmt;

use thiserror::Error;

pub use columns::{Columns, Field, HeaderMap};
pub use date::{Day, parse_day};
pub use xlsx::read_xlsx;

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
    /// The CSV itself is broken.
    #[error("row {row}: {message}")]
    Csv {
        /// Row number in the file (the header is row 1).
        row: u64,
        /// What the CSV reader said.
        message: String,
    },
}

/// One person of a roster, as written (trimmed; empty cells are `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct RosterPerson {
    /// Row number in the file (the header is row 1).
    pub row: u64,
    /// Name (first and last joined when the file splits them).
    pub name: String,
    /// Work email, lower case.
    pub email: Option<String>,
    /// Employee number.
    pub employee_id: Option<String>,
    /// Job title.
    pub title: String,
    /// The manager's email or employee number, as written.
    pub manager: Option<String>,
    /// Team.
    pub team: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Start date in the role (or hire date).
    pub start: Option<Day>,
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

/// The people read, and the rows that could not be used as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    /// People, in file order.
    pub people: Vec<RosterPerson>,
    /// Problems, in file order.
    pub problems: Vec<RowProblem>,
}

/// The delimiter a header line uses: the most frequent of comma, semicolon
/// and tab outside quotes (a comma when there is none).
fn sniff_delimiter(first_line: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in first_line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

/// Reads a roster from CSV bytes (UTF-8, with or without a byte-order mark).
pub fn read_csv(bytes: &[u8], map: &HeaderMap) -> Result<Roster, RosterError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first_line = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff_delimiter(first_line))
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut records = reader.byte_records();
    let header = loop {
        match records.next() {
            None => return Err(RosterError::Empty),
            Some(Err(e)) => return Err(csv_error(&e, 1)),
            Some(Ok(r)) if r.iter().all(|c| c.trim_ascii().is_empty()) => continue,
            Some(Ok(r)) => break r,
        }
    };
    let headers: Vec<String> = header
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_owned())
        .collect();
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    let columns = Columns::find(&names, map)?;
    // Sized once from the line count: growing a Vec of a million people
    // copies it about twenty times.
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    let mut out = Roster {
        people: Vec::with_capacity(lines),
        problems: Vec::new(),
    };
    // Row numbers as an editor shows them: counted from the byte offset of
    // each record (the reader's own line count drifts after blank lines).
    let mut lines = LineCounter::new(bytes);
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let row = e.position().map_or(0, |p| lines.line_at(p.byte()));
                out.problems.push(RowProblem {
                    row,
                    field: "row",
                    message: format!("not readable as CSV ({e}); check its quotes"),
                    left_out: true,
                });
                continue;
            }
        };
        let row = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|c| c.trim_ascii().is_empty()) {
            continue;
        }
        if let Some(p) = person(|i| record.get(i), row, &columns, &mut out.problems) {
            out.people.push(p);
        }
    }
    Ok(out)
}

/// Line numbers of byte offsets, asked for in increasing order.
struct LineCounter<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        LineCounter {
            bytes,
            at: 0,
            line: 1,
        }
    }

    /// The line (from 1) that byte `offset` is on.
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut offset = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(self.bytes.len());
        // A record's offset is where the one before it ended: blank lines
        // skipped in between are not part of it.
        while offset < self.bytes.len() && matches!(self.bytes[offset], b'\n' | b'\r') {
            offset += 1;
        }
        if offset > self.at {
            self.line += self.bytes[self.at..offset]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            self.at = offset;
        }
        self.line
    }
}

fn csv_error(e: &csv::Error, row: u64) -> RosterError {
    RosterError::Csv {
        row: e.position().map_or(row, |p| p.line()),
        message: e.to_string(),
    }
}

/// One row as a person; `None` (with a problem) when it cannot be one.
pub(crate) fn person<'r>(
    cells: impl Fn(usize) -> Option<&'r [u8]>,
    row: u64,
    columns: &Columns,
    problems: &mut Vec<RowProblem>,
) -> Option<RosterPerson> {
    let mut problem = |field: Field, message: String, left_out: bool| {
        problems.push(RowProblem {
            row,
            field: field.as_str(),
            message,
            left_out,
        });
    };
    // One allocation per non-empty cell: trimmed as bytes, checked as UTF-8.
    let mut cell = |field: Field| -> Option<String> {
        let raw = cells(columns.at(field)?)?.trim_ascii();
        if raw.is_empty() {
            return None;
        }
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t.to_owned(),
            Err(_) => {
                problem(
                    field,
                    "is not UTF-8; export the file as UTF-8 CSV".to_owned(),
                    false,
                );
                String::from_utf8_lossy(raw).trim().to_owned()
            }
        };
        (!text.is_empty()).then_some(text)
    };
    let name = cell(Field::Name).or_else(|| {
        let first = cell(Field::FirstName);
        let last = cell(Field::LastName);
        match (first, last) {
            (None, None) => None,
            (f, l) => Some([f, l].into_iter().flatten().collect::<Vec<_>>().join(" ")),
        }
    });
    let title = cell(Field::Title);
    let email = cell(Field::Email).map(|e| {
        if e.bytes().any(|b| b.is_ascii_uppercase()) || !e.is_ascii() {
            e.to_lowercase()
        } else {
            e
        }
    });
    let employee_id = cell(Field::EmployeeId);
    let manager = cell(Field::Manager);
    let team = cell(Field::Team);
    let department = cell(Field::Department);
    let start_text = cell(Field::StartDate);
    let Some(title) = title else {
        problem(
            Field::Title,
            "is empty; every person needs a job title".to_owned(),
            true,
        );
        return None;
    };
    let Some(name) = name.or_else(|| email.clone()) else {
        problem(
            Field::Name,
            "is empty and there is no email to name the person by".to_owned(),
            true,
        );
        return None;
    };
    if let Some(e) = &email
        && !e.contains('@')
    {
        problem(
            Field::Email,
            format!("`{e}` is not an email address"),
            false,
        );
    }
    let start = match start_text {
        None => None,
        Some(t) => match parse_day(&t) {
            Some(d) => Some(d),
            None => {
                problem(
                    Field::StartDate,
                    format!("`{t}` is not a date; write it as 2024-03-31"),
                    false,
                );
                None
            }
        },
    };
    Some(RosterPerson {
        row,
        name,
        email: email.filter(|e| e.contains('@')),
        employee_id,
        title,
        manager,
        team,
        department,
        start,
    })
}

#[cfg(test)]
mod tests;
