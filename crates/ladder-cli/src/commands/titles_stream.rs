//! `ladder titles`: millions of job titles to roles, streamed.
//!
//! The input is read in chunks — about 1 MiB of whole lines, or a batch of CSV
//! records — each numbered in input order. With one thread the chunks are
//! resolved by `--threads` workers while a reader thread reads ahead and the
//! main thread writes results back in order. Both channels are bounded, so memory
//! stays the same for a megabyte or ten gigabytes of input. Every record gives
//! exactly one output record; a blank record, or one that is not UTF-8, gives
//! role `other`, confidence 0 and an `error` naming its line or row.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use ladder_core::Ladder;
use ladder_core::company::{SizeSpec, profile};
use ladder_core::resolve::{
    CSV_FIELDS, Function, Relevelled, Resolver, Scratch, write_csv_fields, write_json,
};

use super::titles::resolver;
use crate::Outcome;
use crate::cli::TitlesFormat;
use crate::{input, output};

/// What `ladder titles` was asked to do.
pub struct Options {
    /// `--ladder`.
    pub ladder: Option<PathBuf>,
    /// The input file; standard input when absent or `-`.
    pub input: Option<PathBuf>,
    /// `--column`.
    pub column: Option<String>,
    /// `--format`.
    pub format: TitlesFormat,
    /// `--company-size`.
    pub company_size: Option<String>,
    /// `--company-size-column`.
    pub company_size_column: Option<String>,
    /// `--threads`.
    pub threads: Option<usize>,
    /// `--quiet`.
    pub quiet: bool,
}

/// Bytes of whole lines per chunk, and CSV records per chunk.
const CHUNK_BYTES: usize = 1 << 20;
const CHUNK_RECORDS: usize = 16_384;

enum Data {
    Lines(Vec<u8>),
    Records(Vec<csv::ByteRecord>),
}

struct Chunk {
    seq: u64,
    /// 1-based line (plain input) or row (CSV, counting the header as row 1) of
    /// the chunk's first record.
    first: u64,
    data: Data,
}

#[derive(Default, Clone, Copy)]
struct Stats {
    records: u64,
    product: u64,
    adjacent: u64,
    other: u64,
    errors: u64,
}

impl Stats {
    fn add(&mut self, o: Stats) {
        self.records += o.records;
        self.product += o.product;
        self.adjacent += o.adjacent;
        self.other += o.other;
        self.errors += o.errors;
    }
}

/// Company sizes: none, one for every record, or one per CSV row.
enum Sizes {
    None,
    Fixed(Vec<Relevelled>),
    Column {
        index: usize,
        tables: Vec<(String, Vec<Relevelled>)>,
        by_headcount: Vec<(f64, Option<f64>, usize)>,
    },
}

struct Ctx {
    resolver: Resolver,
    format: TitlesFormat,
    column: Option<usize>,
    sizes: Sizes,
}

fn open_input(path: Option<&Path>) -> Result<(Box<dyn Read + Send>, Option<u64>)> {
    match path {
        None => Ok((Box::new(std::io::stdin()), None)),
        Some(p) if p.as_os_str() == "-" => Ok((Box::new(std::io::stdin()), None)),
        Some(p) => {
            let f = File::open(p).with_context(|| format!("cannot read {}", p.display()))?;
            let len = f.metadata().ok().map(|m| m.len());
            Ok((Box::new(f), len))
        }
    }
}

