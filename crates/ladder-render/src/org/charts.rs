//! The org report's charts as SVG: the ladder's rungs as a pyramid (the
//! individual-contributor track to the left of the axis, management to the
//! right, the top of the ladder on top), managers by span of control, and
//! engineers per PM by product leader against the ladder's reference.
//!
//! Each chart is a self-contained SVG (no script, no external font) with a
//! title and a description that says in words what the bars show, so a
//! screen reader gets the figures too. They are drawn 480 units wide: on a
//! 390 px phone that keeps 13-unit text at about 10 px, and on a desktop
//! the page lets them grow to their natural width and no further.

use std::fmt::Write;

use ladder_core::model::{Measure, format_number};
use ladder_core::org::{OrgReport, Rung};

use crate::svg_escape::xml;

const W: f64 = 480.0;
const INK: &str = "#1d2430";
const MUTED: &str = "#5b6575";
const IC: &str = "#1f5fbf";
const LEAD: &str = "#0f7b6c";
const WARN: &str = "#b3261e";

/// The opening of a chart: its size, title and description.
fn open(id: &str, height: f64, title: &str, desc: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {W} {height}" width="{W}" height="{height}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="system-ui, sans-serif" font-size="13">
<title id="{id}-title">{t}</title>
<desc id="{id}-desc">{d}</desc>
"#,
        t = xml(title),
        d = xml(desc)
    )
}

/// Text cut to `max` characters with an ellipsis.
fn clip(text: &str, max: usize) -> Cow<'_> {
    if text.chars().count() <= max {
        Cow::Borrowed(text)
    } else {
        let cut: String = text.chars().take(max.saturating_sub(1)).collect();
        Cow::Owned(format!("{cut}…"))
    }
}

type Cow<'a> = std::borrow::Cow<'a, str>;

/// One side of a pyramid row: the rungs of one track at one level.
fn side(rungs: &[&Rung]) -> Option<(String, usize, bool)> {
    if rungs.is_empty() {
        return None;
    }
    let title = rungs
        .iter()
        .map(|r| r.title.as_str())
        .collect::<Vec<_>>()
        .join(" / ");
    let people = rungs.iter().map(|r| r.people).sum();
    let flagged = rungs.iter().any(|r| r.note.is_some());
    Some((title, people, flagged))
}

