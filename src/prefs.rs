//! The reader's preferences, held once for the whole app.

use leptos::prelude::*;

use crate::a11y::{
    Contrast, Scale, TextSize, TextSpacing, CONTRAST_ATTRIBUTE, CONTRAST_KEY, TEXT_SIZE_ATTRIBUTE,
    TEXT_SIZE_KEY, TEXT_SPACING_ATTRIBUTE, TEXT_SPACING_KEY,
};
use crate::env::browser::{applied_setting, store, stored};
use crate::i18n::{Lang, Text, LANG_KEY};

/// Provided as context by [`crate::provide_app_context`]; every view reads
/// preferences from here.
#[derive(Clone, Copy)]
pub struct Prefs {
    /// Interface language. Article content is never translated.
    pub lang: RwSignal<Lang>,
    pub text_size: RwSignal<TextSize>,
    pub contrast: RwSignal<Contrast>,
    pub text_spacing: RwSignal<TextSpacing>,
}

impl Prefs {
    /// Starts from what the page shows: the pre-paint script has applied the
    /// reader's stored choices (or the system's wish for more contrast), the
    /// one place that reads them; garbage counts as no choice.
    pub fn new() -> Self {
        let prefs = Self {
            lang: RwSignal::new(Lang::parse(stored(LANG_KEY).as_deref())),
            text_size: RwSignal::new(TextSize::DEFAULT),
            contrast: RwSignal::new(Contrast::default()),
            text_spacing: RwSignal::new(TextSpacing::default()),
        };
        prefs.adopt_applied();
        prefs
    }

    /// Takes the settings the page shows as the app's own. Until the app
    /// has built its toolbar, the pre-paint script answers the pre-rendered
    /// toolbar's buttons (a reader's first tap is not lost to a loading
    /// wasm); what it applied becomes the app's state here, so the app
    /// continues from it: no flicker back, no step taken twice.
    pub fn adopt_applied(&self) {
        fn adopt<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
            if signal.with_untracked(|current| *current != value) {
                signal.set(value);
            }
        }
        let applied = |attribute| applied_setting(attribute).unwrap_or_default();
        adopt(
            self.text_size,
            TextSize::parse(Some(&applied(TEXT_SIZE_ATTRIBUTE))),
        );
        adopt(
            self.contrast,
            Contrast::parse(&applied(CONTRAST_ATTRIBUTE)).unwrap_or_default(),
        );
        adopt(
            self.text_spacing,
            TextSpacing::parse(&applied(TEXT_SPACING_ATTRIBUTE)).unwrap_or_default(),
        );
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

    /// The reader picked a text spacing: show it and remember it.
    pub fn choose_text_spacing(&self, spacing: TextSpacing) {
        self.text_spacing.set(spacing);
        store(TEXT_SPACING_KEY, spacing.as_str());
    }
}

impl Default for Prefs {
    fn default() -> Self {
        Self::new()
    }
}

/// Puts the preferences on `<html>`, where the style sheets read them, and
/// keeps them there. The pre-paint script in index.html did the same before
/// the wasm loaded; what it did since the app started is adopted first.
pub fn use_prefs_on_document() {
    let prefs = use_prefs();
    prefs.adopt_applied();
    crate::effect::effect(move || {
        let Some(html) = document().document_element() else {
            return;
        };
        let _ = html.set_attribute("lang", prefs.lang.get().code());
        let _ = html.set_attribute(TEXT_SIZE_ATTRIBUTE, prefs.text_size.get().as_str());
        let _ = html.set_attribute(CONTRAST_ATTRIBUTE, prefs.contrast.get().as_str());
        let _ = html.set_attribute(TEXT_SPACING_ATTRIBUTE, prefs.text_spacing.get().as_str());
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
