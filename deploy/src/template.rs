//! The build's shell (`404.html`, trunk's page with no content: the app
//! renders any route into it) and the page template cut from it once.
//!
//! Only the build's own text is ever searched here: the shell holds nothing
//! from the endpoint. The template is split at fixed points when a run
//! starts; a page is then its pieces and the page's parts, each escaped for
//! its place ([`portal_reader::escape`]) and concatenated. No page is
//! searched or patched once written, so nothing the endpoint says can be
//! mistaken for a place in the page.

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use portal_reader::escape::{json_in_script, push_html_attribute, push_html_text};

/// The build's shell page, as trunk wrote it (minified: attribute quoting
/// varies) and as the deploy step left it.
#[derive(Clone, Debug, PartialEq)]
pub struct Shell {
    html: String,
}

/// The inline code of a page: what the policy must allow by hash.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InlineCode {
    pub scripts: Vec<String>,
    pub styles: Vec<String>,
}

impl Shell {
    /// Checks that `html` is a shell built by trunk from this project's
    /// `index.html`: each fixed point the deploy step uses is there once.
    pub fn new(html: String) -> Result<Shell, String> {
        let shell = Shell { html };
        let count = |open: &str, test: &dyn Fn(&str) -> bool| {
            tags(&shell.html, open)
                .filter(|(s, e)| test(&shell.html[*s..*e]))
                .count()
        };
        for (what, n) in [
            (
                "<meta charset>",
                count("<meta", &|t| attribute_in(t, "charset").is_some()),
            ),
            (
                "<base href>",
                count("<base", &|t| attribute_in(t, "href").is_some()),
            ),
            ("<title>", count("<title", &|_| true)),
            ("</head>", shell.html.matches("</head>").count()),
            ("<div id=\"app\"></div>", shell.app_element().len()),
        ] {
            if n != 1 {
                return Err(format!(
                    "the shell (404.html) has {n} {what}, not one: not a page trunk built from this project's index.html"
                ));
            }
        }
        if shell.html.contains('\0') {
            return Err("the shell (404.html) holds a NUL character".into());
        }
        Ok(shell)
    }

    pub fn html(&self) -> &str {
        &self.html
    }

    /// `<base href>`: the path the app is deployed under, ending in `/`.
    pub fn base_path(&self) -> String {
        self.read(|name, attrs| (name == "base").then(|| attr(attrs, "href")).flatten())
            .unwrap_or_else(|| "/".into())
    }

    /// `<meta name="portal-api">`, as set at deploy time.
    pub fn api_meta(&self) -> Option<String> {
        self.read(|name, attrs| {
            (name == "meta" && attr(attrs, "name").as_deref() == Some("portal-api"))
                .then(|| attr(attrs, "content"))
                .flatten()
        })
    }

