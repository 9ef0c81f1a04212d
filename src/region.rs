//! Regions of a page that the takeover of a pre-rendered page builds later,
//! each in a task of its own, so that no single task keeps the main thread
//! long (a reader's tap waits for one region at most, not for the whole app).
//!
//! A [`Region`] is a `<div class="region">` (`display: contents`: it adds no
//! box). Rendered natively or after the takeover it shows its children at
//! once. While the takeover builds the app, it starts empty and is listed;
//! the takeover then moves the pre-rendered region's nodes into it, so the
//! swapped-in page looks exactly like the one it replaces, and builds each
//! listed region in a later task ([`crate::takeover`]). Regions do not nest.
//! A leaf: the pages and the shell place regions, the takeover builds them,
//! and neither needs the other for it.

use std::cell::RefCell;

use leptos::html::Div;
use leptos::prelude::*;

use crate::dynamic::{dynamic, view};

/// A region waiting to be built: its element and what builds it.
pub struct Pending {
    pub element: NodeRef<Div>,
    pub build: Box<dyn FnOnce()>,
}

/// Work kept for later.
pub type Job = Box<dyn FnOnce()>;

thread_local! {
    /// `Some` while a takeover builds the app: the regions it left empty.
    static PENDING: RefCell<Option<Vec<Pending>>> = const { RefCell::new(None) };
    /// What runs once every region is built.
    static AFTER: RefCell<Vec<Job>> = const { RefCell::new(Vec::new()) };
}

/// Regions created from now on wait, until [`take_pending`].
pub fn defer_from_now() {
    PENDING.with(|pending| *pending.borrow_mut() = Some(Vec::new()));
}

/// The regions left empty since [`defer_from_now`], and what is to run
/// after them; regions created from now on render at once.
pub fn take_pending() -> (Vec<Pending>, Vec<Job>) {
    let pending = PENDING.with(|pending| pending.borrow_mut().take().unwrap_or_default());
    (
        pending,
        AFTER.with(|after| std::mem::take(&mut *after.borrow_mut())),
    )
}

/// While a takeover builds the app, keeps `job` for when every region is
/// built, and answers `true`; otherwise `false` (and `job` is dropped).
pub fn after_regions(job: impl FnOnce() + 'static) -> bool {
    let deferring = PENDING.with(|pending| pending.borrow().is_some());
    if deferring {
        AFTER.with(|after| after.borrow_mut().push(Box::new(job)));
    }
    deferring
}

/// Part of a page that a takeover may build in a later task (see the module).
#[component]
pub fn Region(children: ChildrenFn) -> impl IntoView {
    let element = NodeRef::<Div>::new();
    let shown = RwSignal::new(true);
    PENDING.with(|pending| {
        if let Some(pending) = pending.borrow_mut().as_mut() {
            shown.set(false);
            pending.push(Pending {
                element,
                build: Box::new(move || {
                    shown.try_set(true);
                }),
            });
        }
    });
    view! {
        <div class="region" node_ref=element>
            {dynamic(move || shown.get().then(|| children()))}
        </div>
    }
}
