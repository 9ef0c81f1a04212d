//! `/tim-kiem?q=…`: the results of a search, and the search field of the
//! header.

use leptos::prelude::*;

use super::{query_of, without_marks, Hit};
use crate::api::ApiError;
use crate::dynamic::{attribute, dynamic, on_click, text, view, AnyOption, CollectAny};
use crate::env::use_env;
use crate::page::{show_main, use_page_head, PageFacts};
use crate::prefs::{tr, use_strings};
use crate::router::use_query;
use crate::ui::{ArticleCard, ErrorPanel};
use crate::urls::routes;

/// The search field of the header: a real form (`role="search"`), working
/// by Enter, whose GET the app's router follows (`/tim-kiem?q=…`) without a
/// page load, and the browser itself before the app runs. Nothing of search
/// is fetched before the reader focuses the field: then the engine
/// (`search/search.js`) starts loading, and the index buckets of the words
/// come while the reader types.
#[component]
pub fn SearchForm() -> impl IntoView {
    let env = use_env();
    let query = use_query();
    view! {
        <form
            class="search-form needs-js"
            role="search"
            {attribute("action", format!("{}/tim-kiem", env.router_base))}
        >
            <label class="sr-only" for="search-q">
                {tr(|t| t.search_label)}
            </label>
            <input
                id="search-q"
                class="search-form__field"
                type="search"
                name="q"
                {attribute("autocomplete", "off")}
                value=query_of(&query.get_untracked())
            />
            <button type="submit" class="control search-form__button">
                {tr(|t| t.search_button)}
            </button>
        </form>
    }
}

/// What the search has found so far.
#[derive(Clone, Debug, PartialEq)]
enum Found {
    Searching,
    /// Only the browser searches (natively the page is never pre-rendered
    /// with results).
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    Failed(String),
    /// `total` results, of which `hits` are read and shown.
    Ready {
        total: usize,
        hits: Vec<Hit>,
    },
}

/// The results page; a new query (from the header, or back and forward)
/// builds it again.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query();
    dynamic(move || {
        let query = query_of(&query.get());
        view! { <SearchResults query /> }
    })
}

#[component]
fn SearchResults(query: String) -> impl IntoView {
    let t = use_strings();
    let env = use_env();
    {
        let query = query.clone();
        // No canonical route: results are not for search engines (`noindex`),
        // but a shared link still gets a description.
        use_page_head(move || {
            let heading = t().search_heading;
            PageFacts {
                title: Some(if query.is_empty() {
                    heading.to_string()
                } else {
                    format!("{heading}: {query}")
                }),
                description: Some(t().search_description.to_string()),
                ..PageFacts::default()
            }
        });
    }
    show_main();
    let found = RwSignal::new(if query.is_empty() {
        Found::Ready {
            total: 0,
            hits: Vec::new(),
        }
    } else {
        Found::Searching
    });
    let attempt = RwSignal::new(0u32);
    let more = load_results(&query, found, attempt);

    let status = {
        let query = query.clone();
        move || match found.get() {
            _ if query.is_empty() => t().search_prompt.to_string(),
            Found::Searching => t().searching.to_string(),
            Found::Failed(_) => String::new(),
            Found::Ready { total: 0, .. } => t().search_none.replace("{q}", &query),
            Found::Ready { total, .. } => t()
                .search_count
                .replace("{n}", &crate::numerals::digits(total as u64))
                .replace("{q}", &query),
        }
    };
    // With no result, a query with marks suggests itself without them.
    let plain = without_marks(&query);
    let suggestion = (plain != query).then(|| routes::search(&env.router_base, &plain));
    let results = dynamic(move || match found.get() {
        Found::Searching => ().into_any(),
        Found::Failed(detail) => {
            let error = ApiError::Network {
                url: "search/search.js".into(),
                detail,
            };
            view! { <ErrorPanel error on_retry=move |_| attempt.update(|n| *n += 1) /> }.into_any()
        }
        Found::Ready { total: 0, .. } => suggestion
            .clone()
            .map(|href| {
                view! {
                    <p class="search__suggestion">
                        {tr(|t| t.search_try)} " " <a href=href>{plain.clone()}</a>
                    </p>
                }
            })
            .any()
            .into_any(),
        Found::Ready { total, hits } => {
            let shown = hits.len();
            let cards = hits
                .into_iter()
                .map(|hit| {
                    let snippet = hit.excerpt;
                    view! { <li><ArticleCard article=hit.article snippet /></li> }
                })
                .collect_any();
            let button = (shown < total).then(|| {
                view! {
                    <button type="button" class="button feed__more" on:click=on_click(move |_| more())>
                        {tr(|t| t.load_more)}
                    </button>
                }
            });
            view! {
                <ol class="article-list search__results" role="list">
                    {cards}
                </ol>
                {button.any()}
            }
            .into_any()
        }
    });
    view! {
        <h1 class="page-title">{tr(|t| t.search_heading)}</h1>
        <p class="search__status" role="status">
            {text(status)}
        </p>
        {results}
    }
}

/// Runs the search in the browser (again on "Thử lại") and returns what
/// "Xem thêm" calls: read the next [`super::PAGE_SIZE`] results.
fn load_results(
    query: &str,
    found: RwSignal<Found>,
    attempt: RwSignal<u32>,
) -> impl Fn() + Copy + 'static {
    #[cfg(target_arch = "wasm32")]
    {
        let results = StoredValue::new_local(js_sys::Array::new());
        let query = query.to_string();
        if !query.is_empty() {
            crate::effect::effect(move || {
                attempt.track();
                let query = query.clone();
                found.set(Found::Searching);
                leptos::task::spawn_local(async move {
                    match super::engine::search(&query).await {
                        Ok(all) => {
                            let _ = results.try_update_value(|r| *r = all);
                            read_more(results, found, 0).await;
                        }
                        Err(detail) => {
                            found.try_set(Found::Failed(detail));
                        }
                    }
                });
            });
        }
        move || {
            let shown = found.with_untracked(|f| match f {
                Found::Ready { hits, .. } => hits.len(),
                _ => 0,
            });
            leptos::task::spawn_local(read_more(results, found, shown));
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (query, found, attempt);
        || {}
    }
}

/// Reads results `from..from + PAGE_SIZE` and shows them after those shown;
/// a result that cannot be read is left out. After "Xem thêm" (`from > 0`)
/// focus moves to the first new result, where the reader goes on.
#[cfg(target_arch = "wasm32")]
async fn read_more(
    results: StoredValue<js_sys::Array, leptos::prelude::LocalStorage>,
    found: RwSignal<Found>,
    from: usize,
) {
    let Some(all) = results.try_get_value() else {
        return;
    };
    let total = all.length() as usize;
    let end = total.min(from + super::PAGE_SIZE);
    let hits = super::engine::hits(&all.slice(from as u32, end as u32)).await;
    found.try_update(|f| match f {
        // From `from` on: a second click before the first one's results
        // arrived puts the same results in the same place, not twice.
        Found::Ready { hits: shown, .. } if from > 0 => {
            shown.truncate(from);
            shown.extend(hits);
        }
        _ => *f = Found::Ready { total, hits },
    });
    if from > 0 {
        crate::env::browser::after(
            0,
            Box::new(move || {
                let selector = format!(
                    ".search__results > li:nth-child({}) a",
                    crate::numerals::digits(from as u64 + 1)
                );
                let link = document().query_selector(&selector).ok().flatten();
                if let Some(link) = link
                    .and_then(|l| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(l).ok())
                {
                    let _ = link.focus();
                }
            }),
        );
    }
}
