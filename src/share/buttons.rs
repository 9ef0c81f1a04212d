//! The share block under an article: plain links, copy link, native share,
//! and Zalo behind a first click.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::{canonical_url, Target};
use crate::dynamic::{attr, attribute, on_click, text, true_false, view, AnyOption, CollectAny};
use crate::env::browser::has_native_share;
use crate::env::use_env;
use crate::i18n::Lang;
use crate::prefs::{tr, use_prefs};

/// Zalo's share plugin, loaded only after the reader asks for it.
const ZALO_SDK: &str = "https://sp.zalo.me/plugins/sdk.js";

#[component]
pub fn ShareButtons(
    slug: String,
    title: String,
    /// `site.json`'s `site_url`: the public origin of shared links.
    site_url: Option<String>,
    /// `site.json`'s `share.zalo_oaid`: without it there is no Zalo button.
    zalo_oaid: Option<String>,
) -> impl IntoView {
    let env = use_env();
    // Read here, in the component, not in the handlers: the interface
    // strings are picked when the reader clicks, from this context.
    let lang = use_prefs().lang;
    let url = canonical_url(
        site_url.as_deref(),
        &env.public_origin,
        &env.router_base,
        &slug,
    );
    let status = RwSignal::new(String::new());
    let links = Target::ALL
        .into_iter()
        .map(|target| {
            let href = target.link(&url, &title);
            // Mail opens the reader's own program; the rest open a new tab.
            let new_tab = target != Target::Email;
            view! {
                <li>
                    <a
                        class=format!("control share__link share__link--{}", target.key())
                        href=href
                        target=new_tab.then_some("_blank")
                        {attribute("rel", "noopener noreferrer")}
                    >
                        <ShareIcon target=Some(target) />
                        <span class="sr-only">{tr(|t| t.share_on)}</span>
                        {target.name()}
                        {new_tab.then(|| view! { <span class="sr-only">{tr(|t| t.new_tab)}</span> }).any()}
                    </a>
                </li>
            }
        })
        .collect_any();
    let zalo = zalo_oaid
        .map(|oaid| view! { <ZaloButton url=url.clone() oaid status lang /> })
        .any();
    let copy = {
        let url = url.clone();
        move |_| {
            let url = url.clone();
            let text = lang.get_untracked().text();
            leptos::task::spawn_local(async move {
                let message = if copy_to_clipboard(&url).await {
                    text.copied.to_string()
                } else {
                    text.copy_failed.replace("{url}", &url)
                };
                status.set(message);
            });
        }
    };
    let native = has_native_share()
        .then(|| {
            let (url, title) = (url.clone(), title.clone());
            view! {
                <li class="needs-js">
                    <button
                        type="button"
                        class="control share__link share__link--native"
                        on:click=on_click(move |_| native_share(&url, &title))
                    >
                        <ShareIcon target=None />
                        {tr(|t| t.native_share)}
                    </button>
                </li>
            }
        })
        .any();
    view! {
        <section class="share" aria-labelledby="share-heading">
            <h2 id="share-heading" class="share__heading">
                {tr(|t| t.share_heading)}
            </h2>
            <ul class="share__list" role="list">
                {links}
                {zalo}
                <li class="needs-js">
                    <button type="button" class="control share__link share__link--copy" on:click=on_click(copy)>
                        <ShareIcon target=None />
                        {tr(|t| t.copy_link)}
                    </button>
                </li>
                {native}
            </ul>
            <p class="share__status" role="status">
                {text(move || status.get())}
            </p>
        </section>
    }
}

/// Two clicks, as Shariff does: the first loads Zalo's script and shows its
/// own button; nothing from Zalo is requested before that.
#[component]
fn ZaloButton(
    url: String,
    oaid: String,
    status: RwSignal<String>,
    lang: RwSignal<Lang>,
) -> impl IntoView {
    let loaded = RwSignal::new(false);
    let holder = NodeRef::<leptos::html::Div>::new();
    let load = move |_| {
        if loaded.get_untracked() {
            return;
        }
        loaded.set(true);
        let (Some(holder), Ok(script)) =
            (holder.get_untracked(), document().create_element("script"))
        else {
            return;
        };
        if let Ok(plugin) = document().create_element("div") {
            plugin.set_class_name("zalo-share-button");
            for (name, value) in [
                ("data-href", url.as_str()),
                ("data-oaid", oaid.as_str()),
                ("data-layout", "1"),
                ("data-color", "blue"),
                ("data-customize", "false"),
            ] {
                let _ = plugin.set_attribute(name, value);
            }
            let _ = holder.append_child(&plugin);
        }
        let _ = script.set_attribute("src", ZALO_SDK);
        let _ = script.set_attribute("async", "");
        let _ = holder.append_child(&script);
        status.set(lang.get_untracked().text().share_zalo_loaded.to_string());
    };
    view! {
        <li class="needs-js">
            <button
                type="button"
                class="control share__link share__link--zalo"
                aria-expanded=attr(move || true_false(loaded.get()))
                on:click=on_click(load)
            >
                <span class="share__icon share__icon--zalo" aria-hidden="true">
                    "Z"
                </span>
                <span class="sr-only">{tr(|t| t.share_on)}</span>
                {tr(|t| t.share_zalo)}
                <span class="sr-only">{tr(|t| t.share_zalo_hint)}</span>
            </button>
            <div class="share__zalo" node_ref=holder></div>
        </li>
    }
}