    /// The policy the shell carries now (`<meta http-equiv>`), if any.
    pub fn policy(&self) -> Option<String> {
        self.read(|name, attrs| {
            let policy = attr(attrs, "http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("Content-Security-Policy"));
            (name == "meta" && policy)
                .then(|| attr(attrs, "content"))
                .flatten()
        })
    }

    /// The first answer `test` gives for an element of the shell, read as a
    /// browser reads it (attribute values with their character references).
    fn read(
        &self,
        test: impl Fn(&str, &[html5ever::Attribute]) -> Option<String>,
    ) -> Option<String> {
        let dom = parse(&self.html);
        let mut found = None;
        walk(&dom.document, &mut |node| {
            if let (None, NodeData::Element { name, attrs, .. }) = (&found, &node.data) {
                found = test(&name.local, &attrs.borrow());
            }
        });
        found
    }

    /// The shell with `<meta name="portal-api">` naming `url` (the element
    /// replaced where it is, or added after `<base>`).
    pub fn with_api_meta(&self, url: &str) -> Shell {
        let mut element = String::from("<meta name=\"portal-api\" content=\"");
        push_html_attribute(&mut element, url);
        element.push_str("\">");
        let mut html = self.html.clone();
        match self.api_meta_element() {
            Some((start, end)) => html.replace_range(start..end, &element),
            None => {
                let (_, end) = self
                    .find("<base", |t| attribute_in(t, "href").is_some())
                    .unwrap_or((0, 0));
                html.insert_str(end, &element);
            }
        }
        Shell { html }
    }

    /// The shell with `policy` as its `<meta http-equiv>`, first after
    /// `<meta charset>` so that it governs every script and style after it.
    pub fn with_policy(&self, policy: &str) -> Shell {
        let mut html = self.without_policy().html;
        let mut element = String::from("<meta http-equiv=\"Content-Security-Policy\" content=\"");
        push_html_attribute(&mut element, policy);
        element.push_str("\">");
        let (_, end) =
            find_tag(&html, "<meta", |t| attribute_in(t, "charset").is_some()).unwrap_or((0, 0));
        html.insert_str(end, &element);
        Shell { html }
    }

    /// The shell without a policy meta, and with adjacent `<style>` elements
    /// as one (trunk inlines one per CSS file: the same cascade, one hash).
    pub fn without_policy(&self) -> Shell {
        let mut html = self.html.clone();
        if let Some((start, end)) = self.policy_element() {
            html.replace_range(start..end, "");
        }
        Shell {
            html: html.replace("</style><style>", ""),
        }
    }

    /// The inline scripts that run (not JSON data blocks) and the inline
    /// styles, as the browser reads them.
    pub fn inline_code(&self) -> InlineCode {
        inline_code(&self.html)
    }

    fn find(&self, open: &str, test: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
        find_tag(&self.html, open, test)
    }

    fn api_meta_element(&self) -> Option<(usize, usize)> {
        self.find("<meta", |t| {
            attribute_in(t, "name").as_deref() == Some("portal-api")
        })
    }

    fn policy_element(&self) -> Option<(usize, usize)> {
        self.find("<meta", |t| {
            attribute_in(t, "http-equiv")
                .is_some_and(|v| v.eq_ignore_ascii_case("Content-Security-Policy"))
        })
    }

    fn app_element(&self) -> Vec<usize> {
        ["<div id=app></div>", "<div id=\"app\"></div>"]
            .iter()
            .flat_map(|empty| self.html.match_indices(empty).map(|(at, _)| at))
            .collect()
    }
}

/// A pre-rendered page's parts, each as its own kind of text.
pub struct PageParts<'a> {
    /// The window title: plain text.
    pub title: &'a str,
    /// The page's head elements: HTML the head module wrote, each value
    /// escaped there.
    pub head: &'a str,
    /// What the app rendered into `#app`: HTML from the views.
    pub body: &'a str,
    /// The documents the page embeds: JSON text.
    pub data: &'a str,
}

/// The page template: the shell cut at its fixed points, once.
#[derive(Clone, Debug)]
pub struct PageTemplate {
    /// Up to and including `<title>`.
    before_title: String,
    /// From `</title>` to just before `</head>`.
    after_title: String,
    /// From `</head>` to where `#app` stands.
    before_app: String,
    /// After `#app`.
    after_app: String,
}

const TITLE: &str = "\0title\0";
const HEAD: &str = "\0head\0";
const APP: &str = "\0app\0";

impl PageTemplate {
    /// The template of pre-rendered pages, from the shell: its title, the
    /// page's head elements and `#app` left open; without what a page with
    /// content has no use for (the shell's description, the script that
    /// preloads documents the page embeds, the note that JavaScript is
    /// needed); the wasm asked for after the first paint.
    pub fn new(shell: &Shell) -> Result<PageTemplate, String> {
        let mut html = start_app_after_first_paint(shell.html.clone());
        remove_tags(&mut html, "<meta", |t| t.contains("data-head"));
        remove_element(&mut html, "<script", "</script>", |t| {
            attribute_in(t, "id").as_deref() == Some("preload-data")
        });
        remove_element(&mut html, "<noscript", "</noscript>", |_| true);
        let (start, end) = find_tag(&html, "<title", |_| true).ok_or("no <title>")?;
        let close = html[end..].find("</title>").ok_or("no </title>")? + end;
        html.replace_range(start..close, &format!("<title>{TITLE}"));
        let head_end = html.find("</head>").ok_or("no </head>")?;
        html.insert_str(head_end, HEAD);
        let app = ["<div id=app></div>", "<div id=\"app\"></div>"]
            .iter()
            .find_map(|empty| html.find(empty).map(|at| (at, empty.len())))
            .ok_or("no <div id=\"app\">")?;
        html.replace_range(app.0..app.0 + app.1, APP);
        let pieces: Vec<&str> = html.split(['\0']).collect();
        let [before_title, "title", after_title, "head", before_app, "app", after_app] =
            pieces.as_slice()
        else {
            return Err("the shell's fixed points are out of order".into());
        };
        let template = PageTemplate {
            before_title: before_title.to_string(),
            after_title: after_title.to_string(),
            before_app: before_app.to_string(),
            after_app: after_app.to_string(),
        };
        template.check()?;
        Ok(template)
    }

