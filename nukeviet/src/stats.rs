//! The visitor statistics widget's figures from NukeViet's counter
//! (`{prefix}_counter`, written by `includes/core/stat.php`) and its online
//! sessions. NukeViet resets a period's rows lazily, on the first visit of
//! the next period, so a row counts only when its own `last_update` falls
//! in the period it names: a stale "day 02" from last month is not today.

use serde_json::{json, Value};

use crate::rules::{civil_from_days, local_date, ZONE_OFFSET_SECONDS};

/// One row of the counter: `c_type`, `c_val`, `last_update`, `c_count`.
pub struct CounterRow {
    pub kind: String,
    pub value: String,
    pub last_update: i64,
    pub count: u64,
}

/// The counter's month rows, as PHP's `date('M')` names them.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
/// The counter's weekday rows, as PHP's `date('l')` names them.
pub const WEEKDAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// `stats.json` at `now`; `online` is the number of sessions of the last
/// five minutes, when the sessions table exists.
pub fn stats(rows: &[CounterRow], online: Option<u64>, now: i64) -> Value {
    let (year, month, day) = local_date(now);
    let yesterday = civil_from_days((now + ZONE_OFFSET_SECONDS).div_euclid(86_400) - 1);
    let find = |kind: &str, value: &str, current: &dyn Fn(i64) -> bool| {
        rows.iter()
            .find(|r| r.kind == kind && r.value == value && current(r.last_update))
            .map_or(0, |r| r.count)
    };
    let on_day = |date: (i64, u32, u32)| move |t: i64| local_date(t) == date;
    let in_month = |t: i64| {
        let (y, m, _) = local_date(t);
        (y, m) == (year, month)
    };
    let month_name = MONTHS[(month - 1) as usize];
    let mut out = json!({
        "as_of": format!("{year:04}-{month:02}-{day:02}"),
        "today": find("day", &format!("{day:02}"), &on_day((year, month, day))),
        "yesterday": find("day", &format!("{:02}", yesterday.2), &on_day(yesterday)),
        "this_month": find("month", month_name, &in_month),
        "this_year": find("year", &year.to_string(), &|_| true),
        "total": find("total", "hits", &|_| true),
    });
    if let Some(online) = online {
        out["online"] = json!(online);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_717_200_000; // 2024-06-01 07:00 +07:00

    fn row(kind: &str, value: &str, last_update: i64, count: u64) -> CounterRow {
        CounterRow {
            kind: kind.into(),
            value: value.into(),
            last_update,
            count,
        }
    }

    #[test]
    fn only_rows_of_their_own_period_count() {
        let rows = [
            row("total", "hits", NOW - 10, 82_126_883),
            row("year", "2024", NOW - 10, 660_790),
            row("month", "Jun", NOW - 10, 229_955),
            row("month", "May", NOW - 86_400, 1),
            row("day", "01", NOW - 10, 6_051),
            row("day", "31", NOW - 3_600 * 8, 6_608),
            row("day", "02", NOW - 30 * 86_400, 999),
        ];
        let stats = stats(&rows, Some(12), NOW);
        assert_eq!(
            stats,
            json!({ "as_of": "2024-06-01", "online": 12, "today": 6051, "yesterday": 6608,
                    "this_month": 229955, "this_year": 660790, "total": 82126883 })
        );
        // A day later, nobody visited yet: today's row is yesterday's.
        let later = super::stats(&rows, None, NOW + 86_400);
        assert_eq!(later["today"], 0);
        assert_eq!(later["yesterday"], 6051);
        assert!(later.get("online").is_none());
    }
}
