//! Text size, contrast and text spacing: the rules, as pure data and functions.
//!
//! The toolbar ([`crate::toolbar`]) only wires these to buttons; [`crate::prefs`]
//! holds and remembers the reader's choice. The same allowlists and
//! announcements are repeated once in JavaScript, in the pre-paint script of
//! `index.html` that applies a stored choice before the wasm loads (no flash of
//! the default look) and answers the toolbar until the app has taken the page
//! over; a test keeps the two in step.
//!
//! The settings are attributes on `<html>` (`data-text-size`,
//! `data-contrast`, `data-text-spacing`) that `style/tokens.css` turns into a
//! root font size, a palette and spacing tokens: no inline styles, no
//! filters, nothing that fights the browser's zoom or the system's colours.

use crate::i18n::Text;

/// Local-storage keys, `portal.{name}`. Changing them forgets every reader's
/// choice.
pub const TEXT_SIZE_KEY: &str = "portal.text-size";
pub const CONTRAST_KEY: &str = "portal.contrast";
pub const TEXT_SPACING_KEY: &str = "portal.text-spacing";

/// Where each setting is applied on `<html>`, `data-{name}`.
pub const TEXT_SIZE_ATTRIBUTE: &str = "data-text-size";
pub const CONTRAST_ATTRIBUTE: &str = "data-contrast";
pub const TEXT_SPACING_ATTRIBUTE: &str = "data-text-spacing";

/// Text sizes in percent of the browser's own base size, smallest first.
/// Finer steps where a little goes a long way, bigger ones towards 200 %.
pub const TEXT_SIZES: [&str; 6] = ["100", "112.5", "125", "150", "175", "200"];

/// One of [`TEXT_SIZES`], by index.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextSize(usize);

impl TextSize {
    /// The browser's base size, what `A` returns to.
    pub const DEFAULT: TextSize = TextSize(0);

    /// Reads a stored value; anything not exactly one of the steps (garbage,
    /// an old format, another app's data) is the default.
    pub fn parse(stored: Option<&str>) -> TextSize {
        stored
            .and_then(|s| TEXT_SIZES.iter().position(|step| *step == s.trim()))
            .map_or(TextSize::DEFAULT, TextSize)
    }

    /// The value to store and to put in `data-text-size`.
    pub fn as_str(self) -> &'static str {
        TEXT_SIZES[self.0]
    }

    /// The next bigger step, or `None` at 200 %.
    pub fn bigger(self) -> Option<TextSize> {
        (self.0 + 1 < TEXT_SIZES.len()).then_some(TextSize(self.0 + 1))
    }

    /// The next smaller step, or `None` at 100 %.
    pub fn smaller(self) -> Option<TextSize> {
        self.0.checked_sub(1).map(TextSize)
    }

    pub fn is_default(self) -> bool {
        self == TextSize::DEFAULT
    }

    /// "112,5" in Vietnamese, "112.5" in English (decimal comma vs point).
    pub fn percent_label(self, decimal_comma: bool) -> String {
        let text = self.as_str();
        if decimal_comma {
            text.replace('.', ",")
        } else {
            text.to_string()
        }
    }
}

/// A setting that steps through a fixed list of levels, least first
/// (contrast, text spacing): stored and put on `<html>` by its name.
pub trait Scale: Copy + PartialEq + 'static {
    /// Every level, least first.
    const ALL: &'static [Self];

    /// The value to store and to put in the setting's attribute.
    fn as_str(self) -> &'static str;

    /// The level's name in the interface language, for announcements.
    fn name(self, text: &Text) -> &'static str;

    /// Reads a stored or applied value; anything else is `None`.
    fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|level| level.as_str() == value.trim())
    }

    fn more(self) -> Option<Self> {
        Self::ALL.get(self.index() + 1).copied()
    }

    fn less(self) -> Option<Self> {
        self.index().checked_sub(1).map(|i| Self::ALL[i])
    }

    fn index(self) -> usize {
        Self::ALL
            .iter()
            .position(|level| *level == self)
            .unwrap_or_default()
    }
}

/// Contrast levels, least first. Each is a complete palette in tokens.css.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Contrast {
    /// Softer than normal, for glare-sensitive readers; text still ≥ 4.5:1.
    Soft,
    /// WCAG AA: text ≥ 4.5:1, controls ≥ 3:1.
    #[default]
    Normal,
    /// WCAG AAA: text ≥ 7:1; what `prefers-contrast: more` starts at.
    High,
    /// Light on black, text ≥ 15:1.
    Maximum,
}

