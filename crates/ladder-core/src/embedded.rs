//! The product-management ladder that ships with `ladder`.
//!
//! It is written in `ladders/product-management.toml` from the five seed articles,
//! every fact citing the seed it came from, and compiled into the binary with
//! `include_str!`. It is parsed on first use and kept for the life of the
//! process; tests guarantee it is valid and lint-clean, which is why a failure to
//! parse it is a bug (a panic) rather than an error to handle.

use std::sync::OnceLock;

use crate::model::Ladder;

/// The text of the embedded ladder file.
pub const TEXT: &str = include_str!("../ladders/product-management.toml");

/// The name the embedded ladder goes by in messages.
pub const ORIGIN: &str = "<embedded product-management ladder>";

/// The embedded ladder, parsed once.
pub fn ladder() -> &'static Ladder {
    static LADDER: OnceLock<Ladder> = OnceLock::new();
    LADDER.get_or_init(|| match crate::file::parse(TEXT) {
        Ok(ladder) => ladder,
        Err(d) => panic!(
            "the embedded ladder is invalid (a bug):\n{}",
            d.render(ORIGIN)
        ),
    })
}
