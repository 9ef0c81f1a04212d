//! A build to pre-render in the tests: the minimal shell as trunk writes it,
//! and an endpoint (the embedded one unless a test writes its own).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use portal_deploy::prerender::{Options, Report};
use portal_deploy::progress::Progress;

/// A minified shell as trunk writes it (`404.html`), cut to what the deploy
/// step reads.
pub const SHELL: &str = include_str!("../fixtures/shell.html");

/// The embedded endpoint of the app.
pub fn embedded_api() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api")
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A fresh build named `name`, with the embedded endpoint in `api/`.
pub fn build(name: &str) -> PathBuf {
    let dist = std::env::temp_dir().join(format!("deploy-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("404.html"), SHELL).unwrap();
    std::fs::write(dist.join("index.html"), SHELL).unwrap();
    copy_dir(&embedded_api(), &dist.join("api"));
    dist
}

/// Pre-renders `dist` from `endpoint` (the build's own by default).
pub fn run(dist: &Path, endpoint: Option<&str>) -> Result<Report, String> {
    let options = Options {
        dist: dist.to_path_buf(),
        endpoint: endpoint.map(str::to_string),
        jobs: 4,
        ..Options::default()
    };
    portal_deploy::prerender::run(&options, &Progress::hidden())
}

/// What a written page holds, read back by html5ever as a browser reads it.
pub struct WrittenPage {
    pub title: Vec<String>,
    /// The text of every `<h1>`.
    pub h1: Vec<String>,
    /// `(attributes, text)` of every `<script>`.
    pub scripts: Vec<(Vec<(String, String)>, String)>,
    /// Elements with `id="app"`, and whether each sits in `<body>`.
    pub apps: Vec<bool>,
    /// Every element inside `#app`, by name.
    pub in_app: Vec<String>,
    /// `name=value` of every attribute anywhere whose name starts with `on`.
    pub handlers: Vec<String>,
    /// The Content-Security-Policy meta's content.
    pub policy: Option<String>,
    /// `(name, value)` of every attribute that holds an address.
    pub urls: Vec<(String, String)>,
    /// `(name or property, content)` of every `<meta data-head>`.
    pub head_meta: Vec<(String, String)>,
}

pub fn read_page(html: &str) -> WrittenPage {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut facts = WrittenPage {
        title: Vec::new(),
        h1: Vec::new(),
        scripts: Vec::new(),
        apps: Vec::new(),
        in_app: Vec::new(),
        handlers: Vec::new(),
        policy: None,
        head_meta: Vec::new(),
        urls: Vec::new(),
    };
    fn text(node: &Handle) -> String {
        node.children
            .borrow()
            .iter()
            .filter_map(|c| match &c.data {
                NodeData::Text { contents } => Some(contents.borrow().to_string()),
                _ => None,
            })
            .collect()
    }
    fn walk(node: &Handle, in_body: bool, in_app: bool, facts: &mut WrittenPage) {
        let (mut in_body, mut in_app) = (in_body, in_app);
        if let NodeData::Element { name, attrs, .. } = &node.data {
            // An SVG's <title> (the print note's QR code) names the picture,
            // not the page.
            let html = name.ns == html5ever::ns!(html);
            let name = name.local.to_string();
            let attrs: Vec<(String, String)> = attrs
                .borrow()
                .iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect();
            let attr = |wanted: &str| {
                attrs
                    .iter()
                    .find(|(n, _)| n == wanted)
                    .map(|(_, v)| v.clone())
            };
            for (n, v) in &attrs {
                if n.to_ascii_lowercase().starts_with("on") {
                    facts.handlers.push(format!("{n}={v}"));
                }
                if matches!(
                    n.as_str(),
                    "href"
                        | "src"
                        | "cite"
                        | "action"
                        | "formaction"
                        | "poster"
                        | "srcset"
                        | "xlink:href"
                ) {
                    facts.urls.push((n.clone(), v.clone()));
                }
            }
            if in_app {
                facts.in_app.push(name.clone());
            }
            match name.as_str() {
                "body" => in_body = true,
                "title" if html => facts.title.push(text(node)),
                "h1" => facts.h1.push(text(node)),
                "script" => facts.scripts.push((attrs.clone(), text(node))),
                "meta"
                    if attr("http-equiv")
                        .is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy")) =>
                {
                    facts.policy = attr("content");
                }
                "meta" if attr("data-head").is_some() => facts.head_meta.push((
                    attr("name")
                        .or_else(|| attr("property"))
                        .unwrap_or_default(),
                    attr("content").unwrap_or_default(),
                )),
                _ => {}
            }
            if attr("id").as_deref() == Some("app") {
                facts.apps.push(in_body);
                in_app = true;
            }
        }
        for child in node.children.borrow().iter() {
            walk(child, in_body, in_app, facts);
        }
    }
    walk(&dom.document, false, false, &mut facts);
    facts
}

/// Everything wrong with a written page: more or less than one `#app` in
/// the body, a script that is not the template's own or a data block, an
/// event handler, script-like elements inside `#app`, a policy hash that is
/// not the template's.
pub fn page_problems(html: &str, template_scripts: &[String], policy: &str) -> Vec<String> {
    let facts = read_page(html);
    let mut problems = Vec::new();
    if facts.apps != [true] {
        problems.push(format!("#app elements (in body?): {:?}", facts.apps));
    }
    if facts.title.len() != 1 {
        problems.push(format!("titles: {:?}", facts.title));
    }
    let mut data_blocks = 0;
    for (attrs, text) in &facts.scripts {
        let kind = attrs
            .iter()
            .find(|(n, _)| n == "type")
            .map(|(_, v)| v.as_str());
        match kind {
            Some("application/json") => data_blocks += 1,
            Some("application/ld+json") => {
                if serde_json::from_str::<serde_json::Value>(text).is_err() {
                    problems.push(format!("JSON-LD that is not JSON: {text}"));
                }
            }
            _ if template_scripts.contains(text) => {}
            _ => problems.push(format!(
                "a script that is not the template's: {attrs:?} {text}"
            )),
        }
    }
    if data_blocks != 1 {
        problems.push(format!("{data_blocks} data blocks"));
    }
    for name in &facts.in_app {
        // (The app draws its own icons as <svg> and the search field as a <form>.)
        if matches!(
            name.as_str(),
            "script" | "iframe" | "object" | "embed" | "style" | "link" | "meta" | "base" | "frame"
        ) {
            problems.push(format!("<{name}> inside #app"));
        }
    }
    problems.extend(facts.handlers.iter().map(|h| format!("a handler: {h}")));
    // Every address a page holds leads to a page or a picture: http(s), or
    // mail for a link; never script, data or a file.
    for (name, value) in &facts.urls {
        let scheme = url::Url::parse("https://sonha.example.vn/tin/")
            .and_then(|base| base.join(value.trim()))
            .map(|u| u.scheme().to_string());
        let ok = match scheme.as_deref() {
            Ok("http" | "https") => true,
            Ok("mailto") => name == "href",
            _ => false,
        };
        if !ok {
            problems.push(format!("{name}={value:?}"));
        }
    }
    if facts.policy.as_deref() != Some(policy) {
        problems.push(format!("the policy is {:?}", facts.policy));
    }
    problems
}

pub mod print;
pub mod server;
