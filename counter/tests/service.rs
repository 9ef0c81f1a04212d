//! The service on SQLite, as the real binary: exact totals under
//! concurrent load, no acknowledged vote lost to `kill -9`, a retried vote
//! counted once, and hostile requests refused with nothing written.

mod common;

use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

use common::{embedded_api, get, post, raw, temp_dir, vote, Counter};
use rusqlite::Connection;

const CLIENTS: usize = 200;
const VOTES_EACH: usize = 10;
const ARTICLES: usize = 5;

fn sqlite_store(dir: &std::path::Path) -> String {
    format!("sqlite:{}", dir.join("counts.sqlite").display())
}

/// The vote client `c` casts as its `n`th: article, stars, id.
fn nth_vote(c: usize, n: usize) -> (String, u8, String) {
    let article = format!("bai-{}", (c + n) % ARTICLES);
    let stars = ((c * 7 + n) % 5 + 1) as u8;
    (article, stars, format!("client{c:03}-vote{n:02}"))
}

#[test]
fn two_thousand_votes_from_two_hundred_clients_count_exactly() {
    let dir = temp_dir("load");
    let counter = Counter::start(&[
        "--store",
        &sqlite_store(&dir),
        "--client-ip-header",
        "x-client-ip",
    ]);
    let address = counter.address.clone();
    let threads: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let address = address.clone();
            thread::spawn(move || {
                let client = format!("10.1.{}.{}", c / 250, c % 250 + 1);
                for n in 0..VOTES_EACH {
                    let (article, stars, id) = nth_vote(c, n);
                    let path = format!("articles/{article}/ratings");
                    let answer = post(&address, &path, &vote(stars, &id), &client);
                    assert_eq!(answer.status, 200, "{answer:?}");
                    // A retry after a lost answer: the same vote.
                    if n == 0 {
                        let again = post(&address, &path, &vote(stars, &id), &client);
                        assert_eq!(again.status, 200, "{again:?}");
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let mut expected: HashMap<String, (u64, u64)> = HashMap::new();
    for c in 0..CLIENTS {
        for n in 0..VOTES_EACH {
            let (article, stars, _) = nth_vote(c, n);
            let e = expected.entry(article).or_default();
            e.0 += u64::from(stars);
            e.1 += 1;
        }
    }
    for (article, (total, count)) in &expected {
        let answer = get(&address, &format!("articles/{article}/ratings"), "10.9.9.9");
        assert_eq!(answer.status, 200);
        assert_eq!(
            answer.json(),
            serde_json::json!({ "total": total, "count": count })
        );
    }
    assert_eq!(expected.values().map(|e| e.1).sum::<u64>(), 2_000);
    drop(counter);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_killed_service_loses_no_acknowledged_vote() {
    let dir = temp_dir("kill");
    let store = sqlite_store(&dir);
    let counter = Arc::new(Mutex::new(Counter::start(&[
        "--store",
        &store,
        "--client-ip-header",
        "x-client-ip",
    ])));
    let address = counter.lock().unwrap().address.clone();
    let acknowledged = Arc::new(Mutex::new(Vec::new()));
    let answered = Arc::new(AtomicUsize::new(0));
    // The kill comes from the thread whose answer is the 300th: mid-load.
    const KILL_AT: usize = 300;
    let threads: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (address, counter) = (address.clone(), counter.clone());
            let (acknowledged, answered) = (acknowledged.clone(), answered.clone());
            thread::spawn(move || {
                let client = format!("10.2.{}.{}", c / 250, c % 250 + 1);
                for n in 0..VOTES_EACH {
                    let (article, stars, id) = nth_vote(c, n);
                    let path = format!("articles/{article}/ratings");
                    let answer = post(&address, &path, &vote(stars, &id), &client);
                    if answer.status == 200 {
                        acknowledged.lock().unwrap().push((article, id, stars));
                        if answered.fetch_add(1, Ordering::SeqCst) + 1 == KILL_AT {
                            counter.lock().unwrap().kill();
                        }
                    }
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        (KILL_AT..CLIENTS * VOTES_EACH).contains(&acknowledged.len()),
        "the kill came mid-load: {} acknowledged",
        acknowledged.len()
    );
    // Restarted on the same file: every acknowledged vote is there, and
    // the totals are exactly the votes' sum.
    let restarted = Counter::start(&["--store", &store]);
    let db = Connection::open(dir.join("counts.sqlite")).unwrap();
    let stars_of = |article: &str, id: &str| -> Option<u8> {
        db.query_row(
            "SELECT stars FROM votes WHERE slug = ?1 AND vote_id = ?2",
            [article, id],
            |r| r.get(0),
        )
        .ok()
    };
    for (article, id, stars) in &acknowledged {
        assert_eq!(stars_of(article, id), Some(*stars), "{article} {id}");
    }
    let committed: u64 = db
        .query_row("SELECT COUNT(*) FROM votes", [], |r| r.get(0))
        .unwrap();
    for a in 0..ARTICLES {
        let article = format!("bai-{a}");
        let (total, count): (u64, u64) = db
            .query_row(
                "SELECT COALESCE(SUM(stars), 0), COUNT(*) FROM votes WHERE slug = ?1",
                [&article],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let answer = get(
            &restarted.address,
            &format!("articles/{article}/ratings"),
            "10.9.9.9",
        );
        assert_eq!(
            answer.json(),
            serde_json::json!({ "total": total, "count": count })
        );
    }
    println!(
        "kill -9 after {KILL_AT} answers: {} acknowledged, {committed} committed, none lost",
        acknowledged.len()
    );
    drop(restarted);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_same_vote_sent_at_once_twenty_times_counts_once() {
    let dir = temp_dir("retry");
    let counter = Counter::start(&["--store", &sqlite_store(&dir)]);
    let address = counter.address.clone();
    let answers: Vec<_> = (0..20)
        .map(|_| {
            let address = address.clone();
            thread::spawn(move || {
                post(
                    &address,
                    "articles/bai/ratings",
                    &vote(4, "cung-mot-phieu"),
                    "",
                )
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|t| t.join().unwrap())
        .collect();
    for answer in answers {
        assert_eq!(
            (answer.status, answer.json()),
            (200, serde_json::json!({ "total": 4, "count": 1 }))
        );
    }
    let next = post(
        &address,
        "articles/bai/ratings",
        &vote(2, "phieu-thu-hai"),
        "",
    );
    assert_eq!(next.json(), serde_json::json!({ "total": 6, "count": 2 }));
    drop(counter);
    let _ = std::fs::remove_dir_all(dir);
}

/// The embedded endpoint's first article: its slug and its document.
fn an_embedded_article() -> (String, serde_json::Value) {
    let list: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(embedded_api().join("articles.json")).unwrap(),
    )
    .unwrap();
    let slug = list["articles"][0]["slug"].as_str().unwrap().to_string();
    let document =
        std::fs::read_to_string(embedded_api().join(format!("articles/{slug}.json"))).unwrap();
    (slug, serde_json::from_str(&document).unwrap())
}

/// The service on a SQLite file in `dir`, checking slugs against the
/// embedded endpoint, with `flags`.
fn on_embedded_endpoint(dir: &std::path::Path, flags: &[&str]) -> Counter {
    let (store, api) = (sqlite_store(dir), embedded_api());
    let mut args = vec!["--store", &store, "--endpoint", api.to_str().unwrap()];
    args.extend_from_slice(flags);
    Counter::start(&args)
}

#[test]
fn hostile_requests_get_a_clear_4xx_and_write_nothing() {
    let dir = temp_dir("hostile");
    let counter = on_embedded_endpoint(&dir, &["--allow-origin", "https://portal.example.vn"]);
    let a = counter.address.as_str();
    let (slug, document) = an_embedded_article();
    let ratings = format!("/articles/{slug}/ratings");
    let json = "content-type: application/json";
    let good = vote(5, "abcdefgh12");
    let big = format!(
        r#"{{"stars":5,"vote_id":"abcdefgh12","x":"{}"}}"#,
        "x".repeat(2_000)
    );
    // (request line, headers, body, status): a content-length is added
    // for the body unless the headers say chunked.
    let chunked = format!("{:x}\r\n{big}\r\n0\r\n\r\n", big.len());
    let post_ratings = format!("POST {ratings} HTTP/1.1");
    let cases: Vec<(String, String, &[u8], u16)> = vec![
        (
            post_ratings.clone(),
            json.into(),
            &br#"{"stars":0,"vote_id":"abcdefgh12"}"#[..26],
            400,
        ),
        (
            post_ratings.clone(),
            json.into(),
            br#"{"stars":0,"vote_id":"abcdefgh12"}"#,
            422,
        ),
        (
            post_ratings.clone(),
            json.into(),
            br#"{"stars":6,"vote_id":"abcdefgh12"}"#,
            422,
        ),
        (
            post_ratings.clone(),
            json.into(),
            br#"{"stars":4.5,"vote_id":"abcdefgh12"}"#,
            422,
        ),
        (
            post_ratings.clone(),
            json.into(),
            br#"{"stars":"5","vote_id":"abcdefgh12"}"#,
            422,
        ),
        (
            post_ratings.clone(),
            json.into(),
            br#"{"stars":5,"vote_id":"ngan"}"#,
            422,
        ),
        (post_ratings.clone(), json.into(), br#"{"stars":5}"#, 422),
        (post_ratings.clone(), json.into(), b"not json!", 400),
        (post_ratings.clone(), json.into(), b"", 400),
        (
            post_ratings.clone(),
            "content-type: text/plain".into(),
            good.as_bytes(),
            415,
        ),
        (
            post_ratings.clone(),
            "x-nothing: 1".into(),
            good.as_bytes(),
            415,
        ),
        (
            post_ratings.clone(),
            "content-type: application/x-www-form-urlencoded".into(),
            b"stars=5",
            415,
        ),
        (post_ratings.clone(), json.into(), big.as_bytes(), 413),
        (
            post_ratings.clone(),
            format!("{json}\ntransfer-encoding: chunked"),
            chunked.as_bytes(),
            413,
        ),
        (
            "POST /articles/khong-co-bai-nay/ratings HTTP/1.1".into(),
            json.into(),
            good.as_bytes(),
            404,
        ),
        (
            "POST /articles/Khong-Hop-Le/ratings HTTP/1.1".into(),
            json.into(),
            good.as_bytes(),
            404,
        ),
        (
            "POST /articles/..%2f..%2fetc%2fpasswd/ratings HTTP/1.1".into(),
            json.into(),
            good.as_bytes(),
            404,
        ),
        (
            "GET /articles/khong-co-bai-nay/ratings HTTP/1.1".into(),
            String::new(),
            b"",
            404,
        ),
        (
            post_ratings.clone(),
            format!("origin: https://evil.example\n{json}"),
            good.as_bytes(),
            403,
        ),
        (
            format!("OPTIONS {ratings} HTTP/1.1"),
            "origin: https://evil.example\naccess-control-request-method: POST".into(),
            b"",
            403,
        ),
        (
            format!("PUT {ratings} HTTP/1.1"),
            json.into(),
            good.as_bytes(),
            405,
        ),
        (
            "POST /stats/hit HTTP/1.1".into(),
            json.into(),
            br#"{"path":"bai-viet/x"}"#,
            422,
        ),
        (
            "POST /stats/hit HTTP/1.1".into(),
            "content-type: text/plain".into(),
            br#"{"path":"/"}"#,
            415,
        ),
        ("GET /config.php HTTP/1.1".into(), String::new(), b"", 404),
        (
            format!("GET /articles/{slug}.json HTTP/1.1"),
            String::new(),
            b"",
            404,
        ),
    ];
    for (line, headers, body, status) in &cases {
        let mut head = format!("{line}\nhost: {a}");
        if !headers.is_empty() {
            head.push_str(&format!("\n{headers}"));
        }
        if !headers.contains("chunked") && !line.starts_with("GET") && !line.starts_with("OPTIONS")
        {
            head.push_str(&format!("\ncontent-length: {}", body.len()));
        }
        let answer = raw(a, &head, body);
        assert_eq!(answer.status, *status, "{head}\n{answer:?}");
        assert!(answer.json()["error"].is_string(), "{answer:?}");
        for inner in ["panicked", "src/", "rusqlite", "serde", "axum", "hyper"] {
            assert!(!answer.body.contains(inner), "{answer:?}");
        }
        assert_eq!(answer.header("access-control-allow-origin"), None, "{head}");
    }
    let db = Connection::open(dir.join("counts.sqlite")).unwrap();
    let rows = |table: &str| -> i64 {
        db.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!((rows("votes"), rows("articles")), (0, 0), "nothing written");

    // The allowed origin: asked first, then answered with its name.
    let preflight = raw(a, &format!("OPTIONS {ratings} HTTP/1.1\nhost: {a}\norigin: https://portal.example.vn\naccess-control-request-method: POST\naccess-control-request-headers: content-type"), b"");
    assert_eq!(preflight.status, 204);
    assert_eq!(
        preflight.header("access-control-allow-origin"),
        Some("https://portal.example.vn")
    );
    assert_eq!(
        preflight.header("access-control-allow-headers"),
        Some("content-type")
    );
    let counted = raw(a, &format!("POST {ratings} HTTP/1.1\nhost: {a}\norigin: https://portal.example.vn\n{json}\ncontent-length: {}", good.len()), good.as_bytes());
    assert_eq!(counted.status, 200, "{counted:?}");
    assert_eq!(
        counted.header("access-control-allow-origin"),
        Some("https://portal.example.vn")
    );
    // Counted on top of the endpoint's own figures.
    let total = document["rating"]["total"].as_u64().unwrap_or(0) + 5;
    let count = document["rating"]["count"].as_u64().unwrap_or(0) + 1;
    assert_eq!(
        counted.json(),
        serde_json::json!({ "total": total, "count": count })
    );

    // One address: its votes on one article are capped (10 a day), then
    // its requests (a burst of 120, 20 a second).
    let mut statuses = Vec::new();
    for n in 0..12 {
        statuses.push(
            post(
                a,
                ratings.trim_start_matches('/'),
                &vote(1, &format!("cap-vote-{n:02}")),
                "",
            )
            .status,
        );
    }
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        9,
        "{statuses:?}"
    );
    assert_eq!(statuses[11], 429);
    let mut limited = None;
    for _ in 0..200 {
        let answer = get(a, "stats.json", "");
        if answer.status == 429 {
            limited = Some(answer);
            break;
        }
    }
    let limited = limited.expect("a flood from one address is limited");
    assert_eq!(limited.header("retry-after"), Some("1"));
    drop(counter);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn page_views_count_visits_once_and_stats_are_live() {
    let dir = temp_dir("hits");
    let api = embedded_api();
    let counter = on_embedded_endpoint(&dir, &["--client-ip-header", "x-client-ip"]);
    let a = counter.address.as_str();
    let (slug, document) = an_embedded_article();
    let embedded: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(api.join("stats.json")).unwrap()).unwrap();
    let before = get(a, "stats.json", "10.3.0.1").json();
    assert_eq!(
        before["total"], embedded["total"],
        "the counts start from the endpoint's"
    );
    for client in ["10.3.0.1", "10.3.0.2", "10.3.0.3"] {
        for path in [
            format!("/bai-viet/{slug}"),
            "/".into(),
            format!("/bai-viet/{slug}"),
        ] {
            let answer = post(a, "stats/hit", &format!(r#"{{"path":"{path}"}}"#), client);
            assert_eq!(answer.status, 204, "{answer:?}");
        }
    }
    // A client's own line before the proxy's: the proxy's (last) counts,
    // an address already seen: no new visit.
    let spoofed = raw(
        a,
        &format!(
            "POST /stats/hit HTTP/1.1\nhost: {a}\ncontent-type: application/json\n\
             content-length: 12\nx-client-ip: 10.3.9.9\nx-client-ip: 10.3.0.1"
        ),
        br#"{"path":"/"}"#,
    );
    assert_eq!(spoofed.status, 204);
    // An article the endpoint does not have: a visit, no article row.
    post(
        a,
        "stats/hit",
        r#"{"path":"/bai-viet/khong-co-bai-nay"}"#,
        "10.3.0.4",
    );
    let after = get(a, "stats.json", "10.3.0.1").json();
    assert_eq!(after["today"], before["today"].as_u64().unwrap() + 4);
    assert_eq!(after["total"], before["total"].as_u64().unwrap() + 4);
    assert_eq!(after["online"], 4);
    let db = Connection::open(dir.join("counts.sqlite")).unwrap();
    let views: u64 = db
        .query_row("SELECT views FROM articles WHERE slug = ?1", [&slug], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(views, document["views"].as_u64().unwrap_or(0) + 3);
    let articles: u64 = db
        .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get(0))
        .unwrap();
    assert_eq!(articles, 1);
    drop(counter);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_endpoint_that_cannot_be_read_stops_the_start() {
    let dir = temp_dir("no-endpoint");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_portal-counter"))
        .args(["--listen", "127.0.0.1:0", "--store", &sqlite_store(&dir)])
        .args(["--endpoint", "/nonexistent/api"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--endpoint /nonexistent/api"), "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}
