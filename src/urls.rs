//! URL arithmetic the app does at run time, as pure functions.
//!
//! The app learns where it lives only when it starts: the `<base href>` that
//! `trunk --public-url` wrote, and the `<meta name="portal-api">` an operator may
//! have edited after the build. Everything derived from those two strings lives
//! here so it can be tested natively, without a browser.

/// Where the app's routes live, given the absolute base URI of the page
/// (`document.baseURI`). Returns the path without a trailing slash, the form
/// `leptos_router`'s `Router base` expects: `""` at the root of a host,
/// `"/some/sub/path"` when deployed under a sub-path.
pub fn router_base(base_uri: &str) -> String {
    let path = split_url(base_uri).map(|u| u.path).unwrap_or("/");
    // A base such as `/app/index.html` names a file: its directory is the base.
    let dir = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    dir.trim_end_matches('/').to_string()
}

/// The absolute endpoint base, always ending in `/`, from the `portal-api` meta
/// value (missing or blank: `api/`) resolved against the page's base URI.
pub fn api_base(base_uri: &str, meta: Option<&str>) -> String {
    let configured = meta.map(str::trim).filter(|m| !m.is_empty());
    let mut resolved = resolve(base_uri, configured.unwrap_or("api/"));
    // Paths are appended to the base, so it must name a directory.
    if let Some(cut) = resolved.find(['?', '#']) {
        resolved.truncate(cut);
    }
    if !resolved.ends_with('/') {
        resolved.push('/');
    }
    resolved
}

/// Resolves `reference` against the absolute URL `base`, as a browser would
/// (RFC 3986 §5.2): absolute URLs pass, `//host`, `/path`, `?query`, `#frag`
/// and relative paths with `.`/`..` segments are merged with the base.
pub fn resolve(base: &str, reference: &str) -> String {
    let reference = reference.trim();
    if scheme_of(reference).is_some() {
        return reference.to_string();
    }
    let Some(base) = split_url(base) else {
        return reference.to_string();
    };
    if let Some(rest) = reference.strip_prefix("//") {
        return format!("{}://{}", base.scheme, rest);
    }
    let origin = format!("{}://{}", base.scheme, base.authority);
    if reference.is_empty() {
        return format!("{origin}{}{}", base.path, base.query);
    }
    if reference.starts_with('#') {
        return format!("{origin}{}{}{reference}", base.path, base.query);
    }
    if reference.starts_with('?') {
        return format!("{origin}{}{reference}", base.path);
    }
    let (ref_path, ref_tail) = match reference.find(['?', '#']) {
        Some(i) => reference.split_at(i),
        None => (reference, ""),
    };
    let merged = if ref_path.starts_with('/') {
        ref_path.to_string()
    } else {
        let dir = &base.path[..base.path.rfind('/').map_or(0, |i| i + 1)];
        format!("{dir}{ref_path}")
    };
    format!("{origin}{}{ref_tail}", remove_dot_segments(&merged))
}

/// The scheme of an absolute URL (`https`, `mailto`, `javascript`…), lower-cased,
/// or `None` for a relative reference. Per the URL standard a scheme is a letter
/// followed by letters, digits, `+`, `-` or `.`, ended by `:`.
pub fn scheme_of(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let rest_ok = chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (first_ok && rest_ok).then(|| candidate.to_ascii_lowercase())
}

/// The scheme and host part of an absolute URL, e.g. `https://portal.example.vn`.
pub fn origin_of(url: &str) -> Option<String> {
    split_url(url).map(|u| format!("{}://{}", u.scheme, u.authority))
}

/// Slugs come from the address bar and are pasted into endpoint paths, so only
/// a conservative alphabet passes: this alone keeps `../`, `?`, `#` and `/` out
/// of requests.
pub fn is_valid_slug(slug: &str) -> bool {
    (1..=200).contains(&slug.len())
        && slug
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
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

    /// The route part of a page's path (`/bai-viet/x`), the same wherever the
    /// build is deployed: what `POST stats/hit` reports.
    pub fn route_of(pathname: &str, base: &str) -> String {
        let route = pathname
            .strip_prefix(base)
            .filter(|rest| rest.is_empty() || rest.starts_with('/'))
            .unwrap_or(pathname);
        if route.starts_with('/') {
            route.to_string()
        } else {
            format!("/{route}")
        }
    }

    /// Whether an absolute URL is one of this app's routes on `app_origin`
    /// under `base`, so a click on it may stay inside the single-page app.
    pub fn is_app_route(url: &str, app_origin: &str, base: &str) -> bool {
        let Some(after_origin) = url.strip_prefix(app_origin) else {
            return false;
        };
        if !after_origin.is_empty() && !after_origin.starts_with(['/', '?', '#']) {
            // `https://a.vn` must not match `https://a.vn.evil.example`.
            return false;
        }
        let path = after_origin.split(['?', '#']).next().unwrap_or_default();
        let Some(route) = path.strip_prefix(base) else {
            return false;
        };
        route.is_empty()
            || route == "/"
            || route.starts_with("/bai-viet/")
            || route.starts_with("/chuyen-muc/")
    }
}

