//! `ladder-render`: a ladder as Markdown, HTML, SVG and terminal text.
//!
//! The static site of `ladder render` and the pages of `ladder serve` show the same
//! things, so the rendering lives here, once, between the core (which knows the
//! ladder) and the front ends (which write files or answer requests). Everything
//! returns strings; nothing here touches the file system.
//!
//! HTML uses askama templates compiled into the binary, which escape every value
//! by default; Markdown and SVG are built in code because their escaping rules
//! (table cells, XML text) are small and specific.

#![deny(missing_docs)]

mod histogram;
mod history;
mod html;
pub mod markdown;
mod matrix;
mod org;
mod outline;
mod radar;
mod site;
mod sources;
mod svg;
mod svg_escape;
mod text;

pub use histogram::histogram_svg;
pub use history::{HistoryPoint, history_svg};
pub use html::{compare_page, competencies_page, index_page, role_page};
pub use markdown::{compare_markdown, competencies_markdown, index_markdown, role_markdown};
pub use org::{
    org_body_html, org_csv, org_html, org_markdown, org_text, pyramid_svg, ratios_svg, spans_svg,
};
pub use outline::{MoveOutline, RoleOutline, move_phrase, role_outline};
pub use radar::{Outline, radar_svg};
pub use site::{Page, SiteFormat, site};
pub use sources::{citation_words, role_sources_text};
pub use svg::diagram;
pub use text::role_text;

/// The stylesheet of the HTML pages, screen and print.
pub const STYLESHEET: &str = include_str!("../assets/style.css");
