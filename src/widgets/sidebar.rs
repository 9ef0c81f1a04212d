//! The sidebar's views. Each widget renders nothing until its data is there,
//! and nothing at all when it fails: the main column reports the errors that
//! matter to the reader. The sidebar shows its widgets together, once "Tin
//! mới" (first, and fetched) has come: beside the page on a wide screen, it
//! would push the others down under the reader.

use leptos::prelude::*;

use super::{as_of_line, stat_rows};
use crate::api::{use_load, ApiError, ArticleList, Load, Loader, Site, Stats};
use crate::dynamic::{attribute, dynamic, view, AnyOption, CollectAny};
use crate::env::use_env;
use crate::page::{settled, use_main_shown};
use crate::prefs::{tr, use_prefs};
use crate::router::use_pathname;
use crate::site::{use_content_lang, use_site};
use crate::ui::ArticleLink;
use crate::urls::routes;

/// How many of the newest articles the "Tin mới" widget lists.
pub const LATEST_COUNT: usize = 5;

#[component]
pub fn Sidebar() -> impl IntoView {
    let env = use_env();
    let pathname = use_pathname();
    let home = routes::home(&env.router_base);
    // On the home page the main column already is the latest news.
    let on_home = Memo::new(move |_| pathname.with(|p| *p == home));
    // Widgets that fetch wait until the page has shown its content.
    let shown = use_main_shown();
    view! {
        <aside class="layout__sidebar" aria-label=tr(|t| t.sidebar)>
            {dynamic(move || shown.get().then(|| view! { <Widgets on_home /> }).any())}
        </aside>
    }
}

/// The widgets in their order, unseen until "Tin mới" has come or failed
/// (a second at most, the first time; a page that carries it: at once).
#[component]
fn Widgets(on_home: Memo<bool>) -> impl IntoView {
    let endpoint = use_env().endpoint;
    let list_endpoint = endpoint.clone();
    let latest = use_load::<ArticleList>(move || {
        if on_home.get() {
            // Not asked for: nothing to show, nothing to wait for.
            Err(ApiError::Aborted)
        } else {
            list_endpoint.article_list("articles.json")
        }
    });
    let stats = use_load::<Stats>(move || endpoint.stats());
    // Stats come last: their arrival moves no widget, so none waits for them.
    let waited = settled(move || on_home.get() || !latest.with(Load::is_loading));
    view! {
        <div class=move || if waited.get() { "" } else { "is-waiting" }>
            <LatestWidget list=latest />
            <CategoryList />
            <MapWidget />
            <StatsWidget stats />
        </div>
    }
}

/// "Thống kê truy cập" from `stats.json`, which is optional.
#[component]
fn StatsWidget(stats: Loader<Stats>) -> impl IntoView {
    let lang = use_prefs().lang;
    dynamic(move || {
        let Load::Ready(stats) = stats.get() else {
            return ().into_any();
        };
        let lang = lang.get();
        let rows = stat_rows(&stats, lang)
            .into_iter()
            .map(|row| {
                view! {
                    <div class="stats__row">
                        <dt>{row.label}</dt>
                        <dd>{row.value}</dd>
                    </div>
                }
            })
            .collect_any();
        widget(
            "widget-stats",
            tr(|t| t.stats_heading),
            view! {
                <dl class="stats">{rows}</dl>
                {as_of_line(&stats, lang).map(|line| view! { <p class="widget__note">{line}</p> }).any()}
            },
        )
        .into_any()
    })
}

/// "Bản đồ địa giới hành chính": `site.json`'s `boundary_map`, loaded only
/// when it scrolls near (it is below the fold on every page).
#[component]
fn MapWidget() -> impl IntoView {
    let site = use_site();
    let env = use_env();
    let content_lang = use_content_lang();
    dynamic(move || {
        let Load::Ready(Site {
            boundary_map: Some(map),
            ..
        }) = site.get()
        else {
            return ().into_any();
        };
        let Some(src) = env.image(&map.image) else {
            return ().into_any();
        };
        // A link the gate refuses is replaced by the image itself.
        let link = map
            .link
            .and_then(|l| env.link(&l))
            .unwrap_or_else(|| src.clone());
        widget(
            "widget-map",
            tr(|t| t.map_heading),
            view! {
                <img
                    class="map-widget__image"
                    {attribute("src", src)}
                    {attribute("alt", map.alt.unwrap_or_default())}
                    lang={content_lang}
                    {attribute("width", "1200")}
                    {attribute("height", "675")}
                    {attribute("loading", "lazy")}
                    {attribute("decoding", "async")}
                />
                // rel=external: the router must not take a same-origin image for a route.
                <a class="widget__more" href={link} {attribute("rel", "external")}>
                    {tr(|t| t.map_open)}
                </a>
            },
        )
        .into_any()
    })
}

/// "Tin mới": the first entries of `articles.json`, the current one marked.
#[component]
fn LatestWidget(list: Loader<ArticleList>) -> impl IntoView {
    let env = use_env();
    let pathname = use_pathname();
    dynamic(move || {
        let Load::Ready(list) = list.get() else {
            return ().into_any();
        };
        let items = list
            .articles
            .into_iter()
            .take(LATEST_COUNT)
            .map(|article| {
                let target = routes::article(&env.router_base, &article.slug);
                let current = Memo::new(move |_| pathname.with(|p| *p == target));
                view! {
                    <li>
                        <ArticleLink link=article.into() current />
                    </li>
                }
            })
            .collect_any();
        widget(
            "widget-latest",
            tr(|t| t.latest_heading),
            view! {
                <ul class="widget__list widget__list--articles" role="list">
                    {items}
                </ul>
            },
        )
        .into_any()
    })
}

/// The categories of `site.json`.
#[component]
pub fn CategoryList() -> impl IntoView {
    let site = use_site();
    let env = use_env();
    let content_lang = use_content_lang();
    dynamic(move || {
        let Load::Ready(site) = site.get() else {
            return ().into_any();
        };
        if site.categories.is_empty() {
            return ().into_any();
        }
        let base = env.router_base.clone();
        widget(
            "widget-categories",
            tr(|t| t.categories),
            view! {
                <ul class="widget__list" role="list" lang=content_lang>
                    {site
                        .categories
                        .into_iter()
                        .map(|c| {
                            view! {
                                <li>
                                    <a href=routes::category(&base, &c.slug)>{c.name}</a>
                                </li>
                            }
                        })
                        .collect_any()}
                </ul>
            },
        )
        .into_any()
    })
}

/// The frame every widget shares: a section labelled by its heading (whose
/// `id`, `widget-…`, the tests find it by), then `body`. A plain function,
/// not a component: the body is not boxed.
fn widget(id: &'static str, title: Signal<&'static str>, body: impl IntoView) -> impl IntoView {
    view! {
        <section class="widget" aria-labelledby=id>
            <h2 class="widget__title" id=id>
                {title}
            </h2>
            {body}
        </section>
    }
}
