//! End-to-end tests of the `ladder` binary: every command, good and bad input,
//! exact `FILE:LINE:COL` of each error, and the exit codes 0 / 1 / 2. One file
//! per group of commands; the helpers here are shared.

pub use std::path::{Path, PathBuf};

pub use assert_cmd::Command;
pub use predicates::prelude::*;
pub use serde_json::Value;

/// The binary, with no company ladder from the environment and no colour.
pub fn ladder() -> Command {
    let mut cmd = Command::cargo_bin("ladder").unwrap();
    cmd.env_remove("LADDER_FILE").env("NO_COLOR", "1");
    cmd
}

/// A file under `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Runs `ladder ARGS…` in the fixtures folder (so paths in messages are short)
/// and checks its exit code; returns stdout.
macro_rules! run {
    ($code:expr, $($arg:expr),+ $(,)?) => {{
        let out = ladder().current_dir(fixture("")).args([$($arg),+]).assert().code($code);
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    }};
}

/// Parses JSON or fails the test showing the text.
pub fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

mod assess;
mod check;
mod companies;
mod import;
mod ladder;
mod org;
mod plan;
mod publish;
mod sheets;
mod titles;
