//! Property tests of the title stream: whatever bytes come in, exactly one
//! record comes out per input record, in order, and nothing panics.

use ladder_cli::stream::{self, Ctx, Format, Producer, Sizes};
use ladder_core::resolve::Resolver;
use proptest::prelude::*;

fn ctx(format: Format, column: Option<usize>) -> Ctx {
    Ctx {
        resolver: Resolver::embedded().clone(),
        format,
        column,
        sizes: Sizes::None,
    }
}

fn run_lines(input: Vec<u8>, threads: usize) -> Vec<u8> {
    let mut out = Vec::new();
    stream::run(
        &ctx(Format::Jsonl, None),
        Producer::lines(Box::new(std::io::Cursor::new(input))),
        threads,
        |b, _, _| {
            out.extend_from_slice(b);
            Ok(())
        },
    )
    .unwrap();
    out
}

/// The number of records in plain input: lines, the last one possibly unterminated.
fn line_count(input: &[u8]) -> usize {
    let body = input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input);
    if body.is_empty() {
        return 0;
    }
    body.iter().filter(|&&b| b == b'\n').count() + usize::from(!body.ends_with(b"\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn one_json_record_per_line_whatever_the_bytes(input in proptest::collection::vec(any::<u8>(), 0..2000), threads in 1usize..4) {
        let out = run_lines(input.clone(), threads);
        let text = String::from_utf8(out).expect("the output is UTF-8");
        let records: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect();
        prop_assert_eq!(records.len(), line_count(&input));
        for r in &records {
            let c = r["confidence"].as_f64().unwrap();
            prop_assert!((0.0..=1.0).contains(&c));
        }
    }

    #[test]
    fn titles_come_back_in_order(titles in proptest::collection::vec("[A-Za-z ,.&()-]{0,40}", 0..300)) {
        let input: String = titles.iter().map(|t| format!("{t}\n")).collect();
        let out = run_lines(input.into_bytes(), 3);
        let text = String::from_utf8(out).unwrap();
        let got: Vec<String> = text.lines().map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].as_str().unwrap().to_owned()).collect();
        let want: Vec<String> = titles.iter().map(|t| t.strip_suffix('\r').unwrap_or(t).to_owned()).collect();
        prop_assert_eq!(got, want);
    }

    #[test]
    fn one_csv_record_per_csv_row(rows in proptest::collection::vec(proptest::collection::vec("[^\u{0}]{0,12}", 1..4), 0..60)) {
        // Write rows with a real CSV writer, so quotes and newlines are escaped.
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        w.write_record(["title", "x"]).unwrap();
        for r in &rows {
            w.write_record(r).unwrap();
        }
        let input = w.into_inner().unwrap();
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(Box::new(std::io::Cursor::new(input)) as Box<dyn std::io::Read + Send>);
        reader.byte_headers().unwrap();
        let mut out = Vec::new();
        stream::run(&ctx(Format::Jsonl, Some(0)), Producer::csv(reader), 2, |b, _, _| {
            out.extend_from_slice(b);
            Ok(())
        }).unwrap();
        let text = String::from_utf8(out).unwrap();
        // The writer quotes a lone empty field (`""`), so every row is a record.
        prop_assert_eq!(text.lines().count(), rows.len());
    }
}
