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
#[cfg(doc)]
use portal_reader::pages::related::Neighbours;
use portal_reader::pages::related::{related_slugs, MAX_LIST_PAGES};
use portal_reader::widgets::sidebar::LATEST_COUNT;

use crate::embedded;
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
    /// `site.json` as pages embed it ([`embedded`]): what a page is made
    /// from, with the documents it embeds.
    pub site_text: String,
    pub site: Site,
    pub stats_text: Option<String>,
    /// The first list pages, as many as a page ever embeds ([`MAX_LIST_PAGES`]):
    /// path under the endpoint, text as pages embed it, decoded. Of the
    /// others only the summaries are kept.
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
    /// Where each article of the first list pages sits, for its neighbours.
    neighbours: NeighbourIndex,
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
            Ok(_) => Some(embedded::stats(&text)),
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
            lists.push((path, embedded::list(&text), list));
        }
    }
    Ok(Endpoint {
        source,
        site_text: embedded::site(&site_text),
        site,
        stats_text,
        summaries,
        complete,
        refused_articles,
        refused_categories,
        related_cache: Mutex::default(),
        neighbours: NeighbourIndex::new(lists.iter().map(|(_, _, list)| list.articles.as_slice())),
        lists,
    })
}

/// Decodes a document of the endpoint, naming it when it fails.
pub fn decode<T: FromJson>(path: &str, text: &str) -> Result<T, String> {
    decode_text(text).map_err(|e| format!("{path}: {e}"))
}

impl Endpoint {
    /// What every page embeds: `site.json`. Not `stats.json` nor the
    /// newest articles for the sidebar, which change far more often than
    /// a page: the app fetches them (see [`Endpoint::add_sidebar`]).
    pub fn common_documents(&self) -> PageData {
        let mut data = PageData::default();
        data.insert("site.json", self.site_text.clone());
        data
    }

    /// The home page's sidebar: `stats.json`. (Its main column is the
    /// newest articles, so the page changes with them anyway.)
    pub fn add_sidebar(&self, data: &mut PageData) {
        if let Some(stats) = &self.stats_text {
            data.insert("stats.json", stats.clone());
        }
    }

    /// The list pages a feed of `category` (all when `None`) wanting `want`
    /// items reads, as the app's feed walks them; at least the first (the
    /// "Tin mới" widget reads it on every page but home). A category's page
    /// embeds of them only what it shows: its own entries, and the first
    /// page's newest for "Tin mới", so an edit to an entry it shows neither
    /// leaves it as it was.
    pub fn add_lists(&self, data: &mut PageData, category: Option<&str>, want: usize) {
        let mut count = 0;
        for (n, (path, text, list)) in self.lists.iter().enumerate() {
            let shown = |i: usize, s: &ArticleSummary| {
                category.is_none_or(|c| s.is_in(c)) || (n == 0 && i < LATEST_COUNT)
            };
            let text = match category {
                None => text.clone(),
                Some(_) => embedded::list_of(
                    text,
                    list.articles
                        .iter()
                        .enumerate()
                        .filter(|(i, s)| shown(*i, s))
                        .map(|(_, s)| s.slug.as_str())
                        .collect(),
                ),
            };
            data.insert(path, text);
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
        match &article.category {
            Some(category) => self.neighbours.find(&article.slug, category),
            None => (None, None),
        }
    }
}

/// The neighbours of every article in the first list pages, found as the
/// app's walk ([`Neighbours`]) finds them, without a walk per article: the
/// entries in order, and for each category where its entries are.
#[derive(Default)]
pub struct NeighbourIndex {
    entries: Vec<ArticleSummary>,
    /// Each slug's first place.
    first: HashMap<String, usize>,
    /// Each category's places, in order.
    by_category: HashMap<String, Vec<usize>>,
}

impl NeighbourIndex {
    pub fn new<'a>(pages: impl IntoIterator<Item = &'a [ArticleSummary]>) -> NeighbourIndex {
        let mut index = NeighbourIndex::default();
        for summary in pages.into_iter().flatten() {
            let at = index.entries.len();
            index.first.entry(summary.slug.clone()).or_insert(at);
            if let Some(category) = &summary.category {
                index
                    .by_category
                    .entry(category.clone())
                    .or_default()
                    .push(at);
            }
            index.entries.push(summary.clone());
        }
        index
    }

    /// The newer and the older entry of `category` around the first place
    /// of `slug`; none unless `slug` is listed.
    pub fn find(
        &self,
        slug: &str,
        category: &str,
    ) -> (Option<ArticleSummary>, Option<ArticleSummary>) {
        let (Some(&at), Some(places)) = (self.first.get(slug), self.by_category.get(category))
        else {
            return (None, None);
        };
        let split = places.partition_point(|&place| place < at);
        let other = |place: &usize| {
            let entry = &self.entries[*place];
            (entry.slug != slug).then(|| entry.clone())
        };
        (
            places[..split].iter().rev().find_map(other),
            places[split..].iter().find_map(other),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_reader::pages::related::Neighbours;
    use proptest::prelude::*;

    fn summary(slug: u8, category: u8) -> ArticleSummary {
        ArticleSummary {
            slug: format!("bai-{slug}"),
            title: format!("Bài {slug}"),
            published_at: "2026-11-26".into(),
            summary: None,
            category: Some(format!("muc-{category}")),
            author: None,
            thumbnail: None,
            categories: Vec::new(),
        }
    }

    proptest! {
        /// The index finds what the app's walk finds, page by page, for any
        /// lists (repeated slugs and all) and any article of any category.
        #[test]
        fn the_index_finds_the_neighbours_the_walk_finds(
            pages in prop::collection::vec(prop::collection::vec((0u8..12, 0u8..3), 0..8), 0..5),
            slug in 0u8..14,
            category in 0u8..4,
        ) {
            let pages: Vec<Vec<ArticleSummary>> = pages
                .into_iter()
                .map(|page| page.into_iter().map(|(s, c)| summary(s, c)).collect())
                .collect();
            let (slug, category) = (format!("bai-{slug}"), format!("muc-{category}"));
            let mut walk = Neighbours::default();
            for page in &pages {
                if walk.feed(&slug, &category, page.clone()) {
                    break;
                }
            }
            let index = NeighbourIndex::new(pages.iter().map(Vec::as_slice));
            prop_assert_eq!(index.find(&slug, &category), walk.result());
        }
    }
}
