//! The mapping from NukeViet's columns to the endpoint's fields, as pure
//! functions: what is published, what an article's slug is, how stored text
//! is decoded, what a time is in the portal's zone. Each is tested here with
//! the values a real portal holds (docs/nukeviet.md has the whole table).

use portal_reader::sanitize::html::plain_text;
use portal_reader::urls::{gate, is_valid_slug, UrlUse};

/// The portal's zone: NukeViet stores Unix seconds, and a Vietnamese portal
/// shows them at +07:00 (no daylight saving).
pub const ZONE_OFFSET_SECONDS: i64 = 7 * 3600;

/// Whether an article row is public at `now`, as NukeViet's own article
/// page decides (`funcs/detail.php`): published status, its time come, not
/// yet expired. Its category must be visible too ([`category_visible`]).
pub fn is_published(status: i64, publtime: i64, exptime: i64, now: i64) -> bool {
    status == 1 && publtime <= now && (exptime == 0 || exptime > now)
}

/// Whether a category's `status` shows it: 1 (shown, also on the home page)
/// or 2 (shown, not on the home page); 0 is off, above 10 locked by its
/// parent (`cat_visible_status` in `global.functions.php`).
pub fn category_visible(status: i64) -> bool {
    matches!(status, 1 | 2)
}

/// The article's slug: NukeViet's own `{alias}-{id}` (aliases are not
/// unique; the id makes the slug so), in lower case, as the app's slug
/// rule wants. An alias longer than the rule allows is cut (the id still
/// names the article). An alias with anything but letters, digits, `-` and
/// `_` (a `/`, a `..`) is refused: it is not a NukeViet alias.
pub fn article_slug(alias: &str, id: u64) -> Result<String, String> {
    let suffix = format!("-{id}");
    let alias = alias.trim().to_ascii_lowercase();
    if alias.is_empty() {
        return Err("an empty alias".into());
    }
    if !alias
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
    {
        return Err(format!(
            "the alias {alias:?} is not a NukeViet alias (letters, digits and -)"
        ));
    }
    let room = 200 - suffix.len();
    let cut = &alias[..alias.len().min(room)];
    let slug = format!("{cut}{suffix}");
    match is_valid_slug(&slug) {
        true => Ok(slug),
        false => Err(format!("the slug {slug:?} is not one the app accepts")),
    }
}

/// A category's slug: its alias, in lower case, when the app's slug rule
/// takes it.
pub fn category_slug(alias: &str) -> Result<String, String> {
    let slug = alias.trim().to_ascii_lowercase();
    match is_valid_slug(&slug) {
        true => Ok(slug),
        false => Err(format!("the alias {alias:?} is not a slug the app accepts")),
    }
}

/// Text as NukeViet stores it (`title`, `hometext`, `homeimgalt`, names):
/// HTML-escaped with its own entity set (`&#33;`, `&quot;`), `hometext`
/// with `<br />` or editor markup. Decoded by an HTML parser exactly once,
/// markup dropped, white space collapsed: `&amp;quot;` stays the text
/// `&quot;`.
pub fn text(stored: &str) -> String {
    plain_text(stored)
}

/// `text`, or nothing when it is empty.
pub fn optional_text(stored: &str) -> Option<String> {
    Some(text(stored)).filter(|t| !t.is_empty())
}