/// The ladder's rungs as a pyramid: a row per level with someone on it or
/// expected at this company size, top first; IC bars grow left from the
/// axis, management bars right. A rung the company size expects and nobody
/// holds is drawn as an empty dashed box; a rung with a note is red.
pub fn pyramid_svg(r: &OrgReport) -> String {
    let shown: Vec<&Rung> = r
        .pyramid
        .iter()
        .filter(|x| x.people > 0 || x.expected)
        .collect();
    let mut levels: Vec<usize> = shown.iter().map(|x| x.level).collect();
    levels.sort_unstable();
    levels.dedup();
    levels.reverse();
    let (row_h, top) = (40.0, 40.0);
    let height = top + row_h * levels.len().max(1) as f64 + 8.0;
    let mid = W / 2.0;
    let half = mid - 8.0;
    let max = shown.iter().map(|x| x.people).max().unwrap_or(0).max(1) as f64;
    let desc = shown
        .iter()
        .map(|x| {
            let mut s = format!("{}: {}", x.title, x.people);
            if let Some(n) = &x.note {
                let _ = write!(s, " ({n})");
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut s = open(
        "pyramid",
        height,
        "Product managers on each rung of the ladder",
        &if desc.is_empty() {
            "Nobody on the product ladder.".to_owned()
        } else {
            format!("{desc}.")
        },
    );
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="16" text-anchor="end" fill="{MUTED}">Individual contributors</text><text x="{:.1}" y="16" fill="{MUTED}">Management</text>"#,
        mid - 8.0,
        mid + 8.0
    );
    for (i, level) in levels.iter().enumerate() {
        let y = top + row_h * i as f64;
        let at = |track: &str| -> Vec<&Rung> {
            shown
                .iter()
                .copied()
                .filter(|x| x.level == *level && x.track == track)
                .collect()
        };
        for (rungs, left) in [(at("ic"), true), (at("management"), false)] {
            let Some((title, people, flagged)) = side(&rungs) else {
                continue;
            };
            let colour = if flagged {
                WARN
            } else if left {
                IC
            } else {
                LEAD
            };
            let len = if people == 0 {
                0.0
            } else {
                (people as f64 / max * half).max(2.0)
            };
            let label = format!("{} · {people}", clip(&title, 30));
            let (bar_x, text_x, anchor) = if left {
                (mid - 4.0 - len, mid - 8.0, "end")
            } else {
                (mid + 4.0, mid + 8.0, "start")
            };
            let _ = writeln!(
                s,
                r#"<text x="{text_x:.1}" y="{:.1}" text-anchor="{anchor}" fill="{INK}">{}</text>"#,
                y + 12.0,
                xml(&label)
            );
            if people == 0 {
                let (bx, bw) = if left {
                    (mid - 4.0 - 40.0, 40.0)
                } else {
                    (mid + 4.0, 40.0)
                };
                let _ = writeln!(
                    s,
                    r#"<rect x="{bx:.1}" y="{:.1}" width="{bw}" height="14" fill="none" stroke="{WARN}" stroke-dasharray="4 3"><title>{}: nobody (expected at this size)</title></rect>"#,
                    y + 18.0,
                    xml(&title)
                );
            } else {
                let _ = writeln!(
                    s,
                    r#"<rect x="{bar_x:.1}" y="{:.1}" width="{len:.1}" height="14" fill="{colour}"><title>{}: {people}</title></rect>"#,
                    y + 18.0,
                    xml(&title)
                );
            }
        }
    }
    let _ = writeln!(
        s,
        r#"<line x1="{mid}" y1="24" x2="{mid}" y2="{:.1}" stroke="{MUTED}"/>"#,
        height - 4.0
    );
    s.push_str("</svg>\n");
    s
}

/// The bins of the span histogram: one per number of reports up to 24,
/// else 20 bins of equal width. (label, first, last).
fn span_bins(max: u32) -> Vec<(String, u32, u32)> {
    if max <= 24 {
        return (1..=max.max(1)).map(|n| (n.to_string(), n, n)).collect();
    }
    let width = max.div_ceil(20);
    (0..20)
        .map(|i| (1 + i * width, (i + 1) * width))
        .filter(|(first, _)| *first <= max)
        .map(|(first, last)| (format!("{first}–{last}"), first, last))
        .collect()
}

/// Managers by their number of direct reports; managers with one report
/// (whom the report lists) in red.
pub fn spans_svg(r: &OrgReport) -> String {
    let hist = &r.spans.histogram;
    let max_reports = hist.last().map_or(1, |h| h.reports);
    let bins: Vec<(String, u32, u32, usize)> = span_bins(max_reports)
        .into_iter()
        .map(|(label, first, last)| {
            let managers = hist
                .iter()
                .filter(|h| (first..=last).contains(&h.reports))
                .map(|h| h.managers)
                .sum();
            (label, first, last, managers)
        })
        .collect();
    let (left, top, bottom, height) = (44.0, 24.0, 44.0, 228.0);
    let plot_h = height - top - bottom;
    let plot_w = W - left - 8.0;
    // Few bins stay narrow bars, not slabs.
    let bar_w = (plot_w / bins.len() as f64).min(48.0);
    let most = bins.iter().map(|b| b.3).max().unwrap_or(0).max(1);
    let desc = if hist.is_empty() {
        "Nobody in the roster has direct reports.".to_owned()
    } else {
        let parts: Vec<String> = bins
            .iter()
            .filter(|b| b.3 > 0)
            .map(|(label, _, _, m)| format!("{label} reports: {m}"))
            .collect();
        format!("Managers by direct reports. {}.", parts.join("; "))
    };
    let mut s = open(
        "spans",
        height,
        "Managers by number of direct reports",
        &desc,
    );
    for (i, (label, first, last, managers)) in bins.iter().enumerate() {
        let x = left + i as f64 * bar_w;
        let bh = *managers as f64 / most as f64 * plot_h;
        let colour = if *first == 1 && *last == 1 { WARN } else { IC };
        if *managers > 0 {
            let _ = writeln!(
                s,
                r#"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{bh:.1}" fill="{colour}"><title>{label} reports: {managers} managers</title></rect>"#,
                x + 1.0,
                top + plot_h - bh.max(1.0),
                (bar_w - 2.0).max(1.0)
            );
        }
        // Labels under every bar when they fit, else under every other.
        let every = if bar_w >= 8.0 * label.len() as f64 {
            1
        } else {
            2
        };
        if i % every == 0 {
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}" text-anchor="middle" font-size="11" fill="{MUTED}">{label}</text>"#,
                x + bar_w / 2.0,
                top + plot_h + 15.0
            );
        }
    }
    let _ = writeln!(
        s,
        r#"<line x1="{left}" y1="{y:.1}" x2="{x2:.1}" y2="{y:.1}" stroke="{MUTED}"/>
<text x="{left}" y="{:.1}" font-size="11" fill="{MUTED}">direct reports</text>
<text x="{:.1}" y="{:.1}" text-anchor="end" font-size="11" fill="{MUTED}">{most}</text>
<text x="{:.1}" y="{y:.1}" text-anchor="end" font-size="11" fill="{MUTED}">0</text>
<text x="{left}" y="{:.1}" font-size="11" fill="{MUTED}">managers</text>"#,
        height - 8.0,
        left - 4.0,
        top + 10.0,
        left - 4.0,
        top - 4.0,
        y = top + plot_h,
        x2 = left + bar_w * bins.len() as f64,
    );
    s.push_str("</svg>\n");
    s
}

/// How many product leaders' bars the ratio chart draws (the biggest
/// orgs; the table beside it lists them all).
const RATIO_ROWS: usize = 12;

