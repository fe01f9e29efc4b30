//! `ladder assess` and `ladder gap`: a person's ratings against the ladder.

use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use ladder_core::Ladder;
use ladder_core::assess::{self, Assessment, Gap, Rater, Rating};
use ladder_core::model::CompetencyModel;

use crate::Outcome;
use crate::cli::DataFormat;
use crate::{input, output};

/// Reads and checks an assessment file; problems go to stderr as FILE:LINE:COL.
fn load(ladder: &Ladder, path: &Path) -> Result<Assessment> {
    let text = input::read_text(path)?;
    match assess::parse(&text, ladder) {
        Ok(a) => Ok(a),
        Err(d) => {
            let origin = path.display().to_string();
            eprint!("{}", output::diagnostics_text(&d, &origin));
            bail!("{origin} is not a valid assessment ({d})")
        }
    }
}

/// A level of a competency as the ladder names it: `3 Proficient`,
/// `level 3`, or "not rated".
fn shown(m: &CompetencyModel, competency: &str, level: u8) -> String {
    m.item(competency)
        .map_or_else(|| level.to_string(), |c| m.level_shown(c, level))
}

fn gap_table(m: &CompetencyModel, gaps: &[Gap], title: &str) -> String {
    let mut t = output::table(&["Competency", "Rating", title, "Gap"]);
    for g in gaps {
        let unrated = m
            .item(&g.competency)
            .is_some_and(|c| m.is_unrated(c, g.rating));
        let mark = match g.delta {
            _ if unrated => ladder_core::model::NOT_RATED.to_owned(),
            d if d < 0 => format!("{d} below"),
            0 => "at".to_owned(),
            d => format!("+{d} above"),
        };
        t.add_row(vec![
            g.name.clone(),
            shown(m, &g.competency, g.rating),
            shown(m, &g.competency, g.expected),
            mark,
        ]);
    }
    format!("{t}\n")
}

/// `ladder assess`.
pub fn run(
    ladder_file: Option<&Path>,
    file: Option<&Path>,
    compare: Option<&[PathBuf]>,
    out: Option<&Path>,
    format: DataFormat,
) -> Result<Outcome> {
    let loaded = input::ladder(ladder_file)?;
    let ladder = loaded.get();
    if ladder.competencies.items.is_empty() {
        bail!("the ladder has no [competencies]; add them to assess people against it");
    }
    if let Some([first, second]) = compare {
        let (a, b) = (load(ladder, first)?, load(ladder, second)?);
        let diffs = assess::compare(ladder, &a, &b);
        if format == DataFormat::Json {
            output::print_json(
                &serde_json::json!({ "first": { "file": first, "rater": a.rater.as_str() }, "second": { "file": second, "rater": b.rater.as_str() }, "competencies": diffs, "rated_by_one": assess::rated_by_one(ladder, &a, &b) }),
            )?;
        } else {
            let mut t = output::table(&[
                "Competency",
                a.rater.as_str(),
                b.rater.as_str(),
                "Difference",
            ]);
            let m = &ladder.competencies;
            for d in &diffs {
                let label = |level: u8| shown(m, &d.competency, level);
                t.add_row(vec![
                    d.name.clone(),
                    label(d.first),
                    label(d.second),
                    format!("{:+}", d.difference),
                ]);
            }
            let big = diffs.iter().filter(|d| d.difference.abs() >= 2).count();
            let same = diffs.iter().filter(|d| d.difference == 0).count();
            let one = assess::rated_by_one(ladder, &a, &b);
            let one = if one.is_empty() {
                String::new()
            } else {
                format!("Rated by one of them only: {}.\n", one.join(", "))
            };
            output::print(&format!(
                "{} ({}) against {} ({}) for {}\n{t}\n{same} of the {} competencies both rated are rated the same; {big} differ by 2 levels or more.\n{one}",
                a.rater.as_str(),
                first.display(),
                b.rater.as_str(),
                second.display(),
                a.person,
                diffs.len()
            ))?;
        }
        return Ok(Outcome::Ok);
    }
    let a = match file {
        Some(f) => load(ladder, f)?,
        None => return questionnaire(ladder, out),
    };
    let r = assess::report(ladder, &a);
    if format == DataFormat::Json {
        output::print_json(&r)?;
        return Ok(Outcome::Ok);
    }
    let title = |id: &str| ladder.role(id).map_or(id.to_owned(), |r| r.title.clone());
    let mut text = format!(
        "{}, {} ({} assessment, {})\n",
        r.person, r.role, r.rater, r.date
    );
    let rule = if r.rule == "points" {
        "weighted points with per-area minimums"
    } else {
        "every competency at or above the role's expectation"
    };
    match &r.placement {
        Some(p) => {
            let _ = writeln!(text, "Placement: {p} — {} (rule: {rule})", title(p));
        }
        None => {
            let _ = writeln!(
                text,
                "Placement: none yet — no role's expectations are all met (rule: {rule})"
            );
        }
    }
    let _ = write!(
        text,
        "\nAgainst the current role, {}:\n{}",
        r.role,
        gap_table(&ladder.competencies, &r.current, &r.role)
    );
    for step in &r.next {
        let verdict = if step.ready {
            "ready".to_owned()
        } else {
            format!("not yet: {} competencies below", step.below)
        };
        let _ = write!(
            text,
            "\nNext step {} — {}: {verdict}\n{}",
            step.role,
            step.title,
            gap_table(&ladder.competencies, &step.gaps, &step.role)
        );
        if !step.checklist.is_empty() {
            text.push_str("Ready when (from the ladder):\n");
            for c in &step.checklist {
                let _ = writeln!(text, "  ☐ {c}");
            }
        }
    }
    if format == DataFormat::Markdown {
        text = format!("```text\n{text}```\n");
    }
    output::print(&text)?;
    Ok(Outcome::Ok)
}

