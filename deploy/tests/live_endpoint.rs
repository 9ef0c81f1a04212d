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
        timeout: Duration::from_secs(timeout),
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
        articles: 1_000,
    };
    let report = prerender(&dist, &endless.base, limits, 5).unwrap();
    assert!(!report.complete, "{report}");
    let asked = |server: &common::server::Server| {
        server
            .asked
            .lock()
            .unwrap()
            .iter()
            .filter(|t| t.contains("articles-"))
            .count()
    };
    assert_eq!(
        asked(&endless),
        39,
        "articles.json and 39 more: 40 list pages"
    );
    assert!(
        report
            .skipped
            .join("\n")
            .contains("more than 40 list pages"),
        "{:#?}",
        report.skipped
    );
    // The article limit stops the walk too: no list page is read past it.
    endless.asked.lock().unwrap().clear();
    let limits = Limits {
        list_pages: 40,
        articles: 25,
    };
    let report = prerender(&dist, &endless.base, limits, 5).unwrap();
    assert!(!report.complete && report.removed == 0, "{report}");
    assert_eq!(
        asked(&endless),
        26,
        "the page that brought the 26th article is the last"
    );
    assert!(
        report.skipped.join("\n").contains("after the first 25"),
        "{:#?}",
        report.skipped
    );
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

/// A `next` written as a path from the host's root
/// or as a full address is followed like a relative one; a `next` to
/// another host ends the walk, and then no page is removed.
#[test]
fn a_next_is_followed_as_the_app_follows_it_and_pages_stay_when_it_cannot_be() {
    let dist = build("next-forms");
    assert_eq!(common::run(&dist, None).unwrap().pages, 18);
    // Serves the embedded endpoint with `next` of the first two list pages
    // replaced by what `nexts` says.
    let with_nexts = |nexts: [String; 2]| {
        start(move |target| {
            let (status, bytes) = embedded(target);
            let which = ["/articles.json", "/articles-2.json"]
                .iter()
                .position(|p| *p == target);
            match which {
                Some(at) => {
                    let mut list: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
                    list["next"] = serde_json::json!(nexts[at]);
                    (status, list.to_string().into_bytes())
                }
                None => (status, bytes),
            }
        })
    };
    let elsewhere = start(embedded);
    let leaves = with_nexts([
        "/articles-2.json".into(),
        format!("{}articles-3.json", elsewhere.base),
    ]);
    let report = prerender(&dist, &leaves.base, Limits::default(), 5).unwrap();
    assert!(!report.complete && report.removed == 0, "{report}");
    assert!(
        report
            .skipped
            .iter()
            .any(|s| s.contains("not a page under")),
        "{:#?}",
        report.skipped
    );
    assert_eq!(
        std::fs::read_dir(dist.join("bai-viet")).unwrap().count(),
        13,
        "every page stays"
    );
    assert!(
        elsewhere.asked.lock().unwrap().is_empty(),
        "another host is never asked"
    );

    let own = with_nexts(["/articles-2.json".into(), "./articles-3.json".into()]);
    let report = prerender(&dist, &own.base, Limits::default(), 5).unwrap();
    assert!(report.complete, "{report}\n{:#?}", report.skipped);
    assert_eq!(report.pages, 18);
    // A full address of the same endpoint: its own page.
    let me = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
    let mine = me.clone();
    let full = start(move |target| {
        let (status, bytes) = embedded(target);
        if target == "/articles.json" {
            let mut list: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            list["next"] = serde_json::json!(format!("{}articles-2.json", mine.lock().unwrap()));
            return (status, list.to_string().into_bytes());
        }
        (status, bytes)
    });
    *me.lock().unwrap() = full.base.clone();
    let report = prerender(&dist, &full.base, Limits::default(), 5).unwrap();
    assert!(report.complete, "{report}\n{:#?}", report.skipped);
    let _ = std::fs::remove_dir_all(&dist);
}