    /// The page, appended to `out`.
    pub fn compose_into(&self, out: &mut String, page: &PageParts) {
        out.push_str(&self.before_title);
        push_html_text(out, page.title);
        out.push_str(&self.after_title);
        out.push_str(page.head);
        out.push_str(&self.before_app);
        out.push_str("<div id=\"app\" data-prerendered>");
        out.push_str(page.body);
        out.push_str("</div><script type=\"application/json\" id=\"portal-data\">");
        out.push_str(&json_in_script(page.data));
        out.push_str("</script>");
        out.push_str(&self.after_app);
    }

    pub fn compose(&self, page: &PageParts) -> String {
        let mut out = String::with_capacity(
            self.before_title.len()
                + self.after_title.len()
                + self.before_app.len()
                + self.after_app.len()
                + page.head.len()
                + page.body.len()
                + page.data.len()
                + 200,
        );
        self.compose_into(&mut out, page);
        out
    }

    /// The inline code of every page made from this template (the page's
    /// parts hold none: JSON-LD and the embedded documents are data).
    pub fn inline_code(&self) -> InlineCode {
        inline_code(&self.compose(&PageParts {
            title: "",
            head: "",
            body: "",
            data: "{}",
        }))
    }

    /// Reads an empty page back as a browser would: one title, one `#app`
    /// in the body, the data block after it.
    fn check(&self) -> Result<(), String> {
        let page = self.compose(&PageParts {
            title: "t",
            head: "",
            body: "<main></main>",
            data: "{}",
        });
        let dom = parse(&page);
        let mut titles = 0;
        let mut apps = 0;
        walk(&dom.document, &mut |node| {
            if let NodeData::Element { name, attrs, .. } = &node.data {
                titles += usize::from(&*name.local == "title");
                apps += usize::from(
                    attrs
                        .borrow()
                        .iter()
                        .any(|a| &*a.name.local == "id" && &*a.value == "app"),
                );
            }
        });
        if titles == 1 && apps == 1 {
            Ok(())
        } else {
            Err(format!(
                "a page from the shell has {titles} titles and {apps} #app elements"
            ))
        }
    }
}

/// A pre-rendered page is readable before the app runs: its wasm is asked
/// for once the page has painted, not preloaded, so on a slow line it does
/// not take the bandwidth the page's text, styles and cover photo need
/// first (Lighthouse counted a preloaded wasm into the largest paint). The
/// request starts from a classic script right after the first paint, not
/// from trunk's module loader, which runs only once the JS glue has arrived
/// (a round trip later); the loader then takes the response already on its
/// way. (The shell, which shows nothing without the app, keeps the preload.)
fn start_app_after_first_paint(mut html: String) -> String {
    if let Some((start, end)) = find_tag(&html, "<link", |tag| {
        attribute_in(tag, "rel").as_deref() == Some("preload") && tag.contains("application/wasm")
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
            json_in_script(&portal_reader::api::json_string(&path))
        ),
    );
    html
}

/// Every tag in `html` that starts with `open` (`<meta`), as byte ranges.
fn tags<'a>(html: &'a str, open: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || loop {
        let start = from + html.get(from..)?.find(open)?;
        let end = start + html[start..].find('>')? + 1;
        from = end;
        let after = html[start + open.len()..].chars().next();
        if after.is_some_and(|c| c.is_whitespace() || c == '>' || c == '/') {
            return Some((start, end));
        }
    })
}

/// The first tag that starts with `open` and passes `test`.
fn find_tag(html: &str, open: &str, test: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
    tags(html, open).find(|(s, e)| test(&html[*s..*e]))
}

