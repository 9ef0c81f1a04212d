//! A pre-rendered page, written from the build's own shell (`404.html`, the
//! untouched copy of `index.html`): the same hashed assets, the same
//! pre-paint script, the same policy; its head and `#app` filled in.

use crate::head::{escape_attribute, Tag};

/// The origin the views render absolute URLs with while pre-rendering; every
/// occurrence is replaced in the written page (see [`compose`]). Under the
/// reserved `.invalid` domain, so no real address can be mistaken for it.
pub const PLACEHOLDER_ORIGIN: &str = "https://portal-prerender.invalid";

/// The build's shell page and what it says about the deployment.
pub struct Template {
    html: String,
    /// `<base href>`: the path the app is deployed under, ending in `/`.
    pub base_path: String,
    /// `<meta name="portal-api">`, as set at deploy time.
    pub api_meta: Option<String>,
}

impl Template {
    pub fn new(html: String) -> Result<Template, String> {
        let base_path = attribute_of(&html, "<base", "href")
            .ok_or("the shell has no <base href>: not a page built by trunk")?;
        let api_meta = find_tag(&html, "<meta", |tag| {
            has_attribute(tag, "name", "portal-api")
        })
        .and_then(|(start, end)| attribute_of(&html[start..end], "<meta", "content"));
        if !html.contains("id=app") && !html.contains("id=\"app\"") {
            return Err("the shell has no <div id=\"app\">".into());
        }
        Ok(Template {
            html: start_app_after_first_paint(html),
            base_path,
            api_meta,
        })
    }

    /// The page: `title` and `tags` in the head (with `links`, HTML already),
    /// the app's HTML in `#app`, marked as pre-rendered, and `data` (JSON,
    /// script-safe) after it. Absolute URLs the views rendered with
    /// [`PLACEHOLDER_ORIGIN`] become root-relative in the body (the page works
    /// on any host) and take the portal's public origin in the head, where
    /// link previews need absolute addresses.
    pub fn compose(
        &self,
        title: &str,
        tags: &[Tag],
        links: &str,
        body: &str,
        data: &str,
        public_origin: &str,
    ) -> String {
        let mut html = self.html.clone();
        // The shell's own title and description give way to the page's.
        if let Some((start, end)) = find_tag(&html, "<title", |_| true) {
            if let Some(close) = html[end..].find("</title>") {
                let text = escape_text(title);
                html.replace_range(
                    start..end + close + "</title>".len(),
                    &format!("<title>{text}</title>"),
                );
            }
        }
        while let Some((start, end)) = find_tag(&html, "<meta", |tag| tag.contains("data-head")) {
            html.replace_range(start..end, "");
        }
        // The documents are in the page: nothing to preload.
        if let Some(start) = html
            .find("<script id=preload-data>")
            .or_else(|| html.find("<script id=\"preload-data\">"))
        {
            if let Some(len) = html[start..].find("</script>") {
                html.replace_range(start..start + len + "</script>".len(), "");
            }
        }
        // Without JavaScript the page is readable now: no "needs JavaScript".
        if let Some(start) = html.find("<noscript>") {
            if let Some(len) = html[start..].find("</noscript>") {
                html.replace_range(start..start + len + "</noscript>".len(), "");
            }
        }
        let head: String = tags.iter().map(Tag::to_html).collect::<String>() + links;
        let head = head.replace(PLACEHOLDER_ORIGIN, public_origin);
        if let Some(at) = html.find("</head>") {
            html.insert_str(at, &head);
        }
        let app = format!(
            "<div id=\"app\" data-prerendered>{}</div><script type=\"application/json\" id=\"portal-data\">{data}</script>",
            body.replace(PLACEHOLDER_ORIGIN, "")
        );
        for empty in ["<div id=app></div>", "<div id=\"app\"></div>"] {
            if html.contains(empty) {
                return html.replacen(empty, &app, 1);
            }
        }
        html
    }
}

/// A pre-rendered page is readable before the app runs: its wasm (about
/// 200 KB) is asked for once the page has painted, not preloaded, so on a
/// slow line it does not take the bandwidth the page's text, styles and
/// cover photo need first (Lighthouse counted a preloaded wasm into the
/// largest paint: 2.0 s). The request starts from a classic script right
/// after the first paint, not from trunk's module loader, which runs only
/// once the JS glue has arrived (a round trip later, about 180 ms on the
/// phone profile); the loader then takes the response already on its way.
/// (The shell, which shows nothing without the app, keeps the preload.)
fn start_app_after_first_paint(mut html: String) -> String {
    if let Some((start, end)) = find_tag(&html, "<link", |tag| {
        has_attribute(tag, "rel", "preload") && tag.contains("application/wasm")
    }) {
        html.replace_range(start..end, "");
    }
    // trunk's loader: `const wasm = await init({ module_or_path: '…' })`.
    const PATH: &str = "module_or_path: '";
    let Some(path_at) = html.find(PATH).map(|at| at + PATH.len()) else {
        return html;
    };
    let Some(path) = html[path_at..].split('\'').next().map(str::to_string) else {
        return html;
    };
    let Some(loader) = html[..path_at].rfind("<script type=module>") else {
        return html;
    };
    // `window.portalWasm`: a promise of the wasm's response, which
    // wasm-bindgen's init accepts, asked for in the task after the first
    // frame. The second timer starts the app in a tab that is never
    // painted, too.
    html.insert_str(path_at - 1, "window.portalWasm || ");
    html.insert_str(
        loader,
        &format!(
            "<script>window.portalWasm = new Promise(function (go) {{ requestAnimationFrame(function () {{ setTimeout(go); }}); setTimeout(go, 1000); }}).then(function () {{ return fetch({}); }});</script>",
            crate::api::json_string(&path)
        ),
    );
    html
}

