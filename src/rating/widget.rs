//! Five stars as native radios in a fieldset, and a send button.
//!
//! Native radios give the keyboard behaviour of the WAI-ARIA rating radio
//! group for free (Tab into the group, arrows move, Space selects) and work
//! with every screen reader; the stars are their labels. Because arrows also
//! select, the vote is sent by an explicit button, never on change: exploring
//! the stars by keyboard must not cast a vote.

use std::cell::RefCell;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::AbortController;

use super::{average_line, is_valid, parse_stored, storage_key, summary, with_vote, MAX_STARS};
use crate::api::{get_json, new_vote_id, post_vote, ApiError, RatingTotals};
use crate::dynamic::{attr, flag, on_click, text, view, CollectAny};
use crate::env::browser::{store, stored};
use crate::env::use_env;
use crate::i18n::Text;
use crate::prefs::{tr, use_prefs};

/// The radios' ids; their value is the number after `rating-star-`.
const STAR_IDS: [&str; MAX_STARS as usize] = [
    "rating-star-1",
    "rating-star-2",
    "rating-star-3",
    "rating-star-4",
    "rating-star-5",
];

/// Each star's name for screen readers ("3 / 5 sao").
const STAR_LABELS: [fn(&'static Text) -> &'static str; MAX_STARS as usize] = [
    |t| t.star_labels[0],
    |t| t.star_labels[1],
    |t| t.star_labels[2],
    |t| t.star_labels[3],
    |t| t.star_labels[4],
];

thread_local! {
    /// Votes of this visit, for browsers without storage: once per visit then.
    static VOTES: RefCell<Vec<(String, u8)>> = const { RefCell::new(Vec::new()) };
}

/// The reader's own vote on `slug`, from this visit or an earlier one.
fn remembered(slug: &str) -> Option<u8> {
    VOTES
        .with(|votes| {
            votes
                .borrow()
                .iter()
                .find(|(s, _)| s == slug)
                .map(|(_, n)| *n)
        })
        .or_else(|| parse_stored(stored(&storage_key(slug)).as_deref()))
}

fn remember(slug: &str, stars: u8) {
    VOTES.with(|votes| votes.borrow_mut().push((slug.to_string(), stars)));
    store(&storage_key(slug), &crate::numerals::digits(stars.into()));
}

#[component]
pub fn RatingWidget(
    slug: String,
    /// The totals the article came with.
    totals: RatingTotals,
    /// `features.rating_submit`: POST votes, or keep them on this device
    /// (unless the deployment names a counting service).
    submit: bool,
) -> impl IntoView {
    let lang = use_prefs().lang;
    let endpoint = use_env().endpoint;
    // A counting service named by the deployment takes votes whatever the
    // static endpoint's features say.
    let submit = submit || endpoint.counts();
    let server = RwSignal::new(totals);
    let voted = RwSignal::new(remembered(&slug));
    let choice = RwSignal::new(None::<u8>);
    let pending = RwSignal::new(None::<u8>);
    let failed = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    // One id per vote, kept for "Thử lại" so a retry is the same vote.
    let vote_id = StoredValue::new(None::<String>);
    // A counting service has the live totals (the article's are as old as
    // its document). Counts only grow: an answer with fewer votes than
    // shown (one that left before this reader's own vote) is stale.
    if let (true, Ok(url)) = (endpoint.counts(), endpoint.ratings(&slug)) {
        if let Ok(controller) = AbortController::new() {
            leptos::task::spawn_local(async move {
                if let Ok(live) = get_json::<RatingTotals>(&url, &controller.signal()).await {
                    server.try_update(|shown| {
                        if live.count > shown.count {
                            *shown = live;
                        }
                    });
                }
            });
        }
    }

    // What the reader sees: the endpoint's totals, plus their own vote when it
    // is kept locally, plus a vote in flight (shown at once, undone on failure).
    // A closure, not a Memo: recomputing two additions is cheaper than another
    // monomorphised memo in the wasm.
    let shown = move || {
        let mut totals = server.get();
        if let (Some(own), false) = (voted.get(), submit) {
            totals = with_vote(totals, own);
        }
        if let Some(stars) = pending.get() {
            totals = with_vote(totals, stars);
        }
        totals
    };
    let locked = flag(move || voted.get().is_some() || pending.get().is_some());

    let send = move || {
        let text = lang.get_untracked().text();
        let Some(stars) = choice.get_untracked().filter(|s| is_valid(*s)) else {
            message.set(text.rating_choose_first.to_string());
            return;
        };
        if !submit {
            remember(&slug, stars);
            voted.set(Some(stars));
            message.set(text.rating_thanks.to_string());
            return;
        }
        let (slug, endpoint) = (slug.clone(), endpoint.clone());
        let id = vote_id.with_value(Clone::clone).unwrap_or_else(new_vote_id);
        vote_id.set_value(Some(id.clone()));
        pending.set(Some(stars));
        failed.set(false);
        message.set(text.rating_sending.to_string());
        leptos::task::spawn_local(async move {
            let result = post_vote(&endpoint, &slug, stars, &id).await;
            // Remember a counted vote even if the reader has left the page.
            if result.is_ok() {
                remember(&slug, stars);
            }
            pending.try_set(None);
            match result {
                Ok(totals) => {
                    server.try_set(totals);
                    voted.try_set(Some(stars));
                    message.try_set(text.rating_thanks.to_string());
                }
                // Kept on the device and sent when the connection returns:
                // counted here at once, as the endpoint will.
                Err(ApiError::Offline { .. }) => {
                    remember(&slug, stars);
                    server.try_update(|totals| *totals = with_vote(*totals, stars));
                    voted.try_set(Some(stars));
                    message.try_set(text.rating_queued.to_string());
                }
                Err(error) => {
                    let reason = text.error_message(&error);
                    message.try_set(text.rating_failed.replace("{reason}", &reason));
                    failed.try_set(true);
                }
            }
        });
    };
    let send = StoredValue::new_local(send);

    // The stars are plain markup: which are lit (up to the checked one, or
    // up to the one under the pointer) is CSS's `:checked`/`:hover`, and one
    // listener on the row hears every radio's click: one closure in the
    // wasm instead of one per star.
    let initial = voted.get_untracked();
    let stars = (1..=MAX_STARS)
        .map(|n| {
            let id = STAR_IDS[usize::from(n - 1)];
            view! {
                <input
                    type="radio"
                    class="rating__input"
                    name="rating"
                    id=id
                    value=&id[12..]
                    checked=initial == Some(n)
                />
                <label for=id class="rating__star">
                    <svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false">
                        <path d="M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z"></path>
                    </svg>
                    <span class="sr-only">{tr(STAR_LABELS[usize::from(n - 1)])}</span>
                </label>
            }
        })
        .collect_any();
    // A click, not `change`: browsers fire one on the radio for a click on its
    // label and for each arrow key that moves the choice, and the app listens
    // for clicks already (a `change` listener is more wasm). A click
    // whose target is not a radio (the label, its star) is ignored: only an
    // input has a value to read.
    let on_choose = move |event: leptos::ev::MouseEvent| {
        let stars = event
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|radio| radio.value().parse().ok())
            .filter(|n| is_valid(*n));
        if stars.is_some() {
            choice.set(stars);
        }
    };

    view! {
        <section
            class="rating"
            aria-labelledby="rating-heading"
            aria-busy=attr(move || pending.get().is_some().then_some("true"))
        >
            <h2 id="rating-heading" class="rating__heading">
                {tr(|t| t.rating_heading)}
            </h2>
            <p class="rating__summary">
                {text(move || summary(shown(), lang.get().text()))}
                <br />
                {text(move || average_line(shown(), lang.get()).unwrap_or_default())}
            </p>
            <fieldset class="rating__stars needs-js" disabled=locked>
                <legend class="rating__legend">{tr(|t| t.rating_legend)}</legend>
                <div class="rating__row" on:click=on_click(on_choose)>
                    {stars}
                </div>
            </fieldset>
            <p class="rating__own" hidden=flag(move || voted.get().is_none())>
                {text(move || {
                    let text = lang.get().text();
                    let own = voted.get().unwrap_or_default();
                    let mut line = text.rating_yours.replace("{n}", &crate::numerals::digits(own.into()));
                    if !submit {
                        line.push(' ');
                        line.push_str(text.rating_yours_local);
                    }
                    line
                })}
            </p>
            <button
                type="button"
                class="button rating__send needs-js"
                hidden=flag(move || voted.get().is_some())
                aria-disabled=attr(move || pending.get().is_some().then_some("true"))
                on:click=on_click(move |_| {
                    if pending.get_untracked().is_none() {
                        send.with_value(|send| send());
                    }
                })
            >
                {text(move || {
                    let text = lang.get().text();
                    if failed.get() { text.retry } else { text.rating_submit }
                })}
            </button>
            <p class="rating__status" role="status">
                {text(move || message.get())}
            </p>
        </section>
    }
}
