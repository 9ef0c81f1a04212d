//! The one fetch helper: GET a contract document, with a timeout and cancellation.

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, Headers, ReadableStreamDefaultReader, RequestInit, Response,
};

use super::ApiError;

/// A request that has not completed after this long ends as [`ApiError::Timeout`]:
/// long enough for a slow phone link, short enough that a reader is not left
/// looking at a skeleton.
pub const TIMEOUT_MS: i32 = 15_000;

/// The largest answer read, in bytes: the embedded article pages are a few
/// KB, a 500-summary page some 300 KB. Anything bigger is an error, counted
/// as it streams in, so a runaway endpoint cannot freeze a phone's tab.
pub const MAX_BODY_BYTES: usize = 5 * 1024 * 1024;

/// GETs `url` and returns the body of a successful answer as text.
///
/// The request ends early when `cancel` fires (the page that asked for it went
/// away: [`ApiError::Aborted`]) or after [`TIMEOUT_MS`], counting the body as
/// well as the headers ([`ApiError::Timeout`]). Decoding is the caller's
/// ([`super::use_load`]), so this state machine exists once in the wasm.
pub async fn get_text(url: &str, cancel: &AbortSignal) -> Result<String, ApiError> {
    send(url, None, cancel).await
}

/// POSTs `json` to `url` and returns the body of a successful answer as text,
/// with the same timeout and cancellation as [`get_text`].
pub async fn post_text(url: &str, json: &str, cancel: &AbortSignal) -> Result<String, ApiError> {
    send(url, Some(json), cancel).await
}

/// What a failed browser call threw, for an error's details: an `Error`'s
/// (or a `DOMException`'s) "TypeError: …", a thrown string as it is.
/// Not `{:?}`: wasm-bindgen's debug printer of any JS value is code in the
/// glue that nothing else needs.
fn describe(thrown: JsValue) -> String {
    match thrown.dyn_ref::<js_sys::Error>() {
        Some(error) => error.to_string().into(),
        None => thrown.as_string().unwrap_or_default(),
    }
}

async fn send(url: &str, json: Option<&str>, cancel: &AbortSignal) -> Result<String, ApiError> {
    if cancel.aborted() {
        return Err(ApiError::Aborted);
    }
    let guard = RequestGuard::new(cancel).map_err(|detail| ApiError::Network {
        url: url.to_string(),
        detail,
    })?;
    match fetch_text(url, json, &guard.controller.signal()).await {
        Ok(text) => Ok(text),
        Err(_) if guard.timed_out.get() => Err(ApiError::Timeout { url: url.into() }),
        Err(_) if cancel.aborted() => Err(ApiError::Aborted),
        Err(ApiError::Network { .. }) if is_offline() => Err(ApiError::Offline { url: url.into() }),
        Err(error) => Err(error),
    }
}

async fn fetch_text(
    url: &str,
    json: Option<&str>,
    signal: &AbortSignal,
) -> Result<String, ApiError> {
    let network = |thrown: JsValue| ApiError::Network {
        url: url.to_string(),
        detail: describe(thrown),
    };
    // The browser's own fetch: mode, credentials and cache as it defaults
    // them (same-origin cookies only).
    let init = RequestInit::new();
    init.set_signal(Some(signal));
    if let Some(json) = json {
        let headers = Headers::new().map_err(network)?;
        headers
            .set("content-type", "application/json")
            .map_err(network)?;
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&JsValue::from_str(json));
    }
    let window = web_sys::window().ok_or_else(|| network(JsValue::from_str("no window")))?;
    let response: Response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(network)?
        .unchecked_into();
    let header = |name: &str| response.headers().get(name).ok().flatten();
    if !response.ok() {
        return Err(ApiError::Http {
            url: url.to_string(),
            status: response.status(),
        });
    }
    if json.is_none() && header("x-portal-local").is_none() {
        // A copy the service worker kept, or a fresh answer (not one of the
        // worker's own, such as the saved articles).
        super::copy::note_answer(header(super::copy::SAVED_AT_HEADER));
    }
    let content_type = header("content-type").unwrap_or_default();
    if json.is_none() && is_html(&content_type) {
        // A static host's fallback page answering for a missing document.
        return Err(ApiError::NotJson {
            url: url.to_string(),
            content_type,
        });
    }
    read_body(&response, url).await
}

