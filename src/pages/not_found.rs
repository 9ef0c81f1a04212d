//! The page for unknown routes, unknown slugs and unknown categories.

use leptos::prelude::*;

use crate::dynamic::view;
use crate::env::use_env;
use crate::page::{show_main, use_page_title};
use crate::prefs::{tr, use_strings};
use crate::urls::routes;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_strings();
    let home = routes::home(&use_env().router_base);
    use_page_title(move || Some(t().not_found_heading.to_string()));
    show_main();
    view! {
        <section class="not-found" data-page="not-found">
            <h1>{tr(|t| t.not_found_heading)}</h1>
            <p>{tr(|t| t.not_found_body)}</p>
            <p>
                <a class="button" href=home>
                    {tr(|t| t.back_home)}
                </a>
            </p>
        </section>
    }
}
