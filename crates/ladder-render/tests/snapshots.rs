//! Snapshots of every rendered format, on the complete example ladder of
//! `docs/examples/acme-ladder.toml` (small enough to review) and on one page of
//! the built-in ladder. Review changes with `cargo insta review`.

use ladder_core::compare::compare;
use ladder_core::{Ladder, embedded, parse};
use ladder_render::{SiteFormat, site};

fn acme() -> Ladder {
    parse(include_str!("../../../docs/examples/acme-ladder.toml"))
        .expect("the docs example is valid")
}

fn page(l: &Ladder, format: SiteFormat, path: &str) -> String {
    site(l, format, &ladder_core::article::Articles::new())
        .into_iter()
        .find(|p| p.path == path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .contents
}

#[test]
fn markdown_pages() {
    let l = acme();
    insta::assert_snapshot!("acme_index_md", page(&l, SiteFormat::Markdown, "index.md"));
    insta::assert_snapshot!(
        "acme_role_apm_md",
        page(&l, SiteFormat::Markdown, "roles/apm.md")
    );
    insta::assert_snapshot!(
        "acme_compare_apm_pm_md",
        page(&l, SiteFormat::Markdown, "compare/apm--pm.md")
    );
}

#[test]
fn html_pages() {
    let l = acme();
    insta::assert_snapshot!("acme_index_html", page(&l, SiteFormat::Html, "index.html"));
    insta::assert_snapshot!(
        "acme_role_apm_html",
        page(&l, SiteFormat::Html, "roles/apm.html")
    );
    insta::assert_snapshot!(
        "acme_compare_senior_group_html",
        page(&l, SiteFormat::Html, "compare/senior-pm--group-pm.html")
    );
}

#[test]
fn svg_diagram() {
    insta::assert_snapshot!(
        "acme_ladder_svg",
        page(&acme(), SiteFormat::Svg, "ladder.svg")
    );
}

#[test]
fn built_in_ladder_pages() {
    let l = embedded::ladder();
    insta::assert_snapshot!(
        "pm_role_senior_pm_md",
        ladder_render::role_markdown(l, l.role("senior-pm").unwrap())
    );
    let c = compare(l, l.role("senior-pm").unwrap(), l.role("director").unwrap());
    insta::assert_snapshot!(
        "pm_compare_senior_pm_director_md",
        ladder_render::compare_markdown(l, &c)
    );
    insta::assert_snapshot!("pm_ladder_svg", ladder_render::diagram(l, ""));
}

#[test]
fn html_escapes_what_a_ladder_file_says() {
    let mut l = acme();
    l.roles[0].title = "<script>alert(1)</script> & co".into();
    let html = page(&l, SiteFormat::Html, "roles/apm.html");
    assert!(!html.contains("<script>alert"));
    assert!(
        html.contains("&#60;script&#62;alert(1)&#60;/script&#62; &#38; co")
            || html.contains("&lt;script&gt;"),
        "{html}"
    );
    let svg = ladder_render::diagram(&l, "");
    assert!(svg.contains("&lt;script&gt;") && !svg.contains("<script>"));
}
