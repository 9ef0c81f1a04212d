//! What each kind of host reads beside the pages, all written by the build
//! from the one policy it computes and the one list of old addresses:
//! `_headers` and `_redirects` (Netlify, Cloudflare Pages), an nginx include
//! (`_nginx.conf`) and an Apache `.htaccess`. docs/deploying.md says which
//! host reads which; `scripts/test` serves a build with the last two on real
//! nginx and Apache.

use crate::policy::Policy;
use crate::redirects::Redirect;

/// The files, by name under the build.
pub const REDIRECTS: &str = "_redirects";

/// `_redirects`: one permanent redirect a line (`from to 301`). Paths are
/// plain (the gate in [`crate::redirects`]): no space, quote or `#` to
/// escape.
pub fn redirects_file(redirects: &[Redirect]) -> String {
    let mut out = String::new();
    for r in redirects {
        out.push_str(&format!("{} {} 301\n", r.from, r.to));
    }
    out
}

/// Every host file of a build under `base_path` (ending in `/`): (name,
/// text).
pub fn files(
    policy: &Policy,
    base_path: &str,
    redirects: &[Redirect],
) -> Vec<(&'static str, String)> {
    vec![
        ("_headers", policy.headers_file(base_path)),
        (REDIRECTS, redirects_file(redirects)),
    ]
}
