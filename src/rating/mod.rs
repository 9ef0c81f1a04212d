//! Star ratings: the arithmetic, the wording and what is remembered. Pure.
//!
//! The component ([`widget`]) wires these to a radio group. Averages are done
//! in integer tenths, so no float formatting code lands in the wasm and 4.25
//! rounds the way a reader expects (half up), not the way binary floats do.

pub mod widget;

use crate::api::RatingTotals;
use crate::i18n::{Lang, Text};
use crate::numerals::digits;

/// Stars on the scale.
pub const MAX_STARS: u8 = 5;

/// Whether `stars` is a vote the contract accepts (1 to 5).
pub fn is_valid(stars: u8) -> bool {
    (1..=MAX_STARS).contains(&stars)
}

/// The totals with one more vote of `stars` counted in. The endpoint's
/// figures are untrusted: at the top of the range they stay put rather than
/// wrap around.
pub fn with_vote(totals: RatingTotals, stars: u8) -> RatingTotals {
    RatingTotals {
        total: totals.total.saturating_add(u64::from(stars)),
        count: totals.count.saturating_add(1),
    }
}

/// The average in tenths of a star (42 for 4.2), rounded half up and held
/// to the scale (0 to 50); `None` without ratings. Any pair of `u64`s is
/// fine: the division is done in `f64`, which cannot overflow or divide by
/// zero here and costs less wasm than `u128`; it is exact for every total
/// below 2^53 / 10, far beyond any portal's. Totals an honest endpoint could
/// not send (more than five stars a rating) read as five.
pub fn average_tenths(totals: RatingTotals) -> Option<u64> {
    if totals.count == 0 {
        return None;
    }
    let tenths = (totals.total as f64 * 10.0 / totals.count as f64 + 0.5).floor();
    Some(tenths.min(f64::from(MAX_STARS) * 10.0) as u64)
}

/// "4,2" in Vietnamese, "4.2" in English.
pub fn format_average(totals: RatingTotals, lang: Lang) -> Option<String> {
    let tenths = average_tenths(totals)?;
    let mark = if lang == Lang::Vi { ',' } else { '.' };
    Some(format!(
        "{}{mark}{}",
        digits(tenths / 10),
        digits(tenths % 10)
    ))
}

/// The portal's summary line: "Tổng số điểm của bài viết là: 42 trong 10 đánh giá".
pub fn summary(totals: RatingTotals, text: &Text) -> String {
    text.rating_summary
        .replace("{total}", &digits(totals.total))
        .replace("{count}", &digits(totals.count))
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

    /// Issue 9: `2 * count` wrapped to 0 and the division panicked, a dead
    /// page; a total of 100 from one rating showed "100,0 / 5".
    #[test]
    fn absurd_totals_neither_panic_nor_leave_the_scale() {
        assert_eq!(
            average_tenths(totals(0, 9_223_372_036_854_775_808)),
            Some(0)
        );
        assert_eq!(average_tenths(totals(u64::MAX, u64::MAX)), Some(10));
        assert_eq!(average_tenths(totals(u64::MAX, 1)), Some(50));
        assert_eq!(average_tenths(totals(100, 1)), Some(50));
        assert_eq!(
            average_line(totals(100, 1), Lang::Vi).as_deref(),
            Some("Điểm trung bình: 5,0 / 5")
        );
        assert_eq!(
            with_vote(totals(u64::MAX, u64::MAX), 5),
            totals(u64::MAX, u64::MAX)
        );
        assert_eq!(
            summary(totals(u64::MAX, u64::MAX), &VI),
            "Tổng số điểm của bài viết là: 18446744073709551615 trong 18446744073709551615 đánh giá"
        );
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
