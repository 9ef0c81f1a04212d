//! The endpoint as the deploy step reads it: `site.json`, `stats.json`, and
//! the list pages, following `next` as the app does, within limits.
//!
//! What cannot be read is skipped and said, never fatal, except what no page
//! can be written without: `site.json` and the first list page. Whether the
//! walk reached the last list page is kept: only a complete walk may tell
//! that an article is gone from the endpoint.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use portal_reader::api::{
    decode_text, decode_with_refused, Article, ArticleList, ArticleSummary, Category, FromJson,
    PageData, Site, Stats,
};
use portal_reader::pages::related::{related_slugs, Neighbours, MAX_LIST_PAGES};

use crate::source::Source;

/// How far the deploy step follows the endpoint.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// List pages followed through `next` (an endpoint can generate them
    /// forever).
    pub list_pages: usize,
    /// Articles pre-rendered.
    pub articles: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            list_pages: 20_000,
            articles: 200_000,
        }
    }
}

/// The endpoint's documents, read and decoded.
pub struct Endpoint {
    pub source: Source,
    pub site_text: String,
    pub site: Site,
    pub stats_text: Option<String>,
    /// The first list pages, as many as a page ever embeds ([`MAX_LIST_PAGES`]):
    /// path under the endpoint, text, decoded. Of the others only the
    /// summaries are kept.
    pub lists: Vec<(String, String, ArticleList)>,
    /// Every summary once, newest first, up to the article limit.
    pub summaries: Vec<ArticleSummary>,
    /// Whether every list page was read and every summary kept: only then
    /// is an article missing from the lists gone from the endpoint.
    pub complete: bool,
    /// Slugs of list entries and of categories the app leaves out for a
    /// broken field: the endpoint still has them, so their pages stay.
    pub refused_articles: Vec<String>,
    pub refused_categories: Vec<String>,
    /// Articles older than every list page, read for the related links of
    /// others: once each.
    related_cache: Mutex<HashMap<String, Option<ArticleSummary>>>,
}

/// One line for each document (or entry) the walk could not use.
pub type Skipped = Vec<String>;

/// Reads `site.json`, `stats.json` and the list pages; `next` is resolved
/// against `base`, the endpoint's address as the app resolves it. `Err`
/// only when no page could be written: no `site.json`, or no first list
/// page.
pub fn read(
    source: Source,
    base: &portal_reader::api::Endpoint,
    limits: Limits,
    skipped: &mut Skipped,
) -> Result<Endpoint, String> {
    let site_text = source
        .get("site.json")?
        .ok_or("the endpoint has no site.json")?;
    let (site, refused) = decode_with_refused::<Site, Category>(&site_text, "categories")
        .map_err(|e| format!("site.json: {e}"))?;
    let mut refused_categories = Vec::new();
    for (refused, slug) in refused {
        skipped.push(format!("site.json: {refused}"));
        refused_categories.extend(slug);
    }
    let stats_text = match source.get("stats.json") {
        Ok(Some(text)) => match decode::<Stats>("stats.json", &text) {
            Ok(_) => Some(text),
            Err(error) => {
                skipped.push(error);
                None
            }
        },
        // Optional in the contract: the sidebar shows no statistics.
        Ok(None) => None,
        Err(error) => {
            skipped.push(format!("stats.json: {error}"));
            None
        }
    };

    let mut lists = Vec::new();
    let mut summaries = Vec::new();
    let mut slugs = HashSet::new();
    let mut refused_articles = Vec::new();
    let mut complete = true;
    let mut seen = HashSet::new();
    let mut read_pages = 0;
    let mut next = Some("articles.json".to_string());
    while let Some(path) = next.take() {
        // The same document, whatever fragment a `next` gives it.
        let document = path.split('#').next().unwrap_or_default().to_string();
        if !seen.insert(document) {
            skipped.push(format!(
                "{path}: listed again by `next`; the walk stops there"
            ));
            break;
        }
        if read_pages == limits.list_pages {
            skipped.push(format!(
                "{path} and after: more than {} list pages (--max-list-pages); their articles are left as they are",
                limits.list_pages
            ));
            complete = false;
            break;
        }
        let first = read_pages == 0;
        let read = source
            .get(&path)
            .and_then(|text| text.ok_or_else(|| format!("{path}: not found")))
            .and_then(|text| {
                let (list, refused) =
                    decode_with_refused::<ArticleList, ArticleSummary>(&text, "articles")
                        .map_err(|e| format!("{path}: {e}"))?;
                Ok((list, refused, text))
            });
        let (list, refused, text) = match read {
            Ok(read) => read,
            Err(error) if first => return Err(error),
            Err(error) => {
                skipped.push(format!(
                    "{error}; the list pages after it are not read, and no page is removed"
                ));
                complete = false;
                break;
            }
        };
        read_pages += 1;
        for (refused, slug) in refused {
            skipped.push(format!("{path}: {refused}"));
            refused_articles.extend(slug);
        }
        // `next` as the app resolves it, back to a path under the endpoint.
        next = list
            .next
            .as_deref()
            .and_then(|n| base.url(n).ok())
            .and_then(|url| url.strip_prefix(base.base()).map(str::to_string));
        if list.next.is_some() && next.is_none() {
            skipped.push(format!(
                "{path}: its `next` ({:?}) is not a page under {}; the walk stops there, and no page is removed",
                list.next.as_deref().unwrap_or_default(),
                base.base()
            ));
            complete = false;
        }
        for summary in &list.articles {
            if !slugs.insert(summary.slug.clone()) {
                continue;
            }
            if summaries.len() == limits.articles {
                skipped.push(format!(
                    "articles after the first {}: --max-articles; their pages are left as they are",
                    limits.articles
                ));
                complete = false;
                next = None;
                break;
            }
            summaries.push(summary.clone());
        }
        if lists.len() < MAX_LIST_PAGES {
            lists.push((path, text, list));
        }
    }
    Ok(Endpoint {
        source,
        site_text,
        site,
        stats_text,
        lists,
        summaries,
        complete,
        refused_articles,
        refused_categories,
        related_cache: Mutex::default(),
    })
}

