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
        let body = without_markers(&view! { <App /> }.to_html());
        let head = untrack(|| expect_context::<PageContext>().head());
        Rendered { body, head }
    });
    // Every signal and memo of the page goes with its owner: memory stays
    // flat however many pages are rendered.
    owner.cleanup();
    rendered
}

/// The renderer's output without `<!>`, the empty comments Leptos writes
/// between adjacent texts and for empty views, which only hydration reads:
/// the app takes a pre-rendered page over by replacing it, and to an HTML
/// validator each is a "bogus comment".
///
/// Safe as a search because nothing of the page's data can look like one:
/// Leptos escapes `<` in every text and attribute value it writes, and so
/// does the sanitiser in the article body (`portal_reader::escape`), so a
/// `<` in the output only ever opens a tag or a marker.
fn without_markers(html: &str) -> String {
    html.replace("<!>", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_go_and_text_that_looks_like_one_stays() {
        assert_eq!(without_markers("<p>a<!>b</p><!><!>"), "<p>ab</p>");
    }

    #[test]
    fn text_that_looks_like_a_marker_survives_as_leptos_writes_it() {
        use leptos::prelude::*;
        let looks_like = String::from("<!>");
        let html = view! { <p title=looks_like.clone()>{looks_like.clone()}</p> }.to_html();
        let kept = without_markers(&html);
        assert_eq!(kept.matches("&lt;!").count(), 2, "{kept}");
    }
}
