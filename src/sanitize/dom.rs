//! The browser half of the sanitiser: parse inertly, rebuild from the allowlist.
//!
//! `DOMParser` gives a document with no browsing context: its scripts never run
//! and its images never load, so hostile markup is harmless while we read it.
//! We then create *new* elements in the live document for what [`super`] allows,
//! copy only the allowed attributes, and hand back a fragment to insert. Nothing
//! from the parsed tree is moved into the page.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    Document, DocumentFragment, DomParser, Element, HtmlTemplateElement, Node, SupportedType,
};

use super::{
    aligned_wrapper, clean_attributes, may_hold_markup, needs_scroll_region, tag_rule, TagRule,
    MAX_DEPTH,
};

pub use super::BodyContext;

/// Parses untrusted `html` and returns a fragment of the live document that holds
/// only what the allowlist lets through.
pub fn sanitized_fragment(html: &str, ctx: &BodyContext) -> Result<DocumentFragment, JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let rebuild = Rebuild {
        parser: DomParser::new()?,
        document,
        ctx,
    };
    let fragment = rebuild.document.create_document_fragment();
    rebuild.parsed(html, &fragment, 0)?;
    Ok(fragment)
}

struct Rebuild<'a> {
    parser: DomParser,
    /// The live document, which owns every node we create.
    document: Document,
    ctx: &'a BodyContext<'a>,
}

impl Rebuild<'_> {
    /// Parses `html` inertly and rebuilds it into `to`: its head as well as
    /// its body, since text that starts with a `<style>` or a `<title>` puts
    /// it, and whatever it swallowed, in the head.
    fn parsed(&self, html: &str, to: &Node, depth: usize) -> Result<(), JsValue> {
        let parsed = self
            .parser
            .parse_from_string(html, SupportedType::TextHtml)?;
        match parsed.document_element() {
            Some(root) => self.children(&root, to, depth, false),
            None => Ok(()),
        }
    }

    /// Rebuilds the children of `from` into `to`. In `raw` text (the content
    /// of a [`TagRule::RawText`] element) text is not shown, but markup it
    /// holds is parsed again: what an unclosed tag swallowed comes back.
    fn children(&self, from: &Node, to: &Node, depth: usize, raw: bool) -> Result<(), JsValue> {
        if depth >= MAX_DEPTH {
            return self.flattened(from, to);
        }
        let children = from.child_nodes();
        for i in 0..children.length() {
            let Some(child) = children.item(i) else {
                continue;
            };
            match child.node_type() {
                Node::TEXT_NODE => {
                    let text = child.text_content().unwrap_or_default();
                    if !raw {
                        to.append_child(&self.document.create_text_node(&text))?;
                    } else if may_hold_markup(&text) {
                        self.parsed(&text, to, depth + 1)?;
                    }
                }
                Node::ELEMENT_NODE => self.element(&child.unchecked_into(), to, depth)?,
                // Comments, processing instructions, doctype: nothing a reader sees.
                _ => {}
            }
        }
        Ok(())
    }

    /// Rebuilds one element. Raw text is only ever the direct text of a raw
    /// text element: elements in it (a `noscript` the parser read as
    /// markup) hold ordinary text again.
    fn element(&self, element: &Element, to: &Node, depth: usize) -> Result<(), JsValue> {
        let name = element.local_name();
        // A template's content is not among its children.
        let content: Node = match element.dyn_ref::<HtmlTemplateElement>() {
            Some(template) => template.content().into(),
            None => element.clone().into(),
        };
        match tag_rule(&name) {
            TagRule::RawText => self.children(&content, to, depth + 1, true),
            // Only a `div` or a `center` can carry an alignment: no other
            // unwrapped element's attributes are read.
            TagRule::Unwrap => match matches!(name.as_str(), "div" | "center")
                .then(|| attribute_pairs(element))
                .and_then(|a| {
                    aligned_wrapper(&name, a.iter().map(|(n, v)| (n.as_str(), v.as_str())))
                }) {
                Some(class) => {
                    let wrapper = self.document.create_element("div")?;
                    wrapper.set_class_name(&class);
                    self.children(&content, &wrapper, depth + 1, false)?;
                    to.append_child(&wrapper)?;
                    Ok(())
                }
                None => self.children(&content, to, depth + 1, false),
            },
            TagRule::Keep(tag) => {
                let copy = self.document.create_element(tag)?;
                copy_attributes(element, &copy, tag, self.ctx)?;
                self.children(&content, &copy, depth + 1, false)?;
                if needs_scroll_region(tag) {
                    let region = self.document.create_element("div")?;
                    region.set_class_name("table-scroll");
                    region.set_attribute("role", "region")?;
                    region.set_attribute("tabindex", "0")?;
                    region.set_attribute("aria-label", self.ctx.table_label)?;
                    region.append_child(&copy)?;
                    to.append_child(&region)?;
                } else {
                    to.append_child(&copy)?;
                }
                Ok(())
            }
        }
    }

    /// Below [`MAX_DEPTH`]: only the readable text of `from`, in order, as one
    /// text node, collected without recursion (raw text is left out).
    fn flattened(&self, from: &Node, to: &Node) -> Result<(), JsValue> {
        let mut text = String::new();
        let mut stack = vec![from.clone()];
        while let Some(node) = stack.pop() {
            let children = node.child_nodes();
            for i in (0..children.length()).rev() {
                let Some(child) = children.item(i) else {
                    continue;
                };
                match child.node_type() {
                    Node::TEXT_NODE => stack.push(child),
                    Node::ELEMENT_NODE => {
                        let element: &Element = child.unchecked_ref();
                        if tag_rule(&element.local_name()) != TagRule::RawText {
                            stack.push(child);
                        }
                    }
                    _ => {}
                }
            }
            if node.node_type() == Node::TEXT_NODE {
                text.push_str(&node.text_content().unwrap_or_default());
            }
        }
        if !text.is_empty() {
            to.append_child(&self.document.create_text_node(&text))?;
        }
        Ok(())
    }
}

/// Every attribute of `element`, as (name, value).
fn attribute_pairs(element: &Element) -> Vec<(String, String)> {
    element
        .get_attribute_names()
        .iter()
        .filter_map(|name| name.as_string())
        .map(|name| {
            let value = element.get_attribute(&name).unwrap_or_default();
            (name, value)
        })
        .collect()
}

fn copy_attributes(
    from: &Element,
    to: &Element,
    tag: &str,
    ctx: &BodyContext,
) -> Result<(), JsValue> {
    let attributes = attribute_pairs(from);
    let pairs = attributes.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    for (name, value) in clean_attributes(tag, pairs, ctx) {
        to.set_attribute(name, &value)?;
    }
    Ok(())
}