impl Scale for Contrast {
    const ALL: &'static [Contrast] = &[
        Contrast::Soft,
        Contrast::Normal,
        Contrast::High,
        Contrast::Maximum,
    ];

    fn as_str(self) -> &'static str {
        match self {
            Contrast::Soft => "soft",
            Contrast::Normal => "normal",
            Contrast::High => "high",
            Contrast::Maximum => "maximum",
        }
    }

    fn name(self, text: &Text) -> &'static str {
        match self {
            Contrast::Soft => text.contrast_soft,
            Contrast::Normal => text.contrast_normal,
            Contrast::High => text.contrast_high,
            Contrast::Maximum => text.contrast_maximum,
        }
    }
}

/// Space between lines, paragraphs, letters and words, least first.
/// `style/tokens.css` gives each its figures; the widest goes beyond WCAG
/// 2.2's 1.4.12 (line height 1.5, paragraphs 2, letters 0.12, words 0.16
/// times the font size), which a test checks in the browser.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TextSpacing {
    /// The portal's own spacing.
    #[default]
    Normal,
    Wide,
    Wider,
    Widest,
}

impl Scale for TextSpacing {
    const ALL: &'static [TextSpacing] = &[
        TextSpacing::Normal,
        TextSpacing::Wide,
        TextSpacing::Wider,
        TextSpacing::Widest,
    ];

    fn as_str(self) -> &'static str {
        match self {
            TextSpacing::Normal => "normal",
            TextSpacing::Wide => "wide",
            TextSpacing::Wider => "wider",
            TextSpacing::Widest => "widest",
        }
    }

    fn name(self, text: &Text) -> &'static str {
        match self {
            TextSpacing::Normal => text.spacing_normal,
            TextSpacing::Wide => text.spacing_wide,
            TextSpacing::Wider => text.spacing_wider,
            TextSpacing::Widest => text.spacing_widest,
        }
    }
}

