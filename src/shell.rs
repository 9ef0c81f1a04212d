//! The portal's frame around every page: skip link, header with the site name
//! and category navigation, the main column, the sidebar region and the footer.

use leptos::prelude::*;

use crate::api::{post_hit, Load, Site};
use crate::dynamic::{attr, attribute, dynamic, on_click, text, true_false, view, CollectAny};
use crate::effect::effect;
use crate::env::use_env;
use crate::i18n::Lang;
use crate::offline::{use_service_worker, OfflineStatus};
use crate::page::{settled, use_document_head};
use crate::prefs::{tr, use_prefs, use_strings};
use crate::region::Region;
use crate::router::use_pathname;
use crate::search::results::SearchForm;
use crate::site::{use_content_lang, use_site};
use crate::toolbar::A11yToolbar;
use crate::ui::ErrorPanel;
use crate::urls::routes;
use crate::widgets::sidebar::Sidebar;

/// Landmarks in reading order, one `main` whose `h1` each page provides.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    use_document_head();
    use_focus_main_on_navigation();
    use_page_view_counter();
    use_service_worker();
    // On a route the pre-render did not write (a search, the saved
    // articles, a newer article, not found), site.json's categories widen
    // the menu to more rows and would push down a page already shown: the
    // menu and the page wait for it, unseen, a second at most, once.
    let site = use_site();
    let waited = settled(move || !site.with(Load::is_loading));
    let layout_class = Signal::derive(move || {
        if waited.get() {
            "container layout"
        } else {
            "container layout is-waiting"
        }
    });
    view! {
        <a class="skip-link" href="#main" on:click=on_click(skip_to_main)>
            {tr(|t| t.skip_link)}
        </a>
        <Region>
            <header class="site-header">
                <A11yToolbar>
                    <LanguageSwitch />
                </A11yToolbar>
                <div class="container site-header__inner">
                    <SiteName />
                    <SearchForm />
                </div>
                <CategoryNav />
            </header>
        </Region>
        <div class="container">
            <OfflineStatus />
        </div>
        <div class=layout_class>
            <main id="main" class="layout__main" {attribute("tabindex", "-1")}>
                {children()}
            </main>
            <Region>
                <Sidebar />
            </Region>
        </div>
        <Region>
            <SiteFooter />
        </Region>
    }
}

/// "Tiếng Việt" / "English", each name in its own language (and marked so,
/// for screen readers), the current one pressed. Remembered across visits.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let prefs = use_prefs();
    view! {
        <div class="a11y-bar__group" role="group" aria-label=tr(|t| t.language_group)>
            {Lang::ALL
                .into_iter()
                .map(|lang| {
                    view! {
                        <button
                            type="button"
                            class="control a11y-bar__button"
                            {attribute("lang", lang.code())}
                            aria-pressed=attr(move || true_false(prefs.lang.get() == lang))
                            on:click=on_click(move |_| prefs.choose_lang(lang))
                        >
                            {lang.own_name()}
                        </button>
                    }
                })
                .collect_any()}
        </div>
    }
}

/// The site name links home; while `site.json` loads it keeps its space.
#[component]
fn SiteName() -> impl IntoView {
    let site = use_site();
    let env = use_env();
    let t = use_strings();
    let name = text(move || match site.get() {
        Load::Ready(site) => site.name,
        Load::Loading => String::new(),
        Load::Failed(_) => t().site_fallback_name.to_string(),
    });
    view! {
        <a class="site-name" href=routes::home(&env.router_base)>
            // The emblem inline, not as a data: URL: the policy allows no
            // data: images, and it costs no request (public/icon.svg too).
            <svg class="site-name__emblem" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <circle cx="12" cy="12" r="12" fill="#b3261e"></circle>
                <polygon
                    fill="#ffde00"
                    points="12,4.6 13.8,9.1 18.6,9.2 14.9,12.2 16.2,16.8 12,14.1 7.8,16.8 9.1,12.2 5.4,9.2 10.2,9.1"
                ></polygon>
            </svg>
            <span class="site-name__text" lang=site_name_lang()>
                {name}
            </span>
        </a>
    }
}

