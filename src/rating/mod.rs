//! Star ratings: the arithmetic, the wording and what is remembered. Pure.
//!
//! The component ([`widget`]) wires these to a radio group. Averages are done
//! in integer tenths, so no float formatting code lands in the wasm and 4.25
//! rounds the way a reader expects (half up), not the way binary floats do.

pub mod widget;

use crate::api::RatingTotals;
use crate::i18n::{Lang, Text};

/// Stars on the scale.
pub const MAX_STARS: u8 = 5;

/// Whether `stars` is a vote the contract accepts (1 to 5).
pub fn is_valid(stars: u8) -> bool {
    (1..=MAX_STARS).contains(&stars)
}

/// The totals with one more vote of `stars` counted in.
pub fn with_vote(totals: RatingTotals, stars: u8) -> RatingTotals {
    RatingTotals {
        total: totals.total + u64::from(stars),
        count: totals.count + 1,
    }
}

/// The average in tenths of a star (42 for 4.2), rounded half up; `None`
/// without ratings.
pub fn average_tenths(totals: RatingTotals) -> Option<u64> {
    (totals.count > 0).then(|| (totals.total * 20 + totals.count) / (2 * totals.count))
}

/// "4,2" in Vietnamese, "4.2" in English.
pub fn format_average(totals: RatingTotals, lang: Lang) -> Option<String> {
    let tenths = average_tenths(totals)?;
    let mark = if lang == Lang::Vi { ',' } else { '.' };
    Some(format!("{}{mark}{}", tenths / 10, tenths % 10))
}

/// The portal's summary line: "Tổng số điểm của bài viết là: 42 trong 10 đánh giá".
pub fn summary(totals: RatingTotals, text: &Text) -> String {
    text.rating_summary
        .replace("{total}", &totals.total.to_string())
        .replace("{count}", &totals.count.to_string())
}

/// "Điểm trung bình: 4,2 / 5", or `None` without ratings.
pub fn average_line(totals: RatingTotals, lang: Lang) -> Option<String> {
    let average = format_average(totals, lang)?;
    Some(lang.text().rating_average.replace("{avg}", &average))
}

/// Local-storage key of the reader's own vote on an article.
pub fn storage_key(slug: &str) -> String {
    format!("portal.rating.{slug}")
}

/// A stored vote, if it is one; garbage reads as "not voted".
pub fn parse_stored(stored: Option<&str>) -> Option<u8> {
    let stars: u8 = stored?.trim().parse().ok()?;
    is_valid(stars).then_some(stars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, VI};

    fn totals(total: u64, count: u64) -> RatingTotals {
        RatingTotals { total, count }
    }

    #[test]
    fn averages_round_half_up_in_tenths() {
        assert_eq!(average_tenths(totals(42, 10)), Some(42));
        assert_eq!(average_tenths(totals(17, 4)), Some(43), "4.25 rounds up");
        assert_eq!(average_tenths(totals(2, 3)), Some(7), "0.666 rounds to 0.7");
        assert_eq!(average_tenths(totals(5, 1)), Some(50));
        assert_eq!(average_tenths(totals(0, 0)), None);
    }

    #[test]
    fn averages_use_the_languages_decimal_mark() {
        assert_eq!(
            format_average(totals(42, 10), Lang::Vi).as_deref(),
            Some("4,2")
        );
        assert_eq!(
            format_average(totals(42, 10), Lang::En).as_deref(),
            Some("4.2")
        );
        assert_eq!(
            format_average(totals(40, 10), Lang::Vi).as_deref(),
            Some("4,0")
        );
        assert_eq!(
            average_line(totals(42, 10), Lang::Vi).as_deref(),
            Some("Điểm trung bình: 4,2 / 5")
        );
        assert_eq!(average_line(totals(0, 0), Lang::En), None);
    }

    #[test]
    fn the_summary_line_is_the_portals_wording() {
        assert_eq!(
            summary(totals(42, 10), &VI),
            "Tổng số điểm của bài viết là: 42 trong 10 đánh giá"
        );
        assert_eq!(
            summary(totals(0, 0), &VI),
            "Tổng số điểm của bài viết là: 0 trong 0 đánh giá"
        );
        assert_eq!(
            summary(totals(42, 10), &EN),
            "Total score of this article: 42 from 10 ratings"
        );
    }

    #[test]
    fn a_vote_counts_once() {
        assert_eq!(with_vote(totals(42, 10), 4), totals(46, 11));
        assert!(is_valid(1) && is_valid(5));
        assert!(!is_valid(0) && !is_valid(6));
    }

    #[test]
    fn stored_votes_that_are_not_votes_are_ignored() {
        assert_eq!(parse_stored(Some("4")), Some(4));
        for garbage in [
            None,
            Some(""),
            Some("0"),
            Some("6"),
            Some("4.5"),
            Some("bốn"),
            Some("-1"),
        ] {
            assert_eq!(parse_stored(garbage), None, "{garbage:?}");
        }
        assert_eq!(storage_key("a-b"), "portal.rating.a-b");
    }
}
