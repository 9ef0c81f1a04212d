//! Reading HTML: the build's own text at its fixed points (the shell trunk
//! wrote, minified, whatever the attribute quoting), and any page through a
//! real parser (html5ever, as a browser reads it).
//!
//! The scanner below is only ever run over text the build wrote: trunk's
//! shell, where the endpoint has no word. Anything that may hold the
//! endpoint's or the operator's text is read with the parser.

use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, Attribute, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom};

/// The inline code of a page: what the policy must allow by hash.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InlineCode {
    pub scripts: Vec<String>,
    pub styles: Vec<String>,
}

/// Every tag in `html` that starts with `open` (`<meta`), as byte ranges.
pub fn tags<'a>(html: &'a str, open: &'a str) -> impl Iterator<Item = (usize, usize)> + 'a {
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
pub fn find_tag(html: &str, open: &str, test: impl Fn(&str) -> bool) -> Option<(usize, usize)> {
    tags(html, open).find(|(s, e)| test(&html[*s..*e]))
}

/// Removes every tag that starts with `open` and passes `test`.
pub fn remove_tags(html: &mut String, open: &str, test: impl Fn(&str) -> bool) {
    while let Some((start, end)) = find_tag(html, open, &test) {
        html.replace_range(start..end, "");
    }
}

/// Joins each bare `<style>` element that follows another with nothing but
/// white space between them into the one before. trunk inlines one element
/// per CSS file; one element is the same cascade, with one hash in the
/// policy instead of one per file: hashes do not compress.
pub fn merge_adjacent_styles(html: &mut String) {
    const CLOSE: &str = "</style>";
    loop {
        let elements: Vec<(usize, usize, usize)> = tags(html, "<style")
            .filter_map(|(start, end)| {
                let close = end + html[end..].find(CLOSE)?;
                Some((start, end, close))
            })
            .collect();
        let joint = elements.windows(2).find_map(|pair| {
            let ((_, _, close), (next, next_end, _)) = (pair[0], pair[1]);
            let between = &html[close + CLOSE.len()..next];
            let bare = &html[next..next_end] == "<style>";
            (bare && between.chars().all(|c| c.is_ascii_whitespace())).then_some(close..next_end)
        });
        match joint {
            Some(range) => html.replace_range(range, ""),
            None => return,
        }
    }
}

/// Removes the first element that starts with `open`, passes `test` and ends
/// with `close`.
pub fn remove_element(html: &mut String, open: &str, close: &str, test: impl Fn(&str) -> bool) {
    if let Some((start, end)) = find_tag(html, open, test) {
        if let Some(len) = html[end..].find(close) {
            html.replace_range(start..end + len + close.len(), "");
        }
    }
}

/// An attribute's value in a tag of the build's own text, however the
/// minifier quoted it: the name must stand as a name (after whitespace,
/// before `=`, whitespace or the tag's end), never inside a value.
pub fn attribute_in(tag: &str, name: &str) -> Option<String> {
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
            // A bare attribute (`data-head`).
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

pub fn parse(html: &str) -> RcDom {
    parse_document(RcDom::default(), ParseOpts::default()).one(html)
}

pub fn walk(node: &Handle, visit: &mut impl FnMut(&Handle)) {
    visit(node);
    for child in node.children.borrow().iter() {
        walk(child, visit);
    }
}

/// The text directly in an element.
pub fn text_of(node: &Handle) -> String {
    let mut text = String::new();
    for child in node.children.borrow().iter() {
        if let NodeData::Text { contents } = &child.data {
            text.push_str(&contents.borrow());
        }
    }
    text
}

pub fn attr(attrs: &[Attribute], wanted: &str) -> Option<String> {
    attrs
        .iter()
        .find(|a| &*a.name.local == wanted)
        .map(|a| a.value.to_string())
}

/// The first answer `test` gives for an element of `html`, as parsed
/// (attribute values with their character references read).
pub fn first_element<T>(html: &str, test: impl Fn(&str, &[Attribute]) -> Option<T>) -> Option<T> {
    first_node(html, |_, name, attrs| test(name, attrs))
}

/// As [`first_element`], with the element's node for `test` to read its
/// content.
fn first_node<T>(html: &str, test: impl Fn(&Handle, &str, &[Attribute]) -> Option<T>) -> Option<T> {
    let dom = parse(html);
    let mut found = None;
    walk(&dom.document, &mut |node| {
        if let (None, NodeData::Element { name, attrs, .. }) = (&found, &node.data) {
            found = test(node, &name.local, &attrs.borrow());
        }
    });
    found
}

/// The inline scripts that run (not data blocks such as JSON) and the
/// inline styles of `html`, as parsed.
pub fn inline_code(html: &str) -> InlineCode {
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

/// Whether `html` is a pre-rendered page (its `#app` marked so).
pub fn is_prerendered(html: &str) -> bool {
    first_element(html, |_, attrs| {
        (attr(attrs, "id").as_deref() == Some("app") && attr(attrs, "data-prerendered").is_some())
            .then_some(())
    })
    .is_some()
}

/// The documents a pre-rendered page embeds (the text of its
/// `<script id="portal-data">`).
pub fn embedded_data(html: &str) -> Option<String> {
    first_node(html, |node, name, attrs| {
        (name == "script" && attr(attrs, "id").as_deref() == Some("portal-data"))
            .then(|| text_of(node))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_styles_become_one_and_others_stay() {
        let mut html = String::from(
            "<style>a{}</style>\n<style>b{}</style><style>c{}</style><script>x</script><style>d{}</style><style media=print>e{}</style>",
        );
        merge_adjacent_styles(&mut html);
        assert_eq!(
            html,
            "<style>a{}b{}c{}</style><script>x</script><style>d{}</style><style media=print>e{}</style>"
        );
    }

    #[test]
    fn an_attribute_is_a_name_never_text_in_a_value() {
        let tag =
            r#"<meta content="https://data-head.example.vn/?name=x data-head" name=portal-api>"#;
        assert_eq!(attribute_in(tag, "name").as_deref(), Some("portal-api"));
        assert_eq!(attribute_in(tag, "data-head"), None);
        assert_eq!(
            attribute_in("<meta data-head name=description>", "data-head").as_deref(),
            Some("")
        );
        assert_eq!(
            attribute_in("<base href=/tin/>", "href").as_deref(),
            Some("/tin/")
        );
    }
}
