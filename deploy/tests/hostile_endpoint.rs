//! Issue 22: the deploy step against a hostile endpoint. Every head field,
//! date and body carries markup, a place of the page (`<div id=app></div>`,
//! `</head>`), script text for the policy to pick up, characters XML cannot
//! carry; some documents are broken. The pre-render must keep every page it
//! can, and every file it writes, read back by a real parser (html5ever,
//! roxmltree), must hold no markup of the endpoint's: one `#app`, only the
//! template's scripts, only the template's hashes in the policy, well-formed
//! XML with no element of the endpoint's.

mod common;

use std::path::Path;

use portal_deploy::prerender::prepare;
use serde_json::json;

use common::{build, page_problems, read_page, run};

/// Text that tries every way out of every place it is written.
const HOSTILE: &str = "<div id=app></div><script>alert(1)</script></title></head>\"'><img src=x onerror=alert(2)>]]><!><!--";
/// The same in a body, without the comment that would swallow the rest.
const BODY: &str =
    "<div id=app></div><script>alert(1)</script></title></head>\"'><img src=x onerror=alert(2)>]]>";
/// A date that tries to leave `<updated>`.
const DATE: &str = "2026-11-26T09:30:00+07:00</updated><x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(3)</x:script>";

fn write(dir: &Path, file: &str, value: &serde_json::Value) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, value.to_string()).unwrap();
}

/// The hostile endpoint, in `api/` of the build (the build's own).
fn hostile_endpoint(dist: &Path, site_url: &str) {
    let api = dist.join("api");
    std::fs::remove_dir_all(&api).unwrap();
    write(
        &api,
        "site.json",
        &json!({
            "name": format!("Cổng {HOSTILE} \u{FFFE}\u{1}"),
            "lang": "vi",
            "site_url": site_url,
            "categories": [
                { "slug": "thoi-su", "name": format!("Thời sự {HOSTILE}") },
                { "slug": "Hoa-Thuong", "name": "Upper case: not a slug" },
                { "slug": "con", "name": "A device name on Windows" },
            ],
        }),
    );
    // One summary with a real date, the others with one that tries to leave.
    let summary = |slug: &str| {
        json!({
            "slug": slug,
            "title": format!("Tin {slug} {HOSTILE}"),
            "summary": format!("<script>alert(4)</script> {HOSTILE}"),
            "category": "thoi-su",
            "published_at": if slug == "mot" { "2026-11-26T09:30:00+07:00" } else { DATE },
            "author": HOSTILE,
            "thumbnail": { "src": "images/a.svg", "alt": HOSTILE },
        })
    };
    write(
        &api,
        "articles.json",
        &json!({
            "articles": [summary("mot"), summary("hai"), summary("ba"), summary("bon"), summary("Nam"), summary("nul")],
            "next": "articles-2.json",
        }),
    );
    // A `next` that comes back to itself ends the walk.
    write(
        &api,
        "articles-2.json",
        &json!({ "articles": [summary("sau")], "next": "articles-2.json" }),
    );
    let article = |slug: &str| {
        json!({
            "slug": slug,
            "title": format!("{HOSTILE} {slug}"),
            "summary": format!("<div id=app></div><script>alert(5)</script> {HOSTILE}"),
            "category": "thoi-su",
            "published_at": DATE,
            "updated_at": "2026-11-26T09:30:0é",
            "author": HOSTILE,
            "source": HOSTILE,
            "cover": { "src": "images/a.svg", "alt": HOSTILE, "caption": HOSTILE },
            "body_html": format!(
                "<p id=\"app\">{BODY}</p><p><img src=\"images/b.svg\" alt=\"<script>alert(6)</script>\"></p>\
                 <p><a href=\"#chu-thich-1\">[1]</a> <a href=\"#\">lên đầu</a></p>\
                 <svg><script>alert(7)</script></svg><p id=\"chu-thich-1\">Chú thích</p>\
                 <p><a href=\"javascript:alert(10)\">j</a> <a href=\" data:text/html,x\">d</a> \
                 <img src=\"data:image/png;base64,AA\" alt=\"\"> <a href=\"https://sonha.example.vn/tin/bai-viet/mot#chu-thich-1\">[1]</a></p>"
            ),
            "tags": [HOSTILE, "<script>alert(8)</script>"],
            "views": 12,
            "rating": { "total": 9, "count": 2 },
            "related": ["hai", "<script>"],
        })
    };
    write(&api, "articles/mot.json", &article("mot"));
    write(&api, "articles/sau.json", &article("sau"));
    // What the browser's JSON.parse takes and serde_json refuses: a lone
    // surrogate (read as U+FFFD, as the browser does).
    let lone = article("hai")
        .to_string()
        .replace("\"title\":\"", "\"title\":\"\\ud800");
    std::fs::write(api.join("articles/hai.json"), lone).unwrap();
    // Bytes that are not UTF-8 (read with U+FFFD, as the browser does).
    let mut bytes = article("ba")
        .to_string()
        .replace("\"title\":\"", "\"title\":\"\u{0}")
        .into_bytes();
    let at = bytes.iter().position(|b| *b == 0).unwrap();
    bytes[at] = 0xFF;
    std::fs::write(api.join("articles/ba.json"), bytes).unwrap();
    // Broken: not JSON at all.
    std::fs::write(
        api.join("articles/bon.json"),
        "{\"slug\": \"bon\", <script>",
    )
    .unwrap();
}

fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() && !path.ends_with("api") {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

/// A policy's hash of a script, as a browser computes it.
fn policy_hash(script: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(Sha256::digest(script.as_bytes()))
    )
}

/// The inline scripts of a page from the fixture's shell, as the test
/// states them: the pre-paint script, the print script (the print note's),
/// the wasm's fetch after the first paint, and trunk's loader taking that
/// response.
fn expected_scripts() -> Vec<String> {
    vec![
        "x()".to_string(),
        "z()".to_string(),
        "window.portalWasm = new Promise(function (go) { requestAnimationFrame(function () { setTimeout(go); }); setTimeout(go, 1000); }).then(function () { return fetch(\"/tin/x_bg.wasm\"); });".to_string(),
        "import init from '/tin/x.js';\nconst wasm = await init({ module_or_path: window.portalWasm || '/tin/x_bg.wasm' });".to_string(),
    ]
}

fn check_build(dist: &Path) {
    let prepared = prepare(dist, None, &portal_deploy::shell::CounterChange::Keep, None).unwrap();
    let template_scripts = expected_scripts();
    assert_eq!(prepared.template.inline_code().scripts, template_scripts);
    let policy = prepared.page_policy.meta_text();
    let mut pages = Vec::new();
    files(dist, "html", &mut pages);
    // The shells are the build's own, untouched by the endpoint.
    for shell in portal_deploy::prerender::SHELLS {
        assert_eq!(
            std::fs::read_to_string(dist.join(shell)).unwrap(),
            prepared.shell.html()
        );
    }
    pages.retain(|page| {
        !portal_deploy::prerender::SHELLS
            .iter()
            .any(|shell| page.ends_with(shell))
    });
    assert!(pages.len() >= 4, "{pages:?}");
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let problems = page_problems(&html, &template_scripts, &policy);
        assert!(problems.is_empty(), "{}: {problems:#?}", page.display());
        assert!(
            !html.contains("portal-prerender.invalid"),
            "{}",
            page.display()
        );
    }
    // The policy allows the template's scripts and styles, nothing else.
    let hashes = |text: &str| -> Vec<String> {
        text.split([' ', ';'])
            .filter(|w| w.starts_with("'sha256-"))
            .map(str::to_string)
            .collect()
    };
    let headers = std::fs::read_to_string(dist.join("_headers")).unwrap();
    let expected = hashes(&prepared.policy.header_text());
    assert_eq!(hashes(&headers), expected);
    // Each page's meta: the page template's code, nothing else.
    let mut own: Vec<String> = template_scripts.iter().map(|s| policy_hash(s)).collect();
    own.dedup();
    assert_eq!(hashes(&policy), own);
    // The shell's code and the page template's, each once.
    let mut code = prepared.shell.inline_code();
    let template = prepared.template.inline_code();
    code.scripts.extend(template.scripts);
    code.styles.extend(template.styles);
    code.scripts.sort();
    code.scripts.dedup();
    code.styles.sort();
    code.styles.dedup();
    assert_eq!(
        expected.len(),
        code.scripts.len() + code.styles.len(),
        "{expected:?}"
    );

    let mut xml = Vec::new();
    files(dist, "xml", &mut xml);
    for file in &xml {
        let text = std::fs::read_to_string(file).unwrap();
        let doc =
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for node in doc.descendants().filter(|n| n.is_element()) {
            let ns = node.tag_name().namespace().unwrap_or_default();
            assert!(
                ns == "http://www.w3.org/2005/Atom"
                    || ns == "http://www.sitemaps.org/schemas/sitemap/0.9",
                "{}: <{:?}>",
                file.display(),
                node.tag_name()
            );
        }
    }
}

