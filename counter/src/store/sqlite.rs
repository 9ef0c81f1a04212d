//! The default store: one SQLite file, no server to install.
//!
//! WAL with `synchronous = FULL`: a commit is on the disk (the WAL synced)
//! before the batch is answered, so an acknowledged vote survives a killed
//! process and a power cut alike. `NORMAL` would survive only the first;
//! the batch already shares one sync among its requests, so FULL costs
//! little (see `docs/counter.md` for the figures).

use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

use portal_nukeviet::rules::{civil_from_days, local_date, ZONE_OFFSET_SECONDS};
use portal_reader::api::RatingTotals;

use portal_reader::rating::with_vote;

use super::{Answer, Baseline, Job, Outcome, Store};

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    slug TEXT PRIMARY KEY,
    total INTEGER NOT NULL,
    count INTEGER NOT NULL,
    views INTEGER NOT NULL
) WITHOUT ROWID;
-- One row per counted vote: the key is what makes a retry count once.
CREATE TABLE IF NOT EXISTS votes (
    slug TEXT NOT NULL,
    vote_id TEXT NOT NULL,
    stars INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    at INTEGER NOT NULL,
    PRIMARY KEY (slug, vote_id)
) WITHOUT ROWID;
-- Visits this service counted, by period: 'total', 'y2024', 'm2024-06',
-- 'd2024-06-01' (local dates).
CREATE TABLE IF NOT EXISTS visits (
    period TEXT PRIMARY KEY,
    count INTEGER NOT NULL
) WITHOUT ROWID;
-- What the total adds to: the endpoint's own visitor total, as read at the
-- last start with --endpoint.
CREATE TABLE IF NOT EXISTS baseline (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
";

pub struct SqliteStore {
    connection: Connection,
}

impl SqliteStore {
    /// Opens (or creates) the file at `path`. `site_total`: the endpoint's
    /// visitor total, which the store's total adds to (kept from the last
    /// start when `None`).
    pub fn open(path: &Path, site_total: Option<u64>) -> Result<SqliteStore, String> {
        let connection = Connection::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mode: String = connection
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(format!("{}: WAL mode refused ({mode})", path.display()));
        }
        connection
            .execute_batch("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;")
            .and_then(|()| connection.execute_batch(SCHEMA))
            .and_then(|()| match site_total {
                Some(total) => connection.execute(
                    "INSERT INTO baseline (name, value) VALUES ('visits', ?1) \
                     ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    [total.min(i64::MAX as u64) as i64],
                ),
                None => Ok(0),
            })
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(SqliteStore { connection })
    }
}

impl Store for SqliteStore {
    /// One transaction; each job in a savepoint of its own, so a job that
    /// fails leaves nothing and costs only its own answer.
    fn run(&mut self, jobs: &[Job], now: i64) -> Result<Vec<Outcome>, String> {
        let mut tx = self
            .connection
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|e| e.to_string())?;
        let mut outcomes = Vec::with_capacity(jobs.len());
        for job in jobs {
            let savepoint = tx.savepoint().map_err(|e| e.to_string())?;
            match run_one(&savepoint, job, now) {
                Ok(answer) => {
                    savepoint.commit().map_err(|e| e.to_string())?;
                    outcomes.push(Ok(answer));
                }
                // Dropped: rolled back to before the job.
                Err(error) => outcomes.push(Err(error.to_string())),
            }
        }
        tx.commit().map_err(|e| e.to_string())?;
        Ok(outcomes)
    }
}

