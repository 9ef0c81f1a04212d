//! Dates of the endpoint as the feeds and the sitemap write them: RFC 3339
//! in UTC, written from the parsed parts of the date and never from its
//! text, so a "date" can only ever come out as digits and separators.

use portal_reader::format::{civil_from_days, days_from_civil, DateTime};

/// A moment, in seconds since 1970-01-01 UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant(i64);

impl Instant {
    /// Reads an RFC 3339 timestamp (`2026-11-26T09:30:00+07:00`, seconds,
    /// fraction and offset optional, no offset meaning UTC) or a bare date
    /// (midnight UTC). Anything else, or anything more, is not a date.
    pub fn parse(text: &str) -> Option<Instant> {
        let text = text.trim();
        let date = DateTime::parse(text)?;
        // `DateTime::parse` read ten ASCII bytes: the rest starts on a
        // character boundary.
        let rest = text.get(10..)?;
        let days = days_from_civil(date.year, date.month, date.day);
        if rest.is_empty() {
            return Some(Instant(days * 86_400));
        }
        let (hour, minute) = date.time?;
        // `THH:MM`, then optionally `:SS` and `.fraction`, then the offset.
        let mut rest = rest.get(6..)?;
        let mut second = 0;
        if let Some(after) = rest.strip_prefix(':') {
            // 60 is a leap second, written as the second before it.
            second = two_digits(after).filter(|s| *s <= 60)?.min(59);
            rest = &after[2..];
            if let Some(after) = rest.strip_prefix('.') {
                let digits = after.bytes().take_while(u8::is_ascii_digit).count();
                if digits == 0 {
                    return None;
                }
                rest = &after[digits..];
            }
        }
        let offset = match rest {
            "" | "Z" | "z" => 0,
            _ => {
                let sign = match rest.as_bytes()[0] {
                    b'+' => 1,
                    b'-' => -1,
                    _ => return None,
                };
                let (h, m) = (two_digits(rest.get(1..)?)?, two_digits(rest.get(4..)?)?);
                if rest.len() != 6 || rest.as_bytes()[3] != b':' || h > 23 || m > 59 {
                    return None;
                }
                sign * (h * 60 + m)
            }
        };
        let local = days * 86_400 + i64::from(hour) * 3_600 + i64::from(minute) * 60 + second;
        Some(Instant(local - offset * 60))
    }

    /// As RFC 3339 in UTC: `2026-11-26T02:30:00Z`. `None` outside the years
    /// 0000–9999 (an offset can push a date just past them).
    pub fn rfc3339(self) -> Option<String> {
        let (days, seconds) = (self.0.div_euclid(86_400), self.0.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        if !(0..=9999).contains(&year) {
            return None;
        }
        Some(format!(
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
            seconds / 3_600,
            seconds / 60 % 60,
            seconds % 60
        ))
    }
}

/// An endpoint date as RFC 3339 in UTC, or `None` when it is not a date.
pub fn rfc3339(text: &str) -> Option<String> {
    Instant::parse(text)?.rfc3339()
}

fn two_digits(text: &str) -> Option<i64> {
    let pair = text.get(..2)?;
    pair.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| pair.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_rfc3339_in_utc() {
        let cases = [
            ("2026-11-26T09:30:00+07:00", "2026-11-26T02:30:00Z"),
            ("2026-11-26T09:30:00.123456Z", "2026-11-26T09:30:00Z"),
            ("2026-11-26t09:30:59-01:30", "2026-11-26T11:00:59Z"),
            ("2026-11-26 09:30", "2026-11-26T09:30:00Z"),
            ("2026-01-01T03:00:00+07:00", "2025-12-31T20:00:00Z"),
            ("2026-11-26", "2026-11-26T00:00:00Z"),
            (" 2024-02-29T23:59:60Z ", "2024-02-29T23:59:59Z"),
        ];
        for (text, want) in cases {
            assert_eq!(rfc3339(text).as_deref(), Some(want), "{text}");
        }
    }

    /// A date's text never reaches the feed, and no text
    /// makes the reading panic.
    #[test]
    fn anything_else_is_not_a_date() {
        for text in [
            "hôm qua",
            "2026-11-26T09:30:00+07:00</updated><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
            "2026-11-26T09:30:0é",
            "2026-11-26é",
            "2026-11-26T09:30:00+0700",
            "2026-11-26T09:30:00+24:00",
            "2026-11-26T09:30:00.Z",
            "2026-11-26T09:30:00Zx",
            "2026-11-26T09:30:61Z",
            "2026-11-26T09:30:99Z",
            "2026-02-30",
            "2026-11-26T24:00",
            "2026-11-26T",
            "0000-01-01T00:00:00+00:01",
        ] {
            assert_eq!(rfc3339(text), None, "{text}");
        }
        assert_eq!(rfc3339("9999-12-31T23:59:59-00:01"), None, "past year 9999");
    }
}
