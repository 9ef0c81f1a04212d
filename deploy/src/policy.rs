//! The Content-Security-Policy of a build, and the headers file a static
//! host reads (`_headers`, as Netlify and Cloudflare Pages take it).
//!
//! The policy allows the build's own inline scripts and styles by hash, and
//! nothing else inline: the hashes come from the templates (the shell, and
//! the page template cut from it), never from a rendered page, so whatever
//! text the endpoint sends can never choose what the policy allows. The
//! endpoint's origin (when it is not the app's) may be fetched and shown;
//! Zalo's share plugin only when the operator allows it.

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::markup::InlineCode;

/// Hosts Zalo's share plugin needs: its script, and the iframe it draws.
pub const ZALO_SCRIPT: &str = "https://sp.zalo.me";
pub const ZALO_FRAME: &str = "https://*.zalo.me";

/// The other security headers a static host sends with every file.
pub const HEADERS: &[(&str, &str)] = &[
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
    ),
];

/// What the policy of a build allows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Policy {
    /// `'sha256-…'` of each inline script that runs, in first-seen order.
    scripts: Vec<String>,
    styles: Vec<String>,
    /// The endpoint's origin, when it is not the app's own.
    endpoint: Option<String>,
    /// The counting service's origin (`portal-counter`), when it is not
    /// the app's own: fetched only, never an image.
    counter: Option<String>,
    zalo: bool,
}

