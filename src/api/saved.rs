//! "Lưu đọc sau": the articles a reader saved for offline reading. The
//! service worker (`src/offline/sw.js`) keeps their documents and images and
//! answers `saved.txt` under the app's base itself: GET for the list, POST
//! (JSON) to save or remove, both answered with the list as lines (a
//! `#portal-saved` marker, then `saved_at<TAB>slug<TAB>title` per article:
//! read without a JSON decoder, which would cost the wasm more than this
//! whole feature's parsing). Without a worker in control the host answers
//! instead (404, 405, or a page): then saving is [`SaveError::Unavailable`].

use web_sys::AbortController;

use super::client::{get_text, post_text};
use super::json::{json_array, json_object, json_string};
use super::ApiError;
use crate::urls::is_valid_slug;

/// One saved article, as the worker lists it (newest first).
#[derive(Clone, Debug, PartialEq)]
pub struct SavedArticle {
    pub slug: String,
    pub title: String,
    /// When it was saved, in milliseconds since 1970.
    pub saved_at: u64,
}

/// Why saving (or reading the list) did not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// No worker keeps articles here (an old browser, a private window, the
    /// first seconds of a first visit).
    Unavailable,
    /// The device's storage for this site is full.
    Quota,
    /// A document or an image could not be fetched, or storage failed.
    Failed,
}

impl SaveError {
    fn from_api(error: ApiError) -> Self {
        match error {
            ApiError::Http {
                status: 404 | 405 | 503,
                ..
            }
            | ApiError::NotJson { .. } => SaveError::Unavailable,
            ApiError::Http { status: 507, .. } => SaveError::Quota,
            _ => SaveError::Failed,
        }
    }
}

/// The saved articles; only those with a valid slug (the titles came from
/// the endpoint and are shown as text).
pub async fn saved_articles(page_base: &str) -> Result<Vec<SavedArticle>, SaveError> {
    if !worker_in_control() {
        return Err(SaveError::Unavailable);
    }
    let url = list_url(page_base);
    let Ok(controller) = AbortController::new() else {
        return Err(SaveError::Unavailable);
    };
    let text = get_text(&url, &controller.signal())
        .await
        .map_err(SaveError::from_api)?;
    read_list(&text)
}

/// Saves an article: its document and every image at `urls`, all or none.
/// Returns the new list.
pub async fn save_article(
    page_base: &str,
    slug: &str,
    title: &str,
    urls: &[String],
) -> Result<Vec<SavedArticle>, SaveError> {
    let urls: Vec<String> = urls.iter().map(|url| json_string(url)).collect();
    let save = json_object(&[
        ("slug", json_string(slug)),
        ("title", json_string(title)),
        ("urls", json_array(&urls)),
    ]);
    change(page_base, json_object(&[("save", save)])).await
}

/// Removes a saved article; returns the new list.
pub async fn remove_saved(page_base: &str, slug: &str) -> Result<Vec<SavedArticle>, SaveError> {
    change(page_base, json_object(&[("remove", json_string(slug))])).await
}

async fn change(page_base: &str, body: String) -> Result<Vec<SavedArticle>, SaveError> {
    if !worker_in_control() {
        return Err(SaveError::Unavailable);
    }
    let url = list_url(page_base);
    let Ok(controller) = AbortController::new() else {
        return Err(SaveError::Unavailable);
    };
    let text = post_text(&url, &body, &controller.signal())
        .await
        .map_err(SaveError::from_api)?;
    read_list(&text)
}

/// Whether a service worker controls the page: without one the host would
/// answer (a 404 on every article page, for nothing).
fn worker_in_control() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let navigator = window.navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false)
        && navigator.service_worker().controller().is_some()
}

fn list_url(page_base: &str) -> String {
    format!("{page_base}saved.txt")
}

/// The worker's lines; an answer without its marker is a host's (a page it
/// serves for every path), not a list.
fn read_list(text: &str) -> Result<Vec<SavedArticle>, SaveError> {
    let mut lines = text.lines();
    if lines.next() != Some("#portal-saved") {
        return Err(SaveError::Unavailable);
    }
    Ok(lines
        .filter_map(|line| {
            let mut fields = line.splitn(3, '\t');
            // A time past what a JavaScript date holds exactly is no time.
            let saved_at =
                fields
                    .next()?
                    .parse::<u64>()
                    .ok()
                    .map(|ms| if ms < 1 << 53 { ms } else { 0 })?;
            let slug = fields.next().filter(|slug| is_valid_slug(slug))?;
            Some(SavedArticle {
                slug: slug.to_string(),
                title: fields.next().unwrap_or_default().to_string(),
                saved_at,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_keeps_only_articles_with_a_valid_slug() {
        let text = "#portal-saved\n1764232200000\ta-b\tA title\twith a tab\n\
                    5\t../x\tX\nsoon\tc\tC\n7\tc";
        let list = read_list(text).unwrap();
        assert_eq!(
            list,
            [
                SavedArticle {
                    slug: "a-b".into(),
                    title: "A title\twith a tab".into(),
                    saved_at: 1_764_232_200_000
                },
                SavedArticle {
                    slug: "c".into(),
                    title: String::new(),
                    saved_at: 7
                }
            ]
        );
        assert_eq!(read_list("#portal-saved"), Ok(Vec::new()));
        let far = read_list("#portal-saved\n18446744073709551615\tx\tX").unwrap();
        assert_eq!(far[0].saved_at, 0, "shown without a time");
        for host_page in ["<!doctype html><html>", "", "[]"] {
            assert_eq!(read_list(host_page), Err(SaveError::Unavailable));
        }
    }

    #[test]
    fn what_the_answer_says_about_saving() {
        let http = |status| ApiError::Http {
            url: "saved.json".into(),
            status,
        };
        assert_eq!(SaveError::from_api(http(404)), SaveError::Unavailable);
        assert_eq!(SaveError::from_api(http(405)), SaveError::Unavailable);
        assert_eq!(SaveError::from_api(http(507)), SaveError::Quota);
        assert_eq!(SaveError::from_api(http(502)), SaveError::Failed);
    }
}
