//! Small views shared by several pages: the error panel with its retry, the
//! article card, the dated article link, the category link, dates and
//! loading skeletons.

use leptos::prelude::*;

use crate::api::{ApiError, Article, ArticleSummary};
use crate::dynamic::{attr, attribute, dynamic, on_click, text, view, AnyOption, CollectAny};
use crate::env::use_env;
use crate::format::{long_date, short_date};
use crate::page::{show_main, use_page_title};
use crate::prefs::{tr, use_prefs, use_strings};
use crate::site::{use_content_lang, use_site};
use crate::urls::routes;

/// A failed load in plain words, the technical detail on demand, and "Thử lại".
/// `role="alert"` makes screen readers announce it when it replaces content.
#[component]
pub fn ErrorPanel(
    error: ApiError,
    #[prop(into)] on_retry: Callback<()>,
    /// A one-line variant for narrow regions (the header navigation).
    #[prop(optional)]
    compact: bool,
) -> impl IntoView {
    let t = use_strings();
    let detail = error.to_string();
    let message = text(move || t().error_message(&error));
    view! {
        <div
            class=if compact { "error-panel error-panel--compact" } else { "error-panel" }
            role="alert"
        >
            <p class="error-panel__title">{tr(|t| t.error_heading)}</p>
            <p class="error-panel__message">{message}</p>
            <details class=if compact {
                "error-panel__details sr-only"
            } else {
                "error-panel__details"
            }>
                <summary>{tr(|t| t.error_details)}</summary>
                <code>{detail}</code>
            </details>
            <button type="button" class="button" on:click=on_click(move |_| on_retry.run(()))>
                {tr(|t| t.retry)}
            </button>
        </div>
    }
}

/// A page whose main content could not be loaded: the heading says so, the
/// panel says why and retries, and the window title follows.
pub fn error_page(error: ApiError, on_retry: impl Fn() + Send + Sync + 'static) -> impl IntoView {
    let t = use_strings();
    use_page_title(move || Some(t().error_heading.to_string()));
    show_main();
    view! {
        <h1 class="page-title">{tr(|t| t.error_heading)}</h1>
        <ErrorPanel error on_retry=move |_| on_retry() />
    }
}

/// Placeholders shaped like the content they stand for, so nothing jumps when
/// it arrives; the status text tells screen readers what is happening.
#[component]
pub fn LoadingCards() -> impl IntoView {
    view! {
        <p class="sr-only" role="status">{tr(|t| t.loading)}</p>
        <ul
            class="article-list"
            role="list"
            {attribute("aria-hidden", "true")}
            inner_html=CARD_SKELETONS
        ></ul>
    }
}

/// Three cards' shapes: static markup as one string, not element-by-element
/// build code in the wasm.
const CARD_SKELETONS: &str = concat!(
    r#"<li class="card"><div class="card__thumb skeleton"></div><div class="card__body">"#,
    r#"<div class="skeleton skeleton--title"></div><div class="skeleton skeleton--line"></div>"#,
    r#"<div class="skeleton skeleton--line skeleton--short"></div></div></li>"#,
    r#"<li class="card"><div class="card__thumb skeleton"></div><div class="card__body">"#,
    r#"<div class="skeleton skeleton--title"></div><div class="skeleton skeleton--line"></div>"#,
    r#"<div class="skeleton skeleton--line skeleton--short"></div></div></li>"#,
    r#"<li class="card"><div class="card__thumb skeleton"></div><div class="card__body">"#,
    r#"<div class="skeleton skeleton--title"></div><div class="skeleton skeleton--line"></div>"#,
    r#"<div class="skeleton skeleton--line skeleton--short"></div></div></li>"#,
);

