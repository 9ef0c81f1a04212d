//! The page for unknown routes, unknown slugs and unknown categories.

use leptos::prelude::*;

use crate::env::AppEnv;
use crate::prefs::{tr, use_text};
use crate::shell::use_page_title;
use crate::urls::routes;

#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_text();
    let home = use_context::<AppEnv>()
        .map(|env| routes::home(&env.router_base))
        .unwrap_or_else(|| "/".into());
    use_page_title(move || Some(t().not_found_heading.to_string()));
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
