//! `ladder path` and `ladder simulate`: routes through the ladder, and how long
//! they take for many simulated careers.

use std::fmt::Write;
use std::path::Path;

use anyhow::{Context, Result};
use ladder_core::path::{Start, routes};
use ladder_core::simulate::{Request, simulate as run_simulation};

use crate::Outcome;
use crate::cli::DataFormat;
use crate::input;
use crate::output::{self, md_cell};

/// A span of years as numbers ("2–3", "1"); none when the ladder gives no
/// time for it.
fn span(min: f64, max: f64) -> Option<String> {
    let f = ladder_core::model::format_number;
    if max <= 0.0 {
        None
    } else if min == max {
        Some(f(min))
    } else {
        Some(format!("{}–{}", f(min), f(max)))
    }
}

/// A span of years in words: "2–3 years", "1 year", or, for a move the
/// ladder gives no time for, "no time given" (not "0 years").
fn years(min: f64, max: f64) -> String {
    match span(min, max) {
        None => "no time given".to_owned(),
        Some(s) if min == max && max == 1.0 => format!("{s} year"),
        Some(s) => format!("{s} years"),
    }
}

/// What people call a role or a way in: the role's title, or the entry
/// point's name for a route that starts from a background (`background:ID`).
/// JSON keeps the ids; tables and Markdown are read by people.
fn name<'a>(ladder: &'a ladder_core::Ladder, id: &'a str) -> &'a str {
    if let Some(b) = id.strip_prefix("background:") {
        return ladder
            .entry_points
            .iter()
            .find(|e| e.id == b)
            .map_or(id, |e| e.name.as_str());
    }
    ladder.role(id).map_or(id, |r| r.title.as_str())
}

/// A kind of move in words ("track switch" for `track-switch`).
fn move_name(kind: &str) -> &str {
    match kind {
        "track-switch" => "track switch",
        "entry" => "way in",
        "lateral" => "lateral move",
        other => other,
    }
}

/// `ladder path`.
pub fn path(
    ladder_file: Option<&Path>,
    from: Option<String>,
    background: Option<String>,
    to: &str,
    company: Option<&str>,
    format: DataFormat,
) -> Result<Outcome> {
    let loaded = input::ladder(ladder_file)?;
    let ladder = loaded.get();
    let start = match (from, background) {
        (Some(role), _) => Start::Role(role),
        (None, Some(b)) => Start::Background(b),
        (None, None) => anyhow::bail!("give --from ROLE or --background ID"),
    };
    let company = match company {
        Some(id) => Some(ladder_core::company::profile_with_speed(ladder, id)?),
        None => None,
    };
    let r = routes(ladder, &start, to, company)?;
    match format {
        DataFormat::Json => output::print_json(&r)?,
        DataFormat::Markdown | DataFormat::Table => {
            let md = format == DataFormat::Markdown;
            let mut out = String::new();
            let at = r
                .company
                .as_ref()
                .map(|c| {
                    let size = ladder
                        .company_size(c)
                        .map_or(c.as_str(), |s| s.name.as_str());
                    format!(" (company size: {size})")
                })
                .unwrap_or_default();
            let (from, to) = (name(ladder, &r.from), name(ladder, &r.to));
            if md {
                let _ = writeln!(out, "# Routes from {from} to {to}{at}\n");
            } else {
                let _ = writeln!(out, "Routes from {from} to {to}{at}, fastest first");
            }
            if r.routes.is_empty() {
                out.push_str("No route: the ladder has no moves that lead there.\n");
            }
            for (i, route) in r.routes.iter().enumerate() {
                let chain: Vec<&str> = std::iter::once(route.steps[0].from.as_str())
                    .chain(route.steps.iter().map(|s| s.to.as_str()))
                    .map(|id| name(ladder, id))
                    .collect();
                if md {
                    let _ = writeln!(
                        out,
                        "## {}. {} ({})\n\n| From | To | Move | Years | Sources |\n|---|---|---|---|---|",
                        i + 1,
                        chain.join(" → "),
                        years(route.years_min, route.years_max)
                    );
                    for s in &route.steps {
                        let d = if s.years_default { " (default)" } else { "" };
                        let _ = writeln!(
                            out,
                            "| {} | {} | {} | {}{d} | {} |",
                            md_cell(name(ladder, &s.from)),
                            md_cell(name(ladder, &s.to)),
                            move_name(s.kind),
                            span(s.years_min, s.years_max).unwrap_or_else(|| "not given".into()),
                            md_cell(&s.sources.join(", "))
                        );
                    }
                    out.push('\n');
                } else {
                    let _ = writeln!(
                        out,
                        "\n{:>2}. {}  ({})",
                        i + 1,
                        chain.join(" → "),
                        years(route.years_min, route.years_max)
                    );
                    for s in &route.steps {
                        let d = if s.years_default { " (default)" } else { "" };
                        let src = if s.sources.is_empty() {
                            String::new()
                        } else {
                            format!("  [{}]", s.sources.join(", "))
                        };
                        let _ = writeln!(
                            out,
                            "    {} → {}: {}, {}{d}{src}",
                            name(ladder, &s.from),
                            name(ladder, &s.to),
                            move_name(s.kind),
                            years(s.years_min, s.years_max)
                        );
                    }
                }
            }
            output::print(&out)?;
        }
    }
    Ok(Outcome::Ok)
}

