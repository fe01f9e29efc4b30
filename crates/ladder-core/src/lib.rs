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
//!
//! ```
//! // The built-in ladder, parsed once on first use.
//! let ladder = ladder_core::embedded::ladder();
//! let pm = ladder.role("pm").unwrap();
//! assert_eq!(pm.title, "Product Manager");
//! let next: Vec<&str> = ladder.next_roles("pm").map(|r| r.id.as_str()).collect();
//! assert_eq!(next, ["senior-pm", "principal-pm", "director"]);
//!
//! // A company's own file: every problem comes back placed at line:column.
//! let text = "[ladder]\nname = \"Acme\"\nversion = \"1\"\n\n[[roles]]\nid = \"pm\"\ntitle = \"PM\"\ntier = \"mid\"\ntrack = \"ic\"\nskils = []\n";
//! let problems = ladder_core::parse(text).unwrap_err();
//! assert_eq!(
//!     problems.render("acme.toml"),
//!     "acme.toml:10:1: error: unknown key `skils` in `roles[0]` [unknown-key]\n  hint: did you mean `skills`?\n"
//! );
//! ```

#![deny(missing_docs)]

pub mod article;
pub mod assess;
pub mod company;
pub mod compare;
pub mod diff;
pub mod embedded;
pub mod file;
pub mod lint;
pub mod model;
pub mod org;
pub mod path;
pub mod record;
pub mod resolve;
pub mod roster;
pub mod sheets;
pub mod simulate;
pub mod validate;

pub use file::walk::suggest;
pub use file::{Checked, Diagnostic, Diagnostics, Severity, check, parse};
pub use model::{Ladder, Role, RoleId};
