//! The native half of the sanitiser, for pages pre-rendered at deploy time:
//! parse with html5ever (the HTML parser of Servo and ammonia) exactly as the
//! browser's `DOMParser` does (a whole document, scripting off, so quirks and
//! `noscript` come out the same), walk the tree with the same rules as the
//! browser half ([`super::dom`]): [`tag_rule`], [`clean_attributes`] (so the
//! same URL gate), raw text parsed again when it holds markup, nesting
//! flattened below [`MAX_DEPTH`], and write the result as HTML.
//!
//! The output holds nothing but allowlisted elements (none of them raw text
//! or foreign content, so the browser reads it back as written), written with
//! the one escaping function of each context ([`crate::escape`]): attribute
//! values in double quotes, text. Comments, doctypes and processing
//! instructions are left out, as in the browser.

use html5ever::tendril::TendrilSink;
use html5ever::tree_builder::TreeBuilderOpts;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use crate::escape::{push_html_attribute, push_html_text};

use super::{
    aligned_wrapper, clean_attributes, may_hold_markup, needs_scroll_region, tag_rule, BodyContext,
    TagRule, MAX_DEPTH,
};

/// `html` from the endpoint, as the allowlisted HTML to write into a page.
pub fn sanitized_html(html: &str, ctx: &BodyContext) -> String {
    let mut out = String::with_capacity(html.len());
    parsed(html, &mut out, ctx, 0);
    out
}

