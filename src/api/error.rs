//! One error type for everything the endpoint can do wrong.

use std::fmt;

/// What failed while talking to the endpoint. Every variant is something a
/// reader is told in plain words (see [`crate::i18n::Text::error_message`]),
/// with a retry; none of them is ever a panic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// No answer at all: offline, DNS, CORS, connection reset.
    Network { url: String, detail: String },
    /// No answer, the browser offline, and no copy kept on this device
    /// (the service worker answers with its copy when it has one).
    Offline { url: String },
    /// An answer with a non-2xx status.
    Http { url: String, status: u16 },
    /// An answer that is not the JSON the contract describes; `detail` is
    /// serde's message (line, column, what was expected).
    BadJson { url: String, detail: String },
    /// An answer that is an HTML page, not data: a static host's fallback
    /// (`index.html` or `404.html` with status 200) for a document it does
    /// not have. Shown as "not found".
    NotJson { url: String, content_type: String },
    /// An answer longer than the client's limit (5 MB).
    TooLarge { url: String },
    /// No complete answer within [`crate::api::TIMEOUT_MS`].
    Timeout { url: String },
    /// The request was cancelled because the reader left the page. Never shown.
    Aborted,
}

impl ApiError {
    /// A missing document: the view shows "not found" rather than an error.
    pub fn is_not_found(&self) -> bool {
        matches!(
            self,
            ApiError::Http {
                status: 404 | 410,
                ..
            } | ApiError::NotJson { .. }
        )
    }
}

impl fmt::Display for ApiError {
    /// The technical detail, for the console and the "details" disclosure.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network { url, detail } => write!(f, "network error for {url}: {detail}"),
            ApiError::Offline { url } => write!(f, "offline, no saved copy of {url}"),
            ApiError::Http { url, status } => {
                let status = crate::numerals::digits((*status).into());
                write!(f, "HTTP {status} for {url}")
            }
            ApiError::BadJson { url, detail } => write!(f, "bad JSON in {url}: {detail}"),
            ApiError::NotJson { url, content_type } => {
                write!(f, "{url} answered with {content_type}, not JSON")
            }
            ApiError::TooLarge { url } => write!(f, "{url} is larger than 5 MB"),
            ApiError::Timeout { url } => write!(f, "timeout for {url}"),
            ApiError::Aborted => write!(f, "request cancelled"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_found_is_only_404_and_410() {
        let http = |status| ApiError::Http {
            url: "u".into(),
            status,
        };
        assert!(http(404).is_not_found());
        assert!(http(410).is_not_found());
        assert!(!http(500).is_not_found());
        assert!(!ApiError::Timeout { url: "u".into() }.is_not_found());
        assert!(ApiError::NotJson {
            url: "u".into(),
            content_type: "text/html".into()
        }
        .is_not_found());
        assert!(!ApiError::TooLarge { url: "u".into() }.is_not_found());
    }

    #[test]
    fn display_names_the_url_and_cause() {
        let e = ApiError::BadJson {
            url: "api/site.json".into(),
            detail: "expected value at line 1 column 1".into(),
        };
        assert_eq!(
            e.to_string(),
            "bad JSON in api/site.json: expected value at line 1 column 1"
        );
    }
}
