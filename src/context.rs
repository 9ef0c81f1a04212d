//! Reading what [`crate::provide_app_context`] provided.

use leptos::prelude::use_context;

/// The context value of type `T`, which the app provides before any view is
/// built. A view built without it is a bug of the app, not of the data: it
/// panics, and the panic page ([`crate::crash`]) says so.
///
/// Leptos' `expect_context` does the same but formats the type's name and
/// the caller into its message, which is code for every `T` (and brings
/// `Debug` for strings into the wasm): one cold message instead.
pub fn context<T: Clone + 'static>() -> T {
    use_context().unwrap_or_else(|| missing())
}

#[cold]
#[inline(never)]
fn missing() -> ! {
    panic!("a view was built outside the app's context")
}
