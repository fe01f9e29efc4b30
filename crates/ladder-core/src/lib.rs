//! `ladder-core`: the career-ladder domain, free of I/O frameworks.
//!
//! The crate holds what every front end of `ladder` shares — the CLI, the web
//! server, the store — so that none of them carries domain logic of its own:
//!
//! * [`model`]: the ladder as plain data, one to one with the TOML ladder file;
//! * [`file`]: parsing a ladder file with every problem placed at `line:col`, and
//!   the JSON Schema of the format;
//! * [`validate`] and [`lint`]: errors that make a file unusable, and warnings that
//!   make it a worse ladder;
//! * [`embedded`]: the product-management ladder built from the five seed
//!   articles, compiled in and parsed once, lazily;
//! * [`compare`], [`company`] and [`diff`]: the views the CLI and web show.
//!
//! There is no tokio, sqlx, clap or axum here, and nothing reads files: callers
//! pass text in and get values and diagnostics back.

#![deny(missing_docs)]

pub mod company;
pub mod compare;
pub mod diff;
pub mod embedded;
pub mod file;
pub mod lint;
pub mod model;
pub mod record;
pub mod validate;

pub use file::walk::suggest;
pub use file::{Checked, Diagnostic, Diagnostics, Severity, check, parse};
pub use model::{Ladder, Role, RoleId};