/// One press of a stepping button (text size or contrast, up or down): the
/// value to move to, `None` at the limit, and what to announce. `templates`
/// are the announcement of a change and the explanation at the limit; in
/// both, `placeholder` is replaced by the `label` of the value shown after
/// the press.
pub fn step<T: Copy>(
    current: T,
    next: Option<T>,
    templates: (&str, &str),
    placeholder: &str,
    label: impl Fn(T) -> String,
) -> (Option<T>, String) {
    let (template, shown) = match next {
        Some(next) => (templates.0, next),
        None => (templates.1, current),
    };
    (next, template.replace(placeholder, &label(shown)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_steps_from_100_to_200_percent() {
        assert_eq!(TEXT_SIZES.len(), 6);
        assert_eq!(TEXT_SIZES.first(), Some(&"100"));
        assert_eq!(TEXT_SIZES.last(), Some(&"200"));
        let values: Vec<f64> = TEXT_SIZES.iter().map(|s| s.parse().unwrap()).collect();
        assert!(
            values.windows(2).all(|w| w[0] < w[1]),
            "strictly increasing"
        );
    }

    #[test]
    fn stepping_stops_at_the_limits() {
        let mut size = TextSize::DEFAULT;
        assert_eq!(size.smaller(), None);
        let mut seen = vec![size.as_str()];
        while let Some(next) = size.bigger() {
            size = next;
            seen.push(size.as_str());
        }
        assert_eq!(seen, TEXT_SIZES);
        assert_eq!(size.bigger(), None);
        assert_eq!(size.smaller().map(TextSize::as_str), Some("175"));
    }

    #[test]
    fn stored_text_size_garbage_is_the_default() {
        assert_eq!(TextSize::parse(Some("150")).as_str(), "150");
        assert_eq!(TextSize::parse(Some(" 112.5 ")).as_str(), "112.5");
        for garbage in [
            None,
            Some(""),
            Some("300"),
            Some("1.5"),
            Some("NaN"),
            Some("150%"),
            Some("{}"),
        ] {
            assert!(TextSize::parse(garbage).is_default(), "{garbage:?}");
        }
    }

    #[test]
    fn percent_labels_use_the_languages_decimal_mark() {
        assert_eq!(TextSize::parse(Some("112.5")).percent_label(true), "112,5");
        assert_eq!(TextSize::parse(Some("112.5")).percent_label(false), "112.5");
    }

    #[test]
    fn contrast_steps_through_four_levels() {
        assert_eq!(Contrast::Soft.less(), None);
        assert_eq!(Contrast::Soft.more(), Some(Contrast::Normal));
        assert_eq!(Contrast::Normal.more(), Some(Contrast::High));
        assert_eq!(Contrast::High.more(), Some(Contrast::Maximum));
        assert_eq!(Contrast::Maximum.more(), None);
        assert_eq!(Contrast::Maximum.less(), Some(Contrast::High));
        for &level in Contrast::ALL {
            assert_eq!(Contrast::parse(level.as_str()), Some(level));
        }
    }

    #[test]
    fn spacing_steps_through_four_levels_and_garbage_is_none() {
        assert_eq!(TextSpacing::Normal.less(), None);
        assert_eq!(TextSpacing::Normal.more(), Some(TextSpacing::Wide));
        assert_eq!(TextSpacing::Wider.more(), Some(TextSpacing::Widest));
        assert_eq!(TextSpacing::Widest.more(), None);
        for &level in TextSpacing::ALL {
            assert_eq!(TextSpacing::parse(level.as_str()), Some(level));
            assert!(!level.name(&crate::i18n::VI).is_empty());
        }
        for garbage in ["", "WIDE", "0.12em", "maximum"] {
            assert_eq!(TextSpacing::parse(garbage), None, "{garbage:?}");
        }
    }

    #[test]
    fn a_step_moves_and_says_so_or_says_why_not() {
        let vi = &crate::i18n::VI;
        let size = TextSize::parse(Some("112.5"));
        let (next, message) = step(
            size,
            size.bigger(),
            (vi.announce_text_size, vi.announce_text_largest),
            "{n}",
            |s| s.percent_label(true),
        );
        assert_eq!(next.map(TextSize::as_str), Some("125"));
        assert_eq!(message, "Cỡ chữ 125 %");
        let top = Contrast::Maximum;
        let (next, message) = step(
            top,
            top.more(),
            (vi.announce_contrast, vi.announce_contrast_most),
            "{level}",
            |c| c.name(vi).to_string(),
        );
        assert_eq!(next, None);
        assert_eq!(message, "Độ tương phản đã cao nhất: tối đa");
    }

    /// The pre-paint script in index.html repeats these allowlists, names and
    /// announcements in JS.
    #[test]
    fn prepaint_script_knows_the_same_values() {
        let script = crate::test_support::index_html_script("prepaint");
        let quoted = |items: &[&str], separator: &str| {
            let items: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
            format!("[{}]", items.join(separator))
        };
        let contrast: Vec<&str> = Contrast::ALL.iter().map(|c| c.as_str()).collect();
        let spacing: Vec<&str> = TextSpacing::ALL.iter().map(|s| s.as_str()).collect();
        for (name, levels, key, attribute) in [
            (
                "text-size",
                &TEXT_SIZES[..],
                TEXT_SIZE_KEY,
                TEXT_SIZE_ATTRIBUTE,
            ),
            ("contrast", &contrast[..], CONTRAST_KEY, CONTRAST_ATTRIBUTE),
            (
                "text-spacing",
                &spacing[..],
                TEXT_SPACING_KEY,
                TEXT_SPACING_ATTRIBUTE,
            ),
        ] {
            let entry = format!("\"{name}\": {}", quoted(levels, ","));
            assert!(script.contains(&entry), "{entry} in {script}");
            assert_eq!(key, format!("portal.{name}"));
            assert_eq!(attribute, format!("data-{name}"));
        }
        assert!(script.contains("\"portal.\" + name") && script.contains("\"data-\" + name"));
        // In Vietnamese only, the language the pre-render writes the toolbar in.
        assert_eq!(crate::i18n::Lang::default(), crate::i18n::Lang::Vi);
        let text = &crate::i18n::VI;
        // "name": ["word", …], as the script's table writes each entry.
        let entry = |name: &str, said: &[&str]| format!("\"{name}\": {}", quoted(said, ", "));
        let size = entry("text-size", &[text.announce_text_size]);
        let mut said = vec![text.announce_contrast];
        said.extend(Contrast::ALL.iter().map(|c| c.name(text)));
        let contrast = entry("contrast", &said);
        let mut said = vec![text.announce_spacing];
        said.extend(TextSpacing::ALL.iter().map(|s| s.name(text)));
        let spacing = entry("text-spacing", &said);
        for entry in [size, contrast, spacing] {
            assert!(script.contains(&entry), "{entry} in {script}");
        }
        let langs = crate::i18n::Lang::ALL
            .map(|l| format!("\"{}\"", l.code()))
            .join(",");
        assert!(
            script.contains(&format!("[{langs}]")),
            "languages in {script}"
        );
        assert_eq!(crate::i18n::LANG_KEY, "portal.lang");
        assert!(script.contains("stored(\"lang\")"));
        assert!(script.contains("(prefers-contrast: more)"));
    }
}
