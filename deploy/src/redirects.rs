//! The old portal's addresses, kept: the endpoint's `legacy-urls.json` (as
//! the NukeViet importer writes it) read into redirects to this build's
//! pages, and a small page at each old path for hosts that cannot redirect
//! (GitHub Pages, S3): `<link rel=canonical>` and an immediate refresh,
//! which work without JavaScript. The host files ([`crate::host_files`])
//! carry the same list as real 301s.
//!
//! Every entry passes one gate: an old path in a plain alphabet under the
//! deployment's base path, taking no name of the build (its pages, files
//! and routes), and a target the endpoint has. What fails is counted and
//! named, never written.

use std::collections::{HashMap, HashSet};

use portal_reader::api::{ArticleSummary, Site};
use portal_reader::escape::{html_attribute, html_text};
use portal_reader::urls::{is_valid_slug, routes};

use crate::writer::Writer;

/// The document an importer writes beside `site.json`.
pub const DOCUMENT: &str = "legacy-urls.json";

/// Where the build lists the old-address pages it wrote, to remove those
/// the next run no longer writes.
pub const PAGES_LIST: &str = ".legacy-pages";

/// The most redirects taken from one document.
pub const MAX_REDIRECTS: usize = 1_000_000;

/// The most pages written at old addresses: three for each of 100 000
/// articles and more, never a disk filled by an endpoint.
pub const MAX_PAGE_FILES: usize = 500_000;

/// One old address and where it now leads, both absolute paths on the host.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    pub from: String,
    pub to: String,
    /// What the page is, for the page left at the old path.
    pub title: String,
}

/// What a build already has at its top level: its own names, which no old
/// address may take.
pub fn build_names(dist: &std::path::Path) -> HashSet<String> {
    // The app's routes and the files every build has, there or not yet.
    let mut names: HashSet<String> = [
        "bai-viet",
        "chuyen-muc",
        "tim-kiem",
        "bai-da-luu",
        "api",
        "search",
        "index",
        "404",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "sw.js",
        "manifest.webmanifest",
        "_headers",
        "_redirects",
        "_nginx.conf",
        ".htaccess",
        PAGES_LIST,
    ]
    .into_iter()
    .map(String::from)
    .collect();
    // What an earlier run left at old addresses (a folder of their pages,
    // or a page at the top) is not a name of the build.
    let list = std::fs::read_to_string(dist.join(PAGES_LIST)).unwrap_or_default();
    let legacy: HashSet<&str> = list.lines().filter_map(|l| l.split('/').next()).collect();
    if let Ok(entries) = std::fs::read_dir(dist) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if legacy.contains(name.as_str()) {
                continue;
            }
            names.insert(name.strip_suffix(".html").unwrap_or(&name).to_string());
        }
    }
    names
}

/// Whether `path` is an old address the host files can carry as written:
/// root-relative, letters, digits, `-`, `_`, `.`, `~` and `/` only, no
/// empty, `.` or `..` segment (but a last empty one: a trailing `/`).
pub fn is_old_path(path: &str) -> bool {
    let Some(rest) = path.strip_prefix('/') else {
        return false;
    };
    let segments: Vec<&str> = rest.split('/').collect();
    path.len() <= 1000
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/'))
        && segments
            .iter()
            .enumerate()
            .all(|(i, s)| (!s.is_empty() || i == segments.len() - 1) && *s != "." && *s != "..")
}

/// The most pages of old addresses followed through `next`.
pub const MAX_PAGES: usize = 1_000;

/// Whether an earlier run wrote pages at old addresses.
pub fn has_pages(writer: &Writer) -> bool {
    std::fs::read_to_string(writer.path(PAGES_LIST)).is_ok_and(|list| !list.trim().is_empty())
}

