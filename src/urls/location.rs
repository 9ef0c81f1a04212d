//! Where the app runs: the router's base path and the endpoint's base
//! address, from the page's base URI and the `portal-api` meta.

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
    fn router_base_is_the_directory_without_trailing_slash() {
        assert_eq!(router_base("http://127.0.0.1:8080/"), "");
        assert_eq!(router_base("http://127.0.0.1:8080"), "");
        assert_eq!(router_base("http://h/some/sub/path/"), "/some/sub/path");
        assert_eq!(router_base("http://h/app/index.html"), "/app");
        assert_eq!(router_base("not a url"), "");
    }
}
