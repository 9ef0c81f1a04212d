//! `site.json`, loaded once for the whole app and shared as context, and the
//! language of the content it declares.

use leptos::prelude::*;

use crate::api::{use_load, Endpoint, Loader, Site};
use crate::i18n::Lang;

/// The `site.json` loader, provided by [`provide_site`].
#[derive(Clone, Copy)]
struct SiteData(Loader<Site>);

/// The language code of the content (`site.json`'s `lang`).
#[derive(Clone, Copy)]
struct ContentLang(Memo<&'static str>);

/// Starts loading `site.json` and provides it, with the content language
/// worked out once from it, to every view below.
pub fn provide_site(endpoint: Endpoint) {
    let site = use_load(move || endpoint.site());
    provide_context(SiteData(site));
    provide_context(ContentLang(Memo::new(move |_| {
        let lang = site.ready_map(|site| Lang::of_content(site.lang.as_deref()));
        lang.unwrap_or(Lang::Vi).code()
    })));
}

/// `site.json`, as far as it has loaded (tracked when read).
pub fn use_site() -> Loader<Site> {
    crate::context::context::<SiteData>().0
}

/// The language articles are written in, for `lang` attributes on content:
/// an English interface around Vietnamese articles must not make screen
/// readers speak Vietnamese with English rules. `site.json`'s `lang` says
/// which; Vietnamese until it answers.
pub fn use_content_lang() -> Signal<&'static str> {
    crate::context::context::<ContentLang>().0.into()
}
