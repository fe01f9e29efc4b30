//! Dates for assessments: the store keeps Unix milliseconds, assessment files
//! carry `YYYY-MM-DD`. The conversion is the civil-from-days algorithm for
//! the proleptic Gregorian calendar, in UTC.

/// The UTC date of a Unix time in milliseconds, as `YYYY-MM-DD`.
pub fn date_of(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A Unix time in milliseconds as a UTC date and time to the minute,
/// `YYYY-MM-DD HH:MM UTC`, for people reading when something happened.
pub fn date_time_of(ms: i64) -> String {
    let minute = ms.div_euclid(60_000).rem_euclid(24 * 60);
    format!("{} {:02}:{:02} UTC", date_of(ms), minute / 60, minute % 60)
}

/// A Unix time in milliseconds as RFC 3339 (`2026-12-02T09:00:00Z`), the
/// form SCIM's `meta` dates take.
pub fn rfc3339_of(ms: i64) -> String {
    let second = ms.div_euclid(1000).rem_euclid(86_400);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        date_of(ms),
        second / 3600,
        second / 60 % 60,
        second % 60
    )
}

/// Today's UTC date.
pub fn today() -> String {
    date_of(ladder_store::now_ms())
}

#[cfg(test)]
mod tests {
    use super::date_of;

    #[test]
    fn known_dates() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(951_782_400_000), "2000-02-29");
        assert_eq!(date_of(1_795_392_000_000), "2026-11-23");
        assert_eq!(date_of(1_795_478_399_999), "2026-11-23");
        assert_eq!(date_of(-86_400_000), "1969-12-31");
        assert_eq!(
            super::date_time_of(1_795_478_399_999),
            "2026-11-23 23:59 UTC"
        );
        assert_eq!(super::date_time_of(-1), "1969-12-31 23:59 UTC");
    }
}
