//! Sharing an article: which URL is shared, and each target's share link.
//!
//! Pure functions, tested natively per target. Privacy as in heise's Shariff:
//! every target is a plain link (no script, iframe or pixel from anyone until
//! the reader clicks); Zalo, which documents no share URL, loads its own plugin
//! only after a first click ([`buttons`]).

use crate::urls::encode_component;

pub mod buttons;

/// The networks with a documented share URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Facebook,
    X,
    LinkedIn,
    Telegram,
    Email,
}

impl Target {
    pub const ALL: [Target; 5] = [
        Target::Facebook,
        Target::X,
        Target::LinkedIn,
        Target::Telegram,
        Target::Email,
    ];

    /// The name shown to the reader ("Chia sẻ lên {name}").
    pub fn name(self) -> &'static str {
        match self {
            Target::Facebook => "Facebook",
            Target::X => "X",
            Target::LinkedIn => "LinkedIn",
            Target::Telegram => "Telegram",
            Target::Email => "e-mail",
        }
    }

    /// A short class-name-safe key.
    pub fn key(self) -> &'static str {
        match self {
            Target::Facebook => "facebook",
            Target::X => "x",
            Target::LinkedIn => "linkedin",
            Target::Telegram => "telegram",
            Target::Email => "email",
        }
    }

    /// The share link for an article at `url` titled `title`.
    ///
    /// Templates, from each network's own documentation:
    /// - Facebook sharer: `https://www.facebook.com/sharer/sharer.php?u={url}`
    /// - X web intent: `https://twitter.com/intent/tweet?text={title}&url={url}`
    /// - LinkedIn: `https://www.linkedin.com/sharing/share-offsite/?url={url}`
    /// - Telegram: `https://t.me/share/url?url={url}&text={title}`
    /// - e-mail (RFC 6068): `mailto:?subject={title}&body={title}%0A%0A{url}`
    pub fn link(self, url: &str, title: &str) -> String {
        let (u, t) = (encode_component(url), encode_component(title));
        match self {
            Target::Facebook => format!("https://www.facebook.com/sharer/sharer.php?u={u}"),
            Target::X => format!("https://twitter.com/intent/tweet?text={t}&url={u}"),
            Target::LinkedIn => format!("https://www.linkedin.com/sharing/share-offsite/?url={u}"),
            Target::Telegram => format!("https://t.me/share/url?url={u}&text={t}"),
            Target::Email => format!("mailto:?subject={t}&body={t}%0A%0A{u}"),
        }
    }
}

/// The canonical address of an article: the portal's public `site_url` (or,
/// without one, the page's own origin) + the deployed base path + the route.
/// Never the current address, so no fragment or tracking parameter leaks out.
pub fn canonical_url(
    site_url: Option<&str>,
    origin: &str,
    router_base: &str,
    slug: &str,
) -> String {
    format!(
        "{}{}",
        site_origin(site_url, origin),
        crate::urls::routes::article(router_base, slug)
    )
}

/// The origin of `site_url` when it is an http(s) address, else `origin`:
/// the public host that share links and canonical URLs use. Only the origin
/// of `site_url` counts: the base path is the app's own.
pub fn site_origin(site_url: Option<&str>, origin: &str) -> String {
    site_url
        .and_then(crate::urls::origin_of)
        .unwrap_or_else(|| origin.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://sonha.example.vn/bai-viet/hoi-dap";
    const TITLE: &str = "Hỏi & đáp: \"nhà ở\" #2026? 🏠";
    const T: &str = "H%E1%BB%8Fi%20%26%20%C4%91%C3%A1p%3A%20%22nh%C3%A0%20%E1%BB%9F%22%20%232026%3F%20%F0%9F%8F%A0";
    const U: &str = "https%3A%2F%2Fsonha.example.vn%2Fbai-viet%2Fhoi-dap";

    #[test]
    fn each_target_builds_its_documented_link() {
        assert_eq!(
            Target::Facebook.link(URL, TITLE),
            format!("https://www.facebook.com/sharer/sharer.php?u={U}")
        );
        assert_eq!(
            Target::X.link(URL, TITLE),
            format!("https://twitter.com/intent/tweet?text={T}&url={U}")
        );
        assert_eq!(
            Target::LinkedIn.link(URL, TITLE),
            format!("https://www.linkedin.com/sharing/share-offsite/?url={U}")
        );
        assert_eq!(
            Target::Telegram.link(URL, TITLE),
            format!("https://t.me/share/url?url={U}&text={T}")
        );
        assert_eq!(
            Target::Email.link(URL, TITLE),
            format!("mailto:?subject={T}&body={T}%0A%0A{U}")
        );
    }

    #[test]
    fn canonical_url_uses_the_public_origin_and_the_base_path() {
        assert_eq!(
            canonical_url(
                Some("https://sonha.example.vn/"),
                "http://127.0.0.1:8090",
                "",
                "a"
            ),
            "https://sonha.example.vn/bai-viet/a"
        );
        assert_eq!(
            canonical_url(
                Some("https://sonha.example.vn/cu/?x=1#y"),
                "http://h",
                "/tin",
                "a"
            ),
            "https://sonha.example.vn/tin/bai-viet/a"
        );
        assert_eq!(
            canonical_url(None, "http://127.0.0.1:8091", "/some/sub/path", "a"),
            "http://127.0.0.1:8091/some/sub/path/bai-viet/a"
        );
        assert_eq!(
            canonical_url(Some("javascript:alert(1)"), "http://h", "", "a"),
            "http://h/bai-viet/a",
            "a site_url that is not http(s) is ignored"
        );
    }
}