#[test]
fn a_hostile_endpoint_gives_pages_with_no_markup_of_its_own() {
    let dist = build("hostile");
    hostile_endpoint(&dist, "https://sonha.example.vn/");
    let report = run(&dist, None).unwrap();
    // The pages it could write: home, the category, four articles (mot,
    // sau, and the two read as the browser reads them).
    assert_eq!(report.pages, 1 + 1 + 4, "{report}\n{:#?}", report.skipped);
    let skipped = report.skipped.join("\n");
    for named in [
        "articles/bon.json",
        "slug \"Nam\"",
        "slug \"nul\"",
        "slug \"Hoa-Thuong\"",
        "slug \"con\"",
        "articles-2.json",
    ] {
        assert!(skipped.contains(named), "{named} in {skipped}");
    }
    assert!(
        report.complete,
        "a `next` back to itself is the end of the lists"
    );
    check_build(&dist);
    // Issue 26: each article's print note says the hostile name as text and
    // leads back to exactly its address.
    assert_eq!(common::print::check_print_notes(&dist, "/tin"), 4);

    let article = std::fs::read_to_string(dist.join("bai-viet/mot.html")).unwrap();
    let facts = read_page(&article);
    assert_eq!(facts.title, [format!("{HOSTILE} mot – Cổng {HOSTILE} ")]);
    // Text that looks like the renderer's markers (`<!>`) stays.
    assert_eq!(facts.h1, [format!("{HOSTILE} mot")]);
    let meta = |key: &str| {
        facts
            .head_meta
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(meta("og:image:alt"), [HOSTILE]);
    assert_eq!(meta("article:tag"), [HOSTILE, "<script>alert(8)</script>"]);
    assert_eq!(
        meta("og:image"),
        ["https://sonha.example.vn/tin/api/images/a.svg"]
    );
    // Issue 22, defect 11: footnote links stay on the article.
    assert!(
        article.contains("href=\"/tin/bai-viet/mot#noi-dung-chu-thich-1\""),
        "{article}"
    );
    assert!(article.contains("id=\"noi-dung-chu-thich-1\""));
    assert!(article.contains("href=\"/tin/bai-viet/mot#\""));
    // The same article's address with a fragment finds the footnote too.
    assert_eq!(
        article
            .matches("href=\"/tin/bai-viet/mot#noi-dung-chu-thich-1\"")
            .count(),
        2
    );
    // Read as the browser reads them.
    let hai = read_page(&std::fs::read_to_string(dist.join("bai-viet/hai.html")).unwrap());
    assert!(
        hai.title[0].starts_with("\u{FFFD}<div id=app>"),
        "{:?}",
        hai.title
    );
    let ba = read_page(&std::fs::read_to_string(dist.join("bai-viet/ba.html")).unwrap());
    assert!(
        ba.title[0].starts_with("\u{FFFD}<div id=app>"),
        "{:?}",
        ba.title
    );

    let feed = std::fs::read_to_string(dist.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let title = doc.descendants().find(|n| n.has_tag_name("title")).unwrap();
    assert_eq!(
        title.text(),
        Some(format!("Cổng {HOSTILE} ").as_str()),
        "U+FFFE and U+0001 left out"
    );
    let updated: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("published"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        updated.iter().all(|d| *d == "2026-11-26T02:30:00Z") && !updated.is_empty(),
        "{updated:?}"
    );
    let _ = std::fs::remove_dir_all(&dist);
}

/// Issue 22, defect 8: a quote in `site_url`'s host (the URL standard allows
/// it) stays inside the attribute and the JSON-LD it is written into.
#[test]
fn a_quote_in_the_public_host_stays_in_its_attribute() {
    let dist = build("quote-host");
    hostile_endpoint(&dist, "https://sonha\"onmouseover=\"alert(9).example.vn/");
    let report = run(&dist, None).unwrap();
    assert!(report.pages >= 4, "{report}");
    assert!(
        !report.warnings.iter().any(|w| w.contains("site_url")),
        "the URL standard takes the host: {:?}",
        report.warnings
    );
    check_build(&dist);
    let facts = read_page(&std::fs::read_to_string(dist.join("bai-viet/mot.html")).unwrap());
    let url: Vec<&str> = facts
        .head_meta
        .iter()
        .filter(|(k, _)| k == "og:url")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(url.len(), 1);
    assert!(url[0].ends_with("/tin/bai-viet/mot"), "{url:?}");
    // The quote is in the printed address and in its QR code, as it is.
    assert_eq!(common::print::check_print_notes(&dist, "/tin"), 4);
    let note =
        &common::print::printed(&std::fs::read_to_string(dist.join("bai-viet/mot.html")).unwrap())
            .notes[0];
    assert!(
        note.link
            .as_deref()
            .is_some_and(|u| u.contains("sonha\"onmouseover")),
        "{note:?}"
    );
    let _ = std::fs::remove_dir_all(&dist);
}

/// Issue 22, defect 4: one broken document costs its own page only (the
/// article shown as the last run's page had it); an article the endpoint
/// answers "not found" for is gone, page and all; and an article that
/// vanished from the lists is removed too.
#[test]
fn one_broken_document_costs_nothing_else() {
    let dist = build("broken");
    let first = run(&dist, None).unwrap();
    assert!(first.skipped.is_empty(), "{first}");
    let api = dist.join("api/articles");
    std::fs::write(
        api.join("giai-viet-da-chinh-phuc-dinh-pu-ta-leng.json"),
        "{\"slug\":",
    )
    .unwrap();
    std::fs::remove_file(api.join("tu-01-12-nop-ho-so-dat-dai-truc-tuyen.json")).unwrap();
    let second = run(&dist, None).unwrap();
    assert_eq!(second.kept, 1, "{second}");
    assert_eq!(second.skipped.len(), 2, "{:#?}", second.skipped);
    assert!(
        dist.join("bai-viet/giai-viet-da-chinh-phuc-dinh-pu-ta-leng.html")
            .is_file(),
        "kept"
    );
    assert!(
        !dist
            .join("bai-viet/tu-01-12-nop-ho-so-dat-dai-truc-tuyen.html")
            .exists(),
        "gone from the endpoint"
    );
    // The kept page is still found by search.
    let mut records = portal_deploy::state::recorded_slugs(&dist);
    records.sort();
    assert!(records.contains(&"giai-viet-da-chinh-phuc-dinh-pu-ta-leng".to_string()));
    assert!(!records.contains(&"tu-01-12-nop-ho-so-dat-dai-truc-tuyen".to_string()));
    assert_eq!(records.len(), 12);
    let sitemap = std::fs::read_to_string(dist.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("giai-viet-da-chinh-phuc-dinh-pu-ta-leng"));
    assert!(!sitemap.contains("tu-01-12-nop-ho-so-dat-dai-truc-tuyen"));

    // A list page that cannot be read: nothing is removed, whatever the
    // later pages held.
    std::fs::remove_file(dist.join("api/articles-2.json")).unwrap();
    let third = run(&dist, None).unwrap();
    assert!(!third.complete && third.removed == 0, "{third}");
    assert!(
        third.skipped.iter().any(|s| s.contains("articles-2.json")),
        "{:#?}",
        third.skipped
    );
    assert_eq!(
        std::fs::read_dir(dist.join("bai-viet")).unwrap().count(),
        12
    );

    // Nothing usable at all: an error, and every page stays.
    std::fs::remove_file(dist.join("api/site.json")).unwrap();
    assert!(run(&dist, None).is_err());
    assert_eq!(
        std::fs::read_dir(dist.join("bai-viet")).unwrap().count(),
        12
    );
    let _ = std::fs::remove_dir_all(&dist);
}

/// A list entry the app leaves out for one broken
/// field is still the endpoint's article: its page stays.
#[test]
fn an_entry_left_out_for_a_broken_field_keeps_its_page() {
    let dist = build("refused-entry");
    run(&dist, None).unwrap();
    let path = dist.join("api/articles.json");
    let mut list: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let slug = list["articles"][1]["slug"].as_str().unwrap().to_string();
    list["articles"][1]["thumbnail"] = json!("x.jpg");
    std::fs::write(&path, list.to_string()).unwrap();
    let report = run(&dist, None).unwrap();
    assert!(
        report.skipped.iter().any(|s| s.contains(&slug)),
        "{:#?}",
        report.skipped
    );
    assert_eq!(report.removed, 0, "{report}");
    assert!(dist.join(format!("bai-viet/{slug}.html")).is_file());
    // An article the lists no longer have at all is gone: its page goes.
    let gone = list["articles"][0]["slug"].as_str().unwrap().to_string();
    list["articles"].as_array_mut().unwrap().remove(0);
    std::fs::write(&path, list.to_string()).unwrap();
    let report = run(&dist, None).unwrap();
    assert_eq!(report.removed, 1, "{report}");
    assert!(!dist.join(format!("bai-viet/{gone}.html")).exists());
    let _ = std::fs::remove_dir_all(&dist);
}
