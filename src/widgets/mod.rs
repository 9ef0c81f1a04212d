//! The sidebar: visitor statistics, the administrative boundary map, the
//! latest articles and the category list.
//!
//! Each widget loads on its own and hides itself when its data is missing or
//! broken: the sidebar is extra, and an error in it must never take the
//! article with it. The pure parts (labels and figures) live here, the views
//! in [`sidebar`].

pub mod sidebar;

use crate::api::Stats;
use crate::format::{number, short_date, DateTime};
use crate::i18n::Lang;
use crate::numerals::two_digits;

/// One line of the visitor statistics: what is counted, and the figure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatRow {
    pub label: String,
    pub value: String,
}

/// The statistics as the reader sees them, in the portal's order. Month and
/// year labels come from `as_of` ("Tháng 03", "Năm 2024"); an `as_of` that is
/// not a date gives the plain "Tháng này" / "Năm nay".
pub fn stat_rows(stats: &Stats, lang: Lang) -> Vec<StatRow> {
    let t = lang.text();
    let as_of = DateTime::parse(&stats.as_of);
    let month = match as_of {
        Some(date) => {
            let name = match lang {
                Lang::Vi => two_digits(date.month),
                Lang::En => t.months[date.month as usize - 1].to_string(),
            };
            t.stats_month.replace("{n}", &name)
        }
        None => t.stats_this_month.to_string(),
    };
    let year = match as_of {
        Some(date) => t.stats_year.replace("{n}", &date.year_text()),
        None => t.stats_this_year.to_string(),
    };
    let row = |label: String, value: u64| StatRow {
        label,
        value: number(value, lang),
    };
    stats
        .online
        .map(|online| row(t.stats_online.to_string(), online))
        .into_iter()
        .chain([
            row(t.stats_today.to_string(), stats.today),
            row(t.stats_yesterday.to_string(), stats.yesterday),
            row(month, stats.this_month),
            row(year, stats.this_year),
            row(t.stats_total.to_string(), stats.total),
        ])
        .collect()
}

/// "Số liệu đến 26/11/2026": the date the figures were counted, or `None`
/// when `as_of` is not a date (then it is not shown at all).
pub fn as_of_line(stats: &Stats, lang: Lang) -> Option<String> {
    DateTime::parse(&stats.as_of)?;
    Some(
        lang.text()
            .stats_as_of
            .replace("{date}", &short_date(&stats.as_of, lang)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(as_of: &str, online: Option<u64>) -> Stats {
        Stats {
            as_of: as_of.into(),
            online,
            today: 6051,
            yesterday: 6608,
            this_month: 229_955,
            this_year: 660_790,
            total: 82_126_883,
        }
    }

    fn pairs(rows: Vec<StatRow>) -> Vec<(String, String)> {
        rows.into_iter().map(|r| (r.label, r.value)).collect()
    }

    #[test]
    fn vietnamese_labels_come_from_as_of() {
        let rows = pairs(stat_rows(&stats("2024-03-15", Some(12)), Lang::Vi));
        let expected = [
            ("Đang trực tuyến", "12"),
            ("Hôm nay", "6.051"),
            ("Hôm qua", "6.608"),
            ("Tháng 03", "229.955"),
            ("Năm 2024", "660.790"),
            ("Tổng lượt truy cập", "82.126.883"),
        ];
        assert_eq!(rows, expected.map(|(l, v)| (l.to_string(), v.to_string())));
    }

    #[test]
    fn english_labels_and_grouping() {
        let rows = pairs(stat_rows(&stats("2026-11-26", None), Lang::En));
        let labels: Vec<&str> = rows.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            ["Today", "Yesterday", "November", "Year 2026", "All visits"],
            "no online row without `online`"
        );
        assert_eq!(rows[4].1, "82,126,883");
    }

    #[test]
    fn a_broken_as_of_gives_plain_labels_and_no_date_line() {
        let broken = stats("hôm nay", Some(1));
        let rows = pairs(stat_rows(&broken, Lang::Vi));
        assert_eq!(rows[3].0, "Tháng này");
        assert_eq!(rows[4].0, "Năm nay");
        assert_eq!(as_of_line(&broken, Lang::Vi), None);
        assert_eq!(
            as_of_line(&stats("2026-11-26", None), Lang::Vi).as_deref(),
            Some("Số liệu đến 26/11/2026")
        );
        assert_eq!(
            as_of_line(&stats("2026-11-26", None), Lang::En).as_deref(),
            Some("Figures as of 26 Nov 2026")
        );
    }
}
