//! The portal reader: a Leptos single-page app on a static JSON endpoint.
//!
//! The module tree is the product: `api` (contract and client), `a11y` (text
//! size and contrast), `pages` (one
//! file per route), `shell` (header, navigation, footer), `ui` (small shared
//! views), `sanitize` (the allowlist for article HTML), `i18n` (every string),
//! with pure logic (`urls`, `format`, `sanitize`'s rules) testable natively.

pub mod a11y;
pub mod api;
pub mod crash;
pub mod env;
pub mod format;
pub mod head;
pub mod i18n;
pub mod pages;
pub mod prefs;
pub mod rating;
pub mod sanitize;
pub mod share;
pub mod shell;
pub mod speech;
pub mod storage;
pub mod ui;
pub mod urls;
pub mod widgets;

use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, Route, Router};
use leptos_router::path;

use api::{use_load, Site};
use env::AppEnv;
use pages::{ArticlePage, CategoryPage, HomePage, NotFound};
use prefs::Prefs;
use shell::Shell;

/// The text of an inline `<script id=…>` of index.html: the scripts that run
/// before the wasm repeat a few rules of the Rust code, and tests keep them equal.
#[cfg(test)]
pub(crate) fn index_html_script(id: &str) -> String {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .expect("index.html is readable");
    html.split(&format!("<script id=\"{id}\">"))
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap_or_else(|| panic!("index.html has the script {id}"))
        .to_string()
}

/// `site.json`, loaded once for the whole app and shared as context.
#[derive(Clone, Copy)]
pub struct SiteData(pub api::Loader<Site>);

/// The language code of the content (`site.json`'s `lang`), for the views'
/// `lang` attributes: see [`prefs::use_content_lang`].
#[derive(Clone, Copy)]
pub struct ContentLang(pub Memo<&'static str>);

/// Provides what every view reads from context: the deployment (`env`), the
/// reader's preferences, `site.json` (loading starts here) and the content
/// language. `App` calls it once; component tests call it too, so a view
/// under test sees exactly what it sees in the app.
pub fn provide_app_context(env: AppEnv) {
    let endpoint = env.endpoint.clone();
    provide_context(env);
    provide_context(Prefs::new());
    let site = use_load(move || endpoint.site());
    provide_context(SiteData(site));
    provide_context(ContentLang(Memo::new(move |_| {
        let lang = site.with(|s| match s {
            api::Load::Ready(site) => i18n::Lang::of_content(site.lang.as_deref()),
            _ => i18n::Lang::Vi,
        });
        lang.code()
    })));
}

/// The whole app: context providers, the router and the shell.
#[component]
pub fn App() -> impl IntoView {
    let env = AppEnv::from_document();
    let router_base = env.router_base.clone();
    provide_app_context(env);
    expect_context::<Prefs>().apply_to_document();

    view! {
        <Router base=router_base>
            <Shell>
                <FlatRoutes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/chuyen-muc/:slug") view=CategoryPage />
                    <Route path=path!("/bai-viet/:slug") view=ArticlePage />
                </FlatRoutes>
            </Shell>
        </Router>
    }
}
