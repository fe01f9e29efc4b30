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

/// Every role as (id, title), in ladder order, for a select.
pub fn role_choices(ladder: &ladder_core::Ladder) -> Vec<(String, String)> {
    ladder
        .roles
        .iter()
        .map(|r| (r.id.to_string(), r.title.clone()))
        .collect()
}

/// Titles and names by id for a page, so people read "Senior Product
/// Manager" and "Discovery", never `senior-pm` or `discovery`.
pub struct Titles(pub std::sync::Arc<ladder_core::Ladder>);

impl Titles {
    /// A role's title ("none", a placement below every role, reads as such).
    pub fn role(&self, id: &str) -> String {
        match id {
            "none" => "below every role".to_owned(),
            _ => role_title(&self.0, id),
        }
    }

    /// A placement: the role's title, or "below every role".
    pub fn placement(&self, p: &Option<String>) -> String {
        p.as_deref()
            .map_or_else(|| "below every role".to_owned(), |id| self.role(id))
    }

    /// A competency's name (its id when the ladder has no such competency).
    pub fn competency(&self, id: &str) -> String {
        self.0
            .competencies
            .item(id)
            .map_or_else(|| id.to_owned(), |c| c.name.clone())
    }

    /// Competency names, joined with commas.
    pub fn competencies(&self, ids: &[String]) -> String {
        ids.iter()
            .map(|c| self.competency(c))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Who rated, as a person says it.
pub fn rater_words(r: ladder_app::Rater) -> &'static str {
    match r {
        ladder_app::Rater::Myself => "Self-assessment",
        ladder_app::Rater::Manager => "Manager assessment",
        ladder_app::Rater::Peer => "Peer assessment",
    }
}

/// A Unix time in ms as people read it ("2026-11-24 17:05 UTC").
pub fn when(ms: &i64) -> String {
    ladder_app::clock::date_time_of(*ms)
}

/// The menu of a signed-in user.
pub fn user_nav(user: &User, csrf: &str) -> String {
    render(&Nav {
        user: &Some(user.clone()),
        csrf,
    })
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
        // The ladder's name is not known here; the product's is.
        ladder_name: "",
        status: status.as_u16(),
        heading: status.canonical_reason().unwrap_or("Error"),
        message,
        problems,
    })
}

/// What an admin is told of a one-time link: that it was emailed, or the
/// link to pass on (made absolute from the address the admin is using, as
/// the app knows no public address without mail settings).
pub fn handed_link_words(
    link: &ladder_app::invites::HandedLink,
    headers: &axum::http::HeaderMap,
    secure: bool,
) -> String {
    let until = ladder_app::clock::date_time_of(link.expires_at);
    let what = match link.purpose {
        ladder_store::model::LinkPurpose::Invite => "an invite",
        ladder_store::model::LinkPurpose::Reset => "a link to choose a new password",
    };
    if link.emailed {
        return format!("They have been emailed {what}; it works once, until {until}.");
    }
    let full = if link.link.starts_with('/') {
        let host = headers
            .get(axum::http::header::HOST)
            .and_then(|h| h.to_str().ok())
            .unwrap_or("localhost");
        let scheme = if secure { "https" } else { "http" };
        format!("{scheme}://{host}{}", link.link)
    } else {
        link.link.clone()
    };
    let why = match &link.mail_error {
        Some(e) => format!("The email could not be sent ({e}). "),
        None => String::new(),
    };
    format!("{why}Send them {what} yourself (it works once, until {until}): {full}")
}