/// Every page of the old addresses, from `legacy-urls.json` on through
/// `next` (each a plain `legacy-urls-N.json` beside it, each once), read by
/// `get`: the redirects for a build under `base` (`""` or `/tin-tuc`),
/// whose top-level names are `taken`. `skipped` gets a line for what is
/// left out. `Ok(None)` when the endpoint has none; `Err` when a page could
/// not be read or is not one (not JSON, no list, a `next` elsewhere or in a
/// loop): the last run's redirects then stay.
pub fn read_pages(
    mut get: impl FnMut(&str) -> Result<Option<String>, String>,
    base: &str,
    site: &Site,
    summaries: &[ArticleSummary],
    taken: &HashSet<String>,
    skipped: &mut Vec<String>,
) -> Result<Option<Vec<Redirect>>, String> {
    let mut texts = Vec::new();
    let mut next = Some(DOCUMENT.to_string());
    let mut seen = HashSet::new();
    while let Some(file) = next.take() {
        if !seen.insert(file.clone()) || seen.len() > MAX_PAGES {
            return Err(format!("{file}: listed again, or past {MAX_PAGES} pages"));
        }
        let Some(text) = get(&file).map_err(|e| format!("{file}: {e}"))? else {
            if file == DOCUMENT {
                return Ok(None);
            }
            return Err(format!("{file}: named by `next`, but not there"));
        };
        let doc: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        if !doc.get("redirects").is_some_and(|r| r.is_array()) {
            return Err(format!("{file}: no \"redirects\" list"));
        }
        next = match doc.get("next") {
            None | Some(serde_json::Value::Null) => None,
            Some(n) => {
                let n = n.as_str().unwrap_or_default();
                let plain = n
                    .strip_prefix("legacy-urls-")
                    .and_then(|n| n.strip_suffix(".json"))
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
                if !plain {
                    return Err(format!(
                        "{file}: its next ({n:?}) is not a page of old addresses"
                    ));
                }
                Some(n.to_string())
            }
        };
        texts.push((file, text));
    }
    let mut out = Vec::new();
    let mut taken_from = HashSet::new();
    for (file, text) in &texts {
        out.extend(read(
            file,
            text,
            base,
            site,
            summaries,
            taken,
            &mut taken_from,
            skipped,
        ));
    }
    Ok(Some(out))
}

/// The redirects of one page, `text` of `file`; `seen` holds the old paths
/// of the pages before (the first wins).
#[allow(clippy::too_many_arguments)]
pub fn read(
    file: &str,
    text: &str,
    base: &str,
    site: &Site,
    summaries: &[ArticleSummary],
    taken: &HashSet<String>,
    seen: &mut HashSet<String>,
    skipped: &mut Vec<String>,
) -> Vec<Redirect> {
    let doc: serde_json::Value = match serde_json::from_str(text) {
        Ok(doc) => doc,
        Err(e) => {
            skipped.push(format!("{file}: {e}"));
            return Vec::new();
        }
    };
    let Some(entries) = doc.get("redirects").and_then(|r| r.as_array()) else {
        skipped.push(format!("{file}: no \"redirects\" list"));
        return Vec::new();
    };
    let articles: HashMap<&str, &str> = summaries
        .iter()
        .map(|s| (s.slug.as_str(), s.title.as_str()))
        .collect();
    let mut out = Vec::new();
    let (mut outside, mut unknown, mut refused) = (0, 0, 0);
    for entry in entries.iter().take(MAX_REDIRECTS) {
        let Some(from) = entry.get("from").and_then(|f| f.as_str()) else {
            refused += 1;
            continue;
        };
        if !is_old_path(from) {
            refused += 1;
            continue;
        }
        // Under the deployment's base path, and not one of its own names.
        let Some(rest) = from.strip_prefix(&format!("{base}/")) else {
            outside += 1;
            continue;
        };
        let first = rest.split('/').next().unwrap_or_default();
        let first = first.strip_suffix(".html").unwrap_or(first);
        if rest.is_empty() || taken.contains(first) {
            refused += 1;
            continue;
        }
        let slug_of = |key: &str| {
            entry
                .get(key)
                .and_then(|v| v.as_str())
                .filter(|s| is_valid_slug(s))
        };
        let category = |slug: &str| site.category(slug).map(|c| c.name.clone());
        let target = if let Some(slug) = slug_of("article") {
            articles
                .get(slug)
                .map(|title| (routes::article(base, slug), title.to_string()))
        } else if let Some(slug) = slug_of("category") {
            category(slug).map(|name| (routes::category(base, slug), name))
        } else if entry.get("feed").and_then(|v| v.as_str()) == Some("") {
            Some((format!("{base}/feed.xml"), site.name.clone()))
        } else if let Some(slug) = slug_of("feed") {
            category(slug).map(|name| (format!("{base}/chuyen-muc/{slug}.xml"), name))
        } else if entry.get("home").and_then(|v| v.as_bool()) == Some(true) {
            Some((routes::home(base), site.name.clone()))
        } else {
            refused += 1;
            continue;
        };
        let Some((to, title)) = target else {
            unknown += 1;
            continue;
        };
        if seen.insert(from.to_string()) {
            out.push(Redirect {
                from: from.to_string(),
                to,
                title,
            });
        }
    }
    for (count, why) in [
        (
            refused,
            "not a plain path, a name of the build's own, or no target",
        ),
        (outside, "outside the deployment's base path"),
        (
            unknown,
            "leading to an article or category the endpoint does not have",
        ),
    ] {
        if count > 0 {
            skipped.push(format!("{file}: {count} old addresses left out: {why}"));
        }
    }
    out
}

