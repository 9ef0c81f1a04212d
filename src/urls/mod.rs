//! URL arithmetic the app does at run time, as pure functions.
//!
//! The app learns where it lives only when it starts: the `<base href>` that
//! `trunk --public-url` wrote, and the `<meta name="portal-api">` an operator may
//! have edited after the build. Everything derived from those two strings lives
//! here so it can be tested natively, without a browser.

//! Every URL the app handles: where it runs, the one gate for URLs from the
//! endpoint, slugs and the app's own routes.
//!
//! The app learns where it lives only when it starts: the `<base href>` that
//! `trunk --public-url` wrote, and the `<meta name="portal-api">` an operator may
//! have edited after the build. Everything else comes from the endpoint and is
//! untrusted: every such URL goes through [`gate`], which resolves it with the
//! URL standard's parser ([`ParsedUrl`]: the browser's own in the app) and
//! checks the scheme of the *resolved* URL, the one the page will use.

mod parser;

pub use parser::ParsedUrl;

/// What a URL from the endpoint will be used for, which decides the schemes
/// it may have. Images and fetches happen without the reader asking, so they
/// get the narrowest list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// Followed by the reader: `a href`, `cite`. http, https, mailto.
    Link,
    /// Loaded silently: `img src`. http, https.
    Image,
    /// Requested by the app: the endpoint's own documents. http, https.
    Fetch,
}

impl UrlUse {
    /// Whether a URL with `scheme` (lower case, no colon) may be used so.
    pub fn allows(self, scheme: &str) -> bool {
        matches!(scheme, "http" | "https") || (self == UrlUse::Link && scheme == "mailto")
    }
}

/// The one gate for URLs from the endpoint: `reference` resolved against the
/// absolute URL `base` as the browser resolves it, returned serialised when
/// the resolved URL's scheme is allowed for `use_`, `None` otherwise (the
/// caller drops the attribute, the image or the request).
///
/// Checking the resolved URL rather than the text is what makes disguises
/// useless: whatever spaces, controls, entities or case hide a scheme, the
/// parser finds the scheme the browser would act on, and the page receives
/// exactly the URL that was checked. An empty reference (which would resolve
/// to the page itself) is refused too.
pub fn gate(base: &str, reference: &str, use_: UrlUse) -> Option<String> {
    // The URL parser strips leading and trailing C0 controls and spaces.
    if reference.trim_matches(|c: char| c <= ' ').is_empty() {
        return None;
    }
    let url = ParsedUrl::parse(reference, Some(base))?;
    use_.allows(&url.scheme()).then(|| url.href())
}

/// The value of `name` in a URL's query string (`?q=lai+chau`), decoded
/// as a form would have encoded it (`+` a space, `%XX` a byte, bad UTF-8
/// replaced); `""` without one. Native: the browser has `URLSearchParams`
/// ([`crate::search::query_of`]); the browser tests compare the two.
pub fn query_param(search: &str, name: &str) -> String {
    let pairs = search.trim_start_matches('?').split('&');
    let Some(value) = pairs
        .filter_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .next()
    else {
        return String::new();
    };
    let bytes = value.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            byte => out.push(byte),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `value` encoded for a URL's query string, as `encodeURIComponent` would.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(byte as char);
        } else {
            const HEX: &[u8; 16] = b"0123456789ABCDEF";
            out.extend([
                '%',
                HEX[usize::from(byte >> 4)] as char,
                HEX[usize::from(byte & 15)] as char,
            ]);
        }
    }
    out
}

/// Where the app's routes live, given the absolute base URI of the page
/// (`document.baseURI`). Returns the path without a trailing slash, the form
/// the page table and [`crate::router`] compare paths with: `""` at the root of a host,
/// `"/some/sub/path"` when deployed under a sub-path.
pub fn router_base(base_uri: &str) -> String {
    let path = ParsedUrl::parse(base_uri, None)
        .map(|u| u.pathname())
        .filter(|p| p.starts_with('/'))
        .unwrap_or_else(|| "/".into());
    // A base such as `/app/index.html` names a file: its directory is the base.
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    dir.trim_end_matches('/').to_string()
}

