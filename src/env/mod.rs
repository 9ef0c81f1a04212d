//! Where the app runs ([`AppEnv`], read once at start-up) and what it may ask
//! of the browser ([`browser`]): the one place views learn about their
//! surroundings, with native answers for rendering outside a browser.

pub mod browser;

use crate::api::Endpoint;
use crate::urls::{api_base, counter_base, for_page, origin_of, router_base};

/// The deployment, from context (provided by [`crate::provide_app_context`]).
pub fn use_env() -> AppEnv {
    crate::context::context::<AppEnv>()
}

/// Facts about the deployment, provided as context by `App`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppEnv {
    /// `document.baseURI`: the app's own base URL (trunk's `--public-url`).
    pub page_base: String,
    /// The path the routes live under: `""` or `/some/sub/path`.
    pub router_base: String,
    /// `https://host:port` of the page: links and images on it are written
    /// root-relative ([`for_page`]).
    pub origin: String,
    /// The origin of absolute addresses (canonical, Open Graph, share links)
    /// when `site.json` names no `site_url`: the page's own in the browser;
    /// none in pages written ahead of time, whose host is not known (their
    /// addresses are then root-relative).
    pub public_origin: String,
    pub endpoint: Endpoint,
}

impl AppEnv {
    /// Builds the environment from a base URI and the `portal-api` meta value.
    pub fn new(page_base: &str, api_meta: Option<&str>) -> Self {
        Self::counting(page_base, api_meta, None)
    }

    /// [`AppEnv::new`] with the `portal-counter` meta's value: where votes,
    /// page views and the live figures go.
    pub fn counting(page_base: &str, api_meta: Option<&str>, counter_meta: Option<&str>) -> Self {
        let origin = origin_of(page_base).unwrap_or_default();
        Self {
            page_base: page_base.to_string(),
            router_base: router_base(page_base),
            public_origin: origin.clone(),
            origin,
            endpoint: Endpoint::new(api_base(page_base, api_meta))
                .counting_at(counter_base(page_base, counter_meta)),
        }
    }

    /// An image of the endpoint as the page shows it (see [`Endpoint::image`]).
    pub fn image(&self, src: &str) -> Option<String> {
        Some(for_page(self.endpoint.image(src)?, &self.origin))
    }

    /// A link of the endpoint as the page writes it (see [`Endpoint::link`]).
    pub fn link(&self, href: &str) -> Option<String> {
        Some(for_page(self.endpoint.link(href)?, &self.origin))
    }

    /// Reads `<base href>` (through `document.baseURI`),
    /// `<meta name="portal-api">` and `<meta name="portal-counter">` from
    /// the running page.
    pub fn from_document() -> Self {
        let (base_uri, api, counter) = browser::page_location();
        Self::counting(&base_uri, api.as_deref(), counter.as_deref())
    }
}
