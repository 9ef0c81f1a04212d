//! The data layer: contract types, the endpoint client, and the loading hook.
//!
//! Views never build endpoint URLs or call `fetch` themselves: they ask an
//! [`Endpoint`] where a document is and [`use_load`] it, getting
//! [`Load<T>`]: loading, the document, or an [`ApiError`] to show.

mod client;
mod copy;
mod decode;
mod error;
mod json;
mod load;
pub mod models;
mod outbox;
mod post;
mod preload;
mod saved;

pub use client::{MAX_BODY_BYTES, TIMEOUT_MS};
pub use copy::{note_answer, showing_copy};
pub use decode::{decode_text, DecodeError, FromJson, JsonValue};
#[cfg(not(target_arch = "wasm32"))]
pub use decode::{decode_with_refused, lone_surrogates_replaced, parse as parse_document};
pub use error::ApiError;
pub use json::{json_array, json_object, json_string};
pub use load::{get_json, use_load, use_page_fetch, Load, Loader};
pub use models::*;
pub use outbox::send_kept;
pub use post::{new_vote_id, post_hit, post_vote};
pub use preload::{PageData, Preloaded};
pub use saved::{remove_saved, save_article, saved_articles, SaveError, SavedArticle};

use crate::urls::{gate, is_valid_slug, UrlUse};

/// The JSON endpoint, by its absolute base URL (ending in `/`), and the
/// counting service the deployment may name for its writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    base: String,
    /// `<meta name="portal-counter">`: the POSTs and the live figures go
    /// there; `None`: to the endpoint itself.
    counter: Option<String>,
}

impl Endpoint {
    pub fn new(base: String) -> Self {
        Self {
            base,
            counter: None,
        }
    }

    /// This endpoint with its writes at the counting service `counter`.
    pub fn counting_at(self, counter: Option<String>) -> Self {
        Self { counter, ..self }
    }

    /// Whether a counting service is named: it takes votes and page views
    /// whatever `site.json`'s `features` say (a static endpoint cannot
    /// know of it).
    pub fn counts(&self) -> bool {
        self.counter.is_some()
    }

    /// Where the POSTs and the live figures go.
    fn writable(&self) -> &str {
        self.counter.as_deref().unwrap_or(&self.base)
    }

    /// A path of the writable side (`stats/hit`, `articles/{slug}/ratings`
    /// of a checked slug, a kept POST's from the outbox's allowlist): our
    /// own paths on a base already through the gate, so appended.
    pub fn write_url(&self, path: &str) -> String {
        format!("{}{path}", self.writable())
    }

    /// A document of the endpoint (`site.json`, or a `next` path a list
    /// page gave) as an absolute http(s) URL. A path the URL gate refuses
    /// (`javascript:`, `data:`) is answered as not found without a request.
    pub fn url(&self, path: &str) -> Result<String, ApiError> {
        gate(&self.base, path, UrlUse::Fetch).ok_or_else(|| ApiError::Http {
            url: path.to_string(),
            status: 404,
        })
    }

    /// An image of the endpoint (a cover, a thumbnail, the boundary map),
    /// relative to it or absolute; `None` when the gate refuses it, and the
    /// image is left out.
    pub fn image(&self, src: &str) -> Option<String> {
        gate(&self.base, src, UrlUse::Image)
    }

    /// A link the endpoint gives (the boundary map's), relative to it or
    /// absolute; `None` when the gate refuses it.
    pub fn link(&self, href: &str) -> Option<String> {
        gate(&self.base, href, UrlUse::Link)
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    pub fn site(&self) -> Result<String, ApiError> {
        self.url("site.json")
    }

    /// The visitor statistics (optional in the contract): live from the
    /// counting service when there is one.
    pub fn stats(&self) -> Result<String, ApiError> {
        Ok(self.write_url("stats.json"))
    }

    /// A page of summaries: `articles.json` or a `next` path from a previous page.
    pub fn article_list(&self, path: &str) -> Result<String, ApiError> {
        self.url(path)
    }

    /// Where votes on an article are POSTed (`features.rating_submit`), and
    /// its live totals read from a counting service.
    pub fn ratings(&self, slug: &str) -> Result<String, ApiError> {
        Ok(self.write_url(&per_article(slug, format!("articles/{slug}/ratings"))?))
    }

    /// One article.
    pub fn article(&self, slug: &str) -> Result<String, ApiError> {
        self.url(&per_article(slug, format!("articles/{slug}.json"))?)
    }
}

/// `path` for a slug that came from the address bar: one that could not be
/// a slug is answered as not found without asking the endpoint.
fn per_article(slug: &str, path: String) -> Result<String, ApiError> {
    match is_valid_slug(slug) {
        true => Ok(path),
        false => Err(ApiError::Http {
            url: path,
            status: 404,
        }),
    }
}

/// What decoding `json` as the contract type named `type_name` gives, as
/// text (`Ok(<Debug>)` or `Err`): the native and the browser test of
/// `tests/fixtures/decode-cases.json` compare it with the recorded answer, so
/// both parsers are held to the same rules. Not used by the app.
#[doc(hidden)]
pub fn decode_case(type_name: &str, json: &str) -> String {
    fn show<T: FromJson + std::fmt::Debug>(json: &str) -> String {
        match decode_text::<T>(json) {
            Ok(value) => format!("Ok({value:?})"),
            Err(_) => "Err".to_string(),
        }
    }
    match type_name {
        "Article" => show::<Article>(json),
        "ArticleList" => show::<ArticleList>(json),
        "Site" => show::<Site>(json),
        "Stats" => show::<Stats>(json),
        "RatingTotals" => show::<RatingTotals>(json),
        "PageData" => show::<PageData>(json),
        other => format!("unknown type {other}"),
    }
}
