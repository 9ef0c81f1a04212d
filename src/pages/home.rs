//! The home page: newest summaries first, "Xem thêm" for the next page.

use leptos::prelude::*;

use super::feed::{Feed, FeedView};
use crate::prefs::tr;
use crate::shell::use_page_title;

#[component]
pub fn HomePage() -> impl IntoView {
    use_page_title(|| None);
    // Home shows every summary of a page; one more page per "Xem thêm".
    let feed = Feed::new(None, 1);
    view! {
        <h1 class="page-title">{tr(|t| t.home_heading)}</h1>
        <FeedView feed />
    }
}