/// The redirects of a build's own `_redirects` (`from to 301` lines), each
/// through the same gate; anything else in it is passed over.
pub fn from_redirects_file(text: &str) -> Vec<Redirect> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            match (words.next(), words.next(), words.next(), words.next()) {
                (Some(from), Some(to), Some("301"), None)
                    if is_old_path(from) && is_old_path(to) =>
                {
                    Some(Redirect {
                        from: from.to_string(),
                        to: to.to_string(),
                        title: String::new(),
                    })
                }
                _ => None,
            }
        })
        .collect()
}

/// The file a host without redirects serves at an old path, under the
/// build: `x/` is `x/index.html`; `x.html` and `x.htm` themselves; `x`
/// (no extension: NukeViet's `rewrite_exturl` empty) is `x.html`, which
/// such hosts serve for `/x`. `None` for other forms.
pub fn page_file(from: &str, base: &str) -> Option<String> {
    let rest = from.strip_prefix(&format!("{base}/"))?;
    let last = rest.rsplit('/').next().unwrap_or_default();
    if rest.ends_with('/') {
        Some(format!("{rest}index.html"))
    } else if rest.ends_with(".html") || rest.ends_with(".htm") {
        Some(rest.to_string())
    } else if !last.contains('.') {
        Some(format!("{rest}.html"))
    } else {
        None
    }
}

/// The page left at an old path: where the page is now, for a reader (a
/// link), a browser (an immediate refresh) and a crawler (canonical, and
/// nothing to index here). `public` is the site's origin, or empty.
/// The reader goes on to the page on the host that answered (a staging
/// copy stays a staging copy); the canonical address is the public one.
pub fn page(redirect: &Redirect, public: &str, lang: &str) -> String {
    let canonical = html_attribute(&format!("{public}{}", redirect.to));
    let (to, title) = (html_attribute(&redirect.to), html_text(&redirect.title));
    format!(
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={to}\">\n<link rel=\"canonical\" href=\"{canonical}\">\n<title>{title}</title>\n</head>\n<body>\n<p><a href=\"{to}\">{title}</a></p>\n</body>\n</html>\n",
        html_attribute(lang)
    )
}

