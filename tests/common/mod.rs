//! What several test crates state the same way: the attributes the sanitiser
//! may ever write (the tests' own statement of the allowlist, not the code's)
//! and the page a body is shown in. Each crate uses part of it.
#![allow(dead_code)]

use portal_reader::sanitize::BodyContext;

/// Every attribute a sanitised body may carry.
pub const ALLOWED_ATTRIBUTES: &[&str] = &[
    "lang",
    "id",
    "href",
    "cite",
    "src",
    "alt",
    "title",
    "width",
    "height",
    "colspan",
    "rowspan",
    "scope",
    "start",
    "datetime",
    "rel",
    "loading",
    "decoding",
    "referrerpolicy",
];

/// Every class a sanitised body may carry, on an element the allowlist
/// keeps or on a `div` of its own: an editor's layout intents.
pub const LAYOUT_CLASSES: &[&str] = &[
    "text-left",
    "text-center",
    "text-right",
    "text-justify",
    "float-left",
    "float-right",
];

/// Whether a `class` value is made only of [`LAYOUT_CLASSES`].
pub fn is_layout_class(value: &str) -> bool {
    !value.trim().is_empty() && value.split(' ').all(|c| LAYOUT_CLASSES.contains(&c))
}

/// The embedded portal, deployed under `/tin/`.
pub const CONTEXT: BodyContext = BodyContext {
    page_base: "https://sonha.example.vn/tin/",
    page_path: "/tin/bai-viet/a",
    api_base: "https://sonha.example.vn/tin/api/",
    origin: "https://sonha.example.vn",
    router_base: "/tin",
    table_label: "Bảng",
};
