//! Puts a page's [`Tag`]s into `<head>`.

use super::Tag;

/// Marks the elements this module owns, so the next route removes exactly them.
const MARK: &str = "data-head";

/// Replaces the previous route's tags with `tags`. The static description in
/// index.html carries the mark too: it is the default until the app knows better.
pub fn apply(tags: &[Tag]) {
    let document = leptos::prelude::document();
    let Some(head) = document.head() else {
        return;
    };
    if let Ok(old) = head.query_selector_all(&format!("[{MARK}]")) {
        for i in 0..old.length() {
            if let Some(node) = old.item(i) {
                let _ = head.remove_child(&node);
            }
        }
    }
    for tag in tags {
        let (name, attributes, text): (&str, Vec<(&str, &str)>, Option<&str>) = match tag {
            Tag::Meta { attr, key, content } => {
                ("meta", vec![(attr, key), ("content", content)], None)
            }
            Tag::Canonical(url) => ("link", vec![("rel", "canonical"), ("href", url)], None),
            Tag::JsonLd(json) => ("script", vec![("type", "application/ld+json")], Some(json)),
        };
        let Ok(element) = document.create_element(name) else {
            continue;
        };
        let _ = element.set_attribute(MARK, "");
        for (attribute, value) in attributes {
            let _ = element.set_attribute(attribute, value);
        }
        element.set_text_content(text);
        let _ = head.append_child(&element);
    }
}