/// Removes every tag that starts with `open` and passes `test`.
fn remove_tags(html: &mut String, open: &str, test: impl Fn(&str) -> bool) {
    while let Some((start, end)) = find_tag(html, open, &test) {
        html.replace_range(start..end, "");
    }
}

/// Removes the first element that starts with `open`, passes `test` and ends
/// with `close`.
fn remove_element(html: &mut String, open: &str, close: &str, test: impl Fn(&str) -> bool) {
    if let Some((start, end)) = find_tag(html, open, test) {
        if let Some(len) = html[end..].find(close) {
            html.replace_range(start..end + len + close.len(), "");
        }
    }
}

/// An attribute's value in a tag of the shell, however the minifier quoted
/// it.
fn attribute_in(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    loop {
        let at = rest.find(name)?;
        let before = rest[..at].chars().last();
        let after = &rest[at + name.len()..];
        rest = after;
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            // A bare attribute (`data-head`) or the name inside a value.
            if after.starts_with(|c: char| c.is_whitespace() || c == '>' || c == '/') {
                return Some(String::new());
            }
            continue;
        };
        return Some(match value.chars().next() {
            Some(quote @ ('"' | '\'')) => value[1..].split(quote).next()?.to_string(),
            _ => value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()?
                .to_string(),
        });
    }
}

fn attr(attrs: &[html5ever::Attribute], wanted: &str) -> Option<String> {
    attrs
        .iter()
        .find(|a| &*a.name.local == wanted)
        .map(|a| a.value.to_string())
}

fn parse(html: &str) -> RcDom {
    parse_document(RcDom::default(), ParseOpts::default()).one(html)
}

fn walk(node: &Handle, visit: &mut impl FnMut(&Handle)) {
    visit(node);
    for child in node.children.borrow().iter() {
        walk(child, visit);
    }
}

fn text_of(node: &Handle) -> String {
    let mut text = String::new();
    for child in node.children.borrow().iter() {
        if let NodeData::Text { contents } = &child.data {
            text.push_str(&contents.borrow());
        }
    }
    text
}

/// Whether `html` is a pre-rendered page (its `#app` marked so), read by a
/// parser.
pub fn is_prerendered(html: &str) -> bool {
    let dom = parse(html);
    let mut found = false;
    walk(&dom.document, &mut |node| {
        if let NodeData::Element { attrs, .. } = &node.data {
            let attrs = attrs.borrow();
            found |= attr(&attrs, "id").as_deref() == Some("app")
                && attr(&attrs, "data-prerendered").is_some();
        }
    });
    found
}

/// The documents a pre-rendered page embeds (the text of its
/// `<script id="portal-data">`), read back by a parser.
pub fn embedded_data(html: &str) -> Option<String> {
    let dom = parse(html);
    let mut found = None;
    walk(&dom.document, &mut |node| {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            if found.is_none()
                && &*name.local == "script"
                && attr(&attrs.borrow(), "id").as_deref() == Some("portal-data")
            {
                found = Some(text_of(node));
            }
        }
    });
    found
}

