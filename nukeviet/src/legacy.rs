//! The old portal's addresses, for the redirects that keep years of shared
//! links working: every form NukeViet 4's rewrite settings produce for an
//! article, a category, the module's home and its RSS feeds
//! (`includes/functions.php`, `nv_url_rewrite`):
//!
//! - `/{lang}/{module}/{cat}/{alias}-{id}.html` (the default, several languages),
//! - `/{module}/{cat}/{alias}-{id}.html` (`rewrite_optional`, one language),
//! - `/{cat}/{alias}-{id}.html` (`rewrite_op_mod` = the module, the
//!   single-language install's default),
//!
//! and the same three prefixes for `{cat}/`, `rss/` and `rss/{cat}/`. All
//! three are written whatever the settings are today: a portal's settings
//! change over the years, its shares do not. The deploy step decides which
//! of them a host can answer (docs/nukeviet.md).

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
    /// `lang` and `module` (the module's URL name), and the article
    /// extension (`rewrite_exturl`, `.html`). Only NukeViet's URL alphabet
    /// passes (letters, digits, `-`, `_`, `.`); anything else gives no form.
    pub fn new(lang: &str, module: &str, extension: &str) -> Forms {
        let mut prefixes = vec![
            format!("/{lang}/{module}/"),
            format!("/{module}/"),
            "/".to_string(),
        ];
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

    /// Every old address of an article in `categories` (its main category
    /// first: NukeViet answers a secondary one by redirecting to it).
    pub fn article(&self, categories: &[&str], alias: &str, id: u64) -> Vec<String> {
        let mut out = Vec::new();
        for prefix in &self.prefixes {
            for category in categories {
                out.push(format!("{prefix}{category}/{alias}-{id}{}", self.extension));
            }
        }
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

/// `legacy-urls.json`: `{"redirects": [{"from": "/vi/news/…", "article": "slug"}, …]}`.
pub fn document(entries: &[(String, Target)]) -> Value {
    let redirects: Vec<Value> = entries
        .iter()
        .map(|(from, target)| match target {
            Target::Home => json!({ "from": from, "home": true }),
            Target::Article(slug) => json!({ "from": from, "article": slug }),
            Target::Category(slug) => json!({ "from": from, "category": slug }),
            Target::Feed(None) => json!({ "from": from, "feed": "" }),
            Target::Feed(Some(slug)) => json!({ "from": from, "feed": slug }),
        })
        .collect();
    json!({ "redirects": redirects })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rewrite_form_of_an_article_and_a_category() {
        let forms = Forms::new("vi", "news", ".html");
        assert_eq!(
            forms.article(&["Thoi-su", "trong-tinh"], "khai-mac", 1),
            vec![
                "/vi/news/Thoi-su/khai-mac-1.html",
                "/vi/news/trong-tinh/khai-mac-1.html",
                "/news/Thoi-su/khai-mac-1.html",
                "/news/trong-tinh/khai-mac-1.html",
                "/Thoi-su/khai-mac-1.html",
                "/trong-tinh/khai-mac-1.html",
            ]
        );
        assert_eq!(
            forms.category("kinh-te"),
            vec![
                ("/vi/news/kinh-te/".to_string(), false),
                ("/vi/news/rss/kinh-te/".to_string(), true),
                ("/news/kinh-te/".to_string(), false),
                ("/news/rss/kinh-te/".to_string(), true),
                ("/kinh-te/".to_string(), false),
                ("/rss/kinh-te/".to_string(), true),
            ]
        );
        let module: Vec<String> = forms.module().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            module,
            vec![
                "/vi/news/",
                "/vi/news/rss/",
                "/news/",
                "/news/rss/",
                "/rss/",
                "/vi/"
            ]
        );
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
        let forms = Forms::new("vi", "tin tức", ".html");
        assert_eq!(forms.article(&["c"], "a", 1), vec!["/c/a-1.html"]);
    }
}
