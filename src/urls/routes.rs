//! The app's own routes: the path of each page under the router base, and
//! which page a path shows ([`Route`]), for the address bar and for links
//! alike.

pub fn home(base: &str) -> String {
    format!("{base}/")
}
pub fn article(base: &str, slug: &str) -> String {
    format!("{base}/bai-viet/{slug}")
}
pub fn category(base: &str, slug: &str) -> String {
    format!("{base}/chuyen-muc/{slug}")
}
/// The articles saved for offline reading.
pub fn saved(base: &str) -> String {
    format!("{base}/bai-da-luu")
}
/// The results for `query` (a shareable, reloadable address).
pub fn search(base: &str, query: &str) -> String {
    format!("{base}/tim-kiem?q={}", crate::urls::encode_component(query))
}

/// The page a path shows: the app's route table. A pure function rather
/// than `leptos_router`'s `FlatRoutes`, whose matching machinery was the
/// largest part of the router's bytes, for a handful of routes. [`crate::router`]
/// keeps the address, the history and the link clicks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    Home,
    Category(String),
    Article(String),
    Saved,
    Search,
    NotFound,
}

impl Route {
    /// The page at `pathname` (as the address bar has it, with the
    /// deployment's `base`). One trailing slash is forgiven; a segment
    /// is taken as it is written (slugs are checked where they are used);
    /// a path outside the deployment is no page of it.
    pub fn of(pathname: &str, base: &str) -> Route {
        if under_base(pathname, base).is_none() {
            return Route::NotFound;
        }
        let route = route_of(pathname, base);
        let route = match route.strip_suffix('/') {
            Some(trimmed) if !trimmed.is_empty() => trimmed,
            _ => route.as_str(),
        };
        let one_segment = |prefix: &str| {
            route
                .strip_prefix(prefix)
                .filter(|rest| !rest.is_empty() && !rest.contains('/'))
                .map(str::to_string)
        };
        if route == "/" {
            Route::Home
        } else if route == "/bai-da-luu" {
            Route::Saved
        } else if route == "/tim-kiem" {
            Route::Search
        } else if let Some(slug) = one_segment("/bai-viet/") {
            Route::Article(slug)
        } else if let Some(slug) = one_segment("/chuyen-muc/") {
            Route::Category(slug)
        } else {
            Route::NotFound
        }
    }
}

/// What follows the deployment's `base` in `pathname`, if the path is
/// under it (whole segments: `/tinh` is not under `/tin`).
fn under_base<'a>(pathname: &'a str, base: &str) -> Option<&'a str> {
    pathname
        .strip_prefix(base)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The route part of a page's path (`/bai-viet/x`), the same wherever the
/// build is deployed: what `POST stats/hit` reports.
pub fn route_of(pathname: &str, base: &str) -> String {
    let route = under_base(pathname, base).unwrap_or(pathname);
    if route.starts_with('/') {
        route.to_string()
    } else {
        format!("/{route}")
    }
}

/// Whether a link as a page writes it ([`super::for_page`]: root-relative
/// on the app's own origin) leads to one of the app's pages under `base`,
/// so a click on it may stay inside the single-page app. The same table
/// as the router's ([`Route::of`]).
pub fn is_app_route(href: &str, base: &str) -> bool {
    if !href.starts_with('/') || href.starts_with("//") {
        return false;
    }
    let path = href.split(['?', '#']).next().unwrap_or_default();
    Route::of(path, base) != Route::NotFound
}

#[cfg(test)]
mod tests {
    use crate::urls::{for_page, routes};

    #[test]
    fn every_path_shows_one_page() {
        use routes::Route;
        let cases = [
            ("/", "", Route::Home),
            ("", "", Route::Home),
            ("/tin", "/tin", Route::Home),
            ("/tin/", "/tin", Route::Home),
            ("/bai-viet/a-b_1", "", Route::Article("a-b_1".into())),
            ("/tin/bai-viet/a", "/tin", Route::Article("a".into())),
            ("/bai-viet/a/", "", Route::Article("a".into())),
            ("/chuyen-muc/thoi-su", "", Route::Category("thoi-su".into())),
            ("/bai-da-luu", "", Route::Saved),
            ("/bai-da-luu/", "", Route::Saved),
            ("/bai-viet/", "", Route::NotFound),
            ("/bai-viet", "", Route::NotFound),
            ("/bai-viet/a/b", "", Route::NotFound),
            ("/chuyen-muc/", "", Route::NotFound),
            ("/bai-viet//", "", Route::NotFound),
            ("/khong-co", "", Route::NotFound),
            ("/bai-da-luu-x", "", Route::NotFound),
            ("/tim-kiem", "", Route::Search),
            ("/tin/tim-kiem/", "/tin", Route::Search),
            ("/tim-kiem/x", "", Route::NotFound),
            ("/BAI-VIET/a", "", Route::NotFound),
            ("/bai-viet/a", "/tin", Route::NotFound),
            ("/tinh/bai-viet/a", "/tin", Route::NotFound),
        ];
        for (path, base, page) in cases {
            assert_eq!(Route::of(path, base), page, "{path} under {base:?}");
        }
    }

    #[test]
    fn the_route_of_a_path_drops_the_deployment_prefix() {
        use routes::route_of;
        assert_eq!(route_of("/bai-viet/a", ""), "/bai-viet/a");
        assert_eq!(route_of("/tin/bai-viet/a", "/tin"), "/bai-viet/a");
        assert_eq!(route_of("/tin", "/tin"), "/");
        assert_eq!(route_of("/tin/", "/tin"), "/");
        assert_eq!(
            route_of("/tinh/x", "/tin"),
            "/tinh/x",
            "only whole segments"
        );
        assert_eq!(route_of("", ""), "/");
    }

    #[test]
    fn routes_and_app_route_detection() {
        assert_eq!(routes::article("/sub", "x"), "/sub/bai-viet/x");
        assert_eq!(routes::category("", "y"), "/chuyen-muc/y");
        assert_eq!(routes::home(""), "/");
        let origin = "https://a.vn";
        let link = |url: &str| for_page(url.to_string(), origin);
        assert!(routes::is_app_route(&link("https://a.vn/bai-viet/x"), ""));
        assert!(routes::is_app_route(&link("https://a.vn/"), ""));
        assert!(routes::is_app_route(
            &link("https://a.vn/s/chuyen-muc/y?z#w"),
            "/s"
        ));
        // The router's own table, search and saved pages included.
        assert!(routes::is_app_route(&link("https://a.vn/tim-kiem?q=x"), ""));
        assert!(routes::is_app_route(&link("https://a.vn/bai-da-luu"), ""));
        assert!(!routes::is_app_route(&link("https://a.vn/files/a.pdf"), ""));
        assert!(!routes::is_app_route(
            &link("https://a.vn/bai-viet/x"),
            "/s"
        ));
        assert!(!routes::is_app_route(
            &link("https://a.vn.evil.example/"),
            ""
        ));
        assert!(!routes::is_app_route(&link("https://b.vn/bai-viet/x"), ""));
        assert!(!routes::is_app_route("//b.vn/bai-viet/x", ""));
        // Every path is one page or none, for links as for the address bar.
        for path in [
            "/",
            "/bai-viet/a",
            "/chuyen-muc/b",
            "/tim-kiem",
            "/bai-da-luu",
            "/x",
            "/bai-viet/",
        ] {
            let page = routes::Route::of(path, "");
            assert_eq!(
                routes::is_app_route(path, ""),
                page != routes::Route::NotFound,
                "{path}"
            );
        }
    }
}
