//! The read-aloud button: play, pause, resume. Everything else (the
//! reading, its controls, its announcements) is `speech.js`, which the
//! button's first press loads.

use js_sys::Promise;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::dynamic::{attribute, on_click, view};
use crate::env::browser::has_speech_synthesis;
use crate::prefs::use_strings;

#[wasm_bindgen]
extern "C" {
    /// The shell's `portalSpeech` (index.html): imports `speech/speech.js`
    /// under the deployment's base once, then calls its export `action`
    /// with `arg`; the promise settles when that has run.
    #[wasm_bindgen(js_name = portalSpeech, catch)]
    fn speech(action: &str, arg: &JsValue) -> Result<Promise, JsValue>;
}

/// "Nghe đọc bài viết": reads the article the button is in. One button
/// plays, pauses and resumes (its name says what it will do, and focus stays
/// on it); `speech.js` adds the other controls while it reads, says what
/// happens in the status below, and tells the button its state: "playing",
/// "paused" or "idle" ("loading" is the button's own, until it answers).
/// Leaving the page stops the reading.
#[component]
pub fn ReadAloud() -> impl IntoView {
    if !has_speech_synthesis() {
        return ().into_any();
    }
    let t = use_strings();
    let state = RwSignal::new(String::from("idle"));
    let press = move |_| {
        if state.get_untracked() == "idle" {
            state.set("loading".into());
        }
        let report = Closure::<dyn Fn(JsValue)>::new(move |now: JsValue| {
            state.try_set(now.as_string().unwrap_or_default());
        })
        .into_js_value();
        let pressed = speech("press", &report);
        leptos::task::spawn_local(async move {
            // The module did not load (offline before it was ever kept):
            // back to the start, and say so.
            if JsFuture::from(pressed.unwrap_or_else(|e| Promise::reject(&e)))
                .await
                .is_err()
            {
                state.try_set("idle".into());
                if let Some(status) = document().get_element_by_id("listen-status") {
                    status.set_text_content(Some(t().listen_failed));
                }
            }
        });
    };
    on_cleanup(move || {
        if state.try_with_untracked(|s| s != "idle") == Some(true) {
            let _ = speech("dispose", &JsValue::UNDEFINED);
        }
    });

    // Every changing text and class is a `Signal<&'static str>`, the type
    // `tr` uses too, so their rendering code exists once in the wasm.
    let label = Signal::derive(move || {
        let t = t();
        state.with(|s| match s.as_str() {
            "playing" => t.listen_pause,
            "paused" => t.listen_resume,
            _ => t.listen,
        })
    });
    let icon = Signal::derive(move || {
        state.with(|s| match s.as_str() {
            "playing" => "icon icon--pause",
            _ => "icon icon--play",
        })
    });
    // The status is speech.js's to fill (and this file's when it cannot load).
    view! {
        <button type="button" class="control" id="listen-button" on:click=on_click(press)>
            <span class={icon} {attribute("aria-hidden", "true")}></span>
            {label}
        </button>
        <p class="sr-only" id="listen-status" role="status"></p>
    }
    .into_any()
}
