//! What the operating system asks for, read through media queries.

/// Whether the system asks for more contrast (`prefers-contrast: more`).
pub fn prefers_more_contrast() -> bool {
    web_sys::window()
        .and_then(|w| w.match_media("(prefers-contrast: more)").ok().flatten())
        .is_some_and(|query| query.matches())
}
