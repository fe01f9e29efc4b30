//! The ladder diagram: an SVG with the IC and management tracks side by side.
//!
//! Layout is a grid: one column per track (adjacent roles on the left, then IC,
//! management, and the off-ramps on the right), one row per level as
//! [`Ladder::levels`] computes it, top of the ladder at the top. A ladder with
//! job families gets a group of such columns per family, in the families'
//! order, so a pricing family's roles never sit in the product managers'
//! column and a move between families is drawn (and named in the legend) as
//! such, not as a promotion. Two roles of one column on the same level move up
//! a row, so nothing overlaps whatever ladder a company supplies. Every box
//! links to its role page; the SVG carries a title and a description for
//! screen readers.

use std::collections::HashMap;
use std::fmt::Write;

use ladder_core::Ladder;
use ladder_core::model::{Track, TransitionKind};

/// Diagrams wider than this are marked `wide` (see `style.css`).
const WIDE: i32 = 900;
const BOX_W: i32 = 250;
const BOX_H: i32 = 52;
const COL_W: i32 = 290;
const ROW_H: i32 = 74;
const TOP: i32 = 70;
const LEFT: i32 = 20;

use crate::svg_escape::xml;

/// A column: the family's place (0 for roles without one, then the
/// families in file order) and the track's place within it.
type Column = (usize, i32);

fn column(track: Track) -> i32 {
    match track {
        Track::Adjacent => 0,
        Track::Ic => 1,
        Track::Management => 2,
        Track::OffRamp => 3,
    }
}

/// Splits a long title into two lines at the space nearest its middle.
fn title_lines(title: &str) -> Vec<&str> {
    if title.chars().count() <= 32 {
        return vec![title];
    }
    let mid = title.len() / 2;
    let split = title
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(mid));
    match split {
        Some(i) => vec![
            title[..i].trim_end_matches([' ', '/']),
            title[i + 1..].trim_start_matches(['/', ' ']),
        ],
        None => vec![title],
    }
}

