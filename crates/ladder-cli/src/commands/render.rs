//! `ladder render --format F --out DIR`.

use std::path::Path;

use anyhow::{Context, Result};
use ladder_core::article::Articles;
use ladder_render::{SiteFormat, site};

use crate::Outcome;
use crate::cli;
use crate::input;

/// `ladder render`.
pub fn run(
    path: Option<&Path>,
    format: cli::SiteFormat,
    out: &Path,
    sources_dir: Option<&Path>,
) -> Result<Outcome> {
    let loaded = input::ladder(path)?;
    let articles = match sources_dir {
        Some(dir) => input::articles(loaded.get(), dir)?,
        None => Articles::new(),
    };
    let format = match format {
        cli::SiteFormat::Markdown => SiteFormat::Markdown,
        cli::SiteFormat::Html => SiteFormat::Html,
        cli::SiteFormat::Json => SiteFormat::Json,
        cli::SiteFormat::Svg => SiteFormat::Svg,
    };
    let pages = site(loaded.get(), format, &articles);
    for page in &pages {
        let target = out.join(&page.path);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create folder {}", dir.display()))?;
        }
        std::fs::write(&target, &page.contents)
            .with_context(|| format!("cannot write {}", target.display()))?;
    }
    let start = pages
        .first()
        .map(|p| out.join(&p.path).display().to_string())
        .unwrap_or_default();
    eprintln!(
        "wrote {} file(s) to {}; start at {start}",
        pages.len(),
        out.display()
    );
    Ok(Outcome::Ok)
}