/// The inline scripts that run and the inline styles of `html`, as parsed.
fn inline_code(html: &str) -> InlineCode {
    let dom = parse(html);
    let mut code = InlineCode::default();
    walk(&dom.document, &mut |node| {
        let NodeData::Element { name, attrs, .. } = &node.data else {
            return;
        };
        let attrs = attrs.borrow();
        match &*name.local {
            "script" if attr(&attrs, "src").is_none() => {
                let kind = attr(&attrs, "type")
                    .unwrap_or_default()
                    .to_ascii_lowercase();
                // Data blocks (JSON, JSON-LD) do not run.
                if matches!(kind.as_str(), "" | "module" | "text/javascript") {
                    code.scripts.push(text_of(node));
                }
            }
            "style" => code.styles.push(text_of(node)),
            _ => {}
        }
    });
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minified shell as trunk writes it (`404.html`), cut to what the
    /// deploy step reads.
    const SHELL: &str = include_str!("../tests/fixtures/shell.html");

    fn page(title: &str, head: &str, body: &str) -> String {
        let shell = Shell::new(SHELL.into()).unwrap();
        PageTemplate::new(&shell).unwrap().compose(&PageParts {
            title,
            head,
            body,
            data: "[]",
        })
    }

    #[test]
    fn the_shell_says_where_the_app_lives() {
        let shell = Shell::new(SHELL.into()).unwrap();
        assert_eq!(shell.base_path(), "/tin/");
        assert_eq!(shell.api_meta().as_deref(), Some("api/"));
        assert!(Shell::new("<html></html>".into()).is_err());
        let twice = SHELL.replace("</body>", "<div id=app></div></body>");
        assert!(Shell::new(twice).unwrap_err().contains("2 <div"));
    }

    #[test]
    fn a_page_gets_its_title_head_body_and_data() {
        let page = page(
            "Tin <mới> – Cổng",
            "<link data-head rel=\"canonical\" href=\"https://a.vn/tin/bai-viet/a\">",
            "<main><a href=\"/tin/bai-viet/b\">b</a></main>",
        );
        assert!(
            page.contains("<title>Tin &lt;mới&gt; – Cổng</title>"),
            "{page}"
        );
        assert!(
            !page.contains("Cổng thông tin\" data-head"),
            "the shell's description goes"
        );
        assert!(page.contains(
            "<link data-head rel=\"canonical\" href=\"https://a.vn/tin/bai-viet/a\"></head>"
        ));
        assert!(page.contains(
            "<div id=\"app\" data-prerendered><main><a href=\"/tin/bai-viet/b\">b</a></main></div><script type=\"application/json\" id=\"portal-data\">[]</script></body>"
        ));
        assert!(page.contains("<script id=prepaint>x()</script>"));
        assert!(!page.contains("preload-data") && !page.contains("<noscript>"));
    }

    /// Issue 22, defect 1: page text that looks like a place in the page
    /// (`<div id=app></div>`, `</head>`) stays text wherever it goes.
    #[test]
    fn page_text_cannot_become_a_place_in_the_page() {
        let hostile = "<div id=app></div><script>alert(1)</script></head></title>";
        let page = page(hostile, "", "<main></main>");
        let dom = parse(&page);
        let mut scripts = Vec::new();
        let mut apps = 0;
        walk(&dom.document, &mut |node| {
            if let NodeData::Element { name, attrs, .. } = &node.data {
                if &*name.local == "script" {
                    scripts.push(text_of(node));
                }
                apps += usize::from(
                    attrs
                        .borrow()
                        .iter()
                        .any(|a| &*a.name.local == "id" && &*a.value == "app"),
                );
                if &*name.local == "title" {
                    assert_eq!(text_of(node), hostile);
                }
            }
        });
        assert_eq!(apps, 1);
        assert!(!scripts.iter().any(|s| s.contains("alert")), "{scripts:?}");
    }

    #[test]
    fn the_app_is_fetched_after_the_first_paint() {
        assert!(SHELL.contains("rel=preload type=application/wasm"));
        let page = page("T", "", "");
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

    #[test]
    fn the_inline_code_is_what_a_browser_runs() {
        let shell = Shell::new(SHELL.into()).unwrap();
        let code = shell.inline_code();
        assert_eq!(code.scripts.len(), 3, "{code:?}");
        assert_eq!(code.scripts[0], "x()");
        let template = PageTemplate::new(&shell).unwrap().inline_code();
        assert_eq!(
            template.scripts.len(),
            3,
            "prepaint, the wasm's fetch, the loader: {template:?}"
        );
        assert!(template.scripts[1].starts_with("window.portalWasm = "));
    }

    #[test]
    fn the_api_meta_and_the_policy_are_elements_of_the_shell() {
        let shell = Shell::new(SHELL.into()).unwrap();
        let moved = shell.with_api_meta("https://cms.example.vn/api/?a=1&b=\"2\"");
        assert_eq!(
            moved.api_meta().as_deref(),
            Some("https://cms.example.vn/api/?a=1&b=\"2\"")
        );
        assert_eq!(moved.html().matches("portal-api").count(), 1);
        let with = moved.with_policy("default-src 'none'");
        assert_eq!(with.policy().as_deref(), Some("default-src 'none'"));
        assert!(with.html().starts_with("<!doctype html><html lang=vi><meta charset=utf-8><meta http-equiv=\"Content-Security-Policy\""));
        let again = with.with_policy("default-src 'self'");
        assert_eq!(again.html().matches("Content-Security-Policy").count(), 1);
        assert_eq!(again.without_policy().policy(), None);
    }
}