/// Writes the page of every redirect that has a file form, and removes
/// those of the last run that are no longer written (and folders left
/// empty). Returns how many were removed.
pub fn write_pages(
    writer: &mut Writer,
    redirects: &[Redirect],
    base: &str,
    public: &str,
    lang: &str,
    skipped: &mut Vec<String>,
) -> Result<usize, String> {
    let mut files = Vec::new();
    let mut failed = 0;
    for redirect in redirects.iter().take(MAX_PAGE_FILES) {
        if let Some(file) = page_file(&redirect.from, base) {
            // One that cannot be written (`/x.html` and `/x.html/` both
            // listed: a file where a folder should be) costs only itself.
            match writer.write(&file, &page(redirect, public, lang)) {
                Ok(()) => files.push(file),
                Err(_) => failed += 1,
            }
        }
    }
    if failed > 0 {
        skipped.push(format!("{DOCUMENT}: {failed} pages at old addresses could not be written (a file where a folder is, or the other way)"));
    }
    if redirects.len() > MAX_PAGE_FILES {
        skipped.push(format!(
            "{DOCUMENT}: pages for the first {MAX_PAGE_FILES} old addresses only"
        ));
    }
    let list_path = writer.path(PAGES_LIST);
    let old = std::fs::read_to_string(&list_path).unwrap_or_default();
    let now: HashSet<&str> = files.iter().map(String::as_str).collect();
    let mut removed = 0;
    for file in old.lines().filter(|f| !now.contains(f)) {
        // Only what this step wrote: a path of its own form.
        if !is_old_path(&format!("/{file}")) || !(file.ends_with(".html") || file.ends_with(".htm"))
        {
            continue;
        }
        let path = writer.path(file);
        if path.is_file() && std::fs::remove_file(&path).is_ok() {
            removed += 1;
            let mut dir = path.parent().map(|d| d.to_path_buf());
            while let Some(d) = dir {
                if d == writer.path("") || std::fs::remove_dir(&d).is_err() {
                    break;
                }
                dir = d.parent().map(|p| p.to_path_buf());
            }
        }
    }
    let mut list = files.join("\n");
    list.push('\n');
    crate::writer::write_atomically(&list_path, list.as_bytes())?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        portal_reader::api::decode_text(
            r#"{"name":"Cổng <Lai Châu>","categories":[{"slug":"thoi-su","name":"Thời sự"}]}"#,
        )
        .unwrap()
    }

    fn summaries() -> Vec<ArticleSummary> {
        vec![portal_reader::api::decode_text(
            r#"{"slug":"khai-mac-1","title":"Khai mạc \"kỳ họp\" & <b>","published_at":"2024-06-01"}"#,
        )
        .unwrap()]
    }

    fn taken() -> HashSet<String> {
        ["bai-viet", "api", "sw.js", "index"]
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn each_kind_of_old_address_leads_to_its_page() {
        let doc = r#"{"redirects":[
            {"from":"/vi/news/thoi-su/khai-mac-1.html","article":"khai-mac-1"},
            {"from":"/Thoi-su/khai-mac-1.html","article":"khai-mac-1"},
            {"from":"/vi/news/thoi-su/","category":"thoi-su"},
            {"from":"/vi/news/rss/","feed":""},
            {"from":"/vi/news/rss/thoi-su/","feed":"thoi-su"},
            {"from":"/vi/news/","home":true}
        ]}"#;
        let (got, mut skipped) = read_one(doc, "");
        let pairs: Vec<(&str, &str)> = got
            .iter()
            .map(|r| (r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("/vi/news/thoi-su/khai-mac-1.html", "/bai-viet/khai-mac-1"),
                ("/Thoi-su/khai-mac-1.html", "/bai-viet/khai-mac-1"),
                ("/vi/news/thoi-su/", "/chuyen-muc/thoi-su"),
                ("/vi/news/rss/", "/feed.xml"),
                ("/vi/news/rss/thoi-su/", "/chuyen-muc/thoi-su.xml"),
                ("/vi/news/", "/"),
            ]
        );
        assert!(skipped.is_empty(), "{skipped:?}");
        let under = read(
            DOCUMENT,
            doc,
            "/tin",
            &site(),
            &summaries(),
            &taken(),
            &mut HashSet::new(),
            &mut skipped,
        );
        assert!(under.is_empty());
        assert_eq!(
            skipped,
            vec![format!(
                "{DOCUMENT}: 6 old addresses left out: outside the deployment's base path"
            )]
        );
    }

    #[test]
    fn hostile_entries_are_left_out_and_counted() {
        let doc = r#"{"redirects":[
            {"from":"/a b/x.html","article":"khai-mac-1"},
            {"from":"/a/../b.html","article":"khai-mac-1"},
            {"from":"//evil.example/x","article":"khai-mac-1"},
            {"from":"/x\"><script>.html","article":"khai-mac-1"},
            {"from":"/bai-viet/khai-mac-1","article":"khai-mac-1"},
            {"from":"/api/site.json","article":"khai-mac-1"},
            {"from":"/sw.js","article":"khai-mac-1"},
            {"from":"/","home":true},
            {"from":"/x.html","article":"../../etc/passwd"},
            {"from":"/y.html","article":"gone-2"},
            {"from":"/z.html","category":"khong-co"},
            {"from":"/w.html","to":"https://evil.example/"},
            {"from":"/ok.html","article":"khai-mac-1"},
            {"from":"/ok.html","article":"khai-mac-1"},
            "x", 1, null
        ]}"#;
        let (got, skipped) = read_one(doc, "");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].from, "/ok.html");
        assert_eq!(
            skipped,
            vec![
                format!("{DOCUMENT}: 13 old addresses left out: not a plain path, a name of the build's own, or no target"),
                format!("{DOCUMENT}: 2 old addresses left out: leading to an article or category the endpoint does not have"),
            ]
        );
        for bad in ["not json", "{}", r#"{"redirects":{}}"#] {
            let mut skipped: Vec<String> = Vec::new();
            assert!(read(
                DOCUMENT,
                bad,
                "",
                &site(),
                &summaries(),
                &taken(),
                &mut HashSet::new(),
                &mut skipped
            )
            .is_empty());
            assert_eq!(skipped.len(), 1);
        }
    }

    /// The redirects of one document for a build under `base`, and what was
    /// skipped.
    fn read_one(doc: &str, base: &str) -> (Vec<Redirect>, Vec<String>) {
        let mut skipped = Vec::new();
        let got = read(
            DOCUMENT,
            doc,
            base,
            &site(),
            &summaries(),
            &taken(),
            &mut HashSet::new(),
            &mut skipped,
        );
        (got, skipped)
    }

    /// The redirects of `docs` (file → text).
    fn read_docs(docs: &HashMap<&str, String>) -> Result<Option<Vec<Redirect>>, String> {
        read_pages(
            |f| Ok(docs.get(f).cloned()),
            "",
            &site(),
            &summaries(),
            &taken(),
            &mut Vec::new(),
        )
    }

    #[test]
    fn the_pages_are_followed_through_next_and_anything_odd_keeps_the_last_runs() {
        let page = |from: &str, next: Option<&str>| {
            let mut doc =
                serde_json::json!({"redirects": [{"from": from, "article": "khai-mac-1"}]});
            if let Some(next) = next {
                doc["next"] = serde_json::json!(next);
            }
            doc.to_string()
        };
        let chain = |last_next: Option<&str>| -> HashMap<&str, String> {
            [
                (DOCUMENT, page("/a.html", Some("legacy-urls-2.json"))),
                (
                    "legacy-urls-2.json",
                    page("/b.html", Some("legacy-urls-3.json")),
                ),
                ("legacy-urls-3.json", page("/c.html", last_next)),
            ]
            .into_iter()
            .collect()
        };
        let got = read_docs(&chain(None)).unwrap().unwrap();
        let froms: Vec<&str> = got.iter().map(|r| r.from.as_str()).collect();
        assert_eq!(froms, vec!["/a.html", "/b.html", "/c.html"]);
        // Each of these is an error, so the last run's addresses stay: a
        // loop, a next elsewhere, a next that is not there, a page that is
        // not one (an HTML error page answered 200), no list.
        for odd in [
            Some("legacy-urls-2.json"),
            Some("../site.json"),
            Some("legacy-urls-9.json"),
        ] {
            assert!(read_docs(&chain(odd)).is_err(), "{odd:?}");
        }
        for text in ["<html>Lỗi</html>", "{}", r#"{"redirects":{}}"#] {
            let docs: HashMap<&str, String> = [(DOCUMENT, text.to_string())].into_iter().collect();
            assert!(read_docs(&docs).is_err(), "{text}");
        }
        // None at all, or a page that cannot be read.
        assert_eq!(read_docs(&HashMap::new()), Ok(None));
        assert!(read_pages(
            |_| Err("timeout".into()),
            "",
            &site(),
            &summaries(),
            &taken(),
            &mut Vec::new()
        )
        .is_err());
    }

    #[test]
    fn the_page_at_an_old_path_leads_on_without_javascript() {
        let redirect = Redirect {
            from: "/vi/news/thoi-su/khai-mac-1.html".into(),
            to: "/bai-viet/khai-mac-1".into(),
            title: summaries()[0].title.clone(),
        };
        let page = page(&redirect, "https://laichau.gov.vn", "vi");
        assert!(
            page.contains("<meta http-equiv=\"refresh\" content=\"0; url=/bai-viet/khai-mac-1\">")
        );
        assert!(page.contains("<a href=\"/bai-viet/khai-mac-1\">"));
        assert!(page.contains(
            "<link rel=\"canonical\" href=\"https://laichau.gov.vn/bai-viet/khai-mac-1\">"
        ));
        assert!(
            page.contains("<title>Khai mạc \"kỳ họp\" &amp; &lt;b&gt;</title>"),
            "{page}"
        );
        assert!(!page.contains("<script"));
        assert_eq!(
            page_file("/vi/news/thoi-su/", ""),
            Some("vi/news/thoi-su/index.html".into())
        );
        assert_eq!(
            page_file("/tin/vi/a-1.html", "/tin"),
            Some("vi/a-1.html".into())
        );
        assert_eq!(
            page_file("/vi/news/a-1.htm", ""),
            Some("vi/news/a-1.htm".into())
        );
        assert_eq!(
            page_file("/vi/news/a-1", ""),
            Some("vi/news/a-1.html".into())
        );
        assert_eq!(page_file("/vi/news/a-1.php", ""), None);
    }

    #[test]
    fn what_an_earlier_run_left_at_old_addresses_is_not_a_name_of_the_build() {
        let dist = std::env::temp_dir().join(format!("legacy-names-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("vi/news")).unwrap();
        std::fs::create_dir_all(dist.join("bai-viet")).unwrap();
        for file in ["vi/news/a-1.html", "x-2.html", "index.html", "sw.js"] {
            std::fs::write(dist.join(file), "").unwrap();
        }
        std::fs::write(dist.join(PAGES_LIST), "vi/news/a-1.html\nx-2.html\n").unwrap();
        let names = build_names(&dist);
        assert!(!names.contains("vi") && !names.contains("x-2"), "{names:?}");
        assert!(names.contains("bai-viet") && names.contains("sw.js") && names.contains("index"));
        std::fs::remove_dir_all(&dist).unwrap();
    }

    #[test]
    fn a_builds_own_redirects_file_reads_back_through_the_gate() {
        let list = from_redirects_file("/a/x-1.html /bai-viet/x-1 301\n/b c 301\n/d\"/ / 301\n# x\n/e/ /chuyen-muc/e 302\n/f/ /\n");
        let pairs: Vec<(&str, &str)> = list
            .iter()
            .map(|r| (r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(pairs, vec![("/a/x-1.html", "/bai-viet/x-1")]);
    }
}
