//! The one gate for URLs from the endpoint, and how a page writes the URLs
//! it lets through.

use super::ParsedUrl;

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

#[cfg(test)]
mod tests {
    use super::*;

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
