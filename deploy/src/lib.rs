//! The deploy step of the portal reader: what turns a trunk build and an
//! endpoint into a deployment.
//!
//! - `prerender`: every route as a real page, from the endpoint, with the
//!   sitemap, `robots.txt` and the Atom feeds ([`site_files`], [`dates`]).
//! - `shell`, `template`: the build's shell (with the deployment's policy
//!   and endpoint meta at their places), and the page template cut from it
//!   once; `markup`: reading HTML, the build's at fixed points, any other
//!   through a parser.
//! - `policy`: the Content-Security-Policy of the build; `host_files`:
//!   `_headers`, `_redirects`, the nginx include and `.htaccess` from it;
//!   `redirects`: the old portal's addresses, kept;
//!   `deployment`: where the app will find its endpoint.
//! - `set_endpoint`: points a build at another endpoint.
//! - `endpoint`, `source`, `pool`: reading the endpoint (a folder or
//!   http(s)), within limits, several documents at once.
//! - `embedded`: what a page embeds of a document (the fields the app
//!   reads).
//! - `render`: one route through the app's own views (Leptos `ssr`);
//!   `print_note`: what an article's printed page says to lead back to it
//!   (the portal's name, the address, its QR code).
//! - `writer`, `progress`, `search_records`: files written atomically and
//!   only when changed; the progress bar and the log lines; the records the
//!   search index is built from.
//! - `state`: what a run leaves for the next (what each page was made
//!   from, the search records and their changes), so a run renders only
//!   what changed.
//!
//! Every text from the endpoint reaches a file through one escaping function
//! of its context (`portal_reader::escape`), when it is written: no
//! finished document is searched or patched.

pub mod dates;
pub mod deployment;
pub mod embedded;
pub mod endpoint;
pub mod host_files;
pub mod markup;
pub mod policy;
pub mod pool;
pub mod prerender;
pub mod print_note;
pub mod progress;
pub mod redirects;
pub mod render;
pub mod search_records;
pub mod set_endpoint;
pub mod shell;
pub mod site_files;
pub mod source;
pub mod state;
pub mod template;
pub mod writer;
