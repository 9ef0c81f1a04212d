//! The NukeViet store against a real MariaDB (started by the test, stopped
//! by its handle), loaded with the importer's NukeViet 4.5 fixture: votes
//! and views land in the columns the old site's admin shows, in the
//! article's row and in each of its categories' copies; visits in the
//! counter as NukeViet's own `stat.php` writes them.

mod common;
#[path = "../../nukeviet/tests/common/mod.rs"]
mod mariadb;

use std::path::Path;

use common::{get, post, vote, Counter};
use mariadb::MariaDb;
use serde_json::json;

/// Article 1 of the fixture: published, categories 1 and 2, 18 stars in
/// 4 votes, 1 234 views.
const ARTICLE: &str = "khai-mac-ky-hop-thu-8-1";

#[test]
fn votes_views_and_visits_land_in_nukeviet_s_own_columns() {
    let db = MariaDb::start("counter");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../nukeviet/tests/fixtures");
    db.load(
        "portal",
        &[
            &fixtures.join("schema-4.5.sql"),
            &fixtures.join("articles.sql"),
        ],
    );
    // What docs/counter.md grants the service: read and update the
    // portal's tables, and create its one table of vote ids.
    db.sql_root(
        "",
        "CREATE USER 'dem'@'localhost' IDENTIFIED BY 'dem-phieu'; \
         GRANT SELECT, INSERT, UPDATE, CREATE ON `portal`.* TO 'dem'@'localhost';",
    )
    .unwrap();
    let query = |sql: &str| db.sql_root("portal", sql).unwrap().trim().to_string();
    let counter = Counter::start(&[
        "--store",
        "mysql://dem:dem-phieu@localhost/portal",
        "--socket",
        db.socket.to_str().unwrap(),
        "--nukeviet",
        "nv4_vi_news",
    ]);
    let a = counter.address.as_str();
    let ratings = format!("articles/{ARTICLE}/ratings");

    assert_eq!(
        get(a, &ratings, "").json(),
        json!({ "total": 18, "count": 4 })
    );
    let first = post(a, &ratings, &vote(5, "phieu-cua-ba-lan"), "");
    assert_eq!(
        (first.status, first.json()),
        (200, json!({ "total": 23, "count": 5 }))
    );
    let retry = post(a, &ratings, &vote(5, "phieu-cua-ba-lan"), "");
    assert_eq!(
        retry.json(),
        json!({ "total": 23, "count": 5 }),
        "a retry counts once"
    );
    for table in ["nv4_vi_news_rows", "nv4_vi_news_1", "nv4_vi_news_2"] {
        assert_eq!(
            query(&format!(
                "SELECT total_rating, click_rating FROM {table} WHERE id = 1"
            )),
            "23\t5",
            "{table}"
        );
    }

    // A vote whose stars never went in (the connection lost between its
    // row and its stars, on MyISAM): its retry adds them, once.
    query(
        "INSERT INTO nv4_vi_news_portal_votes (article_id, vote_id, stars, created, applied) \
         VALUES (1, 'phieu-bi-ngat-giua-chung', 3, 0, 0)",
    );
    let resumed = post(a, &ratings, &vote(4, "phieu-bi-ngat-giua-chung"), "");
    assert_eq!(
        resumed.json(),
        json!({ "total": 26, "count": 6 }),
        "its first stars, 3"
    );
    let again = post(a, &ratings, &vote(4, "phieu-bi-ngat-giua-chung"), "");
    assert_eq!(again.json(), json!({ "total": 26, "count": 6 }));

    // An article whose rating the admin turned off.
    query("UPDATE nv4_vi_news_rows SET allowed_rating = 0 WHERE id = 1");
    let off = post(a, &ratings, &vote(5, "phieu-khi-da-tat"), "");
    assert_eq!(off.status, 403, "{off:?}");
    query("UPDATE nv4_vi_news_rows SET allowed_rating = 1 WHERE id = 1");

    // Not articles of the endpoint: no such id, the wrong alias, a
    // suspended one (4), one in a category that is off (12), an expired
    // one (6). Nothing is written for them.
    for slug in ["khong-co-999", "sai-ten-1", "bai-4", "bai-12", "bai-6"] {
        let id = slug.rsplit('-').next().unwrap();
        let alias = query(&format!(
            "SELECT alias FROM nv4_vi_news_rows WHERE id = {id}"
        ));
        let slug = match slug {
            "sai-ten-1" | "khong-co-999" => slug.to_string(),
            _ => format!("{alias}-{id}"),
        };
        let answer = post(
            a,
            &format!("articles/{slug}/ratings"),
            &vote(1, "phieu-khong-hop-le"),
            "",
        );
        assert_eq!(answer.status, 404, "{slug}: {answer:?}");
    }
    assert_eq!(query("SELECT COUNT(*) FROM nv4_vi_news_portal_votes"), "2");
    assert_eq!(
        query("SELECT SUM(applied) FROM nv4_vi_news_portal_votes"),
        "2"
    );

    // A page view of the article: its views, in every copy; a visit on the
    // counter, NukeViet's way (the fixture's last visit was in 2024: the
    // periods since start again from zero).
    let total_before: u64 = query("SELECT c_count FROM nv4_counter WHERE c_type = 'total'")
        .parse()
        .unwrap();
    let hit = post(
        a,
        "stats/hit",
        &format!(r#"{{"path":"/bai-viet/{ARTICLE}"}}"#),
        "",
    );
    assert_eq!(hit.status, 204, "{hit:?}");
    for table in ["nv4_vi_news_rows", "nv4_vi_news_1", "nv4_vi_news_2"] {
        assert_eq!(
            query(&format!("SELECT hitstotal FROM {table} WHERE id = 1")),
            "1235",
            "{table}"
        );
    }
    let stats = get(a, "stats.json", "").json();
    assert_eq!(stats["today"], 1);
    assert_eq!(stats["this_month"], 1);
    assert_eq!(stats["this_year"], 1);
    assert_eq!(stats["total"], total_before + 1);
    assert_eq!(
        query("SELECT c_count = vi_count FROM nv4_counter WHERE c_type = 'total'"),
        "1",
        "the language's column counts too"
    );
    let last: i64 =
        query("SELECT c_count FROM nv4_counter WHERE c_type = 'c_time' AND c_val = 'last'")
            .parse()
            .unwrap();
    assert!(
        last > 1_717_200_000,
        "the last visit's time, for the next reset"
    );
    drop(counter);
}

#[test]
fn a_user_who_cannot_create_the_votes_table_is_told_what_to_run() {
    let db = MariaDb::start("counter-grants");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../nukeviet/tests/fixtures");
    db.load("portal", &[&fixtures.join("schema-4.5.sql")]);
    let reader = db.reader("portal");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portal-counter"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--store",
            &reader,
            "--nukeviet",
            "nv4_vi_news",
        ])
        .arg("--socket")
        .arg(&db.socket)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("CREATE TABLE IF NOT EXISTS `nv4_vi_news_portal_votes`"),
        "{stderr}"
    );
}
