//! The importer against a real MariaDB (started by the test, stopped by its
//! handle): NukeViet 4.5's and 4.0's schemas and a fixture of Vietnamese
//! articles that covers every rule of docs/nukeviet.md. The expected values
//! are tests/fixtures/EXPECTED.md's tables, read here and checked field by
//! field against the endpoint the import writes.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{fixtures, MariaDb};
use serde_json::{json, Value};

const NOW: &str = "1717200000";

struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn import(db: &MariaDb, url: &str, out: &Path, extra: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_portal-nukeviet"))
        .arg("import")
        .args(["--db", url])
        .arg("--socket")
        .arg(&db.socket)
        .arg("--files")
        .arg(fixtures().join("files"))
        .args(["--site-url", "https://laichau.gov.vn/", "--now", NOW])
        .arg("--out")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    Run {
        ok: output.status.success(),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn read(out: &Path, file: &str) -> Value {
    let text = std::fs::read_to_string(out.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    serde_json::from_str(&text).unwrap()
}

fn out_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("nv-out-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The rows of the Markdown table under `heading` in EXPECTED.md, cells
/// trimmed, header and rule left out.
fn table(heading: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(fixtures().join("EXPECTED.md")).unwrap();
    let section = text
        .split(heading)
        .nth(1)
        .unwrap_or_else(|| panic!("no {heading}"));
    section
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| {
            l.trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().to_string())
                .collect()
        })
        .collect()
}

/// A cell as a value: `–` or empty is absent, `` `x` `` is x.
fn cell(text: &str) -> Option<String> {
    let text = text.trim().trim_matches('`');
    (!matches!(text, "–" | "" | "(none)")).then(|| text.to_string())
}

/// The lines `N. `slug` (…)` of the list order.
fn list_order() -> Vec<String> {
    let text = std::fs::read_to_string(fixtures().join("EXPECTED.md")).unwrap();
    let section = text
        .split("## Lists")
        .nth(1)
        .unwrap()
        .split("## ")
        .next()
        .unwrap();
    section
        .lines()
        .filter_map(|l| l.split_once(". `"))
        .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty())
        .map(|(_, rest)| rest.split('`').next().unwrap().to_string())
        .collect()
}

/// The related lists: `- N `slug`: `a`, `b`…`.
fn related_lists() -> HashMap<String, Vec<String>> {
    let text = std::fs::read_to_string(fixtures().join("EXPECTED.md")).unwrap();
    let section = text
        .split("## Related articles")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("- ") && l.contains("`: ") && !l.contains("`: (none"))
        .map(|l| {
            let (head, tail) = l.split_once("`: ").unwrap();
            let slug = head.rsplit('`').next().unwrap().to_string();
            let list = tail
                .split(", ")
                .map(|s| s.trim().trim_matches('`').to_string())
                .collect();
            (slug, list)
        })
        .collect()
}

fn rating(text: &str) -> Value {
    // `{total: 18, count: 4}`
    let numbers: Vec<u64> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .collect();
    json!({ "total": numbers[0], "count": numbers[1] })
}

fn slugs_of_lists(out: &Path) -> Vec<String> {
    let mut slugs = Vec::new();
    let mut next = Some("articles.json".to_string());
    while let Some(file) = next {
        let page = read(out, &file);
        for a in page["articles"].as_array().unwrap() {
            slugs.push(a["slug"].as_str().unwrap().to_string());
        }
        next = page["next"].as_str().map(String::from);
    }
    slugs
}

fn skipped_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(": skipped: "))
        .collect()
}

