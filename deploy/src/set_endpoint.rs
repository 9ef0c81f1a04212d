//! Points a built app at another endpoint, at deploy time, without a
//! rebuild: the `portal-api` of the shell (and `portal-counter`, the
//! counting service, with `--counter`), the policy (their origins
//! allowed), and the pre-rendered pages, written again from the new
//! endpoint. All or nothing: when the new endpoint gives nothing to
//! pre-render, the build is left exactly as it was, unless the operator
//! asks for an app shell (`--shell`), which reads the endpoint in the
//! browser.

use std::path::Path;

use crate::deployment::checked_address;
use crate::markup::is_prerendered;
use crate::prerender::{self, prepare, write_shells, Options, Report};
use crate::progress::Progress;
use crate::shell::CounterChange;
use crate::writer::{Lock, Writer};

/// What a switch did.
#[derive(Debug)]
pub enum Switched {
    /// The pages were pre-rendered again from the new endpoint.
    Prerendered(Report),
    /// The build is an app shell on the new endpoint; `removed` files of the
    /// old one went.
    Shell { removed: usize },
}

/// Switches the build in `options.dist` to the endpoint at `address` (see
/// the module).
pub fn run(
    options: &Options,
    address: &str,
    shell_only: bool,
    progress: &Progress,
) -> Result<Switched, String> {
    let url = checked_address(address)?;
    if let CounterChange::Set(counter) = &options.counter {
        checked_address(counter).map_err(|e| format!("--counter: {e}"))?;
    }
    let url = url.as_str();
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
    let _lock = Lock::take(dist)?;
    let prepared = prepare(dist, Some(url), &options.counter, options.zalo)?;
    let mut writer = Writer::new(dist);
    write_shells(&mut writer, &prepared, &["index.html"], None)?;
    Ok(Switched::Shell {
        removed: remove_pages(dist)?,
    })
}

/// Takes out what the pre-render wrote from another endpoint, and its search
/// records: `scripts/set-endpoint` then writes an empty search index over
/// the old endpoint's, whose articles this build no longer reads.
fn remove_pages(dist: &Path) -> Result<usize, String> {
    let writer = Writer::new(dist);
    let mut removed = writer.remove_the_rest(&["bai-viet", "chuyen-muc"])?.len();
    let mut files: Vec<String> = ["sitemap.xml", "robots.txt", "feed.xml"]
        .map(String::from)
        .to_vec();
    files.extend(crate::site_files::sitemap_parts_in(dist));
    for file in files {
        let path = dist.join(file);
        if path.is_file() {
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            removed += 1;
        }
    }
    crate::state::forget(dist)?;
    Ok(removed)
}
