//! The reader's choices (text size, contrast, votes) in `localStorage`,
//! where there is one.
//!
//! Private modes, disabled storage, a full quota or a sandboxed frame make
//! `localStorage` throw or vanish; then nothing is remembered and nothing
//! breaks: the choice holds for the visit, as the toolbar's state.

/// The stored value for `key`, or `None` when there is none or no storage.
pub fn read(key: &str) -> Option<String> {
    local_storage()?.get_item(key).ok().flatten()
}

/// Stores `value` under `key`; silently does nothing without storage.
pub fn write(key: &str, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(key, value);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    // `window.localStorage` itself throws in some privacy modes.
    web_sys::window()?.local_storage().ok().flatten()
}
