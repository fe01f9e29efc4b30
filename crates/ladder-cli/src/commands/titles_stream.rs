//! `ladder titles`: millions of job titles to roles, streamed. The pipeline
//! itself is [`ladder_cli::stream`]; this module reads the options, the CSV
//! header and the company sizes, and shows progress and the summary.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};
use ladder_cli::stream::{self, Ctx, Format, Producer, Sizes, Stats};
use ladder_core::Ladder;
use ladder_core::company::{SizeSpec, profile};
use ladder_core::resolve::CSV_FIELDS;

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
                .map(|c| (c.id.clone(), c.employees.clone(), resolver.relevel_table(c)))
                .collect(),
        },
        (None, None) => Sizes::None,
    };
    let table = o.format == TitlesFormat::Table;
    let format = if o.format == TitlesFormat::Csv {
        Format::Csv
    } else {
        Format::Jsonl
    };
    let ctx = Ctx {
        resolver,
        format,
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

    let producer = match csv_reader {
        Some(r) => Producer::csv(r),
        None => Producer::lines(reader),
    };
    let mut stats = Stats::default();
    stream::run(&ctx, producer, threads, |bytes, s, read| {
        if table {
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
    })?;
    if table {
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
            "{} titles: {} product management, {} adjacent, {} engineering, {} design, {} other; {} with errors; {:.2} s ({:.0} titles/s)",
            stats.records,
            stats.product,
            stats.adjacent,
            stats.engineering,
            stats.design,
            stats.other,
            stats.errors,
            secs,
            stats.records as f64 / secs.max(1e-9)
        );
    }
    Ok(Outcome::Ok)
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