/// `ladder gap FILE --to ROLE`.
pub fn gap(
    ladder_file: Option<&Path>,
    file: &Path,
    to: &str,
    format: DataFormat,
) -> Result<Outcome> {
    let loaded = input::ladder(ladder_file)?;
    let ladder = loaded.get();
    super::find_role(ladder, to)?;
    let a = load(ladder, file)?;
    let lv = assess::levels(ladder, &a);
    let Some(plan) = assess::gap_plan(ladder, &lv, to) else {
        bail!("role `{to}` has no competency expectations, so no assessment can qualify for it");
    };
    if format == DataFormat::Json {
        output::print_json(
            &serde_json::json!({ "person": a.person, "from": a.role, "to": to, "qualified": plan.is_empty(), "moves": plan }),
        )?;
        return Ok(Outcome::Ok);
    }
    let mut text = String::new();
    if plan.is_empty() {
        let _ = writeln!(
            text,
            "{} already meets every expectation of {to}.",
            a.person
        );
    } else {
        let _ = writeln!(
            text,
            "{}: {} move(s) to qualify for {to}, largest first\n",
            a.person,
            plan.len()
        );
        for mv in &plan {
            let _ = writeln!(
                text,
                "  {}: from {} to {}",
                mv.name,
                shown(&ladder.competencies, &mv.competency, mv.from),
                shown(&ladder.competencies, &mv.competency, mv.to)
            );
            for e in &mv.evidence {
                let _ = writeln!(text, "      e.g. {e}");
            }
        }
    }
    output::print(&text)?;
    Ok(Outcome::Ok)
}

/// Asks for every rating in the terminal and saves the assessment.
fn questionnaire(ladder: &Ladder, out: Option<&Path>) -> Result<Outcome> {
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    let mut err = std::io::stderr();
    let mut ask = |q: &str| -> Result<String> {
        write!(err, "{q}")?;
        err.flush()?;
        match lines.next() {
            Some(line) => Ok(line?.trim().to_owned()),
            None => {
                bail!("the input ended before the questionnaire was finished; nothing was saved")
            }
        }
    };
    let person = loop {
        let p = ask("Who is assessed? ")?;
        if !p.is_empty() {
            break p;
        }
    };
    let role = loop {
        let r = ask("Current role id (see `ladder roles`): ")?;
        if ladder.role(&r).is_some() {
            break r;
        }
        eprintln!(
            "  no role `{r}`; ids: {}",
            ladder
                .roles
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    };
    let rater = loop {
        match ask("Rater (self, manager, peer) [self]: ")?.as_str() {
            "" | "self" => break Rater::Myself,
            "manager" => break Rater::Manager,
            "peer" => break Rater::Peer,
            other => eprintln!("  `{other}` is not self, manager or peer"),
        }
    };
    let date = ask("Date (YYYY-MM-DD): ")?;
    let m = &ladder.competencies;
    // The competencies the role is assessed on (every one, for a role no
    // competency lists).
    let asked: Vec<_> = m
        .items
        .iter()
        .filter(|c| !m.assesses(&role) || c.expectations.contains_key(&role))
        .collect();
    let mut ratings = std::collections::BTreeMap::new();
    for (i, c) in asked.iter().enumerate() {
        match &c.summary {
            Some(s) => eprintln!("\n[{}/{}] {} — {}", i + 1, asked.len(), c.name, s.text),
            None => eprintln!("\n[{}/{}] {}", i + 1, asked.len(), c.name),
        }
        for s in m.scale_of(c) {
            eprintln!("  {} {}", s.level, s.name);
            for text in c.criteria_texts(s.level) {
                eprintln!("      {text}");
            }
        }
        let (bottom, top) = m.range_of(c);
        let level = loop {
            let v = ask(&format!("Rating {bottom}–{top} (blank: not rated): "))?;
            if v.is_empty() {
                break None;
            }
            match v.parse::<u8>() {
                Ok(n) if (bottom..=top).contains(&n) => break Some(n),
                _ => eprintln!("  give a whole number from {bottom} to {top}, or nothing"),
            }
        };
        let Some(level) = level else {
            continue;
        };
        let evidence = ask("Evidence (optional, one line): ")?;
        ratings.insert(
            c.id.clone(),
            Rating {
                level,
                evidence: if evidence.is_empty() {
                    Vec::new()
                } else {
                    vec![evidence]
                },
            },
        );
    }
    let a = Assessment {
        person,
        role,
        date,
        rater,
        ladder_version: Some(ladder.ladder.version.clone()),
        ratings,
        readiness: Vec::new(),
    };
    let problems = assess::check(&a, ladder);
    if let Some(p) = problems.first() {
        bail!(
            "{} (at {}); nothing was saved",
            p.message,
            p.path.clone().unwrap_or_default()
        );
    }
    let path = out.map(Path::to_path_buf).unwrap_or_else(|| {
        let slug: String = a
            .person
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        PathBuf::from(format!("assessment-{slug}-{}.toml", a.date))
    });
    let text = toml::to_string_pretty(&a).context("cannot write the assessment as TOML")?;
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    eprintln!(
        "\nsaved {}; see the result with `ladder assess {}`",
        path.display(),
        path.display()
    );
    Ok(Outcome::Ok)
}
