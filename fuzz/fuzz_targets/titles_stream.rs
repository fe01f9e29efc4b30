//! Fuzzes the `ladder titles` input readers with any bytes: as plain lines (one
//! record per line, BOM, CRLF, bad UTF-8) and as CSV with a header (quotes,
//! embedded newlines, ragged rows). Each record must give exactly one output line.
#![no_main]

use std::io::{Cursor, Read};

use ladder_cli::stream::{self, Ctx, Format, Producer, Sizes};
use ladder_core::resolve::Resolver;
use libfuzzer_sys::fuzz_target;

fn ctx(format: Format, column: Option<usize>) -> Ctx {
    Ctx { resolver: Resolver::embedded().clone(), format, column, sizes: Sizes::None }
}

fuzz_target!(|data: &[u8]| {
    // Plain lines.
    let mut out = Vec::new();
    let producer = Producer::lines(Box::new(Cursor::new(data.to_vec())));
    stream::run(&ctx(Format::Jsonl, None), producer, 2, |b, _, _| {
        out.extend_from_slice(b);
        Ok(())
    })
    .expect("reading from memory cannot fail");
    let body = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    let lines = if body.is_empty() { 0 } else { body.iter().filter(|&&b| b == b'\n').count() + usize::from(!body.ends_with(b"\n")) };
    assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), lines);

    // CSV with the first column as the title: no panic, and as many records out
    // as the CSV reader itself sees.
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(Box::new(Cursor::new(data.to_vec())) as Box<dyn Read + Send>);
    if reader.byte_headers().is_err() {
        return;
    }
    let expected = csv::ReaderBuilder::new().flexible(true).from_reader(data).byte_records().take_while(Result::is_ok).count();
    let mut out = Vec::new();
    let result = stream::run(&ctx(Format::Csv, Some(0)), Producer::csv(reader), 1, |b, _, _| {
        out.extend_from_slice(b);
        Ok(())
    });
    if result.is_ok() {
        let records = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(&out[..]).byte_records().count();
        assert_eq!(records, expected);
    }
});
