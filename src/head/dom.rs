//! Puts a page's [`Tag`]s into `<head>`.

use super::Tag;

use super::MARK;

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
        let (name, attributes, text) = tag.parts();
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