/// Engineers per IC PM for the whole roster and for each product leader's
/// org (the biggest first), against the ladder's reference ratio (a dashed
/// line) and an `engineers-per-pm` benchmark range (a shaded band).
pub fn ratios_svg(r: &OrgReport) -> String {
    let mut rows: Vec<(String, Option<f64>, usize)> = vec![(
        "Whole roster".to_owned(),
        r.ratio.engineers_per_pm,
        r.ratio.product_ic,
    )];
    for x in r.ratios_by_leader.iter().take(RATIO_ROWS) {
        let name = x.leader.as_ref().map_or("", |l| l.name.as_str());
        rows.push((name.to_owned(), x.engineers_per_pm, x.product_ic));
    }
    let band = r
        .benchmarks
        .iter()
        .find(|b| b.measure == Measure::EngineersPerPm)
        .map(|b| (b.low, b.high.unwrap_or(b.low)));
    let reference = r.reference.as_ref().map(|x| x.engineers_per_pm);
    let scale_max = rows
        .iter()
        .filter_map(|x| x.1)
        .chain(reference)
        .chain(band.map(|b| b.1))
        .fold(1.0f64, f64::max)
        * 1.1;
    let (label_w, top, row_h) = (150.0, 28.0, 26.0);
    let plot_w = W - label_w - 40.0;
    let height = top + row_h * rows.len() as f64 + 24.0;
    let x_of = |v: f64| label_w + v / scale_max * plot_w;
    let desc = rows
        .iter()
        .map(|(name, n, pms)| match n {
            Some(n) => format!("{name}: 1:{} ({pms} IC PMs)", format_number(*n)),
            None => format!("{name}: no IC PMs"),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut s = open(
        "ratios",
        height,
        "Engineers per product manager, individual contributors",
        &match reference {
            Some(v) => format!("{desc}. The ladder's reference is 1:{}.", format_number(v)),
            None => format!("{desc}."),
        },
    );
    let bottom = top + row_h * rows.len() as f64;
    if let Some((lo, hi)) = band {
        let _ = writeln!(
            s,
            r##"<rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="#e8eef8"><title>Benchmark range {}–{}</title></rect>"##,
            x_of(lo),
            top - 6.0,
            (x_of(hi) - x_of(lo)).max(2.0),
            bottom - top + 6.0,
            format_number(lo),
            format_number(hi)
        );
    }
    for (i, (name, n, _)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64;
        let weight = if i == 0 { "700" } else { "400" };
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="end" font-weight="{weight}" fill="{INK}">{}</text>"#,
            label_w - 6.0,
            y + 13.0,
            xml(&clip(name, 20))
        );
        match n {
            Some(v) => {
                let over = reference.is_some_and(|r| *v > r);
                let colour = if over { WARN } else { IC };
                let _ = writeln!(
                    s,
                    r#"<rect x="{label_w}" y="{:.1}" width="{:.1}" height="16" fill="{colour}"><title>{}: 1:{}</title></rect>
<text x="{:.1}" y="{:.1}" fill="{INK}">1:{}</text>"#,
                    y + 1.0,
                    (x_of(*v) - label_w).max(1.0),
                    xml(name),
                    format_number(*v),
                    x_of(*v) + 4.0,
                    y + 13.0,
                    format_number(*v)
                );
            }
            None => {
                let _ = writeln!(
                    s,
                    r#"<text x="{:.1}" y="{:.1}" fill="{MUTED}">no IC PMs</text>"#,
                    label_w + 4.0,
                    y + 13.0
                );
            }
        }
    }
    if let Some(v) = reference {
        let x = x_of(v);
        let _ = writeln!(
            s,
            r#"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{bottom:.1}" stroke="{INK}" stroke-dasharray="5 4"/>
<text x="{x:.1}" y="14" text-anchor="middle" font-size="11" fill="{INK}">reference 1:{}</text>"#,
            top - 8.0,
            format_number(v)
        );
    }
    let _ = writeln!(
        s,
        r#"<line x1="{label_w}" y1="{bottom:.1}" x2="{:.1}" y2="{bottom:.1}" stroke="{MUTED}"/>
<text x="{label_w}" y="{:.1}" font-size="11" fill="{MUTED}">engineers per PM</text>"#,
        label_w + plot_w,
        bottom + 16.0
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_bins_are_single_numbers_up_to_24_then_twenty_ranges() {
        assert_eq!(span_bins(3).len(), 3);
        assert_eq!(span_bins(24).last().unwrap().0, "24");
        let wide = span_bins(35);
        assert_eq!(wide[0], ("1–2".to_owned(), 1, 2));
        assert_eq!(wide.last().unwrap().2, 36);
        assert!(wide.len() <= 20);
    }

    #[test]
    fn clip_keeps_short_text_and_marks_a_cut() {
        assert_eq!(clip("Ada", 5), "Ada");
        assert_eq!(clip("Adalovelace", 5), "Adal…");
    }
}
