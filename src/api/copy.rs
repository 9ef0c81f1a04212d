//! Whether what the endpoint answered came over the network or from the
//! copy the service worker keeps (`src/offline/sw.js` marks its copies with
//! [`SAVED_AT_HEADER`]): the offline notice shows from when.

use leptos::prelude::*;

/// The header with which the worker marks an answer from its cache: when
/// the copy was stored, in milliseconds since 1970.
pub const SAVED_AT_HEADER: &str = "x-portal-saved-at";

thread_local! {
    /// When the copy last answered was stored; `None` after a fresh answer.
    /// (Reference-counted: it outlives any one owner, as the page does.)
    static SHOWING_COPY: ArcRwSignal<Option<f64>> = ArcRwSignal::new(None);
}

/// Records an answer: `saved_at` is its [`SAVED_AT_HEADER`], if any. A
/// fresh answer means the network is back.
pub fn note_answer(saved_at: Option<String>) {
    let copy = saved_at.as_deref().and_then(parse_saved_at);
    SHOWING_COPY.with(|showing| {
        if showing.get_untracked() != copy {
            showing.set(copy);
        }
    });
}

/// When the copy shown was stored, while the last answer was a copy
/// (tracked). A getter rather than `read_only()`, which would make a
/// second signal type for the wasm to carry (as `context::ReadOnly` says).
pub fn showing_copy() -> impl Fn() -> Option<f64> + Send + Sync + 'static {
    let showing = SHOWING_COPY.with(ArcRwSignal::clone);
    move || showing.get()
}

/// A header value as a time: a positive whole number of milliseconds, below
/// 2^53 (what a JavaScript date holds exactly). Parsed as an integer: Rust's
/// float parser is large in the wasm, and a time has no fraction.
fn parse_saved_at(value: &str) -> Option<f64> {
    value
        .trim()
        .parse::<u64>()
        .ok()
        .filter(|ms| (1..1 << 53).contains(ms))
        .map(|ms| ms as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sane_time_is_taken_from_the_header() {
        assert_eq!(parse_saved_at(" 1764232200000 "), Some(1_764_232_200_000.0));
        for bad in [
            "",
            "NaN",
            "inf",
            "-1",
            "0",
            "soon",
            "1e999",
            "1.5",
            "9007199254740992",
        ] {
            assert_eq!(parse_saved_at(bad), None, "{bad}");
        }
    }
}