/// `ladder titles`.
pub fn run(o: Options) -> Result<Outcome> {
    let loaded = input::ladder(o.ladder.as_deref())?;
    let ladder: &Ladder = loaded.get();
    let resolver = resolver(&loaded)?;
    if o.company_size_column.is_some() && o.column.is_none() {
        bail!("--company-size-column needs CSV input: give the title column with --column");
    }
    let (mut reader, size_hint) = open_input(o.input.as_deref())?;
    let threads = o
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);

    // CSV input: read the header now, to find the columns and echo it.
    let mut csv_reader = None;
    let mut header: Option<csv::ByteRecord> = None;
    let mut column = None;
    let mut size_index = None;
    if let Some(name) = &o.column {
        let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
        let mut h = r
            .byte_headers()
            .context("cannot read the CSV header row")?
            .clone();
        if let Some(first) = h.get(0)
            && first.starts_with(b"\xEF\xBB\xBF")
        {
            let mut fixed = csv::ByteRecord::new();
            fixed.push_field(&first[3..]);
            for f in h.iter().skip(1) {
                fixed.push_field(f);
            }
            h = fixed;
        }
        let names: Vec<String> = h
            .iter()
            .map(|f| String::from_utf8_lossy(f).into_owned())
            .collect();
        let find = |want: &str, what: &str| -> Result<usize> {
            names.iter().position(|n| n == want).with_context(|| {
                format!(
                    "the CSV header has no column `{want}` ({what}); its columns are: {}",
                    names.join(", ")
                )
            })
        };
        column = Some(find(name, "--column")?);
        if let Some(sc) = &o.company_size_column {
            size_index = Some(find(sc, "--company-size-column")?);
        }
        header = Some(h);
        csv_reader = Some(r);
        reader = Box::new(std::io::empty());
    }

    let sizes = match (&o.company_size, size_index) {
        (Some(s), _) => Sizes::Fixed(resolver.relevel_table(profile(
            ladder,
            &s.parse::<SizeSpec>().expect("infallible"),
        )?)),
        (None, Some(index)) => Sizes::Column {
            index,
            tables: ladder
                .company_sizes
                .iter()
                .map(|c| (c.id.clone(), resolver.relevel_table(c)))
                .collect(),
            by_headcount: ladder
                .company_sizes
                .iter()
                .enumerate()
                .map(|(i, c)| (c.employees.min, c.employees.max, i))
                .collect(),
        },
        (None, None) => Sizes::None,
    };
    let ctx = Ctx {
        resolver,
        format: o.format,
        column,
        sizes,
    };

    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    // The header of CSV output.
    if o.format == TitlesFormat::Csv {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut fields: Vec<Vec<u8>> = match &header {
            Some(h) => h.iter().map(<[u8]>::to_vec).collect(),
            None => vec![b"title".to_vec()],
        };
        fields.extend(CSV_FIELDS.iter().map(|f| f.as_bytes().to_vec()));
        w.write_record(&fields)?;
        out.write_all(&w.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?;
    }

    let show = !o.quiet && std::io::stderr().is_terminal();
    let bar = if show {
        let bar = match size_hint {
            Some(n) => ProgressBar::new(n).with_style(
                ProgressStyle::with_template(
                    "{spinner} {bytes}/{total_bytes} {wide_bar} {eta} {msg}",
                )
                .expect("valid template"),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {bytes} read {msg}")
                    .expect("valid template"),
            ),
        };
        Some(bar)
    } else {
        None
    };
    let started = Instant::now();
    let mut table_rows: Vec<[String; 5]> = Vec::new();

    let mut produce = Producer {
        plain: if csv_reader.is_some() {
            None
        } else {
            Some(reader)
        },
        csv: csv_reader,
        carry: Vec::new(),
        seq: 0,
        next_first: if header.is_some() { 2 } else { 1 },
        bom_checked: false,
        done: false,
    };
    let mut stats = Stats::default();
    let mut emit = |bytes: &[u8],
                    s: Stats,
                    read: u64,
                    out: &mut BufWriter<std::io::StdoutLock<'_>>|
     -> Result<()> {
        if ctx.format == TitlesFormat::Table {
            collect_table(bytes, &mut table_rows);
        } else {
            out.write_all(bytes)?;
        }
        stats.add(s);
        if let Some(b) = &bar {
            b.inc(read);
            b.set_message(format!("{} titles", stats.records));
        }
        Ok(())
    };

    {
        // N resolving threads; the input is read on a thread of its own and the
        // output written here, so input, resolving and output overlap.
        std::thread::scope(|scope| -> Result<()> {
            let (work_tx, work_rx): (SyncSender<Chunk>, Receiver<Chunk>) =
                sync_channel(threads * 2);
            let (done_tx, done_rx) = sync_channel::<(u64, Vec<u8>, Stats, u64)>(threads * 2);
            let work_rx = Arc::new(Mutex::new(work_rx));
            for _ in 0..threads {
                let work_rx = Arc::clone(&work_rx);
                let done_tx = done_tx.clone();
                let ctx = &ctx;
                scope.spawn(move || {
                    let mut scratch = Scratch::default();
                    loop {
                        let next = work_rx.lock().map(|rx| rx.recv());
                        let Ok(Ok(chunk)) = next else { break };
                        let (seq, read) = (chunk.seq, chunk_len(&chunk));
                        let mut buf = Vec::with_capacity(CHUNK_BYTES * 4);
                        let s = process(ctx, chunk, &mut scratch, &mut buf);
                        if done_tx.send((seq, buf, s, read)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(done_tx);
            // The reader runs on its own thread so that reading, resolving and
            // writing overlap.
            let reader = scope.spawn(move || -> Result<()> {
                while let Some(chunk) = produce.next()? {
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
                        result = emit(&buf, s, read, &mut out);
                    }
                    next += 1;
                }
                if result.is_err() {
                    break;
                }
            }
            drop(done_rx);
            let read_result = reader
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("the reader thread failed")));
            result.and(read_result)
        })?;
    }
    if ctx.format == TitlesFormat::Table {
        let mut t = output::table(&["Title", "Role", "Confidence", "Area", "Error"]);
        for row in &table_rows {
            t.add_row(row.to_vec());
        }
        writeln!(out, "{t}")?;
    }
    out.flush()?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !o.quiet {
        let secs = started.elapsed().as_secs_f64();
        eprintln!(
            "{} titles: {} product management, {} adjacent, {} other; {} with errors; {:.2} s ({:.0} titles/s)",
            stats.records,
            stats.product,
            stats.adjacent,
            stats.other,
            stats.errors,
            secs,
            stats.records as f64 / secs.max(1e-9)
        );
    }
    Ok(Outcome::Ok)
}

fn chunk_len(c: &Chunk) -> u64 {
    match &c.data {
        Data::Lines(b) => b.len() as u64,
        Data::Records(r) => r
            .iter()
            .map(|r| r.as_slice().len() as u64 + r.len() as u64)
            .sum(),
    }
}

/// Reads the input as chunks.
struct Producer {
    plain: Option<Box<dyn Read + Send>>,
    csv: Option<csv::Reader<Box<dyn Read + Send>>>,
    carry: Vec<u8>,
    seq: u64,
    next_first: u64,
    bom_checked: bool,
    done: bool,
}

impl Producer {
    fn next(&mut self) -> Result<Option<Chunk>> {
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
                    Err(e) => bail!(
                        "CSV input, row {}: {e}",
                        self.next_first + records.len() as u64
                    ),
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
            let mut buf = std::mem::take(&mut self.carry);
            let start = buf.len();
            buf.resize(start + CHUNK_BYTES, 0);
            let mut filled = start;
            loop {
                let n = r
                    .read(&mut buf[filled..])
                    .context("cannot read the input")?;
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
                    Some(i) => self.carry = buf.split_off(i + 1),
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

/// Resolves one chunk into `out`.
fn process(ctx: &Ctx, chunk: Chunk, scratch: &mut Scratch, out: &mut Vec<u8>) -> Stats {
    let mut stats = Stats::default();
    match chunk.data {
        Data::Lines(buf) => {
            let body = buf.strip_suffix(b"\n").unwrap_or(&buf);
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
                    Sizes::Column {
                        index,
                        tables,
                        by_headcount,
                    } => {
                        let raw = rec
                            .get(*index)
                            .map(|f| String::from_utf8_lossy(f).trim().to_owned())
                            .unwrap_or_default();
                        let found = match raw.parse::<SizeSpec>().expect("infallible") {
                            SizeSpec::Employees(n) => by_headcount
                                .iter()
                                .find(|(min, max, _)| {
                                    n as f64 >= *min && max.is_none_or(|m| n as f64 <= m)
                                })
                                .map(|(_, _, i)| &tables[*i].1),
                            SizeSpec::Profile(p) => {
                                tables.iter().find(|(id, _)| *id == p).map(|(_, t)| t)
                            }
                        };
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
        TitlesFormat::Jsonl | TitlesFormat::Table => {
            write_json(out, &ctx.resolver, &r, rl, error);
            out.push(b'\n');
        }
        TitlesFormat::Csv => {
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

/// Table output: the JSON lines of a chunk, as rows.
fn collect_table(jsonl: &[u8], rows: &mut Vec<[String; 5]>) {
    for line in jsonl.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(line) else {
            continue;
        };
        let s = |k: &str| v[k].as_str().unwrap_or("").to_owned();
        rows.push([
            s("title"),
            s("role"),
            format!("{:.2}", v["confidence"].as_f64().unwrap_or(0.0)),
            s("area"),
            s("error"),
        ]);
    }
}
