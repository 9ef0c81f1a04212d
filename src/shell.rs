//! The portal's frame around every page: skip link, header with the site name
//! and category navigation, the main column, the sidebar region and the footer.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

use crate::a11y::toolbar::A11yToolbar;
use crate::api::{post_hit, Load, Site};
use crate::env::AppEnv;
use crate::i18n::Lang;
use crate::prefs::{tr, use_content_lang, use_prefs, use_text};
use crate::ui::ErrorPanel;
use crate::urls::routes;
use crate::widgets::sidebar::Sidebar;
use crate::SiteData;

/// Landmarks in reading order, one `main` whose `h1` each page provides.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    provide_context(MainShown(RwSignal::new(false)));
    focus_main_on_navigation();
    count_page_views();
    view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>
            {tr(|t| t.skip_link)}
        </a>
        <header class="site-header">
            <A11yToolbar>
                <LanguageSwitch />
            </A11yToolbar>
            <div class="container site-header__inner">
                <SiteName />
            </div>
            <CategoryNav />
        </header>
        <div class="container layout">
            <main id="main" class="layout__main" tabindex="-1">
                {children()}
            </main>
            <Sidebar />
        </div>
        <SiteFooter />
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
                .map(|lang| {
                    view! {
                        <button
                            type="button"
                            class="control a11y-bar__button"
                            lang=lang.code()
                            aria-pressed=move || {
                                if prefs.lang.get() == lang { "true" } else { "false" }
                            }
                            on:click=move |_| prefs.choose_lang(lang)
                        >
                            {lang.own_name()}
                        </button>
                    }
                })}
        </div>
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
    let site = expect_context::<SiteData>().0;
    let env = expect_context::<AppEnv>();
    let t = use_text();
    let pathname = use_location().pathname;
    let base = env.router_base.clone();
    // Category names are content (site.json); "Trang chủ" is interface.
    let content_lang = use_content_lang();
    let interface_lang = {
        let lang = use_prefs().lang;
        Signal::derive(move || lang.get().code())
    };
    let link = move |href: String, label: String, lang: Signal<&'static str>| {
        let target = href.clone();
        let current = move || (pathname.get() == target).then_some("page");
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
                                {link(routes::home(&base), t().home.to_string(), interface_lang)}
                                {categories
                                    .into_iter()
                                    .map(|c| {
                                        link(routes::category(&base, &c.slug), c.name, content_lang)
                                    })
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

/// The language of the site name as shown: the content's once `site.json`
/// has given the name, the interface's for the fallback name.
fn site_name_lang() -> Signal<&'static str> {
    let site = expect_context::<SiteData>().0;
    let content = use_content_lang();
    let lang = use_prefs().lang;
    Signal::derive(move || {
        if site.with(|s| matches!(s, Load::Ready(_))) {
            content.get()
        } else {
            lang.get().code()
        }
    })
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
                <p class="site-footer__name" lang=site_name_lang()>
                    {name}
                </p>
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

/// `POST stats/hit` once per page view, when `site.json` says the endpoint
/// counts them: on the first page and after each navigation to another path,
/// never for a re-render (a language or text-size change). Fire-and-forget:
/// the answer, and any error, are ignored.
fn count_page_views() {
    let site = expect_context::<SiteData>().0;
    let env = expect_context::<AppEnv>();
    let pathname = use_location().pathname;
    let counted = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let path = pathname.get();
        let wanted = site.with(|s| matches!(s, Load::Ready(site) if site.features.stats_hit));
        if !wanted || counted.with_value(|c| c.as_deref() == Some(path.as_str())) {
            return;
        }
        counted.set_value(Some(path.clone()));
        post_hit(&env.endpoint, &routes::route_of(&path, &env.router_base));
    });
}

/// Whether the first page has shown what the reader came for (or its error).
/// The sidebar's own requests wait for it, so on a slow line they never
/// compete with the article for bandwidth and CPU. Set by [`use_page_head`],
/// which every page calls once its main content is known.
#[derive(Clone, Copy)]
pub struct MainShown(pub RwSignal<bool>);

/// What a page says about itself, for the window title and [`crate::head`].
#[derive(Clone, Debug, Default)]
pub struct PageFacts {
    /// The page's own title; `None` on the home page (the site name alone).
    pub title: Option<String>,
    /// The route (from [`routes`]) this page is the canonical page of;
    /// `None` for pages that should not be indexed.
    pub route: Option<String>,
    pub description: Option<String>,
    /// An image path as the endpoint gives it, with its alt text.
    pub image: Option<(String, Option<String>)>,
    pub article: Option<crate::api::Article>,
}

/// Sets `document.title` ("page – site") and the head tags while the calling
/// view is shown, again when `site.json` arrives.
pub fn use_page_head(page: impl Fn() -> PageFacts + 'static) {
    if let Some(MainShown(shown)) = use_context::<MainShown>() {
        if !shown.get_untracked() {
            shown.set(true);
        }
    }
    let site = use_context::<SiteData>().map(|s| s.0);
    let env = use_context::<AppEnv>();
    let content_lang = crate::prefs::use_content_lang();
    Effect::new(move |_| {
        let facts = page();
        let (site_name, site_url) = site
            .map(|site| {
                site.with(|s| match s {
                    Load::Ready(site) => (Some(site.name.clone()), site.site_url.clone()),
                    _ => (None, None),
                })
            })
            .unwrap_or_default();
        let title = match (&facts.title, &site_name) {
            (Some(page), Some(site)) => format!("{page} – {site}"),
            (Some(page), None) => page.clone(),
            (None, Some(site)) => site.clone(),
            (None, None) => return,
        };
        document().set_title(&title);
        let Some(env) = &env else {
            return;
        };
        let origin = crate::share::site_origin(site_url.as_deref(), &env.origin);
        let canonical = facts.route.as_ref().map(|route| format!("{origin}{route}"));
        let image = facts
            .image
            .as_ref()
            .and_then(|(src, alt)| Some((env.endpoint.image(src)?, alt.as_deref())));
        crate::head::dom::apply(&crate::head::tags(&crate::head::Page {
            title: facts.title.as_deref().unwrap_or(&title),
            site_name: site_name.as_deref(),
            canonical: canonical.as_deref(),
            site_origin: &origin,
            description: facts.description.as_deref(),
            image: image.as_ref().map(|(src, _)| src.as_str()),
            image_alt: image.as_ref().and_then(|(_, alt)| *alt),
            content_lang: content_lang.get(),
            article: facts.article.as_ref(),
        }));
    });
}

/// [`use_page_head`] for pages that are not indexed: errors, not found.
pub fn use_page_title(page: impl Fn() -> Option<String> + 'static) {
    use_page_head(move || PageFacts {
        title: page(),
        ..PageFacts::default()
    });
}
