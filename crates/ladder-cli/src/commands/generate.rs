//! Commands that print files: the ladder's schema, shell completions and man
//! pages (the ladder itself is `sheets::export`'s).

use std::path::Path;

use anyhow::{Context, Result};
use clap::CommandFactory;

use crate::Outcome;
use crate::cli::Cli;
use crate::output;

/// `ladder schema [ladder|assessment]`.
pub fn schema(what: crate::cli::SchemaKind) -> Result<Outcome> {
    output::print(&match what {
        crate::cli::SchemaKind::Ladder => ladder_core::file::json_schema(),
        crate::cli::SchemaKind::Assessment => ladder_core::file::assessment_schema(),
    })?;
    Ok(Outcome::Ok)
}

/// `ladder completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> Result<Outcome> {
    let mut cmd = Cli::command();
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "ladder", &mut buf);
    output::print(&String::from_utf8_lossy(&buf))?;
    Ok(Outcome::Ok)
}

/// `ladder man [--out DIR]`.
pub fn man(out: Option<&Path>) -> Result<Outcome> {
    let cmd = Cli::command();
    match out {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create folder {}", dir.display()))?;
            clap_mangen::generate_to(cmd, dir)
                .with_context(|| format!("cannot write man pages to {}", dir.display()))?;
            eprintln!("wrote man pages to {}", dir.display());
        }
        None => {
            let mut buf = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut buf)?;
            output::print(&String::from_utf8_lossy(&buf))?;
        }
    }
    Ok(Outcome::Ok)
}
