//! The audit log as an admin reads it: who by name, what in words, and the
//! thing it was done to by its name, linked where it has a page.
//!
//! The store keeps each entry as codes (`user.create`, `user:12`) so the log
//! stays stable when people are renamed; this turns them into words at the
//! moment the page is shown. An action without words here (one added later)
//! is shown as its code, never dropped.

use ladder_store::model::{AuditEntry, Team, User};

/// One line of the log, ready to show.
pub(super) struct AuditLine {
    /// When, in the server's words.
    pub when: String,
    /// Who did it.
    pub who: String,
    /// What was done.
    pub what: String,
    /// What it was done to.
    pub subject: String,
    /// Its page, if it has one.
    pub link: Option<String>,
    /// The entry's own description.
    pub detail: String,
}

fn action_words(action: &str) -> Option<&'static str> {
    Some(match action {
        "user.create" => "added a person",
        "user.update" => "changed a person",
        "user.password" => "set a password",
        "user.role" => "confirmed a role",
        "user.deactivate" => "deactivated a person",
        "user.reactivate" => "brought a person back",
        "user.invite" => "made an invite link",
        "user.reset_link" => "made a password reset link",
        "user.sign_in_failures" => "saw many failed sign-ins",
        "user.sso_link" => "linked a single sign-on account",
        "team.create" => "added a team",
        "ladder.add" => "added a ladder version",
        "people.import" => "imported a roster",
        "assessment.create" => "started an assessment",
        "assessment.update" => "changed an assessment",
        "assessment.submit" => "submitted an assessment",
        "assessment.share" => "shared an assessment",
        "evidence.create" => "recorded evidence",
        "token.create" => "made an API token",
        "token.delete" => "revoked an API token",
        "scim.token" => "made a directory (SCIM) token",
        "scim.token.revoke" => "revoked a directory (SCIM) token",
        "scim.user.create" => "directory: added a person",
        "scim.user.replace" => "directory: changed a person",
        "scim.user.delete" => "directory: removed a person",
        "scim.group.create" => "directory: added a team",
        "scim.group.replace" => "directory: changed a team",
        "scim.group.delete" => "directory: removed a team",
        _ => return None,
    })
}

fn subject_words(subject: &str, users: &[User], teams: &[Team]) -> (String, Option<String>) {
    let Some((kind, id)) = subject.split_once(':') else {
        return (subject.to_owned(), None);
    };
    let number = id.parse::<i64>().ok();
    match (kind, number) {
        ("user", Some(n)) => match users.iter().find(|u| u.id == n) {
            Some(u) => (u.name.clone(), Some(format!("/admin/people/{n}"))),
            None => ("a person no longer on record".to_owned(), None),
        },
        ("team", Some(n)) => match teams.iter().find(|t| t.id == n) {
            Some(t) => (format!("team {}", t.name), None),
            None => ("a team no longer on record".to_owned(), None),
        },
        ("assessment", Some(n)) => (format!("assessment {n}"), Some(format!("/assessments/{n}"))),
        ("ladder", Some(n)) => (format!("ladder version {n}"), None),
        ("evidence", Some(n)) => (format!("evidence note {n}"), None),
        ("token", Some(n)) => (format!("API token {n}"), None),
        ("scim_token", Some(n)) => (format!("directory token {n}"), None),
        ("email", _) => (id.to_owned(), None),
        _ => (subject.to_owned(), None),
    }
}

/// `detail` with each "user N" of a known person replaced by their name
/// (older entries, and the store's own descriptions, name people by id).
fn named(detail: &str, users: &[User]) -> String {
    let mut out = String::with_capacity(detail.len());
    let mut rest = detail;
    while let Some(at) = rest.find("user ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 5..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let person = after[..digits]
            .parse::<i64>()
            .ok()
            .and_then(|n| users.iter().find(|u| u.id == n));
        match person {
            Some(u) => out.push_str(&u.name),
            None => out.push_str(&rest[at..at + 5 + digits]),
        }
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// The log's entries as lines; `users` and `teams` name who and what.
pub(super) fn lines(entries: Vec<AuditEntry>, users: &[User], teams: &[Team]) -> Vec<AuditLine> {
    entries
        .into_iter()
        .map(|a| {
            let who = match a.actor_id {
                None => "the system, the shell or a directory".to_owned(),
                Some(id) => users.iter().find(|u| u.id == id).map_or_else(
                    || "a person no longer on record".to_owned(),
                    |u| u.name.clone(),
                ),
            };
            let (subject, link) = subject_words(&a.subject, users, teams);
            AuditLine {
                when: ladder_app::clock::date_time_of(a.at),
                who,
                what: action_words(&a.action).map_or_else(|| a.action.clone(), str::to_owned),
                subject,
                link,
                detail: named(&a.detail, users),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_are_named_and_unknown_codes_kept() {
        let (s, link) = subject_words("user:999", &[], &[]);
        assert_eq!(s, "a person no longer on record");
        assert_eq!(link, None);
        assert_eq!(
            subject_words("email:bo@example.com", &[], &[]).0,
            "bo@example.com"
        );
        assert_eq!(subject_words("people", &[], &[]).0, "people");
        assert_eq!(
            subject_words("assessment:7", &[], &[]),
            ("assessment 7".to_owned(), Some("/assessments/7".to_owned()))
        );
        assert_eq!(action_words("user.create"), Some("added a person"));
        assert_eq!(action_words("something.new"), None);
        assert_eq!(
            named("for user 3 [x], user 42 and user", &[]),
            "for user 3 [x], user 42 and user"
        );
    }
}
