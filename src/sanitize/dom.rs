//! The browser half of the sanitiser: parse inertly, rebuild from the allowlist.
//!
//! `DOMParser` gives a document with no browsing context: its scripts never run
//! and its images never load, so hostile markup is harmless while we read it.
//! We then create *new* elements in the live document for what [`super`] allows,
//! copy only the allowed attributes, and hand back a fragment to insert. Nothing
//! from the parsed tree is moved into the page.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, DocumentFragment, DomParser, Element, Node, SupportedType};

use super::{clean_attr, needs_scroll_region, tag_rule, CleanAttr, TagRule, UrlUse};
use crate::urls::{resolve, routes};

/// Deeper nesting than this is flattened to its text: no article needs it, and
/// unbounded recursion on hostile input would overflow the wasm stack.
const MAX_DEPTH: usize = 48;

/// What the rebuilt tree needs to know about where it is shown.
pub struct BodyContext<'a> {
    /// `document.baseURI`: relative links in the body are relative to the app.
    pub page_base: &'a str,
    /// The endpoint base: relative image sources are relative to the endpoint,
    /// like every other path in the contract.
    pub api_base: &'a str,
    /// Origin and router base, to tell in-app links from everything else.
    pub origin: &'a str,
    pub router_base: &'a str,
    /// Accessible name of the scrolling region around a table.
    pub table_label: &'a str,
}

/// Parses untrusted `html` and returns a fragment of the live document that holds
/// only what the allowlist lets through.
pub fn sanitized_fragment(html: &str, ctx: &BodyContext) -> Result<DocumentFragment, JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let parsed = DomParser::new()?.parse_from_string(html, SupportedType::TextHtml)?;
    let fragment = document.create_document_fragment();
    if let Some(body) = parsed.body() {
        copy_children(&body, &fragment, &document, ctx, 0)?;
    }
    Ok(fragment)
}

fn copy_children(
    from: &Node,
    to: &Node,
    document: &Document,
    ctx: &BodyContext,
    depth: usize,
) -> Result<(), JsValue> {
    let children = from.child_nodes();
    for i in 0..children.length() {
        let Some(child) = children.item(i) else {
            continue;
        };
        match child.node_type() {
            Node::TEXT_NODE => {
                let text = child.text_content().unwrap_or_default();
                to.append_child(&document.create_text_node(&text))?;
            }
            Node::ELEMENT_NODE if depth >= MAX_DEPTH => {
                let text = child.text_content().unwrap_or_default();
                to.append_child(&document.create_text_node(&text))?;
            }
            Node::ELEMENT_NODE => {
                let element: Element = child.unchecked_into();
                match tag_rule(&element.local_name()) {
                    TagRule::Drop => {}
                    TagRule::Unwrap => copy_children(&element, to, document, ctx, depth + 1)?,
                    TagRule::Keep(tag) => {
                        let copy = document.create_element(tag)?;
                        copy_attributes(&element, &copy, tag, ctx)?;
                        copy_children(&element, &copy, document, ctx, depth + 1)?;
                        if needs_scroll_region(tag) {
                            let region = document.create_element("div")?;
                            region.set_class_name("table-scroll");
                            region.set_attribute("role", "region")?;
                            region.set_attribute("tabindex", "0")?;
                            region.set_attribute("aria-label", ctx.table_label)?;
                            region.append_child(&copy)?;
                            to.append_child(&region)?;
                        } else {
                            to.append_child(&copy)?;
                        }
                    }
                }
            }
            // Comments, processing instructions, doctype: nothing a reader sees.
            _ => {}
        }
    }
    Ok(())
}

fn copy_attributes(
    from: &Element,
    to: &Element,
    tag: &str,
    ctx: &BodyContext,
) -> Result<(), JsValue> {
    for name in from.get_attribute_names().iter() {
        let Some(name) = name.as_string() else {
            continue;
        };
        let value = from.get_attribute(&name).unwrap_or_default();
        match clean_attr(tag, &name, &value) {
            None => {}
            Some(CleanAttr::Text(text)) => to.set_attribute(&name.to_ascii_lowercase(), &text)?,
            Some(CleanAttr::Url(UrlUse::Image, url)) => {
                to.set_attribute(&name.to_ascii_lowercase(), &resolve(ctx.api_base, &url))?
            }
            Some(CleanAttr::Url(UrlUse::Link, url)) => {
                let absolute = resolve(ctx.page_base, &url);
                to.set_attribute(&name.to_ascii_lowercase(), &absolute)?;
                // The router takes over clicks on same-origin links; anything
                // that is not one of our routes must be a real page load.
                if tag == "a" && !routes::is_app_route(&absolute, ctx.origin, ctx.router_base) {
                    to.set_attribute("rel", "external noopener")?;
                }
            }
        }
    }
    if tag == "img" {
        // An image without a text alternative is announced by its file name;
        // an empty alt at least keeps it silent (its caption still speaks).
        if !to.has_attribute("alt") {
            to.set_attribute("alt", "")?;
        }
        to.set_attribute("loading", "lazy")?;
        to.set_attribute("decoding", "async")?;
    }
    Ok(())
}
