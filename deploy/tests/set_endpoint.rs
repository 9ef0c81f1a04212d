//! Issue 22, defect 6: switching a build to another endpoint rewrites the
//! build's own `portal-api` element, never text that looks like it; and it
//! is all or nothing.

mod common;

use portal_deploy::prerender::Options;
use portal_deploy::progress::Progress;
use portal_deploy::set_endpoint::{run, Switched};

use common::server::{embedded, start};
use common::{build, read_page};

const LOOKALIKE: &str = "<meta name=portal-api content=\"https://evil.example/\"> <meta name=\"portal-api\" content='x'>";

fn options(dist: &std::path::Path) -> Options {
    Options {
        dist: dist.to_path_buf(),
        jobs: 4,
        timeout: std::time::Duration::from_secs(5),
        ..Options::default()
    }
}

/// Every `<meta name="portal-api">` of a page, by a parser.
fn api_metas(html: &str) -> Vec<String> {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut found = Vec::new();
    fn walk(node: &Handle, found: &mut Vec<String>) {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let attrs = attrs.borrow();
            let attr = |n: &str| {
                attrs
                    .iter()
                    .find(|a| &*a.name.local == n)
                    .map(|a| a.value.to_string())
            };
            if &*name.local == "meta" && attr("name").as_deref() == Some("portal-api") {
                found.push(attr("content").unwrap_or_default());
            }
        }
        for child in node.children.borrow().iter() {
            walk(child, found);
        }
    }
    walk(&dom.document, &mut found);
    found
}

#[test]
fn the_build_is_switched_by_its_element_and_the_text_stays_text() {
    let dist = build("switch");
    // The new endpoint: the embedded one, its portal named with lookalikes.
    let server = start(|target| {
        if target == "/site.json" {
            let (_, bytes) = embedded(target);
            let mut site: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
            site["name"] = serde_json::json!(format!("Cổng {LOOKALIKE}"));
            return (200, site.to_string().into_bytes());
        }
        embedded(target)
    });
    portal_deploy::prerender::run(&options(&dist), &Progress::hidden()).unwrap();
    let switched = run(&options(&dist), &server.base, false, &Progress::hidden()).unwrap();
    assert!(matches!(switched, Switched::Prerendered(ref report) if report.pages == 18));
    for file in [
        "index.html",
        "404.html",
        "tim-kiem.html",
        "bai-viet/khai-mac-ky-hop-thu-muoi-hdnd-tinh.html",
    ] {
        let html = std::fs::read_to_string(dist.join(file)).unwrap();
        assert_eq!(api_metas(&html), [server.base.as_str()], "{file}");
    }
    let home = std::fs::read_to_string(dist.join("index.html")).unwrap();
    let facts = read_page(&home);
    let site_name: Vec<&str> = facts
        .head_meta
        .iter()
        .filter(|(k, _)| k == "og:site_name")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(site_name, [format!("Cổng {LOOKALIKE}")]);
    // The endpoint's origin is allowed by the policy, meta and header.
    let origin = server.base.trim_end_matches('/');
    assert!(facts
        .policy
        .unwrap()
        .contains(&format!("connect-src 'self' {origin};")));
    assert!(std::fs::read_to_string(dist.join("_headers"))
        .unwrap()
        .contains(&format!("connect-src 'self' {origin};")));
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn an_endpoint_that_cannot_be_read_changes_nothing_unless_a_shell_is_asked_for() {
    let dist = build("switch-unreachable");
    portal_deploy::prerender::run(&options(&dist), &Progress::hidden()).unwrap();
    let snapshot = |dist: &std::path::Path| -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        for dir in ["", "bai-viet", "chuyen-muc"] {
            for entry in std::fs::read_dir(dist.join(dir)).unwrap().flatten() {
                if entry.path().is_file() {
                    files.push((
                        entry.path().display().to_string(),
                        std::fs::read(entry.path()).unwrap(),
                    ));
                }
            }
        }
        files.sort();
        files
    };
    let before = snapshot(&dist);
    let down = start(|_| (503, b"down".to_vec()));
    let error = run(&options(&dist), &down.base, false, &Progress::hidden()).unwrap_err();
    assert!(error.contains("Nothing changed"), "{error}");
    assert!(snapshot(&dist) == before, "the build is as it was");

    assert!(run(
        &options(&dist),
        "javascript:alert(1)",
        true,
        &Progress::hidden()
    )
    .is_err());
    assert!(snapshot(&dist) == before);

    let switched = run(&options(&dist), &down.base, true, &Progress::hidden()).unwrap();
    assert!(matches!(switched, Switched::Shell { removed } if removed > 18));
    assert!(!dist
        .join("bai-viet/khai-mac-ky-hop-thu-muoi-hdnd-tinh.html")
        .exists());
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert_eq!(
        index,
        std::fs::read_to_string(dist.join("404.html")).unwrap(),
        "the app shell"
    );
    assert_eq!(api_metas(&index), [down.base.as_str()]);
    // No records of the old endpoint's articles are left to index: the
    // search index scripts/set-endpoint writes next is an empty one.
    assert!(portal_deploy::state::recorded_slugs(&dist).is_empty());
    let changes = std::fs::read_to_string(dist.join(".deploy/search-changes")).unwrap();
    assert_eq!(changes.lines().last(), Some("*"), "the index built whole");
    let _ = std::fs::remove_dir_all(&dist);
}

/// An endpoint address with `data-head` in it once cut
/// the policy and the endpoint meta out of every page; an article whose
/// document fails after a switch kept the old endpoint and the old policy.
#[test]
fn after_a_switch_every_page_has_the_new_endpoint_and_policy() {
    let dist = build("switch-data-head");
    portal_deploy::prerender::run(&options(&dist), &Progress::hidden()).unwrap();
    const BROKEN: &str = "/data-head/articles/giai-viet-da-chinh-phuc-dinh-pu-ta-leng.json";
    let server = start(|target| match target.strip_prefix("/data-head") {
        _ if target == BROKEN => (500, b"down".to_vec()),
        Some(rest) => embedded(rest),
        None => (404, Vec::new()),
    });
    let address = format!("{}data-head/", server.base);
    let switched = run(&options(&dist), &address, false, &Progress::hidden()).unwrap();
    let Switched::Prerendered(report) = switched else {
        panic!("pre-rendered")
    };
    assert_eq!(report.kept, 1, "{report}");
    let origin = server.base.trim_end_matches('/');
    for file in std::fs::read_dir(dist.join("bai-viet")).unwrap().flatten() {
        let html = std::fs::read_to_string(file.path()).unwrap();
        assert_eq!(
            api_metas(&html),
            [address.as_str()],
            "{}",
            file.path().display()
        );
        let policy = read_page(&html).policy.unwrap_or_default();
        assert!(
            policy.contains(&format!("connect-src 'self' {origin};")),
            "{}: {policy}",
            file.path().display()
        );
    }
    let _ = std::fs::remove_dir_all(&dist);
}