impl Policy {
    /// The policy for pages whose inline code is `code`, reading their
    /// endpoint on `endpoint` when it is another origin (see
    /// [`crate::deployment`]: as the app resolves it).
    pub fn new<'a>(
        code: impl IntoIterator<Item = &'a InlineCode>,
        endpoint: Option<&str>,
        zalo: bool,
    ) -> Self {
        let mut policy = Policy {
            endpoint: plain_origin(endpoint),
            zalo,
            ..Policy::default()
        };
        for code in code {
            for script in &code.scripts {
                push_new(&mut policy.scripts, sha256(script));
            }
            for style in &code.styles {
                push_new(&mut policy.styles, sha256(style));
            }
        }
        policy
    }

    /// This policy with the counting service at `origin` (another
    /// origin than the app's) allowed to be fetched.
    pub fn with_counter(self, origin: Option<&str>) -> Self {
        Policy {
            counter: plain_origin(origin).filter(|o| Some(o) != self.endpoint.as_ref()),
            ..self
        }
    }

    /// The policy as a `<meta http-equiv>` carries it.
    pub fn meta_text(&self) -> String {
        self.text(false)
    }

    /// The policy as an HTTP header: with `frame-ancestors`, which a meta
    /// element cannot carry.
    pub fn header_text(&self) -> String {
        self.text(true)
    }

    fn text(&self, header: bool) -> String {
        let list = |items: Vec<&str>| items.join(" ");
        let mut script = vec!["'self'", "'wasm-unsafe-eval'"];
        script.extend(self.scripts.iter().map(String::as_str));
        let mut style = vec!["'self'"];
        style.extend(self.styles.iter().map(String::as_str));
        let endpoint = self.endpoint.as_deref();
        let mut script_src = list(script);
        if self.zalo {
            script_src.push(' ');
            script_src.push_str(ZALO_SCRIPT);
        }
        let mut directives = vec![
            ("default-src", "'none'".to_string()),
            ("script-src", script_src),
            ("style-src", list(style)),
            (
                "img-src",
                list(
                    [Some("'self'"), Some("https:"), endpoint]
                        .into_iter()
                        .flatten()
                        .collect(),
                ),
            ),
            (
                "connect-src",
                list(
                    [Some("'self'"), endpoint, self.counter.as_deref()]
                        .into_iter()
                        .flatten()
                        .collect(),
                ),
            ),
            ("font-src", "'self'".into()),
            ("manifest-src", "'self'".into()),
            ("worker-src", "'self'".into()),
            (
                "frame-src",
                if self.zalo {
                    ZALO_FRAME.into()
                } else {
                    "'none'".into()
                },
            ),
            ("media-src", "'none'".into()),
            ("object-src", "'none'".into()),
            ("base-uri", "'self'".into()),
            // The search field's GET to /tim-kiem (before the app runs, or without it).
            ("form-action", "'self'".into()),
        ];
        if header {
            directives.push(("frame-ancestors", "'none'".into()));
        }
        directives
            .into_iter()
            .map(|(name, value)| format!("{name} {value}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// `_headers` for a build deployed under `base_path` (ending in `/`):
    /// the policy and the other security headers on every path.
    pub fn headers_file(&self, base_path: &str) -> String {
        let mut out = format!(
            "{base_path}*\n  Content-Security-Policy: {}\n",
            self.header_text()
        );
        for (name, value) in HEADERS {
            out.push_str(&format!("  {name}: {value}\n"));
        }
        out
    }

    pub fn zalo(&self) -> bool {
        self.zalo
    }

    pub fn endpoint(&self) -> Option<&str> {
        self.endpoint.as_deref()
    }

    pub fn counter(&self) -> Option<&str> {
        self.counter.as_deref()
    }
}

/// Whether a policy (as a shell carries it) allows Zalo's plugin.
pub fn allows_zalo(policy: &str) -> bool {
    policy.split(';').any(|directive| {
        let mut words = directive.split_whitespace();
        words.next() == Some("script-src") && words.any(|w| w == ZALO_SCRIPT)
    })
}

fn push_new(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

fn sha256(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// An origin as the URL parser writes it: no quote, space or semicolon
/// can come through into the policy; checked anyway.
fn plain_origin(origin: Option<&str>) -> Option<String> {
    origin
        .filter(|origin| {
            origin
                .bytes()
                .all(|b| b.is_ascii_graphic() && !b"\"';,".contains(&b))
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(scripts: &[&str], styles: &[&str]) -> InlineCode {
        InlineCode {
            scripts: scripts.iter().map(|s| s.to_string()).collect(),
            styles: styles.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn the_policy_hashes_the_templates_code_once_each() {
        let shell = code(&["x()", "y()"], &["a{}"]);
        let page = code(&["x()", "z()"], &["a{}"]);
        let policy = Policy::new([&shell, &page], None, false);
        let text = policy.meta_text();
        // echo -n 'x()' | openssl dgst -sha256 -binary | base64
        assert!(text.contains("'sha256-"), "{text}");
        assert_eq!(
            text.matches("'sha256-").count(),
            4,
            "three scripts and one style: {text}"
        );
        assert!(
            text.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-")
        );
        assert!(text.contains("connect-src 'self';"));
        assert!(!text.contains("frame-ancestors"));
        assert!(policy.header_text().ends_with("; frame-ancestors 'none'"));
        assert_eq!(
            sha256(""),
            "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"
        );
    }

    #[test]
    fn the_counting_service_may_be_fetched_only() {
        let policy = Policy::new([], Some("https://cms.example.vn"), false)
            .with_counter(Some("https://dem.example.vn:8081"));
        let text = policy.meta_text();
        assert!(
            text.contains("connect-src 'self' https://cms.example.vn https://dem.example.vn:8081;")
        );
        assert!(text.contains("img-src 'self' https: https://cms.example.vn;"));
        let same = Policy::new([], Some("https://cms.example.vn"), false)
            .with_counter(Some("https://cms.example.vn"));
        assert!(same
            .meta_text()
            .contains("connect-src 'self' https://cms.example.vn;"));
        let hostile = Policy::new([], None, false).with_counter(Some("https://a.vn; script-src *"));
        assert_eq!(hostile.counter(), None);
    }

    #[test]
    fn another_endpoint_is_allowed_by_its_origin_only() {
        let policy = Policy::new([], Some("https://cms.example.vn:8443"), false);
        assert_eq!(policy.endpoint(), Some("https://cms.example.vn:8443"));
        assert!(policy
            .meta_text()
            .contains("connect-src 'self' https://cms.example.vn:8443;"));
        assert!(policy
            .meta_text()
            .contains("img-src 'self' https: https://cms.example.vn:8443;"));
        assert!(Policy::new([], None, false)
            .meta_text()
            .contains("connect-src 'self';"));
        // A quote in a host never reaches the policy.
        for origin in ["https://a\"b.vn", "https://a'b.vn", "https://a b.vn"] {
            assert_eq!(
                Policy::new([], Some(origin), false).endpoint(),
                None,
                "{origin}"
            );
        }
    }

    #[test]
    fn zalo_is_allowed_only_when_asked_for() {
        let off = Policy::new([], None, false);
        assert!(!allows_zalo(&off.meta_text()) && off.meta_text().contains("frame-src 'none'"));
        let on = Policy::new([], None, true);
        assert!(allows_zalo(&on.meta_text()));
        assert!(on.meta_text().contains("frame-src https://*.zalo.me;"));
    }

    #[test]
    fn the_headers_file_covers_the_deployment() {
        let file = Policy::new([], None, false).headers_file("/some/sub/path/");
        let lines: Vec<&str> = file.lines().collect();
        assert_eq!(lines[0], "/some/sub/path/*");
        assert!(lines[1].starts_with("  Content-Security-Policy: default-src 'none';"));
        assert!(lines.contains(&"  X-Content-Type-Options: nosniff"));
    }
}
