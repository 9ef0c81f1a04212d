//! The endpoint as the deploy step reads it: `site.json`, `stats.json`, and
//! the list pages, following `next` as the app does, within limits.
//!
//! What cannot be read is skipped and said, never fatal, except what no page
//! can be written without: `site.json` and the first list page. Whether the
//! walk reached the last list page is kept: only a complete walk may tell
//! that an article is gone from the endpoint.

use std::collections::{HashMap, HashSet};

use portal_reader::api::{
    decode_text, refused_entries, Article, ArticleList, ArticleSummary, Category, FromJson,
    PageData, Site, Stats,
};
use portal_reader::env::AppEnv;
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
    /// List pages in order: path under the endpoint, text, decoded.
    pub lists: Vec<(String, String, ArticleList)>,
    /// Every summary once, newest first, up to the article limit.
    pub summaries: Vec<ArticleSummary>,
    /// Whether every list page was read and every summary kept: only then
    /// is an article missing from the lists gone from the endpoint.
    pub complete: bool,
}

/// One line for each document (or entry) the walk could not use.
pub type Skipped = Vec<String>;

/// Reads `site.json`, `stats.json` and the list pages. `Err` only when no
/// page could be written: no `site.json`, or no first list page.
pub fn read(
    source: Source,
    env: &AppEnv,
    limits: Limits,
    skipped: &mut Skipped,
) -> Result<Endpoint, String> {
    let site_text = source
        .get("site.json")?
        .ok_or("the endpoint has no site.json")?;
    let site: Site = decode("site.json", &site_text)?;
    for refused in refused_entries::<Category>(&site_text, "categories") {
        skipped.push(format!("site.json: {refused}"));
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
    let mut complete = true;
    let mut seen = HashSet::new();
    let mut next = Some("articles.json".to_string());
    while let Some(path) = next.take() {
        if !seen.insert(path.clone()) {
            skipped.push(format!(
                "{path}: listed again by `next`; the walk stops there"
            ));
            break;
        }
        if lists.len() == limits.list_pages {
            skipped.push(format!(
                "{path} and after: more than {} list pages (--max-list-pages); their articles are left as they are",
                limits.list_pages
            ));
            complete = false;
            break;
        }
        let first = lists.is_empty();
        let read = source
            .get(&path)
            .and_then(|text| text.ok_or_else(|| format!("{path}: not found")))
            .and_then(|text| Ok((decode::<ArticleList>(&path, &text)?, text)));
        let (list, text) = match read {
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
        for refused in refused_entries::<ArticleSummary>(&text, "articles") {
            skipped.push(format!("{path}: {refused}"));
        }
        // `next` as the app resolves it, back to a path under the endpoint.
        next = list
            .next
            .as_deref()
            .and_then(|n| env.endpoint.url(n).ok())
            .and_then(|url| url.strip_prefix(env.endpoint.base()).map(str::to_string));
        if list.next.is_some() && next.is_none() {
            skipped.push(format!(
                "{path}: its `next` is not a page under the endpoint; the walk stops there"
            ));
        }
        lists.push((path, text, list));
    }

    let mut slugs = HashSet::new();
    let mut summaries = Vec::new();
    for summary in lists.iter().flat_map(|(_, _, list)| list.articles.iter()) {
        if !slugs.insert(summary.slug.as_str()) {
            continue;
        }
        if summaries.len() == limits.articles {
            skipped.push(format!(
                "articles after the first {}: --max-articles; their pages are left as they are",
                limits.articles
            ));
            complete = false;
            break;
        }
        summaries.push(summary.clone());
    }
    Ok(Endpoint {
        source,
        site_text,
        site,
        stats_text,
        lists,
        summaries,
        complete,
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
        for (path, text, list) in self.lists.iter().take(MAX_LIST_PAGES) {
            data.insert(path, text.clone());
            count += list
                .articles
                .iter()
                .filter(|s| category.is_none() || s.category.as_deref() == category)
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
                // Older than every list page: its own document says.
                None => {
                    let text = self.source.get(&format!("articles/{slug}.json")).ok()??;
                    let other: Article = decode_text(&text).ok()?;
                    (other.slug == slug).then_some(ArticleSummary {
                        slug: other.slug,
                        title: other.title,
                        published_at: other.published_at,
                        summary: None,
                        category: None,
                        author: None,
                        thumbnail: None,
                    })
                }
            })
            .collect()
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
        for (_, _, list) in self.lists.iter().take(MAX_LIST_PAGES) {
            if neighbours.feed(&article.slug, category, list.articles.clone()) {
                break;
            }
        }
        neighbours.result()
    }
}
