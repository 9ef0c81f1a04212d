//! The home page: newest summaries first, "Xem thêm" for the next page.

use leptos::prelude::*;

use super::feed::{use_feed, FeedView};
use crate::dynamic::view;
use crate::env::use_env;
use crate::page::{show_main, use_page_head, PageFacts};
use crate::prefs::{tr, use_strings};
use crate::urls::routes;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_strings();
    let route = routes::home(&use_env().router_base);
    use_page_head(move || PageFacts {
        route: Some(route.clone()),
        description: Some(t().home_description.to_string()),
        ..PageFacts::default()
    });
    // Home shows every summary of a page; one more page per "Xem thêm".
    show_main();
    let feed = use_feed(None, 1);
    view! {
        <h1 class="page-title">{tr(|t| t.home_heading)}</h1>
        <FeedView feed />
    }
}
