//! The old portal's addresses, for the redirects that keep years of shared
//! links working: the forms NukeViet 4's rewrite settings produce for an
//! article, a category, the module's home and its RSS feeds
//! (`includes/functions.php`, `nv_url_rewrite`):
//!
//! - `/{lang}/{module}/{cat}/{alias}-{id}.html`: the default, always written
//!   (a portal starts with it, and its early shares keep it);
//! - `/{module}/{cat}/{alias}-{id}.html` with `rewrite_optional` (one
//!   language), or `/{cat}/{alias}-{id}.html` when `rewrite_op_mod` is the
//!   module too (the single-language install's default);
//!
//! and the same prefixes for `{cat}/`, `rss/` and `rss/{cat}/`. An article's
//! address names its main category: NukeViet's own links always do. The
//! deploy step decides which of them a host can answer (docs/nukeviet.md).

use serde_json::{json, Value};

/// What an old address now shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Home,
    Article(String),
    Category(String),
    /// The site's feed, or a category's.
    Feed(Option<String>),
}

/// The URL prefixes of the module's pages, longest first.
pub struct Forms {
    prefixes: Vec<String>,
    extension: String,
}

impl Forms {
    /// `lang` and `module` (the module's URL name), the article extension
    /// (`rewrite_exturl`, `.html`), and the rewrite settings
    /// (`rewrite_optional`, `rewrite_op_mod`). Only NukeViet's URL
    /// alphabet passes (letters, digits, `-`, `_`, `.`); anything else gives
    /// no form.
    pub fn new(lang: &str, module: &str, extension: &str, optional: bool, op_mod: &str) -> Forms {
        let mut prefixes = vec![format!("/{lang}/{module}/")];
        if optional {
            prefixes.push(match op_mod == module {
                true => "/".to_string(),
                false => format!("/{module}/"),
            });
        }
        prefixes.retain(|p| is_path(p));
        let extension = match is_path(&format!("/x{extension}")) {
            true => extension.to_string(),
            false => ".html".to_string(),
        };
        Forms {
            prefixes,
            extension,
        }
    }

    /// Every old address of an article in its main category.
    pub fn article(&self, category: &str, alias: &str, id: u64) -> Vec<String> {
        let mut out: Vec<String> = self
            .prefixes
            .iter()
            .map(|prefix| format!("{prefix}{category}/{alias}-{id}{}", self.extension))
            .collect();
        out.retain(|p| is_path(p));
        out
    }

    /// A category's pages and feed.
    pub fn category(&self, alias: &str) -> Vec<(String, bool)> {
        let mut out = Vec::new();
        for prefix in &self.prefixes {
            out.push((format!("{prefix}{alias}/"), false));
            out.push((format!("{prefix}rss/{alias}/"), true));
        }
        out.retain(|(p, _)| is_path(p));
        out
    }

    /// The module's home page and feed (the site's home itself is ours).
    pub fn module(&self) -> Vec<(String, Target)> {
        let mut out = Vec::new();
        for prefix in &self.prefixes {
            if prefix != "/" {
                out.push((prefix.clone(), Target::Home));
            }
            out.push((format!("{prefix}rss/"), Target::Feed(None)));
        }
        if let Some(lang_home) = self.prefixes.first().and_then(|p| p.split('/').nth(1)) {
            out.push((format!("/{lang_home}/"), Target::Home));
        }
        out
    }
}

/// Whether an old address is one the redirect files can carry as it is:
/// root-relative, NukeViet's URL alphabet, no empty or dot segment.
pub fn is_path(path: &str) -> bool {
    path.starts_with('/')
        && path.len() <= 1000
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/'))
        && path[1..].split('/').enumerate().all(|(i, s)| {
            (s != "." && s != "..") && (!s.is_empty() || i == path[1..].split('/').count() - 1)
        })
}

/// Entries per page of the old addresses: a page stays far below the 5 MB
/// a document of the endpoint may weigh.
pub const PAGE: usize = 10_000;

/// The name of page `index` (0: `legacy-urls.json`, then
/// `legacy-urls-2.json`…).
pub fn page_file(index: usize) -> String {
    match index {
        0 => "legacy-urls.json".into(),
        n => format!("legacy-urls-{}.json", n + 1),
    }
}