/// The absolute endpoint base, always ending in `/`, from the `portal-api` meta
/// value (missing, blank or not an http(s) address: `api/`) resolved against
/// the page's base URI.
pub fn api_base(base_uri: &str, meta: Option<&str>) -> String {
    let configured = meta.map(str::trim).filter(|m| !m.is_empty());
    let mut resolved = configured
        .and_then(|m| gate(base_uri, m, UrlUse::Fetch))
        .or_else(|| gate(base_uri, "api/", UrlUse::Fetch))
        .unwrap_or_else(|| "/api/".into());
    // Paths are appended to the base, so it must name a directory.
    if let Some(cut) = resolved.find(['?', '#']) {
        resolved.truncate(cut);
    }
    if !resolved.ends_with('/') {
        resolved.push('/');
    }
    resolved
}

/// The scheme and host part of an absolute http(s) URL, e.g.
/// `https://portal.example.vn`; `None` for anything else.
pub fn origin_of(url: &str) -> Option<String> {
    let url = ParsedUrl::parse(url.trim(), None)?;
    UrlUse::Fetch.allows(&url.scheme()).then(|| url.origin())
}

/// `url` (absolute, as [`gate`] serialised it) as a page on `page_origin`
/// writes it: root-relative when it is on the page's own origin, as it is
/// otherwise. A page written ahead of time then works on any host, and links
/// and images mean the same in the browser. Only a path that is a path stays
/// relative: `//host/…` would name another host.
pub fn for_page(url: String, page_origin: &str) -> String {
    match url.strip_prefix(page_origin) {
        Some(rest)
            if rest.starts_with('/') && !rest.starts_with("//") && !page_origin.is_empty() =>
        {
            rest.to_string()
        }
        _ => url,
    }
}

/// Slugs come from the address bar and are pasted into endpoint paths, and
/// the pre-render writes each as a file name, so only a conservative
/// alphabet passes: lower-case ASCII letters, digits, `-` and `_`, 1 to 200
/// of them. That keeps `../`, `?`, `#` and `/` out of requests; lower case
/// only, so no two slugs name one file where file names ignore case (macOS,
/// Windows, some bucket tools); and no name Windows reserves for a device
/// (`con`, `nul`, `com1`…), which no file there can have whatever its
/// extension. An endpoint's slug outside the rule is not an article of the
/// app (the list leaves it out, the pre-render says which).
pub fn is_valid_slug(slug: &str) -> bool {
    (1..=200).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && !is_device_name(slug)
}

/// `con`, `prn`, `aux`, `nul`, `com0`–`com9`, `lpt0`–`lpt9`.
fn is_device_name(slug: &str) -> bool {
    match slug.as_bytes() {
        [b'c', b'o', b'n'] | [b'p', b'r', b'n'] | [b'a', b'u', b'x'] | [b'n', b'u', b'l'] => true,
        [b'c', b'o', b'm', d] | [b'l', b'p', b't', d] => d.is_ascii_digit(),
        _ => false,
    }
}

/// The app's own routes, as paths under the router base.
pub mod routes {
    pub fn home(base: &str) -> String {
        format!("{base}/")
    }
    pub fn article(base: &str, slug: &str) -> String {
        format!("{base}/bai-viet/{slug}")
    }
    pub fn category(base: &str, slug: &str) -> String {
        format!("{base}/chuyen-muc/{slug}")
    }
    /// The articles saved for offline reading.
    pub fn saved(base: &str) -> String {
        format!("{base}/bai-da-luu")
    }
    /// The results for `query` (a shareable, reloadable address).
    pub fn search(base: &str, query: &str) -> String {
        format!("{base}/tim-kiem?q={}", crate::urls::encode_component(query))
    }

