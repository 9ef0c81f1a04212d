//! The search engine in the browser (`search/search.js`, src/search/search.js)
//! through the shell's `portalSearch` (index.html): a query's results and the
//! data of those shown, each one promise. The shell loads the engine from the
//! page's own origin (`search/search.js` under the deployment's base) when the
//! reader focuses the search field, and the buckets of the words typed so far
//! while the reader types: a dynamic `import()` is JS only, and the
//! Content-Security-Policy forbids building one from a string. The engine is
//! JS, not Rust, so that none of it is in the first view's wasm (its size
//! budget), and so that the deploy-time index writer uses the same folding.

use js_sys::{Array, Promise};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::Hit;
use crate::api::FromJson;

#[wasm_bindgen]
extern "C" {
    /// The results of `query`, best first, each still to read.
    #[wasm_bindgen(js_namespace = portalSearch, js_name = find, catch)]
    fn find(query: &str) -> Result<Promise, JsValue>;

    /// The data of each of `results` that could be read, in order.
    #[wasm_bindgen(js_namespace = portalSearch, js_name = read, catch)]
    fn read(results: &Array) -> Result<Promise, JsValue>;
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

/// Searches for `query` and returns the results, best first, each still to
/// be read with [`hits`]. A failed load of the engine (offline, or no index
/// deployed) is tried again by the next search.
pub async fn search(query: &str) -> Result<Array, String> {
    let results = settle(find(query)).await?;
    Ok(results.dyn_into().unwrap_or_default())
}

/// The article and the excerpt of each of `results`, read at once (one
/// small fetch each, in parallel: on a 150 ms line, ten in a
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
