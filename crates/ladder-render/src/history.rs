//! The history chart of one person: the placement of each submitted
//! assessment over time, one line per rater (self, manager), on the ladder's
//! levels. Self-contained SVG with a title and a description that lists every
//! point, for screen readers and for print.

use std::fmt::Write;

use ladder_core::Ladder;
use ladder_core::model::Track;

use ladder_core::assess::Rater;

use crate::svg_escape::xml;

/// One submitted assessment on the chart.
pub struct HistoryPoint<'a> {
    /// `YYYY-MM-DD`.
    pub date: &'a str,
    /// Who rated (self and manager are drawn as their own lines, peers as a third).
    pub rater: Rater,
    /// The role it placed at, if any.
    pub placement: Option<&'a str>,
}

/// The chart, or an empty string when there is nothing to draw.
pub fn history_svg(ladder: &Ladder, points: &[HistoryPoint<'_>]) -> String {
    if points.is_empty() {
        return String::new();
    }
    let levels = ladder.levels();
    let level_of = |p: &HistoryPoint<'_>| p.placement.and_then(|r| levels.get(r).copied());
    let top = points.iter().filter_map(level_of).max().unwrap_or(0).max(1);
    let (w, left, right, top_pad, bottom) = (760.0f64, 210.0f64, 20.0f64, 40.0f64, 46.0f64);
    let rows = top + 1; // level 0 ..= top
    let row_h = 28.0f64;
    let h = top_pad + row_h * rows as f64 + bottom;
    let plot_w = w - left - right;
    let step = if points.len() > 1 {
        plot_w / (points.len() - 1) as f64
    } else {
        0.0
    };
    let x = |i: usize| {
        left + if points.len() > 1 {
            step * i as f64
        } else {
            plot_w / 2.0
        }
    };
    let y = |level: usize| top_pad + row_h * (top - level) as f64 + row_h / 2.0;
    let mut desc = String::from("Placement of each submitted assessment: ");
    for p in points {
        let _ = write!(
            desc,
            "{} ({}): {}; ",
            p.date,
            p.rater,
            p.placement.map_or("below every role", |r| ladder
                .role(r)
                .map_or(r, |x| x.title.as_str()))
        );
    }
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="history-title history-desc" class="history">
<title id="history-title">Placement over time</title>
<desc id="history-desc">{}</desc>
<style>.grid{{stroke:#e5e7eb}}.self{{stroke:#2563eb;fill:#2563eb}}.manager{{stroke:#c2410c;fill:#c2410c}}.other{{stroke:#555;fill:#555}}polyline{{fill:none;stroke-width:2}}text{{font:12px sans-serif;fill:#222}}</style>"#,
        xml(desc.trim_end_matches("; "))
    );
    for level in 0..rows {
        // Label a level with its ladder roles (IC and management tracks),
        // in ladder order; adjacent roles and off-ramps share levels with them.
        let on_level = |r: &&ladder_core::Role| levels.get(r.id.as_str()) == Some(&level);
        let mut names: Vec<&str> = ladder
            .roles
            .iter()
            .filter(on_level)
            .filter(|r| matches!(r.track, Track::Ic | Track::Management))
            .map(|r| r.title.as_str())
            .collect();
        if names.is_empty() {
            names = ladder
                .roles
                .iter()
                .filter(on_level)
                .map(|r| r.title.as_str())
                .collect();
        }
        // The first role's title, and how many more share the level: titles
        // are long, and the full list is in the description.
        let label = match names.len() {
            0 => String::new(),
            1 => names[0].to_owned(),
            n => format!("{} +{}", names[0], n - 1),
        };
        let yy = y(level);
        let _ = writeln!(
            s,
            r#"<line class="grid" x1="{left}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"#,
            w - right,
            left - 8.0,
            yy + 4.0,
            xml(&label)
        );
    }
    for (i, p) in points.iter().enumerate() {
        let _ = writeln!(
            s,
            r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
            x(i),
            h - bottom + 20.0,
            xml(p.date)
        );
    }
    for (class, raters) in [
        ("self", [Rater::Myself].as_slice()),
        ("manager", &[Rater::Manager]),
        ("other", &[Rater::Peer]),
    ] {
        let series: Vec<(f64, f64)> = points
            .iter()
            .enumerate()
            .filter(|(_, p)| raters.contains(&p.rater))
            .filter_map(|(i, p)| level_of(p).map(|l| (x(i), y(l))))
            .collect();
        if series.is_empty() {
            continue;
        }
        let pts: Vec<String> = series
            .iter()
            .map(|(a, b)| format!("{a:.1},{b:.1}"))
            .collect();
        let _ = writeln!(
            s,
            r#"<polyline class="{class}" points="{}"/>"#,
            pts.join(" ")
        );
        for (a, b) in &series {
            let _ = writeln!(
                s,
                r#"<circle class="{class}" cx="{a:.1}" cy="{b:.1}" r="4"/>"#
            );
        }
    }
    let _ = writeln!(
        s,
        r#"<circle class="self" cx="{left}" cy="16" r="4"/><text x="{:.0}" y="20">self</text><circle class="manager" cx="{:.0}" cy="16" r="4"/><text x="{:.0}" y="20">manager</text>"#,
        left + 10.0,
        left + 60.0,
        left + 70.0
    );
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_dot_per_placed_assessment_on_its_level() {
        let l = ladder_core::embedded::ladder();
        let points = [
            HistoryPoint {
                date: "2026-01-10",
                rater: Rater::Myself,
                placement: Some("pm"),
            },
            HistoryPoint {
                date: "2026-04-10",
                rater: Rater::Manager,
                placement: Some("pm"),
            },
            HistoryPoint {
                date: "2026-07-10",
                rater: Rater::Myself,
                placement: Some("senior-pm"),
            },
            HistoryPoint {
                date: "2026-10-10",
                rater: Rater::Myself,
                placement: None,
            },
        ];
        let svg = history_svg(l, &points);
        assert_eq!(
            svg.matches("<circle class=\"self\" cx").count(),
            2 + 1,
            "two placed self points and the legend"
        );
        assert_eq!(svg.matches("<circle class=\"manager\" cx").count(), 1 + 1);
        assert!(svg.contains("2026-10-10 (self): below every role"));
        let levels = l.levels();
        assert!(levels["senior-pm"] > levels["pm"]);
        // The senior-pm point sits higher (smaller y) than the pm point.
        let ys: Vec<f64> = svg
            .lines()
            .filter(|s| s.starts_with("<circle class=\"self\" cx") && !s.contains("cy=\"16\""))
            .map(|s| {
                s.split("cy=\"")
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .parse()
                    .unwrap()
            })
            .collect();
        assert!(ys[1] < ys[0], "{ys:?}");
        assert!(history_svg(l, &[]).is_empty());
    }
}
