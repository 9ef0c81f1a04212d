//! The few layout intents of an editor's inline styles that an article needs
//! to look as it was made, as classes of ours: text alignment of a block,
//! an image floated left or right, an image's width as a maximum. CKEditor
//! (NukeViet's editor) writes them as `style="text-align: center"`,
//! `style="float: right; width: 200px"` or the old `align` attribute. The
//! style itself never reaches the page: every other declaration (colours,
//! fonts, positions, `url(…)`) is dropped with it.

/// Blocks whose text alignment is kept.
const ALIGNED: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "li",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "caption",
    "td",
    "th",
    "div",
];

/// Every class [`layout`] can give, for the tests' statement of what a
/// body may carry.
pub const CLASSES: &[&str] = &[
    "text-left",
    "text-center",
    "text-right",
    "text-justify",
    "float-left",
    "float-right",
];

/// Elements that may float beside the text.
const FLOATING: &[&str] = &["img", "figure"];

/// The layout of one element: its classes (space-separated, empty for
/// none), and a width for an image.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub class: String,
    /// `width` in CSS pixels, for an image whose `width` attribute is absent.
    pub width: Option<u32>,
}

/// The attributes an editor's layout comes in: the first `style` and the
/// first `align` of an element (HTML keeps the first of duplicates).
#[derive(Default)]
pub struct Intents<'n> {
    pub style: Option<&'n str>,
    pub align: Option<&'n str>,
}

impl<'n> Intents<'n> {
    /// Takes note of one attribute (any case), if it is one of them.
    pub fn note(&mut self, name: &str, value: &'n str) {
        if name.eq_ignore_ascii_case("style") {
            self.style = self.style.or(Some(value));
        } else if name.eq_ignore_ascii_case("align") {
            self.align = self.align.or(Some(value));
        }
    }
}

/// The layout of a kept element `tag` from its `style` and `align`
/// attributes (as written, any case). Read without allocating and
/// compared without case, in as few bytes of wasm as it takes: an
/// editor writes `text-align: center`, `float: right`, `width: 200px`.
pub fn layout(tag: &str, style: Option<&str>, align: Option<&str>) -> Layout {
    let (mut text, mut float, mut width) = (None, None, None);
    for declaration in style.unwrap_or_default().split(';') {
        if let Some((name, value)) = declaration.split_once(':') {
            let (name, value) = (name.trim(), value.trim());
            if name.eq_ignore_ascii_case("text-align") {
                text = Some(value);
            } else if name.eq_ignore_ascii_case("float") {
                float = Some(value);
            } else if name.eq_ignore_ascii_case("width") {
                width = value.strip_suffix("px").and_then(pixels);
            }
        }
    }
    let image = tag == "img";
    match image {
        true => float = float.or(align),
        false => text = text.or(align),
    }
    let mut out = Layout::default();
    if ALIGNED.contains(&tag) {
        push_class(
            &mut out.class,
            "text-",
            text,
            &["left", "center", "right", "justify"],
        );
    }
    if FLOATING.contains(&tag) {
        push_class(&mut out.class, "float-", float, &["left", "right"]);
    }
    out.width = width.filter(|_| image);
    out
}

/// Adds `{prefix}{keyword}` when `value` is one of `keywords` (any case).
fn push_class(class: &mut String, prefix: &str, value: Option<&str>, keywords: &[&str]) {
    let value = value.map(str::trim).unwrap_or_default();
    if let Some(keyword) = keywords.iter().find(|k| value.eq_ignore_ascii_case(k)) {
        if !class.is_empty() {
            class.push(' ');
        }
        class.push_str(prefix);
        class.push_str(keyword);
    }
}

/// A width of 1 to 10 000 pixels (`200`, `199.5`: the fraction dropped).
fn pixels(value: &str) -> Option<u32> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if whole.len() > 5 || !digits(whole) || !digits(fraction) {
        return None;
    }
    let n: u32 = whole.parse().ok()?;
    (1..=10_000).contains(&n).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(tag: &str, style: &str, align: Option<&str>) -> String {
        layout(tag, Some(style), align).class
    }

    #[test]
    fn ckeditor_alignment_floats_and_widths_become_classes() {
        assert_eq!(class("p", "text-align: center;", None), "text-center");
        assert_eq!(
            class("p", "TEXT-ALIGN:Justify; color: red; font-size: 40px", None),
            "text-justify"
        );
        let img = layout("img", Some("float: right; width: 200px; margin: 5px"), None);
        assert_eq!(img.class, "float-right");
        assert_eq!(img.width, Some(200));
        assert_eq!(layout("img", Some("width: 199.5px"), None).width, Some(199));
        assert_eq!(layout("img", None, Some("left")).class, "float-left");
        assert_eq!(class("img", "float:left;width:80%", None), "float-left");
        assert_eq!(layout("td", None, Some("center")).class, "text-center");
        assert_eq!(class("div", "text-align:right", None), "text-right");
        assert_eq!(
            class("figure", "float: left; text-align: center", None),
            "text-center float-left"
        );
        // The style wins over the old attribute.
        assert_eq!(class("p", "text-align:right", Some("left")), "text-right");
    }

    #[test]
    fn nothing_else_of_a_style_passes() {
        for style in [
            "color: red",
            "background: url(javascript:alert(1))",
            "position: fixed; top: 0",
            "text-align: expression(alert(1))",
            "float: inherit",
            "width: calc(100% - 1px)",
            "width: -5px",
            "width: 99999px",
            "width: 1e3px",
            "width: 0px",
            "width: 0.4px",
            "width: 50%",
            "width: .5px",
            "width: 1.2.3px",
            "width: px",
            "width: ảpx",
            "text-align: cènter",
            "text-align",
            "",
        ] {
            let l = layout("img", Some(style), None);
            assert_eq!(l.width, None, "{style}");
            assert!(l.class.is_empty(), "{style}");
            assert!(class("p", style, None).is_empty(), "{style}");
        }
        // Alignment only on blocks, floats only on images and figures.
        assert!(class("a", "text-align:center; float:left", None).is_empty());
        assert!(class("p", "float:left", None).is_empty());
        assert_eq!(layout("p", Some("width: 200px"), None).width, None);
    }
}
