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
    // Its own document and site.json: nothing that changes with every new
    // article or every day (the sidebar's "Tin mới" and statistics, which
    // the app fetches), so a page is written again only when it changes.
    assert_eq!(
        paths,
        [
            "articles/nong-dan-vung-cao-thu-hoach-che-shan-tuyet.json",
            "site.json",
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

/// Every file of a build but the run's own state, by path under it.
fn files_of(dist: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(
        root: &std::path::Path,
        dir: &std::path::Path,
        out: &mut std::collections::BTreeMap<String, Vec<u8>>,
    ) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            if name == portal_deploy::state::STATE_DIR || name == "api" {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dist, dist, &mut out);
    out
}

/// Edits the endpoint under `api`: `edit` renamed, `added` the newest article
/// of its category, `removed` gone from the lists and the endpoint.
fn change_endpoint(api: &std::path::Path, edit: &str, added: &str, removed: &str) {
    use serde_json::{json, Value};
    let read = |file: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(api.join(file)).unwrap()).unwrap()
    };
    let write =
        |file: &str, value: &Value| std::fs::write(api.join(file), value.to_string()).unwrap();
    let mut doc = read(&format!("articles/{edit}.json"));
    doc["title"] = json!("Tên mới của bài");
    write(&format!("articles/{edit}.json"), &doc);
    for list in ["articles.json", "articles-2.json", "articles-3.json"] {
        let mut page = read(list);
        let entries = page["articles"].as_array_mut().unwrap();
        entries.retain(|entry| entry["slug"] != removed);
        for entry in entries.iter_mut().filter(|entry| entry["slug"] == edit) {
            entry["title"] = json!("Tên mới của bài");
        }
        if list == "articles.json" {
            entries.insert(
                0,
                json!({"slug": added, "title": "Bài vừa thêm", "category": "kinh-te", "published_at": "2026-11-30T08:00:00+07:00"}),
            );
        }
        write(list, &page);
    }
    write(
        &format!("articles/{added}.json"),
        &json!({"slug": added, "title": "Bài vừa thêm", "category": "kinh-te",
                "published_at": "2026-11-30T08:00:00+07:00", "body_html": "<p>Nội dung mới.</p>",
                "related": [edit]}),
    );
    std::fs::remove_file(api.join(format!("articles/{removed}.json"))).unwrap();
}

