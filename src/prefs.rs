//! The reader's preferences, held once for the whole app.

use leptos::prelude::*;

use crate::i18n::{Lang, Text};

/// Provided as context by `App`; every view reads preferences from here.
#[derive(Clone, Copy)]
pub struct Prefs {
    /// Interface language. Article content is never translated.
    pub lang: RwSignal<Lang>,
}

impl Prefs {
    pub fn new() -> Self {
        Self {
            lang: RwSignal::new(Lang::default()),
        }
    }
}

impl Default for Prefs {
    fn default() -> Self {
        Self::new()
    }
}

/// The preferences from context; outside `App` (component tests) the defaults.
pub fn use_prefs() -> Prefs {
    use_context::<Prefs>().unwrap_or_default()
}

/// The interface strings in the current language, tracked.
pub fn use_text() -> impl Fn() -> &'static Text + Copy + 'static {
    let lang = use_prefs().lang;
    move || lang.get().text()
}

/// An interface string in the current language, as a signal.
///
/// Every label goes through this one function: a `Signal<&'static str>` is a
/// single concrete type, so the rendering code is compiled once instead of once
/// per label closure (measured: see the size notes in README.md).
///
/// ```text
/// view! { <button>{tr(|t| t.retry)}</button> }
/// ```
pub fn tr(pick: fn(&'static Text) -> &'static str) -> Signal<&'static str> {
    let lang = use_prefs().lang;
    Signal::derive(move || pick(lang.get().text()))
}
