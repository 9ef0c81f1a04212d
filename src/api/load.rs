//! `use_load`: the reactive wrapper every view uses to fetch a document.
//!
//! Unlike a bare resource it owns the request's lifetime: a new input aborts the
//! request for the old one, leaving the page (disposing the owner) aborts what is
//! in flight, and `retry` runs the same request again after an error.

use std::future::Future;

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, AbortSignal};

use super::ApiError;

/// The state of one document being fetched.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

/// Handle on a fetch started by [`use_load`]. `Copy`, so views can share it.
pub struct Loader<T: Send + Sync + 'static> {
    state: RwSignal<Load<T>>,
    attempt: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Clone + Send + Sync + 'static> Loader<T> {
    /// The current state (tracked).
    pub fn get(&self) -> Load<T> {
        self.state.get()
    }

    /// Reads the state without cloning it (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&Load<T>) -> R) -> R {
        self.state.with(f)
    }

    /// Runs the request again with the same input.
    pub fn retry(&self) {
        self.attempt.update(|n| *n += 1);
    }
}

/// Fetches `fetch(source())` now, again whenever `source` changes, and again on
/// [`Loader::retry`]. `fetch` gets an abort signal that fires when its result is
/// no longer wanted; it should pass it to [`super::get_json`].
pub fn use_load<S, T, Fut>(
    source: impl Fn() -> S + 'static,
    fetch: impl Fn(S, AbortSignal) -> Fut + 'static,
) -> Loader<T>
where
    S: 'static,
    T: Clone + Send + Sync + 'static,
    Fut: Future<Output = Result<T, ApiError>> + 'static,
{
    let state = RwSignal::new(Load::Loading);
    let attempt = RwSignal::new(0u32);
    let in_flight = StoredValue::new_local(None::<AbortController>);
    // Which run is current: an answer to an older run is dropped, never shown.
    let run = StoredValue::new(0u64);

    Effect::new(move |_| {
        attempt.track();
        let input = source();
        if let Some(previous) = in_flight.get_value() {
            previous.abort();
        }
        let this_run = run.get_value() + 1;
        run.set_value(this_run);
        state.set(Load::Loading);

        let Ok(controller) = AbortController::new() else {
            state.set(Load::Failed(ApiError::Network {
                url: String::new(),
                detail: "AbortController unavailable".into(),
            }));
            return;
        };
        let request = fetch(input, controller.signal());
        in_flight.set_value(Some(controller));
        spawn_local(async move {
            let result = request.await;
            // The owner may be gone (reader left), or a newer run started.
            if run.try_get_value() != Some(this_run) {
                return;
            }
            let _ = in_flight.try_set_value(None);
            match result {
                Err(ApiError::Aborted) => {}
                Ok(value) => {
                    state.try_set(Load::Ready(value));
                }
                Err(error) => {
                    state.try_set(Load::Failed(error));
                }
            }
        });
    });

    on_cleanup(move || {
        if let Some(Some(controller)) = in_flight.try_get_value() {
            controller.abort();
        }
    });

    Loader { state, attempt }
}
