//! The allowlist for article HTML, which comes from a CMS and is untrusted.
//!
//! This module only decides (which tag, which attribute, which URL may pass),
//! so every rule is a pure function tested natively with hostile input. The
//! browser half, [`dom`], parses the HTML inertly with `DOMParser` and builds a
//! fresh tree from these decisions: nothing from the input reaches the live page
//! except what a rule here let through, and the endpoint's HTML never goes
//! through `inner_html`.
//!
//! Anything not named here is refused: unknown attributes (including every
//! `on*` handler, `style`, `class`, `target`) are dropped, and every
//! other tag is unwrapped: the tag goes, what it held is read on through the
//! same rules. Nothing is dropped with its content, because in HTML an
//! element can hold far more than it seems to: a `</noscript>` or
//! `</object>` that the parser ignores, or a `<script>` left open, makes it
//! swallow the rest of the article. Raw text (the code of a script or a
//! style, an iframe's fallback text) is never shown as such; if it holds
//! markup, that is what such a tag swallowed, and it is parsed again and
//! read on like the rest.

pub mod dom;
#[cfg(not(target_arch = "wasm32"))]
pub mod html;
pub mod layout;

use crate::urls::{for_page, gate, routes, UrlUse};

/// What every `id` of a body starts with, and every link to one: a footnote
/// or a table of contents works, and no body id can be one of the page's
/// own (`main`, `app`) or a name a script reads from `window`.
pub const BODY_ID_PREFIX: &str = "noi-dung-";

/// What happens to an element of a given tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagRule {
    /// Kept, possibly under another name (`h1` becomes `h2`: the page has its
    /// own `h1`, the article title).
    Keep(&'static str),
    /// The tag goes, its content is read on (`div`, `span`, `font`, forms,
    /// embeds, unknown tags).
    Unwrap,
    /// The tag goes and its text is not shown (code, raw fallback text);
    /// markup inside that text is parsed again and read on.
    RawText,
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
    // The HTML parser's raw text and escapable raw text elements, whose text
    // is code or fallback, and `noscript` (raw text where scripting is on;
    // its text is for readers without JavaScript, which ours are not).
    const RAW_TEXT: &[&str] = &[
        "script",
        "style",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "xmp",
        "plaintext",
        "textarea",
        "title",
    ];
    match tag.as_str() {
        "h1" => TagRule::Keep("h2"),
        "h5" | "h6" => TagRule::Keep("h4"),
        t => {
            if let Some(kept) = KEEP.iter().find(|k| **k == t) {
                TagRule::Keep(kept)
            } else if RAW_TEXT.contains(&t) {
                TagRule::RawText
            } else {
                TagRule::Unwrap
            }
        }
    }
}

/// An element the allowlist unwraps that carried an alignment (`<div
/// style="text-align:right">`, `<center>`): its content goes in a `div` of
/// ours with only the alignment's class. `None`: unwrapped as any other.
pub fn aligned_wrapper<'n>(
    tag: &str,
    attributes: impl IntoIterator<Item = (&'n str, &'n str)>,
) -> Option<String> {
    let tag = tag.to_ascii_lowercase();
    if tag == "center" {
        return Some("text-center".into());
    }
    if tag != "div" {
        return None;
    }
    let mut intents = layout::Intents::default();
    for (name, value) in attributes {
        intents.note(name, value);
    }
    Some(layout::layout("div", intents.style, intents.align).class).filter(|c| !c.is_empty())
}

/// Whether raw text should be parsed again: only text that holds something
/// shaped like a tag (`<` then a letter, `/` or `!`) can have swallowed markup.
pub fn may_hold_markup(raw_text: &str) -> bool {
    raw_text
        .as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || w[1] == b'/' || w[1] == b'!'))
}

/// Whether a kept tag is shown inside its own horizontally scrolling, keyboard
/// focusable region, so a wide table never makes the page scroll sideways.
pub fn needs_scroll_region(kept_tag: &str) -> bool {
    kept_tag == "table"
}

/// Deeper nesting than this is flattened to its text: no article needs it,
/// and unbounded recursion on hostile input would overflow the stack.
pub const MAX_DEPTH: usize = 48;

/// Where a body is shown, which is what its relative URLs mean.
pub struct BodyContext<'a> {
    /// `document.baseURI`: relative links in the body are relative to the app.
    pub page_base: &'a str,
    /// The path of the article's own page (`/tin/bai-viet/x`): where a link
    /// to a fragment of the body (`#chu-thich-1`) leads, since against the
    /// base it would lead to the home page.
    pub page_path: &'a str,
    /// The endpoint base: relative image sources are relative to the endpoint,
    /// like every other path in the contract.
    pub api_base: &'a str,
    /// The page's origin (links and images on it come out root-relative:
    /// [`for_page`]) and the router base, to tell in-app links from
    /// everything else.
    pub origin: &'a str,
    pub router_base: &'a str,
    /// Accessible name of the scrolling region around a table.
    pub table_label: &'a str,
}

