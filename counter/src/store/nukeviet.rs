//! A NukeViet 4 portal's own database as the store: votes and views go
//! into the columns the old site's admin shows (`total_rating`,
//! `click_rating`, `hitstotal` of `{prefix}_{lang}_{module}_rows` and of
//! the per-category copies `…_{catid}`), visits into `{prefix}_counter`
//! as `includes/core/stat.php` writes them, so both sites show the same
//! figures. Articles are the ones the importer publishes: a slug is
//! `{alias}-{id}` of a published row in a shown category, anything else
//! is unknown (404).
//!
//! One transaction per request, so one that fails costs only itself. The
//! one table this service adds, `…_portal_votes` (InnoDB), holds each
//! vote's id under a unique key, which makes a retried vote count once,
//! and whether its stars went in yet: NukeViet creates its own tables as
//! MyISAM, which has no transactions, so the vote's row is written first
//! and marked once the stars are in; the retry of a vote whose stars never
//! went in adds them then (see `docs/counter.md`).

use mysql::prelude::FromRow;
use mysql::prelude::Queryable;
use mysql::{Opts, OptsBuilder, Params, Pool, PoolConstraints, PoolOpts, PooledConn, Row, Value};

use portal_nukeviet::db::identifier;
use portal_nukeviet::rules::{
    article_slug, category_ids, category_visible, is_published, local_date, rating,
    ZONE_OFFSET_SECONDS,
};
use portal_nukeviet::stats::{stats, CounterRow, MONTHS, WEEKDAYS};
use portal_reader::api::RatingTotals;

use super::{Answer, Job, Outcome, Store};

/// MySQL's "table doesn't exist": a category whose copy is gone.
const NO_SUCH_TABLE: u16 = 1146;

/// The news module's tables, from `--nukeviet nv4_vi_news`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tables {
    /// `nv4_vi_news`: `_rows`, `_{catid}`, `_portal_votes` follow it.
    module: String,
    /// `nv4_counter`.
    counter: String,
    /// `nv4_sessions`: the old site's visitors online.
    sessions: String,
    /// `vi_count`: the counter's column for this language.
    lang_count: String,
}

impl Tables {
    /// `{prefix}_{lang}_{module}`, as NukeViet names the module's tables:
    /// the language is the first two-letter part after the prefix.
    pub fn parse(name: &str) -> Result<Tables, String> {
        let name = identifier("--nukeviet", name)?;
        let parts: Vec<&str> = name.split('_').collect();
        let at = (1..parts.len().saturating_sub(1))
            .find(|&i| parts[i].len() == 2 && parts[i].bytes().all(|b| b.is_ascii_lowercase()))
            .ok_or_else(|| {
                format!("--nukeviet {name:?}: not {{prefix}}_{{lang}}_{{module}} (nv4_vi_news)")
            })?;
        let prefix = parts[..at].join("_");
        Ok(Tables {
            module: name.clone(),
            counter: format!("{prefix}_counter"),
            sessions: format!("{prefix}_sessions"),
            lang_count: format!("{}_count", parts[at]),
        })
    }

    fn rows(&self) -> String {
        format!("{}_rows", self.module)
    }

    fn votes(&self) -> String {
        format!("{}_portal_votes", self.module)
    }
}

pub struct NukevietStore {
    pool: Pool,
    tables: Tables,
    /// Whether the counter has its language's column (4.0 and 4.5 do).
    has_lang_count: bool,
    has_sessions: bool,
}

