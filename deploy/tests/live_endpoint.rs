//! Issue 22, defects 4 and 5: a live endpoint over HTTP that fails, stalls,
//! sends too much or never ends. Each answer comes from a real server on
//! loopback; the pre-render keeps what it can and stops where it must.

mod common;

use std::time::Duration;

use portal_deploy::endpoint::Limits;
use portal_deploy::prerender::{run, Options, Report};
use portal_deploy::progress::Progress;

use common::build;
use common::server::{embedded, start};

fn prerender(
    dist: &std::path::Path,
    base: &str,
    limits: Limits,
    timeout: u64,
) -> Result<Report, String> {
    let options = Options {
        dist: dist.to_path_buf(),
        endpoint: Some(base.to_string()),
        limits,
        jobs: 8,
        timeout: Some(Duration::from_secs(timeout)),
        ..Options::default()
    };
    run(&options, &Progress::hidden())
}

const BROKEN: &str = "/articles/giai-viet-da-chinh-phuc-dinh-pu-ta-leng.json";
const SLOW: &str = "/articles/le-hoi-gau-tao-la-di-san-van-hoa-phi-vat-the.json";
const HUGE: &str = "/articles/hoi-dap-ho-tro-nha-o-3-cung-2026.json";

#[test]
fn failing_stalling_and_oversized_answers_cost_their_own_page_only() {
    let dist = build("live");
    let healthy = start(embedded);
    let first = prerender(&dist, &healthy.base, Limits::default(), 30).unwrap();
    assert!(first.skipped.is_empty(), "{:#?}", first.skipped);
    assert_eq!(first.pages, 18);

    let sick = start(|target| match target {
        BROKEN => (500, b"Internal Server Error".to_vec()),
        SLOW => {
            std::thread::sleep(Duration::from_secs(3));
            embedded(target)
        }
        HUGE => (200, vec![b' '; 6 * 1024 * 1024]),
        _ => embedded(target),
    });
    let second = prerender(&dist, &sick.base, Limits::default(), 1).unwrap();
    let skipped = second.skipped.join("\n");
    assert_eq!(second.kept, 3, "{second}\n{skipped}");
    assert!(skipped.contains("HTTP 500"), "{skipped}");
    assert!(skipped.contains("larger than 5 MB"), "{skipped}");
    assert!(
        skipped.to_lowercase().contains("timeout") || skipped.contains("timed out"),
        "{skipped}"
    );
    for page in [BROKEN, SLOW, HUGE] {
        let file = page
            .replace("/articles/", "bai-viet/")
            .replace(".json", ".html");
        assert!(dist.join(&file).is_file(), "{file} kept");
    }
    assert_eq!(second.removed, 0);
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn an_endpoint_that_never_ends_is_followed_only_so_far() {
    let dist = build("endless");
    // Every list page names one more; each article is the same one.
    let endless = start(|target| {
        if target == "/site.json" {
            return embedded(target);
        }
        if let Some(n) = target
            .strip_prefix("/articles-")
            .and_then(|t| t.strip_suffix(".json"))
        {
            let n: u64 = n.parse().unwrap_or(0);
            let list = serde_json::json!({
                "articles": [{ "slug": format!("bai-{n}"), "title": "T", "published_at": "2026-11-26" }],
                "next": format!("articles-{}.json", n + 1),
            });
            return (200, list.to_string().into_bytes());
        }
        if target == "/articles.json" {
            return (200, br#"{"articles":[],"next":"articles-1.json"}"#.to_vec());
        }
        (404, b"{}".to_vec())
    });
    let limits = Limits {
        list_pages: 40,
        articles: 25,
    };
    let report = prerender(&dist, &endless.base, limits, 5).unwrap();
    assert!(!report.complete, "{report}");
    assert_eq!(
        endless
            .asked
            .lock()
            .unwrap()
            .iter()
            .filter(|t| t.contains("articles-"))
            .count(),
        39
    );
    let skipped = report.skipped.join("\n");
    assert!(skipped.contains("more than 40 list pages"), "{skipped}");
    assert!(skipped.contains("after the first 25"), "{skipped}");
    let _ = std::fs::remove_dir_all(&dist);
}

/// `curl` read `?p=[1-999999999]` as a range of a billion addresses; an HTTP
/// client asks for the one address the app would.
#[test]
fn a_next_address_is_one_address() {
    let dist = build("globbing");
    let server = start(|target| match target {
        "/articles.json" => (
            200,
            br#"{"articles":[],"next":"articles.json?p=[1-999999999]"}"#.to_vec(),
        ),
        t if t.starts_with("/articles.json?p=") => (200, br#"{"articles":[]}"#.to_vec()),
        t => embedded(t),
    });
    let report = prerender(&dist, &server.base, Limits::default(), 5).unwrap();
    assert!(report.complete, "{report}");
    let asked = server.asked.lock().unwrap();
    let lists: Vec<&String> = asked
        .iter()
        .filter(|t| t.starts_with("/articles.json"))
        .collect();
    assert_eq!(lists.len(), 2, "{lists:?}");
    let _ = std::fs::remove_dir_all(&dist);
}

/// Nothing usable: an error, and the build as it was.
#[test]
fn an_endpoint_that_answers_nothing_usable_changes_nothing() {
    let dist = build("unusable");
    let server = start(|target| match target {
        "/site.json" => (503, b"busy".to_vec()),
        t => embedded(t),
    });
    let before = std::fs::read_to_string(dist.join("404.html")).unwrap();
    assert!(prerender(&dist, &server.base, Limits::default(), 5)
        .unwrap_err()
        .contains("HTTP 503"));
    assert_eq!(
        std::fs::read_to_string(dist.join("404.html")).unwrap(),
        before
    );
    assert!(!dist.join("bai-viet").exists());
    let _ = std::fs::remove_dir_all(&dist);
}
