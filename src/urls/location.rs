//! Where the app runs: the router's base path and the endpoint's base
//! address (and the counting service's), from the page's base URI and the
//! `portal-api` (`portal-counter`) meta.

use super::{gate, ParsedUrl, UrlUse};

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
    directory(base_uri, meta)
        .or_else(|| directory(base_uri, Some("api/")))
        .unwrap_or_else(|| "/api/".into())
}

/// The counting service's base (`<meta name="portal-counter">`), like
/// [`api_base`]; `None` when the deployment names none (or nothing usable).
pub fn counter_base(base_uri: &str, meta: Option<&str>) -> Option<String> {
    directory(base_uri, meta)
}

/// A meta's address as a folder's: through the URL gate, resolved against
/// the page, without query or fragment, ending in `/` (paths are appended).
fn directory(base_uri: &str, meta: Option<&str>) -> Option<String> {
    let configured = meta.map(str::trim).filter(|m| !m.is_empty())?;
    let mut resolved = gate(base_uri, configured, UrlUse::Fetch)?;
    if let Some(cut) = resolved.find(['?', '#']) {
        resolved.truncate(cut);
    }
    if !resolved.ends_with('/') {
        resolved.push('/');
    }
    Some(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn the_counter_is_there_only_when_named() {
        assert_eq!(counter_base("http://h/app/", None), None);
        assert_eq!(counter_base("http://h/app/", Some(" ")), None);
        assert_eq!(
            counter_base("http://h/app/", Some("javascript:alert(1)")),
            None
        );
        assert_eq!(
            counter_base("http://h/app/", Some("https://dem.example.vn/v1?x#y")),
            Some("https://dem.example.vn/v1/".into())
        );
        assert_eq!(
            counter_base("http://h/app/", Some("/counter")),
            Some("http://h/counter/".into())
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
}
