//! Below an article: "Tin liên quan" (its `related` slugs) and the newer and
//! older article of the same category.
//!
//! Both are extras: each fetches on its own, skips what fails and shows
//! nothing rather than an error, so the article above is never affected.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{get_json, use_page_fetch, Article, ArticleList, ArticleSummary, Preloaded};
use crate::dynamic::{dynamic, view, AnyOption, CollectAny};
use crate::env::use_env;
use crate::prefs::tr;
use crate::ui::{ArticleLink, ArticleRef};
use crate::urls::is_valid_slug;

/// At most this many related articles are fetched and shown.
pub const MAX_RELATED: usize = 5;
/// The walk through `articles.json` pages for neighbours stops after this
/// many pages: an article deep in the archive gets no newer/older links
/// rather than dozens of requests on a slow line.
pub const MAX_LIST_PAGES: usize = 10;

/// The slugs worth fetching: valid, not the article itself, each once.
pub fn related_slugs(own: &str, related: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for slug in related {
        if slug != own && is_valid_slug(slug) && !out.contains(slug) {
            out.push(slug.clone());
        }
        if out.len() == MAX_RELATED {
            break;
        }
    }
    out
}

/// The newer and older neighbours of an article within its category, found
/// by feeding list pages (newest first) one after another.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Neighbours {
    found: bool,
    pub newer: Option<ArticleSummary>,
    pub older: Option<ArticleSummary>,
}

impl Neighbours {
    /// Takes the next page of summaries; `true` once nothing more is needed.
    pub fn feed(&mut self, slug: &str, category: &str, page: Vec<ArticleSummary>) -> bool {
        for summary in page {
            if summary.slug == slug {
                self.found = true;
            } else if summary.category.as_deref() == Some(category) {
                if self.found {
                    self.older = Some(summary);
                    return true;
                }
                self.newer = Some(summary);
            }
        }
        false
    }

    /// What to show: nothing unless the article itself was in the list.
    pub fn result(self) -> (Option<ArticleSummary>, Option<ArticleSummary>) {
        if self.found {
            (self.newer, self.older)
        } else {
            (None, None)
        }
    }
}

/// "Tin liên quan": each related slug fetched at once; failures are left out
/// and the list keeps the endpoint's order.
#[component]
pub fn RelatedArticles(slug: String, related: Vec<String>) -> impl IntoView {
    let slugs = related_slugs(&slug, &related);
    // One slot per slug: None while loading or when it failed. A page that
    // carries the list (pre-rendered) shows it and fetches nothing: the
    // documents it was made from are refreshed on their own.
    let carried = use_context::<Preloaded>()
        .and_then(|p| p.extras())
        .and_then(|extras| extras.related);
    let slots: Vec<Option<ArticleRef>> = slugs
        .iter()
        .map(|slug| {
            let summary = carried.as_ref()?.iter().find(|s| s.slug == *slug)?;
            Some(ArticleRef::from(summary.clone()))
        })
        .collect();
    let found = RwSignal::new(slots);
    if carried.is_none() {
        fetch_related(slugs, found);
    }
    related_list(found)
}

/// Fetches each related slug at once; failures are left out.
fn fetch_related(slugs: Vec<String>, found: RwSignal<Vec<Option<ArticleRef>>>) {
    let endpoint = use_env().endpoint;
    use_page_fetch(move |signal| {
        Box::pin(async move {
            // All at once: each its own task, on the same abort signal.
            for (i, slug) in slugs.into_iter().enumerate() {
                let (signal, endpoint) = (signal.clone(), endpoint.clone());
                spawn_local(async move {
                    let Ok(url) = endpoint.article(&slug) else {
                        return;
                    };
                    if let Ok(article) = get_json::<Article>(&url, &signal).await {
                        // A redirecting endpoint could answer with another article.
                        if article.slug == slug {
                            found.try_update(|slots| slots[i] = Some(article.into()));
                        }
                    }
                });
            }
        })
    });
}

/// The "Tin liên quan" section, once any slot is filled.
fn related_list(found: RwSignal<Vec<Option<ArticleRef>>>) -> impl IntoView {
    dynamic(move || {
        let links: Vec<ArticleRef> = found.get().into_iter().flatten().collect();
        (!links.is_empty()).then(|| {
            view! {
                <section class="related" aria-labelledby="related-heading" data-section="related">
                    <h2 id="related-heading">{tr(|t| t.related_heading)}</h2>
                    <ul class="related__list" role="list">
                        {links
                            .into_iter()
                            .map(|link| view! { <li><ArticleLink link /></li> })
                            .collect_any()}
                    </ul>
                </section>
            }
        }).any()
    })
}

