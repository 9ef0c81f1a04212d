//! Where the reader is: the path and the query of the address bar as
//! signals, and the links and GET forms (the search field) that stay inside
//! the app.
//!
//! The app needs three things of a router: the current address, links that
//! change it without loading a page, and the back and forward buttons. Which
//! page a path shows is the pure table [`crate::urls::routes::Route`].
//! Leptos' `Router` did these three in this app, at many times this module's
//! bytes in the first view, for what the app does not use: nested routes,
//! query maps, params, route matching, its own `<Form>`.
//!
//! Natively (the pre-render) the path is the page being rendered and never
//! changes.

use leptos::prelude::*;

use crate::context::ReadOnly;

/// The path and the query string of the address bar (with the deployment's
/// base), as signals every view may read: `use_pathname()`, `use_query()`.
#[derive(Clone, Copy)]
struct Address {
    path: RwSignal<String>,
    query: RwSignal<String>,
}

/// The path of the page being shown, with the deployment's base
/// (`/tin/bai-viet/x` under `/tin`).
pub fn use_pathname() -> ReadOnly<String> {
    ReadOnly::new(crate::context::context::<Address>().path)
}

/// The query string of the address (`?q=lai+chau`, or `""`).
pub fn use_query() -> ReadOnly<String> {
    ReadOnly::new(crate::context::context::<Address>().query)
}

/// Provides the address for `pathname` and `query`. In the browser it then
/// follows the address bar: back and forward, and clicks on links to the
/// app's pages under `base` (see [`in_app_link`]).
pub fn provide_address(pathname: String, query: String, base: &str) {
    let address = Address {
        path: RwSignal::new(pathname),
        query: RwSignal::new(query),
    };
    provide_context(address);
    #[cfg(target_arch = "wasm32")]
    browser::follow(address, base.to_string());
    #[cfg(not(target_arch = "wasm32"))]
    let _ = base;
}

/// What the browser says of a click on a link, for [`in_app_link`].
pub struct Click<'a> {
    /// The click was already handled (`defaultPrevented`).
    pub handled: bool,
    /// A button other than the main one, or a modifier key (new tab, new
    /// window, download): the reader asked the browser, not the app.
    pub modified: bool,
    /// The link's `download`, `target` and `rel` attributes.
    pub download: bool,
    pub target: Option<&'a str>,
    pub rel: Option<&'a str>,
    /// The link's URL, resolved: origin, path, query, fragment.
    pub origin: &'a str,
    pub path: &'a str,
    pub search: &'a str,
    pub hash: &'a str,
}

