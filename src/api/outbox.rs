//! What the reader sends while offline (a vote, a page view), kept on the
//! device and sent when the connection returns: `localStorage` under
//! `portal.outbox`, a line per request, the endpoint path and the JSON body
//! separated by a tab (a body has neither: [`super::json`] escapes them). A vote
//! carries its `vote_id`, so an endpoint that already counted it (an answer
//! lost on the way) counts it once.

use std::cell::Cell;

use web_sys::AbortController;

use super::client::post_text;
use super::{ApiError, Endpoint};
use crate::urls::is_valid_slug;

const KEY: &str = "portal.outbox";
/// Enough for a long ride without signal; the oldest go first past it.
const MAX_KEPT: usize = 100;

#[derive(Clone, Debug, PartialEq)]
struct Kept {
    path: String,
    body: String,
}

thread_local! {
    /// A sending run is under way (the `online` event and the start may
    /// both ask).
    static SENDING: Cell<bool> = const { Cell::new(false) };
}

/// Keeps a POST of `body` to `path` for later.
pub(super) fn keep(path: &str, body: &str) {
    let mut kept = read();
    kept.push(Kept {
        path: path.to_string(),
        body: body.to_string(),
    });
    let excess = kept.len().saturating_sub(MAX_KEPT);
    write(&kept[excess..]);
}

/// Sends what was kept; what fails for want of a connection is kept again,
/// what the endpoint refuses is dropped (sending it again would not help).
pub fn send_kept(endpoint: &Endpoint) {
    if SENDING.with(Cell::get) || read().is_empty() {
        return;
    }
    SENDING.with(|s| s.set(true));
    let endpoint = endpoint.clone();
    leptos::task::spawn_local(async move {
        let kept = read();
        write(&[]);
        let mut again = Vec::new();
        for item in kept {
            let Some(url) = allowed(&item.path).map(|path| endpoint.write_url(path)) else {
                continue;
            };
            let Ok(controller) = AbortController::new() else {
                again.push(item);
                continue;
            };
            if let Err(
                ApiError::Network { .. } | ApiError::Offline { .. } | ApiError::Timeout { .. },
            ) = post_text(&url, &item.body, &controller.signal()).await
            {
                again.push(item);
            }
        }
        if !again.is_empty() {
            let mut kept = again;
            kept.extend(read());
            write(&kept);
        }
        SENDING.with(|s| s.set(false));
    });
}

/// Only the two things the app sends: stored data is not trusted to name
/// any other address.
fn allowed(path: &str) -> Option<&str> {
    let vote = path
        .strip_prefix("articles/")
        .and_then(|rest| rest.strip_suffix("/ratings"))
        .is_some_and(is_valid_slug);
    (vote || path == "stats/hit").then_some(path)
}

fn read() -> Vec<Kept> {
    storage()
        .and_then(|storage| storage.get_item(KEY).ok().flatten())
        .map(|text| parse(&text))
        .unwrap_or_default()
}

fn parse(text: &str) -> Vec<Kept> {
    text.lines()
        .filter_map(|line| {
            let (path, body) = line.split_once('\t')?;
            Some(Kept {
                path: path.to_string(),
                body: body.to_string(),
            })
        })
        .collect()
}

fn format(kept: &[Kept]) -> String {
    kept.iter()
        .map(|k| format!("{}\t{}\n", k.path, k.body))
        .collect()
}

fn write(kept: &[Kept]) {
    let Some(storage) = storage() else {
        return;
    };
    if kept.is_empty() {
        let _ = storage.remove_item(KEY);
        return;
    }
    let _ = storage.set_item(KEY, &format(kept));
}

/// `localStorage`, where there is one (it throws in some private modes).
fn storage() -> Option<web_sys::Storage> {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()?.local_storage().ok().flatten();
    #[cfg(not(target_arch = "wasm32"))]
    return None;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_requests_read_back_as_written() {
        let kept = vec![
            Kept {
                path: "articles/a/ratings".into(),
                body: r#"{"stars":5,"vote_id":"ab"}"#.into(),
            },
            Kept {
                path: "stats/hit".into(),
                body: r#"{"path":"/bai-viet/a\nb"}"#.into(),
            },
        ];
        assert_eq!(parse(&format(&kept)), kept);
        assert_eq!(parse("garbage\n\n"), Vec::new());
    }

    #[test]
    fn only_votes_and_page_views_are_sent_from_storage() {
        assert!(allowed("articles/a-b/ratings").is_some());
        assert!(allowed("stats/hit").is_some());
        for path in [
            "articles/../ratings",
            "https://evil.example/x",
            "site.json",
            "articles/a/b/ratings",
        ] {
            assert_eq!(allowed(path), None, "{path}");
        }
    }
}
