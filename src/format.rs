//! Dates, numbers and reading time as readers expect them, computed without a
//! date or locale crate.
//!
//! The contract's dates are RFC 3339 with the publisher's own offset
//! (`2024-03-15T08:00:00+07:00`). A news portal shows the time as published, in
//! the publisher's zone, so we read the wall-clock fields as written and never
//! convert: no time-zone database is needed and the page matches the print edition.

use crate::i18n::Lang;
use crate::numerals::{digits, two_digits};

/// The wall-clock fields of an RFC 3339 timestamp (or a bare `YYYY-MM-DD`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    /// `None` for a bare date.
    pub time: Option<(u32, u32)>,
}

impl DateTime {
    /// Parses the leading `YYYY-MM-DD[THH:MM]` of a timestamp; `None` when it
    /// is not a real calendar date.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let field = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = text.get(range)?;
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        let year = field(0..4)? as i32;
        let month = field(5..7)?;
        let day = field(8..10)?;
        if text.get(4..5) != Some("-") || text.get(7..8) != Some("-") {
            return None;
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        let time = match text.get(10..11) {
            Some("T" | "t" | " ") => {
                let (hour, minute) = (field(11..13)?, field(14..16)?);
                (hour < 24 && minute < 60 && text.get(13..14) == Some(":"))
                    .then_some((hour, minute))
            }
            _ => None,
        };
        Some(Self {
            year,
            month,
            day,
            time,
        })
    }

    /// The year as written: four digits ([`DateTime::parse`] reads no more,
    /// and no sign).
    pub fn year_text(&self) -> String {
        digits(u64::try_from(self.year).unwrap_or(0))
    }

    /// Day of the week, 0 = Sunday.
    pub fn weekday(&self) -> u32 {
        // Days since 1970-01-01 (a Thursday), by Howard Hinnant's civil algorithm.
        let days = days_from_civil(self.year, self.month, self.day);
        (days + 4).rem_euclid(7) as u32
    }
}

/// A date for the reader: "Thứ Sáu, 15/03/2024, 08:00" or
/// "Friday, 15 March 2024, 08:00". Text that is not a date is shown as it came.
pub fn long_date(text: &str, lang: Lang) -> String {
    let Some(date) = DateTime::parse(text) else {
        return text.to_string();
    };
    let weekday = lang.text().weekdays[date.weekday() as usize];
    let year = date.year_text();
    let day = match lang {
        Lang::Vi => format!(
            "{weekday}, {}/{}/{year}",
            two_digits(date.day),
            two_digits(date.month)
        ),
        Lang::En => format!(
            "{weekday}, {} {} {year}",
            digits(date.day.into()),
            lang.text().months[date.month as usize - 1],
        ),
    };
    match date.time {
        Some((h, m)) => format!("{day}, {}:{}", two_digits(h), two_digits(m)),
        None => day,
    }
}

/// A compact date for lists: "15/03/2024" or "15 Mar 2024".
pub fn short_date(text: &str, lang: Lang) -> String {
    let Some(date) = DateTime::parse(text) else {
        return text.to_string();
    };
    let year = date.year_text();
    match lang {
        Lang::Vi => format!("{}/{}/{year}", two_digits(date.day), two_digits(date.month)),
        Lang::En => {
            let month: String = lang.text().months[date.month as usize - 1]
                .chars()
                .take(3)
                .collect();
            format!("{} {month} {year}", digits(date.day.into()))
        }
    }
}

/// A count grouped by thousands the reader's way: "82.126.883" in
/// Vietnamese, "82,126,883" in English.
pub fn number(n: u64, lang: Lang) -> String {
    let separator = match lang {
        Lang::Vi => '.',
        Lang::En => ',',
    };
    let plain = digits(n);
    let mut out = String::with_capacity(plain.len() + plain.len() / 3);
    for (i, digit) in plain.chars().enumerate() {
        if i > 0 && (plain.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// Words a reader gets through in a minute. Vietnamese words are written
/// syllable by syllable, so this counts syllables; 200 a minute is a
/// comfortable pace for an older reader on a phone.
pub const WORDS_PER_MINUTE: usize = 200;

/// Minutes to read an article body (HTML): words of its text, rounded up,
/// at least one. Tags and entities are not words.
pub fn reading_minutes(html: &str) -> u32 {
    let mut words: usize = 0;
    let mut in_tag = false;
    let mut in_word = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                in_word = false;
            }
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            c if is_word_char(c) && !in_word => {
                words += 1;
                in_word = true;
            }
            c if c.is_whitespace() => in_word = false,
            _ => {}
        }
    }
    words.div_ceil(WORDS_PER_MINUTE).max(1) as u32
}

