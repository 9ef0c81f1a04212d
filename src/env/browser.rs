//! Everything the views ask of the browser outside effects and handlers, one
//! small function each, with a fixed answer in a native build.
//!
//! A view's body runs wherever the view is rendered: in the browser, and
//! natively when pages are rendered ahead of time. Anything it needs from the
//! browser (stored choices, system settings, which APIs exist, where the page
//! lives) comes from here, so the same view code serves both. Natively the
//! answers are those of a first visit in a current desktop browser: no stored
//! choice, no system preference, speech synthesis but no share sheet (so a
//! pre-rendered page has the controls most readers will get, and the app
//! taking over changes as little as possible).
//!
//! Storage: private modes, disabled storage, a full quota or a sandboxed frame
//! make `localStorage` throw or vanish; then nothing is remembered and nothing
//! breaks: a choice holds for the visit.

/// The stored value for `key`, or `None` when there is none or no storage.
pub fn stored(key: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    return local_storage()?.get_item(key).ok().flatten();
    #[cfg(not(target_arch = "wasm32"))]
    return {
        let _ = key;
        None
    };
}

/// Stores `value` under `key`; silently does nothing without storage.
pub fn store(key: &str, value: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (key, value);
}

#[cfg(target_arch = "wasm32")]
fn local_storage() -> Option<web_sys::Storage> {
    // `window.localStorage` itself throws in some privacy modes.
    web_sys::window()?.local_storage().ok().flatten()
}

/// The value of `attribute` on `<html>`: the reading settings the page
/// shows (the pre-paint script put them there first).
pub fn applied_setting(attribute: &str) -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()?
        .document()?
        .document_element()?
        .get_attribute(attribute);
    #[cfg(not(target_arch = "wasm32"))]
    return {
        let _ = attribute;
        None
    };
}

/// Whether the browser can read aloud (`speechSynthesis` and
/// `SpeechSynthesisUtterance`): older browsers and some WebViews cannot.
pub fn has_speech_synthesis() -> bool {
    #[cfg(target_arch = "wasm32")]
    return ["speechSynthesis", "SpeechSynthesisUtterance"]
        .into_iter()
        .all(window_has);
    #[cfg(not(target_arch = "wasm32"))]
    return true;
}

/// Whether the browser has a share sheet (`navigator.share`): phones do,
/// most desktop browsers do not.
pub fn has_native_share() -> bool {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()
        .is_some_and(|w| js_sys::Reflect::has(&w.navigator(), &"share".into()).unwrap_or(false));
    #[cfg(not(target_arch = "wasm32"))]
    return false;
}

#[cfg(target_arch = "wasm32")]
fn window_has(name: &str) -> bool {
    web_sys::window().is_some_and(|window| {
        js_sys::Reflect::get(&window, &name.into())
            .is_ok_and(|value| !value.is_undefined() && !value.is_null())
    })
}

/// The page's base URI (`document.baseURI`, which trunk's `--public-url`
/// wrote) and the `portal-api` and `portal-counter` metas, as set at deploy
/// time. Natively: a placeholder origin and no metas; the pre-render passes
/// its own.
pub fn page_location() -> (String, Option<String>, Option<String>) {
    #[cfg(target_arch = "wasm32")]
    {
        let document = web_sys::window().and_then(|w| w.document());
        let base_uri = document
            .as_ref()
            .and_then(|d| d.base_uri().ok().flatten())
            .unwrap_or_else(|| "http://localhost/".to_string());
        let meta = |selector: &str| {
            document
                .as_ref()?
                .query_selector(selector)
                .ok()??
                .get_attribute("content")
        };
        (
            base_uri,
            meta("meta[name='portal-api']"),
            meta("meta[name='portal-counter']"),
        )
    }
    #[cfg(not(target_arch = "wasm32"))]
    ("http://localhost/".to_string(), None, None)
}

/// The path of the address bar (`location.pathname`). Natively: `/`.
pub fn pathname() -> String {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .unwrap_or_else(|| "/".into());
    #[cfg(not(target_arch = "wasm32"))]
    return "/".into();
}

/// The query string of the address bar (`location.search`). Natively: `""`.
pub fn query() -> String {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    #[cfg(not(target_arch = "wasm32"))]
    return String::new();
}

/// The text of the page's embedded data (`<script id="portal-data">`,
/// written by the pre-render), if it has any. Natively: none.
pub fn embedded_page_data() -> Option<String> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()?
        .document()?
        .get_element_by_id("portal-data")?
        .text_content();
    #[cfg(not(target_arch = "wasm32"))]
    return None;
}

/// Focuses the element with `id`, if the page has it and it can take focus
/// (by id rather than a `NodeRef`: each `NodeRef` element type is its own
/// code in the wasm). Returns it, to scroll to.
/// Natively: none.
pub fn focus_by_id(id: &str) -> Option<web_sys::HtmlElement> {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let element = web_sys::window()?
            .document()?
            .get_element_by_id(id)?
            .dyn_into::<web_sys::HtmlElement>()
            .ok()?;
        let _ = element.focus();
        Some(element)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = id;
        None
    }
}

/// Runs `task` in a later task of the event loop, `ms` from now (natively:
/// never). Boxed, so the JS callback glue exists once in the wasm rather than
/// once per closure type.
pub fn after(ms: i32, task: Box<dyn FnOnce()>) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let callback = wasm_bindgen::closure::Closure::once_into_js(task);
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                ms,
            );
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (ms, task);
}
