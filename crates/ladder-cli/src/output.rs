//! Printing: tables for people, JSON and Markdown for scripts, diagnostics with
//! colour only where a terminal wants it.
//!
//! Colour follows the usual rules: only on a terminal, never with `NO_COLOR` set.
//! Tables fit the terminal's width on a TTY and do not wrap otherwise, so piped
//! output is stable.

use std::io::{IsTerminal, Write};

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets};
use ladder_core::{Diagnostics, Severity};
use serde::Serialize;

/// Whether to colour text going to a stream that `is_tty`.
fn colour(is_tty: bool) -> bool {
    is_tty && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

fn paint(text: &str, code: &str, on: bool) -> String {
    if on {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// `error: MESSAGE`, red on a terminal, for stderr.
pub fn error_line(message: &str) -> String {
    let on = colour(std::io::stderr().is_terminal());
    format!("{} {message}", paint("error:", "1;31", on))
}

/// Diagnostics as text lines, coloured when stdout is a terminal.
pub fn diagnostics_text(d: &Diagnostics, origin: &str) -> String {
    let on = colour(std::io::stdout().is_terminal());
    let mut out = String::new();
    for diag in &d.0 {
        let line = diag.render(origin);
        if on {
            let (word, code) = match diag.severity {
                Severity::Error => ("error:", "1;31"),
                Severity::Warning => ("warning:", "1;33"),
            };
            out.push_str(&line.replacen(word, &paint(word, code, true), 1));
        } else {
            out.push_str(&line);
        }
        out.push('\n');
    }
    out
}

/// Writes text to stdout in one go.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes a value as pretty JSON to stdout.
/// Written as it is made, so a large report (`ladder org` on a million
/// people is tens of megabytes) is never held twice.
pub fn print_json<T: Serialize + ?Sized>(value: &T) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // A closed pipe must reach `main` as the I/O error it is.
    serde_json::to_writer_pretty(&mut out, value).map_err(|e| match e.io_error_kind() {
        Some(kind) => anyhow::Error::from(std::io::Error::from(kind)),
        None => e.into(),
    })?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(())
}

/// A table in the house style, fitted to the terminal when there is one.
pub fn table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_style(presets::UTF8_FULL_CONDENSED);
    if std::io::stdout().is_terminal() {
        t.set_content_arrangement(ContentArrangement::Dynamic);
    } else {
        t.set_content_arrangement(ContentArrangement::Disabled);
    }
    t.set_header(header.iter().copied());
    t
}

pub use ladder_render::markdown::cell as md_cell;
