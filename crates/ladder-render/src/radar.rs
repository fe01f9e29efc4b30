//! The radar chart of an assessment: one spoke per competency, the ratings as
//! a filled shape, the current and next roles' expectations as outlines.
//!
//! Self-contained SVG (no script, no external font) with a title, a
//! description and a data table in `<desc>` for screen readers, so the web
//! page, the print view and a saved file all show the same thing.

use std::fmt::Write;

use ladder_core::Ladder;
use ladder_core::assess::Levels;

use crate::svg_escape::xml;

/// One outline to draw over the ratings: a role's expectations.
pub struct Outline<'a> {
    /// The role id whose expectations are drawn.
    pub role: &'a str,
    /// CSS class (`current` or `next`) that colours it.
    pub class: &'static str,
}

/// The radar chart of `levels` against the expectations of each outline's role.
pub fn radar_svg(ladder: &Ladder, levels: &Levels, outlines: &[Outline<'_>]) -> String {
    let m = &ladder.competencies;
    let items = &m.items;
    let n = items.len().max(3);
    // Each spoke is its competency's own scale: a level is drawn at its
    // share of that scale's top, so a 1–4 scale and a 0–5 one share rings.
    let share = |c: &ladder_core::model::Competency, level: u8| {
        f64::from(level) / f64::from(m.range_of(c).1.max(1))
    };
    let top = f64::from(m.top().max(1));
    // Wide enough for the longest competency names beside the spokes; tall
    // enough for the legend under the chart.
    let (w, cx, cy, r) = (820.0f64, 410.0f64, 250.0f64, 180.0f64);
    let legend_top = cy + r * 1.18 + 28.0;
    let h = legend_top + 16.0 * (outlines.len() as f64 + 1.0) + 8.0;
    let point = |i: usize, value: f64| {
        let angle = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
        let d = r * value;
        (cx + d * angle.cos(), cy + d * angle.sin())
    };
    let polygon = |values: &mut dyn Iterator<Item = f64>| {
        values
            .enumerate()
            .map(|(i, v)| {
                let (x, y) = point(i, v);
                format!("{x:.1},{y:.1}")
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut desc = String::from("Ratings per competency");
    for o in outlines {
        let _ = write!(desc, ", with the expectations of {}", o.role);
    }
    desc.push_str(". ");
    for c in items {
        let _ = write!(
            desc,
            "{}: {}",
            c.name,
            levels.get(&c.id).copied().unwrap_or(0)
        );
        for o in outlines {
            if let Some(e) = c.expectations.get(o.role) {
                let _ = write!(desc, " (expected {e} for {})", o.role);
            }
        }
        desc.push_str("; ");
    }
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="radar-title radar-desc" class="radar">
<title id="radar-title">Ratings against role expectations</title>
<desc id="radar-desc">{desc}</desc>
<style>.grid{{fill:none;stroke:#ccd;stroke-width:1}}.axis{{stroke:#ccd}}.rating{{fill:rgba(37,99,235,.25);stroke:#2563eb;stroke-width:2}}.current{{fill:none;stroke:#555;stroke-width:2;stroke-dasharray:6 4}}.next{{fill:none;stroke:#c2410c;stroke-width:2}}text{{font:12px sans-serif;fill:#222}}</style>
"#,
        desc = xml(desc.trim_end_matches("; ")),
    );
    for level in 1..=top as u8 {
        let ring = polygon(&mut (0..n).map(|_| f64::from(level) / top));
        let _ = writeln!(s, r#"<polygon class="grid" points="{ring}"/>"#);
    }
    for (i, c) in items.iter().enumerate() {
        let (x, y) = point(i, 1.0);
        let (lx, ly) = point(i, 1.18);
        let anchor = if (lx - cx).abs() < 1.0 {
            "middle"
        } else if lx > cx {
            "start"
        } else {
            "end"
        };
        let _ = writeln!(
            s,
            r#"<line class="axis" x1="{cx}" y1="{cy}" x2="{x:.1}" y2="{y:.1}"/><text x="{lx:.1}" y="{ly:.1}" text-anchor="{anchor}">{}</text>"#,
            xml(&c.name)
        );
    }
    for o in outlines {
        let pts = polygon(
            &mut items
                .iter()
                .map(|c| share(c, c.expectations.get(o.role).copied().unwrap_or(0))),
        );
        let _ = writeln!(s, r#"<polygon class="{}" points="{pts}"/>"#, o.class);
    }
    let pts = polygon(
        &mut items
            .iter()
            .map(|c| share(c, levels.get(&c.id).copied().unwrap_or(0))),
    );
    let _ = writeln!(s, r#"<polygon class="rating" points="{pts}"/>"#);
    let mut y = legend_top;
    let _ = writeln!(
        s,
        r##"<rect x="20" y="{y}" width="14" height="10" class="rating"/><text x="40" y="{:.0}">ratings</text>"##,
        y + 9.0
    );
    for o in outlines {
        y += 16.0;
        let _ = writeln!(
            s,
            r#"<line x1="20" y1="{ly:.0}" x2="34" y2="{ly:.0}" class="{}"/><text x="40" y="{ty:.0}">expected for {}</text>"#,
            o.class,
            xml(o.role),
            ly = y + 5.0,
            ty = y + 9.0
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_spoke_per_competency_and_one_outline_per_role() {
        let ladder = ladder_core::embedded::ladder();
        let levels: Levels = ladder
            .competencies
            .items
            .iter()
            .map(|c| (c.id.clone(), 3))
            .collect();
        let svg = radar_svg(
            ladder,
            &levels,
            &[
                Outline {
                    role: "pm",
                    class: "current",
                },
                Outline {
                    role: "spm",
                    class: "next",
                },
            ],
        );
        assert_eq!(
            svg.matches("<line class=\"axis\"").count(),
            ladder.competencies.items.len()
        );
        assert_eq!(svg.matches("class=\"current\" points").count(), 1);
        assert_eq!(svg.matches("class=\"next\" points").count(), 1);
        assert!(svg.contains("expected for spm"));
        // Every rating vertex sits on ring 3 of 5: 3/5 of the radius from the centre.
        let ring = svg
            .lines()
            .find(|l| l.starts_with("<polygon class=\"rating\""))
            .unwrap();
        let first = ring.split('"').nth(3).unwrap().split(' ').next().unwrap();
        let (x, y) = first.split_once(',').unwrap();
        let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
        let d = ((x - 410.0).powi(2) + (y - 250.0).powi(2)).sqrt();
        let top = f64::from(ladder.competencies.top());
        assert!((d - 180.0 * 3.0 / top).abs() < 0.2, "{d}");
    }
}
