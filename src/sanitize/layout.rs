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
    "width-25",
    "width-50",
    "width-75",
    "width-100",
];

/// Elements that may float beside the text.
const FLOATING: &[&str] = &["img", "figure"];

/// The layout of one element: classes, and a width for an image.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Layout {
    pub classes: Vec<&'static str>,
    /// `width` in CSS pixels, for an image whose `width` attribute is absent.
    pub width: Option<u32>,
}

impl Layout {
    /// The classes as an attribute value, when there are any.
    pub fn class(&self) -> Option<String> {
        (!self.classes.is_empty()).then(|| self.classes.join(" "))
    }
}

/// The layout of a kept element `tag` from its `style` and `align`
/// attributes (as written, any case).
pub fn layout(tag: &str, style: Option<&str>, align: Option<&str>) -> Layout {
    let mut text_align = None;
    let mut float = None;
    let mut width = None;
    let mut percent = None;
    for (name, value) in style.map(declarations).unwrap_or_default() {
        match name.as_str() {
            "text-align" => text_align = alignment(&value),
            "float" => float = side(&value),
            "width" => {
                if let Some(px) = value.strip_suffix("px") {
                    width = pixels(px);
                } else if let Some(p) = value.strip_suffix('%') {
                    percent = pixels(p).map(bucket);
                }
            }
            _ => {}
        }
    }
    if let Some(align) = align.map(|a| a.trim().to_ascii_lowercase()) {
        match tag {
            "img" => float = float.or(side(&align)),
            _ => text_align = text_align.or(alignment(&align)),
        }
    }
    let mut out = Layout::default();
    if ALIGNED.contains(&tag) {
        out.classes.extend(text_align);
    }
    if FLOATING.contains(&tag) {
        out.classes.extend(float);
    }
    if tag == "img" {
        out.classes.extend(percent);
        out.width = width;
    }
    out
}

/// `name: value` pairs of a style attribute, lower case, without
/// `!important`. Values with anything beyond a keyword or a number are of
/// no use here and come out as they are, to match nothing.
fn declarations(style: &str) -> Vec<(String, String)> {
    style
        .split(';')
        .filter_map(|d| d.split_once(':'))
        .map(|(n, v)| {
            let v = v.trim().to_ascii_lowercase();
            let v = v
                .strip_suffix("!important")
                .unwrap_or(&v)
                .trim()
                .to_string();
            (n.trim().to_ascii_lowercase(), v)
        })
        .collect()
}

fn alignment(value: &str) -> Option<&'static str> {
    match value {
        "left" | "start" => Some("text-left"),
        "center" => Some("text-center"),
        "right" | "end" => Some("text-right"),
        "justify" => Some("text-justify"),
        _ => None,
    }
}

fn side(value: &str) -> Option<&'static str> {
    match value {
        "left" => Some("float-left"),
        "right" => Some("float-right"),
        _ => None,
    }
}

/// A positive number of at most 10 000, rounded.
fn pixels(value: &str) -> Option<u32> {
    let value = value.trim();
    let ok = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && value.bytes().filter(|b| *b == b'.').count() <= 1;
    let n: f64 = ok.then(|| value.parse().ok()).flatten()?;
    (1.0..=10_000.0).contains(&n).then(|| n.round() as u32)
}

/// A width in percent as the nearest of the four widths we style.
fn bucket(percent: u32) -> &'static str {
    match percent {
        0..=37 => "width-25",
        38..=62 => "width-50",
        63..=87 => "width-75",
        _ => "width-100",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ckeditor_alignment_floats_and_widths_become_classes() {
        assert_eq!(
            layout("p", Some("text-align: center;"), None)
                .class()
                .as_deref(),
            Some("text-center")
        );
        assert_eq!(
            layout(
                "p",
                Some("TEXT-ALIGN:Justify !important; color: red; font-size: 40px"),
                None
            )
            .class()
            .as_deref(),
            Some("text-justify")
        );
        let img = layout("img", Some("float: right; width: 200px; margin: 5px"), None);
        assert_eq!(img.class().as_deref(), Some("float-right"));
        assert_eq!(img.width, Some(200));
        assert_eq!(
            layout("img", None, Some("left")).class().as_deref(),
            Some("float-left")
        );
        assert_eq!(
            layout("img", Some("width: 50%"), None).class().as_deref(),
            Some("width-50")
        );
        assert_eq!(
            layout("td", None, Some("center")).class().as_deref(),
            Some("text-center")
        );
        assert_eq!(
            layout("div", Some("text-align:right"), None)
                .class()
                .as_deref(),
            Some("text-right")
        );
        // The style wins over the old attribute.
        assert_eq!(
            layout("p", Some("text-align:right"), Some("left"))
                .class()
                .as_deref(),
            Some("text-right")
        );
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
            "text-align",
            "",
        ] {
            let l = layout("img", Some(style), None);
            assert_eq!(l.width, None, "{style}");
            assert!(l.classes.is_empty(), "{style}");
            assert!(layout("p", Some(style), None).classes.is_empty(), "{style}");
        }
        // Alignment only on blocks, floats only on images and figures.
        assert!(layout("a", Some("text-align:center; float:left"), None)
            .classes
            .is_empty());
        assert!(layout("p", Some("float:left"), None).classes.is_empty());
        assert_eq!(layout("p", Some("width: 200px"), None).width, None);
    }
}