/// `ladder simulate`.
#[allow(clippy::too_many_arguments)]
pub fn simulate(
    ladder_file: Option<&Path>,
    from: &str,
    to: &str,
    company: &str,
    runs: u64,
    seed: u64,
    svg: Option<&Path>,
    format: DataFormat,
) -> Result<Outcome> {
    let loaded = input::ladder(ladder_file)?;
    let company = company.to_lowercase();
    let o = run_simulation(
        loaded.get(),
        &Request {
            from,
            to,
            company: &company,
            runs,
            seed,
        },
    )?;
    if let Some(file) = svg {
        std::fs::write(file, ladder_render::histogram_svg(&o))
            .with_context(|| format!("cannot write {}", file.display()))?;
        eprintln!("wrote the histogram to {}", file.display());
    }
    match format {
        DataFormat::Json => output::print_json(&o)?,
        DataFormat::Markdown | DataFormat::Table => {
            let mut out = String::new();
            let v = |x: Option<f64>| x.map_or("–".to_owned(), |v| format!("{v} years"));
            let share = |years: u32| o.reached_share.get(&years).copied().unwrap_or(0.0) * 100.0;
            let _ = writeln!(
                out,
                "{} → {} ({}): {} careers (seed {}), {} reached it ({:.1}%)\n",
                o.from,
                o.to,
                if o.company.is_empty() {
                    "a neutral pace: the ladder has no promotion profiles".to_owned()
                } else {
                    format!("{} companies", o.company)
                },
                o.runs,
                o.seed,
                o.reached,
                o.reached as f64 / o.runs as f64 * 100.0
            );
            let _ = writeln!(
                out,
                "Years to get there (of those who did): p10 {}, median {}, p90 {}",
                v(o.p10),
                v(o.p50),
                v(o.p90)
            );
            let _ = writeln!(
                out,
                "Share of all careers there within 5 years {:.1}%, 10 years {:.1}%, 20 years {:.1}%\n",
                share(5),
                share(10),
                share(20)
            );
            let max = o.histogram.iter().copied().max().unwrap_or(0).max(1);
            for (year, &count) in o.histogram.iter().enumerate() {
                let bar = "█".repeat(((count as f64 / max as f64) * 50.0).round() as usize);
                let _ = writeln!(out, "{year:>3}–{:<3} {bar} {count}", year + 1);
            }
            let p = &o.parameters;
            let _ = writeln!(
                out,
                "\nParameters: speed {}, spread {}, {} promotions, attrition {}/year, followed {} years{}",
                p.speed,
                p.spread,
                p.cycle,
                p.attrition_per_year,
                p.max_years,
                if o.company.is_empty() {
                    " (the program's defaults: the ladder file gives no promotion profile)"
                } else if p.defaults {
                    " (defaults from the ladder file, not from the sources)"
                } else {
                    ""
                }
            );
            if format == DataFormat::Markdown {
                out = format!("```text\n{out}```\n");
            }
            output::print(&out)?;
        }
    }
    Ok(Outcome::Ok)
}
