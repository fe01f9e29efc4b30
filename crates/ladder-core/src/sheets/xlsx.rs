//! Workbooks as .xlsx files: read with calamine (every sheet, each cell as
//! the text a CSV export would hold, as for rosters), written with
//! rust_xlsxwriter (a bold, frozen header row; criteria and statements
//! wrapped at their line breaks; whole numbers as numbers, so a level typed
//! over an exported one is the same kind of cell).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, FormatAlign};

use super::{Sheet, Workbook, WorkbookError};

/// The longest text a cell of an .xlsx file holds.
const CELL_LIMIT: usize = 32_767;

/// Reads every sheet of an .xlsx file. A file calamine cannot read is an
/// error, and so is one that makes it panic, so an uploaded file cannot
/// take the reader down.
pub fn read(bytes: &[u8]) -> Result<Workbook, WorkbookError> {
    let read = std::panic::catch_unwind(|| -> Result<Workbook, WorkbookError> {
        let mut book: Xlsx<_> =
            Xlsx::new(Cursor::new(bytes)).map_err(|e| WorkbookError::Xlsx(e.to_string()))?;
        let mut sheets = Vec::new();
        for (name, range) in book.worksheets() {
            let first_row = range.start().map_or(0, |(r, _)| r as usize) + 1;
            let first_col = range.start().map_or(0, |(_, c)| c as usize);
            let rows = range
                .rows()
                .map(|r| {
                    // Keep columns where the spreadsheet has them, even when
                    // the used range starts right of column A.
                    let mut row = vec![String::new(); first_col];
                    row.extend(r.iter().map(text));
                    row
                })
                .collect();
            sheets.push(Sheet {
                name,
                rows,
                first_row,
            });
        }
        Ok(Workbook { sheets })
    });
    read.unwrap_or_else(|_| Err(WorkbookError::Xlsx("a sheet could not be read".to_owned())))
}

/// The text of a cell.
fn text(cell: &Data) -> String {
    crate::roster::cell_text(cell)
}

/// A whole number short enough to be one in a spreadsheet (no leading
/// zero, which a number would drop).
fn as_number(s: &str) -> Option<f64> {
    let plain = !s.is_empty()
        && s.len() <= 9
        && s.bytes().all(|b| b.is_ascii_digit())
        && (s == "0" || !s.starts_with('0'));
    plain.then(|| s.parse().ok()).flatten()
}

/// Writes a workbook as an .xlsx file.
pub fn write(book: &Workbook) -> Result<Vec<u8>, WorkbookError> {
    let fail = |e: rust_xlsxwriter::XlsxError| WorkbookError::Write(e.to_string());
    let mut out = rust_xlsxwriter::Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for sheet in &book.sheets {
        let ws = out.add_worksheet();
        ws.set_name(&sheet.name).map_err(fail)?;
        let mut widths: Vec<usize> = Vec::new();
        for (r, row) in sheet.rows.iter().enumerate() {
            let format = if r == 0 { &header } else { &body };
            for (c, cell) in row.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                if cell.chars().count() > CELL_LIMIT {
                    return Err(WorkbookError::Write(format!(
                        "sheet {}, row {}: a cell of {} characters is longer than a spreadsheet cell holds ({CELL_LIMIT}); use the TOML file for this ladder",
                        sheet.name,
                        r + 1,
                        cell.chars().count()
                    )));
                }
                let (row_at, col_at) = (r as u32, c as u16);
                match as_number(cell).filter(|_| r > 0) {
                    Some(n) => ws.write_number_with_format(row_at, col_at, n, format),
                    None => ws.write_string_with_format(row_at, col_at, cell, format),
                }
                .map_err(fail)?;
                let longest = cell.lines().map(|l| l.chars().count()).max().unwrap_or(0);
                if widths.len() <= c {
                    widths.resize(c + 1, 0);
                }
                widths[c] = widths[c].max(longest);
            }
        }
        for (c, w) in widths.iter().enumerate() {
            // Wide enough to read a line, narrow enough to see several columns.
            ws.set_column_width(c as u16, (*w).clamp(8, 60) as f64 + 2.0)
                .map_err(fail)?;
        }
        ws.set_freeze_panes(1, 0).map_err(fail)?;
    }
    out.save_to_buffer().map_err(fail)
}
