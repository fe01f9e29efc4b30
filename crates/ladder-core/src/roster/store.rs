//! How a roster holds its people: one text buffer, a fixed row of ranges
//! per person, and the few distinct titles, teams and departments once each.
//!
//! A million people as a `String` per cell is seven million allocations and
//! about half a gigabyte; as ranges into one buffer it is the text itself
//! plus 52 bytes a person, and reading is a copy per cell. Rows are added
//! from cells as a reader finds them ([`Roster::add_row`], which checks them
//! and notes problems by row) or from known values ([`Roster::push`], for
//! people that come from somewhere other than a file).

use std::borrow::Cow;

use rustc_hash::FxHashMap;

use super::{Columns, Day, Field, RosterError, RowProblem, parse_day};

/// A range of the roster's text; empty means "no value".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Span {
    at: u32,
    len: u32,
}

/// A cell as a reader hands it over: text already known to be UTF-8, or
/// bytes to check (a cell that is not UTF-8 is kept lossily, with a problem).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl<'a> Cell<'a> {
    /// The cell without the spaces around it; `None` when that is nothing.
    fn trimmed(self) -> Option<Cell<'a>> {
        let c = match self {
            Cell::Text(t) => Cell::Text(t.trim_ascii()),
            Cell::Bytes(b) => Cell::Bytes(b.trim_ascii()),
        };
        let empty = match c {
            Cell::Text(t) => t.is_empty(),
            Cell::Bytes(b) => b.is_empty(),
        };
        (!empty).then_some(c)
    }

    fn bytes(self) -> &'a [u8] {
        match self {
            Cell::Text(t) => t.as_bytes(),
            Cell::Bytes(b) => b,
        }
    }
}

/// "No value" for an interned field.
const NONE: u32 = u32::MAX;

/// One person as stored: 52 bytes (a row number past four billion is
/// kept as `u32::MAX`; no file that fits the text buffer has one).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Row {
    row: u32,
    name: Span,
    email: Span,
    employee_id: Span,
    manager: Span,
    title: u32,
    team: u32,
    department: u32,
    start: Option<Day>,
}

/// One person of a roster, as written (trimmed; empty cells are `None`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Person<'a> {
    /// Row number in the file (the header is row 1).
    pub row: u64,
    /// Name (first and last joined when the file splits them).
    pub name: &'a str,
    /// Work email, lower case.
    pub email: Option<&'a str>,
    /// Employee number.
    pub employee_id: Option<&'a str>,
    /// Job title.
    pub title: &'a str,
    /// The manager's email or employee number, as written.
    pub manager: Option<&'a str>,
    /// Team.
    pub team: Option<&'a str>,
    /// Department.
    pub department: Option<&'a str>,
    /// Start date in the role (or hire date).
    pub start: Option<Day>,
}

/// The people read, and the rows that could not be used as they are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Roster {
    text: String,
    rows: Vec<Row>,
    /// Distinct titles, teams and departments, by number.
    values: Vec<String>,
    numbers: FxHashMap<String, u32>,
    /// Problems, in file order.
    pub problems: Vec<RowProblem>,
    /// The file's columns (`None` for a roster built with [`Roster::push`],
    /// which has every field).
    columns: Option<Columns>,
}

impl Roster {
    /// An empty roster with room for `people`.
    pub fn with_capacity(people: usize) -> Roster {
        Roster {
            rows: Vec::with_capacity(people),
            ..Roster::default()
        }
    }

    /// An empty roster with room for the people of a file of `bytes` bytes:
    /// a row per 40 bytes of file (shorter rows than any real export's), and
    /// the file's size of text.
    pub(crate) fn sized_for(bytes: u64) -> Roster {
        let bytes = usize::try_from(bytes)
            .unwrap_or(usize::MAX / 2)
            .min(u32::MAX as usize);
        Roster {
            rows: Vec::with_capacity(bytes / 40),
            text: String::with_capacity(bytes),
            ..Roster::default()
        }
    }

    /// Notes the file's columns (see [`Roster::has_column`]).
    pub(crate) fn set_columns(&mut self, columns: &Columns) {
        self.columns = Some(columns.clone());
    }

    /// Whether the file has a column for `field` (the name counts as there
    /// when first and last names are). An import leaves what the file does
    /// not say as it was, rather than blanking it.
    pub fn has_column(&self, field: Field) -> bool {
        let Some(c) = &self.columns else { return true };
        match field {
            Field::Name | Field::FirstName | Field::LastName => {
                c.at(Field::Name).is_some()
                    || (c.at(Field::FirstName).is_some() && c.at(Field::LastName).is_some())
            }
            f => c.at(f).is_some(),
        }
    }

