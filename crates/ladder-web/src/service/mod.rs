//! The operations behind both the pages and the API, with their checks.
//!
//! Each function takes the signed-in user and enforces `access` itself, so a
//! front end cannot forget a rule by calling it. One file per kind of work:
//! assessments, the manager's view, the ladder in force, accounts.

mod accounts;
mod assessments;
mod ladders;
mod team;

pub use accounts::{UserChange, UserInput, add_user, change_password, change_user};
pub use assessments::{
    AssessmentInput, AssessmentView, assessment_from_input, create_assessment, history, ladder_of,
    update_assessment, view, view_assessment,
};
pub use ladders::{Uploaded, upload_ladder};
pub use team::{ReportLine, team};

use ladder_core::file::Diagnostic;

use crate::error::Problem;

/// A diagnostic as a located problem: `line L, column C` in a file, or the
/// field path (`ratings.vision`) in a form.
fn located(d: &Diagnostic) -> Problem {
    Problem {
        at: match (&d.location, &d.path) {
            (Some(l), _) => format!("line {}, column {}", l.line, l.column),
            (None, Some(p)) => p.clone(),
            (None, None) => String::new(),
        },
        message: match &d.hint {
            Some(h) => format!("{} ({h})", d.message),
            None => d.message.clone(),
        },
    }
}
