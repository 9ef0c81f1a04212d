//! The reader's preferences, held once for the whole app.

use leptos::prelude::*;

use crate::a11y::{Contrast, TextSize, CONTRAST_KEY, TEXT_SIZE_KEY};
use crate::env::browser::{prefers_more_contrast, store, stored};
use crate::i18n::{Lang, Text, LANG_KEY};

/// Provided as context by [`crate::provide_app_context`]; every view reads
/// preferences from here.
#[derive(Clone, Copy)]
pub struct Prefs {
    /// Interface language. Article content is never translated.
    pub lang: RwSignal<Lang>,
    pub text_size: RwSignal<TextSize>,
    pub contrast: RwSignal<Contrast>,
}

impl Prefs {
    /// Starts from what the reader chose on an earlier visit, or from what the
    /// system asks for; garbage in storage counts as no choice.
    pub fn new() -> Self {
        Self {
            lang: RwSignal::new(Lang::parse(stored(LANG_KEY).as_deref())),
            text_size: RwSignal::new(TextSize::parse(stored(TEXT_SIZE_KEY).as_deref())),
            contrast: RwSignal::new(Contrast::initial(
                stored(CONTRAST_KEY).as_deref(),
                prefers_more_contrast(),
            )),
        }
    }

    /// The reader picked an interface language: show it and remember it.
    pub fn choose_lang(&self, lang: Lang) {
        self.lang.set(lang);
        store(LANG_KEY, lang.code());
    }

    /// The reader picked a text size: show it and remember it.
    pub fn choose_text_size(&self, size: TextSize) {
        self.text_size.set(size);
        store(TEXT_SIZE_KEY, size.as_str());
    }

    /// The reader picked a contrast level: show it and remember it.
    pub fn choose_contrast(&self, level: Contrast) {
        self.contrast.set(level);
        store(CONTRAST_KEY, level.as_str());
    }
}

impl Default for Prefs {
    fn default() -> Self {
        Self::new()
    }
}

/// Puts the preferences on `<html>`, where the style sheets read them, and
/// keeps them there. The pre-paint script in index.html did the same before
/// the wasm loaded.
pub fn use_prefs_on_document() {
    let prefs = use_prefs();
    crate::effect::effect(move || {
        let Some(html) = document().document_element() else {
            return;
        };
        let _ = html.set_attribute("lang", prefs.lang.get().code());
        let _ = html.set_attribute("data-text-size", prefs.text_size.get().as_str());
        let _ = html.set_attribute("data-contrast", prefs.contrast.get().as_str());
    });
}

/// The preferences from context, provided by [`crate::provide_app_context`].
///
/// Panics without it, on purpose: a view that silently made its own
/// preferences would speak the wrong language and leak signals. Call it in
/// a component body, where the owner is known, never in an event handler or
/// after an `.await` (take what is needed before).
pub fn use_prefs() -> Prefs {
    crate::context::context::<Prefs>()
}

/// The interface strings in the current language, tracked.
pub fn use_strings() -> impl Fn() -> &'static Text + Copy + Send + Sync + 'static {
    let lang = use_prefs().lang;
    move || lang.get().text()
}

/// An interface string in the current language, as a signal.
///
/// Every label goes through this one function: a `Signal<&'static str>` is a
/// single concrete type, so the rendering code is compiled once instead of once
/// per label closure.
///
/// ```text
/// view! { <button>{tr(|t| t.retry)}</button> }
/// ```
pub fn tr(pick: fn(&'static Text) -> &'static str) -> Signal<&'static str> {
    let lang = use_prefs().lang;
    Signal::derive(move || pick(lang.get().text()))
}
