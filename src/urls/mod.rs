//! Every URL the app handles: where it runs ([`location`]), the one gate for
//! URLs from the endpoint ([`gate`]), query strings, slugs and the app's own
//! routes.
//!
//! The app learns where it lives only when it starts: the `<base href>` that
//! `trunk --public-url` wrote, and the `<meta name="portal-api">` an operator may
//! have set at deploy time. Everything else comes from the endpoint and is
//! untrusted: every such URL goes through [`gate()`], which resolves it with the
//! URL standard's parser ([`ParsedUrl`]: the browser's own in the app) and
//! checks the scheme of the *resolved* URL, the one the page will use. All of
//! it is pure, and tested natively.

mod gate;
mod location;
mod parser;
mod query;
pub mod routes;
mod slug;

pub use gate::{for_page, gate, origin_of, UrlUse};
pub use location::{api_base, counter_base, router_base};
pub use parser::ParsedUrl;
pub use query::encode_component;
pub use query::query_param;
pub use slug::is_valid_slug;
