//! The print note of a pre-rendered article: what leads a reader from the
//! sheet of paper back to the page. The portal's name, the article's
//! canonical address as text and as a QR code (inline SVG), in a print-only
//! `<aside>` after `#app` (the app replaces what is inside `#app` when it
//! takes the page over). Written here, at deploy time, so the wasm carries
//! no QR encoder.
//!
//! The app changes the route without a reload: the note names the path it
//! belongs to (`data-for`), and the print script of the shell (`index.html`,
//! `<script id="print-note">`) shows it only there, and writes the date
//! printed into it. Both the name and the address are the ones the page's
//! head declares (`og:site_name`, `<link rel="canonical">`), taken from its
//! tags rather than computed again.

use portal_reader::escape::{push_html_attribute, push_html_text};
use portal_reader::head::Tag;
use portal_reader::i18n::Lang;
use qrcodegen::{QrCode, QrCodeEcc};

/// Light modules around the code on every side: the quiet zone the standard
/// asks for, so a scanner finds the code next to text.
pub const QUIET_ZONE: i32 = 4;

/// What one page's note says.
#[derive(Clone, Debug, PartialEq)]
pub struct PrintNote<'a> {
    /// The path the page is served at (`/tin/bai-viet/x`): the note is
    /// printed there only.
    pub path: &'a str,
    /// The portal's name, as the head's `og:site_name`.
    pub site_name: Option<&'a str>,
    /// The page's canonical address: an absolute http(s) URL.
    pub url: &'a str,
    /// The language of the portal's content, which the note is written in.
    pub lang: Lang,
}

impl<'a> PrintNote<'a> {
    /// The note of a page at `path` whose head declared `tags`; `None`
    /// without a canonical address, or with one a phone could not open
    /// (not absolute: no public origin was known).
    pub fn from_head(path: &'a str, tags: &'a [Tag], lang: Lang) -> Option<PrintNote<'a>> {
        let url = tags.iter().find_map(|tag| match tag {
            Tag::Canonical(url) => Some(url.as_str()),
            _ => None,
        })?;
        let site_name = tags.iter().find_map(|tag| match tag {
            Tag::Meta { key, content, .. } if *key == "og:site_name" => Some(content.as_str()),
            _ => None,
        });
        (url.starts_with("https://") || url.starts_with("http://")).then_some(PrintNote {
            path,
            site_name,
            url,
            lang,
        })
    }

    /// The note as HTML, each value escaped for its place as it is written.
    pub fn to_html(&self) -> String {
        let mut out = String::from("<aside class=\"print-only print-note\" data-for=\"");
        push_html_attribute(&mut out, self.path);
        out.push_str("\" lang=\"");
        out.push_str(self.lang.code());
        out.push_str("\">");
        // First, to float beside the lines of text that follow it.
        if let Some(svg) = qr_svg(self.url, qr_label(self.lang)) {
            out.push_str(&svg);
        }
        if let Some(name) = self.site_name {
            out.push_str("<p class=\"print-note__name\">");
            push_html_text(&mut out, name);
            out.push_str("</p>");
        }
        // "Địa chỉ bài viết: {url}", the app's own words for its print line,
        // with the address a link (a PDF keeps it).
        let (before, after) = self
            .lang
            .text()
            .print_source
            .split_once("{url}")
            .unwrap_or(("", ""));
        out.push_str("<p class=\"print-note__url\">");
        push_html_text(&mut out, before);
        out.push_str("<a href=\"");
        push_html_attribute(&mut out, self.url);
        out.push_str("\">");
        push_html_text(&mut out, self.url);
        out.push_str("</a>");
        push_html_text(&mut out, after);
        out.push_str("</p></aside>");
        out
    }
}

/// The QR code's accessible name.
fn qr_label(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Mã QR dẫn tới địa chỉ bài viết",
        Lang::En => "QR code of the article's address",
    }
}

/// `text` as a QR code (error correction M, raised where the same size
/// allows) in inline SVG: a white square with the quiet zone, and one path
/// of the dark modules, a rectangle for each run of them in a row, in a
/// fixed view box of one unit a module. `None` when `text` is too long for
/// any QR code.
pub fn qr_svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Medium).ok()?;
    let size = code.size();
    let side = size + 2 * QUIET_ZONE;
    let mut out = format!(
        "<svg class=\"print-note__qr\" role=\"img\" viewBox=\"0 0 {side} {side}\" shape-rendering=\"crispEdges\"><title>"
    );
    push_html_text(&mut out, label);
    out.push_str(&format!(
        "</title><rect width=\"{side}\" height=\"{side}\" fill=\"#fff\"/><path d=\""
    ));
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            let (left, top, run) = (start + QUIET_ZONE, y + QUIET_ZONE, x - start);
            out.push_str(&format!("M{left} {top}h{run}v1h-{run}z"));
        }
    }
    out.push_str("\"/></svg>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(url: &str) -> Tag {
        Tag::Canonical(url.to_string())
    }

    fn site_name(name: &str) -> Tag {
        Tag::Meta {
            attr: "property",
            key: "og:site_name",
            content: name.to_string(),
        }
    }

    #[test]
    fn a_note_needs_an_absolute_canonical_address() {
        let tags = [site_name("Cổng"), canonical("https://a.vn/bai-viet/x")];
        let note = PrintNote::from_head("/bai-viet/x", &tags, Lang::Vi).unwrap();
        assert_eq!(note.url, "https://a.vn/bai-viet/x");
        assert_eq!(note.site_name, Some("Cổng"));
        assert_eq!(PrintNote::from_head("/", &tags[..1], Lang::Vi), None);
        let relative = [canonical("/bai-viet/x")];
        assert_eq!(PrintNote::from_head("/", &relative, Lang::Vi), None);
    }

    #[test]
    fn every_value_is_escaped_for_its_place() {
        let tags = [
            site_name("<b>Cổng</b> & \"co\""),
            canonical("https://a\"b.vn/<x>?a=1&b=2"),
        ];
        let html = PrintNote::from_head("/p\"q", &tags, Lang::En)
            .unwrap()
            .to_html();
        assert!(
            html.starts_with("<aside class=\"print-only print-note\" data-for=\"/p&quot;q\" lang=\"en\"><svg class=\"print-note__qr\" role=\"img\" viewBox=\"0 0 "),
            "{html}"
        );
        assert!(html.ends_with(
            "z\"/></svg><p class=\"print-note__name\">&lt;b&gt;Cổng&lt;/b&gt; &amp; \"co\"</p><p class=\"print-note__url\">Article address: <a href=\"https://a&quot;b.vn/&lt;x&gt;?a=1&amp;b=2\">https://a\"b.vn/&lt;x&gt;?a=1&amp;b=2</a></p></aside>"
        ), "{html}");
    }

    #[test]
    fn the_code_has_its_quiet_zone_and_one_unit_a_module() {
        let svg = qr_svg("https://a.vn/", "QR").unwrap();
        // Version 1 (21 modules) and 4 light ones on each side.
        assert!(svg.contains("viewBox=\"0 0 29 29\""), "{svg}");
        // The top left finder pattern: a run of 7 dark modules at (4, 4).
        assert!(svg.contains("d=\"M4 4h7v1h-7z"), "{svg}");
        assert_eq!(qr_svg(&"x".repeat(3000), "QR"), None, "too long");
    }
}
