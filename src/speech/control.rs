//! The read-aloud control: play, pause, resume, stop.

use leptos::html::Div;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

use super::{pieces, voice_lang, voice_matches};
use crate::dynamic::{attribute, on_click, view};
use crate::env::browser::has_speech_synthesis;
use crate::i18n::Text;
use crate::prefs::{tr, use_strings};
use crate::site::use_content_lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Idle,
    Playing,
    Paused,
}

/// The browser's synthesiser, when it has one ([`has_speech_synthesis`]):
/// asked for in handlers and effects only.
fn synthesiser() -> Option<SpeechSynthesis> {
    if !has_speech_synthesis() || cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    web_sys::window()?.speech_synthesis().ok()
}

/// "Nghe đọc bài viết": reads `title` and the rendered text of `body`. One
/// button plays, pauses and resumes (its name says what it will do, and focus
/// stays on it); "Dừng đọc" appears while reading. Leaving the page stops.
#[component]
pub fn ReadAloud(title: String, body: NodeRef<Div>) -> impl IntoView {
    if !has_speech_synthesis() {
        return ().into_any();
    }
    let t = use_strings();
    let content_lang = use_content_lang();
    let state = RwSignal::new(State::Idle);
    let status = RwSignal::new(None::<fn(&Text) -> &str>);
    // Which reading is current: the end of a stopped one must not stop the next.
    let run = StoredValue::new(0u32);
    // Some engines (Firefox) load their voice list on the first request for
    // it and fail a reading started before it is there: ask early.
    crate::effect::effect(move || {
        if let Some(synth) = synthesiser() {
            let _ = synth.get_voices();
        }
    });

    let start = move || {
        let (Some(synth), Some(body)) = (synthesiser(), body.get_untracked()) else {
            return;
        };
        let pieces = pieces(&title, &body.inner_text());
        if pieces.is_empty() {
            return;
        }
        let this_run = run.get_value() + 1;
        run.set_value(this_run);
        synth.cancel();
        let lang = voice_lang(content_lang.get_untracked());
        let voice = synth
            .get_voices()
            .iter()
            .map(|v| v.unchecked_into::<SpeechSynthesisVoice>())
            .find(|v| voice_matches(&v.lang(), lang));
        let finished = Closure::<dyn FnMut()>::new(move || {
            if run.try_get_value() == Some(this_run) {
                state.try_set(State::Idle);
                status.try_set(None);
            }
        })
        .into_js_value();
        // A piece the engine cannot say (Firefox fails the first reading
        // while its voice list is still loading) ends the reading and says
        // so; "interrupted" and "canceled" are our own cancel().
        let failed = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
            let kind = js_sys::Reflect::get(&event, &"error".into())
                .ok()
                .and_then(|k| k.as_string())
                .unwrap_or_default();
            if run.try_get_value() == Some(this_run) && kind != "interrupted" && kind != "canceled"
            {
                run.try_update_value(|r| *r += 1);
                if let Some(synth) = synthesiser() {
                    synth.cancel();
                }
                state.try_set(State::Idle);
                status.try_set(Some(|t| t.listen_failed));
            }
        })
        .into_js_value();
        let last = pieces.len() - 1;
        for (i, piece) in pieces.iter().enumerate() {
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(piece) else {
                continue;
            };
            utterance.set_lang(lang);
            utterance.set_voice(voice.as_ref());
            utterance.set_onerror(Some(failed.unchecked_ref()));
            if i == last {
                utterance.set_onend(Some(finished.unchecked_ref()));
            }
            synth.speak(&utterance);
        }
        state.set(State::Playing);
        status.set(Some(|t| t.listen_playing));
    };
    let press = move |_| {
        let Some(synth) = synthesiser() else {
            return;
        };
        match state.get_untracked() {
            State::Idle => start(),
            State::Playing => {
                synth.pause();
                state.set(State::Paused);
                status.set(Some(|t| t.listen_paused));
            }
            State::Paused => {
                synth.resume();
                state.set(State::Playing);
                status.set(Some(|t| t.listen_playing));
            }
        }
    };
    let stop = move |_| {
        run.update_value(|r| *r += 1);
        if let Some(synth) = synthesiser() {
            synth.cancel();
            // Chrome stays paused after cancelling a paused reading.
            synth.resume();
        }
        state.set(State::Idle);
        status.set(Some(|t| t.listen_stopped));
        // The stop button hides; focus goes back to play.
        crate::env::browser::focus_by_id("listen-button");
    };
    on_cleanup(move || {
        if let Some(synth) = synthesiser() {
            if synth.speaking() || synth.pending() || synth.paused() {
                synth.cancel();
            }
        }
    });

    // Every changing text and class is a `Signal<&'static str>`, the type
    // `tr` uses too, so their rendering code exists once in the wasm.
    let label = Signal::derive(move || {
        let t = t();
        match state.get() {
            State::Idle => t.listen,
            State::Playing => t.listen_pause,
            State::Paused => t.listen_resume,
        }
    });
    let icon = Signal::derive(move || match state.get() {
        State::Playing => "icon icon--pause",
        _ => "icon icon--play",
    });
    // Hidden rather than removed while idle: one view, no rebuild per press.
    let stop_class = Signal::derive(move || match state.get() {
        State::Idle => "control is-hidden",
        _ => "control",
    });
    let announcement = Signal::derive(move || status.get().map_or("", |pick| pick(t())));
    view! {
        <button type="button" class="control" id="listen-button" on:click=on_click(press)>
            <span class={icon} {attribute("aria-hidden", "true")}></span>
            {label}
        </button>
        <button type="button" class=stop_class on:click=on_click(stop)>
            <span class="icon icon--stop" aria-hidden="true"></span>
            {tr(|t| t.listen_stop)}
        </button>
        <p class="sr-only" role="status">
            {announcement}
        </p>
    }
    .into_any()
}
