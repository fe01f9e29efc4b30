//! Reading the input as numbered chunks: about 1 MiB of whole lines, or a
//! batch of CSV records, with line buffers handed back for reuse.

use std::io::Read;
use std::sync::mpsc::Receiver;

use super::{CHUNK_BYTES, CHUNK_RECORDS, Chunk, Data, StreamError};

/// Reads the input as chunks.
pub struct Producer {
    pub(super) recycled: Option<Receiver<Vec<u8>>>,
    plain: Option<Box<dyn Read + Send>>,
    csv: Option<csv::Reader<Box<dyn Read + Send>>>,
    carry: Vec<u8>,
    seq: u64,
    next_first: u64,
    bom_checked: bool,
    done: bool,
}

impl Producer {
    /// Plain lines, one title each.
    pub fn lines(input: Box<dyn Read + Send>) -> Producer {
        Producer {
            recycled: None,
            plain: Some(input),
            csv: None,
            carry: Vec::new(),
            seq: 0,
            next_first: 1,
            bom_checked: false,
            done: false,
        }
    }

    /// CSV records after the header, which the caller has read.
    pub fn csv(reader: csv::Reader<Box<dyn Read + Send>>) -> Producer {
        Producer {
            recycled: None,
            plain: None,
            csv: Some(reader),
            carry: Vec::new(),
            seq: 0,
            next_first: 2,
            bom_checked: true,
            done: false,
        }
    }

    /// The next chunk, or `None` at the end of the input.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> Result<Option<Chunk>, StreamError> {
        if self.done {
            return Ok(None);
        }
        let (first, data) = if let Some(r) = &mut self.csv {
            let mut records = Vec::with_capacity(CHUNK_RECORDS.min(1024));
            let mut rec = csv::ByteRecord::new();
            while records.len() < CHUNK_RECORDS {
                match r.read_byte_record(&mut rec) {
                    Ok(true) => records.push(rec.clone()),
                    Ok(false) => {
                        self.done = true;
                        break;
                    }
                    Err(source) => {
                        return Err(StreamError::Csv {
                            row: self.next_first + records.len() as u64,
                            source,
                        });
                    }
                }
            }
            if records.is_empty() {
                return Ok(None);
            }
            let first = self.next_first;
            self.next_first += records.len() as u64;
            (first, Data::Records(records))
        } else {
            let Some(r) = &mut self.plain else {
                return Ok(None);
            };
            // Start from a recycled buffer when one is free, carrying over the
            // partial last line of the previous chunk.
            let mut buf = self
                .recycled
                .as_ref()
                .and_then(|rx| rx.try_recv().ok())
                .unwrap_or_default();
            buf.clear();
            buf.extend_from_slice(&self.carry);
            self.carry.clear();
            let start = buf.len();
            buf.resize(start + CHUNK_BYTES, 0);
            let mut filled = start;
            loop {
                let n = match r.read(&mut buf[filled..]) {
                    Ok(n) => n,
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(StreamError::Read(e)),
                };
                filled += n;
                if n == 0 || filled == buf.len() {
                    if n == 0 {
                        self.done = true;
                    }
                    break;
                }
            }
            buf.truncate(filled);
            if !self.bom_checked {
                self.bom_checked = true;
                if buf.starts_with(b"\xEF\xBB\xBF") {
                    buf.drain(..3);
                }
            }
            if !self.done {
                // Keep the partial last line for the next chunk.
                match memchr::memrchr(b'\n', &buf) {
                    Some(i) => {
                        self.carry.extend_from_slice(&buf[i + 1..]);
                        buf.truncate(i + 1);
                    }
                    None => {
                        // A line longer than a chunk: read on until it ends.
                        self.carry = buf;
                        return self.next();
                    }
                }
            }
            if buf.is_empty() {
                return Ok(None);
            }
            let lines =
                memchr::memchr_iter(b'\n', &buf).count() as u64 + u64::from(!buf.ends_with(b"\n"));
            let first = self.next_first;
            self.next_first += lines;
            (first, Data::Lines(buf))
        };
        let seq = self.seq;
        self.seq += 1;
        Ok(Some(Chunk { seq, first, data }))
    }
}
