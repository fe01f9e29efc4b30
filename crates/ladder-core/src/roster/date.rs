//! Dates of a roster: a start date is a day, written as HR systems write it.
//!
//! ISO (`2024-03-31`, with or without a time after it) and `2024/03/31` are
//! read as they are; `31.03.2024` (the European dotted form) too. Slashed
//! day-first or month-first forms (`03/04/2024`) are ambiguous and refused
//! with a hint rather than guessed.

use time::{Date, Month};

/// A calendar day.
pub type Day = Date;

/// The day a cell names, if it names one unambiguously.
pub fn parse_day(text: &str) -> Option<Day> {
    let text = text.trim();
    // The usual case, `2024-03-31`, without splitting.
    if let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *text.as_bytes()
        && [y1, y2, y3, y4, m1, m2, d1, d2]
            .iter()
            .all(u8::is_ascii_digit)
    {
        let n = |digits: &[u8]| {
            digits
                .iter()
                .fold(0i32, |a, d| a * 10 + i32::from(d - b'0'))
        };
        let month = Month::try_from(n(&[m1, m2]) as u8).ok()?;
        return Date::from_calendar_date(n(&[y1, y2, y3, y4]), month, n(&[d1, d2]) as u8).ok();
    }
    let date = text.split(['T', ' ']).next().unwrap_or(text);
    let mut parts = date.split(['-', '/', '.']);
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let num = |s: &str| -> Option<i32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (y, m, d) = if a.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else if date.contains('.') && c.len() == 4 {
        (num(c)?, num(b)?, num(a)?)
    } else {
        return None;
    };
    let month = Month::try_from(u8::try_from(m).ok()?).ok()?;
    Date::from_calendar_date(y, month, u8::try_from(d).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_slashed_and_dotted_days_are_read_and_ambiguous_ones_refused() {
        let d =
            |y, m: u8, day| Date::from_calendar_date(y, Month::try_from(m).unwrap(), day).unwrap();
        assert_eq!(parse_day("2024-03-31"), Some(d(2024, 3, 31)));
        assert_eq!(parse_day(" 2024/3/1 "), Some(d(2024, 3, 1)));
        assert_eq!(parse_day("2021-06-01T00:00:00Z"), Some(d(2021, 6, 1)));
        assert_eq!(parse_day("31.03.2024"), Some(d(2024, 3, 31)));
        assert_eq!(parse_day("03/04/2024"), None);
        assert_eq!(parse_day("2024-02-30"), None);
        assert_eq!(parse_day("yesterday"), None);
        assert_eq!(parse_day(""), None);
    }
}
