//! One route of the app rendered to HTML, natively, by the app's own views.
//!
//! The same `App` the browser mounts, under Leptos' `ssr` feature: the address
//! is the path being rendered, and every document the page needs is in
//! context ([`Preloaded`]) so rendering is synchronous; effects do not run
//! outside the browser, so nothing fetches and nothing touches a DOM.

use leptos::prelude::*;

use portal_reader::api::{PageData, Preloaded};
use portal_reader::env::AppEnv;
use portal_reader::head::Tag;
use portal_reader::page::PageContext;
use portal_reader::{provide_app_context, App};

/// What rendering a route gives.
pub struct Rendered {
    /// The HTML of the app's root (what goes inside `#app`).
    pub body: String,
    /// The window title and head tags the page declared.
    pub head: Option<(String, Vec<Tag>)>,
}

/// Renders the route at `path` (under the router base, e.g. `/bai-viet/x`)
/// with `data` as the documents the page carries.
pub fn render(env: &AppEnv, path: &str, data: PageData) -> Rendered {
    let owner = Owner::new();
    let rendered = owner.with(|| {
        let pathname = format!("{}{path}", env.router_base);
        portal_reader::router::provide_address(pathname, String::new(), &env.router_base);
        let preloaded = Preloaded::new(Some(data), &env.endpoint);
        provide_app_context(env.clone(), preloaded);
        let body = view! { <App /> }.to_html();
        let head = untrack(|| expect_context::<PageContext>().head());
        Rendered { body, head }
    });
    // Every signal and memo of the page goes with its owner: memory stays
    // flat however many pages are rendered.
    owner.cleanup();
    rendered
}
