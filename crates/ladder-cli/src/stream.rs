//! The streaming title pipeline of `ladder titles`, as a library so that the
//! fuzz targets and property tests drive exactly the code the command runs.
//!
//! The input is read in chunks — about 1 MiB of whole lines, or a batch of CSV
//! records — each numbered in input order. `--threads` workers resolve chunks
//! while a reader thread reads ahead and the caller's `emit` receives results in
//! input order. Both channels are bounded, so memory is the same for a megabyte
//! or ten gigabytes of input. Every record gives exactly one output record; a
//! blank record, or one that is not UTF-8, gives role `other`, confidence 0 and
//! an `error` naming its line or row.

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use ladder_core::company::SizeSpec;
use ladder_core::model::ValueRange;
use ladder_core::resolve::{Function, Relevelled, Resolver, Scratch, write_csv_fields, write_json};

/// Why a stream stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StreamError {
    /// The input could not be read.
    #[error("cannot read the input: {0}")]
    Read(#[from] std::io::Error),
    /// The CSV input is malformed beyond what the reader tolerates.
    #[error("CSV input, row {row}: {source}")]
    Csv {
        /// The 1-based row (the header is row 1).
        row: u64,
        /// What the CSV reader said.
        source: csv::Error,
    },
    /// The output could not be written.
    #[error("cannot write the output: {0}")]
    Write(std::io::Error),
    /// A worker thread died.
    #[error("a worker thread failed")]
    Worker,
}

/// What each resolved record is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One JSON object per line.
    Jsonl,
    /// CSV fields: the input's columns (or the title) and the resolution.
    Csv,
}

/// Company sizes: none, one for every record, or one per CSV row.
pub enum Sizes {
    /// No company size.
    None,
    /// The same size for every record: the re-levelling of every role.
    Fixed(Vec<Relevelled>),
    /// A CSV column with each row's size.
    Column {
        /// The column index.
        index: usize,
        /// Each profile: its id, head-count range and re-levelling table.
        tables: Vec<(String, ValueRange, Vec<Relevelled>)>,
    },
}

/// Everything a worker needs.
pub struct Ctx {
    /// The compiled resolver.
    pub resolver: Resolver,
    /// The output format.
    pub format: Format,
    /// The title column, for CSV input.
    pub column: Option<usize>,
    /// Company sizes.
    pub sizes: Sizes,
}

/// Bytes of whole lines per chunk.
pub const CHUNK_BYTES: usize = 1 << 20;
/// CSV records per chunk.
pub const CHUNK_RECORDS: usize = 16_384;

/// The records of a chunk.
pub enum Data {
    /// Whole lines.
    Lines(Vec<u8>),
    /// CSV records.
    Records(Vec<csv::ByteRecord>),
}

/// A numbered piece of the input.
pub struct Chunk {
    /// Position in input order, from 0.
    pub seq: u64,
    /// 1-based line (plain input) or row (CSV, counting the header as row 1) of
    /// the chunk's first record.
    pub first: u64,
    /// The records.
    pub data: Data,
}

/// Counts of what was resolved.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Records read.
    pub records: u64,
    /// Product-management titles.
    pub product: u64,
    /// Adjacent titles.
    pub adjacent: u64,
    /// Other titles.
    pub other: u64,
    /// Records with an error.
    pub errors: u64,
}

impl Stats {
    /// Adds another chunk's counts.
    pub fn add(&mut self, o: Stats) {
        self.records += o.records;
        self.product += o.product;
        self.adjacent += o.adjacent;
        self.other += o.other;
        self.errors += o.errors;
    }
}

