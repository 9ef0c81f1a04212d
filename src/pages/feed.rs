//! A list of summaries that grows page by page through `next`: the home page
//! and the category pages.
//!
//! The contract has no per-category endpoint, so a category page walks the same
//! pages and keeps its own summaries, fetching further pages until it has as many
//! as it wants or the pages end.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::api::{
    use_load, ApiError, ArticleList, ArticleSummary, Endpoint, Load, Loader, Preloaded,
};
use crate::dynamic::{attr, dynamic, on_click, text, view, AnyOption, CollectAny};
use crate::env::use_env;
use crate::i18n::{Lang, Text};
use crate::prefs::{tr, use_prefs, use_strings};
use crate::ui::{ArticleCard, ErrorPanel, LoadingCards};

/// The first page of every feed.
const FIRST_PAGE: &str = "articles.json";

/// The state of a growing list; `Copy`, created once per page view.
#[derive(Clone, Copy)]
pub struct Feed {
    page: Loader<ArticleList>,
    /// Address of the page being fetched or last fetched.
    requested: RwSignal<String>,
    /// Addresses already appended, so a page is never added twice (and a `next`
    /// that points back cannot loop).
    loaded: RwSignal<Vec<String>>,
    items: RwSignal<Vec<ArticleSummary>>,
    /// The first page as it was appended: a refresh that brings another
    /// (a pre-rendered page's list, since updated) starts the list again.
    first_page: StoredValue<Option<ArticleList>>,
    next: RwSignal<Option<String>>,
    /// How many items the reader asked to see; pages load until there are.
    /// (u32: the type of the other counting signals, so no extra copy of
    /// the signal code in the wasm.)
    want: RwSignal<u32>,
    /// Set by "Xem thêm": the index of the first item it will add, to
    /// announce and focus once the new items are in.
    pending_focus: StoredValue<Option<usize>>,
    announcement: RwSignal<String>,
    lang: RwSignal<Lang>,
}

/// What the end of the list shows.
#[derive(Clone, Debug, PartialEq)]
enum Status {
    Loading,
    Failed(ApiError),
    More,
    End,
}

/// A feed of every summary, or of one category's, that starts by wanting
/// `first_want` items; its effect lives as long as the calling view.
pub fn use_feed(category: Option<String>, first_want: usize) -> Feed {
    Feed::new(category, first_want)
}

impl Feed {
    fn new(category: Option<String>, first_want: usize) -> Self {
        let endpoint = use_env().endpoint;
        // Absolute addresses throughout, so `next` paths compare with `loaded`.
        let first = endpoint.url(FIRST_PAGE).unwrap_or_default();
        let requested = RwSignal::new(first.clone());
        let page = {
            let endpoint = endpoint.clone();
            use_load(move || endpoint.article_list(&requested.get()))
        };
        let feed = Self {
            page,
            requested,
            loaded: RwSignal::new(Vec::new()),
            items: RwSignal::new(Vec::new()),
            first_page: StoredValue::new(None),
            next: RwSignal::new(None),
            want: RwSignal::new(count(first_want)),
            pending_focus: StoredValue::new(None),
            announcement: RwSignal::new(String::new()),
            lang: use_prefs().lang,
        };
        // Pages the page carries (pre-rendered) are walked now, so the first
        // render shows the list at once, here and in the pre-rendered HTML.
        if let Some(preloaded) = use_context::<Preloaded>() {
            let mut url = Some(first);
            while let Some(page) = url
                .take()
                .filter(|_| feed.items.with_untracked(Vec::len) < first_want)
            {
                let Some(list) = preloaded.decoded::<ArticleList>(&page) else {
                    break;
                };
                feed.append(page, list, &category, &endpoint);
                url = untrack(|| feed.unloaded_next());
            }
        }
        feed.drive(category, endpoint);
        feed
    }

    /// Adds a page's summaries (those of the category) once, and notes its
    /// `next` page.
    fn append(
        &self,
        url: String,
        list: ArticleList,
        category: &Option<String>,
        endpoint: &Endpoint,
    ) {
        if self.loaded.with_untracked(Vec::is_empty) {
            self.first_page.set_value(Some(list.clone()));
        }
        self.loaded.update(|l| l.push(url));
        self.next.set(
            list.next
                .as_deref()
                .and_then(|next| endpoint.url(next).ok()),
        );
        self.items.update(|items| {
            for summary in list.articles {
                let wanted = category.as_deref().is_none_or(|c| summary.is_in(c));
                if wanted && !items.iter().any(|i| i.slug == summary.slug) {
                    items.push(summary);
                }
            }
        });
    }

    /// One effect, so appending a page and deciding what to fetch next can
    /// never interleave: it runs when a page arrives and when the reader asks
    /// for more, appends the page once, then fetches the next page if more
    /// items are wanted, or finishes a "Xem thêm".
    fn drive(self, category: Option<String>, endpoint: Endpoint) {
        crate::effect::effect(move || {
            let want = self.want.get() as usize;
            let (Load::Ready(list), Some(url)) = (self.page.get(), self.page.url()) else {
                return;
            };
            let refreshed_first = self.loaded.with_untracked(|l| l.first() == Some(&url))
                && self
                    .first_page
                    .with_value(|first| first.as_ref() != Some(&list));
            if refreshed_first {
                self.loaded.update(Vec::clear);
                self.items.update(Vec::clear);
            }
            if !self.loaded.with_untracked(|l| l.contains(&url)) {
                self.append(url, list, &category, &endpoint);
            }
            let next = untrack(|| self.unloaded_next());
            if let Some(next) = next.filter(|_| self.items.with_untracked(Vec::len) < want) {
                self.requested.set(next);
            } else if let Some(first_new) = self.pending_focus.get_value() {
                self.pending_focus.set_value(None);
                self.finish_load_more(first_new);
            }
        });
    }

