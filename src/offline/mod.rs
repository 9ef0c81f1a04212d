//! Offline reading, the app's half: the service worker (`sw.js`, written at
//! build time from `src/offline/sw.js`) is registered once the page has shown
//! its content; a new version is offered ("Có phiên bản mới — Tải lại") and
//! never forced; a polite notice says when what is shown is a copy kept on
//! the device, and from when; and what the reader sent while offline (votes,
//! page views: [`crate::api::send_kept`]) goes when the connection returns.
//!
//! The worker marks the copies it answers; the data layer tells which
//! answers were copies ([`crate::api::showing_copy`]).

use leptos::prelude::*;

use crate::api::{note_answer, send_kept, showing_copy};
use crate::dynamic::{dynamic, on_click, view, AnyOption};
use crate::effect::effect;
use crate::env::use_env;
use crate::numerals::{digits, two_digits};
use crate::page::use_main_shown;
use crate::prefs::{tr, use_strings};
use crate::router::use_pathname;

mod worker;
pub use worker::local_times;

thread_local! {
    /// Whether a new version of the app is waiting.
    /// (Reference-counted: it outlives any one owner, as the page does.)
    static UPDATE_WAITING: ArcRwSignal<bool> = ArcRwSignal::new(false);
}

/// A moment in the reader's local time (month and day from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocalTime {
    pub year: u32,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
}

/// "08:30" when the copy is from today, else "08:30, 26/11/2026".
pub fn saved_time(saved: LocalTime, now: LocalTime) -> String {
    let time = format!("{}:{}", two_digits(saved.hour), two_digits(saved.minute));
    if (saved.year, saved.month, saved.day) == (now.year, now.month, now.day) {
        time
    } else {
        format!(
            "{time}, {}/{}/{}",
            two_digits(saved.day),
            two_digits(saved.month),
            digits(u64::from(saved.year))
        )
    }
}

/// How long after the page has shown its content the worker is registered.
/// Installing it (starting a worker, filling its cache) right away slowed
/// the first view on the throttled phone profile (scripts/bench); two
/// seconds on, the reader is reading.
const REGISTER_AFTER_MS: i32 = 2_000;

/// Registers the worker once the page has shown its content, so it takes
/// nothing from the first view; checks for a new version on each route;
/// sends what waited for a connection, at start and when it returns.
pub fn use_service_worker() {
    let shown = use_main_shown();
    let script = format!("{}sw.js", use_env().page_base);
    let mut registered = false;
    effect(move || {
        if registered || !shown.get() {
            return;
        }
        registered = true;
        let script = script.clone();
        crate::env::browser::after(
            REGISTER_AFTER_MS,
            Box::new(move || {
                worker::register(&script, move || {
                    UPDATE_WAITING.with(|waiting| waiting.set(true));
                })
            }),
        );
    });
    let pathname = use_pathname();
    let mut previous = None::<String>;
    effect(move || {
        let path = pathname.get();
        if previous.as_ref().is_some_and(|previous| *previous != path) {
            worker::check_for_update();
        }
        previous = Some(path);
    });
    // Back online: what is shown may still be the copy, but the notice
    // says "offline", which no longer holds; and what the reader sent
    // offline goes now (also at start: a visit that ended offline). (In an
    // effect: there is no window to listen to when the pre-render runs this
    // natively.)
    let endpoint = use_env().endpoint;
    effect(move || {
        send_kept(&endpoint);
        let endpoint = endpoint.clone();
        let online = window_event_listener_untyped("online", move |_| {
            note_answer(None);
            send_kept(&endpoint);
        });
        on_cleanup(move || online.remove());
    });
}

/// The notice that the page shows a saved copy, and the offer of a new
/// version: one polite live region, empty (and without a box) otherwise.
#[component]
pub fn OfflineStatus() -> impl IntoView {
    let t = use_strings();
    let copy = showing_copy();
    let update = UPDATE_WAITING.with(|s| s.clone());
    let notice = dynamic(move || {
        copy()
            .map(|ms| {
                let text = t().offline_notice.replace("{time}", &{
                    let (saved, now) = worker::local_times(ms);
                    saved_time(saved, now)
                });
                view! { <p class="offline-status__line">{text}</p> }
            })
            .any()
    });
    let offer = dynamic(move || {
        update.get().then(|| {
            view! {
                <p class="offline-status__line">
                    {tr(|t| t.update_ready)} " "
                    <button type="button" class="button" on:click=on_click(|_| worker::activate_update())>
                        {tr(|t| t.update_reload)}
                    </button>
                </p>
            }
        }).any()
    });
    view! {
        <div class="offline-status needs-js" role="status">
            {notice}
            {offer}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32, minute: u32) -> LocalTime {
        LocalTime {
            year: 2026,
            month: 11,
            day,
            hour,
            minute,
        }
    }

    #[test]
    fn the_time_of_a_copy_is_local_and_dated_when_not_today() {
        assert_eq!(saved_time(at(27, 8, 5), at(27, 17, 0)), "08:05");
        assert_eq!(
            saved_time(at(26, 23, 59), at(27, 0, 1)),
            "23:59, 26/11/2026"
        );
    }
}
