//! The static site of `ladder render`: which pages exist and where they go.
//!
//! Layout: `index`, `roles/ID`, `compare/FROM--TO` (one per move of the ladder,
//! the "what changes at the next step" pages), `competencies` (the whole
//! matrix, when the ladder has competencies), `ladder.svg`, and for HTML
//! `style.css`; for JSON, `ladder.json` (the whole model) and `roles.json` (the
//! role records). Paths are relative and use `/`.

use ladder_core::Ladder;
use ladder_core::article::Articles;
use ladder_core::compare::compare;
use ladder_core::record::RoleRecord;

/// The format of a rendered site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SiteFormat {
    /// Markdown pages and the SVG diagram.
    Markdown,
    /// HTML pages, a stylesheet and the SVG diagram.
    Html,
    /// The ladder and its role records as JSON.
    Json,
    /// The SVG diagram alone.
    Svg,
}

/// One file of a rendered site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Path relative to the output folder, with `/` separators.
    pub path: String,
    /// The file's contents.
    pub contents: String,
}

fn page(path: impl Into<String>, contents: String) -> Page {
    Page {
        path: path.into(),
        contents,
    }
}

/// Every file of the site for `ladder` in `format`; with the sources' text
/// in `articles`, HTML role pages show each statement's passages.
pub fn site(ladder: &Ladder, format: SiteFormat, articles: &Articles) -> Vec<Page> {
    let mut pages = Vec::new();
    let svg = || page("ladder.svg", crate::svg::diagram(ladder, ""));
    match format {
        SiteFormat::Svg => pages.push(svg()),
        SiteFormat::Json => {
            let mut whole = serde_json::to_string_pretty(ladder).expect("a ladder serialises");
            whole.push('\n');
            pages.push(page("ladder.json", whole));
            let mut roles =
                serde_json::to_string_pretty(&RoleRecord::all(ladder)).expect("records serialise");
            roles.push('\n');
            pages.push(page("roles.json", roles));
        }
        SiteFormat::Html | SiteFormat::Markdown => {
            let html = format == SiteFormat::Html;
            let ext = if html { "html" } else { "md" };
            pages.push(page(
                format!("index.{ext}"),
                if html {
                    crate::index_page(ladder, "")
                } else {
                    crate::index_markdown(ladder)
                },
            ));
            for role in &ladder.roles {
                let contents = if html {
                    crate::role_page(ladder, role, "", articles)
                } else {
                    crate::role_markdown(ladder, role)
                };
                pages.push(page(format!("roles/{}.{ext}", role.id), contents));
            }
            for t in &ladder.transitions {
                let (Some(from), Some(to)) =
                    (ladder.role(t.from.as_str()), ladder.role(t.to.as_str()))
                else {
                    continue;
                };
                let c = compare(ladder, from, to);
                let contents = if html {
                    crate::compare_page(ladder, &c, "")
                } else {
                    crate::compare_markdown(ladder, &c)
                };
                pages.push(page(
                    format!("compare/{}--{}.{ext}", t.from, t.to),
                    contents,
                ));
            }
            if !ladder.competencies.items.is_empty() {
                pages.push(page(
                    format!("competencies.{ext}"),
                    if html {
                        crate::competencies_page(ladder, "")
                    } else {
                        crate::competencies_markdown(ladder)
                    },
                ));
            }
            pages.push(svg());
            if html {
                pages.push(page("style.css", crate::STYLESHEET.to_owned()));
            }
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_site_has_every_page_and_every_link_resolves() {
        let l = ladder_core::embedded::ladder();
        let pages = site(l, SiteFormat::Html, &Articles::new());
        let paths: Vec<&str> = pages.iter().map(|p| p.path.as_str()).collect();
        assert!(
            paths.contains(&"index.html")
                && paths.contains(&"roles/pm.html")
                && paths.contains(&"compare/pm--senior-pm.html")
                && paths.contains(&"competencies.html")
        );
        // Index, roles, comparisons, the matrix, the diagram, the stylesheet.
        assert_eq!(pages.len(), 1 + l.roles.len() + l.transitions.len() + 3);
        // Every relative link of every page points at a page of the site.
        for p in pages.iter().filter(|p| p.path.ends_with(".html")) {
            let dir = p.path.rsplit_once('/').map_or("", |(d, _)| d);
            for link in p
                .contents
                .split("href=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next())
            {
                if let Some(id) = link.strip_prefix('#') {
                    assert!(
                        p.contents.contains(&format!("id=\"{id}\"")),
                        "{} links to #{id}, which it does not have",
                        p.path
                    );
                    continue;
                }
                if link.starts_with("https://") || link.starts_with("http://") {
                    continue;
                }
                let (link, fragment) = link.split_once('#').unwrap_or((link, ""));
                let mut parts: Vec<&str> = if dir.is_empty() {
                    vec![]
                } else {
                    dir.split('/').collect()
                };
                for seg in link.split('/') {
                    if seg == ".." {
                        parts.pop();
                    } else {
                        parts.push(seg);
                    }
                }
                let target = parts.join("/");
                let page = pages.iter().find(|q| q.path == target);
                assert!(page.is_some(), "{} links to missing {target}", p.path);
                if !fragment.is_empty() {
                    assert!(
                        page.is_some_and(|q| q.contents.contains(&format!("id=\"{fragment}\""))),
                        "{} links to {target}#{fragment}, which has no such id",
                        p.path
                    );
                }
            }
        }
    }

    #[test]
    fn markdown_and_json_sites() {
        let l = ladder_core::embedded::ladder();
        let md = site(l, SiteFormat::Markdown, &Articles::new());
        assert!(md.iter().any(|p| p.path == "roles/cpo.md"));
        let json = site(l, SiteFormat::Json, &Articles::new());
        let back: Ladder = serde_json::from_str(&json[0].contents).unwrap();
        assert_eq!(&back, l);
        assert_eq!(site(l, SiteFormat::Svg, &Articles::new()).len(), 1);
    }
}
