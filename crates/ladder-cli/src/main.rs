//! `ladder`: the command-line front end.
//!
//! A thin layer: it parses arguments, reads files, calls `ladder-core` and
//! `ladder-render`, and prints. Errors travel as `anyhow` to this one place, which
//! prints them and maps them to the exit codes every command shares: 0 ok,
//! 1 problems found (lint `--strict`, diff `--exit-code`), 2 bad input or usage.
//! A closed pipe (`ladder roles | head`) ends the program quietly.

mod cli;
mod commands;
mod input;
mod output;

use std::io::ErrorKind;
use std::process::ExitCode;

use clap::Parser;

/// How a command ended, when it did not fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything is fine: exit 0.
    Ok,
    /// The command ran and found problems: exit 1.
    Problems,
    /// The input was bad, and the command has already said why: exit 2.
    BadInput,
}

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli.command) {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Problems) => ExitCode::from(1),
        Ok(Outcome::BadInput) => ExitCode::from(2),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{}", output::error_line(&format!("{e:#}")));
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain()
        .filter_map(|c| c.downcast_ref::<std::io::Error>())
        .any(|io| io.kind() == ErrorKind::BrokenPipe)
}
