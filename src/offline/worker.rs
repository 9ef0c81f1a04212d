//! The browser's service worker API, as the offline module uses it. Called
//! from effects and handlers only (never while rendering natively).

use std::cell::{Cell, RefCell};

use super::LocalTime;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// The reader asked for the new version: reload once it is in control.
    static RELOAD_ASKED: Cell<bool> = const { Cell::new(false) };
}

/// The page's worker container, where the browser has one (not in old
/// browsers, nor on plain http: other than localhost).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker"))
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

/// Registers `script`; `on_update` runs when a new version is installed and
/// waits while this one controls the page.
pub fn register(script: &str, on_update: impl Fn() + Clone + 'static) {
    let Some(container) = container() else {
        return;
    };
    let registering = container.register(script);
    spawn_local(async move {
        // Not a registration (a browser that stubs the API, a test harness
        // that blocks workers): no worker, nothing else changes.
        let Ok(Ok(registration)) = JsFuture::from(registering)
            .await
            .map(JsCast::dyn_into::<ServiceWorkerRegistration>)
        else {
            return;
        };
        watch(&container, &registration, on_update);
        REGISTRATION.with(|r| *r.borrow_mut() = Some(registration));
    });
}

fn watch(
    container: &ServiceWorkerContainer,
    registration: &ServiceWorkerRegistration,
    on_update: impl Fn() + Clone + 'static,
) {
    // The first worker ever installed takes over a page that had none:
    // that is no update to offer.
    let controlled = {
        let container = container.clone();
        move || container.controller().is_some()
    };
    if registration.waiting().is_some() && controlled() {
        on_update();
    }
    let found = {
        let registration = registration.clone();
        Closure::<dyn Fn()>::new(move || {
            let Some(installing) = registration.installing() else {
                return;
            };
            let (on_update, controlled, worker) =
                (on_update.clone(), controlled.clone(), installing.clone());
            let changed = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    on_update();
                }
            });
            installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
        })
    };
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
    let reload = Closure::<dyn Fn()>::new(|| {
        if RELOAD_ASKED.with(Cell::get) {
            let _ = leptos::prelude::window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
}

/// Asks the browser whether a new version was deployed.
pub fn check_for_update() {
    REGISTRATION.with(|r| {
        if let Some(registration) = r.borrow().as_ref() {
            if let Ok(checking) = registration.update() {
                // A failed check (offline) is no news.
                spawn_local(async move {
                    let _ = JsFuture::from(checking).await;
                });
            }
        }
    });
}

/// The reader's "Tải lại": the waiting version takes over, then the page
/// reloads into it.
pub fn activate_update() {
    let waiting = REGISTRATION.with(|r| r.borrow().as_ref().and_then(|r| r.waiting()));
    match waiting {
        Some(worker) => {
            RELOAD_ASKED.with(|asked| asked.set(true));
            let _ = worker.post_message(&JsValue::from_str("activate"));
        }
        None => {
            let _ = leptos::prelude::window().location().reload();
        }
    }
}

/// `ms` since 1970, and now, in the reader's local time.
pub fn local_times(ms: f64) -> (LocalTime, LocalTime) {
    let local = |date: js_sys::Date| LocalTime {
        year: date.get_full_year(),
        month: date.get_month() + 1,
        day: date.get_date(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
    };
    (
        local(js_sys::Date::new(&JsValue::from_f64(ms))),
        local(js_sys::Date::new_0()),
    )
}