/// The diagram as a standalone SVG document; links point at `{root}roles/ID.html`.
pub fn diagram(ladder: &Ladder, root: &str) -> String {
    let levels = ladder.levels();
    let family_of = |r: &ladder_core::Role| {
        r.family
            .as_deref()
            .and_then(|f| ladder.families.iter().position(|x| x.id == f))
            .map_or(0, |i| i + 1)
    };
    let family_at: HashMap<&str, usize> = ladder
        .roles
        .iter()
        .map(|r| (r.id.as_str(), family_of(r)))
        .collect();
    // Place roles: (column, row), bumping up on collisions.
    let mut taken: HashMap<(Column, usize), ()> = HashMap::new();
    let mut place: HashMap<&str, (Column, usize)> = HashMap::new();
    let mut order: Vec<&ladder_core::Role> = ladder.roles.iter().collect();
    order.sort_by_key(|r| levels.get(r.id.as_str()).copied().unwrap_or(0));
    for r in order {
        let col = (family_of(r), column(r.track));
        let mut row = levels.get(r.id.as_str()).copied().unwrap_or(0);
        while taken.contains_key(&(col, row)) {
            row += 1;
        }
        taken.insert((col, row), ());
        place.insert(r.id.as_str(), (col, row));
    }
    let rows = place.values().map(|&(_, r)| r).max().unwrap_or(0) + 1;
    let mut used_cols: Vec<Column> = place.values().map(|&(c, _)| c).collect();
    used_cols.sort_unstable();
    used_cols.dedup();
    let col_x =
        |c: Column| LEFT + used_cols.iter().position(|&u| u == c).unwrap_or(0) as i32 * COL_W;
    let width = LEFT * 2 + used_cols.len() as i32 * COL_W - (COL_W - BOX_W);
    let height = TOP + rows as i32 * ROW_H + 50;
    let pos = |id: &str| -> Option<(i32, i32)> {
        place
            .get(id)
            .map(|&(c, r)| (col_x(c), TOP + (rows - 1 - r) as i32 * ROW_H))
    };

    // Pages keep a wide diagram at a legible size on a phone (it scrolls
    // sideways in its own region there) instead of shrinking its text.
    let class = if width > WIDE { r#" class="wide""# } else { "" };
    let mut s = String::new();
    let _ = write!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}"{class} role="group" aria-labelledby="ladder-title ladder-desc" font-family="system-ui, sans-serif">
<title id="ladder-title">{name} career ladder</title>
<desc id="ladder-desc">{count} roles in columns by {columns}, lowest level at the bottom; arrows are the moves between roles.</desc>
<defs>
<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#5b6575"/></marker>
</defs>
<style>.box{{fill:#fff;stroke:#1f5fbf;stroke-width:1.5}} .adjacent .box{{stroke:#8a94a3;stroke-dasharray:4 3}} .off-ramp .box{{stroke:#7a4fb5}} .t{{font-size:12px;font-weight:600;fill:#1d2430}} .s{{font-size:10.5px;fill:#5b6575}} .h{{font-size:13px;font-weight:700;fill:#1d2430}} .e{{fill:none;stroke:#5b6575;stroke-width:1.3}} .track-switch{{stroke-dasharray:6 4}} .off-ramp-move{{stroke-dasharray:2 3;stroke:#7a4fb5}} .entry,.lateral{{stroke:#b3bac5}} .e.cross-family{{stroke:#0f766e;stroke-dasharray:9 3}}</style>
"##,
        name = xml(&ladder.ladder.name),
        count = ladder.roles.len(),
        columns = if ladder.families.is_empty() {
            "track"
        } else {
            "job family and track"
        },
    );
    let track_label = |c: i32| match c {
        0 => "Adjacent roles",
        1 => "Individual contributor",
        2 => "Management",
        _ => "Off-ramps",
    };
    for &(family, track) in &used_cols {
        let label = if ladder.families.is_empty() {
            track_label(track).to_owned()
        } else {
            let name = match family {
                0 => "Other roles",
                f => ladder.families[f - 1].name.as_str(),
            };
            // A family in one column is named alone; in several, each
            // column adds its track.
            if used_cols.iter().filter(|c| c.0 == family).count() > 1 {
                format!("{name}: {}", track_label(track))
            } else {
                name.to_owned()
            }
        };
        let _ = writeln!(
            s,
            r#"<text class="h" x="{}" y="{}">{}</text>"#,
            col_x((family, track)),
            TOP - 30,
            xml(&label)
        );
    }
    let title_of = |id: &str| {
        ladder
            .role(id)
            .map_or_else(|| id.to_owned(), |r| r.title.clone())
    };
    let mut crossings = false;
    // Edges first, so boxes sit on top of them.
    for t in &ladder.transitions {
        let (Some((fx, fy)), Some((tx, ty))) = (pos(t.from.as_str()), pos(t.to.as_str())) else {
            continue;
        };
        let kind = match t.kind {
            TransitionKind::Promotion => "promotion",
            TransitionKind::TrackSwitch => "track-switch",
            TransitionKind::OffRamp => "off-ramp-move",
            TransitionKind::Entry => "entry",
            TransitionKind::Lateral => "lateral",
        };
        let crosses = family_at.get(t.from.as_str()) != family_at.get(t.to.as_str());
        crossings |= crosses;
        let class = if crosses {
            format!("{kind} cross-family")
        } else {
            kind.to_owned()
        };
        let what = if crosses {
            format!("{}, to another job family", t.kind.as_str())
        } else {
            t.kind.as_str().to_owned()
        };
        let (x1, y1, x2, y2) = if fx == tx {
            // Same column: from the top of one box to the bottom of the other.
            (
                fx + BOX_W / 2,
                if ty < fy { fy } else { fy + BOX_H },
                tx + BOX_W / 2,
                if ty < fy { ty + BOX_H } else { ty },
            )
        } else if tx > fx {
            (fx + BOX_W, fy + BOX_H / 2, tx, ty + BOX_H / 2)
        } else {
            (fx, fy + BOX_H / 2, tx + BOX_W, ty + BOX_H / 2)
        };
        let _ = writeln!(
            s,
            r#"<line class="e {class}" x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" marker-end="url(#arrow)"><title>{} → {} ({what})</title></line>"#,
            xml(&title_of(t.from.as_str())),
            xml(&title_of(t.to.as_str())),
        );
    }
    for r in &ladder.roles {
        let Some((x, y)) = pos(r.id.as_str()) else {
            continue;
        };
        let lines = title_lines(&r.title);
        let _ = writeln!(
            s,
            r#"<a href="{root}roles/{id}.html" class="{track}"><title>{title}</title>"#,
            id = xml(r.id.as_str()),
            track = r.track.as_str(),
            title = xml(&r.title)
        );
        let _ = writeln!(
            s,
            r#"<rect class="box" x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="6"/>"#
        );
        if lines.len() == 1 {
            let _ = writeln!(
                s,
                r#"<text class="t" x="{}" y="{}">{}</text>"#,
                x + 10,
                y + 19,
                xml(lines[0])
            );
        } else {
            let _ = writeln!(
                s,
                r#"<text class="t" x="{}" y="{}">{}</text>"#,
                x + 10,
                y + 15,
                xml(lines[0])
            );
            let _ = writeln!(
                s,
                r#"<text class="t" x="{}" y="{}">{}</text>"#,
                x + 10,
                y + 28,
                xml(lines[1])
            );
        }
        // What the box adds to the title, in words: the tier, and the scope
        // where the ladder gives one.
        let detail = match &r.scope {
            Some(scope) => format!("{} · {} scope", r.tier.label(), scope.level.label()),
            None => format!("{} tier", r.tier.label()),
        };
        let _ = writeln!(
            s,
            r#"<text class="s" x="{}" y="{}">{}</text>"#,
            x + 10,
            y + BOX_H - 6,
            xml(&detail)
        );
        s.push_str("</a>\n");
    }
    let ly = height - 20;
    let _ = writeln!(
        s,
        r#"<g class="legend" font-size="11"><line class="e promotion" x1="{LEFT}" y1="{ly}" x2="{}" y2="{ly}" marker-end="url(#arrow)"/><text class="s" x="{}" y="{}">promotion</text><line class="e track-switch" x1="{}" y1="{ly}" x2="{}" y2="{ly}" marker-end="url(#arrow)"/><text class="s" x="{}" y="{}">track switch</text><line class="e off-ramp-move" x1="{}" y1="{ly}" x2="{}" y2="{ly}" marker-end="url(#arrow)"/><text class="s" x="{}" y="{}">off-ramp</text><line class="e entry" x1="{}" y1="{ly}" x2="{}" y2="{ly}" marker-end="url(#arrow)"/><text class="s" x="{}" y="{}">entry or lateral move</text></g>"#,
        LEFT + 30,
        LEFT + 36,
        ly + 4,
        LEFT + 120,
        LEFT + 150,
        LEFT + 156,
        ly + 4,
        LEFT + 250,
        LEFT + 280,
        LEFT + 286,
        ly + 4,
        LEFT + 360,
        LEFT + 390,
        LEFT + 396,
        ly + 4,
    );
    if crossings {
        let ly = ly - 18;
        let _ = writeln!(
            s,
            r#"<g class="legend" font-size="11"><line class="e cross-family" x1="{LEFT}" y1="{ly}" x2="{}" y2="{ly}" marker-end="url(#arrow)"/><text class="s" x="{}" y="{}">move to another job family</text></g>"#,
            LEFT + 30,
            LEFT + 36,
            ly + 4,
        );
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_at_the_middle() {
        assert_eq!(title_lines("Product Manager"), vec!["Product Manager"]);
        assert_eq!(
            title_lines("Senior Manager / Group Product Manager"),
            vec!["Senior Manager", "Group Product Manager"]
        );
    }

    #[test]
    fn every_role_gets_a_box_and_every_move_a_line() {
        let l = ladder_core::embedded::ladder();
        let svg = diagram(l, "");
        assert_eq!(svg.matches("<rect class=\"box\"").count(), l.roles.len());
        assert_eq!(
            svg.matches("<line class=\"e ").count(),
            l.transitions.len() + 4
        );
        assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>\n"));
    }
}