    /// The page a path shows: the app's route table. A pure function rather
    /// than `leptos_router`'s `FlatRoutes`, whose matching machinery cost
    /// 23 KB brotli of wasm for four routes (issue 14). [`crate::router`]
    /// keeps the address, the history and the link clicks.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub enum Page {
        Home,
        Category(String),
        Article(String),
        Saved,
        Search,
        NotFound,
    }

    impl Page {
        /// The page at `pathname` (as the address bar has it, with the
        /// deployment's `base`). One trailing slash is forgiven; a segment
        /// is taken as it is written (slugs are checked where they are used);
        /// a path outside the deployment is no page of it.
        pub fn of(pathname: &str, base: &str) -> Page {
            if under_base(pathname, base).is_none() {
                return Page::NotFound;
            }
            let route = route_of(pathname, base);
            let route = match route.strip_suffix('/') {
                Some(trimmed) if !trimmed.is_empty() => trimmed,
                _ => route.as_str(),
            };
            let one_segment = |prefix: &str| {
                route
                    .strip_prefix(prefix)
                    .filter(|rest| !rest.is_empty() && !rest.contains('/'))
                    .map(str::to_string)
            };
            if route == "/" {
                Page::Home
            } else if route == "/bai-da-luu" {
                Page::Saved
            } else if route == "/tim-kiem" {
                Page::Search
            } else if let Some(slug) = one_segment("/bai-viet/") {
                Page::Article(slug)
            } else if let Some(slug) = one_segment("/chuyen-muc/") {
                Page::Category(slug)
            } else {
                Page::NotFound
            }
        }
    }

    /// What follows the deployment's `base` in `pathname`, if the path is
    /// under it (whole segments: `/tinh` is not under `/tin`).
    fn under_base<'a>(pathname: &'a str, base: &str) -> Option<&'a str> {
        pathname
            .strip_prefix(base)
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
    }

    /// The route part of a page's path (`/bai-viet/x`), the same wherever the
    /// build is deployed: what `POST stats/hit` reports.
    pub fn route_of(pathname: &str, base: &str) -> String {
        let route = under_base(pathname, base).unwrap_or(pathname);
        if route.starts_with('/') {
            route.to_string()
        } else {
            format!("/{route}")
        }
    }

    /// Whether a link as a page writes it ([`super::for_page`]: root-relative
    /// on the app's own origin) leads to one of the app's pages under `base`,
    /// so a click on it may stay inside the single-page app. The same table
    /// as the router's ([`Page::of`]).
    pub fn is_app_route(href: &str, base: &str) -> bool {
        if !href.starts_with('/') || href.starts_with("//") {
            return false;
        }
        let path = href.split(['?', '#']).next().unwrap_or_default();
        Page::of(path, base) != Page::NotFound
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// index.html preloads `articles/{slug}.json` for slugs it recognises
    /// with a regular expression; it must recognise exactly what
    /// `is_valid_slug` accepts, or it would preload what the app never asks for.
    #[test]
    fn the_preload_script_knows_the_slug_rule_and_the_routes() {
        let script = crate::test_support::index_html_script("preload-data");
        assert!(
            script.contains(r"/^\/bai-viet\/([a-z0-9_-]{1,200})$/"),
            "{script}"
        );
        assert!(script.contains(r"/^\/chuyen-muc\/[^/]+$/"), "{script}");
        assert!(script.contains("\"articles/\" + article[1] + \".json\""));
        assert_eq!(routes::article("", "x"), "/bai-viet/x");
        assert_eq!(routes::category("", "x"), "/chuyen-muc/x");
        assert!(is_valid_slug(&"a".repeat(200)) && !is_valid_slug(&"a".repeat(201)));
        assert!(
            script.contains(r"!/^(con|prn|aux|nul|com\d|lpt\d)$/.test(article[1])"),
            "{script}"
        );
        assert!(is_valid_slug("a-z_09") && !is_valid_slug("") && !is_valid_slug("đ"));
        // The script's reserved names are the rule's.
        for name in ["con", "prn", "aux", "nul", "com0", "com9", "lpt1"] {
            assert!(!is_valid_slug(name), "{name}");
        }
        for name in ["cons", "co", "com", "com10", "lpt", "nul1", "console"] {
            assert!(is_valid_slug(name), "{name}");
        }
    }

    #[test]
    fn every_path_shows_one_page() {
        use routes::Page;
        let cases = [
            ("/", "", Page::Home),
            ("", "", Page::Home),
            ("/tin", "/tin", Page::Home),
            ("/tin/", "/tin", Page::Home),
            ("/bai-viet/a-b_1", "", Page::Article("a-b_1".into())),
            ("/tin/bai-viet/a", "/tin", Page::Article("a".into())),
            ("/bai-viet/a/", "", Page::Article("a".into())),
            ("/chuyen-muc/thoi-su", "", Page::Category("thoi-su".into())),
            ("/bai-da-luu", "", Page::Saved),
            ("/bai-da-luu/", "", Page::Saved),
            ("/bai-viet/", "", Page::NotFound),
            ("/bai-viet", "", Page::NotFound),
            ("/bai-viet/a/b", "", Page::NotFound),
            ("/chuyen-muc/", "", Page::NotFound),
            ("/bai-viet//", "", Page::NotFound),
            ("/khong-co", "", Page::NotFound),
            ("/bai-da-luu-x", "", Page::NotFound),
            ("/tim-kiem", "", Page::Search),
            ("/tin/tim-kiem/", "/tin", Page::Search),
            ("/tim-kiem/x", "", Page::NotFound),
            ("/BAI-VIET/a", "", Page::NotFound),
            ("/bai-viet/a", "/tin", Page::NotFound),
            ("/tinh/bai-viet/a", "/tin", Page::NotFound),
        ];
        for (path, base, page) in cases {
            assert_eq!(Page::of(path, base), page, "{path} under {base:?}");
        }
    }

    #[test]
    fn the_route_of_a_path_drops_the_deployment_prefix() {
        use routes::route_of;
        assert_eq!(route_of("/bai-viet/a", ""), "/bai-viet/a");
        assert_eq!(route_of("/tin/bai-viet/a", "/tin"), "/bai-viet/a");
        assert_eq!(route_of("/tin", "/tin"), "/");
        assert_eq!(route_of("/tin/", "/tin"), "/");
        assert_eq!(
            route_of("/tinh/x", "/tin"),
            "/tinh/x",
            "only whole segments"
        );
        assert_eq!(route_of("", ""), "/");
    }

    const BASE: &str = "https://portal.example.vn/tin/bai-viet/abc?x=1#top";

    fn link(reference: &str) -> Option<String> {
        gate(BASE, reference, UrlUse::Link)
    }

    #[test]
    fn the_gate_resolves_like_a_browser() {
        let cases = [
            (
                "images/a.svg",
                "https://portal.example.vn/tin/bai-viet/images/a.svg",
            ),
            ("../x.json", "https://portal.example.vn/tin/x.json"),
            ("./../../../../x", "https://portal.example.vn/x"),
            ("/api/", "https://portal.example.vn/api/"),
            ("//cdn.vn/a", "https://cdn.vn/a"),
            ("http://other.vn/a", "http://other.vn/a"),
            (
                "#muc-2",
                "https://portal.example.vn/tin/bai-viet/abc?x=1#muc-2",
            ),
            (
                "?page=2",
                "https://portal.example.vn/tin/bai-viet/abc?page=2",
            ),
            ("a/b/..", "https://portal.example.vn/tin/bai-viet/a/"),
            (
                " https://laichau.gov.vn/a?b=1 ",
                "https://laichau.gov.vn/a?b=1",
            ),
            ("HTTPS://Example.VN/A", "https://example.vn/A"),
            ("mailto:toa-soan@example.vn", "mailto:toa-soan@example.vn"),
            // A backslash is a slash in http(s) URLs: a plain link to a host.
            ("\\\\evil\\share", "https://evil/share"),
        ];
        for (reference, resolved) in cases {
            assert_eq!(link(reference).as_deref(), Some(resolved), "{reference:?}");
        }
        assert_eq!(
            gate("http://127.0.0.1:8080", "api/", UrlUse::Fetch).as_deref(),
            Some("http://127.0.0.1:8080/api/")
        );
    }

    /// The defect of issue 9: `str::trim` uncovered a scheme that the old
    /// check, which stripped only up to U+0020, had not seen. The gate checks
    /// what the parser resolved, so no disguise changes the verdict.
    #[test]
    fn the_gate_refuses_script_and_data_urls_however_disguised() {
        let disguises = [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "\u{a0}javascript:alert(1)",
            "\u{3000}javascript:alert(1)",
            "\u{2028}javascript:alert(1)",
            "\u{85}javascript:alert(1)",
            "\u{feff}javascript:alert(1)",
            "\u{a0}data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "blob:https://portal.example.vn/0",
            "",
            "   ",
            "\u{0}",
        ];
        for reference in disguises {
            for use_ in [UrlUse::Link, UrlUse::Image, UrlUse::Fetch] {
                let out = gate(BASE, reference, use_);
                // Either refused, or a harmless relative path of this site:
                // what no scheme could be recognised in is a path segment.
                if let Some(url) = &out {
                    assert!(
                        url.starts_with("https://portal.example.vn/"),
                        "{reference:?} as {use_:?} gave {url}"
                    );
                }
            }
        }
        assert_eq!(link("javascript:alert(1)"), None);
        assert_eq!(
            gate(BASE, "data:image/png;base64,AAAA", UrlUse::Image),
            None
        );
        assert_eq!(gate(BASE, "mailto:a@b.vn", UrlUse::Image), None);
        assert_eq!(gate(BASE, "mailto:a@b.vn", UrlUse::Fetch), None);
    }

    #[test]
    fn api_base_defaults_and_sub_paths() {
        assert_eq!(
            api_base("http://127.0.0.1:8080/", None),
            "http://127.0.0.1:8080/api/"
        );
        assert_eq!(
            api_base("http://127.0.0.1:8080/", Some("  ")),
            "http://127.0.0.1:8080/api/"
        );
        assert_eq!(
            api_base("http://h/some/sub/path/", Some("api/")),
            "http://h/some/sub/path/api/"
        );
        assert_eq!(
            api_base("http://h/some/sub/path/", Some("https://cms.vn/v1")),
            "https://cms.vn/v1/"
        );
        assert_eq!(
            api_base("http://h/app/", Some("/data?v=2")),
            "http://h/data/"
        );
        assert_eq!(
            api_base("http://h/app/", Some("javascript:alert(1)")),
            "http://h/app/api/",
            "only an http(s) endpoint is taken"
        );
    }

    #[test]
    fn query_parameters_decode_as_forms_encode_them() {
        assert_eq!(query_param("?q=lai+chau", "q"), "lai chau");
        assert_eq!(
            query_param("?x=1&q=L%E1%BA%A1i%20Ch%C3%A2u", "q"),
            "Lại Châu"
        );
        assert_eq!(query_param("?qq=1&q=2", "q"), "2");
        assert_eq!(query_param("?q=100%", "q"), "100%");
        assert_eq!(query_param("?q=%ZZ%E1", "q"), "%ZZ\u{fffd}");
        assert_eq!(query_param("", "q"), "");
        assert_eq!(encode_component("a b/é"), "a%20b%2F%C3%A9");
        for value in ["lai chau", "\"đảng bộ\" & 100% + ?#/", "a=b&q=c"] {
            assert_eq!(
                query_param(&format!("?q={}", encode_component(value)), "q"),
                value
            );
        }
    }

    #[test]
    fn router_base_is_the_directory_without_trailing_slash() {
        assert_eq!(router_base("http://127.0.0.1:8080/"), "");
        assert_eq!(router_base("http://127.0.0.1:8080"), "");
        assert_eq!(router_base("http://h/some/sub/path/"), "/some/sub/path");
        assert_eq!(router_base("http://h/app/index.html"), "/app");
        assert_eq!(router_base("not a url"), "");
    }

    #[test]
    fn slugs_keep_paths_out() {
        assert!(is_valid_slug("hoc-tap-va-lam-theo-bac"));
        assert!(is_valid_slug("bai_2024"));
        for bad in [
            "",
            "../site",
            "a/b",
            "a?b",
            "a#b",
            "tiếng-việt",
            "a b",
            "a%2Fb",
        ] {
            assert!(!is_valid_slug(bad), "{bad} should be refused");
        }
        assert!(!is_valid_slug(&"a".repeat(201)));
    }

    #[test]
    fn routes_and_app_route_detection() {
        assert_eq!(routes::article("/sub", "x"), "/sub/bai-viet/x");
        assert_eq!(routes::category("", "y"), "/chuyen-muc/y");
        assert_eq!(routes::home(""), "/");
        let origin = "https://a.vn";
        let link = |url: &str| for_page(url.to_string(), origin);
        assert!(routes::is_app_route(&link("https://a.vn/bai-viet/x"), ""));
        assert!(routes::is_app_route(&link("https://a.vn/"), ""));
        assert!(routes::is_app_route(
            &link("https://a.vn/s/chuyen-muc/y?z#w"),
            "/s"
        ));
        // Issue 23: the router's own table, search and saved pages included.
        assert!(routes::is_app_route(&link("https://a.vn/tim-kiem?q=x"), ""));
        assert!(routes::is_app_route(&link("https://a.vn/bai-da-luu"), ""));
        assert!(!routes::is_app_route(&link("https://a.vn/files/a.pdf"), ""));
        assert!(!routes::is_app_route(
            &link("https://a.vn/bai-viet/x"),
            "/s"
        ));
        assert!(!routes::is_app_route(
            &link("https://a.vn.evil.example/"),
            ""
        ));
        assert!(!routes::is_app_route(&link("https://b.vn/bai-viet/x"), ""));
        assert!(!routes::is_app_route("//b.vn/bai-viet/x", ""));
        // Every path is one page or none, for links as for the address bar.
        for path in [
            "/",
            "/bai-viet/a",
            "/chuyen-muc/b",
            "/tim-kiem",
            "/bai-da-luu",
            "/x",
            "/bai-viet/",
        ] {
            let page = routes::Page::of(path, "");
            assert_eq!(
                routes::is_app_route(path, ""),
                page != routes::Page::NotFound,
                "{path}"
            );
        }
    }

    #[test]
    fn links_on_the_page_origin_become_root_relative() {
        let origin = "https://a.vn";
        let cases = [
            ("https://a.vn/tin/bai-viet/x?y#z", "/tin/bai-viet/x?y#z"),
            ("https://a.vn/", "/"),
            ("https://a.vn.evil.example/x", "https://a.vn.evil.example/x"),
            ("https://a.vn:8443/x", "https://a.vn:8443/x"),
            ("http://a.vn/x", "http://a.vn/x"),
            ("https://user@a.vn/x", "https://user@a.vn/x"),
            // Not a path: it would name the host `evil.example`.
            (
                "https://a.vn//evil.example/x",
                "https://a.vn//evil.example/x",
            ),
        ];
        for (url, want) in cases {
            assert_eq!(for_page(url.to_string(), origin), want, "{url}");
        }
        assert_eq!(for_page("https://a.vn/x".into(), ""), "https://a.vn/x");
    }

    #[test]
    fn origin_is_scheme_and_host() {
        assert_eq!(
            origin_of("http://127.0.0.1:8080/a/b").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin_of("mailto:x@y"), None);
        assert_eq!(origin_of("javascript:alert(1)"), None);
        assert_eq!(
            origin_of(" https://Sonha.example.vn/cu/?x=1#y ").as_deref(),
            Some("https://sonha.example.vn")
        );
    }
}
