//! Invites and password resets by one-time link.
//!
//! An admin invites someone (an imported person has no password yet) or
//! makes a reset link for them; anyone may ask for a reset of their own
//! password by email. A link is a random token (only its hash is kept),
//! works once, and expires: invites after 7 days, links an admin makes for
//! a reset after a day, links people ask for themselves after an hour.
//!
//! With SMTP configured the link is emailed; without it, the admin is
//! handed the link to pass on, and people who forgot their password are
//! told to ask an admin. Asking for a reset says the same whether or not
//! the email has an account, and a person gets at most one reset email a
//! minute, so the form can neither list accounts nor flood an inbox.

use ladder_store::model::{LinkPurpose, User};
use serde::Serialize;

use crate::access::require_admin;
use crate::auth::{Session, check_password_rules, new_token, token_hash};
use crate::{Actor, App, AppError, Result};

const HOUR_MS: i64 = 3_600_000;
/// How long an invite works.
pub const INVITE_HOURS: i64 = 7 * 24;
/// How long a reset link an admin makes works.
pub const ADMIN_RESET_HOURS: i64 = 24;
/// How long a reset link people ask for themselves works.
pub const SELF_RESET_HOURS: i64 = 1;
/// The least time between two reset emails to one person.
const RESET_EMAIL_GAP_MS: i64 = 60_000;

/// A link made for someone, and whether it went out by email.
#[derive(Debug, Clone, Serialize)]
pub struct HandedLink {
    /// Whose link it is.
    pub user_id: i64,
    /// What it is for.
    pub purpose: LinkPurpose,
    /// The link: a full address when the app knows its public address,
    /// else a path of the app.
    pub link: String,
    /// Whether it was emailed.
    pub emailed: bool,
    /// Why it could not be emailed, when mail is configured and it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mail_error: Option<String>,
    /// When it stops working (Unix milliseconds).
    pub expires_at: i64,
}

/// What a link's page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkView {
    /// The link works: whose it is.
    Valid {
        /// Their name.
        name: String,
        /// Their email.
        email: String,
    },
    /// Why it does not.
    Refused(String),
}

/// The path of a link of the app.
fn path_of(purpose: LinkPurpose, token: &str) -> String {
    match purpose {
        LinkPurpose::Invite => format!("/welcome/{token}"),
        LinkPurpose::Reset => format!("/reset/{token}"),
    }
}

impl App {
    /// Whether the app sends email.
    pub fn sends_mail(&self) -> bool {
        self.mailer.is_some()
    }

    /// Makes a one-time link and emails it when it can.
    async fn hand_link(
        &self,
        actor: Option<i64>,
        user: &User,
        purpose: LinkPurpose,
        hours: i64,
    ) -> Result<HandedLink> {
        let token = new_token("lk_");
        let expires_at = ladder_store::now_ms() + hours * HOUR_MS;
        let detail = format!(
            "a one-time {} link for {} <{}>, until {}",
            purpose.as_str(),
            user.name,
            user.email,
            crate::clock::date_time_of(expires_at)
        );
        self.store
            .create_link(
                &token_hash(&token),
                user.id,
                purpose,
                expires_at,
                actor,
                detail,
            )
            .await?;
        let path = path_of(purpose, &token);
        let Some(mailer) = &self.mailer else {
            return Ok(HandedLink {
                user_id: user.id,
                purpose,
                link: path,
                emailed: false,
                mail_error: None,
                expires_at,
            });
        };
        let link = mailer.url(&path);
        let until = crate::clock::date_time_of(expires_at);
        let (subject, body) = match purpose {
            LinkPurpose::Invite => (
                "You are invited to the career ladder".to_owned(),
                format!(
                    "Hello {},\n\nYou have an account on your company's career ladder: your role, what the next one asks of you, and your assessments.\n\nChoose your password here (the link works once, until {until}):\n\n{link}\n\nIf you did not expect this, you can ignore this message.\n",
                    user.name
                ),
            ),
            LinkPurpose::Reset => (
                "Choose a new password for the career ladder".to_owned(),
                format!(
                    "Hello {},\n\nSomeone asked for a new password for your account on the career ladder. Choose one here (the link works once, until {until}):\n\n{link}\n\nIf it was not you, ignore this message: your password stays as it is.\n",
                    user.name
                ),
            ),
        };
        let sent = mailer.send(&user.name, &user.email, &subject, body).await;
        if let Err(e) = &sent {
            tracing::warn!(
                user = user.id,
                "a {} email was not sent: {e}",
                purpose.as_str()
            );
        }
        Ok(HandedLink {
            user_id: user.id,
            purpose,
            link,
            emailed: sent.is_ok(),
            mail_error: sent.err(),
            expires_at,
        })
    }

