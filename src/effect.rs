//! Every effect of the app through one instantiation of Leptos' `Effect`.
//!
//! `Effect::new` builds an async task around its closure, so each call site
//! with its own closure type was its own copy of that machinery in the wasm.
//! Here the closure is boxed first and Leptos' code exists once. Effects that compare
//! with their previous run keep that value in the closure.

use leptos::prelude::Effect;

/// Runs `f` after the view is mounted (browser only, as `Effect::new`), and
/// again whenever what it read changes.
pub fn effect(f: impl FnMut() + 'static) {
    run(Box::new(f));
}

fn run(mut f: Box<dyn FnMut()>) {
    Effect::new(move |_| f());
}
