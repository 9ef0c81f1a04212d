//! The `A−` `A` `A+` and contrast buttons at the top of every page.
//!
//! Native buttons in labelled groups; the visible label starts each accessible
//! name ("A+ tăng cỡ chữ"), so speech users can say what they see. At a limit a
//! button is `aria-disabled` (still focusable, announced as unavailable) and a
//! press says why instead of doing nothing. Every change is announced in a
//! polite live region.
//!
//! Each button names its setting and step (`data-pref`, `data-step`): before
//! the app has taken a pre-rendered page over, the pre-paint script in
//! index.html answers these buttons itself, so a reader's first tap is not
//! lost to a loading wasm ([`crate::prefs::Prefs::adopt_applied`] takes its
//! result over).

use leptos::prelude::*;

use crate::a11y::{step, Contrast, Scale, TextSize, TextSpacing};
use crate::dynamic::{attr, on_click, true_false, view};
use crate::i18n::{Lang, Text};
use crate::prefs::{tr, use_prefs};

/// `children` share the toolbar's strip (the language switch) without
/// joining its group.
#[component]
pub fn A11yToolbar(children: Children) -> impl IntoView {
    let prefs = use_prefs();
    // The pre-paint script answered the pre-rendered toolbar until now.
    prefs.adopt_applied();
    let announcement = RwSignal::new(String::new());
    let text = move || prefs.lang.get_untracked().text();

    // Both kinds of buttons step through a scale the same way (`step`); only
    // what they change and how they name it differ.
    let step_size = move |next: fn(TextSize) -> Option<TextSize>, limit: fn(&Text) -> &str| {
        let (t, current) = (text(), prefs.text_size.get_untracked());
        let decimal_comma = prefs.lang.get_untracked() == Lang::Vi;
        let templates = (t.announce_text_size, limit(t));
        let (next, message) = step(current, next(current), templates, "{n}", |size| {
            size.percent_label(decimal_comma)
        });
        if let Some(size) = next {
            prefs.choose_text_size(size);
        }
        announcement.set(message);
    };
    // Contrast and spacing step through their levels alike.
    fn step_level<T: Scale>(
        current: T,
        next: fn(T) -> Option<T>,
        t: &Text,
        templates: (&str, &str),
        choose: impl Fn(T),
    ) -> String {
        let (next, message) = step(current, next(current), templates, "{level}", |level| {
            level.name(t).to_string()
        });
        if let Some(level) = next {
            choose(level);
        }
        message
    }
    let step_contrast = move |next: fn(Contrast) -> Option<Contrast>, limit: fn(&Text) -> &str| {
        let t = text();
        let templates = (t.announce_contrast, limit(t));
        let current = prefs.contrast.get_untracked();
        announcement.set(step_level(current, next, t, templates, |level| {
            prefs.choose_contrast(level)
        }));
    };
    let step_spacing = move |next: fn(TextSpacing) -> Option<TextSpacing>,
                             limit: fn(&Text) -> &str| {
        let t = text();
        let templates = (t.announce_spacing, limit(t));
        let current = prefs.text_spacing.get_untracked();
        announcement.set(step_level(current, next, t, templates, |level| {
            prefs.choose_text_spacing(level)
        }));
    };
    let disabled = |at_limit: bool| at_limit.then_some("true");
    let size = prefs.text_size;
    let contrast = prefs.contrast;
    let spacing = prefs.text_spacing;

    view! {
        <div class="a11y-bar needs-js">
            <div class="container a11y-bar__inner">
                <div class="a11y-bar__tools" role="group" aria-label=tr(|t| t.a11y_toolbar)>
                <div class="a11y-bar__group" role="group" aria-label=tr(|t| t.text_size_group)>
                    <button
                        type="button"
                        class="control a11y-bar__button"
                        data-pref="text-size"
                        data-step="-1"
                        title=tr(|t| t.text_smaller_hint)
                        aria-disabled=attr(move || disabled(size.get().smaller().is_none()))
                        on:click=on_click(move |_| step_size(TextSize::smaller, |t| t.announce_text_smallest))
                    >
                        "A−"
                        <span class="sr-only">{tr(|t| t.text_smaller)}</span>
                    </button>
                    <button
                        type="button"
                        class="control a11y-bar__button"
                        data-pref="text-size"
                        data-step="0"
                        title=tr(|t| t.text_default_hint)
                        aria-pressed=attr(move || true_false(size.get().is_default()))
                        on:click=on_click(move |_| {
                            prefs.choose_text_size(TextSize::DEFAULT);
                            announcement
                                .set(
                                    text()
                                        .announce_text_size
                                        .replace("{n}", TextSize::DEFAULT.as_str()),
                                );
                        })
                    >
                        "A"
                        <span class="sr-only">{tr(|t| t.text_default)}</span>
                    </button>
                    <button
                        type="button"
                        class="control a11y-bar__button"
                        data-pref="text-size"
                        data-step="1"
                        title=tr(|t| t.text_bigger_hint)
                        aria-disabled=attr(move || disabled(size.get().bigger().is_none()))
                        on:click=on_click(move |_| step_size(TextSize::bigger, |t| t.announce_text_largest))
                    >
                        "A+"
                        <span class="sr-only">{tr(|t| t.text_bigger)}</span>
                    </button>
                </div>
                <div class="a11y-bar__group" role="group" aria-label=tr(|t| t.contrast_group)>
                    <button
                        type="button"
                        class="control a11y-bar__button"
                        data-pref="contrast"
                        data-step="-1"
                        aria-disabled=attr(move || disabled(contrast.get().less().is_none()))
                        on:click=on_click(move |_| {
                            step_contrast(Contrast::less, |t| t.announce_contrast_least)
                        })
                    >
                        <span class="a11y-bar__icon" aria-hidden="true"></span>
                        {tr(|t| t.contrast_less)}
                    </button>
                    <button
                        type="button"
                        class="control a11y-bar__button"
                        data-pref="contrast"
                        data-step="1"
                        aria-disabled=attr(move || disabled(contrast.get().more().is_none()))
                        on:click=on_click(move |_| {
                            step_contrast(Contrast::more, |t| t.announce_contrast_most)
                        })
                    >
                        <span class="a11y-bar__icon a11y-bar__icon--more" aria-hidden="true"></span>
                        {tr(|t| t.contrast_more)}
                    </button>
                </div>
                <div class="a11y-bar__group" role="group" aria-label=tr(|t| t.text_spacing_group)>
                    <button
                        type="button"
                        class="control a11y-bar__button"
                        data-pref="text-spacing"
                        data-step="-1"
                        aria-disabled=attr(move || disabled(spacing.get().less().is_none()))
                        on:click=on_click(move |_| {
                            step_spacing(TextSpacing::less, |t| t.announce_spacing_least)
                        })
                    >
                        <span class="a11y-bar__icon a11y-bar__icon--spacing" aria-hidden="true"></span>
                        {tr(|t| t.spacing_less)}
                    </button>
                    <button
                        type="button"
                        class="control a11y-bar__button"
                        data-pref="text-spacing"
                        data-step="1"
                        aria-disabled=attr(move || disabled(spacing.get().more().is_none()))
                        on:click=on_click(move |_| {
                            step_spacing(TextSpacing::more, |t| t.announce_spacing_most)
                        })
                    >
                        <span class="a11y-bar__icon a11y-bar__icon--spacing a11y-bar__icon--more" aria-hidden="true"></span>
                        {tr(|t| t.spacing_more)}
                    </button>
                </div>
                </div>
                {children()}
            </div>
            <p class="sr-only" role="status">
                {crate::dynamic::text(move || announcement.get())}
            </p>
        </div>
    }
}
