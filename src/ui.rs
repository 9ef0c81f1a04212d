//! Small views shared by several pages: the error panel with its retry, the
//! article card, the dated article link and loading skeletons.

use leptos::prelude::*;

use crate::api::{ApiError, Article, ArticleSummary, Load};
use crate::env::AppEnv;
use crate::format::short_date;
use crate::prefs::{tr, use_content_lang, use_prefs, use_text};
use crate::urls::routes;
use crate::SiteData;

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
    let t = use_text();
    let detail = error.to_string();
    let message = move || t().error_message(&error);
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
            <button type="button" class="button" on:click=move |_| on_retry.run(())>
                {tr(|t| t.retry)}
            </button>
        </div>
    }
}

/// Placeholders shaped like the content they stand for, so nothing jumps when
/// it arrives; the status text tells screen readers what is happening.
#[component]
pub fn LoadingCards(#[prop(default = 3)] count: usize) -> impl IntoView {
    view! {
        <p class="sr-only" role="status">{tr(|t| t.loading)}</p>
        <ul class="article-list" role="list" aria-hidden="true">
            {(0..count)
                .map(|_| {
                    view! {
                        <li class="card">
                            <div class="card__thumb skeleton"></div>
                            <div class="card__body">
                                <div class="skeleton skeleton--title"></div>
                                <div class="skeleton skeleton--line"></div>
                                <div class="skeleton skeleton--line skeleton--short"></div>
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

/// One summary in a list: thumbnail, title link, category and date, summary.
/// `eager` is for the first cards, likely in the first screen.
#[component]
pub fn ArticleCard(article: ArticleSummary, #[prop(optional)] eager: bool) -> impl IntoView {
    let env = expect_context::<AppEnv>();
    let lang = use_prefs().lang;
    let site = use_context::<SiteData>().map(|s| s.0);
    let content_lang = use_content_lang();
    let href = routes::article(&env.router_base, &article.slug);
    // Tracked: the list may arrive before `site.json` does.
    let category = {
        let slug = article.category.clone();
        let base = env.router_base.clone();
        move || {
            let slug = slug.as_deref()?;
            let name = site?.with(|s| match s {
                Load::Ready(site) => site.category(slug).map(|c| c.name.clone()),
                _ => None,
            })?;
            let href = routes::category(&base, slug);
            Some(view! {
                <a class="card__category" href=href lang=content_lang>
                    {name}
                </a>
            })
        }
    };
    let thumbnail = article.thumbnail.clone().and_then(|image| {
        let src = env.endpoint.image(&image.src)?;
        Some(view! {
            <img
                class="card__thumb"
                src=src
                alt=image.alt.unwrap_or_default()
                width="320"
                height="180"
                loading=if eager { "eager" } else { "lazy" }
                decoding="async"
            />
        })
    });
    let published = article.published_at.clone();
    let datetime = published.clone();
    view! {
        <article class="card">
            {thumbnail}
            <div class="card__body">
                <h2 class="card__title" lang=content_lang>
                    <a href=href>{article.title}</a>
                </h2>
                <p class="card__meta">
                    {category}
                    <time datetime=datetime>
                        {move || short_date(&published, lang.get())}
                    </time>
                </p>
                {article.summary.map(|s| view! { <p class="card__summary" lang=content_lang>{s}</p> })}
            </div>
        </article>
    }
}

/// What an [`ArticleLink`] shows of an article.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub slug: String,
    pub title: String,
    pub published_at: String,
}

impl From<Article> for Link {
    fn from(a: Article) -> Self {
        Self {
            slug: a.slug,
            title: a.title,
            published_at: a.published_at,
        }
    }
}

impl From<ArticleSummary> for Link {
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
pub fn ArticleLink(link: Link, #[prop(optional)] current: Option<Signal<bool>>) -> impl IntoView {
    let env = expect_context::<AppEnv>();
    let lang = use_prefs().lang;
    let published = link.published_at.clone();
    let aria_current = move || current.is_some_and(|c| c.get()).then_some("page");
    view! {
        <a
            href=routes::article(&env.router_base, &link.slug)
            aria-current=aria_current
            lang=use_content_lang()
        >
            {link.title}
        </a>
        " "
        <time class="article-link__date" datetime=link.published_at>
            {move || short_date(&published, lang.get())}
        </time>
    }
}
