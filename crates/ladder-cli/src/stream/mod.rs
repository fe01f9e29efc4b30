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
//!
//! `read` turns the input into numbered chunks; `resolve` turns a chunk into
//! output records. This file holds the types and the threads between them.

mod read;
mod resolve;

pub use read::Producer;
pub use resolve::process;

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use ladder_core::model::ValueRange;
use ladder_core::resolve::{Relevelled, Resolver, Scratch};

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
    /// Engineering titles.
    pub engineering: u64,
    /// Design titles.
    pub design: u64,
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
        self.engineering += o.engineering;
        self.design += o.design;
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
