//! The page template: the shell cut at fixed points, once a run, in the text
//! trunk wrote. A page is then the template's pieces and the page's parts,
//! each escaped for its place ([`portal_reader::escape`]) and concatenated.
//! No page is searched or patched once written, so nothing the endpoint (or
//! the operator) says can be mistaken for a place in the page.

use portal_reader::escape::{json_in_script, push_html_text};

use crate::markup::{
    attribute_in, find_tag, inline_code, parse, remove_element, remove_tags, walk, InlineCode,
};
use crate::shell::{policy_element, Shell};
use markup5ever_rcdom::NodeData;

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
    /// What follows `#app` and the documents in the body, outside what the
    /// app replaces: HTML the print note wrote ([`crate::print_note`]),
    /// each value escaped there; empty for most pages.
    pub after_app: &'a str,
}

/// The page template: the shell cut at its fixed points.
#[derive(Clone, Debug)]
pub struct PageTemplate {
    /// trunk's text between the places, in order: before the policy, before
    /// the endpoint meta, up to `<title>`, from `</title>` to `</head>`, from
    /// `</head>` to `#app`, after `#app`.
    pieces: [String; 6],
    /// The deployment's elements, escaped.
    policy: String,
    api: String,
}

const TITLE: &str = "\0title\0";
const HEAD: &str = "\0head\0";
const APP: &str = "\0app\0";

impl PageTemplate {
    /// The template of pre-rendered pages, from the shell: without what a
    /// page with content has no use for (the shell's description, the script
    /// that preloads documents the page embeds, the note that JavaScript is
    /// needed); the wasm asked for after the first paint.
    pub fn new(shell: &Shell) -> Result<PageTemplate, String> {
        // The build's own text only: the deployment's values are in places.
        let mut html = start_app_after_first_paint(shell.marked().to_string());
        remove_tags(&mut html, "<meta", |t| {
            attribute_in(t, "data-head").is_some()
        });
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
        // trunk's text and the five places, in order.
        let split: Vec<&str> = html.split('\0').collect();
        let places: Vec<&str> = split.iter().skip(1).step_by(2).copied().collect();
        if places != ["policy", "api", "title", "head", "app"] {
            return Err(format!("the shell's places are not in order: {places:?}"));
        }
        let pieces: [String; 6] = split
            .iter()
            .step_by(2)
            .map(|piece| piece.to_string())
            .collect::<Vec<_>>()
            .try_into()
            .map_err(|_| "the shell's places are not in order")?;
        let template = PageTemplate {
            pieces,
            policy: shell
                .policy()
                .as_deref()
                .map(policy_element)
                .unwrap_or_default(),
            api: shell.endpoint_elements(),
        };
        template.check()?;
        Ok(template)
    }

    /// The page, appended to `out`.
    pub fn compose_into(&self, out: &mut String, page: &PageParts) {
        let [p0, p1, p2, p3, p4, p5] = &self.pieces;
        out.push_str(p0);
        out.push_str(&self.policy);
        out.push_str(p1);
        out.push_str(&self.api);
        out.push_str(p2);
        push_html_text(out, page.title);
        out.push_str(p3);
        out.push_str(page.head);
        out.push_str(p4);
        out.push_str("<div id=\"app\" data-prerendered>");
        out.push_str(page.body);
        out.push_str("</div><script type=\"application/json\" id=\"portal-data\">");
        out.push_str(&json_in_script(page.data));
        out.push_str("</script>");
        out.push_str(page.after_app);
        out.push_str(p5);
    }

