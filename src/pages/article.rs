//! `/bai-viet/{slug}`: one article, its body through the sanitiser.

use leptos::prelude::*;

use super::related::{CategoryNeighbours, RelatedArticles};
use super::NotFound;
use crate::api::{use_load, Article, Load};
use crate::dynamic::{attribute, dynamic, on_click, text, view, AnyOption};
use crate::env::{use_env, AppEnv};
use crate::format::{number, reading_minutes};
use crate::page::{show_main, use_page_head, PageFacts};
use crate::prefs::{tr, use_prefs, use_strings};
use crate::rating::widget::RatingWidget;
use crate::region::Region;
use crate::sanitize::dom::{sanitized_fragment, BodyContext};
use crate::saved::SaveForLater;
use crate::share::buttons::ShareButtons;
use crate::site::{use_content_lang, use_site};
use crate::speech::control::ReadAloud;
use crate::ui::{category_link, error_page, Date};
use crate::urls::routes;

/// Built per slug ([`crate::App`]'s page switch): leaving an article
/// disposes it, which aborts its request.
#[component]
pub fn ArticlePage(slug: String) -> impl IntoView {
    let endpoint = use_env().endpoint;
    let article = use_load::<Article>(move || endpoint.article(&slug));
    dynamic(move || match article.get() {
        Load::Loading => view! { <ArticleSkeleton /> }.into_any(),
        Load::Failed(error) if error.is_not_found() => view! { <NotFound /> }.into_any(),
        Load::Failed(error) => error_page(error, move || article.retry()).into_any(),
        Load::Ready(article) => view! { <ArticleView article /> }.into_any(),
    })
}

/// The article itself, from data already loaded (also what the browser tests
/// mount with fixture data), then what is related to it.
#[component]
pub fn ArticleView(article: Article) -> impl IntoView {
    let env = use_env();
    let content_lang = use_content_lang();
    show_main();
    {
        let article = article.clone();
        let route = routes::article(&env.router_base, &article.slug);
        use_page_head(move || PageFacts {
            title: Some(article.title.clone()),
            route: Some(route.clone()),
            description: article.summary.clone(),
            image: article
                .cover
                .as_ref()
                .map(|c| (c.src.clone(), c.alt.clone())),
            article: Some(article.clone()),
        });
    }

    let cover = article
        .cover
        .clone()
        .and_then(|cover| {
            let src = env.image(&cover.src)?;
            Some(view! {
                <figure class="article__cover" lang=content_lang>
                    <img
                        {attribute("src", src)}
                        {attribute("alt", cover.alt.unwrap_or_default())}
                        {attribute("width", "1200")}
                        {attribute("height", "675")}
                        {attribute("fetchpriority", "high")}
                    />
                    {cover.caption.map(|c| view! { <figcaption>{c}</figcaption> }).any()}
                </figure>
            })
        })
        .any();
    let byline = (article.author.is_some() || article.source.is_some())
        .then(|| {
            let line = |label: Signal<&'static str>, value: Option<String>| {
                value
                    .map(|value| {
                        view! {
                            <p>
                                {label} ": " <strong lang=content_lang>{value}</strong>
                            </p>
                        }
                    })
                    .any()
            };
            view! {
                <footer class="article__byline">
                    {line(tr(|t| t.author), article.author.clone())}
                    {line(tr(|t| t.source), article.source.clone())}
                </footer>
            }
        })
        .any();
    let tags = (!article.tags.is_empty())
        .then(|| {
            view! {
                <p class="article__tags">
                    <strong>{tr(|t| t.tags)} ": "</strong>
                    <span lang=content_lang>{article.tags.join(", ")}</span>
                </p>
            }
        })
        .any();
    let body = NodeRef::<leptos::html::Div>::new();
    let own_path = routes::article(&env.router_base, &article.slug);
    // What the regions below the article read (each may be built again).
    let actions = article.clone();
    let body_html = article.body_html.clone();
    let (slug, related, category) = (
        article.slug.clone(),
        article.related.clone(),
        article.category.clone(),
    );

    view! {
        <article class="article" data-page="article">
            <Breadcrumb title=article.title.clone() category=article.category.clone() />
            <h1 class="article__title" lang=content_lang>
                {article.title.clone()}
            </h1>
            <ArticleMeta article=article.clone() />
            <div class="reader-tools needs-js" role="group" aria-label=tr(|t| t.reader_tools)>
                <ReadAloud />
                <button type="button" class="control" on:click=on_click(|_| print_page())>
                    {tr(|t| t.print)}
                </button>
                <SaveForLater
                    slug=article.slug.clone()
                    title=article.title.clone()
                    document=saved_documents(&article.slug)
                />
            </div>
            {article
                .summary
                .clone()
                .map(|s| view! { <p class="article__lead" lang=content_lang>{s}</p> }).any()}
            {cover}
            <Region>
                <ArticleBody html=body_html.clone() path=own_path.clone() container=body />
            </Region>
            {tags}
            {byline}
            <Region>
                <ReaderActions article=actions.clone() />
            </Region>
        </article>
        <Region>
            <RelatedArticles slug=slug.clone() related=related.clone() />
            {category
                .clone()
                .map(|category| view! { <CategoryNeighbours slug=slug.clone() category /> }).any()}
        </Region>
    }
}

fn print_page() {
    let _ = window().print();
}