impl NukevietStore {
    /// Connects (`mysql://USER:PASS@HOST:PORT/DB`, or through `socket`),
    /// checks the module's tables and creates the votes table if missing.
    pub fn open(url: &str, socket: Option<&str>, tables: Tables) -> Result<NukevietStore, String> {
        let opts = Opts::from_url(url).map_err(|e| format!("--store: {e}"))?;
        if opts.get_db_name().is_none() {
            return Err("--store: the URL names no database (mysql://USER:PASS@HOST/DB)".into());
        }
        let mut builder = OptsBuilder::from_opts(opts)
            .tcp_connect_timeout(Some(std::time::Duration::from_secs(10)))
            .read_timeout(Some(std::time::Duration::from_secs(30)))
            .write_timeout(Some(std::time::Duration::from_secs(30)))
            .init(vec!["SET NAMES utf8mb4"])
            // One thread uses it; the pool is for its reconnection.
            .pool_opts(
                PoolOpts::default().with_constraints(PoolConstraints::new(1, 1).expect("1 ≤ 1")),
            );
        if let Some(socket) = socket {
            builder = builder.socket(Some(socket));
        }
        let pool = Pool::new(builder).map_err(|e| format!("the database: {e}"))?;
        let mut conn = pool.get_conn().map_err(|e| format!("the database: {e}"))?;
        let columns: Vec<(String, String)> = conn
            .exec(
                "SELECT LOWER(TABLE_NAME), LOWER(COLUMN_NAME) FROM information_schema.COLUMNS \
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?, ?, ?)",
                (tables.rows(), &tables.counter, &tables.sessions),
            )
            .map_err(|e| format!("the database's schema: {e}"))?;
        let has =
            |table: &str, column: &str| columns.iter().any(|(t, c)| t == table && c == column);
        for column in [
            "id",
            "alias",
            "listcatid",
            "status",
            "publtime",
            "exptime",
            "allowed_rating",
            "hitstotal",
            "total_rating",
            "click_rating",
        ] {
            if !has(&tables.rows(), column) {
                return Err(format!(
                    "{} has no column {column}: not a NukeViet 4 news module",
                    tables.rows()
                ));
            }
        }
        if !has(&tables.counter, "c_count") {
            return Err(format!(
                "{} is missing: not a NukeViet 4 database",
                tables.counter
            ));
        }
        let create = format!(
            "CREATE TABLE IF NOT EXISTS `{}` (\
               article_id INT UNSIGNED NOT NULL, \
               vote_id VARCHAR(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL, \
               stars TINYINT UNSIGNED NOT NULL, \
               created INT UNSIGNED NOT NULL, \
               applied TINYINT UNSIGNED NOT NULL DEFAULT 0, \
               PRIMARY KEY (article_id, vote_id)\
             ) ENGINE=InnoDB",
            tables.votes()
        );
        conn.query_drop(&create).map_err(|e| {
            format!(
                "creating {}: {e} (give the user CREATE on it, or run: {create})",
                tables.votes()
            )
        })?;
        let engine: Option<String> = conn
            .exec_first(
                "SELECT ENGINE FROM information_schema.TABLES \
                 WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?",
                (tables.rows(),),
            )
            .map_err(|e| format!("the database's schema: {e}"))?;
        if let Some(engine) = engine.filter(|e| !e.eq_ignore_ascii_case("innodb")) {
            eprintln!(
                "counter: {} is {engine}, without transactions: a connection lost between a \
                 vote's stars and its mark can count it twice on the retry (ALTER TABLE … \
                 ENGINE=InnoDB on it and its category copies makes each vote all-or-nothing)",
                tables.rows()
            );
        }
        Ok(NukevietStore {
            has_lang_count: has(&tables.counter, &tables.lang_count),
            has_sessions: has(&tables.sessions, "onl_time"),
            pool,
            tables,
        })
    }
}

impl Store for NukevietStore {
    fn run(&mut self, jobs: &[Job], now: i64) -> Result<Vec<Outcome>, String> {
        let mut conn = self.pool.get_conn().map_err(|e| e.to_string())?;
        Ok(jobs
            .iter()
            .map(|job| self.run_one(&mut conn, job, now).map_err(|e| e.to_string()))
            .collect())
    }
}

/// Runs `statements` as one transaction (all-or-nothing on InnoDB tables;
/// on MyISAM each statement stands alone).
fn in_transaction(
    conn: &mut PooledConn,
    statements: impl FnOnce(&mut PooledConn) -> mysql::Result<()>,
) -> mysql::Result<()> {
    conn.query_drop("START TRANSACTION")?;
    match statements(conn) {
        Ok(()) => conn.query_drop("COMMIT"),
        Err(error) => {
            let _ = conn.query_drop("ROLLBACK");
            Err(error)
        }
    }
}

/// The first row of `sql`, converted, or an error (never the client
/// library's panic on a value of another type).
fn first<T: FromRow>(
    conn: &mut PooledConn,
    sql: String,
    params: impl Into<Params>,
) -> mysql::Result<Option<T>> {
    match conn.exec_first::<Row, _, _>(sql, params)? {
        Some(row) => mysql::from_row_opt(row)
            .map(Some)
            .map_err(|e| mysql::Error::FromRowError(e.0)),
        None => Ok(None),
    }
}

/// id, alias, listcatid, status, publtime, exptime, allowed_rating, the
/// main category's status.
type ArticleRow = (u64, Vec<u8>, Vec<u8>, i64, i64, i64, i64, Option<i64>);

/// A published article's row: its id, categories, whether it takes votes.
struct Article {
    id: u64,
    categories: Vec<u64>,
    rating_allowed: bool,
}

