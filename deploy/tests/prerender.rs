//! The pre-render end to end, natively, on the embedded endpoint and a
//! minimal shell: every route written, each with its own head, body and
//! embedded documents; a second run rewrites nothing and removes pages the
//! endpoint no longer has; a changed document rewrites its own page only.

mod common;

use common::{build, run};

/// A minified shell as trunk writes it (`404.html`), cut to what the
/// pre-render reads.
#[test]
fn every_route_is_written_once_and_again_only_when_it_changes() {
    let dist = build("prerender");
    let first = run(&dist, None).unwrap();
    assert_eq!(first.pages, 1 + 4 + 13, "{first}");
    assert!(first.written > first.pages, "pages, shells, feeds: {first}");
    assert!(
        first.skipped.is_empty() && first.warnings.is_empty(),
        "{first}"
    );

    let article = std::fs::read_to_string(
        dist.join("bai-viet/nong-dan-vung-cao-thu-hoach-che-shan-tuyet.html"),
    )
    .unwrap();
    assert!(article.contains("<title>Nông dân vùng cao thu hoạch chè Shan tuyết vụ cuối năm – Cổng thông tin điện tử tỉnh Sơn Hà</title>"));
    assert!(article.contains("<meta data-head property=\"og:url\" content=\"https://sonha.example.vn/tin/bai-viet/nong-dan-vung-cao-thu-hoach-che-shan-tuyet\">"));
    assert!(article.contains("<div id=\"app\" data-prerendered>"));
    assert!(
        article.contains("Người dân xã Tả Phìn hái chè vào buổi sáng sớm."),
        "the body"
    );
    assert!(
        article.contains("href=\"/tin/chuyen-muc/kinh-te\""),
        "links under the base path"
    );
    assert!(!article.contains("invalid"), "no placeholder");
    let data = portal_deploy::markup::embedded_data(&article).unwrap();
    assert!(!data.contains('<'));
    let data: portal_reader::api::PageData = portal_reader::api::decode_text(&data).unwrap();
    let paths: Vec<&str> = data.documents.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "articles.json",
            "articles/nong-dan-vung-cao-thu-hoach-che-shan-tuyet.json",
            "site.json",
            "stats.json"
        ]
    );
    assert_eq!(
        data.older.map(|s| s.slug).as_deref(),
        Some("thu-ngan-sach-chin-thang-dat-82-phan-tram")
    );

    let home = std::fs::read_to_string(dist.join("index.html")).unwrap();
    assert!(
        home.contains("<h1 class=\"page-title\">Tin mới nhất"),
        "home rendered"
    );
    assert_eq!(
        home.matches("class=\"card\"").count(),
        5,
        "the first page's five cards"
    );
    for file in [
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        "chuyen-muc/kinh-te.xml",
        "chuyen-muc/kinh-te.html",
    ] {
        assert!(dist.join(file).is_file(), "{file}");
    }
    let shell = std::fs::read_to_string(dist.join("404.html")).unwrap();
    assert!(
        shell.starts_with("<!doctype html><html lang=vi><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\""),
        "the shell gets the policy: {shell}"
    );
    for copy in ["bai-da-luu.html", "tim-kiem.html"] {
        assert_eq!(std::fs::read_to_string(dist.join(copy)).unwrap(), shell);
    }
    assert!(std::fs::read_to_string(dist.join("_headers"))
        .unwrap()
        .starts_with("/tin/*\n"));

    // Pages of a previous run (another endpoint, or articles taken down) go;
    // what the pre-render does not own stays.
    for stale in [
        "bai-viet/bai-da-go.html",
        "chuyen-muc/da-bo.html",
        "chuyen-muc/da-bo.xml",
    ] {
        std::fs::write(dist.join(stale), "old").unwrap();
    }
    std::fs::write(dist.join("bai-viet/ghi-chu.txt"), "the operator's").unwrap();
    let second = run(&dist, None).unwrap();
    assert_eq!(second.written, 0, "{second}");
    assert_eq!(second.removed, 3, "{second}");
    assert!(!dist.join("bai-viet/bai-da-go.html").exists());
    assert!(dist.join("bai-viet/ghi-chu.txt").exists());
    assert!(dist.join("chuyen-muc/kinh-te.xml").exists());

    // One article changes at the endpoint: its page is rewritten, and so is
    // nothing else.
    let path = dist.join("api/articles/giai-viet-da-chinh-phuc-dinh-pu-ta-leng.json");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("\"views\":", "\"views\": 1 , \"_views\":"),
    )
    .unwrap();
    let third = run(&dist, None).unwrap();
    assert_eq!((third.written, third.removed), (1, 0), "{third}");
    let _ = std::fs::remove_dir_all(&dist);
}
