//! HTML pages from askama templates (see `templates/`).
//!
//! Templates read the model directly; the structs here only add what a page
//! needs beyond the role itself (its next moves with their readiness, the
//! disagreements that concern it), the relative path back to the site root,
//! and `nav`: extra navigation HTML for the header, empty in the static site
//! and the web app's menu when `ladder serve` serves the same pages (its
//! routes answer both `roles/ID` and `roles/ID.html`, so links stay relative).

use std::fmt;

use askama::Template;
use ladder_core::Ladder;
use ladder_core::article::Articles;
use ladder_core::compare::Comparison;
use ladder_core::model::{Citation, Disagreement, Readiness, Role, Source, ValueRange};

/// What templates need to name things for people: a role's title for its
/// id, and each cited source by its title with a link (its address where the
/// ladder gives one, else its entry in the overview's list of sources).
struct Refs<'a> {
    ladder: &'a Ladder,
    root: &'a str,
    /// The sources' text, when the caller has it: passages are then shown
    /// behind a disclosure under each statement.
    articles: &'a Articles,
}

/// A passage a statement cites, with its words.
struct Quoted<'a> {
    title: &'a str,
    place: String,
    words: &'a [String],
}

impl<'a> Refs<'a> {
    /// The title of the role `id` (the id itself if the ladder has none).
    fn title(&self, id: &dyn fmt::Display) -> String {
        let id = id.to_string();
        match self.ladder.role(&id) {
            Some(r) => r.title.clone(),
            None => id,
        }
    }

    /// (link, title, passage in words) of each citation: the link is the
    /// source's address (with the passage's fragment where the web has one,
    /// a page or a section), else its entry in the overview's list of sources.
    fn cites(&self, cited: &'a [Citation]) -> Vec<(String, &'a str, String)> {
        cited
            .iter()
            .map(|c| {
                let place = c.passage.as_ref().map(|p| p.describe()).unwrap_or_default();
                match self.ladder.source(&c.source) {
                    Some(s) => {
                        let href = match (&s.url, c.passage.as_ref().and_then(|p| p.fragment())) {
                            (Some(u), Some(f)) => format!("{u}#{f}"),
                            (Some(u), None) => u.clone(),
                            (None, _) => format!("{}index.html#source-{}", self.root, s.id),
                        };
                        (href, s.title.as_str(), place)
                    }
                    None => (
                        format!("{}index.html#sources", self.root),
                        c.source.as_str(),
                        place,
                    ),
                }
            })
            .collect()
    }

    /// The passages of these citations whose words are at hand.
    fn passages(&self, cited: &'a [Citation]) -> Vec<Quoted<'a>> {
        cited
            .iter()
            .filter_map(|c| {
                Some(Quoted {
                    title: self.ladder.source_title(&c.source),
                    place: c.passage.as_ref()?.describe(),
                    words: self.articles.paragraphs(c)?,
                })
            })
            .collect()
    }

    /// Text made by the core with a default spelled out (`2–4 (default)`),
    /// with the page's own mark instead, which the footer explains once.
    fn marked(&self, text: &str) -> String {
        text.replace(" (default)", "*")
    }
}

/// A row of the index table.
struct IndexRow<'a> {
    role: &'a Role,
    /// The name of the role's job family.
    family: Option<&'a str>,
    /// Next roles: id, title and kind of move.
    next: Vec<(&'a str, &'a str, &'static str)>,
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    ladder: &'a Ladder,
    root: &'a str,
    refs: Refs<'a>,
    nav: &'a str,
    rows: Vec<IndexRow<'a>>,
    /// Whether any role has a scope (else the column is left out).
    has_scope: bool,
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
    refs: Refs<'a>,
    nav: &'a str,
    role: &'a Role,
    moves: Vec<Move<'a>>,
    disagreements: Vec<&'a Disagreement>,
    sources: Vec<&'a Source>,
    competencies: Vec<crate::outline::Expectation<'a>>,
}

#[derive(Template)]
#[template(path = "competencies.html")]
struct CompetenciesPage<'a> {
    ladder: &'a Ladder,
    root: &'a str,
    nav: &'a str,
    rows: Vec<crate::matrix::Row<'a>>,
}

#[derive(Template)]
#[template(path = "compare.html")]
struct ComparePage<'a> {
    ladder: &'a Ladder,
    root: &'a str,
    refs: Refs<'a>,
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
            family: ladder.family_name(role.family.as_deref()),
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
        refs: Refs {
            ladder,
            root: "",
            articles: &Articles::new(),
        },
        nav,
        rows,
        has_scope: ladder.roles.iter().any(|r| r.scope.is_some()),
        svg: crate::svg::diagram(ladder, ""),
    })
}

/// A role's page (`roles/ID.html`); with the sources' text in `articles`,
/// each statement's passages are shown behind a disclosure.
pub fn role_page(ladder: &Ladder, role: &Role, nav: &str, articles: &Articles) -> String {
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
        refs: Refs {
            ladder,
            root: "../",
            articles,
        },
        nav,
        role,
        moves,
        disagreements,
        sources: role
            .source_ids()
            .into_iter()
            .filter_map(|id| ladder.sources.iter().find(|s| s.id == id))
            .collect(),
        competencies: outline.competencies,
    })
}

/// The competency matrix (`competencies.html`): every criterion of every
/// cell.
pub fn competencies_page(ladder: &Ladder, nav: &str) -> String {
    render(&CompetenciesPage {
        ladder,
        root: "",
        nav,
        rows: crate::matrix::matrix(ladder),
    })
}

/// A comparison page (`compare/FROM--TO.html`).
pub fn compare_page(ladder: &Ladder, c: &Comparison<'_>, nav: &str) -> String {
    render(&ComparePage {
        ladder,
        root: "../",
        refs: Refs {
            ladder,
            root: "../",
            articles: &Articles::new(),
        },
        nav,
        c,
    })
}