#[test]
fn a_nukeviet_45_portal_becomes_an_endpoint_field_by_field() {
    let db = MariaDb::start("45");
    db.load(
        "nv",
        &[
            &fixtures().join("schema-4.5.sql"),
            &fixtures().join("articles.sql"),
        ],
    );
    let url = db.reader("nv");
    let out = out_dir("45");
    let run = import(&db, &url, &out, &["--page-size", "20"]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);

    // Every problem named, by table and row, and nothing else.
    let skipped = skipped_lines(&run.stderr);
    for expected in [
        "nv4_vi_news_cat: catid 4 (vong-a) is its own ancestor",
        "nv4_vi_news_cat: catid 5 (vong-b) is its own ancestor",
        "nv4_vi_news_rows id 7: the alias \"a/../b\"",
        "nv4_vi_news_rows id 8: homeimgfile \"../../../etc/passwd\" leads outside the uploads folder",
        "nv4_vi_news_detail id 9: bodyhtml is 10580000 bytes",
        "nv4_vi_news_rows id 10: title: not UTF-8",
        "nv4_vi_news_rows id 15: homeimgfile: uploads/news/2024_05/khong-co-file.jpg is not in --files",
        "nv4_vi_news_detail id 15: uploads/news/2024_05/khong-co-file.jpg is not in --files",
        "nv4_vi_news_detail id 17: bodyhtml not UTF-8",
    ] {
        assert!(skipped.iter().any(|l| l.contains(expected)), "{expected} not in {skipped:#?}");
    }
    assert_eq!(skipped.len(), 9, "{skipped:#?}");
    assert!(
        run.stdout
            .starts_with("import-nukeviet: 59 articles published"),
        "{}",
        run.stdout
    );

    assert_eq!(
        read(&out, "site.json"),
        json!({"name": "Cổng thông tin điện tử tỉnh Lai Châu", "lang": "vi", "site_url": "https://laichau.gov.vn/",
               "categories": [
                 {"slug": "thoi-su", "name": "Thời sự"},
                 {"slug": "trong-tinh", "name": "Trong tỉnh", "parent": "thoi-su"},
                 {"slug": "kinh-te", "name": "Kinh tế & Đầu tư"},
                 {"slug": "van-hoa", "name": "Văn hoá"}]})
    );
    assert_eq!(
        read(&out, "stats.json"),
        json!({"as_of": "2024-06-01", "online": 12, "today": 6051, "yesterday": 6608,
               "this_month": 229955, "this_year": 660790, "total": 82126883})
    );

    // The lists: newest first, in pages of 20, every written article once.
    let order = list_order();
    assert_eq!(order.len(), 59);
    assert_eq!(slugs_of_lists(&out), order);
    assert!(!out.join("articles-4.json").exists());
    let summaries: HashMap<String, Value> = (1..=3)
        .flat_map(|n| {
            let file = if n == 1 {
                "articles.json".to_string()
            } else {
                format!("articles-{n}.json")
            };
            read(&out, &file)["articles"].as_array().unwrap().clone()
        })
        .map(|a| (a["slug"].as_str().unwrap().to_string(), a))
        .collect();

    // Identity, categories, times.
    let mut by_id: HashMap<String, String> = HashMap::new();
    for row in table("## Articles: identity, categories, times") {
        let (id, outcome, slug) = (&row[0], &row[1], cell(&row[2]));
        if !outcome.starts_with("imported") {
            assert!(slug.is_none());
            let written: Vec<String> = std::fs::read_dir(out.join("articles"))
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            assert!(
                !written.iter().any(|f| f.ends_with(&format!("-{id}.json"))),
                "row {id}: {written:?}"
            );
            continue;
        }
        let slug = slug.unwrap();
        by_id.insert(id.clone(), slug.clone());
        let doc = read(&out, &format!("articles/{slug}.json"));
        let summary = &summaries[&slug];
        for item in [&doc, summary] {
            assert_eq!(item["slug"], json!(slug));
            assert_eq!(item["title"].as_str(), Some(row[3].as_str()), "row {id}");
            assert_eq!(
                item["category"].as_str().map(String::from),
                cell(&row[4]).filter(|c| c != "(none)"),
                "row {id}"
            );
            let categories: Option<Vec<String>> = item["categories"]
                .as_array()
                .map(|a| a.iter().map(|c| c.as_str().unwrap().to_string()).collect());
            let expected: Option<Vec<String>> =
                cell(&row[5]).map(|c| c.split(", ").map(String::from).collect());
            assert_eq!(categories, expected, "row {id}");
            assert_eq!(
                item["published_at"].as_str(),
                Some(row[6].as_str()),
                "row {id}"
            );
        }
        assert_eq!(
            doc["updated_at"].as_str().map(String::from),
            cell(&row[7]),
            "row {id}"
        );
    }
    assert_eq!(by_id.len(), 59);

    // Text, people, figures.
    for row in table("## Articles: text, people, figures") {
        let slug = &by_id[&row[0]];
        let doc = read(&out, &format!("articles/{slug}.json"));
        let summary = &summaries[slug];
        let id = &row[0];
        for item in [&doc, summary] {
            assert_eq!(item["summary"].as_str(), Some(row[1].as_str()), "row {id}");
        }
        assert_eq!(
            doc["author"].as_str().map(String::from),
            cell(&row[2]),
            "row {id} document author"
        );
        assert_eq!(
            summary["author"].as_str().map(String::from),
            cell(&row[3]),
            "row {id} list author"
        );
        assert_eq!(
            doc["source"].as_str().map(String::from),
            cell(&row[4]),
            "row {id} source"
        );
        assert_eq!(
            doc["source_url"]
                .as_str()
                .map(|u| u.trim_end_matches('/').to_string()),
            cell(&row[5]),
            "row {id} source_url"
        );
        assert_eq!(
            doc["views"],
            json!(row[6].parse::<u64>().unwrap()),
            "row {id}"
        );
        assert_eq!(doc["rating"], rating(&row[7]), "row {id}");
        let tags: Vec<String> = doc["tags"]
            .as_array()
            .map(|t| t.iter().map(|t| t.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        let expected: Vec<String> = cell(&row[8])
            .map(|t| t.split(", ").map(String::from).collect())
            .unwrap_or_default();
        assert_eq!(tags, expected, "row {id}");
    }

    // Images: the cover, the list's thumbnail, and the files copied.
    let imaged: HashMap<String, Vec<String>> = table("## Images")
        .into_iter()
        .map(|r| (r[0].clone(), r))
        .collect();
    for (id, slug) in &by_id {
        let doc = read(&out, &format!("articles/{slug}.json"));
        let (cover, thumb) = (
            doc["cover"]["src"].as_str(),
            summaries[slug]["thumbnail"]["src"].as_str(),
        );
        match imaged.get(id) {
            Some(row) => {
                assert_eq!(cover.map(String::from), cell(&row[3]), "row {id} cover");
                assert_eq!(thumb.map(String::from), cell(&row[4]), "row {id} thumbnail");
                assert_eq!(
                    doc["cover"]["alt"].as_str().map(String::from),
                    cell(&row[5]),
                    "row {id} alt"
                );
            }
            None => assert!(
                cover.is_none() && thumb.is_none(),
                "row {id}: {cover:?} {thumb:?}"
            ),
        }
    }
    let mut copied = BTreeSet::new();
    for top in ["uploads", "assets", "files"] {
        let mut stack = vec![out.join(top)];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let rel = path
                        .strip_prefix(&out)
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    let original = std::fs::read(fixtures().join("files").join(&rel)).unwrap();
                    assert_eq!(
                        std::fs::read(&path).unwrap(),
                        original,
                        "{rel} byte for byte"
                    );
                    copied.insert(rel);
                }
            }
        }
    }
    let expected: BTreeSet<String> = [
        "uploads/news/2024_05/khai-mac.jpg",
        "assets/news/2024_05/khai-mac.jpg",
        "uploads/news/2024_05/dai-bieu.jpg",
        "uploads/news/2024_05/nho.jpg",
        "uploads/news/2024_05/trai.png",
        "uploads/news/2024_05/nghi-quyet.pdf",
        "uploads/news/2024_05/thong-bao.png",
        "uploads/news/2024_05/tin-tuc.jpg",
        "uploads/news/2024_04/cho-phien.jpg",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(copied, expected);

    // Bodies: the portal's files placed, the rest left for the sanitiser.
    let body = read(&out, "articles/khai-mac-ky-hop-thu-8-1.json")["body_html"]
        .as_str()
        .unwrap()
        .to_string();
    for placed in [
        "src=\"uploads/news/2024_05/dai-bieu.jpg\"",
        "src=\"uploads/news/2024_05/nho.jpg\"",
        "src=\"uploads/news/2024_05/trai.png\"",
        // A link is resolved against the page: absolute on the endpoint.
        "href=\"https://laichau.gov.vn/api/uploads/news/2024_05/nghi-quyet.pdf\"",
        "<p style=\"text-align: center;\">",
    ] {
        assert!(body.contains(placed), "{placed} in {body}");
    }
    assert!(!body.contains("\"/uploads/"), "{body}");
    let body15 = read(&out, "articles/anh-khong-co-tep-15.json")["body_html"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        body15.contains("https://laichau.gov.vn/uploads/news/2024_05/khong-co-file.jpg"),
        "{body15}"
    );

    // Related, as the portal's article page has them.
    let related = related_lists();
    assert_eq!(related.len(), 58, "every article but 11 has related ones");
    for slug in by_id.values() {
        let doc = read(&out, &format!("articles/{slug}.json"));
        let got: Vec<String> = doc["related"]
            .as_array()
            .map(|r| r.iter().map(|s| s.as_str().unwrap().to_string()).collect())
            .unwrap_or_default();
        assert_eq!(
            got,
            related.get(slug).cloned().unwrap_or_default(),
            "{slug}"
        );
    }

    // The old addresses: every form, to articles and categories it has.
    let legacy = read(&out, "legacy-urls.json");
    let redirects: HashMap<String, Value> = legacy["redirects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["from"].as_str().unwrap().to_string(), r.clone()))
        .collect();
    for (from, key, to) in [
        (
            "/vi/news/thoi-su/khai-mac-ky-hop-thu-8-1.html",
            "article",
            "khai-mac-ky-hop-thu-8-1",
        ),
        (
            "/thoi-su/khai-mac-ky-hop-thu-8-1.html",
            "article",
            "khai-mac-ky-hop-thu-8-1",
        ),
        (
            "/van-hoa/Le-hoi-Then-Kin-Pang-nam-2024-23.html",
            "article",
            "le-hoi-then-kin-pang-nam-2024-23",
        ),
        ("/vi/news/kinh-te/", "category", "kinh-te"),
        ("/kinh-te/", "category", "kinh-te"),
        ("/vi/news/rss/kinh-te/", "feed", "kinh-te"),
        ("/vi/news/rss/", "feed", ""),
        ("/rss/", "feed", ""),
        ("/vi/news/", "home", "true"),
    ] {
        let expected = if key == "home" {
            json!(true)
        } else {
            json!(to)
        };
        assert_eq!(
            redirects.get(from).map(|r| r[key].clone()),
            Some(expected),
            "{from}"
        );
    }
    // The portal's settings give the default form and the shortest one
    // (`rewrite_optional`, `rewrite_op_mod` = news): never `/news/…`, never
    // a secondary category (NukeViet's own links name the main one).
    assert!(!redirects.keys().any(|f| f.starts_with("/news/")));
    assert!(!redirects.contains_key("/vi/news/trong-tinh/khai-mac-ky-hop-thu-8-1.html"));
    for gone in [
        "-4.html", "-5.html", "-6.html", "-7.html", "-9.html", "-10.html", "-12.html", "/vong-a/",
        "/an/",
    ] {
        assert!(!redirects.keys().any(|f| f.ends_with(gone)), "{gone}");
    }

    // A second run writes nothing: nothing changed. It reads one body
    // again, article 15's, which names a file not there (yet).
    let again = import(&db, &url, &out, &["--page-size", "20"]);
    assert!(again.ok, "{}", again.stderr);
    assert!(
        again.stdout.contains(" 1 bodies read, 0 files written"),
        "{}",
        again.stdout
    );

    // An edit, a figure, an article taken down, one deleted: only what
    // changed is read and written, and what is gone goes everywhere.
    db.sql_root(
        "nv",
        "UPDATE nv4_vi_news_rows SET title = 'Lai Châu đẩy mạnh chuyển đổi số (cập nhật)', edittime = edittime + 60 WHERE id = 20; \
         UPDATE nv4_vi_news_rows SET hitstotal = 5000 WHERE id = 24; \
         UPDATE nv4_vi_news_rows SET status = 0 WHERE id IN (21, 30); \
         DELETE FROM nv4_vi_news_rows WHERE id = 22;",
    )
    .unwrap();
    let third = import(&db, &url, &out, &["--page-size", "20"]);
    assert!(third.ok, "{}", third.stderr);
    assert!(third.stdout.contains(" 2 bodies read"), "{}", third.stdout);
    let edited = read(
        &out,
        "articles/lai-chau-day-manh-chuyen-doi-so-trong-co-quan-nha-nuoc-20.json",
    );
    assert_eq!(
        edited["title"],
        json!("Lai Châu đẩy mạnh chuyển đổi số (cập nhật)")
    );
    let figures = read(
        &out,
        "articles/tinh-doan-phat-dong-thang-thanh-nien-24.json",
    );
    assert_eq!(figures["views"], json!(5000));
    assert!(figures["body_html"]
        .as_str()
        .unwrap()
        .contains("Nội dung bài viết số 24"));
    let lists = slugs_of_lists(&out);
    assert_eq!(lists.len(), 56);
    // Article 30's picture was its own: taken down with it. The one article
    // 20 shares with others stays.
    assert!(!out.join("uploads/news/2024_04/cho-phien.jpg").exists());
    assert!(out.join("uploads/news/2024_05/tin-tuc.jpg").exists());
    let legacy = std::fs::read_to_string(out.join("legacy-urls.json")).unwrap();
    for gone in [
        "huyen-tam-duong-ra-quan-trong-che-shan-tuyet-21",
        "gia-tri-san-xuat-nong-nghiep-quy-i-tang-4-2-22",
    ] {
        assert!(
            !out.join(format!("articles/{gone}.json")).exists(),
            "{gone}"
        );
        assert!(!lists.contains(&gone.to_string()));
        assert!(!legacy.contains(gone), "{gone}");
        for slug in &lists {
            let doc = read(&out, &format!("articles/{slug}.json"));
            assert!(
                !doc["related"].to_string().contains(gone),
                "{slug} relates to {gone}"
            );
        }
    }

    // A database half restored from a dump reads as a portal that lost its
    // articles: refused, nothing written, unless the operator says so.
    db.sql_root("nv", "DELETE FROM nv4_vi_news_rows WHERE id > 30;")
        .unwrap();
    let before = std::fs::read(out.join("articles.json")).unwrap();
    let shrunk = import(&db, &url, &out, &["--page-size", "20"]);
    assert!(!shrunk.ok, "{}", shrunk.stdout);
    assert!(shrunk.stderr.contains("half-restored"), "{}", shrunk.stderr);
    assert_eq!(std::fs::read(out.join("articles.json")).unwrap(), before);
    let allowed = import(&db, &url, &out, &["--page-size", "20", "--allow-shrink"]);
    assert!(allowed.ok, "{}", allowed.stderr);
    assert!(slugs_of_lists(&out).len() < 20);
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn an_older_nukeviet_40_portal_imports_with_its_defaults_said() {
    let db = MariaDb::start("40");
    db.load(
        "nv40",
        &[
            &fixtures().join("schema-4.0.sql"),
            &fixtures().join("articles-4.0.sql"),
        ],
    );
    let url = db.reader("nv40");
    let out = out_dir("40");
    let run = import(&db, &url, &out, &[]);
    assert!(run.ok, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("nv4_vi_news_cat has no column status"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("nv4_vi_news_authorlist is missing"),
        "{}",
        run.stderr
    );
    assert!(skipped_lines(&run.stderr).is_empty(), "{}", run.stderr);
    let site = read(&out, "site.json");
    assert_eq!(
        site["categories"],
        json!([{"slug": "tin-tuc", "name": "Tin tức"}, {"slug": "thong-bao", "name": "Thông báo"}])
    );
    assert_eq!(
        slugs_of_lists(&out),
        vec![
            "lai-chau-don-nhan-huan-chuong-1",
            "thong-bao-tuyen-dung-vien-chuc-2024-2",
            "tong-ket-nam-hoc-2023-2024-3"
        ]
    );
    let first = read(&out, "articles/lai-chau-don-nhan-huan-chuong-1.json");
    assert_eq!(first["tags"], json!(["Lai Châu"]));
    assert_eq!(first["author"], json!("Phạm Dung"));
    assert_eq!(first["rating"], json!({"total": 9, "count": 2}));
    assert_eq!(first["related"], json!(["tong-ket-nam-hoc-2023-2024-3"]));
    assert_eq!(
        read(&out, "stats.json"),
        json!({"as_of": "2024-06-01", "online": 3, "today": 345, "yesterday": 321,
               "this_month": 2345, "this_year": 45678, "total": 1234567})
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn a_database_that_cannot_be_read_changes_nothing() {
    let db = MariaDb::start("down");
    db.load("nv", &[&fixtures().join("schema-4.5.sql")]);
    let out = out_dir("down");
    std::fs::create_dir_all(out.join("articles")).unwrap();
    std::fs::write(out.join("articles.json"), "{\"articles\":[]}").unwrap();
    let before = std::fs::read(out.join("articles.json")).unwrap();
    for (url, why) in [
        ("mysql://doc:wrong@localhost/nv", "a wrong password"),
        ("mysql://root@localhost/khong_co", "a missing database"),
    ] {
        let run = import(&db, url, &out, &[]);
        assert!(!run.ok, "{why}: {}", run.stdout);
        assert!(
            run.stderr.contains("import-nukeviet: "),
            "{why}: {}",
            run.stderr
        );
    }
    // The wrong prefix: no news tables.
    let url = db.reader("nv");
    let run = import(&db, &url, &out, &["--prefix", "nv5"]);
    assert!(!run.ok);
    assert!(
        run.stderr.contains("has no table nv5_vi_news_rows"),
        "{}",
        run.stderr
    );
    let run = import(&db, &url, &out, &["--prefix", "nv4`; DROP TABLE x; --"]);
    assert!(!run.ok);
    assert!(run.stderr.contains("--prefix"), "{}", run.stderr);
    assert_eq!(std::fs::read(out.join("articles.json")).unwrap(), before);
    let _ = std::fs::remove_dir_all(&out);
}
