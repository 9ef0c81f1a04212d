//! Entry point: the allocator, the crash page, then the app mounted.

// The wasm's allocator (see Cargo.toml): one heap that grows the wasm memory.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    portal_reader::crash::install();
    portal_reader::takeover::mount(portal_reader::App, portal_reader::provide_browser_context);
}
