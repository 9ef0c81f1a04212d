//! The native sanitiser (pre-rendered pages) on the same corpus as the
//! browser's (tests/browser.rs): tests/fixtures/hostile-html.json, each vector
//! between `<p>before</p>` and `<p>after</p>`. Its output is read back with
//! html5ever as a browser reads a page (a document with a doctype: no quirks),
//! and must hold both paragraphs' text, only allowlisted elements and
//! attributes, and only URLs whose scheme the gate allows.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use portal_reader::sanitize::html::sanitized_html;
use portal_reader::sanitize::{tag_rule, TagRule};
use portal_reader::urls::ParsedUrl;

use common::{is_layout_class, ALLOWED_ATTRIBUTES, CONTEXT};

/// The page as a browser would build it from the pre-rendered HTML.
fn read_back(html: &str) -> Handle {
    let page = format!("<!doctype html><html><body>{html}</body></html>");
    parse_document(RcDom::default(), ParseOpts::default())
        .one(page)
        .document
}

fn walk(node: &Handle, text: &mut String, problems: &mut Vec<String>) {
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => text.push_str(&contents.borrow()),
            NodeData::Element { name, attrs, .. } => {
                let tag = name.local.to_string();
                let region = tag == "div"
                    && attrs
                        .borrow()
                        .iter()
                        .any(|a| &*a.name.local == "class" && &*a.value == "table-scroll");
                let class = attrs
                    .borrow()
                    .iter()
                    .find(|a| &*a.name.local == "class")
                    .map(|a| a.value.to_string());
                let aligned = tag == "div"
                    && class
                        .as_deref()
                        .is_some_and(|c| c.starts_with("text-") && is_layout_class(c));
                let page = matches!(tag.as_str(), "html" | "head" | "body");
                let kept = matches!(tag_rule(&tag), TagRule::Keep(k) if k == tag);
                if !(page || region || aligned || kept) {
                    problems.push(format!("<{tag}>"));
                }
                for a in attrs.borrow().iter() {
                    let name = a.name.local.to_string();
                    let allowed = ALLOWED_ATTRIBUTES.contains(&name.as_str())
                        || (name == "class" && !region && is_layout_class(&a.value))
                        || (region
                            && ["class", "role", "tabindex", "aria-label"]
                                .contains(&name.as_str()));
                    if a.name.prefix.is_some() || !allowed {
                        problems.push(format!("{name} on <{tag}>"));
                    }
                    if name == "id" && !a.value.starts_with("noi-dung-") {
                        problems.push(format!("id={:?}", &*a.value));
                    }
                    if ["href", "src", "cite"].contains(&name.as_str()) {
                        // Links and images on the page's origin are root-relative.
                        let scheme =
                            ParsedUrl::parse(&a.value, Some(CONTEXT.page_base)).map(|u| u.scheme());
                        let ok = match scheme.as_deref() {
                            Some("http" | "https") => true,
                            Some("mailto") => name != "src",
                            _ => false,
                        };
                        if !ok {
                            problems.push(format!("{name}={:?}", &*a.value));
                        }
                    }
                }
                walk(child, text, problems);
            }
            NodeData::Comment { .. } => problems.push("a comment".into()),
            _ => walk(child, text, problems),
        }
    }
}

#[test]
fn the_corpus_keeps_the_content_around_each_vector_and_nothing_else() {
    let corpus: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/hostile-html.json")).unwrap();
    assert!(corpus.len() >= 100);
    let mut failures = Vec::new();
    for vector in &corpus {
        let source = vector["source"].as_str().unwrap();
        let html = vector["html"].as_str().unwrap();
        let out = sanitized_html(&format!("<p>before</p>{html}<p>after</p>"), &CONTEXT);
        let (mut text, mut problems) = (String::new(), Vec::new());
        walk(&read_back(&out), &mut text, &mut problems);
        if !text.contains("before") || !text.contains("after") {
            problems.push("content lost".into());
        }
        if !problems.is_empty() {
            failures.push(format!("{source}: {problems:?} in {out}"));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The code-point sweep of tests/browser.rs, natively: character references
/// before a scheme and inside `javascript`, through the whole sanitiser.
#[test]
fn no_code_point_smuggles_a_script_url_through() {
    let points: Vec<u32> = (0u32..=0xFFFF)
        .filter(|cp| char::from_u32(*cp).is_some())
        .collect();
    for batch in points.chunks(4096) {
        let mut html = String::new();
        for cp in batch {
            html.push_str(&format!(
                "<a href=\"&#x{cp:X};javascript:alert(1)\">a</a><a href=\"java&#x{cp:X};script:alert(1)\">b</a><img src=\"&#x{cp:X};data:image/svg+xml,x\">"
            ));
        }
        let out = sanitized_html(&html, &CONTEXT);
        let (mut text, mut problems) = (String::new(), Vec::new());
        walk(&read_back(&out), &mut text, &mut problems);
        assert!(problems.is_empty(), "{problems:?}");
    }
}
