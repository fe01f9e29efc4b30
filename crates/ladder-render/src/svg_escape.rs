//! XML text escaping for the SVG documents built in code (the diagram, the
//! simulation histogram, the radar chart): one function, shared.

/// `text` with the characters that XML text and double-quoted attributes give meaning escaped.
pub(crate) fn xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
