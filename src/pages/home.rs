//! The home page: newest summaries first, "Xem thêm" for the next page.

use leptos::prelude::*;

use super::feed::{Feed, FeedView};
use crate::env::AppEnv;
use crate::prefs::{tr, use_text};
use crate::shell::{use_page_head, PageFacts};
use crate::urls::routes;

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_text();
    let route = routes::home(&expect_context::<AppEnv>().router_base);
    use_page_head(move || PageFacts {
        route: Some(route.clone()),
        description: Some(t().home_description.to_string()),
        ..PageFacts::default()
    });
    // Home shows every summary of a page; one more page per "Xem thêm".
    let feed = Feed::new(None, 1);
    view! {
        <h1 class="page-title">{tr(|t| t.home_heading)}</h1>
        <FeedView feed />
    }
}
