//! The simulation chart: years to reach the target, as an SVG bar chart with
//! the 10th, 50th and 90th percentiles marked. Self-contained (no script), with a
//! title and description for screen readers.

use std::fmt::Write;

use ladder_core::simulate::Outcome;

use crate::svg_escape::xml;

/// The histogram of a simulation as an SVG document.
pub fn histogram_svg(o: &Outcome) -> String {
    let (w, h, left, bottom, top) = (720.0f64, 380.0f64, 56.0f64, 48.0f64, 92.0f64);
    let bins = o.histogram.len().max(1);
    let max = o.histogram.iter().copied().max().unwrap_or(0).max(1) as f64;
    let plot_w = w - left - 20.0;
    let plot_h = h - top - bottom;
    let bar_w = plot_w / bins as f64;
    let title = format!(
        "Years from {} to {}, {} companies ({} careers, seed {})",
        o.from, o.to, o.company, o.runs, o.seed
    );
    let share = |years: u32| o.reached_share.get(&years).copied().unwrap_or(0.0) * 100.0;
    let line1 = format!(
        "{} of {} simulated careers reached {}. Median {} years; 10th percentile {}, 90th {}.",
        o.reached,
        o.runs,
        o.to,
        o.p50.map_or("–".into(), |v| v.to_string()),
        o.p10.map_or("–".into(), |v| v.to_string()),
        o.p90.map_or("–".into(), |v| v.to_string()),
    );
    let line2 = format!(
        "Share of all careers there within 5 years: {:.1}%, 10 years: {:.1}%, 20 years: {:.1}%.",
        share(5),
        share(10),
        share(20)
    );
    let desc = format!("{line1} {line2}");
    let mut s = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" aria-labelledby="sim-title sim-desc" font-family="system-ui, sans-serif">
<title id="sim-title">{t}</title>
<desc id="sim-desc">{d}</desc>
<rect x="0" y="0" width="{w}" height="{h}" fill="#fff"/>
<text x="{left}" y="24" font-size="15" font-weight="700" fill="#1d2430">{t}</text>
<text x="{left}" y="44" font-size="12" fill="#5b6575">{l1}</text>
<text x="{left}" y="60" font-size="12" fill="#5b6575">{l2}</text>
"##,
        t = xml(&title),
        d = xml(&desc),
        l1 = xml(&line1),
        l2 = xml(&line2)
    );
    for (i, &count) in o.histogram.iter().enumerate() {
        let bh = count as f64 / max * plot_h;
        let x = left + i as f64 * bar_w;
        let _ = writeln!(
            s,
            r##"<rect x="{x:.1}" y="{:.1}" width="{:.1}" height="{bh:.1}" fill="#1f5fbf"><title>{i}–{} years: {count}</title></rect>"##,
            top + plot_h - bh,
            (bar_w - 1.0).max(0.5),
            i + 1
        );
    }
    let _ = writeln!(
        s,
        r##"<line x1="{left}" y1="{y}" x2="{x2}" y2="{y}" stroke="#5b6575"/>"##,
        y = top + plot_h,
        x2 = left + plot_w
    );
    let step = (bins / 10).max(1);
    for i in (0..=bins).step_by(step) {
        let x = left + i as f64 * bar_w;
        let _ = writeln!(
            s,
            r##"<text x="{x:.1}" y="{:.1}" font-size="11" fill="#5b6575" text-anchor="middle">{i}</text>"##,
            top + plot_h + 16.0
        );
    }
    let _ = writeln!(
        s,
        r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#1d2430" text-anchor="middle">years</text>"##,
        left + plot_w / 2.0,
        h - 10.0
    );
    for (label, value) in [("p10", o.p10), ("p50", o.p50), ("p90", o.p90)] {
        if let Some(v) = value {
            let x = left + v * bar_w;
            let _ = writeln!(
                s,
                r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{:.1}" stroke="#b3261e" stroke-dasharray="4 3"/><text x="{:.1}" y="{:.1}" font-size="11" fill="#b3261e">{label} {v}</text>"##,
                top + plot_h,
                x - 12.0,
                top - 6.0
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_bar_per_year_and_the_percentiles_marked() {
        let l = ladder_core::embedded::ladder();
        let o = ladder_core::simulate::simulate(
            l,
            &ladder_core::simulate::Request {
                from: "pm",
                to: "director",
                company: "scaleup",
                runs: 5000,
                seed: 3,
            },
        )
        .unwrap();
        let svg = histogram_svg(&o);
        assert_eq!(svg.matches("<rect x=").count(), o.histogram.len() + 1);
        assert!(svg.contains(">p50 ") && svg.contains("<desc id=\"sim-desc\">"));
        assert!(svg.ends_with("</svg>\n"));
    }
}
