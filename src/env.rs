//! Where the app runs, read once from the page at start-up.

use crate::api::Endpoint;
use crate::urls::{api_base, origin_of, router_base};

/// Facts about the deployment, provided as context by `App`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppEnv {
    /// `document.baseURI`: the app's own base URL (trunk's `--public-url`).
    pub page_base: String,
    /// The path the routes live under: `""` or `/some/sub/path`.
    pub router_base: String,
    /// `https://host:port` of the page.
    pub origin: String,
    pub endpoint: Endpoint,
}

impl AppEnv {
    /// Builds the environment from a base URI and the `portal-api` meta value.
    pub fn new(page_base: &str, api_meta: Option<&str>) -> Self {
        Self {
            page_base: page_base.to_string(),
            router_base: router_base(page_base),
            origin: origin_of(page_base).unwrap_or_default(),
            endpoint: Endpoint::new(api_base(page_base, api_meta)),
        }
    }

    /// Reads `<base href>` (through `document.baseURI`) and
    /// `<meta name="portal-api">` from the running page.
    pub fn from_document() -> Self {
        let document = web_sys::window().and_then(|w| w.document());
        let base_uri = document
            .as_ref()
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_else(|| "http://localhost/".to_string());
        let meta = document
            .as_ref()
            .and_then(|d| d.query_selector("meta[name='portal-api']").ok().flatten())
            .and_then(|m| m.get_attribute("content"));
        Self::new(&base_uri, meta.as_deref())
    }
}
