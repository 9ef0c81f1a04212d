//! Starting the app in the page: into the empty `#app` of the shell, or in
//! place of a pre-rendered `#app` without a flicker.
//!
//! A pre-rendered page is already readable when the wasm starts. The app
//! renders the same view, from the same documents (which the page embeds),
//! into a detached element, and swaps it in in the same task: the browser
//! never paints an empty or half-built page, and nothing moves. The reader's
//! scroll position and keyboard focus are carried over, the focus to the
//! element at the same place in the new tree.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::App;

/// Mounts the app; `main` calls it once.
pub fn mount() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(old) = document.get_element_by_id("app") else {
        leptos::mount::mount_to_body(App);
        return;
    };
    if !old.has_attribute("data-prerendered") {
        leptos::mount::mount_to(old.unchecked_into(), App).forget();
        return;
    }
    // The page is readable already: build the app in a task of its own, not
    // in the one that compiled and started the wasm, so neither blocks the
    // main thread for long (a reader's tap waits for at most one of them).
    let take_over = wasm_bindgen::closure::Closure::once_into_js(move || take_over(old));
    let _ = leptos::prelude::window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(take_over.unchecked_ref(), 0);
}

/// Renders the app beside the pre-rendered `old` and swaps them.
fn take_over(old: Element) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(fresh) = document.create_element("div") else {
        return;
    };
    fresh.set_id("app");
    let focus = document
        .active_element()
        .and_then(|active| path_to(&old, &active));
    let window = leptos::prelude::window();
    let scroll = (
        window.scroll_x().unwrap_or_default(),
        window.scroll_y().unwrap_or_default(),
    );
    leptos::mount::mount_to(fresh.clone().unchecked_into::<HtmlElement>(), App).forget();
    if old.replace_with_with_node_1(&fresh).is_err() {
        return;
    }
    window.scroll_to_with_x_and_y(scroll.0, scroll.1);
    // Parts of the page are filled by effects (the article body), which run
    // after this task's code but before the browser paints: focus then.
    leptos::task::spawn_local(async move {
        if let Some(target) = focus.and_then(|path| follow(&fresh, &path)) {
            if let Some(target) = target.dyn_ref::<HtmlElement>() {
                let _ = target.focus();
            }
        }
        leptos::prelude::window().scroll_to_with_x_and_y(scroll.0, scroll.1);
    });
}

/// The child indices leading from `root` down to `node`, if it is inside.
fn path_to(root: &Element, node: &Element) -> Option<Vec<u32>> {
    let mut path = Vec::new();
    let mut current = node.clone();
    while current != *root {
        let parent = current.parent_element()?;
        let siblings = parent.children();
        let index =
            (0..siblings.length()).find(|&i| siblings.item(i).as_ref() == Some(&current))?;
        path.push(index);
        current = parent;
    }
    path.reverse();
    Some(path)
}

fn follow(root: &Element, path: &[u32]) -> Option<Element> {
    path.iter()
        .try_fold(root.clone(), |node, &index| node.children().item(index))
}
