//! Parsers of what browsers post: the assessment form's fields and the CSRF
//! token inside a form body (URL-encoded or multipart). They see outside
//! input first, so they are public for the `web_forms` fuzz target and never
//! panic.

use std::collections::BTreeMap;

pub use axum::body::Bytes;

use crate::csrf::CSRF_FIELD;
use crate::error::WebError;
use ladder_app::assessments::AssessmentInput;
use ladder_core::assess::ReadinessCheck;
use ladder_core::model::RoleId;

/// Reads the assessment form's fields: `role`, `rating.ID` (a level),
/// `evidence.ID` (a note), the readiness checklist (`ready-criterion.ROLE.N`
/// carries a criterion's words, `ready.ROLE.N` ticks it, `ready-note.ROLE.N`
/// is its note) and `action` (`submit`, or anything else for a draft). An empty rating is no rating; unknown fields are ignored; a rating that is not a level is an
/// error naming its field.
pub fn assessment_fields(fields: &[(String, String)]) -> Result<AssessmentInput, WebError> {
    let mut input = AssessmentInput {
        role: RoleId::new(""),
        ratings: BTreeMap::new(),
        evidence: BTreeMap::new(),
        readiness: Vec::new(),
        submit: false,
    };
    // Readiness criteria by (next role, number): the criterion's words, ticked, note.
    let mut checks: BTreeMap<(String, String), (String, bool, String)> = BTreeMap::new();
    for (k, v) in fields {
        let readiness = [("ready-criterion.", 0), ("ready-note.", 2), ("ready.", 1)]
            .into_iter()
            .find_map(|(prefix, part)| Some((k.strip_prefix(prefix)?, part)));
        if let Some((key, part)) = readiness {
            if let Some((to, i)) = key.rsplit_once('.') {
                let c = checks.entry((to.to_owned(), i.to_owned())).or_default();
                match part {
                    0 => c.0 = v.clone(),
                    1 => c.1 = true,
                    _ => c.2 = v.clone(),
                }
            }
            continue;
        }
        if k == "role" {
            input.role = RoleId::from(v.as_str());
        } else if k == "action" {
            input.submit = v == "submit";
        } else if let Some(c) = k.strip_prefix("rating.") {
            if v.is_empty() {
                // "Choose a level…": not rated (yet).
                continue;
            }
            let level = v.parse().map_err(|_| {
                WebError::Unreadable(format!("the rating of `{c}` is `{v}`, not a level"))
            })?;
            input.ratings.insert(c.to_owned(), level);
        } else if let Some(c) = k.strip_prefix("evidence.") {
            input.evidence.insert(c.to_owned(), v.clone());
        }
    }
    // A criterion counts when ticked or given a note; an untouched one is
    // no judgement either way.
    input.readiness = checks
        .into_iter()
        .filter(|(_, (criterion, met, note))| {
            !criterion.is_empty() && (*met || !note.trim().is_empty())
        })
        .map(|((to, _), (criterion, met, note))| ReadinessCheck {
            to,
            criterion,
            met,
            note: (!note.trim().is_empty()).then_some(note),
        })
        .collect();
    Ok(input)
}

/// The CSRF token in a form body, if the body is a form and has one.
pub async fn token_in_body(content_type: &str, bytes: Bytes) -> Option<String> {
    if content_type.starts_with("application/x-www-form-urlencoded") {
        serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == CSRF_FIELD)
            .map(|(_, v)| v)
    } else if content_type.starts_with("multipart/form-data") {
        multipart_field(content_type, bytes).await
    } else {
        None
    }
}

async fn multipart_field(content_type: &str, bytes: Bytes) -> Option<String> {
    let boundary = multer::parse_boundary(content_type).ok()?;
    let stream = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(bytes) });
    let mut m = multer::Multipart::new(stream, boundary);
    while let Ok(Some(field)) = m.next_field().await {
        if field.name() == Some(CSRF_FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn reads_ratings_evidence_and_the_button() {
        let i = assessment_fields(&fields(&[
            ("role", "pm"),
            ("rating.execution", "3"),
            ("evidence.execution", "Shipped it"),
            ("action", "submit"),
            ("unrelated", "x"),
        ]))
        .unwrap();
        assert_eq!(i.role, "pm");
        assert_eq!(i.ratings["execution"], 3);
        assert_eq!(i.evidence["execution"], "Shipped it");
        assert!(i.submit);
        let ticked = assessment_fields(&fields(&[
            ("ready-criterion.senior-pm.0", "Owns a roadmap"),
            ("ready.senior-pm.0", "met"),
            ("ready-note.senior-pm.0", "Q3 roadmap"),
            ("ready-criterion.senior-pm.1", "Mentors others"),
            ("ready-criterion.senior-pm.2", "Leads launches"),
            ("ready-note.senior-pm.2", "Not yet, the next launch"),
        ]))
        .unwrap();
        assert_eq!(ticked.readiness.len(), 2, "untouched criteria are left out");
        assert!(
            ticked.readiness[0].met && ticked.readiness[0].note.as_deref() == Some("Q3 roadmap")
        );
        assert!(!ticked.readiness[1].met && ticked.readiness[1].criterion == "Leads launches");
        assert!(
            !assessment_fields(&fields(&[("action", "draft")]))
                .unwrap()
                .submit
        );
    }

    #[test]
    fn a_rating_that_is_not_a_level_names_its_field() {
        let e = assessment_fields(&fields(&[("rating.vision", "high")])).unwrap_err();
        assert!(
            e.to_string().contains("`vision`") && e.to_string().contains("high"),
            "{e}"
        );
        assert!(assessment_fields(&fields(&[("rating.vision", "300")])).is_err());
    }

    #[tokio::test]
    async fn finds_the_token_in_both_encodings() {
        let url = token_in_body(
            "application/x-www-form-urlencoded",
            Bytes::from("a=1&csrf=tok&b=2"),
        )
        .await;
        assert_eq!(url.as_deref(), Some("tok"));
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"l.toml\"\r\n\r\n[ladder]\r\n--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\ntok2\r\n--XyZ--\r\n";
        let mp = token_in_body("multipart/form-data; boundary=XyZ", Bytes::from(body)).await;
        assert_eq!(mp.as_deref(), Some("tok2"));
        assert_eq!(
            token_in_body("text/plain", Bytes::from("csrf=x")).await,
            None
        );
        assert_eq!(
            token_in_body("multipart/form-data", Bytes::from("junk")).await,
            None
        );
    }
}
