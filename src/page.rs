//! The page being shown, as one context: what it says about itself (title,
//! canonical route, description, image, article) for the window title and
//! the head tags, and whether its main content is on screen yet.
//!
//! Pages *declare* these facts ([`use_page_head`], [`show_main`]); the shell
//! applies them to the document in the browser ([`use_document_head`]), and a
//! renderer outside the browser can read them back ([`PageContext::head`]).

use leptos::prelude::*;

use crate::api::{Article, Loader, Site};
use crate::context::ReadOnly;
use crate::env::{use_env, AppEnv};
use crate::head::{tags, HeadFacts, Tag};
use crate::share::site_origin;
use crate::site::{use_content_lang, use_site};

/// What a page says about itself, for the window title and [`crate::head`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageFacts {
    /// The page's own title; `None` on the home page (the site name alone).
    pub title: Option<String>,
    /// The route (from [`crate::urls::routes`]) this page is the canonical
    /// page of; `None` for pages that should not be indexed.
    pub route: Option<String>,
    pub description: Option<String>,
    /// An image path as the endpoint gives it, with its alt text.
    pub image: Option<(String, Option<String>)>,
    pub article: Option<Article>,
}

/// The page context, provided once by the shell.
#[derive(Clone, Copy)]
pub struct PageContext {
    /// The page's declaration, a plain function rather than a signal: it
    /// must outlive the page's own reactive owner, so the pre-render can
    /// read it once the page has rendered. What it reads stays tracked.
    facts: RwSignal<Option<Facts>>,
    main_shown: RwSignal<bool>,
    env: StoredValue<AppEnv>,
    site: Loader<Site>,
    content_lang: Signal<&'static str>,
}

type Facts = std::sync::Arc<dyn Fn() -> PageFacts + Send + Sync>;

impl PageContext {
    /// The window title and head tags of the page shown now (tracked);
    /// `None` until a page has declared itself and its title is known.
    pub fn head(&self) -> Option<(String, Vec<Tag>)> {
        let facts = self.facts.get()?();
        let (site_name, site_url) = self
            .site
            .ready_map(|site| (Some(site.name.clone()), site.site_url.clone()))
            .unwrap_or_default();
        self.env.with_value(|env| {
            head_of(
                &facts,
                site_name.as_deref(),
                site_url.as_deref(),
                env,
                self.content_lang.get(),
            )
        })
    }
}

/// The window title ("page – site") and the head tags of a page.
pub fn head_of(
    facts: &PageFacts,
    site_name: Option<&str>,
    site_url: Option<&str>,
    env: &AppEnv,
    content_lang: &str,
) -> Option<(String, Vec<Tag>)> {
    let title = match (&facts.title, site_name) {
        (Some(page), Some(site)) => format!("{page} – {site}"),
        (Some(page), None) => page.clone(),
        (None, Some(site)) => site.to_string(),
        (None, None) => return None,
    };
    // Absolute where the public origin is known: link previews need that.
    let origin = site_origin(site_url, &env.public_origin);
    let absolute = |url: String| match url.starts_with('/') {
        true => format!("{origin}{url}"),
        false => url,
    };
    let canonical = facts.route.clone().map(absolute);
    let image = facts
        .image
        .as_ref()
        .and_then(|(src, alt)| Some((absolute(env.image(src)?), alt.as_deref())));
    let tags = tags(&HeadFacts {
        title: facts.title.as_deref().unwrap_or(&title),
        site_name,
        canonical: canonical.as_deref(),
        site_origin: &origin,
        description: facts.description.as_deref(),
        image: image.as_ref().map(|(src, _)| src.as_str()),
        image_alt: image.as_ref().and_then(|(_, alt)| *alt),
        content_lang,
        article: facts.article.as_ref(),
    });
    Some((title, tags))
}

/// Provides an empty page context; the shell calls it once.
pub fn provide_page_context() -> PageContext {
    let context = PageContext {
        facts: RwSignal::new(None),
        main_shown: RwSignal::new(false),
        env: StoredValue::new(use_env()),
        site: use_site(),
        content_lang: use_content_lang(),
    };
    provide_context(context);
    context
}

fn use_page_context() -> PageContext {
    crate::context::context::<PageContext>()
}

/// Declares what the calling page says about itself, for as long as it is
/// shown; `page` is re-read when what it reads changes (the language).
pub fn use_page_head(page: impl Fn() -> PageFacts + Send + Sync + 'static) {
    use_page_context()
        .facts
        .set(Some(std::sync::Arc::new(page)));
}

/// [`use_page_head`] for pages that are not indexed: errors, not found.
pub fn use_page_title(title: impl Fn() -> Option<String> + Send + Sync + 'static) {
    use_page_head(move || PageFacts {
        title: title(),
        ..PageFacts::default()
    });
}

/// Says that the main column now shows what the reader came for (or its
/// error). Extras that load on their own (the sidebar's widgets) wait for
/// it, so on a slow line they never compete with the article.
pub fn show_main() {
    let shown = use_page_context().main_shown;
    if !shown.get_untracked() {
        shown.set(true);
    }
}

/// Whether a region may show (tracked): once `ready()` (what would move it
/// has come or failed), and from then on. Until then it is `.is-waiting`,
/// which shows it anyway after a second (style/utilities.css): a document
/// that never answers hides nothing for long. The same in a pre-rendered
/// page: what a page carries is ready at once, and a region that waits for
/// what no page carries (the sidebar of an article, for "Tin mới", which
/// changes more often than the article) shows after a second without the
/// app, and is not seen to move when the app fills it in.
pub fn settled(ready: impl Fn() -> bool + Send + Sync + 'static) -> Memo<bool> {
    Memo::new(move |before: Option<&bool>| before == Some(&true) || ready())
}

/// Whether the main column has shown its content (tracked).
pub fn use_main_shown() -> ReadOnly<bool> {
    ReadOnly::new(use_page_context().main_shown)
}

/// Keeps `document.title` and the head tags in step with the page shown and
/// with `site.json` (browser only: an effect).
pub fn use_document_head() {
    let context = use_page_context();
    crate::effect::effect(move || {
        if let Some((title, tags)) = context.head() {
            document().set_title(&title);
            crate::head::dom::apply(&tags);
        }
    });
}
