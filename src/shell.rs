//! The portal's frame around every page: skip link, header with the site name
//! and category navigation, the main column, the sidebar region and the footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::a11y::toolbar::A11yToolbar;
use crate::api::{Load, Site};
use crate::env::AppEnv;
use crate::prefs::{tr, use_text};
use crate::ui::ErrorPanel;
use crate::urls::routes;
use crate::SiteData;

/// Landmarks in reading order, one `main` whose `h1` each page provides.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    focus_main_on_navigation();
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            {tr(|t| t.skip_link)}
        </a>
        <header class="site-header">
            <A11yToolbar />
            <div class="container site-header__inner">
                <SiteName />
            </div>
            <CategoryNav />
        </header>
        <div class="container layout">
            <main id="main" class="layout__main" tabindex="-1">
                {children()}
            </main>
            <aside class="layout__sidebar" aria-label=tr(|t| t.sidebar)>
                <crate::ui::CategoryList />
            </aside>
        </div>
        <SiteFooter />
    }
}

/// The site name links home; while `site.json` loads it keeps its space.
#[component]
fn SiteName() -> impl IntoView {
    let site = expect_context::<SiteData>().0;
    let env = expect_context::<AppEnv>();
    let t = use_text();
    let name = move || match site.get() {
        Load::Ready(site) => site.name,
        Load::Loading => String::new(),
        Load::Failed(_) => t().site_fallback_name.to_string(),
    };
    view! {
        <a class="site-name" href=routes::home(&env.router_base)>
            <span class="site-name__emblem" aria-hidden="true"></span>
            <span class="site-name__text">{name}</span>
        </a>
    }
}

/// Home plus every category from `site.json`; the current one is marked with
/// `aria-current="page"`. A failed `site.json` is reported here, with a retry.
#[component]
fn CategoryNav() -> impl IntoView {
    let site = expect_context::<SiteData>().0;
    let env = expect_context::<AppEnv>();
    let t = use_text();
    let pathname = use_location().pathname;
    let base = env.router_base.clone();
    let link = move |href: String, label: String| {
        let target = href.clone();
        let current = move || (pathname.get() == target).then_some("page");
        view! {
            <li>
                <a href=href aria-current=current>
                    {label}
                </a>
            </li>
        }
    };
    view! {
        <nav class="category-nav" aria-label=tr(|t| t.categories)>
            <div class="container">
                {move || match site.get() {
                    Load::Failed(error) => {
                        view! { <ErrorPanel error on_retry=move |_| site.retry() compact=true /> }
                            .into_any()
                    }
                    state => {
                        let categories = match state {
                            Load::Ready(Site { categories, .. }) => categories,
                            _ => Vec::new(),
                        };
                        view! {
                            <ul class="category-nav__list" role="list">
                                {link(routes::home(&base), t().home.to_string())}
                                {categories
                                    .into_iter()
                                    .map(|c| link(routes::category(&base, &c.slug), c.name))
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }
                }}
            </div>
        </nav>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let site = expect_context::<SiteData>().0;
    let t = use_text();
    let name = move || match site.get() {
        Load::Ready(site) => site.name,
        _ => t().site_fallback_name.to_string(),
    };
    view! {
        <footer class="site-footer">
            <div class="container">
                <p class="site-footer__name">{name}</p>
                <p>{tr(|t| t.footer_note)}</p>
                <p>
                    <a href="#main" on:click=skip_to_main>
                        {tr(|t| t.back_to_top)}
                    </a>
                </p>
            </div>
        </footer>
    }
}

/// Moves focus to `<main>` ourselves: the router would treat `#main` as a
/// navigation, and a plain fragment jump does not move keyboard focus in every
/// browser.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_main(true);
}

fn focus_main(scroll: bool) {
    let main = document()
        .get_element_by_id("main")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
        if scroll {
            main.scroll_into_view();
        }
    }
}

/// After a client-side navigation, screen reader and keyboard users start at
/// the new page's content, as they would after a full page load.
fn focus_main_on_navigation() {
    let pathname = use_location().pathname;
    Effect::new(move |previous: Option<String>| {
        let current = pathname.get();
        if previous.as_ref().is_some_and(|p| *p != current) {
            focus_main(false);
        }
        current
    });
}

/// Sets `document.title` to "page – site" while the calling view is shown.
pub fn use_page_title(page: impl Fn() -> Option<String> + 'static) {
    let site = use_context::<SiteData>().map(|s| s.0);
    Effect::new(move |_| {
        let site_name = site.and_then(|site| {
            site.with(|s| match s {
                Load::Ready(site) => Some(site.name.clone()),
                _ => None,
            })
        });
        let title = match (page(), site_name) {
            (Some(page), Some(site)) => format!("{page} – {site}"),
            (Some(page), None) => page,
            (None, Some(site)) => site,
            (None, None) => return,
        };
        document().set_title(&title);
    });
}