/// The first tag that starts with `open` (e.g. `<meta`) and passes `test`,
/// as the byte range of the whole tag.
fn find_tag(html: &str, open: &str, test: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(found) = html[from..].find(open) {
        let start = from + found;
        let end = start + html[start..].find('>')? + 1;
        let after = html[start + open.len()..].chars().next();
        if after.is_some_and(|c| c.is_whitespace() || c == '>') && test(&html[start..end]) {
            return Some((start, end));
        }
        from = end;
    }
    None
}

fn has_attribute(tag: &str, name: &str, value: &str) -> bool {
    attribute_in(tag, name).as_deref() == Some(value)
}

fn attribute_of(html: &str, open: &str, name: &str) -> Option<String> {
    let (start, end) = find_tag(html, open, |tag| attribute_in(tag, name).is_some())?;
    attribute_in(&html[start..end], name)
}

/// An attribute's value in a tag however the minifier quoted it.
fn attribute_in(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        let at = rest.find(name)?;
        let before = rest[..at].chars().last();
        let after = &rest[at + name.len()..];
        rest = after;
        if !before.is_some_and(char::is_whitespace) || !after.starts_with('=') {
            continue;
        }
        let value = &after[1..];
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next()?.to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()?
                .to_string(),
        });
    }
}

/// Text for an element: `&`, `<` and `>` escaped.
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A `<link rel="alternate">` to an Atom feed.
pub fn feed_link(href: &str, title: &str, own: bool) -> String {
    let mark = if own { " data-head" } else { "" };
    format!(
        "<link{mark} rel=\"alternate\" type=\"application/atom+xml\" href=\"{}\" title=\"{}\">",
        escape_attribute(href),
        escape_attribute(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minified shell as trunk writes it (`404.html`), cut to what the
    /// pre-render reads.
    const SHELL: &str = include_str!("../../tests/fixtures/shell.html");

    #[test]
    fn the_shell_says_where_the_app_lives() {
        let template = Template::new(SHELL.into()).unwrap();
        assert_eq!(template.base_path, "/tin/");
        assert_eq!(template.api_meta.as_deref(), Some("api/"));
        assert!(Template::new("<html></html>".into()).is_err());
    }

    #[test]
    fn a_page_gets_its_head_body_and_data() {
        let template = Template::new(SHELL.into()).unwrap();
        let tags = [Tag::Canonical(format!(
            "{PLACEHOLDER_ORIGIN}/tin/bai-viet/a"
        ))];
        let page = template.compose(
            "Tin <mới> – Cổng",
            &tags,
            &feed_link("https://a.vn/tin/feed.xml", "Cổng", false),
            &format!("<main><a href=\"{PLACEHOLDER_ORIGIN}/tin/bai-viet/b\">b</a></main>"),
            "[]",
            "https://a.vn",
        );
        assert!(
            page.contains("<title>Tin &lt;mới&gt; – Cổng</title>"),
            "{page}"
        );
        assert!(
            !page.contains("Cổng thông tin\" data-head"),
            "the shell's description goes"
        );
        assert!(page
            .contains("<link data-head rel=\"canonical\" href=\"https://a.vn/tin/bai-viet/a\">"));
        assert!(page.contains(
            "<div id=\"app\" data-prerendered><main><a href=\"/tin/bai-viet/b\">b</a></main></div>"
        ));
        assert!(page.contains("<script type=\"application/json\" id=\"portal-data\">[]</script>"));
        assert!(page.contains("<script id=prepaint>x()</script>"));
        assert!(!page.contains("preload-data") && !page.contains("<noscript>"));
        assert!(!page.contains("invalid"));
    }

    #[test]
    fn the_app_is_fetched_after_the_first_paint() {
        assert!(SHELL.contains("rel=preload type=application/wasm"));
        let page = Template::new(SHELL.into())
            .unwrap()
            .compose("T", &[], "", "", "[]", "");
        assert!(!page.contains("application/wasm"), "no wasm preload");
        assert!(page.contains("<link crossorigin href=/tin/x.js rel=modulepreload>"));
        // Fetched by a classic script after the paint; the module loader,
        // which runs once the glue has arrived, takes that response.
        let fetch = page
            .find("requestAnimationFrame(function () { setTimeout(go); }); setTimeout(go, 1000); }).then(function () { return fetch(\"/tin/x_bg.wasm\"); });</script><script type=module>")
            .expect("the wasm fetched after the paint");
        let loader = page
            .find("const wasm = await init({ module_or_path: window.portalWasm || '/tin/x_bg.wasm' });")
            .expect("the loader takes it");
        assert!(fetch < loader);
    }
}
