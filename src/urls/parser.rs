//! The WHATWG URL parser, wherever the code runs.
//!
//! In the browser this is the browser's own `URL` (through `web_sys::Url`):
//! whatever the page later does with a URL we hand it, it reads it with the
//! same parser, so a check made on our parse holds for the page. Natively
//! (the unit tests, the deploy-time tools) it is the `url` crate, an
//! implementation of the same standard; it adds nothing to the wasm.

/// An absolute URL as the URL standard parsed it.
pub struct ParsedUrl(Inner);

#[cfg(target_arch = "wasm32")]
type Inner = web_sys::Url;
#[cfg(not(target_arch = "wasm32"))]
type Inner = url::Url;

impl ParsedUrl {
    /// Parses `input` against `base` (an absolute URL), as `new URL(input,
    /// base)` does; `None` where that throws.
    pub fn parse(input: &str, base: Option<&str>) -> Option<Self> {
        #[cfg(target_arch = "wasm32")]
        let url = match base {
            Some(base) => web_sys::Url::new_with_base(input, base),
            None => web_sys::Url::new(input),
        }
        .ok()?;
        #[cfg(not(target_arch = "wasm32"))]
        let url = match base {
            Some(base) => url::Url::parse(base).and_then(|base| base.join(input)),
            None => url::Url::parse(input),
        }
        .ok()?;
        Some(Self(url))
    }

    /// The scheme, lower case, without its colon: `https`, `mailto`.
    pub fn scheme(&self) -> String {
        #[cfg(target_arch = "wasm32")]
        return self.0.protocol().trim_end_matches(':').to_string();
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.scheme().to_string();
    }

    /// The whole URL, serialised (`URL.href`).
    pub fn href(&self) -> String {
        #[cfg(target_arch = "wasm32")]
        return self.0.href();
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.as_str().to_string();
    }

    /// `https://host:port`, or `null` for URLs without an origin.
    pub fn origin(&self) -> String {
        #[cfg(target_arch = "wasm32")]
        return self.0.origin();
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.origin().ascii_serialization();
    }

    /// The path, always starting with `/` for http(s) URLs.
    pub fn pathname(&self) -> String {
        #[cfg(target_arch = "wasm32")]
        return self.0.pathname();
        #[cfg(not(target_arch = "wasm32"))]
        return self.0.path().to_string();
    }
}