/// A refresh after one article is edited, one added and one removed writes
/// exactly the files a whole render of the new endpoint changes, renders
/// no page it does not write, and ends where that whole render ends.
#[test]
fn a_refresh_writes_exactly_what_changed() {
    let dist = build("refresh");
    let first = run(&dist, None).unwrap();
    assert_eq!(first.records, 13, "{first}");
    let before = files_of(&dist);
    change_endpoint(
        &dist.join("api"),
        "truong-ban-tru-don-hoc-sinh-ve-khu-noi-tru-moi",
        "bai-vua-them",
        "hop-tac-xa-duoc-lieu-xuat-lo-sam-dau-tien",
    );
    let refresh = run(&dist, None).unwrap();
    let after = files_of(&dist);

    // The same endpoint, rendered whole into a build of its own.
    let whole = build("refresh-whole");
    let _ = std::fs::remove_dir_all(whole.join("api"));
    common::copy_dir(&dist.join("api"), &whole.join("api"));
    run(&whole, None).unwrap();
    assert!(
        after == files_of(&whole),
        "a refresh ends where a whole render does"
    );
    let records = |dist: &std::path::Path| files_of(&dist.join(portal_deploy::state::RECORDS_PATH));
    assert!(
        records(&dist) == records(&whole),
        "and so do the search records"
    );
    assert_eq!(records(&dist).len(), 13);

    let changed: std::collections::BTreeSet<&String> = after
        .iter()
        .filter(|(file, text)| before.get(*file) != Some(text))
        .map(|(file, _)| file)
        .collect();
    let written: std::collections::BTreeSet<&String> = refresh.written_files.iter().collect();
    assert_eq!(written, changed, "{refresh}");
    let pages = |files: &std::collections::BTreeSet<&String>| {
        files
            .iter()
            .filter(|f| {
                f.ends_with(".html") && !portal_deploy::prerender::SHELLS.contains(&f.as_str())
            })
            .count()
    };
    assert_eq!(
        refresh.rendered,
        pages(&written),
        "every page rendered was one that changed: {refresh}"
    );
    for file in [
        "bai-viet/truong-ban-tru-don-hoc-sinh-ve-khu-noi-tru-moi.html",
        "bai-viet/bai-vua-them.html",
        "index.html",
        "feed.xml",
        "sitemap.xml",
        "chuyen-muc/kinh-te.xml",
    ] {
        assert!(written.contains(&file.to_string()), "{file}: {written:?}");
    }
    assert!(
        !written.contains(&"bai-viet/khai-mac-ky-hop-thu-muoi-hdnd-tinh.html".to_string()),
        "an article the changes do not touch: {written:?}"
    );
    assert!(pages(&written) < 13, "{written:?}");
    assert!(!dist
        .join("bai-viet/hop-tac-xa-duoc-lieu-xuat-lo-sam-dau-tien.html")
        .exists());
    // The search index is told what changed, and only that.
    let changes = std::fs::read_to_string(dist.join(".deploy/search-changes")).unwrap();
    let listed: Vec<&str> = changes
        .lines()
        .skip_while(|line| *line != "*")
        .skip(14)
        .collect();
    assert_eq!(
        listed,
        [
            "+bai-vua-them",
            "+truong-ban-tru-don-hoc-sinh-ve-khu-noi-tru-moi",
            "-hop-tac-xa-duoc-lieu-xuat-lo-sam-dau-tien"
        ]
    );
    assert_eq!(refresh.records, 2, "{refresh}");

    // Nothing changed: nothing rendered, nothing written.
    let again = run(&dist, None).unwrap();
    assert_eq!(
        (again.rendered, again.written, again.records),
        (0, 0, 0),
        "{again}"
    );
    // What every page shows changes (the portal's name, in site.json):
    // every page is rendered again.
    let site = dist.join("api/site.json");
    let text = std::fs::read_to_string(&site).unwrap();
    std::fs::write(&site, text.replacen("tỉnh Sơn Hà", "tỉnh Sơn Hà mới", 1)).unwrap();
    let renamed = run(&dist, None).unwrap();
    assert_eq!(renamed.rendered, renamed.pages, "{renamed}");
    assert!(renamed.written >= renamed.pages, "{renamed}");
    let _ = std::fs::remove_dir_all(&dist);
    let _ = std::fs::remove_dir_all(&whole);
}

/// A sitemap of more URLs than one file may list is an index of files that
/// each list at most that many, every page once (at a small size here: the
/// protocol's limit is 50 000).
#[test]
fn a_large_sitemap_is_split_into_an_index_of_parts() {
    let dist = build("sitemap-parts");
    let options = portal_deploy::prerender::Options {
        dist: dist.clone(),
        sitemap_limit: 5,
        ..Default::default()
    };
    let progress = portal_deploy::progress::Progress::hidden();
    portal_deploy::prerender::run(&options, &progress).unwrap();
    let text = |file: &str| std::fs::read_to_string(dist.join(file)).unwrap();
    let index = text("sitemap.xml");
    let index = roxmltree::Document::parse(&index).unwrap();
    assert_eq!(index.root_element().tag_name().name(), "sitemapindex");
    let mut urls = Vec::new();
    for loc in index.descendants().filter(|n| n.has_tag_name("loc")) {
        let file = loc.text().unwrap().rsplit('/').next().unwrap().to_string();
        let part = text(&file);
        let part = roxmltree::Document::parse(&part).unwrap();
        assert_eq!(part.root_element().tag_name().name(), "urlset");
        let locs: Vec<String> = part
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .map(|n| n.text().unwrap().to_string())
            .collect();
        assert!(locs.len() <= 5, "{file}: {}", locs.len());
        urls.extend(locs);
    }
    let count = urls.len();
    urls.sort();
    urls.dedup();
    assert_eq!((count, urls.len()), (1 + 4 + 13, 1 + 4 + 13));
    assert!(text("robots.txt").contains("/tin/sitemap.xml"));
    // Back to one file: the parts go.
    portal_deploy::prerender::run(
        &portal_deploy::prerender::Options {
            dist: dist.clone(),
            ..Default::default()
        },
        &progress,
    )
    .unwrap();
    assert!(portal_deploy::site_files::sitemap_parts_in(&dist).is_empty());
    let _ = std::fs::remove_dir_all(&dist);
}
