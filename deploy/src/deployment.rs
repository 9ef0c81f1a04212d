//! Where a build's endpoint is, as the app will find it: the `portal-api`
//! meta resolved against the deployment's base exactly as the app resolves
//! it (`portal_reader::urls::api_base`), so the policy, the pre-render and
//! the service worker agree with the browser on what is another host.

use std::path::{Path, PathBuf};

use portal_reader::urls::{api_base, counter_base, origin_of, UrlUse};

/// An origin no deployment has: where the app's own pages stand while the
/// deploy step resolves addresses.
pub const HERE: &str = "https://portal-prerender.invalid";

/// Where the endpoint is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Endpoint {
    /// On the app's own host, under its folder: in the build (`api/`).
    InBuild(PathBuf),
    /// On another host: read over HTTP, allowed by the policy.
    Elsewhere { url: String, origin: String },
    /// On the app's own host, outside its folder (`/data/` for an app at
    /// `/tin/`): not in the build, and no address to read it from here.
    OutsideBuild(String),
}

/// The endpoint a build whose base path is `base_path` (`/tin/`) reads,
/// given its `portal-api` meta.
pub fn endpoint(dist: &Path, base_path: &str, meta: &str) -> Endpoint {
    let url = api_base(&format!("{HERE}{base_path}"), Some(meta));
    match origin_of(&url) {
        Some(origin) if origin != HERE => Endpoint::Elsewhere { url, origin },
        _ => {
            let path = url.strip_prefix(HERE).unwrap_or(&url).to_string();
            match path.strip_prefix(base_path) {
                Some(inside) => Endpoint::InBuild(dist.join(inside)),
                None => Endpoint::OutsideBuild(path),
            }
        }
    }
}

/// The counting service's origin, as the app will resolve its
/// `portal-counter` meta, when it is another than the app's (`None`: on
/// the app's own, or nothing the app would use).
pub fn counter_origin(base_path: &str, meta: &str) -> Option<String> {
    let url = counter_base(&format!("{HERE}{base_path}"), Some(meta))?;
    origin_of(&url).filter(|origin| origin != HERE)
}

/// An endpoint address an operator may give: an http(s) URL (returned as
/// the URL standard writes it) or a path relative to the app (`api/`,
/// returned as given). Nothing the browser would read differently from
/// the deploy step: no scheme in odd case, no `//host`, no root path, no
/// space, quote or angle bracket.
pub fn checked_address(address: &str) -> Result<String, String> {
    let refuse = || {
        Err(format!(
            "{address:?} is not an endpoint address: an http(s) URL, or a path relative to the app (api/), without spaces, quotes or angle brackets"
        ))
    };
    let plain = !address.is_empty()
        && address
            .chars()
            .all(|c| c.is_ascii_graphic() && !"\"'<>\\`".contains(c));
    if !plain {
        return refuse();
    }
    if address.contains("://") || address.starts_with("//") || address.contains(':') {
        // An absolute address: http(s) only, as its parser writes it.
        return portal_reader::urls::gate("https://app.invalid/", address, UrlUse::Fetch)
            .filter(|url| url.starts_with("http://") || url.starts_with("https://"))
            .filter(|_| address.starts_with("http://") || address.starts_with("https://"))
            .map_or_else(refuse, Ok);
    }
    if address.starts_with('/') || address.split('/').any(|segment| segment == "..") {
        return refuse();
    }
    Ok(address.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_endpoint_is_where_the_app_will_find_it() {
        let dist = Path::new("/srv/dist");
        assert_eq!(
            endpoint(dist, "/", "api/"),
            Endpoint::InBuild(dist.join("api/"))
        );
        assert_eq!(
            endpoint(dist, "/tin/", "./du-lieu/v1/"),
            Endpoint::InBuild(dist.join("du-lieu/v1/"))
        );
        assert_eq!(
            endpoint(dist, "/", "HTTPS://CMS.example.vn/api"),
            Endpoint::Elsewhere {
                url: "https://cms.example.vn/api/".into(),
                origin: "https://cms.example.vn".into()
            }
        );
        assert_eq!(
            endpoint(dist, "/tin/", "/data/"),
            Endpoint::OutsideBuild("/data/".into())
        );
        // What the app takes for no endpoint: `api/`.
        assert_eq!(
            endpoint(dist, "/", "javascript:alert(1)"),
            Endpoint::InBuild(dist.join("api/"))
        );
    }

    #[test]
    fn an_address_is_a_url_or_a_relative_path() {
        assert_eq!(checked_address("api/").as_deref(), Ok("api/"));
        assert_eq!(checked_address("./du-lieu/").as_deref(), Ok("./du-lieu/"));
        assert_eq!(
            checked_address("https://cms.example.vn/api/").as_deref(),
            Ok("https://cms.example.vn/api/")
        );
        assert_eq!(
            checked_address("http://127.0.0.1:8765/").as_deref(),
            Ok("http://127.0.0.1:8765/")
        );
        assert_eq!(
            checked_address("https://CMS.vn/a/../b/").as_deref(),
            Ok("https://cms.vn/b/")
        );
        for bad in [
            "",
            "HTTPS://cms.vn/api/",
            "//cms.vn/api/",
            "/data/",
            "../api/",
            "javascript:alert(1)",
            "data:application/json,{}",
            "file:///etc/",
            "https://a.vn/x\"><script>",
            "https://a.vn/ x",
            "api/\n",
        ] {
            assert!(checked_address(bad).is_err(), "{bad:?}");
        }
    }
}