/// The pages of the old addresses, each
/// `{"redirects": [{"from": "/vi/news/…", "article": "slug"}, …], "next": "legacy-urls-2.json"}`,
/// in the order given (the deploy step keeps the first ones where a host
/// takes only so many). At least one page.
pub fn documents(entries: &[(String, Target)]) -> Vec<Value> {
    let chunks: Vec<&[(String, Target)]> = entries.chunks(PAGE).collect();
    let count = chunks.len().max(1);
    (0..count)
        .map(|i| {
            let redirects: Vec<Value> = chunks
                .get(i)
                .copied()
                .unwrap_or_default()
                .iter()
                .map(|(from, target)| match target {
                    Target::Home => json!({ "from": from, "home": true }),
                    Target::Article(slug) => json!({ "from": from, "article": slug }),
                    Target::Category(slug) => json!({ "from": from, "category": slug }),
                    Target::Feed(None) => json!({ "from": from, "feed": "" }),
                    Target::Feed(Some(slug)) => json!({ "from": from, "feed": slug }),
                })
                .collect();
            let mut page = json!({ "redirects": redirects });
            if i + 1 < count {
                page["next"] = json!(page_file(i + 1));
            }
            page
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_form_and_the_one_the_settings_give() {
        let single = Forms::new("vi", "news", ".html", true, "news");
        assert_eq!(
            single.article("Thoi-su", "khai-mac", 1),
            vec![
                "/vi/news/Thoi-su/khai-mac-1.html",
                "/Thoi-su/khai-mac-1.html"
            ]
        );
        assert_eq!(
            single.category("kinh-te"),
            vec![
                ("/vi/news/kinh-te/".to_string(), false),
                ("/vi/news/rss/kinh-te/".to_string(), true),
                ("/kinh-te/".to_string(), false),
                ("/rss/kinh-te/".to_string(), true),
            ]
        );
        let module: Vec<String> = single.module().into_iter().map(|(p, _)| p).collect();
        assert_eq!(module, vec!["/vi/news/", "/vi/news/rss/", "/rss/", "/vi/"]);
        let optional = Forms::new("vi", "tin-tuc", ".html", true, "");
        assert_eq!(
            optional.article("a", "b", 2),
            vec!["/vi/tin-tuc/a/b-2.html", "/tin-tuc/a/b-2.html"]
        );
        let default = Forms::new("en", "news", ".htm", false, "news");
        assert_eq!(default.article("a", "b", 3), vec!["/en/news/a/b-3.htm"]);
    }

    #[test]
    fn only_plain_paths_are_old_addresses() {
        for ok in ["/vi/news/a-1.html", "/x/", "/"] {
            assert!(is_path(ok), "{ok}");
        }
        for bad in [
            "vi/x", "/a/../b", "/a//b", "/a b", "/a\"b", "/ả", "/a?b", "/a\nb", "/./",
        ] {
            assert!(!is_path(bad), "{bad}");
        }
        // A module name outside the alphabet: only the form without it.
        let forms = Forms::new("vi", "tin tức", ".html", true, "tin tức");
        assert_eq!(forms.article("c", "a", 1), vec!["/c/a-1.html"]);
        let forms = Forms::new("vi", "tin tức", ".html", false, "");
        assert_eq!(forms.article("c", "a", 1), Vec::<String>::new());
    }

    #[test]
    fn the_old_addresses_come_in_pages() {
        let entries: Vec<(String, Target)> = (0..PAGE * 2 + 1)
            .map(|i| (format!("/a-{i}.html"), Target::Article(format!("a-{i}"))))
            .collect();
        let pages = documents(&entries);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[0]["next"], "legacy-urls-2.json");
        assert_eq!(pages[1]["next"], "legacy-urls-3.json");
        assert!(pages[2].get("next").is_none());
        assert_eq!(
            pages[2]["redirects"][0]["from"],
            format!("/a-{}.html", PAGE * 2)
        );
        assert!(pages
            .iter()
            .all(|p| p.to_string().len() < 5 * 1024 * 1024 / 4));
        let empty = documents(&[]);
        assert_eq!(empty, vec![json!({ "redirects": [] })]);
    }
}