/// Unix seconds as RFC 3339 in the portal's zone: `2024-06-01T07:00:00+07:00`.
pub fn local_time(unix: i64) -> String {
    let local = unix + ZONE_OFFSET_SECONDS;
    let (days, seconds) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+07:00",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// The date (year, month, day) of Unix seconds in the portal's zone.
pub fn local_date(unix: i64) -> (i64, u32, u32) {
    civil_from_days((unix + ZONE_OFFSET_SECONDS).div_euclid(86_400))
}

/// Days since 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
/// algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// The category ids of `listcatid` (`1,5,7`), in order, without repeats
/// or what is not a number.
pub fn category_ids(listcatid: &str) -> Vec<u64> {
    let mut ids: Vec<u64> = Vec::new();
    for id in listcatid.split(',').filter_map(|s| s.trim().parse().ok()) {
        if id != 0 && !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Stars as the contract counts them: NukeViet's `total_rating` (sum of
/// stars) and `click_rating` (votes), never negative, and no more stars
/// than five a vote.
pub fn rating(total: i64, count: i64) -> (u64, u64) {
    let count = count.max(0) as u64;
    let total = (total.max(0) as u64).min(count.saturating_mul(5));
    (total, count)
}

/// An address the database or a flag gives that must stand on its own
/// (a remote image, a source's link, `--site-url`): through the one URL
/// gate, resolved against nothing of ours, so a relative one is refused;
/// `//host/x` is taken as https, as a page on the old portal took it.
pub fn absolute_url(text: &str, use_: UrlUse) -> Option<String> {
    // A base no address of the portal can have: what resolves under it
    // was relative.
    const NOWHERE: &str = "https://nowhere.invalid/";
    gate(NOWHERE, text.trim(), use_).filter(|url| !url.starts_with(NOWHERE))
}

/// `url` ending in `/`, as a base of relative paths must.
pub fn as_base(url: String) -> String {
    match url.ends_with('/') {
        true => url,
        false => format!("{url}/"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_717_200_000;

    #[test]
    fn published_means_status_one_time_come_and_not_expired() {
        assert!(is_published(1, NOW - 1, 0, NOW));
        assert!(is_published(1, NOW, 0, NOW), "publtime <= now");
        assert!(is_published(1, NOW - 1, NOW + 1, NOW));
        assert!(!is_published(1, NOW + 1, 0, NOW), "not yet");
        assert!(!is_published(1, NOW - 10, NOW, NOW), "expired at now");
        assert!(!is_published(1, NOW - 10, NOW - 1, NOW), "expired");
        for status in [0, 2, 3, 4, 22] {
            assert!(!is_published(status, NOW - 1, 0, NOW), "status {status}");
        }
    }

    #[test]
    fn categories_show_with_status_one_or_two() {
        assert!(category_visible(1) && category_visible(2));
        assert!(!category_visible(0) && !category_visible(12));
    }

    #[test]
    fn the_slug_keeps_alias_and_id_and_refuses_paths() {
        assert_eq!(article_slug("thong-bao", 2).unwrap(), "thong-bao-2");
        assert_eq!(article_slug("thong-bao", 3).unwrap(), "thong-bao-3");
        assert_eq!(article_slug("Tin-Tuc", 7).unwrap(), "tin-tuc-7");
        for bad in ["a/../b", "..", "a b", "", "x?y", "tết", "a\\b"] {
            assert!(article_slug(bad, 1).is_err(), "{bad:?}");
        }
        let long = "a".repeat(250);
        let slug = article_slug(&long, 123_456).unwrap();
        assert_eq!(slug.len(), 200);
        assert!(slug.ends_with("a-123456"));
    }

    #[test]
    fn stored_text_is_decoded_once() {
        assert_eq!(text("Khai mạc&#33; &quot;x&quot;"), "Khai mạc! \"x\"");
        assert_eq!(
            text("Nói &amp;quot;không&amp;quot;"),
            "Nói &quot;không&quot;"
        );
        assert_eq!(text("A &#x3A; B"), "A : B");
        assert_eq!(
            text("Sáng nay<br />tại Lai Châu."),
            "Sáng nay tại Lai Châu."
        );
        assert_eq!(
            text("<p>Tóm tắt <strong>quan trọng</strong> về&nbsp;ngân sách</p>"),
            "Tóm tắt quan trọng về ngân sách"
        );
        assert_eq!(text("&lt;script&gt;"), "<script>");
        assert_eq!(optional_text("  "), None);
    }

    #[test]
    fn times_are_shown_in_the_portals_zone() {
        assert_eq!(local_time(NOW), "2024-06-01T07:00:00+07:00");
        assert_eq!(local_time(0), "1970-01-01T07:00:00+07:00");
        assert_eq!(local_time(NOW - 7 * 3600 - 1), "2024-05-31T23:59:59+07:00");
        assert_eq!(local_date(NOW - 7 * 3600 - 1), (2024, 5, 31));
        assert_eq!(
            local_time(951_782_400 - 7 * 3600),
            "2000-02-29T00:00:00+07:00"
        );
    }

    #[test]
    fn only_addresses_that_stand_on_their_own_are_absolute() {
        let abs = |t: &str| absolute_url(t, UrlUse::Image);
        assert_eq!(
            abs(" https://cdn.example.vn/a.jpg ").as_deref(),
            Some("https://cdn.example.vn/a.jpg")
        );
        assert_eq!(
            abs("//cdn.example.vn/a.jpg").as_deref(),
            Some("https://cdn.example.vn/a.jpg")
        );
        for bad in [
            "a.jpg",
            "/uploads/a.jpg",
            "",
            "javascript:alert(1)",
            "data:image/png,x",
        ] {
            assert_eq!(abs(bad), None, "{bad}");
        }
        assert_eq!(
            absolute_url("mailto:a@b.vn", UrlUse::Link).as_deref(),
            Some("mailto:a@b.vn")
        );
        assert_eq!(as_base("https://a.vn/x".into()), "https://a.vn/x/");
        assert_eq!(as_base("https://a.vn/".into()), "https://a.vn/");
    }

    #[test]
    fn category_lists_and_ratings_are_checked_numbers() {
        assert_eq!(category_ids("1,5, 7,5,x,0,"), vec![1, 5, 7]);
        assert_eq!(rating(18, 4), (18, 4));
        assert_eq!(rating(-3, 2), (0, 2));
        assert_eq!(rating(100, 2), (10, 2));
        assert_eq!(rating(5, -1), (0, 0));
    }
}
