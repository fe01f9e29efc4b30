//! Reading a roster from CSV, streamed: the file goes through a buffered
//! reader into `csv_core`'s state machine a chunk at a time, each record's
//! cells land in one reused buffer, and the kept cells are copied into the
//! roster's text (see `store`). Nothing else is held, so a 90 MB export
//! never sits in memory twice.
//!
//! Row numbers are the lines an editor shows: blank lines are skipped (and
//! counted) here, before the parser sees them, and the parser counts the
//! newlines it reads, so a record's row is the line its first byte is on,
//! even after blank lines or a quoted cell that spans lines. A record that
//! is valid UTF-8 as a whole (nearly all are) is checked once, not cell by
//! cell.

use std::io::{BufRead, Read};

use csv_core::ReadRecordResult;

use super::store::Cell;
use super::{Columns, HeaderMap, Roster, RosterError};

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

fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

/// Records of a CSV stream, with the line each starts on.
struct Records<R> {
    core: csv_core::Reader,
    input: R,
    /// Newlines skipped outside the parser (blank lines).
    skipped: u64,
    /// The cells of the current record, end to end.
    out: Vec<u8>,
    /// Where each cell of the current record ends in `out`.
    ends: Vec<usize>,
    /// How many cells the current record has.
    cells: usize,
}

impl<R: BufRead> Records<R> {
    /// The line of the next byte (the parser counts from 1).
    fn line(&self) -> u64 {
        self.skipped + self.core.line()
    }

    fn io(&self, e: &std::io::Error) -> RosterError {
        RosterError::Io {
            row: self.line(),
            message: e.to_string(),
        }
    }

    /// Reads the next record; its line, or `None` at the end.
    fn next(&mut self) -> Result<Option<u64>, RosterError> {
        // Blank lines: skipped and counted here.
        loop {
            let buf = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) => return Err(self.io(&e)),
            };
            let skip = buf
                .iter()
                .take_while(|&&b| b == b'\n' || b == b'\r')
                .count();
            let all = skip == buf.len();
            let counted = newlines(&buf[..skip]);
            self.input.consume(skip);
            self.skipped += counted;
            if !all || skip == 0 {
                break;
            }
        }
        let start = self.line();
        let (mut nout, mut nend) = (0, 0);
        loop {
            let buf = match self.input.fill_buf() {
                Ok(b) => b,
                Err(e) => return Err(self.io(&e)),
            };
            let (res, nin, o, e) =
                self.core
                    .read_record(buf, &mut self.out[nout..], &mut self.ends[nend..]);
            self.input.consume(nin);
            nout += o;
            nend += e;
            match res {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record => {
                    self.cells = nend;
                    return Ok(Some(start));
                }
                ReadRecordResult::End => return Ok(None),
            }
        }
    }

    /// Where cell `i` of the current record lies in `out`.
    fn range(&self, i: usize) -> Option<std::ops::Range<usize>> {
        (i < self.cells).then(|| (if i == 0 { 0 } else { self.ends[i - 1] })..self.ends[i])
    }

    /// Cell `i` of the current record, as bytes.
    fn cell(&self, i: usize) -> Option<&[u8]> {
        self.range(i).map(|r| &self.out[r])
    }

    /// The current record's cells end to end, if they are UTF-8 and every
    /// cell ends on a character boundary. (The delimiters are not in `out`:
    /// a delimiter inside a multi-byte character, `EF , BB BF`, leaves valid
    /// text whose cells are not valid on their own. Such a record is read
    /// cell by cell, and the bad cells reported.)
    fn text(&self) -> Option<&str> {
        let end = self.cells.checked_sub(1).map_or(0, |last| self.ends[last]);
        let text = std::str::from_utf8(&self.out[..end]).ok()?;
        self.ends[..self.cells]
            .iter()
            .all(|&e| text.is_char_boundary(e))
            .then_some(text)
    }

    fn blank(&self) -> bool {
        (0..self.cells).all(|i| self.cell(i).is_none_or(|c| c.trim_ascii().is_empty()))
    }
}

/// Reads a roster from CSV (UTF-8, with or without a byte-order mark; comma,
/// semicolon or tab, found from the header line).
pub fn read_csv<R: BufRead>(input: R, map: &HeaderMap) -> Result<Roster, RosterError> {
    read_csv_sized(input, map, 0)
}

/// [`read_csv`] of a file of about `size` bytes: room for its rows is made
/// once, up front, rather than grown (and copied) as they come. Room that
/// goes unused is never touched, so a high guess costs nothing.
pub fn read_csv_sized<R: BufRead>(
    mut input: R,
    map: &HeaderMap,
    size: u64,
) -> Result<Roster, RosterError> {
    // The first line with something on it names the delimiter: read up to
    // it, then hand it back to the parser ahead of the rest.
    let io = |e: std::io::Error| RosterError::Io {
        row: 1,
        message: e.to_string(),
    };
    let mut blank = Vec::new();
    let mut first_line = Vec::new();
    loop {
        first_line.clear();
        let read = input.read_until(b'\n', &mut first_line).map_err(io)?;
        // A byte-order mark counts only at the very start of the file.
        if blank.is_empty() && first_line.starts_with(b"\xEF\xBB\xBF") {
            first_line.drain(..3);
        }
        if read == 0 || !first_line.iter().all(|&b| b == b'\n' || b == b'\r') {
            break;
        }
        blank.extend_from_slice(&first_line);
    }
    let delimiter = sniff_delimiter(&first_line);
    let mut core = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    // The parser drops a byte-order mark at the start of the first bytes it
    // is given, wherever they are in the file. The one at the start of the
    // file is dropped above; so that none later is (blank lines then a mark
    // must read the same however the file arrives in pieces), leading blank
    // lines go to the parser first, and it counts them as lines.
    if !blank.is_empty() {
        let _ = core.read_record(&blank, &mut [0; 1], &mut [0; 1]);
    }
    let mut records = Records {
        core,
        input: std::io::Cursor::new(first_line).chain(input),
        skipped: 0,
        out: vec![0; 4096],
        ends: vec![0; 64],
        cells: 0,
    };
    while records.next()?.is_some() {
        if !records.blank() {
            break;
        }
    }
    if records.cells == 0 || records.blank() {
        return Err(RosterError::Empty);
    }
    let headers: Vec<String> = (0..records.cells)
        .map(|i| {
            String::from_utf8_lossy(records.cell(i).unwrap_or_default())
                .trim()
                .to_owned()
        })
        .collect();
    let names: Vec<&str> = headers.iter().map(String::as_str).collect();
    let columns = Columns::find(&names, map)?;
    let mut roster = Roster::sized_for(size);
    roster.set_columns(&columns);
    while let Some(row) = records.next()? {
        if records.blank() {
            continue;
        }
        // One UTF-8 check a record; cells as text, or as bytes to be
        // checked (and reported) one by one when the record is not UTF-8.
        let text = records.text();
        roster.add_row(
            |i| {
                let range = records.range(i)?;
                Some(match text {
                    Some(t) => Cell::Text(&t[range]),
                    None => Cell::Bytes(&records.out[range]),
                })
            },
            row,
            &columns,
        )?;
    }
    Ok(roster)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters_are_counted_outside_quotes() {
        assert_eq!(sniff_delimiter(b"name;title;\"a,b,c,d\""), b';');
        assert_eq!(sniff_delimiter(b"name\ttitle"), b'\t');
        assert_eq!(sniff_delimiter(b"name"), b',');
    }
}
