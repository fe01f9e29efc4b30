//! One sheet read against its layout: the header matched to the layout's
//! columns, the rows with their required cells checked, and the errors
//! placed by sheet, row and column. The readers of each part of the ladder
//! (roles, competencies, the rest) are built on it.

use std::collections::HashMap;

use serde::Deserialize;
use serde::de::IntoDeserializer;

use super::super::layout::SheetLayout;
use super::super::{Place, Sheet, SheetError, Workbook};

/// A column header as compared: lower case, `_` and `-` as spaces.
pub(super) fn fold(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The errors found so far.
#[derive(Default)]
pub(super) struct Found(pub(super) Vec<SheetError>);

impl Found {
    pub(super) fn at(
        &mut self,
        sheet: &str,
        row: Option<usize>,
        column: Option<&str>,
        message: String,
    ) {
        self.0.push(SheetError {
            place: Place {
                sheet: sheet.to_owned(),
                row,
                column: column.map(str::to_owned),
            },
            message,
        });
    }
}

/// One data row of a sheet, its cells found by column name.
pub(super) struct Row<'a> {
    pub(super) sheet: &'a str,
    pub(super) number: usize,
    pub(super) cells: &'a [String],
    pub(super) columns: &'a HashMap<String, usize>,
}

impl<'a> Row<'a> {
    /// The trimmed text of a fixed column ("" when the column is absent).
    pub(super) fn get(&self, column: &str) -> &'a str {
        self.columns
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .map_or("", |s| s.trim())
    }

    /// The text of a column, or `None` when blank.
    pub(super) fn opt(&self, column: &str) -> Option<String> {
        Some(self.get(column))
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    }

    /// Reads a column with `parse`, noting an error and giving `None` when
    /// it does not read; `None` too when blank.
    pub(super) fn parse<T>(
        &self,
        found: &mut Found,
        column: &str,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        let text = self.get(column);
        if text.is_empty() {
            return None;
        }
        parse(text)
            .map_err(|m| found.at(self.sheet, Some(self.number), Some(column), m))
            .ok()
    }
}

/// A sheet's header checked against its layout, and its non-blank rows.
pub(super) struct Table<'a> {
    layout: &'a SheetLayout,
    pub(super) sheet: Option<&'a Sheet>,
    columns: HashMap<String, usize>,
    /// Columns past the fixed ones (`level 3`, a role id), with their index.
    pub(super) extra: Vec<(String, usize)>,
    pub(super) header_row: usize,
}

impl<'a> Table<'a> {
    /// The sheet of `layout` in `book`; `open_ended` sheets take further
    /// columns (levels, roles) the caller reads from [`Table::extra`].
    pub(super) fn new(
        book: &'a Workbook,
        layout: &'a SheetLayout,
        open_ended: bool,
        found: &mut Found,
    ) -> Self {
        let sheet = book.sheet(layout.name);
        let mut t = Table {
            layout,
            sheet,
            columns: HashMap::new(),
            extra: Vec::new(),
            header_row: 0,
        };
        let Some(sheet) = sheet else {
            return t;
        };
        let Some(at) = sheet
            .rows
            .iter()
            .position(|r| r.iter().any(|c| !c.trim().is_empty()))
        else {
            return t;
        };
        t.header_row = at;
        let row_number = sheet.first_row + at;
        let mut unknown = Vec::new();
        for (i, h) in sheet.rows[at].iter().enumerate() {
            let name = fold(h);
            if name.is_empty() {
                continue;
            }
            if layout.columns.contains(&name.as_str()) {
                if t.columns.insert(name.clone(), i).is_some() {
                    found.at(
                        layout.name,
                        Some(row_number),
                        Some(&name),
                        "the column is there twice; keep one".to_owned(),
                    );
                }
            } else if open_ended {
                t.extra.push((h.trim().to_owned(), i));
            } else {
                unknown.push(h.trim().to_owned());
            }
        }
        if !unknown.is_empty() {
            found.at(
                layout.name,
                Some(row_number),
                None,
                format!(
                    "unknown column{} {}; the sheet's columns are: {}",
                    if unknown.len() == 1 { "" } else { "s" },
                    unknown
                        .iter()
                        .map(|u| format!("\"{u}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    layout.columns.join(", ")
                ),
            );
        }
        let missing: Vec<&str> = layout
            .required
            .iter()
            .copied()
            .filter(|c| !t.columns.contains_key(*c))
            .collect();
        if !missing.is_empty() {
            found.at(
                layout.name,
                Some(row_number),
                None,
                format!(
                    "the header lacks {}; {} holds {}",
                    missing
                        .iter()
                        .map(|m| format!("\"{m}\""))
                        .collect::<Vec<_>>()
                        .join(", "),
                    layout.name,
                    layout.holds
                ),
            );
        }
        t
    }

    /// The data rows (blank rows skipped), each with its required cells
    /// checked.
    pub(super) fn rows(&self, found: &mut Found) -> Vec<Row<'_>> {
        let Some(sheet) = self.sheet else {
            return Vec::new();
        };
        if sheet.rows.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (i, cells) in sheet.rows.iter().enumerate().skip(self.header_row + 1) {
            if cells.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let row = Row {
                sheet: self.layout.name,
                number: sheet.first_row + i,
                cells,
                columns: &self.columns,
            };
            let blank: Vec<&str> = self
                .layout
                .required
                .iter()
                .copied()
                .filter(|c| self.columns.contains_key(*c) && row.get(c).is_empty())
                .collect();
            if blank.is_empty() {
                out.push(row);
            } else {
                found.at(
                    self.layout.name,
                    Some(row.number),
                    Some(blank[0]),
                    format!(
                        "{} must be filled in (the row is skipped)",
                        blank.join(", ")
                    ),
                );
            }
        }
        out
    }

    /// The text of the cell at `index` in a row.
    pub(super) fn cell<'r>(row: &Row<'r>, index: usize) -> &'r str {
        row.cells.get(index).map_or("", |s| s.trim())
    }
}

/// A value of a unit enum from its name in the file (`product-line`).
pub(super) fn named<'de, T: Deserialize<'de>>(
    what: &'static str,
) -> impl Fn(&str) -> Result<T, String> {
    move |s: &str| {
        let folded = s.trim().to_lowercase().replace([' ', '_'], "-");
        T::deserialize(folded.as_str().into_deserializer()).map_err(|e: serde::de::value::Error| {
            let e = e.to_string();
            match e.split_once("expected one of ") {
                Some((_, names)) => format!(
                    "`{s}` is not a {what}; use one of {}",
                    names.replace('`', "")
                ),
                None => format!("`{s}` is not a {what} ({e})"),
            }
        })
    }
}