fn run_one(tx: &Connection, job: &Job, now: i64) -> rusqlite::Result<Answer> {
    Ok(match job {
        Job::Vote {
            slug,
            stars,
            vote_id,
            baseline,
        } => {
            start_article(tx, slug, baseline)?;
            let counted = tx.execute(
                "INSERT INTO votes (slug, vote_id, stars, at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
                params![slug, vote_id, stars, now],
            )?;
            if counted == 1 {
                let totals = with_vote(totals(tx, slug)?.unwrap_or_default(), *stars);
                tx.execute(
                    "UPDATE articles SET total = ?2, count = ?3 WHERE slug = ?1",
                    params![slug, totals.total as i64, totals.count as i64],
                )?;
            }
            Answer::Totals(totals(tx, slug)?.unwrap_or_default())
        }
        Job::Hit { visit, article } => {
            if let Some((slug, baseline)) = article {
                start_article(tx, slug, baseline)?;
                tx.execute(
                    "UPDATE articles SET views = views + 1 WHERE slug = ?1",
                    [slug],
                )?;
            }
            if *visit {
                for period in periods(now) {
                    tx.execute(
                        "INSERT INTO visits (period, count) VALUES (?1, 1) \
                         ON CONFLICT (period) DO UPDATE SET count = count + 1",
                        [period],
                    )?;
                }
            }
            Answer::Done
        }
        Job::Ratings { slug, baseline } => {
            Answer::Totals(totals(tx, slug)?.unwrap_or(baseline.rating))
        }
        Job::Stats { online } => Answer::Stats(stats(tx, *online, now)?),
        Job::Ping => {
            tx.query_row("SELECT 1", [], |_| Ok(()))?;
            Answer::Done
        }
    })
}

/// The article's row, from its baseline, the first time it is counted.
fn start_article(tx: &Connection, slug: &str, baseline: &Baseline) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO articles (slug, total, count, views) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING",
        params![
            slug,
            baseline.rating.total as i64,
            baseline.rating.count as i64,
            baseline.views as i64
        ],
    )?;
    Ok(())
}

fn totals(tx: &Connection, slug: &str) -> rusqlite::Result<Option<RatingTotals>> {
    tx.query_row(
        "SELECT total, count FROM articles WHERE slug = ?1",
        [slug],
        |row| {
            Ok(RatingTotals {
                total: row.get::<_, i64>(0)?.max(0) as u64,
                count: row.get::<_, i64>(1)?.max(0) as u64,
            })
        },
    )
    .optional()
}

/// The periods a visit at `now` counts in.
fn periods(now: i64) -> [String; 4] {
    let date = local_date(now);
    [
        "total".into(),
        year_key(date),
        month_key(date),
        day_key(date),
    ]
}

/// The visits table's keys of a local date's year, month and day.
fn year_key((year, _, _): (i64, u32, u32)) -> String {
    format!("y{year:04}")
}
fn month_key((year, month, _): (i64, u32, u32)) -> String {
    format!("m{year:04}-{month:02}")
}
fn day_key((year, month, day): (i64, u32, u32)) -> String {
    format!("d{year:04}-{month:02}-{day:02}")
}

