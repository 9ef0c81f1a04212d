//! Points a built app at another endpoint, at deploy time, without a
//! rebuild: the `portal-api` of the shell, the policy (the endpoint's origin
//! allowed), and the pre-rendered pages, written again from the new
//! endpoint. All or nothing: when the new endpoint gives nothing to
//! pre-render, the build is left exactly as it was, unless the operator
//! asks for an app shell (`--shell`), which reads the endpoint in the
//! browser.

use std::path::Path;

use portal_reader::urls::{gate, UrlUse};

use crate::prerender::{self, prepare, write_shells, Options, Report};
use crate::progress::Progress;
use crate::template::is_prerendered;
use crate::writer::Writer;

/// What a switch did.
#[derive(Debug)]
pub enum Switched {
    /// The pages were pre-rendered again from the new endpoint.
    Prerendered(Report),
    /// The build is an app shell on the new endpoint; `removed` pages of the
    /// old one went.
    Shell { removed: usize },
}

/// Whether `url` can be an endpoint's address: an http(s) URL, or a path
/// relative to the app (`api/`), with nothing a browser would strip or
/// read differently.
pub fn check_url(url: &str) -> Result<(), String> {
    let plain = !url.is_empty()
        && url
            .chars()
            .all(|c| c.is_ascii_graphic() && !"\"'<>\\`".contains(c));
    let resolves = gate("https://app.invalid/", url, UrlUse::Fetch).is_some();
    if plain && resolves {
        Ok(())
    } else {
        Err(format!(
            "{url:?} is not an endpoint address: an http(s) URL, or a path relative to the app (api/), without spaces, quotes or angle brackets"
        ))
    }
}

/// Switches the build in `options.dist` to `url` (see the module).
pub fn run(
    options: &Options,
    url: &str,
    shell_only: bool,
    progress: &Progress,
) -> Result<Switched, String> {
    check_url(url)?;
    let dist = options.dist.as_path();
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap_or_default();
    if !shell_only && is_prerendered(&index) {
        let options = Options {
            api_meta: Some(url.to_string()),
            endpoint: None,
            ..options.clone()
        };
        return prerender::run(&options, progress).map(Switched::Prerendered).map_err(|error| {
            format!(
                "could not pre-render from {url}: {error}. Nothing changed: the build still reads its old endpoint. (--shell switches anyway, the pages of the old endpoint removed: the app then reads the new one in the browser.)"
            )
        });
    }
    let prepared = prepare(dist, Some(url), options.zalo)?;
    let mut writer = Writer::new(dist);
    write_shells(&mut writer, &prepared, &["index.html"])?;
    Ok(Switched::Shell {
        removed: remove_pages(dist)?,
    })
}

/// Takes out what the pre-render wrote from another endpoint.
fn remove_pages(dist: &Path) -> Result<usize, String> {
    let writer = Writer::new(dist);
    let mut removed = writer.remove_the_rest(&["bai-viet", "chuyen-muc"])?.len();
    for file in [
        "sitemap.xml",
        "robots.txt",
        "feed.xml",
        prerender::SEARCH_RECORDS,
    ] {
        let path = dist.join(file);
        if path.is_file() {
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endpoint_address_is_a_url_or_a_relative_path() {
        for good in [
            "api/",
            "./api/",
            "https://cms.example.vn/portal-api/",
            "http://127.0.0.1:8765/",
            "/data/",
        ] {
            assert_eq!(check_url(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "javascript:alert(1)",
            "data:application/json,{}",
            "https://a.vn/x\"><script>",
            "https://a.vn/ x",
            "api/\n",
            "file:///etc/",
        ] {
            assert!(check_url(bad).is_err(), "{bad:?}");
        }
    }
}
