//! "Lưu đọc sau": saving an article for reading without a connection (the
//! button on every article), and the "Bài đã lưu" page that lists what was
//! saved, newest first, each removable. The service worker keeps the
//! documents and images ([`crate::api::save_article`]); nothing leaves the
//! device and no account is needed.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::api::{remove_saved, save_article, saved_articles, SaveError, SavedArticle};
use crate::dynamic::{
    attr, attribute, dynamic, on_click, text, true_false, view, AnyOption, CollectAny,
};
use crate::effect::effect;
use crate::env::use_env;
use crate::i18n::Text;
use crate::offline::{local_times, saved_time};
use crate::page::{show_main, use_page_title};
use crate::prefs::{tr, use_strings};
use crate::site::use_content_lang;
use crate::urls::routes;

/// What the reader is told about saving.
fn error_text(error: SaveError) -> fn(&Text) -> &str {
    match error {
        SaveError::Unavailable => |t| t.save_unavailable,
        SaveError::Quota => |t| t.save_quota,
        SaveError::Failed => |t| t.save_failed,
    }
}

/// "Lưu đọc sau": a toggle button (pressed once the article is saved) and
/// a polite status line with the outcome.
#[component]
pub fn SaveForLater(slug: String, title: String, document: Vec<String>) -> impl IntoView {
    let page_base = use_env().page_base;
    let saved = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let status = RwSignal::new(None::<fn(&Text) -> &str>);
    let t = use_strings();
    {
        let (page_base, slug) = (page_base.clone(), slug.clone());
        effect(move || {
            let (page_base, slug) = (page_base.clone(), slug.clone());
            spawn_local(async move {
                if let Ok(list) = saved_articles(&page_base).await {
                    saved.try_set(list.iter().any(|s| s.slug == slug));
                }
            });
        });
    }
    let toggle = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        status.set(Some(|t| t.save_saving));
        let (page_base, slug, title) = (page_base.clone(), slug.clone(), title.clone());
        let removing = saved.get_untracked();
        let mut urls = document.clone();
        if !removing {
            urls.extend(article_images());
        }
        spawn_local(async move {
            let result = if removing {
                remove_saved(&page_base, &slug).await
            } else {
                save_article(&page_base, &slug, &title, &urls).await
            };
            let now_saved = result
                .as_ref()
                .map(|list| list.iter().any(|s| s.slug == slug));
            busy.try_set(false);
            match now_saved {
                Ok(now_saved) => {
                    saved.try_set(now_saved);
                    status.try_set(Some(if now_saved {
                        |t| t.save_done
                    } else {
                        |t| t.save_removed
                    }));
                }
                Err(error) => {
                    status.try_set(Some(error_text(*error)));
                }
            }
        });
    };
    view! {
        <button
            type="button"
            class="control"
            aria-pressed=attr(move || true_false(saved.get()))
            aria-disabled=attr(move || busy.get().then_some("true"))
            on:click=on_click(toggle)
        >
            {tr(|t| t.save_for_later)}
        </button>
        <p class="reader-tools__status" role="status">
            {text(move || status.get().map_or("", |pick| pick(t())))}
        </p>
    }
}

/// The addresses of the article's images as shown (cover and body), for
/// the worker to keep with the article.
fn article_images() -> Vec<String> {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return Vec::new();
    };
    let Ok(images) = document.query_selector_all(".article__cover img, .article__body img") else {
        return Vec::new();
    };
    (0..images.length())
        .filter_map(|i| images.item(i))
        .filter_map(|image| {
            js_sys::Reflect::get(&image, &"src".into())
                .ok()?
                .as_string()
        })
        .filter(|src| src.starts_with("http"))
        .collect()
}

/// "Bài đã lưu": the saved articles, newest first, each removable.
#[component]
pub fn SavedPage() -> impl IntoView {
    let t = use_strings();
    use_page_title(move || Some(t().saved_heading.to_string()));
    show_main();
    let env = use_env();
    let page_base = env.page_base.clone();
    let router_base = env.router_base.clone();
    let content_lang = use_content_lang();
    let list = RwSignal::new(None::<Result<Vec<SavedArticle>, SaveError>>);
    let status = RwSignal::new(None::<fn(&Text) -> &str>);
    {
        let page_base = page_base.clone();
        effect(move || {
            let page_base = page_base.clone();
            spawn_local(async move {
                list.try_set(Some(saved_articles(&page_base).await));
            });
        });
    }
    let remove = move |slug: String| {
        let page_base = page_base.clone();
        spawn_local(async move {
            match remove_saved(&page_base, &slug).await {
                Ok(now) => {
                    list.try_set(Some(Ok(now)));
                    status.try_set(Some(|t| t.save_removed));
                    // The button is gone with its row: focus goes to the page's heading.
                    crate::env::browser::focus_by_id("saved-heading");
                }
                Err(error) => {
                    status.try_set(Some(error_text(error)));
                }
            }
        });
    };
    let item = move |saved: SavedArticle| {
        let remove = remove.clone();
        let slug = saved.slug.clone();
        let label = t().saved_remove.replace("{title}", &saved.title);
        let when = (saved.saved_at > 0)
            .then(|| {
                let (at, now) = local_times(saved.saved_at as f64);
                t().saved_at.replace("{time}", &saved_time(at, now))
            })
            .any();
        view! {
            <li class="saved__item">
                <a href=routes::article(&router_base, &saved.slug) lang=content_lang>
                    {saved.title}
                </a>
                <span class="saved__when">{when}</span>
                <button
                    type="button"
                    class="control"
                    {attribute("aria-label", label)}
                    on:click=on_click(move |_| remove(slug.clone()))
                >
                    {tr(|t| t.saved_remove_short)}
                </button>
            </li>
        }
    };
    view! {
        <section class="saved" data-page="saved">
            <h1 class="page-title" {attribute("tabindex", "-1")} id="saved-heading">
                {tr(|t| t.saved_heading)}
            </h1>
            <p role="status">{text(move || status.get().map_or("", |pick| pick(t())))}</p>
            {dynamic(move || match list.get() {
                None => ().into_any(),
                Some(Err(error)) => view! { <p>{text(move || error_text(error)(t()))}</p> }.into_any(),
                Some(Ok(saved)) if saved.is_empty() => {
                    view! { <p>{tr(|t| t.saved_empty)}</p> }.into_any()
                }
                Some(Ok(saved)) => {
                    let item = item.clone();
                    view! {
                        <ul class="saved__list" role="list">
                            {saved.into_iter().map(item).collect_any()}
                        </ul>
                    }
                        .into_any()
                }
            })}
        </section>
    }
}