impl NukevietStore {
    fn run_one(&self, conn: &mut PooledConn, job: &Job, now: i64) -> mysql::Result<Answer> {
        Ok(match job {
            Job::Vote {
                slug,
                stars,
                vote_id,
                ..
            } => {
                let Some(article) = self.article(conn, slug, now)? else {
                    return Ok(Answer::UnknownArticle);
                };
                if !article.rating_allowed {
                    return Ok(Answer::RatingOff);
                }
                let votes = self.tables.votes();
                conn.exec_drop(
                    format!(
                        "INSERT IGNORE INTO `{votes}` (article_id, vote_id, stars, created) \
                         VALUES (?, ?, ?, ?)"
                    ),
                    (article.id, vote_id, stars, now),
                )?;
                // The first stars sent with this id count, once.
                let row: Option<(u8, u8)> = first(
                    conn,
                    format!(
                        "SELECT applied, stars FROM `{votes}` WHERE article_id = ? AND vote_id = ?"
                    ),
                    (article.id, vote_id),
                )?;
                if let Some((0, stars)) = row {
                    in_transaction(conn, |conn| {
                        self.update_copies(
                            conn,
                            &article,
                            "total_rating = total_rating + ?, click_rating = click_rating + 1",
                            Value::from(stars),
                        )?;
                        conn.exec_drop(
                            format!(
                                "UPDATE `{votes}` SET applied = 1 WHERE article_id = ? AND vote_id = ?"
                            ),
                            (article.id, vote_id),
                        )
                    })?;
                }
                Answer::Totals(self.totals(conn, article.id)?)
            }
            Job::Hit { visit, article } => {
                let article = match article {
                    Some((slug, _)) => self.article(conn, slug, now)?,
                    None => None,
                };
                in_transaction(conn, |conn| {
                    if let Some(article) = &article {
                        self.update_copies(
                            conn,
                            article,
                            "hitstotal = hitstotal + ?",
                            Value::from(1),
                        )?;
                    }
                    if *visit {
                        self.count_visit(conn, now)?;
                    }
                    Ok(())
                })?;
                Answer::Done
            }
            Job::Ratings { slug, .. } => match self.article(conn, slug, now)? {
                Some(article) => Answer::Totals(self.totals(conn, article.id)?),
                None => Answer::UnknownArticle,
            },
            Job::Stats { online } => {
                let found: Vec<Row> = conn.query(format!(
                    "SELECT c_type, c_val, last_update, c_count FROM `{}` \
                     WHERE c_type IN ('day', 'month', 'year', 'total')",
                    self.tables.counter
                ))?;
                // A row of another shape is no period of the counter.
                let counter: Vec<CounterRow> = found
                    .into_iter()
                    .filter_map(|row| mysql::from_row_opt::<(String, String, i64, i64)>(row).ok())
                    .map(|(kind, value, last_update, count)| CounterRow {
                        kind,
                        value,
                        last_update,
                        count: count.max(0) as u64,
                    })
                    .collect();
                let sessions: u64 = match self.has_sessions {
                    true => first(
                        conn,
                        format!(
                            "SELECT COUNT(*) FROM `{}` WHERE onl_time >= ?",
                            self.tables.sessions
                        ),
                        (now - 300,),
                    )?
                    .unwrap_or(0),
                    false => 0,
                };
                Answer::Stats(stats(&counter, Some(sessions + online), now))
            }
            Job::Ping => {
                conn.query_drop(format!("SELECT 1 FROM `{}` LIMIT 1", self.tables.rows()))?;
                Answer::Done
            }
        })
    }

    /// The published article `slug` names, if any.
    fn article(
        &self,
        conn: &mut PooledConn,
        slug: &str,
        now: i64,
    ) -> mysql::Result<Option<Article>> {
        let Some(id) = slug
            .rsplit('-')
            .next()
            .and_then(|id| id.parse::<u64>().ok())
        else {
            return Ok(None);
        };
        // Its main category must be shown too, as the importer publishes.
        let row: Option<ArticleRow> = first(
            conn,
            format!(
                "SELECT r.id, r.alias, r.listcatid, r.status, r.publtime, r.exptime, \
                 r.allowed_rating, c.status \
                 FROM `{}` r LEFT JOIN `{}_cat` c ON c.catid = r.catid WHERE r.id = ?",
                self.tables.rows(),
                self.tables.module
            ),
            (id,),
        )?;
        Ok(row.and_then(
            |(id, alias, listcatid, status, publtime, exptime, allowed_rating, category)| {
                let same =
                    article_slug(&String::from_utf8_lossy(&alias), id).is_ok_and(|s| s == slug);
                let shown = category.is_some_and(category_visible);
                (same && shown && is_published(status, publtime, exptime, now)).then(|| Article {
                    id,
                    categories: category_ids(&String::from_utf8_lossy(&listcatid)),
                    rating_allowed: allowed_rating != 0,
                })
            },
        ))
    }

