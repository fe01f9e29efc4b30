//! `ladder org ROSTER`: org analytics on a roster file (CSV or .xlsx), no
//! server needed.
//!
//! The command only reads the file, hands it to the core's roster reader
//! and analysis, and prints the report in the chosen format; every figure
//! and flag is computed in `ladder_core::org`.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use anyhow::{Context, Result, anyhow, bail};
use ladder_core::company::SizeSpec;
use ladder_core::org::{OrgOptions, analyse};
use ladder_core::resolve::Resolver;
use ladder_core::roster::{HeaderMap, Roster, parse_day, read_csv_sized, read_xlsx};

use crate::Outcome;
use crate::cli::OrgFormat;
use crate::{input, output};

/// What `ladder org` was asked.
pub struct OrgArgs<'a> {
    pub ladder: Option<&'a Path>,
    pub roster: &'a Path,
    pub format: OrgFormat,
    pub company_size: Option<&'a str>,
    pub map: &'a [String],
    pub as_of: Option<&'a str>,
    pub strict: bool,
}

/// `ladder org`.
pub fn run(a: &OrgArgs<'_>) -> Result<Outcome> {
    let map = HeaderMap::parse(a.map.iter().map(String::as_str))?;
    let as_of = match a.as_of {
        Some(t) => parse_day(t)
            .ok_or_else(|| anyhow!("--as-of `{t}` is not a date; write it as 2026-12-31"))?,
        None => time::OffsetDateTime::now_utc().date(),
    };
    let roster = read_roster(a.roster, &map)?;
    let loaded = input::ladder(a.ladder)?;
    let ladder = loaded.get();
    let resolver =
        Resolver::new(ladder).map_err(|e| anyhow!("the ladder's title resolver: {}", e.0))?;
    let options = OrgOptions {
        as_of,
        size: a
            .company_size
            .map(|s| s.parse::<SizeSpec>().expect("parsing a size never fails")),
        placements: Default::default(),
        titles: Default::default(),
        runs: 2000,
    };
    let report = analyse(ladder, &resolver, &roster, &options)?;
    match a.format {
        OrgFormat::Json => output::print_json(&report)?,
        OrgFormat::Markdown => output::print(&ladder_render::org_markdown(&report))?,
        OrgFormat::Table => output::print(&ladder_render::org_text(&report))?,
        OrgFormat::Html => output::print(&ladder_render::org_html(&report))?,
        OrgFormat::Csv => output::print(&ladder_render::org_csv(&report)?)?,
    }
    let left_out = report.left_out;
    // The process ends here: the report's and the roster's memory goes back
    // with it, without freeing a hundred thousand strings one by one first.
    std::mem::forget((report, roster));
    Ok(if a.strict && left_out > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    })
}

/// Reads a roster file (CSV or .xlsx; `-` for standard input), with every
/// message naming the file. A CSV file is streamed; a workbook (a zip
/// archive, known by its first bytes) is read whole, as the zip reader
/// needs.
pub(crate) fn read_roster(path: &Path, map: &HeaderMap) -> Result<Roster> {
    let shown = path.display();
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xls"))
    {
        bail!(
            "{shown}: old .xls workbooks are not read; save the sheet as .xlsx or as CSV (UTF-8)"
        );
    }
    let mut size = 0;
    let mut input: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        let file = File::open(path).with_context(|| format!("{shown}: cannot read the roster"))?;
        size = file.metadata().map_or(0, |m| m.len());
        Box::new(BufReader::with_capacity(1 << 18, file))
    };
    let head = input
        .fill_buf()
        .with_context(|| format!("{shown}: cannot read the roster"))?;
    let roster = if head.starts_with(b"PK\x03\x04") {
        let mut bytes = Vec::new();
        input
            .read_to_end(&mut bytes)
            .with_context(|| format!("{shown}: cannot read the roster"))?;
        read_xlsx(&bytes, map)
    } else {
        read_csv_sized(input, map, size)
    }
    .map_err(|e| anyhow!("{shown}: {e}"))?;
    Ok(roster)
}
