//! Email: the one-time links of invites and password resets go out through
//! the company's SMTP server (`--smtp-url`, `--mail-from`), with links to
//! the address people reach the app at (`--public-url`; never the `Host`
//! of a request, which whoever asks for a reset could choose).
//!
//! `smtp://host:port` speaks plain SMTP (a relay on the same network, or a
//! test server), `smtp://host?tls=required` upgrades with STARTTLS, and
//! `smtps://host` connects over TLS; a user and password go in the URL
//! (`smtps://user:pass@host`), as lettre reads it. Without SMTP the app
//! sends nothing: an admin gets each link to hand over.

use std::time::Duration;

use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::{AppError, Result};

/// How the app sends email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailSettings {
    /// `smtp://…` or `smtps://…`.
    pub smtp_url: String,
    /// The sender, `Name <address>` or an address.
    pub from: String,
    /// The address people reach the app at (`https://ladder.example.com`),
    /// which links in emails start with.
    pub public_url: String,
}

/// A configured SMTP sender.
pub(crate) struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    public_url: String,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mailer")
            .field("from", &self.from.to_string())
            .field("public_url", &self.public_url)
            .finish_non_exhaustive()
    }
}

impl Mailer {
    /// Checks the settings and makes the sender (no connection yet).
    pub(crate) fn new(s: &MailSettings) -> Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&s.smtp_url)
            .map_err(|e| {
                AppError::BadRequest(format!(
                    "--smtp-url `{}` cannot be used ({e}); write smtp://HOST:PORT, smtp://HOST:PORT?tls=required or smtps://USER:PASSWORD@HOST",
                    redact(&s.smtp_url)
                ))
            })?
            .timeout(Some(Duration::from_secs(15)))
            .build();
        let from: Mailbox = s.from.parse().map_err(|e| {
            AppError::BadRequest(format!(
                "--mail-from `{}` is not an email address ({e}); write it as ladder@example.com or \"Career ladder <ladder@example.com>\"",
                s.from
            ))
        })?;
        let public_url = s.public_url.trim().trim_end_matches('/').to_owned();
        if !(public_url.starts_with("https://") || public_url.starts_with("http://")) {
            return Err(AppError::BadRequest(format!(
                "--public-url `{public_url}` is not a web address; write the address people open the app at, such as https://ladder.example.com"
            )));
        }
        Ok(Mailer {
            transport,
            from,
            public_url,
        })
    }

    /// The full address of a path of the app.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url)
    }

    /// Sends a plain-text message.
    pub(crate) async fn send(
        &self,
        to_name: &str,
        to_email: &str,
        subject: &str,
        body: String,
    ) -> std::result::Result<(), String> {
        let to = Mailbox::new(
            Some(to_name.to_owned()),
            to_email
                .parse()
                .map_err(|e| format!("`{to_email}` cannot be written to ({e})"))?,
        );
        // Plain 7-bit text when it is (links then arrive whole, even to a
        // reader that does not decode quoted-printable); lettre chooses an
        // encoding otherwise.
        let body = Body::new_with_encoding(body, ContentTransferEncoding::SevenBit)
            .unwrap_or_else(Body::new);
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| format!("the message could not be made: {e}"))?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| format!("the mail server did not take the message: {e}"))
    }
}

/// A URL with any password in it hidden, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(url: &str, from: &str, public: &str) -> MailSettings {
        MailSettings {
            smtp_url: url.into(),
            from: from.into(),
            public_url: public.into(),
        }
    }

    #[test]
    fn settings_are_checked_with_what_to_write() {
        let ok = Mailer::new(&settings(
            "smtp://127.0.0.1:2525",
            "Career ladder <ladder@example.com>",
            "https://ladder.example.com/",
        ))
        .unwrap();
        assert_eq!(ok.url("/reset/x"), "https://ladder.example.com/reset/x");
        let e = Mailer::new(&settings("smtp://h", "not an address", "https://x")).unwrap_err();
        assert!(
            e.to_string().contains("--mail-from `not an address`"),
            "{e}"
        );
        let e = Mailer::new(&settings("ftp://u:secret@h", "a@b.c", "https://x")).unwrap_err();
        assert!(e.to_string().contains("ftp://…@h"), "{e}");
        assert!(!e.to_string().contains("secret"));
        let e = Mailer::new(&settings("smtp://h", "a@b.c", "ladder.example.com")).unwrap_err();
        assert!(e.to_string().contains("--public-url"), "{e}");
    }
}