    pub fn compose(&self, page: &PageParts) -> String {
        let fixed: usize =
            self.pieces.iter().map(String::len).sum::<usize>() + self.policy.len() + self.api.len();
        let mut out = String::with_capacity(
            fixed
                + page.head.len()
                + page.body.len()
                + page.data.len()
                + page.after_app.len()
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
            after_app: "",
        }))
    }

    /// Reads an empty page back as a browser would: one title, one `#app`,
    /// the policy and the endpoint meta as the shell has them.
    fn check(&self) -> Result<(), String> {
        let page = self.compose(&PageParts {
            title: "t",
            head: "",
            body: "<main></main>",
            data: "{}",
            after_app: "",
        });
        let dom = parse(&page);
        let (mut titles, mut apps, mut metas) = (0, 0, 0);
        walk(&dom.document, &mut |node| {
            if let NodeData::Element { name, attrs, .. } = &node.data {
                let attrs = attrs.borrow();
                titles += usize::from(&*name.local == "title");
                apps += usize::from(crate::markup::attr(&attrs, "id").as_deref() == Some("app"));
                let named = crate::markup::attr(&attrs, "name");
                let equiv = crate::markup::attr(&attrs, "http-equiv");
                metas += usize::from(named.as_deref() == Some("portal-api") || equiv.is_some());
            }
        });
        let want_metas = usize::from(!self.policy.is_empty()) + usize::from(!self.api.is_empty());
        if titles == 1 && apps == 1 && metas == want_metas {
            Ok(())
        } else {
            Err(format!(
                "a page from the shell has {titles} titles, {apps} #app elements and {metas} of its {want_metas} deployment metas"
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::text_of;

    /// A minified shell as trunk writes it (`404.html`), cut to what the
    /// deploy step reads.
    const SHELL: &str = include_str!("../tests/fixtures/shell.html");

    fn page(shell: &Shell, title: &str, head: &str, body: &str) -> String {
        PageTemplate::new(shell).unwrap().compose(&PageParts {
            title,
            head,
            body,
            data: "[]",
            after_app: "",
        })
    }

    fn shell() -> Shell {
        Shell::new(SHELL.into()).unwrap()
    }

    #[test]
    fn a_page_gets_its_title_head_body_and_data() {
        let page = page(
            &shell(),
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
        assert!(page.contains("<meta name=\"portal-api\" content=\"api/\">"));
        assert!(!page.contains("preload-data") && !page.contains("<noscript>"));
    }

    /// Page text that looks like a place in the page
    /// (`<div id=app></div>`, `</head>`) stays text wherever it goes.
    #[test]
    fn page_text_cannot_become_a_place_in_the_page() {
        let hostile = "<div id=app></div><script>alert(1)</script></head></title>";
        let page = page(&shell(), hostile, "", "<main></main>");
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

    /// An operator's URL with `data-head` in it once cut
    /// the policy and the endpoint meta out of every page (the template was
    /// cut from text that held it). The template is cut from trunk's text.
    #[test]
    fn the_deployment_s_values_never_take_part_in_the_cut() {
        for url in [
            "https://data-head.example.vn/api/",
            "https://cms.vn/data-headlines/?module_or_path: '",
        ] {
            let shell = shell()
                .with_api_meta(url)
                .with_policy("default-src 'none'; x data-head");
            let page = page(&shell, "T", "", "");
            let meta = crate::markup::first_element(&page, |name, attrs| {
                (name == "meta"
                    && crate::markup::attr(attrs, "name").as_deref() == Some("portal-api"))
                .then(|| crate::markup::attr(attrs, "content"))
                .flatten()
            });
            assert_eq!(meta.as_deref(), Some(url));
            assert!(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src &#39;none&#39;; x data-head\">"));
            assert_eq!(
                PageTemplate::new(&shell).unwrap().inline_code(),
                PageTemplate::new(&self::shell()).unwrap().inline_code()
            );
        }
    }

    #[test]
    fn the_app_is_fetched_after_the_first_paint() {
        assert!(SHELL.contains("rel=preload type=application/wasm"));
        let page = page(&shell(), "T", "", "");
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
        let code = shell().inline_code();
        assert_eq!(code.scripts.len(), 4, "{code:?}");
        assert_eq!(code.scripts[0], "x()");
        let template = PageTemplate::new(&shell()).unwrap().inline_code();
        assert_eq!(
            template.scripts.len(),
            4,
            "prepaint, print, the wasm's fetch, the loader: {template:?}"
        );
        // The print script stays: a page's print note needs it.
        assert_eq!(template.scripts[1], "z()");
        assert!(template.scripts[2].starts_with("window.portalWasm = "));
    }
}