/// Small inline icons; decorative, the text beside them names the target.
#[component]
fn ShareIcon(target: Option<Target>) -> impl IntoView {
    let path = match target {
        Some(Target::Facebook) => "M13.5 21v-7.5h2.6l.4-3h-3V8.6c0-.9.3-1.5 1.6-1.5h1.6V4.4a21 21 0 0 0-2.4-.1c-2.4 0-4 1.4-4 4.1v2.1H7.7v3h2.6V21z",
        Some(Target::X) => "M4 4h4.5l4 5.6L17.4 4H20l-6.3 7.3L20.5 20H16l-4.3-6L6.6 20H4l6.6-7.6z",
        Some(Target::LinkedIn) => "M5 9h3v11H5zM6.5 4a1.7 1.7 0 1 1 0 3.4 1.7 1.7 0 0 1 0-3.4zM10 9h2.9v1.5c.4-.8 1.5-1.7 3.1-1.7 3.2 0 3.8 2.1 3.8 4.9V20h-3v-5.6c0-1.3 0-3-1.9-3s-2 1.4-2 2.9V20H10z",
        Some(Target::Telegram) => "M3 11.5 20 4.5l-3 15-5.2-3.9-2.6 2.5.4-4 7-6.6-8.8 5.4L3.5 12z",
        Some(Target::Email) => "M3 6h18v12H3zm1.5 1.5v.4l7.5 5 7.5-5v-.4zm0 2.2V16.5h15V9.7L12 14.6z",
        None => "M9.6 14.4a4 4 0 0 1 0-5.7l3-3a4 4 0 0 1 5.7 5.7l-1.5 1.5-1.4-1.4 1.5-1.5a2 2 0 0 0-2.9-2.9l-3 3a2 2 0 0 0 0 2.9zm4.8-4.8a4 4 0 0 1 0 5.7l-3 3a4 4 0 0 1-5.7-5.7l1.5-1.5 1.4 1.4-1.5 1.5a2 2 0 0 0 2.9 2.9l3-3a2 2 0 0 0 0-2.9z",
    };
    view! {
        <svg class="share__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">
            <path d=path fill="currentColor"></path>
        </svg>
    }
}

/// The Clipboard API where the page may use it, else the old `execCommand`
/// route through a hidden, read-only text area. `true` when it worked.
async fn copy_to_clipboard(text: &str) -> bool {
    let navigator = window().navigator();
    let has_clipboard =
        js_sys::Reflect::has(&navigator, &JsValue::from_str("clipboard")).unwrap_or(false);
    if has_clipboard
        && JsFuture::from(navigator.clipboard().write_text(text))
            .await
            .is_ok()
    {
        return true;
    }
    let document = document();
    let Some(area) = document
        .create_element("textarea")
        .ok()
        .and_then(|el| el.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    else {
        return false;
    };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    area.set_class_name("sr-only");
    let Some(body) = document.body() else {
        return false;
    };
    let _ = body.append_child(&area);
    area.select();
    let copied = document
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    copied
}

/// The browser's share sheet (on phones: Zalo, Messenger and the rest). A
/// cancelled sheet rejects its promise; that is the reader's choice, not an error.
fn native_share(url: &str, title: &str) {
    let navigator = window().navigator();
    let data = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&data, &"url".into(), &url.into());
    let _ = js_sys::Reflect::set(&data, &"title".into(), &title.into());
    let share = js_sys::Reflect::get(&navigator, &"share".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(share) = share {
        if let Ok(promise) = share.call1(&navigator, &data) {
            let promise: js_sys::Promise = promise.unchecked_into();
            leptos::task::spawn_local(async move {
                let _ = JsFuture::from(promise).await;
            });
        }
    }
}