    /// The `next` page address, unless it was loaded already.
    fn unloaded_next(&self) -> Option<String> {
        let next = self.next.get()?;
        (!self.loaded.with(|l| l.contains(&next))).then_some(next)
    }

    fn status(&self) -> Status {
        match self.page.get() {
            Load::Loading => Status::Loading,
            Load::Failed(error) => Status::Failed(error),
            Load::Ready(_) => {
                let more = self.unloaded_next().is_some();
                if more && self.items.with(Vec::len) < self.want.get() as usize {
                    Status::Loading
                } else if more {
                    Status::More
                } else {
                    Status::End
                }
            }
        }
    }

    fn load_more(&self) {
        let shown = self.items.with_untracked(Vec::len);
        self.pending_focus.set_value(Some(shown));
        self.announcement.set(String::new());
        self.want.set(count(shown).saturating_add(1));
    }

    /// Tells screen readers how many items arrived and moves focus to the
    /// first of them, so keyboard users continue reading where the list grew.
    fn finish_load_more(&self, first_new: usize) {
        let added = self
            .items
            .with_untracked(Vec::len)
            .saturating_sub(first_new);
        if added == 0 {
            return;
        }
        let text = self.lang.get_untracked().text();
        self.announcement.set(
            text.loaded_more
                .replace("{n}", &crate::numerals::digits(added as u64)),
        );
        // A task later, when the new cards are in the page.
        crate::env::browser::after(
            0,
            Box::new(move || {
                let link = document()
                    .query_selector_all(".feed .card__title a")
                    .ok()
                    .and_then(|links| links.item(first_new as u32))
                    .and_then(|node| node.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(link) = link {
                    let _ = link.focus();
                }
            }),
        );
    }
}

/// A number of items as the `want` signal holds it.
fn count(items: usize) -> u32 {
    u32::try_from(items).unwrap_or(u32::MAX)
}

/// The list, its loading and error states, and the "Xem thêm" button.
#[component]
pub fn FeedView(
    feed: Feed,
    /// What to say when the feed turns out empty.
    #[prop(optional)]
    empty_text: Option<fn(&'static Text) -> &'static str>,
) -> impl IntoView {
    let t = use_strings();
    let status = Memo::new(move |_| feed.status());
    let empty = Memo::new(move |_| feed.items.with(Vec::is_empty));
    let retry = move |_| feed.page.retry();
    // A memo, so the button is built once while it is shown (what `Show`
    // does, without its own machinery in the wasm).
    let more_shown = Memo::new(move |_| matches!(status.get(), Status::Loading | Status::More));
    // Kept as one element while it switches between "Xem thêm" and "Đang tải…",
    // so keyboard focus stays on it.
    let more_button = move || {
        let busy = move || status.get() == Status::Loading;
        view! {
            <button
                type="button"
                class="button feed__more needs-js"
                aria-disabled=attr(move || busy().then_some("true"))
                on:click=on_click(move |_| {
                    if !busy() {
                        feed.load_more();
                    }
                })
            >
                {text(move || if busy() { t().loading } else { t().load_more })}
            </button>
        }
    };
    let body = dynamic(move || {
        if empty.get() {
            return match status.get() {
                Status::Loading => view! { <LoadingCards /> }.into_any(),
                Status::Failed(error) => view! { <ErrorPanel error on_retry=retry /> }.into_any(),
                Status::More | Status::End => view! {
                    <p class="feed__empty">{text(move || empty_text.map_or(t().no_articles, |pick| pick(t())))}</p>
                }
                .into_any(),
            };
        }
        view! {
            <ul class="article-list" role="list">
                // Not keyed (`For`): cards are rebuilt in place by position, so
                // "Xem thêm" keeps the existing cards' nodes (and focus) and a
                // refreshed list redraws what changed. Keyed diffing would
                // bring its diffing and the hashing of summaries into the wasm.
                {dynamic(move || {
                    feed.items
                        .get()
                        .into_iter()
                        .enumerate()
                        .map(|(index, article)| {
                            view! {
                                <li>
                                    <ArticleCard article eager=index < 2 />
                                </li>
                            }
                        })
                        .collect_any()
                })}
            </ul>
            {dynamic(move || more_shown.get().then(more_button).any())}
            {dynamic(move || match status.get() {
                Status::Failed(error) => view! { <ErrorPanel error on_retry=retry /> }.into_any(),
                Status::End => view! { <p class="feed__end">{tr(|t| t.all_shown)}</p> }.into_any(),
                Status::Loading | Status::More => ().into_any(),
            })}
        }
        .into_any()
    });
    view! {
        <div class="feed">
            {body}
            <p class="sr-only" role="status">
                {text(move || feed.announcement.get())}
            </p>
        </div>
    }
}
