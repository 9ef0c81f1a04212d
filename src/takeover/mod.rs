//! Starting the app in the page: into the empty `#app` of the shell, or in
//! place of a pre-rendered `#app` without a flicker.
//!
//! A pre-rendered page is already readable when the wasm starts. The app
//! renders the same view, from the same documents (which the page embeds),
//! into a detached element, and swaps it in in the same task: the browser
//! never paints an empty or half-built page, and nothing moves. The reader's
//! scroll position and keyboard focus are carried over, the focus to the
//! element at the same place in the new tree.
//!
//! Building the whole app at once kept the main thread long on a slow
//! phone. The page's parts ([`Region`](crate::region::Region)s: the header
//! with the toolbar, the article body, sharing and rating, related articles,
//! the sidebar, the footer) are left empty in that first build; the
//! pre-rendered nodes of each are moved into its place before the swap, and
//! each is built in a task of its own after it, in page order; the first,
//! the header with the toolbar, in the swap's own task (so the toolbar
//! answers a task and a painted frame sooner, the longest task no longer).

use leptos::prelude::{GetUntracked, IntoView, Owner};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

use crate::env::browser::after;
use crate::region::{self, Job};

/// Mounts `app`, in the context `provide` gives; `main` calls it once with
/// the crate's `App` and `provide_browser_context` (passed in, so that this
/// module needs nothing of the crate root, which needs the pages, which
/// place regions).
pub fn mount<V: IntoView + 'static>(app: fn() -> V, provide: fn()) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(old) = document.get_element_by_id("app") else {
        leptos::mount::mount_to_body(app);
        return;
    };
    if !old.has_attribute("data-prerendered") {
        leptos::mount::mount_to(old.unchecked_into(), app).forget();
        return;
    }
    // The page is readable already: build the app in a task of its own, not
    // in the one that compiled and started the wasm, so neither blocks the
    // main thread for long (a reader's tap waits for at most one of them).
    // What needs no DOM (reading the embedded documents and the reader's
    // choices) is done here, in the first.
    region::defer_from_now();
    #[cfg(target_arch = "wasm32")]
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    owner.with(provide);
    after(0, Box::new(move || take_over(app, old, owner)));
}

/// Renders `app` beside the pre-rendered `old`, in `owner`'s context, and
/// swaps them.
fn take_over<V: IntoView + 'static>(app: fn() -> V, old: Element, owner: Owner) {
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
    owner.with(|| {
        leptos::mount::mount_to(fresh.clone().unchecked_into::<HtmlElement>(), app).forget()
    });
    // The app's context lives as long as the page.
    std::mem::forget(owner);
    let (pending, after) = region::take_pending();
    let mut later = Vec::new();
    for region in pending {
        let element = region.element.try_get_untracked().flatten();
        match element.and_then(|element| {
            let element: Element = element.into();
            Some((adopt(&old, &fresh, &element)?, element))
        }) {
            Some((moved, element)) => later.push(Later {
                element,
                moved,
                build: region.build,
            }),
            // No pre-rendered counterpart (should not happen): built now,
            // so nothing is ever missing.
            None => (region.build)(),
        }
    }
    if old.replace_with_with_node_1(&fresh).is_err() {
        return;
    }
    window.scroll_to_with_x_and_y(scroll.0, scroll.1);
    // The first region, the header with the toolbar, is built in this task:
    // the toolbar answers a task (and the frame the swap paints) sooner.
    if !later.is_empty() {
        build_region(later.remove(0));
    }
    build_later(later, after);
    if let Some(path) = focus {
        leptos::task::spawn_local(focus_when_built(fresh, path));
    }
}

/// Moves the pre-rendered nodes of the region at `element`'s place into it;
/// returns them, or `None` when the old tree has no region there.
fn adopt(old: &Element, fresh: &Element, element: &Element) -> Option<Vec<web_sys::Node>> {
    let counterpart = follow(old, &path_to(fresh, element)?)?;
    if !counterpart.class_list().contains("region") {
        return None;
    }
    let _ = element.set_attribute(PENDING, "");
    let nodes = counterpart.child_nodes();
    let moved: Vec<web_sys::Node> = (0..nodes.length()).filter_map(|i| nodes.item(i)).collect();
    for node in &moved {
        element.append_child(node).ok()?;
    }
    Some(moved)
}

/// A region the takeover left to build: its element, the pre-rendered nodes
/// standing in for it, and what builds it.
struct Later {
    element: Element,
    moved: Vec<web_sys::Node>,
    build: Job,
}

/// Builds each region in a task of its own, in page order.
fn build_later(mut regions: Vec<Later>, jobs_after: Vec<Job>) {
    after(
        0,
        Box::new(move || {
            // The jobs for after the regions run in a task of their own too:
            // a region's content may itself wait for an effect of the last.
            if regions.is_empty() {
                for job in jobs_after {
                    job();
                }
                return;
            }
            build_region(regions.remove(0));
            build_later(regions, jobs_after);
        }),
    );
}

/// Builds one region: the pre-rendered nodes out, the live ones in, focus
/// kept if it was inside.
fn build_region(region: Later) {
    let Later {
        element,
        moved,
        build,
    } = region;
    let focus = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
        .and_then(|active| path_to(&element, &active));
    // The stand-ins go whatever happened meanwhile: a refreshed document
    // may have rebuilt the page, reusing this element for a live region
    // (then `build` finds its region gone and does nothing).
    for node in moved {
        let _ = element.remove_child(&node);
    }
    let _ = element.remove_attribute(PENDING);
    build();
    if let Some(path) = focus {
        leptos::task::spawn_local(focus_when_built(element, path));
    }
}

/// Marks a region whose pre-rendered nodes stand in for it until it is built.
const PENDING: &str = "data-pending";

/// Focuses the element at `path` under `root` once it is there: parts of a
/// page are filled by effects (the article body), which run after the code
/// that builds it, as microtasks, before the browser paints. Then a task
/// later, as a last resort.
async fn focus_when_built(root: Element, path: Vec<u32>) {
    for attempt in 0..12 {
        if let Some(target) = follow(&root, &path) {
            if let Some(target) = target.dyn_ref::<HtmlElement>() {
                // Where the reader scrolled stays: the element may be out of view.
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = target.focus_with_options(&options);
            }
            return;
        }
        let later = if attempt < 11 {
            js_sys::Promise::resolve(&wasm_bindgen::JsValue::UNDEFINED)
        } else {
            js_sys::Promise::new(&mut |resolve, _| {
                let _ = leptos::prelude::window()
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
            })
        };
        let _ = wasm_bindgen_futures::JsFuture::from(later).await;
    }
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
