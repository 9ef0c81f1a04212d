//! Reading what [`crate::provide_app_context`] provided.

use leptos::prelude::{use_context, Get, GetUntracked, RwSignal, With};

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

/// A signal of the app's context for views to read, which only its owner
/// (the router, the page context) sets: a `Copy` handle on the owner's own
/// `RwSignal`. Leptos' `read_only()` would make a second signal, a
/// `ReadSignal`, whose code the wasm carries once more for every value type.
pub struct ReadOnly<T: 'static>(RwSignal<T>);

impl<T: 'static> Clone for ReadOnly<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: 'static> Copy for ReadOnly<T> {}

impl<T: Clone + Send + Sync + 'static> ReadOnly<T> {
    pub fn new(signal: RwSignal<T>) -> Self {
        Self(signal)
    }

    /// The value (tracked).
    pub fn get(&self) -> T {
        self.0.get()
    }

    /// The value, without tracking it.
    pub fn get_untracked(&self) -> T {
        self.0.get_untracked()
    }

    /// What `f` makes of the value, without cloning it (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        self.0.with(f)
    }
}