/// "Bài mới hơn" / "Bài cũ hơn" in the same category, from the list pages.
#[component]
pub fn CategoryNeighbours(slug: String, category: String) -> impl IntoView {
    let carried = use_context::<Preloaded>()
        .and_then(|p| p.extras())
        .map(|extras| vec![extras.newer.map(Into::into), extras.older.map(Into::into)]);
    let fetch = carried.is_none();
    let found = RwSignal::new(carried.unwrap_or_default());
    // A page that carries them (pre-rendered) shows them and walks nothing.
    if fetch {
        walk_for_neighbours(slug, category, found);
    }
    neighbours_nav(found)
}

/// Walks the list pages (at most [`MAX_LIST_PAGES`]) for the neighbours.
fn walk_for_neighbours(slug: String, category: String, found: RwSignal<Vec<Option<ArticleRef>>>) {
    let endpoint = use_env().endpoint;
    use_page_fetch(move |signal| {
        Box::pin(async move {
            let mut neighbours = Neighbours::default();
            let mut next = Some("articles.json".to_string());
            for _ in 0..MAX_LIST_PAGES {
                let Some(path) = next.take() else { break };
                let Ok(url) = endpoint.article_list(&path) else {
                    break;
                };
                let Ok(list) = get_json::<ArticleList>(&url, &signal).await else {
                    break;
                };
                if neighbours.feed(&slug, &category, list.articles) {
                    break;
                }
                next = list.next;
            }
            let (newer, older) = neighbours.result();
            found.try_set(vec![newer.map(Into::into), older.map(Into::into)]);
        })
    });
}

/// "Bài mới hơn" / "Bài cũ hơn", once either is known. `found` holds the
/// newer, then the older (empty while unknown): the type of the related
/// articles' slots, so no second signal type in the wasm.
fn neighbours_nav(found: RwSignal<Vec<Option<ArticleRef>>>) -> impl IntoView {
    dynamic(move || {
        let mut found = found.get().into_iter();
        let (newer, older) = (found.next().flatten(), found.next().flatten());
        if newer.is_none() && older.is_none() {
            return None;
        }
        let item = |link: Option<ArticleRef>, class: &'static str, label: Signal<&'static str>| {
            link.map(|link| {
                view! {
                    <li class=class>
                        <span class="neighbours__label">{label}</span>
                        <ArticleLink link />
                    </li>
                }
            })
            .any()
        };
        Some(
            view! {
                <nav class="neighbours" aria-label=tr(|t| t.category_neighbours)>
                    <ul role="list">
                        {item(newer, "neighbours__newer", tr(|t| t.newer))}
                        {item(older, "neighbours__older", tr(|t| t.older))}
                    </ul>
                </nav>
            }
            .into_any(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(slug: &str, category: Option<&str>) -> ArticleSummary {
        ArticleSummary {
            slug: slug.into(),
            title: slug.to_uppercase(),
            published_at: "2026-11-26".into(),
            summary: None,
            category: category.map(Into::into),
            author: None,
            thumbnail: None,
            categories: Vec::new(),
        }
    }

    #[test]
    fn related_slugs_are_valid_unique_and_not_the_article() {
        let related: Vec<String> = ["b", "a", "b", "../x", "", "c", "d", "e", "f", "g"]
            .map(String::from)
            .into();
        assert_eq!(related_slugs("a", &related), ["b", "c", "d", "e", "f"]);
        assert!(related_slugs("a", &[]).is_empty());
    }

    #[test]
    fn neighbours_within_the_category_across_pages() {
        let mut n = Neighbours::default();
        let page1 = vec![
            summary("x1", Some("kt")),
            summary("n1", Some("ts")),
            summary("x2", Some("kt")),
        ];
        assert!(!n.feed("me", "ts", page1));
        let page2 = vec![
            summary("me", Some("ts")),
            summary("x3", None),
            summary("o1", Some("ts")),
            summary("o2", Some("ts")),
        ];
        assert!(n.feed("me", "ts", page2), "done at the older one");
        let (newer, older) = n.result();
        assert_eq!(newer.map(|s| s.slug).as_deref(), Some("n1"));
        assert_eq!(older.map(|s| s.slug).as_deref(), Some("o1"));
    }

    #[test]
    fn the_newest_and_oldest_have_one_neighbour_and_unlisted_none() {
        let page = || {
            vec![
                summary("a", Some("ts")),
                summary("b", Some("ts")),
                summary("c", Some("ts")),
            ]
        };
        let mut first = Neighbours::default();
        first.feed("a", "ts", page());
        assert_eq!(first.result(), (None, Some(summary("b", Some("ts")))));
        let mut last = Neighbours::default();
        assert!(
            !last.feed("c", "ts", page()),
            "keeps looking for an older one"
        );
        assert_eq!(last.result(), (Some(summary("b", Some("ts"))), None));
        let mut missing = Neighbours::default();
        missing.feed("zz", "ts", page());
        assert_eq!(missing.result(), (None, None));
    }
}