/// Whether the browser says it has no network at all.
fn is_offline() -> bool {
    web_sys::window().is_some_and(|window| !window.navigator().on_line())
}

/// Whether a `Content-Type` names an HTML page rather than data.
fn is_html(content_type: &str) -> bool {
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("text/html")
        || essence.eq_ignore_ascii_case("application/xhtml+xml")
}

/// The body as UTF-8 text, read chunk by chunk and refused past
/// [`MAX_BODY_BYTES`], whatever `Content-Length` claimed.
async fn read_body(response: &Response, url: &str) -> Result<String, ApiError> {
    let too_large = || ApiError::TooLarge {
        url: url.to_string(),
    };
    let declared = response.headers().get("content-length").ok().flatten();
    if declared
        .and_then(|n| n.trim().parse::<u64>().ok())
        .is_some_and(|n| n > MAX_BODY_BYTES as u64)
    {
        return Err(too_large());
    }
    let Some(stream) = response.body() else {
        return Ok(String::new());
    };
    let reader: ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|e| ApiError::Network {
                url: url.to_string(),
                detail: describe(e),
            })?;
        let field = |name: &str| js_sys::Reflect::get(&chunk, &name.into()).unwrap_or_default();
        if field("done").is_truthy() {
            break;
        }
        let chunk = js_sys::Uint8Array::new(&field("value"));
        let start = bytes.len();
        let end = start.saturating_add(chunk.length() as usize);
        if end > MAX_BODY_BYTES {
            let _ = reader.cancel();
            return Err(too_large());
        }
        bytes.resize(end, 0);
        chunk.copy_to(&mut bytes[start..]);
    }
    // A byte order mark is allowed before JSON text and means nothing.
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    String::from_utf8(text.to_vec()).map_err(|e| ApiError::BadJson {
        url: url.to_string(),
        detail: e.to_string(),
    })
}

/// Owns one request's abort controller, its timeout and its link to the
/// caller's cancel signal; dropping it clears the timer and the listener, so a
/// finished request leaves nothing behind.
struct RequestGuard {
    controller: AbortController,
    timed_out: Rc<Cell<bool>>,
    timer: i32,
    parent: AbortSignal,
    _on_timeout: Closure<dyn FnMut()>,
    on_parent_abort: Closure<dyn FnMut()>,
}

impl RequestGuard {
    fn new(parent: &AbortSignal) -> Result<Self, String> {
        let window = web_sys::window().ok_or("no window")?;
        let controller = AbortController::new().map_err(describe)?;
        let timed_out = Rc::new(Cell::new(false));

        let on_timeout = {
            let controller = controller.clone();
            let timed_out = timed_out.clone();
            Closure::<dyn FnMut()>::new(move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.as_ref().unchecked_ref(),
                TIMEOUT_MS,
            )
            .map_err(describe)?;

        // `AbortSignal.any` would do this, but older phone browsers lack it.
        let on_parent_abort = {
            let controller = controller.clone();
            Closure::<dyn FnMut()>::new(move || controller.abort())
        };
        parent
            .add_event_listener_with_callback("abort", on_parent_abort.as_ref().unchecked_ref())
            .map_err(describe)?;

        Ok(Self {
            controller,
            timed_out,
            timer,
            parent: parent.clone(),
            _on_timeout: on_timeout,
            on_parent_abort,
        })
    }
}

impl Drop for RequestGuard {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            window.clear_timeout_with_handle(self.timer);
        }
        let _ = self.parent.remove_event_listener_with_callback(
            "abort",
            self.on_parent_abort.as_ref().unchecked_ref(),
        );
        // A future dropped mid-flight must not leave its fetch running.
        self.controller.abort();
    }
}

/// Resolves in a later task of the event loop: what follows it does not
/// lengthen the task running now (a page being taken over).
pub(super) async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let queued = web_sys::window().is_some_and(|window| {
            window
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .is_ok()
        });
        if !queued {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = JsFuture::from(promise).await;
}
