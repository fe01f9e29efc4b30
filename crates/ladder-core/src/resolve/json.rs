//! Writing resolutions as JSON Lines and CSV fields, by hand.
//!
//! `ladder titles` writes millions of records a second; a general serialiser
//! costs more than resolving the title. The shape is fixed and small, so it is
//! written directly into a reused buffer; the tests parse it back with serde_json
//! to keep it honest.

use super::{Relevelled, Resolution, Resolver};

/// Two decimals, for confidences and scores.
fn push_score(out: &mut Vec<u8>, x: f32) {
    let hundredths = (x.clamp(0.0, 1.0) * 100.0).round() as u32;
    out.push(b'0' + (hundredths / 100) as u8);
    out.push(b'.');
    out.push(b'0' + (hundredths / 10 % 10) as u8);
    out.push(b'0' + (hundredths % 10) as u8);
}

/// Appends `s` as a JSON string.
pub fn push_json_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    // Most titles need no escaping: one branch-free pass finds out.
    let needs_escape = bytes.iter().fold(false, |acc, &b| {
        acc | (b < 0x20) | (b == b'"') | (b == b'\\')
    });
    if !needs_escape {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => b"",
            _ => continue,
        };
        out.extend_from_slice(&bytes[from..i]);
        if esc.is_empty() {
            out.extend_from_slice(format!("\\u{b:04x}").as_bytes());
        } else {
            out.extend_from_slice(esc);
        }
        from = i + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// Appends one JSON object (no newline) for a resolution; `extra` adds the
/// re-levelled role for a company size; `error` overrides the resolution's own.
pub fn write_json(
    out: &mut Vec<u8>,
    resolver: &Resolver,
    r: &Resolution<'_>,
    relevel: Option<&Relevelled>,
    error: Option<&str>,
) {
    out.extend_from_slice(b"{\"title\":");
    push_json_str(out, r.title);
    out.extend_from_slice(b",\"role\":\"");
    out.extend_from_slice(resolver.role_id(r.role).as_bytes());
    out.extend_from_slice(b"\",\"function\":\"");
    out.extend_from_slice(r.function.as_str().as_bytes());
    out.extend_from_slice(b"\",\"confidence\":");
    push_score(out, r.confidence);
    out.extend_from_slice(b",\"seniority_modifier\":");
    match r.seniority {
        Some(w) => push_json_str(out, resolver.word_name(w)),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"area\":");
    match r.area {
        Some(a) => push_json_str(out, a),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"alternatives\":[");
    for (i, (role, score)) in r.alternatives().iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"{\"role\":\"");
        out.extend_from_slice(resolver.role_id(*role).as_bytes());
        out.extend_from_slice(b"\",\"score\":");
        push_score(out, *score);
        out.push(b'}');
    }
    out.push(b']');
    if let Some(rl) = relevel {
        out.extend_from_slice(b",\"effective_role\":\"");
        out.extend_from_slice(resolver.role_id(rl.effective).as_bytes());
        out.extend_from_slice(b"\",\"effective_reason\":");
        match &rl.reason {
            Some(reason) => push_json_str(out, reason),
            None => out.extend_from_slice(b"null"),
        }
    }
    if let Some(e) = error.or(r.error) {
        out.extend_from_slice(b",\"error\":");
        push_json_str(out, e);
    }
    out.push(b'}');
}

/// The CSV fields of a resolution after the title, in the order of
/// [`CSV_FIELDS`](crate::resolve::CSV_FIELDS): role, function, confidence,
/// seniority_modifier, area, alternatives (`role:score;…`), effective_role,
/// effective_reason, error.
pub fn write_csv_fields(
    resolver: &Resolver,
    r: &Resolution<'_>,
    relevel: Option<&Relevelled>,
    error: Option<&str>,
) -> [String; 9] {
    let mut score = Vec::with_capacity(4);
    push_score(&mut score, r.confidence);
    let alternatives = r
        .alternatives()
        .iter()
        .map(|(role, s)| {
            let mut b = Vec::with_capacity(4);
            push_score(&mut b, *s);
            format!(
                "{}:{}",
                resolver.role_id(*role),
                String::from_utf8_lossy(&b)
            )
        })
        .collect::<Vec<_>>()
        .join(";");
    [
        resolver.role_id(r.role).to_owned(),
        r.function.as_str().to_owned(),
        String::from_utf8_lossy(&score).into_owned(),
        r.seniority
            .map(|w| resolver.word_name(w).to_owned())
            .unwrap_or_default(),
        r.area.unwrap_or("").to_owned(),
        alternatives,
        relevel
            .map(|rl| resolver.role_id(rl.effective).to_owned())
            .unwrap_or_default(),
        relevel.and_then(|rl| rl.reason.clone()).unwrap_or_default(),
        error.or(r.error).unwrap_or("").to_owned(),
    ]
}
