//! `use_load`: the reactive wrapper every view uses to fetch a document.
//!
//! Unlike a bare resource it owns the request's lifetime: a new address aborts
//! the request for the old one, leaving the page (disposing the owner) aborts
//! what is in flight, and `retry` runs the same request again after an error.
//!
//! The request half works on text and is not generic, so its effect, its
//! future and its abort handling exist once in the wasm whatever the document;
//! only the decoding into `T` is generic.

use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{AbortController, AbortSignal};

use super::client::{get_text, next_task};
use super::decode::{decode, FromJson};
use super::preload::Preloaded;
use super::ApiError;

/// The state of one document being fetched.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiError),
}

impl<T> Load<T> {
    /// Still on its way: neither there nor failed.
    pub fn is_loading(&self) -> bool {
        matches!(self, Load::Loading)
    }
}

/// Handle on a fetch started by [`use_load`]. `Copy`, so views can share it.
pub struct Loader<T: Send + Sync + 'static> {
    decoded: Memo<Load<T>>,
    text: TextLoader,
}

impl<T: Send + Sync + 'static> Clone for Loader<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Loader<T> {}

impl<T: Clone + PartialEq + Send + Sync + 'static> Loader<T> {
    /// The current state (tracked).
    pub fn get(&self) -> Load<T> {
        self.decoded.get()
    }

    /// Reads the state without cloning it (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&Load<T>) -> R) -> R {
        self.decoded.with(f)
    }

    /// What `f` makes of the document once it is there (tracked); `None`
    /// while it loads or when it failed.
    pub fn ready_map<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.decoded.with(|state| match state {
            Load::Ready(value) => Some(f(value)),
            _ => None,
        })
    }

    /// The address whose answer the current state holds (tracked): lets a
    /// caller tell which of several requests a `Ready` belongs to.
    pub fn url(&self) -> Option<String> {
        self.text.state.with(|s| match s {
            Load::Ready((url, _)) => Some(url.clone()),
            _ => None,
        })
    }

    /// Runs the request again with the same address.
    pub fn retry(&self) {
        self.text.attempt.update(|n| *n += 1);
    }
}

/// Fetches the document at `url()` (an absolute address, or the error to show
/// instead of asking), again whenever it changes and on [`Loader::retry`], and
/// decodes it as `T`.
pub fn use_load<T>(url: impl Fn() -> Result<String, ApiError> + 'static) -> Loader<T>
where
    T: FromJson + Clone + PartialEq + Send + Sync + 'static,
{
    let text = use_fetched_text(Box::new(url));
    let decoded = Memo::new(move |_| {
        text.state.with(|state| match state {
            Load::Loading => Load::Loading,
            Load::Failed(error) => Load::Failed(error.clone()),
            Load::Ready((url, body)) => match decode(url, body) {
                Ok(value) => Load::Ready(value),
                Err(error) => Load::Failed(error),
            },
        })
    });
    Loader { decoded, text }
}

/// The non-generic half: body text of the current address, with its address.
#[derive(Clone, Copy)]
struct TextLoader {
    state: RwSignal<Load<(String, String)>>,
    attempt: RwSignal<u32>,
}

fn use_fetched_text(url: Box<dyn Fn() -> Result<String, ApiError>>) -> TextLoader {
    // A document the page already carries (pre-rendered) is there at once:
    // no skeleton, and the first fetch only refreshes it, quietly.
    let carried = use_context::<Preloaded>().and_then(|preloaded| {
        let target = untrack(&url).ok()?;
        let body = preloaded.document(&target)?;
        Some((target, body))
    });
    // Kept by the effect itself (it alone reads it), not in a stored value.
    let mut quiet = carried.is_some();
    let state = RwSignal::new(carried.map_or(Load::Loading, Load::Ready));
    let attempt = RwSignal::new(0u32);
    let in_flight = StoredValue::new_local(None::<AbortController>);
    // Which run is current: an answer to an older run is dropped, never shown.
    // (u32, wrapping: the type other stored counters use, so no extra copy of
    // the stored-value code in the wasm.)
    let run = StoredValue::new(0u32);

    crate::effect::effect(move || {
        attempt.track();
        let target = url();
        if let Some(previous) = in_flight.get_value() {
            previous.abort();
        }
        let this_run = run.get_value().wrapping_add(1);
        run.set_value(this_run);
        let target = match target {
            Ok(target) => target,
            Err(error) => {
                state.set(Load::Failed(error));
                return;
            }
        };
        let refresh = std::mem::take(&mut quiet);
        if !refresh {
            state.set(Load::Loading);
        }
        let Ok(controller) = AbortController::new() else {
            state.set(Load::Failed(ApiError::Network {
                url: target,
                detail: "AbortController unavailable".into(),
            }));
            return;
        };
        let signal = controller.signal();
        in_flight.set_value(Some(controller));
        spawn_local(async move {
            // Refreshing what the page carries can wait: not in the task
            // that takes the page over.
            if refresh {
                next_task().await;
            }
            let result = get_text(&target, &signal).await;
            // The owner may be gone (reader left), or a newer run started.
            if run.try_get_value() != Some(this_run) {
                return;
            }
            let _ = in_flight.try_set_value(None);
            match result {
                Err(ApiError::Aborted) => {}
                // A refresh that brings the same text changes nothing.
                Ok(body)
                    if refresh
                        && state.with_untracked(
                            |s| matches!(s, Load::Ready((_, old)) if *old == body),
                        ) => {}
                Ok(body) => {
                    state.try_set(Load::Ready((target, body)));
                }
                // A failed refresh keeps what the page carried (offline).
                Err(_) if refresh => {}
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

    TextLoader { state, attempt }
}

/// Runs `task` for views that fetch several documents themselves (related
/// articles, a walk through the list pages) instead of one through
/// [`use_load`]: once, in an effect (so only in the browser, never while the
/// view is rendered elsewhere), with an abort signal that fires when the
/// view goes away.
pub fn use_page_fetch(task: impl FnOnce(AbortSignal) -> LocalTask + 'static) {
    start_page_fetch(Box::new(task));
}

/// A task of [`use_page_fetch`], boxed so the effect around it exists once.
pub type LocalTask = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;

fn start_page_fetch(task: Box<dyn FnOnce(AbortSignal) -> LocalTask>) {
    let task = StoredValue::new_local(Some(task));
    crate::effect::effect(move || {
        let (Some(task), Ok(controller)) = (
            task.try_update_value(Option::take).flatten(),
            AbortController::new(),
        ) else {
            return;
        };
        spawn_local(task(controller.signal()));
        // Kept as `use_fetched_text` keeps its own (an `Option`): one stored
        // type for both in the wasm.
        let controller = StoredValue::new_local(Some(controller));
        on_cleanup(move || {
            if let Some(Some(controller)) = controller.try_get_value() {
                controller.abort();
            }
        });
    });
}

/// GETs `url` and decodes it as `T`, with [`get_text`]'s timeout and errors.
pub async fn get_json<T: FromJson>(url: &str, signal: &AbortSignal) -> Result<T, ApiError> {
    let body = get_text(url, signal).await?;
    decode(url, &body)
}