/// The attributes a kept element of tag `kept` (as [`tag_rule`] named it)
/// gets, from the attributes it came with: each one decided by
/// [`clean_attr`], URLs through the gate, plus what the page adds itself
/// (`rel` on links that leave the app, lazy loading and no referrer on
/// images). Names are the allowlist's own, never the input's.
pub fn clean_attributes<'n>(
    kept: &str,
    attributes: impl IntoIterator<Item = (&'n str, &'n str)>,
    ctx: &BodyContext,
) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut intents = layout::Intents::default();
    for (name, value) in attributes {
        intents.note(name, value);
        if let Some((name, value)) = clean_attr(kept, name, value, ctx) {
            // HTML keeps the first of duplicated attributes; so do we.
            if !out.iter().any(|(n, _)| *n == name) {
                out.push((name, value));
            }
        }
    }
    let has = |out: &[(&str, String)], name: &str| out.iter().any(|(n, _)| *n == name);
    let layout = layout::layout(kept, intents.style, intents.align);
    if !layout.class.is_empty() {
        out.push(("class", layout.class));
    }
    if let (Some(width), false) = (layout.width, has(&out, "width")) {
        out.push(("width", crate::numerals::digits(width.into())));
    }
    match kept {
        "a" => {
            let leaves = out
                .iter()
                .any(|(n, href)| *n == "href" && !routes::is_app_route(href, ctx.router_base));
            // The router takes over clicks on same-origin links; anything
            // that is not one of our routes must be a real page load.
            if leaves {
                out.push(("rel", "external noopener".into()));
            }
        }
        "img" => {
            // An image without a text alternative is announced by its file
            // name; an empty alt at least keeps it silent (its caption speaks).
            if !has(&out, "alt") {
                out.push(("alt", String::new()));
            }
            out.push(("loading", "lazy".into()));
            out.push(("decoding", "async".into()));
            // A CMS may hot-link images from anywhere: tell no host which
            // article the reader is on.
            out.push(("referrerpolicy", "no-referrer".into()));
        }
        _ => {}
    }
    out
}

/// Decides one attribute of a kept element: `None` drops it; otherwise the
/// allowlist's name for it and the value to set. URLs are resolved (links
/// against the app, images against the endpoint) and must pass [`gate`].
pub fn clean_attr(
    tag: &str,
    name: &str,
    value: &str,
    ctx: &BodyContext,
) -> Option<(&'static str, String)> {
    let name = name.to_ascii_lowercase();
    let text = |max: usize| Some(truncate(value.trim(), max));
    let link = |value: &str| {
        // Against the base, `#x` would be the home page's: it is the article's.
        let trimmed = value.trim_start_matches(|c: char| c <= ' ');
        let value = match trimmed.starts_with('#') {
            true => format!("{}{trimmed}", ctx.page_path),
            false => value.to_string(),
        };
        let url = for_page(gate(ctx.page_base, &value, UrlUse::Link)?, ctx.origin);
        // A fragment of the article itself names an id of its body.
        Some(match url.split_once('#') {
            Some((path, fragment)) if path == ctx.page_path && !fragment.is_empty() => {
                format!("{path}#{BODY_ID_PREFIX}{fragment}")
            }
            _ => url,
        })
    };
    let (name, value) = match (tag, name.as_str()) {
        // An old-style anchor (`<a name>`) is an id like any other.
        ("a", "name") => ("id", value),
        (_, name) => (name, value),
    };
    let value = match (tag, name) {
        (_, "lang") => is_language_tag(value.trim()).then(|| value.trim().to_string()),
        (_, "id") => body_id(value),
        ("a", "href") | ("blockquote" | "q", "cite") => link(value),
        ("img", "src") => Some(for_page(
            gate(ctx.api_base, value, UrlUse::Image)?,
            ctx.origin,
        )),
        ("img", "alt") => text(1000),
        ("a" | "abbr" | "img", "title") => text(300),
        ("img", "width" | "height") => number(value, 1, 10_000),
        ("td" | "th", "colspan" | "rowspan") => number(value, 1, 100),
        ("th", "scope") => matches!(
            value.trim().to_ascii_lowercase().as_str(),
            "row" | "col" | "rowgroup" | "colgroup"
        )
        .then(|| value.trim().to_ascii_lowercase()),
        ("ol", "start") => number(value, -1_000_000, 1_000_000),
        ("time", "datetime") => text(64),
        _ => None,
    }?;
    Some((ALLOWED_NAMES.iter().find(|n| **n == name)?, value))
}