/// Whether a click on a link is the app's to follow (`true`: no page load),
/// where the page now is at `here` (origin, path, query). A link to another
/// site, to a file (the sitemap, the feed, an image) or to a path no page of
/// the app serves is the browser's; so is a fragment on the same page (the
/// skip link), which the browser scrolls to and focuses.
pub fn in_app_link(click: &Click, here: (&str, &str, &str), base: &str) -> bool {
    use crate::urls::routes::Route;
    let (origin, path, search) = here;
    let same_page = click.path == path && click.search == search && !click.hash.is_empty();
    !click.handled
        && !click.modified
        && !click.download
        && click
            .target
            .is_none_or(|t| t.is_empty() || t.eq_ignore_ascii_case("_self"))
        && !click
            .rel
            .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"))
        && click.origin == origin
        && !same_page
        && Route::of(click.path, base) != Route::NotFound
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Event, MouseEvent, Url};

    use crate::router::{in_app_link, Address, Click};
    use crate::urls::routes::Route;

    pub fn follow(address: Address, base: String) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let on_history = move |_: Event| address.show(&current());
        let base_for_forms = base.clone();
        let on_click = move |event: Event| {
            if let Some(url) = link_to_follow(&event, &base) {
                event.prevent_default();
                go(&url);
                address.show(&url);
            }
        };
        let on_submit = move |event: Event| {
            if let Some(url) = form_to_follow(&event, &base_for_forms) {
                event.prevent_default();
                go(&url);
                address.show(&url);
            }
        };
        listen(&window, "popstate", on_history);
        listen(&window, "click", on_click);
        listen(&window, "submit", on_submit);
    }

    /// Listens for the life of the page (the app is never unmounted).
    fn listen(window: &web_sys::Window, event: &str, handler: impl FnMut(Event) + 'static) {
        let handler = Closure::<dyn FnMut(Event)>::new(handler);
        let _ = window.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
        handler.forget();
    }

    impl Address {
        fn show(&self, url: &Url) {
            self.path.set(url.pathname());
            self.query.set(url.search());
        }
    }

    fn current() -> Url {
        let href = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .unwrap_or_default();
        Url::new(&href).unwrap_or_else(|_| Url::new("about:blank").expect("a valid URL"))
    }

    /// The URL of the link clicked, when the app follows it.
    fn link_to_follow(event: &Event, base: &str) -> Option<Url> {
        let mouse = event.dyn_ref::<MouseEvent>()?;
        let link = event
            .target()?
            .dyn_into::<Element>()
            .ok()?
            .closest("a[href]")
            .ok()??;
        let here = current();
        let url = Url::new_with_base(&link.get_attribute("href")?, &here.href()).ok()?;
        let (target, rel) = (link.get_attribute("target"), link.get_attribute("rel"));
        let click = Click {
            handled: event.default_prevented(),
            modified: mouse.button() != 0
                || mouse.meta_key()
                || mouse.ctrl_key()
                || mouse.shift_key()
                || mouse.alt_key(),
            download: link.has_attribute("download"),
            target: target.as_deref(),
            rel: rel.as_deref(),
            origin: &url.origin(),
            path: &url.pathname(),
            search: &url.search(),
            hash: &url.hash(),
        };
        let here = (&*here.origin(), &*here.pathname(), &*here.search());
        in_app_link(&click, here, base).then_some(url)
    }

    /// The address a GET form (the search field) sends its fields to, when
    /// the app shows that page: the form's action with its named fields as
    /// the query, as the browser would write it.
    fn form_to_follow(event: &Event, base: &str) -> Option<Url> {
        let form = event.target()?.dyn_into::<Element>().ok()?;
        let method = form.get_attribute("method").unwrap_or_default();
        if event.default_prevented() || !(method.is_empty() || method.eq_ignore_ascii_case("get")) {
            return None;
        }
        let here = current();
        let url = Url::new_with_base(&form.get_attribute("action")?, &here.href()).ok()?;
        let fields = form.query_selector_all("input[name]").ok()?;
        let query: Vec<String> = (0..fields.length())
            .filter_map(|i| fields.item(i)?.dyn_into::<web_sys::HtmlInputElement>().ok())
            .map(|field| {
                let value = crate::urls::encode_component(&field.value());
                format!("{}={value}", field.name())
            })
            .collect();
        url.set_search(&query.join("&"));
        (url.origin() == here.origin() && Route::of(&url.pathname(), base) != Route::NotFound)
            .then_some(url)
    }

    /// Writes `url` into the address bar and history, and shows the new page
    /// from its top (or at its fragment), as a page load would.
    fn go(url: &Url) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Ok(history) = window.history() {
            let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&url.href()));
        }
        let fragment = url.hash();
        let target = fragment
            .strip_prefix('#')
            .filter(|id| !id.is_empty())
            .and_then(|id| window.document()?.get_element_by_id(id));
        match target {
            Some(element) => element.scroll_into_view(),
            None => window.scroll_to_with_x_and_y(0.0, 0.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HERE: (&str, &str, &str) = ("https://a.vn", "/tin/bai-viet/a", "");

    fn click(path: &'static str) -> Click<'static> {
        Click {
            handled: false,
            modified: false,
            download: false,
            target: None,
            rel: None,
            origin: "https://a.vn",
            path,
            search: "",
            hash: "",
        }
    }

    #[test]
    fn the_app_follows_a_plain_click_on_each_of_its_pages() {
        for path in [
            "/tin",
            "/tin/",
            "/tin/bai-viet/b",
            "/tin/chuyen-muc/c",
            "/tin/bai-da-luu",
        ] {
            assert!(in_app_link(&click(path), HERE, "/tin"), "{path}");
        }
    }

    #[test]
    fn the_browser_keeps_what_the_reader_asked_of_it() {
        let page = "/tin/bai-viet/b";
        let cases = [
            Click {
                handled: true,
                ..click(page)
            },
            Click {
                modified: true,
                ..click(page)
            },
            Click {
                download: true,
                ..click(page)
            },
            Click {
                target: Some("_blank"),
                ..click(page)
            },
            Click {
                rel: Some("noopener external"),
                ..click(page)
            },
            Click {
                origin: "https://a.vn.evil.example",
                ..click(page)
            },
            Click {
                origin: "http://a.vn",
                ..click(page)
            },
        ];
        for case in cases {
            assert!(!in_app_link(&case, HERE, "/tin"));
        }
        let kept = [
            Click {
                target: Some("_self"),
                ..click(page)
            },
            Click {
                rel: Some("noopener"),
                ..click(page)
            },
        ];
        for case in kept {
            assert!(in_app_link(&case, HERE, "/tin"));
        }
    }

    #[test]
    fn files_other_paths_and_fragments_of_this_page_are_the_browsers() {
        for path in [
            "/tin/sitemap.xml",
            "/tin/api/site.json",
            "/khac/bai-viet/b",
            "/tin/bai-viet/b/c",
        ] {
            assert!(!in_app_link(&click(path), HERE, "/tin"), "{path}");
        }
        // The skip link (`#main`) on this page; but a fragment of another page,
        // or this page with another query, is a page change.
        assert!(!in_app_link(
            &Click {
                hash: "#main",
                ..click("/tin/bai-viet/a")
            },
            HERE,
            "/tin"
        ));
        assert!(in_app_link(
            &Click {
                hash: "#x",
                ..click("/tin/bai-viet/b")
            },
            HERE,
            "/tin"
        ));
        assert!(in_app_link(&click("/tin/bai-viet/a"), HERE, "/tin"));
    }
}