/// Whether a character is part of a word: ASCII letters and digits, and any
/// character from the Latin-1 letters (U+00C0) up except general punctuation
/// (dashes, quotes, ellipsis). Every Vietnamese letter is in that range. Cheap
/// on purpose: `char::is_alphanumeric` brings the Unicode letter tables into
/// the wasm.
pub fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (c >= '\u{c0}' && !('\u{2000}'..='\u{206f}').contains(&c))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a calendar date (Howard Hinnant's civil algorithm).
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The calendar date (year, month, day) `days` after 1970-01-01: the
/// inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_as_written() {
        let d = DateTime::parse("2024-03-15T08:05:00+07:00").unwrap();
        assert_eq!(
            (d.year, d.month, d.day, d.time),
            (2024, 3, 15, Some((8, 5)))
        );
        let bare = DateTime::parse("2024-02-29").unwrap();
        assert_eq!(bare.time, None);
    }

    #[test]
    fn refuses_what_is_not_a_date() {
        for bad in [
            "",
            "hôm qua",
            "2023-02-29",
            "2024-13-01",
            "2024-00-10",
            "2024/03/15",
            "24-03-15",
        ] {
            assert_eq!(DateTime::parse(bad), None, "{bad}");
        }
        // A broken time keeps the date.
        assert_eq!(DateTime::parse("2024-03-15T99:00").unwrap().time, None);
    }

    #[test]
    fn weekdays_are_right() {
        assert_eq!(DateTime::parse("2026-11-26").unwrap().weekday(), 4); // Thursday
        assert_eq!(DateTime::parse("1970-01-01").unwrap().weekday(), 4);
        assert_eq!(DateTime::parse("2024-03-17").unwrap().weekday(), 0); // Sunday
        assert_eq!(DateTime::parse("2000-02-29").unwrap().weekday(), 2); // Tuesday
    }

    #[test]
    fn long_dates_in_both_languages() {
        assert_eq!(
            long_date("2026-11-26T09:30:00+07:00", Lang::Vi),
            "Thứ Năm, 26/11/2026, 09:30"
        );
        assert_eq!(
            long_date("2026-11-26T09:30:00+07:00", Lang::En),
            "Thursday, 26 November 2026, 09:30"
        );
        assert_eq!(long_date("2024-03-17", Lang::Vi), "Chủ Nhật, 17/03/2024");
        assert_eq!(long_date("không rõ", Lang::Vi), "không rõ");
    }

    #[test]
    fn numbers_are_grouped_the_readers_way() {
        assert_eq!(number(82_126_883, Lang::Vi), "82.126.883");
        assert_eq!(number(82_126_883, Lang::En), "82,126,883");
        assert_eq!(number(0, Lang::Vi), "0");
        assert_eq!(number(999, Lang::Vi), "999");
        assert_eq!(number(1000, Lang::En), "1,000");
        assert_eq!(number(229_955, Lang::Vi), "229.955");
        assert_eq!(number(u64::MAX, Lang::En), "18,446,744,073,709,551,615");
    }

    #[test]
    fn word_characters() {
        for c in ['a', 'Z', '7', 'đ', 'Ư', 'ỹ', 'ắ', '中'] {
            assert!(is_word_char(c), "{c}");
        }
        for c in [
            ' ', '.', ',', '%', '-', '–', '—', '…', '“', '”', '\u{a0}', '°',
        ] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }

    #[test]
    fn reading_time_counts_words_not_markup() {
        assert_eq!(reading_minutes(""), 1);
        assert_eq!(reading_minutes("<p>Một hai ba</p>"), 1);
        let words = |n: usize| "chữ ".repeat(n);
        assert_eq!(reading_minutes(&format!("<p>{}</p>", words(200))), 1);
        assert_eq!(reading_minutes(&format!("<p>{}</p>", words(201))), 2);
        // Attributes are markup: a long URL or alt text adds nothing.
        let tagged = format!(
            "<p class=\"a b c d\">{}<a href=\"x y z\">link</a>,<br>end</p>",
            words(399)
        );
        assert_eq!(reading_minutes(&tagged), 3, "399 + link + end = 401 words");
        // Words run together across inline tags only when no space separates them.
        assert_eq!(reading_minutes("<b>a</b> <i>b</i>"), 1);
    }

    #[test]
    fn short_dates_in_both_languages() {
        assert_eq!(short_date("2024-03-05T08:00:00Z", Lang::Vi), "05/03/2024");
        assert_eq!(short_date("2024-03-05T08:00:00Z", Lang::En), "5 Mar 2024");
    }
}