fn stats(tx: &Connection, online: u64, now: i64) -> rusqlite::Result<serde_json::Value> {
    let today = local_date(now);
    let (year, month, day) = today;
    let yesterday = civil_from_days((now + ZONE_OFFSET_SECONDS).div_euclid(86_400) - 1);
    let count = |period: String| -> rusqlite::Result<u64> {
        tx.query_row(
            "SELECT count FROM visits WHERE period = ?1",
            [period],
            |row| row.get::<_, i64>(0),
        )
        .optional()
        .map(|n| n.unwrap_or(0).max(0) as u64)
    };
    Ok(json!({
        "as_of": format!("{year:04}-{month:02}-{day:02}"),
        "online": online,
        "today": count(day_key(today))?,
        "yesterday": count(day_key(yesterday))?,
        "this_month": count(month_key(today))?,
        "this_year": count(year_key(today))?,
        "total": count("total".into())?.saturating_add(
            tx.query_row("SELECT value FROM baseline WHERE name = 'visits'", [], |row| {
                row.get::<_, i64>(0)
            })
            .optional()?
            .unwrap_or(0)
            .max(0) as u64
        ),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_717_200_000; // 2024-06-01 07:00 +07:00

    fn store(dir: &Path) -> SqliteStore {
        SqliteStore::open(&dir.join("counts.sqlite"), Some(1_000)).unwrap()
    }

    fn vote(slug: &str, stars: u8, id: &str, baseline: Baseline) -> Job {
        Job::Vote {
            slug: slug.into(),
            stars,
            vote_id: id.into(),
            baseline,
        }
    }

    fn totals(total: u64, count: u64) -> Answer {
        Answer::Totals(RatingTotals { total, count })
    }

    #[test]
    fn votes_count_once_per_id_on_top_of_the_endpoint_s_totals() {
        let dir = temp_dir("votes");
        let mut s = store(&dir);
        let base = Baseline {
            rating: RatingTotals {
                total: 40,
                count: 10,
            },
            views: 7,
        };
        let answers = s
            .run(
                &[
                    vote("a", 5, "id-00001", base),
                    vote("a", 5, "id-00001", base),
                    vote("a", 1, "id-00002", base),
                    vote("b", 3, "id-00001", Baseline::default()),
                    Job::Ratings {
                        slug: "c".into(),
                        baseline: base,
                    },
                ],
                NOW,
            )
            .unwrap();
        assert_eq!(
            answers,
            [
                totals(45, 11),
                totals(45, 11),
                totals(46, 12),
                totals(3, 1),
                totals(40, 10)
            ]
            .map(Ok)
        );
        // A retry in a later batch, after a restart: the same answer.
        drop(s);
        let mut s = store(&dir);
        let again = s.run(&[vote("a", 4, "id-00002", base)], NOW).unwrap();
        assert_eq!(again, [Ok(totals(46, 12))]);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn visits_count_by_local_day_month_year_and_in_total() {
        let dir = temp_dir("visits");
        let mut s = store(&dir);
        let visit = Job::Hit {
            visit: true,
            article: Some((
                "a".into(),
                Baseline {
                    views: 7,
                    ..Baseline::default()
                },
            )),
        };
        let view_only = Job::Hit {
            visit: false,
            article: Some(("a".into(), Baseline::default())),
        };
        s.run(&[visit.clone(), visit.clone(), view_only], NOW - 86_400)
            .unwrap();
        s.run(&[visit], NOW).unwrap();
        let answers = s.run(&[Job::Stats { online: 3 }], NOW).unwrap();
        assert_eq!(
            answers,
            [Ok(Answer::Stats(json!({
                "as_of": "2024-06-01", "online": 3, "today": 1, "yesterday": 2,
                "this_month": 1, "this_year": 3, "total": 1_003
            })))]
        );
        let views: i64 = s
            .connection
            .query_row("SELECT views FROM articles WHERE slug = 'a'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(views, 7 + 4);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_job_that_fails_leaves_nothing_and_fails_alone() {
        let dir = temp_dir("alone");
        let mut s = store(&dir);
        let answers = s
            .run(
                &[
                    vote("a", 5, "id-00001", Baseline::default()),
                    // Refused by the table's CHECK: after its article row was made.
                    vote("b", 9, "id-00002", Baseline::default()),
                    vote("a", 4, "id-00003", Baseline::default()),
                ],
                NOW,
            )
            .unwrap();
        assert_eq!(answers[0], Ok(totals(5, 1)));
        assert!(answers[1].is_err());
        assert_eq!(answers[2], Ok(totals(9, 2)));
        let rows: i64 = s
            .connection
            .query_row("SELECT COUNT(*) FROM articles WHERE slug = 'b'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(rows, 0, "the failed job's row was rolled back");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_total_adds_to_the_endpoint_s_as_read_at_the_last_start() {
        let dir = temp_dir("baseline");
        let path = dir.join("counts.sqlite");
        let visit = Job::Hit {
            visit: true,
            article: None,
        };
        SqliteStore::open(&path, None)
            .unwrap()
            .run(&[visit], NOW)
            .unwrap();
        let mut s = SqliteStore::open(&path, Some(500)).unwrap();
        let total = |s: &mut SqliteStore| match &s.run(&[Job::Stats { online: 0 }], NOW).unwrap()[0]
        {
            Ok(Answer::Stats(stats)) => stats["total"].clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(total(&mut s), 501);
        drop(s);
        let mut s = SqliteStore::open(&path, None).unwrap();
        assert_eq!(total(&mut s), 501, "kept without --endpoint");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn the_file_is_in_wal_mode_with_full_sync() {
        let dir = temp_dir("wal");
        let s = store(&dir);
        let sync: i64 = s
            .connection
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sync, 2, "FULL");
        assert!(dir.join("counts.sqlite-wal").exists());
        let _ = std::fs::remove_dir_all(dir);
    }

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "portal-counter-{name}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }
}
