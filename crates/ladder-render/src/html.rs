//! HTML pages from askama templates (see `templates/`).
//!
//! Templates read the model directly; the structs here only add what a page
//! needs beyond the role itself (its next moves with their readiness, the
//! disagreements that concern it), the relative path back to the site root,
//! and `nav`: extra navigation HTML for the header, empty in the static site
//! and the web app's menu when `ladder serve` serves the same pages (its
//! routes answer both `roles/ID` and `roles/ID.html`, so links stay relative).

use askama::Template;
use ladder_core::Ladder;
use ladder_core::compare::Comparison;
use ladder_core::model::{Disagreement, Readiness, Role, ValueRange};

/// A row of the index table.
struct IndexRow<'a> {
    role: &'a Role,
    /// Next roles: id, title and kind of move.
    next: Vec<(&'a str, &'a str, &'static str)>,
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    ladder: &'a Ladder,
    root: &'a str,
    nav: &'a str,
    rows: Vec<IndexRow<'a>>,
    svg: String,
}

/// A move out of a role, as its page shows it.
struct Move<'a> {
    to: &'a str,
    to_title: &'a str,
    kind: &'static str,
    years: Option<&'a ValueRange>,
    readiness: Option<&'a Readiness>,
}

#[derive(Template)]
#[template(path = "role.html")]
struct RolePage<'a> {
    ladder: &'a Ladder,
    root: &'a str,
    nav: &'a str,
    role: &'a Role,
    moves: Vec<Move<'a>>,
    disagreements: Vec<&'a Disagreement>,
    sources: Vec<String>,
    competencies: Vec<crate::outline::Expectation<'a>>,
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage<'a> {
    ladder: &'a Ladder,
    root: &'a str,
    nav: &'a str,
    c: &'a Comparison<'a>,
}

fn render(t: &impl Template) -> String {
    // Rendering writes into a String and the templates call no fallible filter,
    // so it cannot fail; an error here would be a bug in a template.
    t.render()
        .expect("templates render into a String without error")
}

/// The overview page (`index.html`), with the diagram inline; `nav` is
/// trusted HTML added to the header.
pub fn index_page(ladder: &Ladder, nav: &str) -> String {
    let rows = ladder
        .roles
        .iter()
        .map(|role| IndexRow {
            role,
            next: ladder
                .transitions_from(role.id.as_str())
                .map(|t| {
                    let title = ladder
                        .role(t.to.as_str())
                        .map_or(t.to.as_str(), |r| r.title.as_str());
                    (t.to.as_str(), title, t.kind.as_str())
                })
                .collect(),
        })
        .collect();
    render(&IndexPage {
        ladder,
        root: "",
        nav,
        rows,
        svg: crate::svg::diagram(ladder, ""),
    })
}

/// A role's page (`roles/ID.html`).
pub fn role_page(ladder: &Ladder, role: &Role, nav: &str) -> String {
    // One outline gives the moves, sources and competencies, as for Markdown.
    let outline = crate::outline::role_outline(ladder, role);
    let moves = outline
        .moves
        .iter()
        .map(|m| {
            let to = m.transition.to.as_str();
            Move {
                to,
                to_title: ladder.role(to).map_or(to, |r| r.title.as_str()),
                kind: m.transition.kind.as_str(),
                years: m.transition.years.as_ref(),
                readiness: m.readiness,
            }
        })
        .collect();
    let disagreements = ladder
        .disagreements
        .iter()
        .filter(|d| d.roles.contains(&role.id))
        .collect();
    render(&RolePage {
        ladder,
        root: "../",
        nav,
        role,
        moves,
        disagreements,
        sources: outline.sources,
        competencies: outline.competencies,
    })
}

/// A comparison page (`compare/FROM--TO.html`).
pub fn compare_page(ladder: &Ladder, c: &Comparison<'_>, nav: &str) -> String {
    render(&ComparePage {
        ladder,
        root: "../",
        nav,
        c,
    })
}