/// Dates, reading time and, when the endpoint counts them, views.
#[component]
fn ArticleMeta(article: Article) -> impl IntoView {
    let lang = use_prefs().lang;
    let t = use_strings();
    let updated = article
        .updated_at
        .clone()
        .filter(|u| *u != article.published_at);
    let minutes = crate::numerals::digits(reading_minutes(&article.body_html).into());
    let views = article.views;
    view! {
        <p class="article__meta">
            <Date datetime=article.published_at long=true />
            {updated
                .map(|u| {
                    view! {
                        <span class="article__updated">
                            {tr(|t| t.updated)} ": " <Date datetime=u long=true />
                        </span>
                    }
                }).any()}
            <span class="article__reading-time">
                {text(move || t().reading_time.replace("{n}", &minutes))}
            </span>
            {views
                .map(|n| {
                    view! {
                        <span class="article__views">
                            {text(move || t().views.replace("{n}", &number(n, lang.get())))}
                        </span>
                    }
                }).any()}
        </p>
    }
}

/// Share and rate. Both depend on `site.json` (public URL, Zalo id, whether
/// votes are POSTed), so they appear once it has answered; a failed
/// `site.json` leaves the defaults: links on this origin, votes kept locally.
#[component]
fn ReaderActions(article: Article) -> impl IntoView {
    let site = use_site();
    dynamic(move || {
        let site = match site.get() {
            Load::Loading => return ().into_any(),
            Load::Ready(site) => Some(site),
            Load::Failed(_) => None,
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
    })
}

/// Home › category › this article. The category is linked only when
/// `site.json` knows it.
#[component]
fn Breadcrumb(title: String, category: Option<String>) -> impl IntoView {
    let env = use_env();
    let content_lang = use_content_lang();
    view! {
        <nav class="breadcrumb" aria-label=tr(|t| t.breadcrumb)>
            <ol role="list">
                <li>
                    <a href=routes::home(&env.router_base)>{tr(|t| t.home)}</a>
                </li>
                {category_link(category, None, true)}
                <li {attribute("aria-current", "page")} lang=content_lang>
                    {title}
                </li>
            </ol>
        </nav>
    }
}

/// The body, sanitised. In the browser it is rebuilt from the allowlist into
/// a fresh node (the endpoint's HTML never goes through `inner_html`);
/// natively the pre-render writes the sanitiser's own HTML (below).
#[component]
fn ArticleBody(
    html: String,
    /// The article's own path: where links to its footnotes lead.
    path: String,
    container: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let env = use_env();
    let t = use_strings();
    let content_lang = use_content_lang();
    // Rendered outside the browser (the pre-render), the body is written as
    // HTML by the native half of the same sanitiser; in the browser the
    // effect below rebuilds it from DOM nodes (the element starts empty: an
    // empty string, not `None`, so this `inner_html` is of the type the
    // skeletons' is, and its erased-view code exists once in the wasm).
    #[cfg(not(target_arch = "wasm32"))]
    let prerendered =
        crate::sanitize::html::sanitized_html(&html, &body_context(&env, &path, t().table_region));
    #[cfg(target_arch = "wasm32")]
    let prerendered = String::new();
    crate::effect::effect(move || {
        let Some(container) = container.get() else {
            return;
        };
        container.set_text_content(None);
        match sanitized_fragment(&html, &body_context(&env, &path, t().table_region)) {
            Ok(fragment) => {
                let _ = container.append_child(&fragment);
            }
            // Only if the browser cannot parse at all: show no markup, just text.
            Err(_) => container.set_text_content(Some(&html)),
        }
    });
    view! {
        <div class="article__body prose" lang=content_lang node_ref=container inner_html=prerendered></div>
    }
}

/// Where the body is shown, for the sanitiser.
fn body_context<'a>(env: &'a AppEnv, path: &'a str, table_label: &'a str) -> BodyContext<'a> {
    BodyContext {
        page_base: &env.page_base,
        page_path: path,
        api_base: env.endpoint.base(),
        origin: &env.origin,
        router_base: &env.router_base,
        table_label,
    }
}

/// The shape of an article while it loads: title, meta, lead, cover, lines.
#[component]
fn ArticleSkeleton() -> impl IntoView {
    view! {
        <p class="sr-only" role="status">{tr(|t| t.loading)}</p>
        <div
            class="article article--skeleton"
            {attribute("aria-hidden", "true")}
            inner_html=ARTICLE_SKELETON
        ></div>
    }
}

/// Static markup as one string, not element-by-element build code.
const ARTICLE_SKELETON: &str = concat!(
    r#"<div class="skeleton skeleton--crumb"></div><div class="skeleton skeleton--heading"></div>"#,
    r#"<div class="skeleton skeleton--line skeleton--short"></div><div class="skeleton skeleton--cover"></div>"#,
    r#"<div class="skeleton skeleton--line"></div><div class="skeleton skeleton--line"></div>"#,
    r#"<div class="skeleton skeleton--line skeleton--short"></div>"#,
);

/// What "Lưu đọc sau" keeps besides the images: the article's document and
/// `site.json` (the shell needs it to show the article offline).
fn saved_documents(slug: &str) -> Vec<String> {
    let endpoint = use_env().endpoint;
    [endpoint.article(slug), endpoint.site()]
        .into_iter()
        .filter_map(Result::ok)
        .collect()
}