/// Home plus every category from `site.json`; the current one is marked with
/// `aria-current="page"`. A failed `site.json` is reported here, with a retry.
#[component]
fn CategoryNav() -> impl IntoView {
    let site = use_site();
    let env = use_env();
    let t = use_strings();
    let pathname = use_pathname();
    let base = env.router_base.clone();
    // Category names are content (site.json); "Trang chủ" is interface.
    let content_lang = use_content_lang();
    let interface_lang = {
        let lang = use_prefs().lang;
        Signal::derive(move || lang.get().code())
    };
    let link = move |href: String, label: String, lang: Signal<&'static str>| {
        let target = href.clone();
        let current = attr(move || (pathname.get() == target).then_some("page"));
        view! {
            <li>
                <a href=href aria-current=current lang=lang>
                    {label}
                </a>
            </li>
        }
    };
    view! {
        <nav class="category-nav" aria-label=tr(|t| t.categories)>
            <div class="container">
                {dynamic(move || match site.get() {
                    Load::Failed(error) => {
                        view! { <ErrorPanel error on_retry=move |_| site.retry() compact=true /> }
                            .into_any()
                    }
                    state => {
                        // While loading: the home and saved links, one row
                        // held, unseen (see Shell).
                        let (categories, class) = match state {
                            Load::Ready(Site { categories, .. }) => {
                                (categories, "category-nav__list")
                            }
                            _ => (Vec::new(), "category-nav__list is-waiting"),
                        };
                        let saved = routes::saved(&base);
                        let saved_current = {
                            let saved = saved.clone();
                            move || (pathname.get() == saved).then_some("page")
                        };
                        view! {
                            <ul class=class role="list">
                                {link(routes::home(&base), t().home.to_string(), interface_lang)}
                                {categories
                                    .into_iter()
                                    .map(|c| {
                                        link(routes::category(&base, &c.slug), c.name, content_lang)
                                    })
                                    .collect_any()}
                                // Saved articles need the app (and its worker).
                                <li class="needs-js category-nav__saved">
                                    <a href=saved aria-current=saved_current>
                                        {tr(|t| t.saved_heading)}
                                    </a>
                                </li>
                            </ul>
                        }
                            .into_any()
                    }
                })}
            </div>
        </nav>
    }
}

/// The language of the site name as shown: the content's once `site.json`
/// has given the name, the interface's for the fallback name.
fn site_name_lang() -> Signal<&'static str> {
    let site = use_site();
    let content = use_content_lang();
    let lang = use_prefs().lang;
    Signal::derive(move || {
        if site.ready_map(|_| ()).is_some() {
            content.get()
        } else {
            lang.get().code()
        }
    })
}

#[component]
fn SiteFooter() -> impl IntoView {
    let site = use_site();
    let t = use_strings();
    let name = text(move || match site.get() {
        Load::Ready(site) => site.name,
        _ => t().site_fallback_name.to_string(),
    });
    view! {
        <footer class="site-footer">
            <div class="container">
                <p class="site-footer__name" lang=site_name_lang()>
                    {name}
                </p>
                <p>{tr(|t| t.footer_note)}</p>
                <p>
                    <a href="#main" on:click=on_click(skip_to_main)>
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
    if let Some(main) = crate::env::browser::focus_by_id("main") {
        if scroll {
            main.scroll_into_view();
        }
    }
}

/// After a client-side navigation, screen reader and keyboard users start at
/// the new page's content, as they would after a full page load.
fn use_focus_main_on_navigation() {
    let pathname = use_pathname();
    let mut previous = None::<String>;
    effect(move || {
        let current = pathname.get();
        if previous.as_ref().is_some_and(|p| *p != current) {
            focus_main(false);
        }
        previous = Some(current);
    });
}

/// `POST stats/hit` once per page view, when `site.json` says the endpoint
/// counts them or the deployment names a counting service: on the first page and after each navigation to another path,
/// never for a re-render (a language or text-size change). Fire-and-forget:
/// the answer, and any error, are ignored.
fn use_page_view_counter() {
    let site = use_site();
    let env = use_env();
    let pathname = use_pathname();
    let mut counted = None::<String>;
    effect(move || {
        let path = pathname.get();
        let wanted =
            env.endpoint.counts() || site.ready_map(|site| site.features.stats_hit) == Some(true);
        if !wanted || counted.as_deref() == Some(path.as_str()) {
            return;
        }
        counted = Some(path.clone());
        post_hit(&env.endpoint, &routes::route_of(&path, &env.router_base));
    });
}