struct UrlParts<'a> {
    scheme: &'a str,
    authority: &'a str,
    /// Always starts with `/`.
    path: &'a str,
    /// Empty or starts with `?`; the fragment is dropped.
    query: &'a str,
}

/// Splits a hierarchical absolute URL (`scheme://authority/path?query#frag`).
fn split_url(url: &str) -> Option<UrlParts<'_>> {
    scheme_of(url)?;
    let (scheme, rest) = url.split_once("://")?;
    let rest = rest.split('#').next().unwrap_or_default();
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, path_and_query) = rest.split_at(authority_end);
    let (path, query) = match path_and_query.find('?') {
        Some(i) => path_and_query.split_at(i),
        None => (path_and_query, ""),
    };
    Some(UrlParts {
        scheme,
        authority,
        path: if path.is_empty() { "/" } else { path },
        query,
    })
}

/// RFC 3986 §5.2.4 on a path that starts with `/`.
fn remove_dot_segments(path: &str) -> String {
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.iter().enumerate() {
        match *segment {
            "." | ".." => {
                if *segment == ".." {
                    out.pop();
                }
                // `a/b/..` names the directory `a/`, keep its trailing slash.
                if i == last {
                    out.push("");
                }
            }
            other => out.push(other),
        }
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// index.html preloads `articles/{slug}.json` for slugs it recognises
    /// with a regular expression; it must recognise exactly what
    /// `is_valid_slug` accepts, or it would preload what the app never asks for.
    #[test]
    fn the_preload_script_knows_the_slug_rule_and_the_routes() {
        let script = crate::index_html_script("preload-data");
        assert!(
            script.contains(r"/^\/bai-viet\/([A-Za-z0-9_-]{1,200})$/"),
            "{script}"
        );
        assert!(script.contains(r"/^\/chuyen-muc\/[^/]+$/"), "{script}");
        assert!(script.contains("\"articles/\" + article[1] + \".json\""));
        assert_eq!(routes::article("", "x"), "/bai-viet/x");
        assert_eq!(routes::category("", "x"), "/chuyen-muc/x");
        assert!(is_valid_slug(&"a".repeat(200)) && !is_valid_slug(&"a".repeat(201)));
        assert!(is_valid_slug("A-z_09") && !is_valid_slug("") && !is_valid_slug("đ"));
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

    #[test]
    fn resolves_like_a_browser() {
        assert_eq!(
            resolve(BASE, "images/a.svg"),
            "https://portal.example.vn/tin/bai-viet/images/a.svg"
        );
        assert_eq!(
            resolve(BASE, "../x.json"),
            "https://portal.example.vn/tin/x.json"
        );
        assert_eq!(
            resolve(BASE, "./../../../../x"),
            "https://portal.example.vn/x"
        );
        assert_eq!(resolve(BASE, "/api/"), "https://portal.example.vn/api/");
        assert_eq!(resolve(BASE, "//cdn.vn/a"), "https://cdn.vn/a");
        assert_eq!(resolve(BASE, "http://other.vn/a"), "http://other.vn/a");
        assert_eq!(
            resolve(BASE, "#muc-2"),
            "https://portal.example.vn/tin/bai-viet/abc?x=1#muc-2"
        );
        assert_eq!(
            resolve(BASE, "?page=2"),
            "https://portal.example.vn/tin/bai-viet/abc?page=2"
        );
        assert_eq!(
            resolve(BASE, "a/b/.."),
            "https://portal.example.vn/tin/bai-viet/a/"
        );
        assert_eq!(
            resolve("http://127.0.0.1:8080", "api/"),
            "http://127.0.0.1:8080/api/"
        );
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
    fn schemes_are_recognised_case_insensitively() {
        assert_eq!(
            scheme_of("JavaScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme_of("mailto:a@b.vn").as_deref(), Some("mailto"));
        assert_eq!(scheme_of("images/a:b.png"), None);
        assert_eq!(scheme_of("/a:b"), None);
        assert_eq!(scheme_of("1http://x"), None);
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
        assert!(routes::is_app_route("https://a.vn/bai-viet/x", origin, ""));
        assert!(routes::is_app_route("https://a.vn/", origin, ""));
        assert!(routes::is_app_route("https://a.vn", origin, ""));
        assert!(routes::is_app_route(
            "https://a.vn/s/chuyen-muc/y?z#w",
            origin,
            "/s"
        ));
        assert!(!routes::is_app_route(
            "https://a.vn/files/a.pdf",
            origin,
            ""
        ));
        assert!(!routes::is_app_route(
            "https://a.vn/bai-viet/x",
            origin,
            "/s"
        ));
        assert!(!routes::is_app_route(
            "https://a.vn.evil.example/",
            origin,
            ""
        ));
        assert!(!routes::is_app_route("https://b.vn/bai-viet/x", origin, ""));
    }

    #[test]
    fn origin_is_scheme_and_host() {
        assert_eq!(
            origin_of("http://127.0.0.1:8080/a/b").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(origin_of("mailto:x@y"), None);
    }
}
