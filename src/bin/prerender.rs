//! The deploy-time pre-render: see `portal_reader::prerender` and
//! `scripts/prerender`. Native only; the wasm build has nothing to run here.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(portal_reader::prerender::cli(
        std::env::args().skip(1).collect(),
    ));
}

#[cfg(target_arch = "wasm32")]
fn main() {}
