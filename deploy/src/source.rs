//! Where the deploy step reads the endpoint: a directory (the embedded
//! `public/api/`, its copy in a build, an importer's output) or an http(s)
//! address. Either way a document is read as the browser reads it: at most
//! [`MAX_DOCUMENT_BYTES`], bytes that are not UTF-8 replaced, a leading
//! byte order mark dropped.

use std::io::Read;
use std::path::PathBuf;
use std::time::Duration;

/// The most a document may weigh: what the app accepts too.
pub const MAX_DOCUMENT_BYTES: usize = portal_reader::api::MAX_BODY_BYTES;

/// How long one request may take in all, unless told otherwise.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The endpoint, as the deploy step reads it.
#[derive(Clone, Debug)]
pub enum Source {
    Dir(PathBuf),
    /// The base address (ending in `/`) and the client, whose connections
    /// are shared by every thread that fetches.
    Http(String, ureq::Agent),
}

impl Source {
    /// A directory path or an http(s) URL (a URL ends in `/` implicitly).
    pub fn parse(text: &str) -> Source {
        Source::with_timeout(text, REQUEST_TIMEOUT)
    }

    /// [`Source::parse`], each request given at most `timeout` in all.
    pub fn with_timeout(text: &str, timeout: Duration) -> Source {
        if text.starts_with("http://") || text.starts_with("https://") {
            let mut url = text.to_string();
            if !url.ends_with('/') {
                url.push('/');
            }
            let agent = ureq::Agent::config_builder()
                .timeout_global(Some(timeout))
                .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
                .http_status_as_error(false)
                .max_redirects(5)
                .user_agent("portal-deploy")
                .build()
                .new_agent();
            Source::Http(url, agent)
        } else {
            Source::Dir(PathBuf::from(text))
        }
    }

    /// What the source is, for messages.
    pub fn describe(&self) -> String {
        match self {
            Source::Dir(dir) => dir.display().to_string(),
            Source::Http(base, _) => base.clone(),
        }
    }

    /// The document at `path` (relative to the endpoint) as text; `Ok(None)`
    /// when the endpoint says it does not exist (no file, HTTP 404 or 410),
    /// `Err` when it could not be read.
    pub fn get(&self, path: &str) -> Result<Option<String>, String> {
        // Paths come from the endpoint (`next`) or from checked slugs; keep
        // them inside the endpoint all the same.
        if path.is_empty()
            || path.starts_with('/')
            || path.contains('\\')
            || path.split(['/', '?', '#']).any(|segment| segment == "..")
        {
            return Err(format!("{path}: not a path under the endpoint"));
        }
        match self {
            Source::Dir(dir) => {
                let file = dir.join(path);
                let bytes = match std::fs::File::open(&file) {
                    Ok(f) => read_capped(f).map_err(|e| format!("{}: {e}", file.display()))?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(e) => return Err(format!("{}: {e}", file.display())),
                };
                Ok(Some(as_text(bytes)))
            }
            Source::Http(base, agent) => {
                let url = format!("{base}{path}");
                let mut response = agent.get(&url).call().map_err(|e| format!("{url}: {e}"))?;
                match response.status().as_u16() {
                    200 => {}
                    404 | 410 => return Ok(None),
                    status => return Err(format!("{url}: HTTP {status}")),
                }
                let bytes = response
                    .body_mut()
                    .with_config()
                    .limit(MAX_DOCUMENT_BYTES as u64)
                    .read_to_vec()
                    .map_err(|e| match e {
                        ureq::Error::BodyExceedsLimit(_) => {
                            format!("{url}: larger than {} MB", MAX_DOCUMENT_BYTES >> 20)
                        }
                        e => format!("{url}: {e}"),
                    })?;
                Ok(Some(as_text(bytes)))
            }
        }
    }
}

/// A file's bytes, refused past [`MAX_DOCUMENT_BYTES`].
fn read_capped(file: std::fs::File) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    file.take(MAX_DOCUMENT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(std::io::Error::other(format!(
            "larger than {} MB",
            MAX_DOCUMENT_BYTES >> 20
        )));
    }
    Ok(bytes)
}

/// Bytes as the browser's `response.text()` reads them: UTF-8, with U+FFFD
/// for what is not, and no byte order mark.
pub fn as_text(bytes: Vec<u8>) -> String {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_as_the_browser_reads_it() {
        assert_eq!(as_text(b"\xEF\xBB\xBF{}".to_vec()), "{}");
        assert_eq!(
            as_text(b"{\"a\":\"\xFF\"}".to_vec()),
            "{\"a\":\"\u{FFFD}\"}"
        );
    }

    #[test]
    fn paths_stay_under_the_endpoint() {
        let source = Source::Dir(std::env::temp_dir());
        for bad in [
            "",
            "/etc/passwd",
            "../x.json",
            "a/../../x",
            "a\\..\\x",
            "x?../y",
        ] {
            assert!(source.get(bad).is_err(), "{bad}");
        }
        assert_eq!(source.get("no-such-document-here.json"), Ok(None));
    }

    #[test]
    fn a_document_larger_than_the_app_takes_is_refused() {
        let dir = std::env::temp_dir().join(format!("source-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("big.json"), vec![b' '; MAX_DOCUMENT_BYTES + 1]).unwrap();
        std::fs::write(dir.join("ok.json"), vec![b' '; MAX_DOCUMENT_BYTES]).unwrap();
        let source = Source::Dir(dir.clone());
        assert!(source
            .get("big.json")
            .unwrap_err()
            .contains("larger than 5 MB"));
        assert_eq!(
            source.get("ok.json").unwrap().map(|t| t.len()),
            Some(MAX_DOCUMENT_BYTES)
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
