//! The allowlist for article HTML, which comes from a CMS and is untrusted.
//!
//! This module only decides (which tag, which attribute, which URL may pass),
//! so every rule is a pure function tested natively with hostile input. The
//! browser half, [`dom`], parses the HTML inertly with `DOMParser` and builds a
//! fresh tree from these decisions: nothing from the input reaches the live page
//! except what a rule here let through, and `inner_html` is never used.
//!
//! Anything not named here is refused: unknown attributes (including every
//! `on*` handler, `style`, `class`, `id`, `target`) are dropped, and unknown
//! tags are unwrapped so their text survives while the tag does not.

pub mod dom;

use crate::urls::scheme_of;

/// What happens to an element of a given tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagRule {
    /// Kept, possibly under another name (`h1` becomes `h2`: the page has its
    /// own `h1`, the article title).
    Keep(&'static str),
    /// The tag goes, its children stay (`div`, `span`, `font`, unknown tags).
    Unwrap,
    /// The element goes with everything inside it (scripts, embeds, forms).
    Drop,
}

/// The rule for a tag name (any case).
pub fn tag_rule(tag: &str) -> TagRule {
    let tag = tag.to_ascii_lowercase();
    const KEEP: &[&str] = &[
        "p",
        "br",
        "hr",
        "h2",
        "h3",
        "h4",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "small",
        "sub",
        "sup",
        "mark",
        "abbr",
        "cite",
        "q",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "a",
        "img",
        "figure",
        "figcaption",
        "table",
        "caption",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "time",
    ];
    // Dropped whole: active content, embedded documents, forms, and elements
    // whose text is not meant to be read as article text.
    const DROP: &[&str] = &[
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "select",
        "option",
        "optgroup",
        "textarea",
        "template",
        "noscript",
        "noembed",
        "noframes",
        "svg",
        "math",
        "link",
        "meta",
        "base",
        "title",
        "head",
        "audio",
        "video",
        "source",
        "track",
        "canvas",
        "dialog",
        "slot",
        "param",
        "map",
        "area",
        "portal",
        "xmp",
        "plaintext",
    ];
    match tag.as_str() {
        "h1" => TagRule::Keep("h2"),
        "h5" | "h6" => TagRule::Keep("h4"),
        t => {
            if let Some(kept) = KEEP.iter().find(|k| **k == t) {
                TagRule::Keep(kept)
            } else if DROP.contains(&t) {
                TagRule::Drop
            } else {
                TagRule::Unwrap
            }
        }
    }
}

/// Whether a kept tag is shown inside its own horizontally scrolling, keyboard
/// focusable region, so a wide table never makes the page scroll sideways.
pub fn needs_scroll_region(kept_tag: &str) -> bool {
    kept_tag == "table"
}

/// A URL attribute, by where it points. Images load silently, so they get a
/// narrower list of schemes than links, which the reader chooses to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// `a href`, `blockquote cite`, `q cite`: http(s), mailto, relative.
    Link,
    /// `img src`: http(s) or relative, resolved against the endpoint.
    Image,
}

/// An attribute value that may pass, in the form the DOM half must finish.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CleanAttr {
    /// Set as is.
    Text(String),
    /// A URL still to be resolved (links against the app, images against the API).
    Url(UrlUse, String),
}

/// Decides one attribute of a kept element: `None` drops it.
pub fn clean_attr(tag: &str, name: &str, value: &str) -> Option<CleanAttr> {
    let name = name.to_ascii_lowercase();
    let text = |max: usize| Some(CleanAttr::Text(truncate(value.trim(), max)));
    match (tag, name.as_str()) {
        (_, "lang") => is_language_tag(value.trim()).then(|| CleanAttr::Text(value.trim().into())),
        ("a", "href") => clean_url(value, UrlUse::Link).map(|u| CleanAttr::Url(UrlUse::Link, u)),
        ("blockquote" | "q", "cite") => {
            clean_url(value, UrlUse::Link).map(|u| CleanAttr::Url(UrlUse::Link, u))
        }
        ("img", "src") => clean_url(value, UrlUse::Image).map(|u| CleanAttr::Url(UrlUse::Image, u)),
        ("img", "alt") => text(1000),
        ("a" | "abbr" | "img", "title") => text(300),
        ("img", "width" | "height") => number(value, 1, 10_000),
        ("td" | "th", "colspan" | "rowspan") => number(value, 1, 100),
        ("th", "scope") => matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "row" | "col" | "rowgroup" | "colgroup"
        )
        .then(|| CleanAttr::Text(value.trim().to_ascii_lowercase())),
        ("ol", "start") => number(value, -1_000_000, 1_000_000),
        ("time", "datetime") => text(64),
        _ => None,
    }
}

/// Checks a URL for the given use; returns it trimmed the way a browser would
/// read it, or `None` when its scheme is not allowed.
///
/// Browsers ignore leading and trailing control characters and spaces and drop
/// tabs and newlines anywhere, so `java\tscript:` and ` javascript:` are read as
/// `javascript:`; the check is made on that same normalised form.
pub fn clean_url(raw: &str, use_: UrlUse) -> Option<String> {
    let normalised: String = raw
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if normalised.is_empty() {
        return None;
    }
    let allowed = match scheme_of(&normalised).as_deref() {
        None => !normalised.starts_with('\\'),
        Some("http" | "https") => true,
        Some("mailto") => use_ == UrlUse::Link,
        Some(_) => false,
    };
    allowed.then_some(normalised)
}

