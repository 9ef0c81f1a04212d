//! The portal reader: a Leptos single-page app on a static JSON endpoint.
//!
//! The module tree is the product. Pure rules sit beside the views that use
//! them and are tested natively; views get their data from context and touch
//! the browser only in effects, handlers and [`env::browser`].
//!
//! - `api`: the endpoint contract (types), the client (GET and POST with
//!   timeout, abort and size limit), loading hooks, decoding, errors.
//! - `env`: where the app runs (base URL, endpoint) and what it may ask of
//!   the browser (storage, system settings, which APIs exist).
//! - `site`: `site.json` for the whole app, and the content language.
//! - `page`: the page being shown: its head facts and its main column.
//! - `prefs`: the reader's language, text size and contrast, as one context.
//! - `router`: the address as a signal, history, the links the app follows.
//! - `shell`: skip link, header, language switch, navigation, layout, footer.
//! - `pages`: one file per route, and the list and related views they share.
//! - `widgets`: the sidebar: statistics, boundary map, latest news, categories.
//! - `ui`: small views several pages share (error panel, cards, links, dates).
//! - `a11y`: text size and contrast rules. `toolbar`: their buttons.
//! - `share`, `rating`, `speech`: sharing, star ratings, read aloud.
//! - `search`: the search field, the results page and the rules of the index.
//! - `saved`: "Lưu đọc sau" and the page of saved articles.
//! - `head`: canonical, Open Graph, Twitter and JSON-LD tags.
//! - `sanitize`: the allowlist for article HTML. `urls`: the URL gate,
//!   slugs and routes. `format`: dates, numbers, reading time. `i18n`: every
//!   interface string in both languages. `crash`: the panic page.
//! - `takeover`: mounting the app, in place of a pre-rendered page;
//!   `region`: the parts of a page it builds one task each.
//! - `offline`: the service worker's registration, the offer of a new
//!   version, the notice that a page is a saved copy.
//! - `escape`: the one escaping function of each output context (HTML text,
//!   attribute, XML, JSON in a script), for every document written as text.
//!
//! The deploy-time tools (pre-render, policy, endpoint switch) are the
//! workspace member `deploy/`: they render these same views natively.

mod a11y;
pub mod api;
mod context;
pub mod crash;
mod dynamic;
mod effect;
pub mod env;
pub mod escape;
pub mod format;
pub mod head;
pub mod i18n;
pub mod numerals;
mod offline;
pub mod page;
pub mod pages;
mod prefs;
pub mod rating;
pub mod region;
pub mod router;
pub mod sanitize;
mod saved;
pub mod search;
pub mod share;
mod shell;
pub mod site;
pub mod speech;
pub mod takeover;
#[cfg(test)]
mod test_support;
mod toolbar;
mod ui;
pub mod urls;
pub mod widgets;

use leptos::prelude::*;

use crate::dynamic::view;

use api::Preloaded;
use env::AppEnv;
use pages::{ArticlePage, CategoryPage, HomePage, NotFound};
use prefs::Prefs;
use router::use_pathname;
use saved::SavedPage;
use shell::Shell;
use urls::routes::Route;

/// Provides what every view reads from context: the deployment (`env`), what
/// the page already carries (`preloaded`), the reader's preferences,
/// `site.json` (loading starts here) with the content language, and the page
/// context. `App` calls it in the browser; the pre-render and component
/// tests call it themselves, so a view sees the same context everywhere.
pub fn provide_app_context(env: AppEnv, preloaded: Preloaded) {
    let endpoint = env.endpoint.clone();
    provide_context(env);
    provide_context(preloaded);
    provide_context(Prefs::new());
    site::provide_site(endpoint);
    page::provide_page_context();
}

/// [`provide_app_context`] as the page in the browser says: the deployment,
/// the documents it embeds, the reader's stored choices.
pub fn provide_browser_context() {
    let env = AppEnv::from_document();
    router::provide_address(
        env::browser::pathname(),
        env::browser::query(),
        &env.router_base,
    );
    let preloaded = Preloaded::from_embedded(env::browser::embedded_page_data(), &env.endpoint);
    provide_app_context(env, preloaded.clone());
    // What the page carried serves the first render only: of every region
    // too, when a takeover builds some later.
    let clear = preloaded.clone();
    if !region::after_regions(move || clear.clear()) {
        effect::effect(move || preloaded.clear());
    }
}

/// The whole app: the shell and the page of the address ([`router`]), in the context
/// [`provide_app_context`] gives ([`provide_browser_context`] when nobody
/// gave it).
#[component]
pub fn App() -> impl IntoView {
    if use_context::<AppEnv>().is_none() {
        provide_browser_context();
    }
    prefs::use_prefs_on_document();

    view! {
        <Shell>
            <Pages />
        </Shell>
    }
}

/// The page of the current address ([`urls::routes::Route`]), built again
/// when the address names another page or another slug (not when only the
/// query or the fragment changes).
#[component]
fn Pages() -> impl IntoView {
    let pathname = use_pathname();
    let base = env::use_env().router_base;
    let page = Memo::new(move |_| pathname.with(|path| Route::of(path, &base)));
    dynamic::dynamic(move || match page.get() {
        Route::Home => view! { <HomePage /> }.into_any(),
        Route::Category(slug) => view! { <CategoryPage slug /> }.into_any(),
        Route::Article(slug) => view! { <ArticlePage slug /> }.into_any(),
        Route::Saved => view! { <SavedPage /> }.into_any(),
        Route::Search => view! { <search::results::SearchPage /> }.into_any(),
        Route::NotFound => view! { <NotFound /> }.into_any(),
    })
}
