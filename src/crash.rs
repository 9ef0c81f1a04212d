//! What the reader sees if the app ever panics.
//!
//! The release build aborts on a panic (`panic = "abort"`): the wasm stops
//! for good, and the page would go on showing buttons that no longer do
//! anything, the worst way to fail. The hook installed here runs just before
//! the abort: it logs the panic for developers and replaces the page with a
//! short message and a reload link, in both languages since the reader's
//! choice can no longer be trusted. It builds plain DOM nodes, needs no
//! style sheet change under the Content-Security-Policy and no app state.

use crate::i18n::{Text, EN, VI};

/// Installs the hook; `main` calls it before mounting the app.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        leptos::logging::error!("{info}");
        show_crash_page();
    }));
}

/// Replaces everything in `<body>` with the crash message. Public for the
/// component test that checks it.
pub fn show_crash_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let element = |tag: &str, text: &str, lang: Option<&str>| {
        let el = document.create_element(tag).ok()?;
        el.set_text_content(Some(text));
        if let Some(lang) = lang {
            let _ = el.set_attribute("lang", lang);
        }
        Some(el)
    };
    let in_both = |tag: &str, pick: fn(&Text) -> &'static str| {
        let parent = element(tag, "", None)?;
        for (t, lang, before) in [(&VI, "vi", ""), (&EN, "en", " / ")] {
            let _ = parent.append_with_str_1(before);
            let _ = parent.append_child(&element("span", pick(t), Some(lang))?.into());
        }
        Some(parent)
    };
    let (Some(panel), Some(heading), Some(message), Some(link), Some(paragraph)) = (
        element("main", "", None),
        in_both("h1", |t| t.crash_heading),
        in_both("p", |t| t.crash_body),
        in_both("a", |t| t.crash_reload),
        element("p", "", None),
    ) else {
        return;
    };
    panel.set_class_name("crash");
    let _ = panel.set_attribute("role", "alert");
    link.set_class_name("button");
    let reload = document
        .location()
        .and_then(|l| l.href().ok())
        .unwrap_or_default();
    let _ = link.set_attribute("href", &reload);
    let _ = paragraph.append_child(&link);
    for node in [&heading, &message, &paragraph] {
        let _ = panel.append_child(node);
    }
    body.set_text_content(None);
    let _ = body.append_child(&panel);
}