/// BCP 47 shape, loosely: `vi`, `en-GB`, `zh-Hant-TW`.
fn is_language_tag(value: &str) -> bool {
    let mut parts = value.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn number(value: &str, min: i64, max: i64) -> Option<CleanAttr> {
    let n: i64 = value.trim().parse().ok()?;
    (min..=max)
        .contains(&n)
        .then(|| CleanAttr::Text(n.to_string()))
}

fn truncate(value: &str, max_chars: usize) -> String {
    value.chars().take(max_chars).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_tags_are_kept_and_headings_fit_the_page_outline() {
        for tag in [
            "p",
            "H2",
            "figure",
            "figcaption",
            "table",
            "td",
            "blockquote",
            "a",
            "img",
        ] {
            assert!(matches!(tag_rule(tag), TagRule::Keep(_)), "{tag}");
        }
        assert_eq!(tag_rule("h1"), TagRule::Keep("h2"));
        assert_eq!(tag_rule("H6"), TagRule::Keep("h4"));
    }

    #[test]
    fn active_and_embedded_content_is_dropped_whole() {
        for tag in [
            "script", "SCRIPT", "style", "iframe", "object", "embed", "form", "input", "svg",
            "math", "template", "noscript", "base", "meta", "link", "video",
        ] {
            assert_eq!(tag_rule(tag), TagRule::Drop, "{tag}");
        }
    }

    #[test]
    fn layout_and_unknown_tags_are_unwrapped() {
        for tag in [
            "div",
            "span",
            "font",
            "center",
            "section",
            "nav",
            "my-widget",
            "marquee",
        ] {
            assert_eq!(tag_rule(tag), TagRule::Unwrap, "{tag}");
        }
    }

    #[test]
    fn event_handlers_styles_and_ids_never_pass() {
        for (tag, attr) in [
            ("img", "onerror"),
            ("a", "onclick"),
            ("p", "style"),
            ("p", "class"),
            ("p", "id"),
            ("a", "target"),
            ("img", "srcset"),
            ("a", "ONMOUSEOVER"),
            ("td", "background"),
            ("form", "action"),
        ] {
            assert_eq!(clean_attr(tag, attr, "x"), None, "{tag} {attr}");
        }
    }

    #[test]
    fn dangerous_url_schemes_are_refused_however_disguised() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{0001}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "\\\\evil\\share",
            "",
            "   ",
        ] {
            assert_eq!(clean_url(url, UrlUse::Link), None, "{url:?}");
        }
        assert_eq!(clean_url("data:image/png;base64,AAAA", UrlUse::Image), None);
        assert_eq!(clean_url("mailto:a@b.vn", UrlUse::Image), None);
    }

    #[test]
    fn ordinary_urls_pass() {
        assert_eq!(
            clean_url(" https://laichau.gov.vn/a?b=1 ", UrlUse::Link).as_deref(),
            Some("https://laichau.gov.vn/a?b=1")
        );
        assert!(clean_url("mailto:toa-soan@example.vn", UrlUse::Link).is_some());
        assert!(clean_url("images/a.svg", UrlUse::Image).is_some());
        assert!(clean_url("/bai-viet/x", UrlUse::Link).is_some());
        assert!(clean_url("#muc-1", UrlUse::Link).is_some());
        assert!(clean_url("//cdn.example.vn/a.jpg", UrlUse::Image).is_some());
    }

    #[test]
    fn attribute_values_are_checked() {
        assert_eq!(
            clean_attr("a", "href", "javascript:x"),
            None,
            "link with script URL loses its href"
        );
        assert_eq!(
            clean_attr("img", "src", "images/b.svg"),
            Some(CleanAttr::Url(UrlUse::Image, "images/b.svg".into()))
        );
        assert_eq!(
            clean_attr("td", "colspan", "2"),
            Some(CleanAttr::Text("2".into()))
        );
        assert_eq!(clean_attr("td", "colspan", "2;x"), None);
        assert_eq!(clean_attr("td", "colspan", "100000"), None);
        assert_eq!(
            clean_attr("th", "scope", "COL"),
            Some(CleanAttr::Text("col".into()))
        );
        assert_eq!(clean_attr("th", "scope", "x\" onclick=\"y"), None);
        assert_eq!(
            clean_attr("span", "lang", "en-GB"),
            Some(CleanAttr::Text("en-GB".into()))
        );
        assert_eq!(clean_attr("span", "lang", "en\" x=\"y"), None);
        let long_alt = "á".repeat(2000);
        match clean_attr("img", "alt", &long_alt) {
            Some(CleanAttr::Text(t)) => assert_eq!(t.chars().count(), 1000),
            other => panic!("alt should pass truncated, got {other:?}"),
        }
    }

    #[test]
    fn only_tables_get_a_scroll_region() {
        assert!(needs_scroll_region("table"));
        assert!(!needs_scroll_region("figure"));
    }
}
