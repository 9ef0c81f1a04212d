//! `/bai-viet/{slug}`: one article, its body through the sanitiser.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::NotFound;
use crate::api::{use_load, Article, Load};
use crate::env::AppEnv;
use crate::format::long_date;
use crate::prefs::{tr, use_prefs, use_text};
use crate::rating::widget::RatingWidget;
use crate::sanitize::dom::{sanitized_fragment, BodyContext};
use crate::share::buttons::ShareButtons;
use crate::shell::use_page_title;
use crate::ui::ErrorPanel;
use crate::urls::routes;
use crate::SiteData;

#[component]
pub fn ArticlePage() -> impl IntoView {
    let params = use_params_map();
    // Rebuilt per slug: leaving an article aborts its request.
    move || {
        let slug = params.read().get("slug").unwrap_or_default();
        view! { <ArticleLoader slug /> }
    }
}

#[component]
fn ArticleLoader(slug: String) -> impl IntoView {
    let endpoint = expect_context::<AppEnv>().endpoint;
    let t = use_text();
    let article = use_load::<Article>(move || endpoint.article(&slug));
    move || match article.get() {
        Load::Loading => view! { <ArticleSkeleton /> }.into_any(),
        Load::Failed(error) if error.is_not_found() => view! { <NotFound /> }.into_any(),
        Load::Failed(error) => {
            use_page_title(move || Some(t().error_heading.to_string()));
            view! {
                <h1 class="page-title">{tr(|t| t.error_heading)}</h1>
                <ErrorPanel error on_retry=move |_| article.retry() />
            }
            .into_any()
        }
        Load::Ready(article) => view! { <ArticleView article /> }.into_any(),
    }
}

/// The article itself, from data already loaded (also what the browser tests
/// mount with fixture data).
#[component]
pub fn ArticleView(article: Article) -> impl IntoView {
    let env = expect_context::<AppEnv>();
    let lang = use_prefs().lang;
    let title = article.title.clone();
    use_page_title(move || Some(title.clone()));

    let cover = article.cover.clone().map(|cover| {
        let src = env.endpoint.url(&cover.src);
        view! {
            <figure class="article__cover">
                <img
                    src=src
                    alt=cover.alt.unwrap_or_default()
                    width="1200"
                    height="675"
                    fetchpriority="high"
                />
                {cover.caption.map(|c| view! { <figcaption>{c}</figcaption> })}
            </figure>
        }
    });
    let published = article.published_at.clone();
    let datetime = published.clone();
    let updated = article
        .updated_at
        .clone()
        .filter(|u| *u != article.published_at);
    let byline = (article.author.is_some() || article.source.is_some()).then(|| {
        let author = article.author.clone().map(|a| {
            view! {
                <p>
                    {tr(|t| t.author)} ": " <strong>{a}</strong>
                </p>
            }
        });
        let source = article.source.clone().map(|s| {
            view! {
                <p>
                    {tr(|t| t.source)} ": " {s}
                </p>
            }
        });
        view! { <footer class="article__byline">{author} {source}</footer> }
    });

    view! {
        <article class="article" data-page="article">
            <Breadcrumb title=article.title.clone() category=article.category.clone() />
            <h1 class="article__title">{article.title.clone()}</h1>
            <p class="article__meta">
                <time datetime=datetime>
                    {move || long_date(&published, lang.get())}
                </time>
                {updated
                    .map(|u| {
                        let shown = u.clone();
                        view! {
                            <span class="article__updated">
                                {tr(|t| t.updated)} ": "
                                <time datetime=u>{move || long_date(&shown, lang.get())}</time>
                            </span>
                        }
                    })}
            </p>
            {article.summary.clone().map(|s| view! { <p class="article__lead">{s}</p> })}
            {cover}
            <ArticleBody html=article.body_html.clone() />
            {byline}
            <ReaderActions article=article.clone() />
        </article>
    }
}

/// Share and rate. Both depend on `site.json` (public URL, Zalo id, whether
/// votes are POSTed), so they appear once it has answered; a failed
/// `site.json` leaves the defaults: links on this origin, votes kept locally.
#[component]
fn ReaderActions(article: Article) -> impl IntoView {
    let site = use_context::<SiteData>().map(|s| s.0);
    move || {
        let site = match site.map(|s| s.get()) {
            Some(Load::Loading) => return ().into_any(),
            Some(Load::Ready(site)) => Some(site),
            Some(Load::Failed(_)) | None => None,
        };
        let site_url = site.as_ref().and_then(|s| s.site_url.clone());
        let zalo_oaid = site.as_ref().and_then(|s| s.share.zalo_oaid.clone());
        let submit = site.as_ref().is_some_and(|s| s.features.rating_submit);
        view! {
            <div class="reader-actions">
                <ShareButtons
                    slug=article.slug.clone()
                    title=article.title.clone()
                    site_url
                    zalo_oaid
                />
                <RatingWidget slug=article.slug.clone() totals=article.rating submit />
            </div>
        }
        .into_any()
    }
}

/// Home › category › this article. The category is linked only when
/// `site.json` knows it.
#[component]
fn Breadcrumb(title: String, category: Option<String>) -> impl IntoView {
    let env = expect_context::<AppEnv>();
    let site = use_context::<SiteData>().map(|s| s.0);
    let base = env.router_base.clone();
    let category_link = move || {
        let slug = category.as_deref()?;
        let name = site?.with(|s| match s {
            Load::Ready(site) => site.category(slug).map(|c| c.name.clone()),
            _ => None,
        })?;
        let href = routes::category(&base, slug);
        Some(view! {
            <li>
                <a href=href>{name}</a>
            </li>
        })
    };
    view! {
        <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
            <ol role="list">
                <li>
                    <a href=routes::home(&env.router_base)>{tr(|t| t.home)}</a>
                </li>
                {category_link}
                <li aria-current="page">{title}</li>
            </ol>
        </nav>
    }
}

/// The body, rebuilt from the allowlist into a fresh node. Never `inner_html`.
#[component]
fn ArticleBody(html: String) -> impl IntoView {
    let env = expect_context::<AppEnv>();
    let t = use_text();
    let container = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        let Some(container) = container.get() else {
            return;
        };
        let context = BodyContext {
            page_base: &env.page_base,
            api_base: env.endpoint.base(),
            origin: &env.origin,
            router_base: &env.router_base,
            table_label: t().table_region,
        };
        container.set_text_content(None);
        match sanitized_fragment(&html, &context) {
            Ok(fragment) => {
                let _ = container.append_child(&fragment);
            }
            // Only if the browser cannot parse at all: show no markup, just text.
            Err(_) => container.set_text_content(Some(&html)),
        }
    });
    view! { <div class="article__body prose" node_ref=container></div> }
}

/// The shape of an article while it loads: title, meta, lead, cover, lines.
#[component]
fn ArticleSkeleton() -> impl IntoView {
    view! {
        <p class="sr-only" role="status">{tr(|t| t.loading)}</p>
        <div class="article article--skeleton" aria-hidden="true">
            <div class="skeleton skeleton--crumb"></div>
            <div class="skeleton skeleton--heading"></div>
            <div class="skeleton skeleton--line skeleton--short"></div>
            <div class="skeleton skeleton--cover"></div>
            <div class="skeleton skeleton--line"></div>
            <div class="skeleton skeleton--line"></div>
            <div class="skeleton skeleton--line skeleton--short"></div>
        </div>
    }
}