/// Decodes a document of the endpoint, naming it when it fails.
pub fn decode<T: FromJson>(path: &str, text: &str) -> Result<T, String> {
    decode_text(text).map_err(|e| format!("{path}: {e}"))
}

impl Endpoint {
    /// What every page embeds: `site.json`, and `stats.json` for the sidebar.
    pub fn common_documents(&self) -> PageData {
        let mut data = PageData::default();
        data.insert("site.json", self.site_text.clone());
        if let Some(stats) = &self.stats_text {
            data.insert("stats.json", stats.clone());
        }
        data
    }

    /// The list pages a feed of `category` (all when `None`) wanting `want`
    /// items reads, as the app's feed walks them; at least the first (the
    /// "Tin mới" widget reads it on every page but home).
    pub fn add_lists(&self, data: &mut PageData, category: Option<&str>, want: usize) {
        let mut count = 0;
        for (path, text, list) in &self.lists {
            data.insert(path, text.clone());
            count += list
                .articles
                .iter()
                .filter(|s| category.is_none_or(|c| s.is_in(c)))
                .count();
            if count >= want {
                break;
            }
        }
    }

    /// The related articles the page shows: each valid slug that resolves.
    pub fn related(
        &self,
        article: &Article,
        known: &HashMap<&str, &ArticleSummary>,
    ) -> Vec<ArticleSummary> {
        related_slugs(&article.slug, &article.related)
            .into_iter()
            .filter_map(|slug| match known.get(slug.as_str()) {
                Some(summary) => Some((*summary).clone()),
                // Older than every list page: its own document says, once.
                None => self.older(&slug),
            })
            .collect()
    }

    /// An article no list page has, as its own document gives it (asked for
    /// once a run).
    fn older(&self, slug: &str) -> Option<ArticleSummary> {
        if let Some(known) = self.related_cache.lock().ok()?.get(slug) {
            return known.clone();
        }
        let found = self
            .source
            .get(&format!("articles/{slug}.json"))
            .ok()
            .flatten()
            .and_then(|text| decode_text::<Article>(&text).ok())
            .filter(|other| other.slug == slug)
            .map(|other| ArticleSummary {
                slug: other.slug,
                title: other.title,
                published_at: other.published_at,
                summary: None,
                category: None,
                author: None,
                thumbnail: None,
                categories: Vec::new(),
            });
        self.related_cache
            .lock()
            .ok()?
            .insert(slug.to_string(), found.clone());
        found
    }

    /// The newer and older article of the category, as the app finds them.
    pub fn neighbours(
        &self,
        article: &Article,
    ) -> (Option<ArticleSummary>, Option<ArticleSummary>) {
        let Some(category) = &article.category else {
            return (None, None);
        };
        let mut neighbours = Neighbours::default();
        for (_, _, list) in &self.lists {
            if neighbours.feed(&article.slug, category, list.articles.clone()) {
                break;
            }
        }
        neighbours.result()
    }
}