/// Every attribute name [`clean_attr`] can let through.
const ALLOWED_NAMES: &[&str] = &[
    "lang", "id", "href", "cite", "src", "alt", "title", "width", "height", "colspan", "rowspan",
    "scope", "start", "datetime",
];

/// An id of the body, kept under [`BODY_ID_PREFIX`]: a token (no spaces, as
/// HTML wants), of a reasonable length.
fn body_id(value: &str) -> Option<String> {
    let value = value.trim();
    let token =
        !value.is_empty() && value.chars().count() <= 200 && !value.contains(char::is_whitespace);
    token.then(|| format!("{BODY_ID_PREFIX}{value}"))
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

fn number(value: &str, min: i64, max: i64) -> Option<String> {
    let n: i64 = value.trim().parse().ok()?;
    let sign = if n < 0 { "-" } else { "" };
    (min..=max)
        .contains(&n)
        .then(|| format!("{sign}{}", crate::numerals::digits(n.unsigned_abs())))
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
    fn code_and_raw_fallback_text_is_never_shown_as_text() {
        for tag in [
            "script",
            "SCRIPT",
            "style",
            "iframe",
            "noscript",
            "textarea",
            "title",
            "xmp",
            "plaintext",
        ] {
            assert_eq!(tag_rule(tag), TagRule::RawText, "{tag}");
        }
        assert!(may_hold_markup("alert(1)<p>swallowed</p>"));
        assert!(may_hold_markup("</noscript>"));
        assert!(!may_hold_markup("if (a < b && c > 1) {}"));
        assert!(!may_hold_markup("body { color: red }"));
    }

    #[test]
    fn layout_and_unknown_tags_are_unwrapped() {
        for tag in [
            "div",
            "span",
            "font",
            "center",
            "form",
            "object",
            "svg",
            "math",
            "template",
            "select",
            "section",
            "nav",
            "my-widget",
            "marquee",
        ] {
            assert_eq!(tag_rule(tag), TagRule::Unwrap, "{tag}");
        }
    }

    const CTX: BodyContext = BodyContext {
        page_base: "https://sonha.example.vn/tin/",
        page_path: "/tin/bai-viet/a",
        api_base: "https://cms.example.vn/api/",
        origin: "https://sonha.example.vn",
        router_base: "/tin",
        table_label: "Bảng",
    };

    fn attr(tag: &str, name: &str, value: &str) -> Option<(&'static str, String)> {
        clean_attr(tag, name, value, &CTX)
    }

    #[test]
    fn event_handlers_and_styles_never_pass() {
        for (tag, name) in [
            ("img", "onerror"),
            ("a", "onclick"),
            ("p", "style"),
            ("p", "class"),
            ("a", "target"),
            ("img", "srcset"),
            ("a", "ONMOUSEOVER"),
            ("td", "background"),
            ("form", "action"),
            ("a", "xlink:href"),
            ("img", "referrerpolicy"),
        ] {
            assert_eq!(attr(tag, name, "x"), None, "{tag} {name}");
        }
    }

    #[test]
    fn urls_pass_the_gate_resolved() {
        assert_eq!(
            attr("a", "href", " https://laichau.gov.vn/a?b=1 "),
            Some(("href", "https://laichau.gov.vn/a?b=1".into()))
        );
        assert_eq!(
            attr("a", "HREF", "bai-viet/x"),
            Some(("href", "/tin/bai-viet/x".into())),
            "links are relative to the app, and root-relative on its origin"
        );
        assert_eq!(
            attr("a", "href", "https://sonha.example.vn/tai-lieu/a.pdf"),
            Some(("href", "/tai-lieu/a.pdf".into()))
        );
        assert_eq!(
            attr("img", "src", "images/b.svg"),
            Some(("src", "https://cms.example.vn/api/images/b.svg".into())),
            "images are relative to the endpoint"
        );
        assert!(attr("a", "href", "mailto:toa-soan@example.vn").is_some());
        assert!(attr("q", "cite", "#muc-1").is_some());
        for (tag, name, url) in [
            ("a", "href", "javascript:alert(1)"),
            ("a", "href", "\u{a0}javascript:alert(1)"),
            ("a", "href", "\u{3000}javascript:alert(1)"),
            ("a", "href", "java\tscript:alert(1)"),
            ("a", "href", "data:text/html,<script>alert(1)</script>"),
            ("blockquote", "cite", "vbscript:x"),
            ("img", "src", "data:image/png;base64,AAAA"),
            ("img", "src", "mailto:a@b.vn"),
            ("img", "src", ""),
        ] {
            let out = attr(tag, name, url);
            assert!(
                out.as_ref().is_none_or(|(_, v)| {
                    v.starts_with("/tin/") || v.starts_with("https://cms.example.vn/")
                }),
                "{tag} {name}={url:?} gave {out:?}"
            );
        }
        assert_eq!(attr("a", "href", "javascript:alert(1)"), None);
    }

    /// A footnote link stays on the article (against
    /// the base it led to the home page), and finds the footnote's id.
    #[test]
    fn fragment_links_stay_on_the_article_and_ids_are_namespaced() {
        assert_eq!(
            attr("a", "href", "#chu-thich-1"),
            Some(("href", "/tin/bai-viet/a#noi-dung-chu-thich-1".into()))
        );
        assert_eq!(
            attr("a", "href", " #"),
            Some(("href", "/tin/bai-viet/a#".into()))
        );
        assert_eq!(
            attr("a", "href", "#chú thích"),
            Some((
                "href",
                "/tin/bai-viet/a#noi-dung-ch%C3%BA%20th%C3%ADch".into()
            ))
        );
        assert_eq!(
            attr("p", "id", " chu-thich-1 "),
            Some(("id", "noi-dung-chu-thich-1".into()))
        );
        assert_eq!(
            attr("a", "name", "_ftn1"),
            Some(("id", "noi-dung-_ftn1".into()))
        );
        for bad in ["", "a b", &"x".repeat(201)] {
            assert_eq!(attr("h2", "id", bad), None, "{bad}");
        }
        for page_own in ["main", "app", "portal-data", "search-q"] {
            assert_eq!(
                attr("p", "id", page_own),
                Some(("id", format!("noi-dung-{page_own}")))
            );
        }
        let a = clean_attributes("a", [("href", "#x")], &CTX);
        assert_eq!(a.len(), 1, "a link on the article is the app's: {a:?}");
        // The article's own address with a fragment: the same footnote.
        assert_eq!(
            attr(
                "a",
                "href",
                "https://sonha.example.vn/tin/bai-viet/a#chu-thich-1"
            ),
            Some(("href", "/tin/bai-viet/a#noi-dung-chu-thich-1".into()))
        );
        assert_eq!(
            attr("a", "href", "bai-viet/b#x"),
            Some(("href", "/tin/bai-viet/b#x".into())),
            "another article's fragment is its own"
        );
    }

    #[test]
    fn attribute_values_are_checked() {
        assert_eq!(attr("td", "colspan", "2"), Some(("colspan", "2".into())));
        assert_eq!(attr("td", "colspan", "2;x"), None);
        assert_eq!(attr("td", "colspan", "100000"), None);
        // Numbers are written back as numbers: sign and zeros normalised.
        assert_eq!(attr("ol", "start", " -07 "), Some(("start", "-7".into())));
        assert_eq!(attr("ol", "start", "+12"), Some(("start", "12".into())));
        assert_eq!(attr("ol", "start", "0"), Some(("start", "0".into())));
        assert_eq!(attr("ol", "start", "-1000001"), None);
        assert_eq!(attr("img", "width", "0"), None);
        assert_eq!(attr("th", "scope", "COL"), Some(("scope", "col".into())));
        assert_eq!(attr("th", "scope", "x\" onclick=\"y"), None);
        assert_eq!(
            attr("span", "lang", "en-GB"),
            Some(("lang", "en-GB".into()))
        );
        assert_eq!(attr("span", "lang", "en\" x=\"y"), None);
        let long_alt = "á".repeat(2000);
        match attr("img", "alt", &long_alt) {
            Some(("alt", t)) => assert_eq!(t.chars().count(), 1000),
            other => panic!("alt should pass truncated, got {other:?}"),
        }
    }

    #[test]
    fn the_page_adds_what_links_and_images_need() {
        let a = clean_attributes(
            "a",
            [("href", "https://example.org/x"), ("onclick", "y")],
            &CTX,
        );
        assert_eq!(
            a,
            [
                ("href", "https://example.org/x".to_string()),
                ("rel", "external noopener".to_string())
            ]
        );
        let inside = clean_attributes("a", [("href", "bai-viet/x")], &CTX);
        assert_eq!(inside.len(), 1, "app routes stay in the app: {inside:?}");
        let img = clean_attributes("img", [("src", "a.svg"), ("src", "b.svg")], &CTX);
        assert_eq!(
            img,
            [
                ("src", "https://cms.example.vn/api/a.svg".to_string()),
                ("alt", String::new()),
                ("loading", "lazy".to_string()),
                ("decoding", "async".to_string()),
                ("referrerpolicy", "no-referrer".to_string()),
            ],
            "the first src wins, as in HTML"
        );
    }

    #[test]
    fn only_tables_get_a_scroll_region() {
        assert!(needs_scroll_region("table"));
        assert!(!needs_scroll_region("figure"));
    }
}
