//! What every HTML answer shares, used by the pages and by error answers
//! alike (so neither reaches into the other): rendering a template, the one
//! navigation menu, and the error page.

use askama::Template;
use axum::http::StatusCode;
use ladder_app::Problem;
use ladder_store::model::User;

/// The header menu. Public ladder pages are rendered once per ladder
/// version, so they carry it as signed out; the app's pages, through
/// `layout.html`, with the signed-in user.
#[derive(Template)]
#[template(path = "nav.html")]
pub struct Nav<'a> {
    /// The signed-in user, if any.
    pub user: &'a Option<User>,
    /// The CSRF token for the sign-out form.
    pub csrf: &'a str,
}

/// A role's title for people to read; its id when the ladder has no such
/// role (an id kept from an older ladder version).
pub fn role_title(ladder: &ladder_core::Ladder, id: &str) -> String {
    ladder
        .role(id)
        .map_or_else(|| id.to_owned(), |r| r.title.clone())
}

/// The menu of the public, pre-rendered pages.
pub fn public_nav() -> String {
    render(&Nav {
        user: &None,
        csrf: "",
    })
}

/// Renders a template; they write into a String and call no fallible
/// filter, so an error is a bug in a template.
pub fn render(t: &impl Template) -> String {
    t.render()
        .expect("templates render into a String without error")
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    user: Option<User>,
    csrf: &'a str,
    ladder_name: &'a str,
    status: u16,
    heading: &'a str,
    message: &'a str,
    problems: &'a [Problem],
}

/// The error page (no user menu: it is shown when things went wrong).
pub fn error_page(status: StatusCode, message: &str, problems: &[Problem]) -> String {
    render(&ErrorPage {
        user: None,
        csrf: "",
        ladder_name: "Product",
        status: status.as_u16(),
        heading: status.canonical_reason().unwrap_or("Error"),
        message,
        problems,
    })
}
