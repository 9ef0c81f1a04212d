//! Pagefind in the browser, through the shell's `portalSearch` (index.html):
//! its module loaded on first use, from the page's own origin
//! (`pagefind/pagefind.js` under the deployment's base), a query's results,
//! and the data of those shown. Each is one promise of a few lines of JS:
//! driving Pagefind's API call by call from Rust cost the wasm more (issue
//! 14). A dynamic `import()` is JS only, and the Content-Security-Policy
//! forbids building one from a string.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::Hit;
use crate::api::FromJson;

#[wasm_bindgen]
extern "C" {
    /// Starts loading Pagefind's module (once; again after a failure).
    #[wasm_bindgen(js_namespace = portalSearch, js_name = load, catch)]
    fn load(module: &str) -> Result<Promise, JsValue>;

    /// The results of `query`, best first: Pagefind's, each still to read.
    #[wasm_bindgen(js_namespace = portalSearch, js_name = find, catch)]
    fn find(module: &str, query: &str) -> Result<Promise, JsValue>;

    /// The data of each of `results` that could be read, in order.
    #[wasm_bindgen(js_namespace = portalSearch, js_name = read, catch)]
    fn read(results: &Array) -> Result<Promise, JsValue>;
}

fn module(page_base: &str) -> String {
    format!("{page_base}pagefind/pagefind.js")
}

/// Starts loading Pagefind's script when the reader first focuses the
/// search field, so that the search does not wait for it. One listener on
/// the window, of the type the router's are (`focusin` bubbles; `focus`
/// does not), rather than an `on:focus` of the field: 2 KB less wasm.
pub fn warm_up_on_focus(page_base: String) {
    crate::router::on_window("focusin", move |event| {
        let on_field = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|e| e.id() == "search-q");
        if on_field {
            let _ = load(&module(&page_base));
        }
    });
}

/// What a promise of the shell's resolves to, or its error as a message.
async fn settle(promise: Result<Promise, JsValue>) -> Result<JsValue, String> {
    let message = |error: JsValue| {
        js_sys::Reflect::get(&error, &"message".into())
            .ok()
            .and_then(|m| m.as_string())
            .or_else(|| error.as_string())
            .unwrap_or_else(|| "search failed".into())
    };
    JsFuture::from(promise.map_err(message)?)
        .await
        .map_err(message)
}

/// Searches for `query` (as the index spells it, [`super::index_form`]) and
/// returns the results, best first, each still to be read with [`hits`]. A
/// failed load (offline, or no index deployed) is tried again by the next
/// search.
pub async fn search(page_base: &str, query: &str) -> Result<Array, String> {
    let results = settle(find(&module(page_base), &super::index_form(query))).await?;
    Ok(results.dyn_into().unwrap_or_default())
}

/// The article and the excerpt of each of `results`, read at once (one
/// small fetch of Pagefind's each, in parallel: on a 150 ms line, ten in a
/// row would take well over a second). A result that cannot be read is left
/// out.
pub async fn hits(results: &Array) -> Vec<Hit> {
    let Ok(data) = settle(read(results)).await else {
        return Vec::new();
    };
    Array::from(&data)
        .iter()
        .filter_map(|data| Hit::from_json(&data).ok())
        .collect()
}
