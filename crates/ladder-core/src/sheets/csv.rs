//! Workbooks as CSV files, one per sheet, named after the sheet in lower
//! case (`roles.csv`, `criteria.csv`…): what a spreadsheet program exports
//! sheet by sheet and what version control shows line by line. Cells with
//! line breaks are quoted, as CSV allows.

use super::{Sheet, WorkbookError};

/// The file name of a sheet (`roles.csv`).
pub fn file_name(sheet: &str) -> String {
    format!("{}.csv", sheet.to_lowercase())
}

/// Reads one sheet from a CSV file's bytes; `name` is the sheet's name.
/// A UTF-8 byte-order mark (which spreadsheet programs write) is skipped.
pub fn read(name: &str, bytes: &[u8]) -> Result<Sheet, WorkbookError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| WorkbookError::Csv {
            name: file_name(name),
            message: match e.position() {
                Some(p) => format!("line {}: {e}", p.line()),
                None => e.to_string(),
            },
        })?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(Sheet::new(name, rows))
}

/// Writes one sheet as CSV.
pub fn write(sheet: &Sheet) -> Vec<u8> {
    let mut w = ::csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for row in &sheet.rows {
        w.write_record(row)
            .expect("writing to memory does not fail");
    }
    w.into_inner().expect("writing to memory does not fail")
}
