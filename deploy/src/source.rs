//! Where the deploy step reads the endpoint: a directory (the embedded
//! `public/api/`, its copy in a build, an importer's output) or an http(s)
//! address. Either way a document is read as the browser reads it: at most
//! [`MAX_DOCUMENT_BYTES`], bytes that are not UTF-8 replaced, a leading
//! byte order mark dropped. And within the run's limits: a time and a number
//! of bytes for the whole run, after which every read is refused.

use std::io::Read;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The most a document may weigh: what the app accepts too.
pub const MAX_DOCUMENT_BYTES: usize = portal_reader::api::MAX_BODY_BYTES;

/// How long one request may take in all, unless told otherwise.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// Redirects followed for one document, each on the endpoint's own origin.
const MAX_REDIRECTS: usize = 5;

/// What a whole run may spend reading.
#[derive(Debug)]
pub struct Budget {
    deadline: Instant,
    bytes_left: AtomicU64,
}

impl Budget {
    pub fn new(time: Duration, bytes: u64) -> Arc<Budget> {
        let now = Instant::now();
        // An operator's `--max-minutes` past what the clock holds: no limit.
        let deadline = now
            .checked_add(time)
            .unwrap_or_else(|| now + Duration::from_secs(u32::MAX.into()));
        Arc::new(Budget {
            deadline,
            bytes_left: AtomicU64::new(bytes),
        })
    }

    /// No limit (tests).
    pub fn unlimited() -> Arc<Budget> {
        Budget::new(Duration::from_secs(u32::MAX.into()), u64::MAX)
    }

    fn check(&self) -> Result<(), String> {
        if Instant::now() > self.deadline {
            return Err("the run's time is up (--max-minutes)".into());
        }
        if self.bytes_left.load(Ordering::Relaxed) == 0 {
            return Err("the run has read all it may (--max-megabytes)".into());
        }
        Ok(())
    }

    fn spend(&self, bytes: usize) {
        let _ = self
            .bytes_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |left| {
                Some(left.saturating_sub(bytes as u64))
            });
    }
}

/// The endpoint, as the deploy step reads it.
#[derive(Clone, Debug)]
pub enum Source {
    Dir(PathBuf, Arc<Budget>),
    /// The base address (ending in `/`), its origin, and the client whose
    /// connections are shared by every thread that fetches.
    Http {
        base: String,
        origin: String,
        agent: ureq::Agent,
        budget: Arc<Budget>,
    },
}

impl Source {
    pub fn dir(dir: PathBuf, budget: Arc<Budget>) -> Source {
        Source::Dir(dir, budget)
    }

    /// An http(s) endpoint at `url` (its base: ending in `/`), each request
    /// given at most `timeout` in all; `None` when `url` is not one.
    pub fn http(url: &str, timeout: Duration, budget: Arc<Budget>) -> Option<Source> {
        let mut base = portal_reader::urls::gate(
            "https://app.invalid/",
            url,
            portal_reader::urls::UrlUse::Fetch,
        )?;
        if !base.ends_with('/') {
            base.push('/');
        }
        let origin = portal_reader::urls::origin_of(&base)?;
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .timeout_connect(Some(timeout.min(Duration::from_secs(10))))
            .http_status_as_error(false)
            // Followed here, and only on the endpoint's own origin.
            .max_redirects(0)
            .user_agent("portal-deploy")
            .build()
            .new_agent();
        Some(Source::Http {
            base,
            origin,
            agent,
            budget,
        })
    }

    /// A folder, or an http(s) URL.
    pub fn parse(text: &str, timeout: Duration, budget: Arc<Budget>) -> Source {
        if text.starts_with("http://") || text.starts_with("https://") {
            if let Some(source) = Source::http(text, timeout, budget.clone()) {
                return source;
            }
        }
        Source::dir(PathBuf::from(text), budget)
    }

    /// What the source is, for messages.
    pub fn describe(&self) -> String {
        match self {
            Source::Dir(dir, _) => dir.display().to_string(),
            Source::Http { base, .. } => base.clone(),
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
            Source::Dir(dir, budget) => {
                budget.check()?;
                let file = dir.join(path);
                let bytes = match std::fs::File::open(&file) {
                    Ok(f) => read_capped(f).map_err(|e| format!("{}: {e}", file.display()))?,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
                    Err(e) => return Err(format!("{}: {e}", file.display())),
                };
                budget.spend(bytes.len());
                Ok(Some(as_text(bytes)))
            }
            Source::Http {
                base,
                origin,
                agent,
                budget,
            } => {
                let mut url = format!("{base}{path}");
                for _ in 0..=MAX_REDIRECTS {
                    budget.check()?;
                    let mut response = agent.get(&url).call().map_err(|e| format!("{url}: {e}"))?;
                    let status = response.status().as_u16();
                    match status {
                        200 => {
                            let bytes = response
                                .body_mut()
                                .with_config()
                                .limit(MAX_DOCUMENT_BYTES as u64)
                                .read_to_vec()
                                .map_err(|e| match e {
                                    ureq::Error::BodyExceedsLimit(_) => {
                                        format!(
                                            "{url}: larger than {} MB",
                                            MAX_DOCUMENT_BYTES >> 20
                                        )
                                    }
                                    e => format!("{url}: {e}"),
                                })?;
                            budget.spend(bytes.len());
                            return Ok(Some(as_text(bytes)));
                        }
                        404 | 410 => return Ok(None),
                        301 | 302 | 303 | 307 | 308 => {
                            let location = response
                                .headers()
                                .get("location")
                                .and_then(|l| l.to_str().ok())
                                .ok_or_else(|| {
                                    format!("{url}: HTTP {status} without a Location")
                                })?;
                            let next = portal_reader::urls::gate(&url, location, portal_reader::urls::UrlUse::Fetch)
                                .filter(|next| portal_reader::urls::origin_of(next).as_deref() == Some(origin))
                                .ok_or_else(|| {
                                    format!("{url}: redirected to {location}, not on the endpoint's origin: refused")
                                })?;
                            url = next;
                        }
                        status => return Err(format!("{url}: HTTP {status}")),
                    }
                }
                Err(format!("{base}{path}: more than {MAX_REDIRECTS} redirects"))
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
        let source = Source::dir(std::env::temp_dir(), Budget::unlimited());
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
    fn a_document_larger_than_the_app_takes_is_refused_and_the_run_has_a_budget() {
        let dir = std::env::temp_dir().join(format!("source-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("big.json"), vec![b' '; MAX_DOCUMENT_BYTES + 1]).unwrap();
        std::fs::write(dir.join("ok.json"), vec![b' '; MAX_DOCUMENT_BYTES]).unwrap();
        let source = Source::dir(
            dir.clone(),
            Budget::new(Duration::from_secs(60), MAX_DOCUMENT_BYTES as u64),
        );
        assert!(source
            .get("big.json")
            .unwrap_err()
            .contains("larger than 5 MB"));
        assert_eq!(
            source.get("ok.json").unwrap().map(|t| t.len()),
            Some(MAX_DOCUMENT_BYTES)
        );
        assert!(
            source
                .get("ok.json")
                .unwrap_err()
                .contains("--max-megabytes"),
            "the budget is spent"
        );
        let late = Source::dir(dir.clone(), Budget::new(Duration::ZERO, u64::MAX));
        std::thread::sleep(Duration::from_millis(5));
        assert!(late.get("ok.json").unwrap_err().contains("--max-minutes"));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
