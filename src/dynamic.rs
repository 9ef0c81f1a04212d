//! Every part of a view that is rebuilt when what it reads changes, through
//! one type; and the attributes few elements carry, through one type too
//! ([`attribute`]).
//!
//! A `move || view! {..}` child is its own closure type, and Leptos compiles
//! its rebuild machinery (a render effect, state swapping, the erased
//! `AnyView` shims) once per type. Boxed as [`Dynamic`], the closures share
//! one copy and only their bodies differ.

use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::{custom_attribute, CustomAttr};
use leptos::tachys::html::attribute::AttributeValue;

/// Leptos' `view!` without the `View` it wraps its output in. That wrapper
/// (it carries hot-reload markers, in debug builds only) is a type of its
/// own around every element type, so each element a view returns was
/// compiled twice: as itself (a child of another element) and wrapped (what
/// a component or a `.into_any()` returns).
/// Every module that writes views imports this one (`use
/// crate::dynamic::view;`, which takes precedence over the prelude's);
/// `.tools/structure.mjs` checks that none forgets.
macro_rules! view {
    ($($tokens:tt)*) => {
        ::leptos::prelude::view! { $($tokens)* }.into_inner()
    };
}
pub(crate) use view;

/// A view part rebuilt when the signals it reads change.
pub type Dynamic = Box<dyn FnMut() -> AnyView + Send>;

/// `move || …` as a [`Dynamic`]: `dynamic(move || match x.get() { … })`.
pub fn dynamic<V: IntoAny>(mut f: impl FnMut() -> V + Send + 'static) -> Dynamic {
    Box::new(move || f().into_any())
}

/// A text rebuilt when the signals it reads change, through one type as
/// [`Dynamic`]: `{text(move || message.get())}`. No text is `""`.
pub type DynamicText = Box<dyn FnMut() -> String + Send>;

/// `move || …` returning a string as a [`DynamicText`].
pub fn text<S: Into<String>>(mut f: impl FnMut() -> S + Send + 'static) -> DynamicText {
    Box::new(move || f().into())
}

/// An attribute rebuilt when the signals it reads change, through one type:
/// `aria-disabled=attr(move || busy.get().then_some("true"))`. `None`
/// removes the attribute.
pub type DynamicAttr = Box<dyn FnMut() -> Option<&'static str> + Send>;

/// `move || …` returning an attribute's value as a [`DynamicAttr`].
pub fn attr<A: Into<Option<&'static str>>>(
    mut f: impl FnMut() -> A + Send + 'static,
) -> DynamicAttr {
    Box::new(move || f().into())
}

/// A boolean attribute (`hidden`, `disabled`) rebuilt when the signals it
/// reads change, through one type.
pub type DynamicFlag = Box<dyn FnMut() -> bool + Send>;

/// `move || …` returning whether a boolean attribute is set.
pub fn flag(f: impl FnMut() -> bool + Send + 'static) -> DynamicFlag {
    Box::new(f)
}

/// An attribute whose name few elements carry, through one type:
/// `{attribute("datetime", value)}` in place of `datetime=value`.
///
/// Written `name=value`, each attribute name is a type of its own
/// (`Attr<Datetime, …>`), and Leptos compiles its erased build, render and
/// clone code, with a type id, once per name; through `attribute` they
/// share the type `data-*` attributes have (one per value type: a string,
/// a [`DynamicAttr`]...), with the same markup. For the attributes of
/// images (`src`, `alt`, size, loading hints) and the rare ones (`action`,
/// `autocomplete`, `datetime`, `rel`, `tabindex`, `aria-hidden` on a
/// built element...); names many elements carry (`class`, `href`, `role`,
/// `lang`, `aria-label`...) keep the usual form. Not on an element whose
/// attributes and children are all literals: `view!` writes that one as a
/// string, which a block attribute would undo.
pub fn attribute<V: AttributeValue>(name: &'static str, value: V) -> CustomAttr<&'static str, V> {
    custom_attribute(name, value)
}

/// `"true"` or `"false"`, for `aria-pressed`, `aria-expanded` and the like.
pub fn true_false(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// A click handler, through one type: each `on:click=move |_| …` closure
/// was its own copy of Leptos' listener code.
pub type OnClick = Box<dyn FnMut(leptos::ev::MouseEvent)>;

/// `move |event| …` as an [`OnClick`].
pub fn on_click(f: impl FnMut(leptos::ev::MouseEvent) + 'static) -> OnClick {
    Box::new(f)
}

/// Lists of views as `Vec<AnyView>`, one type for every list: each
/// `collect_view()` of another item type was its own copy of Leptos' list
/// code. `items.iter().map(|item| view! { <li>…</li> }).collect_any()`.
pub trait CollectAny: Iterator<Item: IntoAny> + Sized {
    fn collect_any(self) -> Vec<AnyView> {
        self.map(IntoAny::into_any).collect()
    }
}

impl<I: Iterator<Item: IntoAny>> CollectAny for I {}

/// An optional view as `Option<AnyView>`, one type for every optional part:
/// each `Option` of another view type was its own copy of Leptos' code.
/// `{caption.map(|c| view! { <figcaption>{c}</figcaption> }).any()}`.
pub trait AnyOption {
    fn any(self) -> Option<AnyView>;
}

impl<V: IntoAny> AnyOption for Option<V> {
    fn any(self) -> Option<AnyView> {
        self.map(IntoAny::into_any)
    }
}
