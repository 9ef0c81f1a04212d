//! Where the pre-render reads the endpoint: a directory (the embedded
//! `public/api/`, or its copy in a build) or an http(s) address, fetched with
//! `curl` (present on every deploy machine, and no TLS stack of our own to
//! build for a tool that runs once per deploy).

use std::path::PathBuf;
use std::process::Command;

/// The endpoint, as the pre-render reads it.
#[derive(Clone, Debug)]
pub enum Source {
    Dir(PathBuf),
    Url(String),
}

impl Source {
    /// A directory path or an http(s) URL (a URL ends in `/` implicitly).
    pub fn parse(text: &str) -> Source {
        if text.starts_with("http://") || text.starts_with("https://") {
            let mut url = text.to_string();
            if !url.ends_with('/') {
                url.push('/');
            }
            Source::Url(url)
        } else {
            Source::Dir(PathBuf::from(text))
        }
    }

    /// The document at `path` (relative to the endpoint) as text; `Ok(None)`
    /// when it does not exist, `Err` when it could not be read.
    pub fn get(&self, path: &str) -> Result<Option<String>, String> {
        // Paths come from the endpoint (`next`) or from validated slugs; keep
        // them inside the endpoint all the same.
        if path.split('/').any(|segment| segment == "..") || path.starts_with('/') {
            return Err(format!("{path}: not a path under the endpoint"));
        }
        match self {
            Source::Dir(dir) => match std::fs::read_to_string(dir.join(path)) {
                Ok(text) => Ok(Some(text)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(format!("{}: {e}", dir.join(path).display())),
            },
            Source::Url(base) => {
                let url = format!("{base}{path}");
                let output = Command::new("curl")
                    .args(["--silent", "--show-error", "--location", "--max-time", "30"])
                    .args(["--write-out", "\n%{http_code}", &url])
                    .output()
                    .map_err(|e| format!("curl for {url}: {e} (is curl installed?)"))?;
                if !output.status.success() {
                    return Err(format!(
                        "{url}: {}",
                        String::from_utf8_lossy(&output.stderr).trim()
                    ));
                }
                let text =
                    String::from_utf8(output.stdout).map_err(|_| format!("{url}: not UTF-8"))?;
                let (body, status) = text.rsplit_once('\n').unwrap_or((&text, ""));
                match status {
                    "200" => Ok(Some(body.to_string())),
                    "404" | "410" => Ok(None),
                    other => Err(format!("{url}: HTTP {other}")),
                }
            }
        }
    }
}
