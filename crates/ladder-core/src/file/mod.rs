//! Ladder files: parsing, placing problems in the text, and the JSON Schema.
//!
//! Everything here works on `&str`: reading files is the caller's business, so the
//! core stays free of I/O and the same code serves the CLI, the web upload form
//! and the fuzz targets.

mod diagnostic;
pub(crate) mod load;
pub(crate) mod schema_hints;
mod source_map;
pub(crate) mod walk;

pub use diagnostic::{Diagnostic, Diagnostics, Location, Severity};
pub use load::{Checked, check, check_with, parse};

/// The JSON Schema of the ladder file format, pretty-printed.
pub fn json_schema() -> String {
    pretty(schemars::schema_for!(crate::model::Ladder))
}

/// The JSON Schema of the assessment file format, pretty-printed.
pub fn assessment_schema() -> String {
    pretty(schemars::schema_for!(crate::assess::Assessment))
}

fn pretty(schema: schemars::Schema) -> String {
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    text.push('\n');
    text
}
