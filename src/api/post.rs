//! The two things the app sends: a vote, and a page view.

use web_sys::AbortController;

use super::client::post_text;
use super::decode::decode;
use super::json::{json_object, json_string};
use super::outbox::keep;
use super::{ApiError, Endpoint, RatingTotals};

/// POSTs a vote of `stars` on `slug` and returns the endpoint's new totals.
/// Offline, the vote is kept and sent when the connection returns
/// ([`super::send_kept`]): the answer is then [`ApiError::Offline`].
///
/// `vote_id` identifies this one vote: made once when the reader first sends
/// it and sent again, unchanged, by "Thử lại", so an endpoint that counted
/// the first attempt (whose answer was lost to a timeout) can drop the retry.
pub async fn post_vote(
    endpoint: &Endpoint,
    slug: &str,
    stars: u8,
    vote_id: &str,
) -> Result<RatingTotals, ApiError> {
    let url = endpoint.ratings(slug)?;
    let controller = AbortController::new().map_err(|_| ApiError::Network {
        url: url.clone(),
        detail: "AbortController unavailable".into(),
    })?;
    let body = json_object(&[
        ("stars", crate::numerals::digits(stars.into())),
        ("vote_id", json_string(vote_id)),
    ]);
    let answer = post_text(&url, &body, &controller.signal())
        .await
        .inspect_err(|error| {
            if matches!(error, ApiError::Offline { .. }) {
                keep(&format!("articles/{slug}/ratings"), &body);
            }
        })?;
    decode(&url, &answer)
}

/// POSTs `{"path": route}` to `stats/hit`, fire-and-forget: the answer and
/// any error are ignored, and the request is not tied to the page (a hit for
/// a page the reader already left still counts).
pub fn post_hit(endpoint: &Endpoint, route: &str) {
    let Ok(controller) = AbortController::new() else {
        return;
    };
    let url = endpoint.write_url("stats/hit");
    let body = json_object(&[("path", json_string(route))]);
    leptos::task::spawn_local(async move {
        // Offline, the page view is kept and counted later.
        if let Err(ApiError::Offline { .. }) = post_text(&url, &body, &controller.signal()).await {
            keep("stats/hit", &body);
        }
    });
}

/// A fresh vote id: 128 random bits as 32 hex digits, from the browser's
/// cryptographic generator (every browser that runs wasm has had
/// `crypto.getRandomValues` for years, on http pages too).
pub fn new_vote_id() -> String {
    let mut bytes = [0u8; 16];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn vote_ids_are_hex() {
        assert_eq!(super::hex(&[0, 0xab, 0x0f, 0xf0]), "00ab0ff0");
    }
}
