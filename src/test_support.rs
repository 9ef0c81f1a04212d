//! Helpers for the crate's own unit tests.

/// The text of an inline `<script id=…>` of index.html: the scripts that run
/// before the wasm repeat a few rules of the Rust code, and tests keep them equal.
pub(crate) fn index_html_script(id: &str) -> String {
    let html = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html"))
        .expect("index.html is readable");
    html.split(&format!("<script id=\"{id}\">"))
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap_or_else(|| panic!("index.html has the script {id}"))
        .to_string()
}