    /// How many people.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether there is nobody.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn span(&self, s: Span) -> Option<&str> {
        (s.len > 0).then(|| &self.text[s.at as usize..(s.at + s.len) as usize])
    }

    fn value(&self, n: u32) -> Option<&str> {
        (n != NONE).then(|| self.values[n as usize].as_str())
    }

    /// Person `i` (in file order).
    pub fn person(&self, i: usize) -> Person<'_> {
        let r = &self.rows[i];
        Person {
            row: u64::from(r.row),
            name: self.span(r.name).unwrap_or(""),
            email: self.span(r.email),
            employee_id: self.span(r.employee_id),
            title: self.value(r.title).unwrap_or(""),
            manager: self.span(r.manager),
            team: self.value(r.team),
            department: self.value(r.department),
            start: r.start,
        }
    }

    /// Everyone, in file order.
    pub fn people(&self) -> impl ExactSizeIterator<Item = Person<'_>> + '_ {
        (0..self.rows.len()).map(|i| self.person(i))
    }

    /// Row number of person `i`.
    pub fn row(&self, i: usize) -> u64 {
        u64::from(self.rows[i].row)
    }

    /// Email of person `i`.
    pub fn email(&self, i: usize) -> Option<&str> {
        self.span(self.rows[i].email)
    }

    /// Manager (email or employee number) of person `i`.
    pub fn manager(&self, i: usize) -> Option<&str> {
        self.span(self.rows[i].manager)
    }

    /// Employee number of person `i`.
    pub fn employee_id(&self, i: usize) -> Option<&str> {
        self.span(self.rows[i].employee_id)
    }

    /// Name of person `i`.
    pub fn name(&self, i: usize) -> &str {
        self.span(self.rows[i].name).unwrap_or("")
    }

    /// Start date of person `i`.
    pub fn start(&self, i: usize) -> Option<Day> {
        self.rows[i].start
    }

    /// The number of person `i`'s title among [`Roster::titles`]' values
    /// (people with the same title share it).
    pub fn title_number(&self, i: usize) -> usize {
        self.rows[i].title as usize
    }

    /// The number of person `i`'s team, if they have one.
    pub fn team_number(&self, i: usize) -> Option<usize> {
        let t = self.rows[i].team;
        (t != NONE).then_some(t as usize)
    }

    /// Every distinct title, team and department, by number.
    pub fn values(&self) -> &[String] {
        &self.values
    }

    /// Adds a person (the text is copied).
    pub fn push(&mut self, p: &Person<'_>) -> Result<(), RosterError> {
        let name = self.add(p.name)?;
        let email = match p.email {
            Some(e) => self.add(e)?,
            None => Span::default(),
        };
        let employee_id = match p.employee_id {
            Some(e) => self.add(e)?,
            None => Span::default(),
        };
        let manager = match p.manager {
            Some(m) => self.add(m)?,
            None => Span::default(),
        };
        let row = Row {
            row: u32::try_from(p.row).unwrap_or(u32::MAX),
            name,
            email,
            employee_id,
            manager,
            title: self.number(p.title),
            team: p.team.map_or(NONE, |t| self.number(t)),
            department: p.department.map_or(NONE, |d| self.number(d)),
            start: p.start,
        };
        self.rows.push(row);
        Ok(())
    }

    /// The text appended, as a span.
    fn add(&mut self, text: &str) -> Result<Span, RosterError> {
        let at = u32::try_from(self.text.len()).map_err(|_| RosterError::TooLarge)?;
        let len = u32::try_from(text.len()).map_err(|_| RosterError::TooLarge)?;
        at.checked_add(len).ok_or(RosterError::TooLarge)?;
        self.text.push_str(text);
        Ok(Span { at, len })
    }

    /// The number of a title, team or department (a new one if unseen).
    fn number(&mut self, value: &str) -> u32 {
        if let Some(&n) = self.numbers.get(value) {
            return n;
        }
        let n = self.values.len() as u32;
        self.values.push(value.to_owned());
        self.numbers.insert(value.to_owned(), n);
        n
    }

    /// Adds the person of one row of cells, or notes why not: a row without
    /// a title, or without a name or email, is left out; a cell that is not
    /// UTF-8, an email without `@` or a date that is not one is dropped with
    /// a problem and the person kept. Returns whether the row was kept.
    pub(crate) fn add_row<'r>(
        &mut self,
        cells: impl Fn(usize) -> Option<Cell<'r>>,
        row: u64,
        columns: &Columns,
    ) -> Result<bool, RosterError> {
        let cell = |field: Field| -> Option<Cell<'r>> { cells(columns.at(field)?)?.trimmed() };
        let Some(title) = cell(Field::Title) else {
            self.problem(
                row,
                Field::Title,
                "is empty; every person needs a job title",
                true,
            );
            return Ok(false);
        };
        let rollback = self.text.len();
        let mut name = match cell(Field::Name) {
            Some(n) => self.add_cell(n, row, Field::Name)?,
            None => {
                // First and last, joined by a space, as one span.
                let first = cell(Field::FirstName);
                let last = cell(Field::LastName);
                let a = first.map(|f| self.add_cell(f, row, Field::FirstName));
                if first.is_some() && last.is_some() {
                    self.text.push(' ');
                }
                let b = last.map(|l| self.add_cell(l, row, Field::LastName));
                match (a.transpose()?, b.transpose()?) {
                    (None, None) => Span::default(),
                    (Some(a), None) => a,
                    (None, Some(b)) => b,
                    (Some(a), Some(b)) => Span {
                        at: a.at,
                        len: b.at + b.len - a.at,
                    },
                }
            }
        };
        let mut email = match cell(Field::Email) {
            Some(e) => self.add_cell(e, row, Field::Email)?,
            None => Span::default(),
        };
        // A person without a name is named by what their email cell says.
        let written_email = email;
        if email.len > 0 {
            let range = email.at as usize..(email.at + email.len) as usize;
            let text = &self.text[range.clone()];
            // One pass: is there an `@`, a capital, anything not ASCII?
            let (mut at, mut upper, mut ascii) = (false, false, true);
            for b in text.bytes() {
                at |= b == b'@';
                upper |= b.is_ascii_uppercase();
                ascii &= b.is_ascii();
            }
            if !at {
                let message = format!("`{text}` is not an email address");
                self.problem(row, Field::Email, &message, false);
                email = Span::default();
            } else if ascii && upper {
                self.text[range].make_ascii_lowercase();
            } else if !ascii && text.chars().any(char::is_uppercase) {
                let lower = text.to_lowercase();
                email = self.add(&lower)?;
            }
        }
        if name.len == 0 {
            if written_email.len == 0 {
                self.text.truncate(rollback);
                self.problem(
                    row,
                    Field::Name,
                    "is empty and there is no email to name the person by",
                    true,
                );
                return Ok(false);
            }
            name = written_email;
        }
        let employee_id = match cell(Field::EmployeeId) {
            Some(e) => self.add_cell(e, row, Field::EmployeeId)?,
            None => Span::default(),
        };
        let manager = match cell(Field::Manager) {
            Some(m) => self.add_cell(m, row, Field::Manager)?,
            None => Span::default(),
        };
        let title = self.number_cell(title, row, Field::Title);
        let team = cell(Field::Team).map_or(NONE, |t| self.number_cell(t, row, Field::Team));
        let department =
            cell(Field::Department).map_or(NONE, |d| self.number_cell(d, row, Field::Department));
        let start = match cell(Field::StartDate) {
            None => None,
            Some(raw) => {
                let text = String::from_utf8_lossy(raw.bytes());
                let day = parse_day(&text);
                if day.is_none() {
                    let message = format!("`{text}` is not a date; write it as 2024-03-31");
                    self.problem(row, Field::StartDate, &message, false);
                }
                day
            }
        };
        self.rows.push(Row {
            row: u32::try_from(row).unwrap_or(u32::MAX),
            name,
            email,
            employee_id,
            manager,
            title,
            team,
            department,
            start,
        });
        Ok(true)
    }

    /// A cell's text: as it is, or (with a problem noted) made UTF-8 by
    /// replacing what is not.
    fn cell_text<'c>(&mut self, cell: Cell<'c>, row: u64, field: Field) -> Cow<'c, str> {
        let raw = match cell {
            Cell::Text(t) => return Cow::Borrowed(t),
            Cell::Bytes(b) => b,
        };
        match std::str::from_utf8(raw) {
            Ok(t) => Cow::Borrowed(t),
            Err(_) => {
                self.problem(
                    row,
                    field,
                    "is not UTF-8; export the file as UTF-8 CSV",
                    false,
                );
                Cow::Owned(String::from_utf8_lossy(raw).trim().to_owned())
            }
        }
    }

    /// A cell's text appended.
    fn add_cell(&mut self, cell: Cell<'_>, row: u64, field: Field) -> Result<Span, RosterError> {
        let text = self.cell_text(cell, row, field);
        self.add(&text)
    }

    /// A cell's number among the distinct values.
    fn number_cell(&mut self, cell: Cell<'_>, row: u64, field: Field) -> u32 {
        let text = self.cell_text(cell, row, field);
        self.number(&text)
    }

    fn problem(&mut self, row: u64, field: Field, message: &str, left_out: bool) {
        self.problems.push(RowProblem {
            row,
            field: field.as_str(),
            message: message.to_owned(),
            left_out,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_is_52_bytes() {
        // A million people: 52 MB of rows besides their text.
        assert_eq!(std::mem::size_of::<Row>(), 52);
    }
}
