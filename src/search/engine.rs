//! Pagefind's script in the browser: loaded on first use, from the page's
//! own origin (`pagefind/pagefind.js` under the deployment's base), through
//! the shell's `portalImport` (a dynamic `import()`, which wasm cannot write
//! itself and the Content-Security-Policy forbids building from a string).

use std::cell::RefCell;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::Hit;
use crate::api::FromJson;

thread_local! {
    /// The loaded module, or the promise of it: loaded once per visit.
    static PAGEFIND: RefCell<Option<Promise>> = const { RefCell::new(None) };
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
            let _ = module(&page_base);
        }
    });
}

fn module(page_base: &str) -> Promise {
    PAGEFIND.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let url = format!("{}pagefind/pagefind.js", page_base);
                let imported = web_sys::window()
                    .and_then(|w| Reflect::get(&w, &"portalImport".into()).ok())
                    .and_then(|f| f.dyn_into::<Function>().ok())
                    .and_then(|import| import.call1(&JsValue::NULL, &url.into()).ok());
                match imported {
                    Some(promise) => Promise::resolve(&promise),
                    None => Promise::reject(&"no dynamic import".into()),
                }
            })
            .clone()
    })
}

/// Calls `object.name(...args)` and waits for what it returns.
async fn call(object: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let method: Function = Reflect::get(object, &name.into())?.dyn_into()?;
    let result = method.apply(object, &args.iter().collect::<Array>())?;
    JsFuture::from(Promise::resolve(&result)).await
}

/// Searches for `query` (as the index spells it, [`super::index_form`]) and
/// returns the results, best first, each still to be read with [`hit`].
pub async fn search(page_base: &str, query: &str) -> Result<Vec<JsValue>, String> {
    let loaded = JsFuture::from(module(page_base)).await;
    let pagefind = match loaded {
        Ok(pagefind) => pagefind,
        Err(error) => {
            // A failed load (offline, or no index deployed) is tried again
            // by the next search.
            PAGEFIND.with(|cell| cell.borrow_mut().take());
            return Err(message(&error));
        }
    };
    let options = Object::new();
    let _ = Reflect::set(&options, &"excerptLength".into(), &24.into());
    call(&pagefind, "options", &[options.into()])
        .await
        .map_err(|e| message(&e))?;
    let found = call(&pagefind, "search", &[super::index_form(query).into()])
        .await
        .map_err(|e| message(&e))?;
    let results = Reflect::get(&found, &"results".into()).map_err(|e| message(&e))?;
    Ok(Array::from(&results).iter().collect())
}

/// The article and the excerpt of each of `results`, read at once (one
/// small fetch of Pagefind's each, in parallel: on a 150 ms line, ten in a
/// row would take well over a second). A result that cannot be read is left
/// out.
pub async fn hits(results: &[JsValue]) -> Vec<Hit> {
    let reads: Array = results
        .iter()
        .filter_map(|result| {
            let data: Function = Reflect::get(result, &"data".into()).ok()?.dyn_into().ok()?;
            data.call0(result).ok()
        })
        .collect();
    let Ok(settled) = JsFuture::from(Promise::all_settled(&reads)).await else {
        return Vec::new();
    };
    Array::from(&settled)
        .iter()
        .filter_map(|outcome| Reflect::get(&outcome, &"value".into()).ok())
        .filter_map(|data| Hit::from_json(&data).ok())
        .collect()
}

fn message(error: &JsValue) -> String {
    Reflect::get(error, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "search failed".into())
}
