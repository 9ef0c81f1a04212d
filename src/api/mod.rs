//! The data layer: contract types, the endpoint client, and the loading hook.
//!
//! Views never build endpoint URLs or call `fetch` themselves: they ask an
//! [`Endpoint`] where a document is and [`use_load`] it, getting
//! [`Load<T>`]: loading, the document, or an [`ApiError`] to show.

mod client;
mod error;
mod load;
pub mod models;

pub use client::{get_text, post_text, TIMEOUT_MS};
pub use error::ApiError;
pub use load::{get_json, page_signal, use_load, Load, Loader};
pub use models::*;

use crate::urls::{is_valid_slug, resolve};

/// The JSON endpoint, by its absolute base URL (ending in `/`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    base: String,
}

impl Endpoint {
    pub fn new(base: String) -> Self {
        Self { base }
    }

    /// An endpoint path (`articles-2.json`, `images/a.svg`) or absolute URL,
    /// as an absolute URL.
    pub fn url(&self, path: &str) -> String {
        resolve(&self.base, path)
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn site(&self) -> Result<String, ApiError> {
        Ok(self.url("site.json"))
    }

    /// A page of summaries: `articles.json` or a `next` path from a previous page.
    pub fn article_list(&self, path: &str) -> Result<String, ApiError> {
        Ok(self.url(path))
    }

    /// Where votes on an article are POSTed (`features.rating_submit`).
    pub fn ratings(&self, slug: &str) -> Result<String, ApiError> {
        self.per_article(slug, format!("articles/{slug}/ratings"))
    }

    /// One article.
    pub fn article(&self, slug: &str) -> Result<String, ApiError> {
        self.per_article(slug, format!("articles/{slug}.json"))
    }

    /// `path` for a slug that came from the address bar: one that could not be
    /// a slug is answered as not found without asking the endpoint.
    fn per_article(&self, slug: &str, path: String) -> Result<String, ApiError> {
        if !is_valid_slug(slug) {
            return Err(ApiError::Http {
                url: path,
                status: 404,
            });
        }
        Ok(self.url(&path))
    }
}