/// Resolves everything `producer` reads with `threads` workers, handing each
/// chunk's output to `emit` in input order, with its counts and input size.
pub fn run(
    ctx: &Ctx,
    mut producer: Producer,
    threads: usize,
    mut emit: impl FnMut(&[u8], Stats, u64) -> std::io::Result<()>,
) -> Result<(), StreamError> {
    let threads = threads.max(1);
    // Buffers go round: the reader fills input buffers, workers hand them back
    // and take output buffers, the writer hands those back. No chunk allocates
    // once the pipeline is warm, and memory stays flat.
    let slots = threads * 3 + 2;
    let (free_in_tx, free_in_rx) = sync_channel::<Vec<u8>>(slots);
    let (free_out_tx, free_out_rx) = sync_channel::<Vec<u8>>(slots);
    let free_out_rx = Arc::new(Mutex::new(free_out_rx));
    producer.recycled = Some(free_in_rx);
    std::thread::scope(|scope| -> Result<(), StreamError> {
        let (work_tx, work_rx): (SyncSender<Chunk>, Receiver<Chunk>) = sync_channel(threads);
        let (done_tx, done_rx) = sync_channel::<(u64, Vec<u8>, Stats, u64)>(threads);
        let work_rx = Arc::new(Mutex::new(work_rx));
        for _ in 0..threads {
            let work_rx = Arc::clone(&work_rx);
            let free_out_rx = Arc::clone(&free_out_rx);
            let done_tx = done_tx.clone();
            let free_in_tx = free_in_tx.clone();
            scope.spawn(move || {
                let mut scratch = Scratch::default();
                loop {
                    let next = work_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok(chunk)) = next else { break };
                    let (seq, read) = (chunk.seq, chunk_len(&chunk));
                    let mut buf = free_out_rx
                        .lock()
                        .ok()
                        .and_then(|rx| rx.try_recv().ok())
                        .unwrap_or_else(|| Vec::with_capacity(CHUNK_BYTES * 8));
                    buf.clear();
                    let s = process(ctx, &chunk, &mut scratch, &mut buf);
                    if let Data::Lines(mut input) = chunk.data {
                        input.clear();
                        let _ = free_in_tx.try_send(input);
                    }
                    if done_tx.send((seq, buf, s, read)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        drop(free_in_tx);
        // The reader runs on its own thread so that reading, resolving and
        // writing overlap.
        let reader = scope.spawn(move || -> Result<(), StreamError> {
            while let Some(chunk) = producer.next()? {
                if work_tx.send(chunk).is_err() {
                    break;
                }
            }
            Ok(())
        });
        let mut pending: BTreeMap<u64, (Vec<u8>, Stats, u64)> = BTreeMap::new();
        let mut next = 0u64;
        let mut result = Ok(());
        for (seq, buf, s, read) in done_rx.iter() {
            pending.insert(seq, (buf, s, read));
            while let Some((buf, s, read)) = pending.remove(&next) {
                if result.is_ok() {
                    result = emit(&buf, s, read).map_err(StreamError::Write);
                }
                let _ = free_out_tx.try_send(buf);
                next += 1;
            }
            if result.is_err() {
                break;
            }
        }
        drop(done_rx);
        let read_result = reader.join().unwrap_or(Err(StreamError::Worker));
        result.and(read_result)
    })
}

/// The bytes a chunk was read from (for progress).
pub fn chunk_len(c: &Chunk) -> u64 {
    match &c.data {
        Data::Lines(b) => b.len() as u64,
        Data::Records(r) => r
            .iter()
            .map(|r| r.as_slice().len() as u64 + r.len() as u64)
            .sum(),
    }
}

/// Reads the input as chunks.
pub struct Producer {
    recycled: Option<Receiver<Vec<u8>>>,
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

/// Resolves one chunk into `out`. The chunk is borrowed, so the caller can
/// hand its line buffer back for reuse.
pub fn process(ctx: &Ctx, chunk: &Chunk, scratch: &mut Scratch, out: &mut Vec<u8>) -> Stats {
    let mut stats = Stats::default();
    match &chunk.data {
        Data::Lines(buf) => {
            let body = buf.strip_suffix(b"\n").unwrap_or(buf);
            // Validate the chunk once; only a chunk with a bad line is checked
            // line by line.
            let whole = std::str::from_utf8(body).ok();
            let relevel = match &ctx.sizes {
                Sizes::Fixed(t) => Some(t),
                _ => None,
            };
            let mut from = 0;
            let ends = memchr::memchr_iter(b'\n', body).chain(std::iter::once(body.len()));
            for (i, end) in ends.enumerate() {
                let (start, stop) = (from, end);
                from = end + 1;
                let number = chunk.first + i as u64;
                let owned;
                let (mut title, error) = match whole {
                    Some(text) => (&text[start..stop], None),
                    None => match std::str::from_utf8(&body[start..stop]) {
                        Ok(t) => (t, None),
                        Err(_) => {
                            owned = String::from_utf8_lossy(&body[start..stop]).into_owned();
                            (
                                owned.as_str(),
                                Some(format!("line {number} is not valid UTF-8")),
                            )
                        }
                    },
                };
                title = title.strip_suffix('\r').unwrap_or(title);
                let unreadable = error.is_some();
                emit_one(
                    ctx, title, error, unreadable, relevel, None, scratch, out, &mut stats,
                );
            }
        }
        Data::Records(records) => {
            for (i, rec) in records.iter().enumerate() {
                let row = chunk.first + i as u64;
                let field = ctx.column.and_then(|c| rec.get(c));
                let owned;
                let (title, mut error): (&str, Option<String>) = match field {
                    None => (
                        "",
                        Some(format!("row {row} has no field for the title column")),
                    ),
                    Some(f) => match std::str::from_utf8(f) {
                        Ok(t) => (t, None),
                        Err(_) => {
                            owned = String::from_utf8_lossy(f).into_owned();
                            (
                                owned.as_str(),
                                Some(format!("row {row}: the title is not valid UTF-8")),
                            )
                        }
                    },
                };
                let unreadable = error.is_some();
                let relevel = match &ctx.sizes {
                    Sizes::None => None,
                    Sizes::Fixed(t) => Some(t),
                    Sizes::Column { index, tables } => {
                        let raw = rec
                            .get(*index)
                            .map(|f| String::from_utf8_lossy(f).trim().to_owned())
                            .unwrap_or_default();
                        let found = match raw.parse::<SizeSpec>().expect("infallible") {
                            // The first profile in file order, as `Ladder::company_size_for`.
                            SizeSpec::Employees(n) => tables
                                .iter()
                                .find(|(_, employees, _)| employees.contains(n as f64)),
                            SizeSpec::Profile(p) => tables.iter().find(|(id, _, _)| *id == p),
                        }
                        .map(|(_, _, table)| table);
                        if found.is_none() && error.is_none() {
                            error = Some(format!(
                                "row {row}: company size `{raw}` matches no company-size profile"
                            ));
                        }
                        found
                    }
                };
                emit_one(
                    ctx,
                    title,
                    error,
                    unreadable,
                    relevel,
                    Some(rec),
                    scratch,
                    out,
                    &mut stats,
                );
            }
        }
    }
    stats
}

#[allow(clippy::too_many_arguments)]
fn emit_one(
    ctx: &Ctx,
    title: &str,
    error: Option<String>,
    unreadable: bool,
    relevel: Option<&Vec<Relevelled>>,
    record: Option<&csv::ByteRecord>,
    scratch: &mut Scratch,
    out: &mut Vec<u8>,
    stats: &mut Stats,
) {
    let mut r = ctx.resolver.resolve(title, scratch);
    // An unreadable title is not resolved; a bad company size only adds an error.
    if unreadable {
        r.confidence = 0.0;
        r.role = ladder_core::resolve::OTHER;
        r.function = Function::Other;
        r.alternative_count = 0;
        r.area = None;
        r.seniority = None;
    }
    let error = error.as_deref();
    stats.records += 1;
    match r.function {
        Function::ProductManagement => stats.product += 1,
        Function::Adjacent => stats.adjacent += 1,
        Function::Other => stats.other += 1,
    }
    if error.is_some() || r.error.is_some() {
        stats.errors += 1;
    }
    let rl = relevel.map(|t| &t[r.role as usize]);
    match ctx.format {
        Format::Jsonl => {
            write_json(out, &ctx.resolver, &r, rl, error);
            out.push(b'\n');
        }
        Format::Csv => {
            let fields = write_csv_fields(&ctx.resolver, &r, rl, error);
            let mut w = csv::WriterBuilder::new().from_writer(&mut *out);
            let result = match record {
                Some(rec) => w.write_record(rec.iter().chain(fields.iter().map(String::as_bytes))),
                None => w.write_record(
                    std::iter::once(title.as_bytes()).chain(fields.iter().map(String::as_bytes)),
                ),
            };
            // Writing into a Vec cannot fail.
            let _ = result.and_then(|()| w.flush().map_err(csv::Error::from));
        }
    }
}