    /// `SET {assignments}` on the article's row and on its copy in each of
    /// its categories' tables (one that is gone is skipped).
    fn update_copies(
        &self,
        conn: &mut PooledConn,
        article: &Article,
        assignments: &str,
        value: Value,
    ) -> mysql::Result<()> {
        let tables = std::iter::once(self.tables.rows()).chain(
            article
                .categories
                .iter()
                .map(|catid| format!("{}_{catid}", self.tables.module)),
        );
        for table in tables {
            let sql = format!("UPDATE `{table}` SET {assignments} WHERE id = ?");
            match conn.exec_drop(sql, (value.clone(), article.id)) {
                Err(mysql::Error::MySqlError(e)) if e.code == NO_SUCH_TABLE => {}
                other => other?,
            }
        }
        Ok(())
    }

    fn totals(&self, conn: &mut PooledConn, id: u64) -> mysql::Result<RatingTotals> {
        let row: Option<(i64, i64)> = first(
            conn,
            format!(
                "SELECT total_rating, click_rating FROM `{}` WHERE id = ?",
                self.tables.rows()
            ),
            (id,),
        )?;
        let (total, count) = row.map_or((0, 0), |(t, c)| rating(t, c));
        Ok(RatingTotals { total, count })
    }

    /// One visit on the counter, as `nv_stat_update()` counts it: the
    /// periods that ended since the last visit start again from zero, then
    /// every period of `now` counts one more.
    fn count_visit(&self, conn: &mut PooledConn, now: i64) -> mysql::Result<()> {
        let counter = &self.tables.counter;
        let last: Option<i64> = first(
            conn,
            format!(
                "SELECT c_count FROM `{counter}` WHERE c_type = 'c_time' AND c_val = 'last' FOR UPDATE"
            ),
            (),
        )?;
        let (year, month, day) = local_date(now);
        let (last_year, last_month, last_day) = local_date(last.unwrap_or(now));
        // The counts a visit moves: `c_count`, and the language's column
        // when this installation has it.
        let set_counts = |to: &dyn Fn(&str) -> String| {
            let mut columns = vec!["c_count"];
            if self.has_lang_count {
                columns.push(&self.tables.lang_count);
            }
            columns
                .iter()
                .map(|c| format!("`{c}` = {}", to(c)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let reset = |types: &str| {
            let zero = set_counts(&|_| "0".into());
            format!("UPDATE `{counter}` SET {zero} WHERE c_type IN ({types})")
        };
        let one_more = set_counts(&|c| format!("`{c}` + 1"));
        if last_year != year {
            conn.exec_drop(
                format!("INSERT IGNORE INTO `{counter}` (c_type, c_val) VALUES ('year', ?)"),
                (year.to_string(),),
            )?;
            conn.query_drop(reset("'month', 'day', 'hour'"))?;
        } else if last_month != month {
            conn.query_drop(reset("'day', 'hour'"))?;
        } else if last_day != day {
            conn.query_drop(reset("'hour'"))?;
        }
        let local = now + ZONE_OFFSET_SECONDS;
        let hour = local.rem_euclid(86_400) / 3600;
        let weekday = WEEKDAYS[(local.div_euclid(86_400) + 4).rem_euclid(7) as usize];
        conn.exec_drop(
            format!(
                "UPDATE `{counter}` SET last_update = ?, {one_more} WHERE \
                 (c_type = 'total' AND c_val = 'hits') OR (c_type = 'year' AND c_val = ?) OR \
                 (c_type = 'month' AND c_val = ?) OR (c_type = 'day' AND c_val = ?) OR \
                 (c_type = 'dayofweek' AND c_val = ?) OR (c_type = 'hour' AND c_val = ?)"
            ),
            (
                now,
                year.to_string(),
                MONTHS[month as usize - 1],
                format!("{day:02}"),
                weekday,
                format!("{hour:02}"),
            ),
        )?;
        conn.exec_drop(
            format!(
                "UPDATE `{counter}` SET c_count = ? WHERE c_type = 'c_time' AND c_val = 'last'"
            ),
            (now,),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_names_come_from_prefix_lang_and_module() {
        let t = Tables::parse("nv4_vi_news").unwrap();
        assert_eq!(
            (t.rows().as_str(), t.counter.as_str(), t.lang_count.as_str()),
            ("nv4_vi_news_rows", "nv4_counter", "vi_count")
        );
        let t = Tables::parse("site_a_en_tin_tuc").unwrap();
        assert_eq!(
            (t.module.as_str(), t.counter.as_str(), t.votes().as_str()),
            (
                "site_a_en_tin_tuc",
                "site_a_counter",
                "site_a_en_tin_tuc_portal_votes"
            )
        );
        for bad in [
            "nv4news",
            "nv4_vi",
            "vi_news",
            "nv4_vi_news`; DROP",
            "NV4_VI_NEWS",
            "",
        ] {
            assert!(Tables::parse(bad).is_err(), "{bad}");
        }
    }
}
