//! `/chuyen-muc/{slug}`: the summaries of one category.

use leptos::prelude::*;

use super::feed::{use_feed, FeedView};
use super::NotFound;
use crate::api::Load;
use crate::dynamic::{attribute, dynamic, view};
use crate::env::use_env;
use crate::i18n::Text;
use crate::page::{show_main, use_page_head, PageFacts};
use crate::prefs::use_strings;
use crate::site::use_site;
use crate::ui::{error_page, LoadingCards};
use crate::urls::routes;

/// How many summaries a category page starts with before "Xem thêm" (the
/// pre-render embeds the list pages that fill it).
pub const FIRST_BATCH: usize = 6;

/// Built per slug ([`crate::App`]'s page switch), so moving between
/// categories starts a fresh feed.
#[component]
pub fn CategoryPage(slug: String) -> impl IntoView {
    let site = use_site();
    dynamic(move || match site.get() {
        Load::Loading => view! {
            <div
                class="page-title skeleton skeleton--title"
                {attribute("aria-hidden", "true")}
            ></div>
            <LoadingCards />
        }
        .into_any(),
        Load::Failed(error) => error_page(error, move || site.retry()).into_any(),
        Load::Ready(site) => match site.category(&slug) {
            None => view! { <NotFound /> }.into_any(),
            Some(category) => {
                let name = category.name.clone();
                let slug = slug.clone();
                view! { <CategoryFeed slug name /> }.into_any()
            }
        },
    })
}

#[component]
fn CategoryFeed(slug: String, name: String) -> impl IntoView {
    let title = name.clone();
    let route = use_env().router_base;
    let route = routes::category(&route, &slug);
    let t = use_strings();
    use_page_head(move || PageFacts {
        title: Some(title.clone()),
        route: Some(route.clone()),
        description: Some(t().category_description.replace("{name}", &title)),
        ..PageFacts::default()
    });
    show_main();
    let feed = use_feed(Some(slug), FIRST_BATCH);
    view! {
        <h1 class="page-title">{name}</h1>
        <FeedView feed empty_text=|t: &Text| t.category_empty />
    }
}
