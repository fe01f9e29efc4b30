//! The org report as HTML: the body (sections, charts, tables) that both
//! `ladder org --format html` and the web app's org page show, and a
//! standalone document around it for the CLI, with the stylesheet inline
//! so the file can be mailed or opened from disk as it is.
//!
//! The sentences come from the same helpers as the text and Markdown
//! reports (see the parent module); the template only lays them out.

use askama::Template;
use ladder_core::org::{OrgReport, PersonRef, Rung};

use super::{
    Finding, benchmark_lines, count, findings, headline, leader_orgs, listed_rungs, ratio_sentence,
    who,
};

/// How many names a list of people (one-report managers, people without a
/// manager) shows before it folds the rest behind a disclosure.
const SHOWN: usize = 20;

/// A list of people, the first [`SHOWN`] open and the rest folded.
struct People {
    heading: String,
    open: Vec<String>,
    folded: Vec<String>,
}

impl People {
    fn new(heading: String, people: &[PersonRef]) -> Self {
        let mut open: Vec<String> = people
            .iter()
            .map(|p| format!("{} ({})", who(p), p.title))
            .collect();
        let folded = open.split_off(open.len().min(SHOWN));
        People {
            heading,
            open,
            folded,
        }
    }
}

#[derive(Template)]
#[template(path = "org_body.html")]
struct Body<'a> {
    r: &'a OrgReport,
    /// Who was counted, against which company size.
    headline: String,
    ratio: String,
    leader_orgs: String,
    benchmarks: Vec<String>,
    pyramid: String,
    /// The rungs the table lists.
    rungs: Vec<&'a Rung>,
    spans_chart: String,
    ratios_chart: String,
    lists: Vec<People>,
    findings: Vec<Finding<'a>>,
}

#[derive(Template)]
#[template(path = "org_page.html")]
struct Page<'a> {
    title: &'a str,
    style: &'a str,
    body: String,
}

/// The report's body as HTML (no `html`, `head` or `h1`): for a page that
/// has its own frame, like the web app's.
pub fn org_body_html(r: &OrgReport) -> String {
    let lists = [
        People::new(
            format!(
                "{} with one report",
                count(r.spans.one_report.len(), "manager")
            ),
            &r.spans.one_report,
        ),
        People::new(
            format!(
                "{} with no manager in the roster",
                count(r.spans.no_manager.len(), "person")
            ),
            &r.spans.no_manager,
        ),
    ]
    .into_iter()
    .filter(|l| !l.open.is_empty())
    .collect();
    let body = Body {
        r,
        headline: headline(r),
        ratio: ratio_sentence(r),
        leader_orgs: leader_orgs(r),
        benchmarks: benchmark_lines(r),
        pyramid: super::pyramid_svg(r),
        rungs: listed_rungs(r).collect(),
        spans_chart: super::spans_svg(r),
        ratios_chart: super::ratios_svg(r),
        lists,
        findings: findings(r).collect(),
    };
    body.render()
        .expect("templates render into a String without error")
}

/// The report as a standalone HTML document.
pub fn org_html(r: &OrgReport) -> String {
    let page = Page {
        title: "The product org against the ladder",
        style: crate::STYLESHEET,
        body: org_body_html(r),
    };
    page.render()
        .expect("templates render into a String without error")
}
