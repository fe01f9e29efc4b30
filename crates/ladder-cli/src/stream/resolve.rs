//! Resolving one chunk: every record gives exactly one output record, in
//! JSON Lines or CSV, and the counts for the summary.

use ladder_core::company::SizeSpec;
use ladder_core::resolve::{Function, Relevelled, Scratch, write_csv_fields, write_json};

use super::{Chunk, Ctx, Data, Format, Sizes, Stats};

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
        Function::Engineering => stats.engineering += 1,
        Function::Design => stats.design += 1,
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
