//! Issue 22: each escaping function (`portal_reader::escape`), swept over
//! every code point and read back by a real parser: html5ever for HTML (as a
//! browser reads a page), roxmltree for XML, html5ever then serde_json for
//! JSON in a script. Whatever the character, the escaped text is read back as
//! exactly the text given (less the characters the format cannot carry, as
//! this test states them), and never as markup.
#![cfg(not(target_arch = "wasm32"))]

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};
use portal_reader::escape::{html_attribute, html_text, json_in_script, xml};

/// Every Unicode scalar value, in chunks of this many per document.
const CHUNK: u32 = 8192;

fn chunks() -> impl Iterator<Item = Vec<char>> {
    (0..=0x10FFFF / CHUNK).map(|n| {
        (n * CHUNK..(n + 1) * CHUNK)
            .filter_map(char::from_u32)
            .collect()
    })
}

/// What HTML cannot carry as text, as this test sees it: U+0000, a carriage
/// return, controls but tab, line feed and form feed, and noncharacters.
fn html_carries(c: char) -> bool {
    let n = c as u32;
    let control = (n < 0x20 && !matches!(c, '\t' | '\n' | '\x0C')) || (0x7F..=0x9F).contains(&n);
    let nonchar = (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFF >= 0xFFFE;
    !control && !nonchar
}

fn parse_html(html: &str) -> RcDom {
    html5ever::parse_document(RcDom::default(), Default::default()).one(html)
}

/// The elements named `name`, in document order.
fn elements(node: &Handle, name: &str, out: &mut Vec<Handle>) {
    if let NodeData::Element { name: n, .. } = &node.data {
        if &*n.local == name {
            out.push(node.clone());
        }
    }
    for child in node.children.borrow().iter() {
        elements(child, name, out);
    }
}

fn text(node: &Handle) -> String {
    let mut out = String::new();
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => out.push_str(&contents.borrow()),
            _ => out.push_str("<element>"),
        }
    }
    out
}

fn attribute(node: &Handle, name: &str) -> Option<String> {
    match &node.data {
        NodeData::Element { attrs, .. } => attrs
            .borrow()
            .iter()
            .find(|a| &*a.name.local == name)
            .map(|a| a.value.to_string()),
        _ => None,
    }
}

#[test]
fn html_text_and_attributes_read_back_as_given() {
    for chunk in chunks() {
        let mut page = String::from("<!doctype html><title>t</title><body>");
        for c in &chunk {
            let value = format!("<a{c}\"'&>");
            let (attribute, text) = (html_attribute(&value), html_text(&value));
            // Inert wherever it ends up: no quote of either kind, no tag.
            assert!(!attribute.contains(['<', '>', '"', '\'']), "{attribute}");
            assert!(!text.contains(['<', '>']), "{text}");
            page.push_str(&format!("<i title=\"{attribute}\">{text}</i>"));
        }
        let dom = parse_html(&page);
        let mut found = Vec::new();
        elements(&dom.document, "i", &mut found);
        assert_eq!(found.len(), chunk.len(), "one element per character");
        for (c, element) in chunk.iter().zip(&found) {
            let want: String = format!("<a{c}\"'&>")
                .chars()
                .filter(|c| html_carries(*c))
                .collect();
            assert_eq!(text(element), want, "text, U+{:04X}", *c as u32);
            assert_eq!(
                attribute(element, "title").as_deref(),
                Some(want.as_str()),
                "attribute, U+{:04X}",
                *c as u32
            );
            if let NodeData::Element { attrs, .. } = &element.data {
                assert_eq!(attrs.borrow().len(), 1, "U+{:04X}", *c as u32);
            }
        }
    }
}

/// XML 1.0's characters: tab, line feed, carriage return, U+0020–U+D7FF,
/// U+E000–U+FFFD, U+10000 and above.
fn xml_carries(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

#[test]
fn xml_text_and_attributes_read_back_as_given() {
    for chunk in chunks() {
        let mut doc = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<r>");
        for c in &chunk {
            let value = format!("<a{c}\"'&>]]>");
            doc.push_str(&format!("<i a=\"{0}\" b='{0}'>{0}</i>", xml(&value)));
        }
        doc.push_str("</r>");
        let parsed = roxmltree::Document::parse(&doc).expect("well-formed");
        let found: Vec<_> = parsed
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .collect();
        assert_eq!(found.len(), chunk.len());
        for (c, element) in chunk.iter().zip(&found) {
            let want: String = format!("<a{c}\"'&>]]>")
                .chars()
                .filter(|c| xml_carries(*c))
                .collect();
            assert_eq!(
                element.text(),
                Some(want.as_str()),
                "text, U+{:04X}",
                *c as u32
            );
            assert_eq!(
                element.attribute("a"),
                Some(want.as_str()),
                "attribute, U+{:04X}",
                *c as u32
            );
            assert_eq!(
                element.attribute("b"),
                Some(want.as_str()),
                "attribute, U+{:04X}",
                *c as u32
            );
        }
    }
}

#[test]
fn json_in_a_script_reads_back_as_given() {
    for chunk in chunks() {
        let mut page = String::from("<!doctype html><title>t</title><body>");
        let values: Vec<String> = chunk
            .iter()
            .map(|c| format!("</script><!--<script>{c}\u{2028}"))
            .collect();
        for value in &values {
            let json = serde_json::to_string(&serde_json::json!({ "v": value })).unwrap();
            page.push_str(&format!(
                "<script type=\"application/json\">{}</script>",
                json_in_script(&json)
            ));
        }
        let dom = parse_html(&page);
        let mut found = Vec::new();
        elements(&dom.document, "script", &mut found);
        assert_eq!(found.len(), values.len(), "one data block per character");
        for (value, script) in values.iter().zip(&found) {
            let parsed: serde_json::Value = serde_json::from_str(&text(script)).unwrap();
            assert_eq!(parsed["v"], *value);
        }
    }
}