    /// Invites someone to choose a password (admins), or, for someone who
    /// has one, makes a link to choose a new one. Emailed when SMTP is
    /// configured; the link comes back either way.
    pub async fn invite(&self, by: Actor<'_>, id: i64) -> Result<HandedLink> {
        require_admin(by)?;
        self.passwords_on()?;
        let user = self
            .store
            .user(id)
            .await?
            .ok_or(AppError::NotFound("user"))?;
        if !user.is_active() {
            return Err(AppError::Conflict(format!(
                "{} has left (deactivated); bring them back before inviting them",
                user.name
            )));
        }
        let (purpose, hours) = if user.password_hash.is_empty() {
            (LinkPurpose::Invite, INVITE_HOURS)
        } else {
            (LinkPurpose::Reset, ADMIN_RESET_HOURS)
        };
        self.hand_link(by.id(), &user, purpose, hours).await
    }

    /// Sends a reset link to `email` if it is an active account, at most
    /// one a minute; says nothing either way. Refused when the app sends
    /// no email (people then ask an admin).
    pub async fn request_reset(&self, email: &str) -> Result<()> {
        self.passwords_on()?;
        if self.mailer.is_none() {
            return Err(AppError::BadRequest(
                "this server sends no email: ask an admin for a link to choose a new password"
                    .into(),
            ));
        }
        let email = email.trim();
        if email.is_empty() || email.len() > crate::people::MAX_EMAIL || !email.contains('@') {
            return Err(AppError::BadRequest(format!(
                "`{email}` is not an email address; give the one you sign in with"
            )));
        }
        let Some(user) = self
            .store
            .user_by_email(email)
            .await?
            .filter(User::is_active)
        else {
            return Ok(());
        };
        let now = ladder_store::now_ms();
        let purpose = if user.password_hash.is_empty() {
            LinkPurpose::Invite
        } else {
            LinkPurpose::Reset
        };
        if let Some(last) = self.store.newest_link(user.id, purpose).await?
            && now - last < RESET_EMAIL_GAP_MS
        {
            return Ok(());
        }
        let hours = match purpose {
            LinkPurpose::Invite => INVITE_HOURS,
            LinkPurpose::Reset => SELF_RESET_HOURS,
        };
        self.hand_link(None, &user, purpose, hours).await?;
        Ok(())
    }

    /// Whose a link is, or why it does not work (without using it).
    pub async fn link_view(&self, purpose: LinkPurpose, token: &str) -> Result<LinkView> {
        let refused = |p: ladder_store::LinkProblem| Ok(LinkView::Refused(p.to_string()));
        let Some(link) = self.store.link(&token_hash(token)).await? else {
            return refused(ladder_store::LinkProblem::Unknown);
        };
        if link.purpose != purpose {
            return refused(ladder_store::LinkProblem::Unknown);
        }
        if link.used_at.is_some() {
            return refused(ladder_store::LinkProblem::Used);
        }
        if link.expires_at <= ladder_store::now_ms() {
            return refused(ladder_store::LinkProblem::Expired);
        }
        match self.store.user(link.user_id).await? {
            Some(u) if u.is_active() => Ok(LinkView::Valid {
                name: u.name,
                email: u.email,
            }),
            _ => refused(ladder_store::LinkProblem::Unknown),
        }
    }

    /// Uses a link to choose a password; signs the person in. The link
    /// then no longer works, and any other session of theirs has ended.
    pub async fn redeem_link(
        &self,
        purpose: LinkPurpose,
        token: &str,
        password: &str,
    ) -> Result<Session> {
        self.passwords_on()?;
        check_password_rules(password)?;
        // The link is looked at before the slow hash, so a dead link
        // answers at once; it is used for real, atomically, below.
        if let LinkView::Refused(why) = self.link_view(purpose, token).await? {
            return Err(AppError::BadRequest(why));
        }
        let hash = self.passwords.hash(password.to_owned()).await?;
        let user = self
            .store
            .redeem_link(&token_hash(token), purpose, &hash)
            .await?;
        self.open_session(user).await
    }
}