/// One summary in a list: thumbnail, title link, category and date, summary.
/// `eager` is for the first cards, likely in the first screen. A search
/// result shows its `snippet` (text pieces, the matched ones marked) in
/// place of the summary.
#[component]
pub fn ArticleCard(
    article: ArticleSummary,
    #[prop(optional)] eager: bool,
    #[prop(optional)] snippet: Option<Vec<(String, bool)>>,
) -> impl IntoView {
    let env = use_env();
    let content_lang = use_content_lang();
    let href = routes::article(&env.router_base, &article.slug);
    // The snippet's text pieces, the matched ones marked; else the summary.
    let summary = match snippet {
        Some(parts) => Some(
            parts
                .into_iter()
                .map(|(text, marked)| {
                    if marked {
                        view! { <mark>{text}</mark> }.into_any()
                    } else {
                        text.into_any()
                    }
                })
                .collect_any()
                .into_any(),
        ),
        None => article.summary.map(IntoAny::into_any),
    };
    let thumbnail = article
        .thumbnail
        .clone()
        .and_then(|image| {
            let src = env.image(&image.src)?;
            Some(view! {
                <img
                    class="card__thumb"
                    {attribute("src", src)}
                    {attribute("alt", image.alt.unwrap_or_default())}
                    {attribute("width", "320")}
                    {attribute("height", "180")}
                    {attribute("loading", if eager { "eager" } else { "lazy" })}
                    {attribute("decoding", "async")}
                />
            })
        })
        .any();
    view! {
        <article class="card">
            {thumbnail}
            <div class="card__body">
                <h2 class="card__title" lang=content_lang>
                    <a href=href>{article.title}</a>
                </h2>
                <p class="card__meta">
                    {category_link(article.category, Some("card__category"), false)}
                    <Date datetime=article.published_at />
                </p>
                {summary.map(|s| view! { <p class="card__summary" lang=content_lang>{s}</p> }).any()}
            </div>
        </article>
    }
}

/// A link to the category `slug`, named as `site.json` names it; nothing
/// while `site.json` loads or when it does not know the category (tracked:
/// a list may arrive before `site.json` does). `in_list` wraps it in `<li>`.
pub fn category_link(
    slug: Option<String>,
    class: Option<&'static str>,
    in_list: bool,
) -> impl IntoView {
    let site = use_site();
    let base = use_env().router_base;
    let content_lang = use_content_lang();
    dynamic(move || {
        let slug = slug.as_deref()?;
        let name = site.ready_map(|site| site.category(slug).map(|c| c.name.clone()))??;
        let link = view! {
            <a class=class href=routes::category(&base, slug) lang=content_lang>
                {name}
            </a>
        };
        Some(if in_list {
            view! { <li>{link}</li> }.into_any()
        } else {
            link.into_any()
        })
    })
}

/// A date from the endpoint as a `<time>`: the short form ("15/03/2024") or
/// the `long` one ("Thứ Sáu, 15/03/2024, 08:00"), in the interface language.
#[component]
pub fn Date(
    datetime: String,
    #[prop(optional)] long: bool,
    #[prop(optional)] class: Option<&'static str>,
) -> impl IntoView {
    let lang = use_prefs().lang;
    let shown = datetime.clone();
    let format = if long { long_date } else { short_date };
    view! {
        <time class={class} {attribute("datetime", datetime)}>
            {text(move || format(&shown, lang.get()))}
        </time>
    }
}

/// What an [`ArticleLink`] shows of an article.
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleRef {
    pub slug: String,
    pub title: String,
    pub published_at: String,
}

impl From<Article> for ArticleRef {
    fn from(a: Article) -> Self {
        Self {
            slug: a.slug,
            title: a.title,
            published_at: a.published_at,
        }
    }
}

impl From<ArticleSummary> for ArticleRef {
    fn from(a: ArticleSummary) -> Self {
        Self {
            slug: a.slug,
            title: a.title,
            published_at: a.published_at,
        }
    }
}

/// An article's title as a link, then its short date: "Tin liên quan", the
/// newer/older links and the "Tin mới" widget. `current` marks the link to
/// the page being read (`aria-current`), where a list can contain it.
#[component]
pub fn ArticleLink(
    link: ArticleRef,
    #[prop(optional)] current: Option<Memo<bool>>,
) -> impl IntoView {
    let env = use_env();
    let aria_current = attr(move || current.is_some_and(|c| c.get()).then_some("page"));
    view! {
        <a
            href=routes::article(&env.router_base, &link.slug)
            aria-current=aria_current
            lang=use_content_lang()
        >
            {link.title}
        </a>
        " "
        <Date datetime=link.published_at class="article-link__date" />
    }
}