/// The readable text of an article body, words of neighbouring elements
/// kept apart, whitespace collapsed: what the search index holds of it
/// (`<script>`, `<style>` and the like have none).
pub fn plain_text(html: &str) -> String {
    let dom = parse(html);
    let mut stack = vec![dom.document.clone()];
    let mut text = String::new();
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } => text.push_str(&contents.borrow()),
            NodeData::Element { name, .. } if tag_rule(&name.local) == TagRule::RawText => {
                text.push(' ');
                continue;
            }
            NodeData::Element { .. } => text.push(' '),
            _ => {}
        }
        for child in node.children.borrow().iter().rev() {
            stack.push(child.clone());
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn parse(html: &str) -> RcDom {
    let opts = ParseOpts {
        tree_builder: TreeBuilderOpts {
            // DOMParser's documents have no browsing context: scripting off.
            scripting_enabled: false,
            ..TreeBuilderOpts::default()
        },
        ..ParseOpts::default()
    };
    parse_document(RcDom::default(), opts).one(html)
}

/// Parses `html` and writes it out, head and body alike (text that starts
/// with a `<style>` puts it, and what it swallowed, in the head).
fn parsed(html: &str, out: &mut String, ctx: &BodyContext, depth: usize) {
    let dom = parse(html);
    let roots: Vec<Handle> = dom.document.children.borrow().clone();
    for root in roots {
        if matches!(root.data, NodeData::Element { .. }) {
            children(&root, out, ctx, depth, false);
        }
    }
}

fn children(node: &Handle, out: &mut String, ctx: &BodyContext, depth: usize, raw: bool) {
    if depth >= MAX_DEPTH {
        flattened(node, out);
        return;
    }
    for child in node.children.borrow().iter() {
        match &child.data {
            NodeData::Text { contents } => {
                let text = contents.borrow();
                if !raw {
                    push_html_text(out, &text);
                } else if may_hold_markup(&text) {
                    parsed(&text, out, ctx, depth + 1);
                }
            }
            NodeData::Element { .. } => element(child, out, ctx, depth),
            _ => {}
        }
    }
}

fn element(node: &Handle, out: &mut String, ctx: &BodyContext, depth: usize) {
    let NodeData::Element {
        name,
        attrs,
        template_contents,
        ..
    } = &node.data
    else {
        return;
    };
    // A template's content is not among its children.
    let content = template_contents
        .borrow()
        .clone()
        .unwrap_or_else(|| node.clone());
    let attributes: Vec<(String, String)> = attrs
        .borrow()
        .iter()
        .map(|a| {
            let name = match &a.name.prefix {
                Some(prefix) => format!("{prefix}:{}", a.name.local),
                None => a.name.local.to_string(),
            };
            (name, a.value.to_string())
        })
        .collect();
    let pairs = attributes.iter().map(|(n, v)| (n.as_str(), v.as_str()));
    match tag_rule(&name.local) {
        TagRule::RawText => children(&content, out, ctx, depth + 1, true),
        TagRule::Unwrap => match aligned_wrapper(&name.local, pairs) {
            Some(class) => {
                out.push_str("<div class=\"");
                push_html_attribute(out, &class);
                out.push_str("\">");
                children(&content, out, ctx, depth + 1, false);
                out.push_str("</div>");
            }
            None => children(&content, out, ctx, depth + 1, false),
        },
        TagRule::Keep(tag) => {
            let region = needs_scroll_region(tag);
            if region {
                out.push_str(
                    "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"",
                );
                push_html_attribute(out, ctx.table_label);
                out.push_str("\">");
            }
            out.push('<');
            out.push_str(tag);
            for (name, value) in clean_attributes(tag, pairs, ctx) {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                push_html_attribute(out, &value);
                out.push('"');
            }
            out.push('>');
            if !matches!(tag, "br" | "hr" | "img") {
                children(&content, out, ctx, depth + 1, false);
                out.push_str("</");
                out.push_str(tag);
                out.push('>');
            }
            if region {
                out.push_str("</div>");
            }
        }
    }
}

/// Below [`MAX_DEPTH`]: only the readable text, without recursion.
fn flattened(node: &Handle, out: &mut String) {
    let mut stack = vec![node.clone()];
    let mut text = String::new();
    while let Some(node) = stack.pop() {
        match &node.data {
            NodeData::Text { contents } => text.push_str(&contents.borrow()),
            NodeData::Element { name, .. } if tag_rule(&name.local) == TagRule::RawText => {
                continue;
            }
            _ => {}
        }
        for child in node.children.borrow().iter().rev() {
            stack.push(child.clone());
        }
    }
    push_html_text(out, &text);
}

#[cfg(test)]
mod plain_text_tests {
    #[test]
    fn the_text_of_a_body_without_markup_scripts_or_glued_words() {
        assert_eq!(
            super::plain_text("<p>Đảng bộ</p><p>xã <b>họp</b>.</p><script>alert(1)</script><style>p{}</style>&amp; &lt;x&gt;"),
            "Đảng bộ xã họp. & <x>"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CTX: BodyContext = BodyContext {
        page_base: "https://sonha.example.vn/tin/",
        page_path: "/tin/bai-viet/a",
        api_base: "https://sonha.example.vn/tin/api/",
        origin: "https://sonha.example.vn",
        router_base: "/tin",
        table_label: "Bảng \"số liệu\"",
    };

    fn clean(html: &str) -> String {
        sanitized_html(html, &CTX)
    }

    #[test]
    fn an_editors_layout_becomes_our_classes_and_nothing_else_of_the_style() {
        assert_eq!(
            clean("<p style=\"text-align: center;\"><img alt=\"A\" src=\"uploads/a.jpg\" style=\"width: 600px; height: 400px; color: red\"></p>"),
            "<p class=\"text-center\"><img alt=\"A\" src=\"/tin/api/uploads/a.jpg\" width=\"600\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\"></p>"
        );
        assert_eq!(
            clean("<img src=\"a.jpg\" width=\"300\" style=\"float:right; width:200px\" alt=\"\">"),
            "<img src=\"/tin/api/a.jpg\" width=\"300\" alt=\"\" class=\"float-right\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\">"
        );
        assert_eq!(
            clean("<div style=\"text-align:right\" class=\"x\" onclick=\"y()\">Ký tên</div><center>Giữa</center><div style=\"color:red\">z</div>"),
            "<div class=\"text-right\">Ký tên</div><div class=\"text-center\">Giữa</div>z"
        );
    }

    #[test]
    fn content_is_kept_and_rebuilt() {
        assert_eq!(
            clean("<h1>Tiêu đề</h1><p>Đoạn <strong>một</strong> &amp; <em>hai</em>.</p>"),
            "<h2>Tiêu đề</h2><p>Đoạn <strong>một</strong> &amp; <em>hai</em>.</p>"
        );
        assert_eq!(
            clean("<figure><img src=\"images/a.svg\" alt='Ảnh \"A\" & B' onerror=\"x()\"><figcaption>Chú thích</figcaption></figure>"),
            "<figure><img src=\"/tin/api/images/a.svg\" alt=\"Ảnh &quot;A&quot; &amp; B\" loading=\"lazy\" decoding=\"async\" referrerpolicy=\"no-referrer\"><figcaption>Chú thích</figcaption></figure>"
        );
        assert_eq!(
            clean("<table><tr><td colspan=2>1</td></tr></table>"),
            "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Bảng &quot;số liệu&quot;\"><table><tbody><tr><td colspan=\"2\">1</td></tr></tbody></table></div>"
        );
        assert_eq!(
            clean("<p><a href=\"bai-viet/x\">trong</a> <a href=\"https://example.org/\">ngoài</a></p>"),
            "<p><a href=\"/tin/bai-viet/x\">trong</a> <a href=\"https://example.org/\" rel=\"external noopener\">ngoài</a></p>"
        );
    }

    #[test]
    fn the_noscript_vector_keeps_what_follows() {
        let out = clean(
            "<p>before</p><noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript><p>after</p>",
        );
        assert!(
            out.contains("<p>before</p>") && out.contains("after"),
            "{out}"
        );
        assert!(!out.contains("onerror") && !out.contains("<img"), "{out}");
    }

    #[test]
    fn unclosed_raw_text_gives_back_what_it_swallowed() {
        let out = clean("<p>before</p><b><style><style/><img src=x onerror=alert(1)><p>after</p>");
        assert!(out.contains("after"), "{out}");
        assert!(!out.contains("style") && !out.contains("onerror"), "{out}");
        let code = clean("<p>a</p><script>if (a < b) { run() }</script><p>b</p>");
        assert_eq!(code, "<p>a</p><p>b</p>", "code is never shown");
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let html = format!("{}sâu{}", "<b><i>".repeat(300), "</i></b>".repeat(300));
        let out = clean(&html);
        assert!(out.contains("sâu"));
        assert!(out.matches("<b>").count() <= MAX_DEPTH, "{}", out.len());
    }
}
