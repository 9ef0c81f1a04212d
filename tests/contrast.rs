//! Every palette in style/tokens.css meets its contrast promise.
//!
//! Parses the palettes out of the style sheet (light levels, and the dark
//! variants under `prefers-color-scheme: dark`) and computes WCAG 2 contrast
//! ratios for each text/background and control pair the components use.
//! `cargo test --test contrast -- --nocapture` prints the table.

use std::collections::BTreeMap;

type Palette = BTreeMap<String, String>;

const TOKENS: &str = include_str!("../style/tokens.css");
const LEVELS: [&str; 4] = ["soft", "normal", "high", "maximum"];

/// Minimum contrast for text in each level.
fn text_minimum(level: &str) -> f64 {
    match level {
        "soft" | "normal" => 4.5,
        "high" => 7.0,
        "maximum" => 15.0,
        other => panic!("unknown level {other}"),
    }
}

/// (light, dark) palettes by level name.
fn palettes() -> (BTreeMap<String, Palette>, BTreeMap<String, Palette>) {
    let mut css = TOKENS.to_string();
    while let Some(start) = css.find("/*") {
        let end = css[start..].find("*/").map_or(css.len(), |e| start + e + 2);
        css.replace_range(start..end, "");
    }
    let mut light: BTreeMap<String, Palette> = BTreeMap::new();
    let mut dark: BTreeMap<String, Palette> = BTreeMap::new();
    // Text before a `{` (a selector or an at-rule), and the body of a rule.
    let mut head = String::new();
    let mut rule: Option<(String, String)> = None;
    // Open at-rule blocks: whether each is the dark colour-scheme query.
    let mut at_rules: Vec<bool> = Vec::new();
    for ch in css.chars() {
        match (ch, rule.as_mut()) {
            ('}', Some(_)) => {
                let (selector, body) = rule.take().unwrap_or_default();
                if !body.contains("--color-bg") {
                    continue;
                }
                let declarations: Palette = body
                    .split(';')
                    .filter_map(|d| d.split_once(':'))
                    .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
                    .filter(|(k, _)| k.starts_with("--"))
                    .collect();
                let target = if at_rules.iter().any(|dark| *dark) {
                    &mut dark
                } else {
                    &mut light
                };
                for level in LEVELS {
                    let named = selector.contains(&format!("data-contrast=\"{level}\""));
                    let bare_root =
                        level == "normal" && selector.split(',').any(|s| s.trim() == ":root");
                    if named || bare_root {
                        target.insert(level.to_string(), declarations.clone());
                    }
                }
            }
            (_, Some((_, body))) => body.push(ch),
            ('{', None) => {
                let text = head.trim().to_string();
                head.clear();
                if text.starts_with('@') {
                    at_rules.push(text.contains("prefers-color-scheme: dark"));
                } else {
                    rule = Some((text, String::new()));
                }
            }
            ('}', None) => {
                at_rules.pop();
                head.clear();
            }
            (_, None) => head.push(ch),
        }
    }
    (light, dark)
}

fn luminance(hex: &str) -> f64 {
    let hex = hex.trim_start_matches('#');
    assert_eq!(hex.len(), 6, "colours are #rrggbb in tokens.css: {hex}");
    let channel = |i: usize| {
        let c = u8::from_str_radix(&hex[i..i + 2], 16).expect("hex colour") as f64 / 255.0;
        if c <= 0.03928 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn ratio(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// (what, foreground token, background token, minimum) for one level.
fn checks(level: &str) -> Vec<(&'static str, &'static str, &'static str, f64)> {
    let text = text_minimum(level);
    vec![
        ("body text", "--color-text", "--color-bg", text),
        ("text on panels", "--color-text", "--color-surface", text),
        ("muted text", "--color-text-muted", "--color-bg", text),
        (
            "muted text on panels",
            "--color-text-muted",
            "--color-surface",
            text,
        ),
        ("links", "--color-link", "--color-bg", text),
        ("links on panels", "--color-link", "--color-surface", text),
        ("visited links", "--color-link-visited", "--color-bg", text),
        ("hovered links", "--color-link-hover", "--color-bg", text),
        ("header text", "--color-on-brand", "--color-brand", text),
        (
            "navigation text",
            "--color-on-brand",
            "--color-brand-dark",
            text,
        ),
        ("button text", "--color-button-text", "--color-button", text),
        (
            "hovered button text",
            "--color-button-text",
            "--color-button-hover",
            text,
        ),
        ("control borders", "--color-border", "--color-bg", 3.0),
        (
            "buttons against the page",
            "--color-button",
            "--color-bg",
            3.0,
        ),
        ("error accent", "--color-accent", "--color-bg", 3.0),
        ("focus ring", "--focus-ring", "--color-bg", 3.0),
        ("rating stars", "--color-star", "--color-bg", 3.0),
        (
            "rating stars on panels",
            "--color-star",
            "--color-surface",
            3.0,
        ),
    ]
}

fn check_palette(name: &str, level: &str, palette: &Palette, failures: &mut Vec<String>) {
    let get = |token: &str| {
        palette
            .get(token)
            .unwrap_or_else(|| panic!("{name} lacks {token}"))
            .as_str()
    };
    println!("\n{name} (text minimum {}:1)", text_minimum(level));
    for (what, fg, bg, minimum) in checks(level) {
        let r = ratio(get(fg), get(bg));
        println!("  {what:28} {r:5.2}:1");
        if r < minimum {
            failures.push(format!("{name}: {what} {r:.2}:1 < {minimum}:1"));
        }
    }
    // The focus indicator is a ring plus a halo; on the dark header one of the
    // two must stand out from it.
    let on_header = ratio(get("--focus-ring"), get("--color-brand"))
        .max(ratio(get("--focus-halo"), get("--color-brand")));
    println!("  {:28} {on_header:5.2}:1", "focus on the header");
    if on_header < 3.0 {
        failures.push(format!(
            "{name}: focus on the header {on_header:.2}:1 < 3:1"
        ));
    }
}

#[test]
fn every_palette_meets_its_contrast_level() {
    let (light, dark) = palettes();
    assert_eq!(light.len(), 4, "four light palettes: {:?}", light.keys());
    assert_eq!(
        dark.len(),
        3,
        "dark variants of soft, normal and high: {:?}",
        dark.keys()
    );
    let mut failures = Vec::new();
    for level in LEVELS {
        check_palette(level, level, &light[level], &mut failures);
        if let Some(dark_palette) = dark.get(level) {
            check_palette(
                &format!("{level} (dark)"),
                level,
                dark_palette,
                &mut failures,
            );
        }
    }
    assert!(
        failures.is_empty(),
        "contrast failures:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_palette_defines_every_token() {
    let (light, dark) = palettes();
    assert_eq!((light.len(), dark.len()), (4, 3));
    let reference: Vec<&String> = light["normal"].keys().collect();
    for (name, palette) in light.iter().chain(dark.iter()) {
        assert_eq!(
            palette.keys().collect::<Vec<_>>(),
            reference,
            "{name} defines the same tokens"
        );
    }
}

#[test]
fn the_ratio_formula_matches_known_values() {
    assert!((ratio("#000000", "#ffffff") - 21.0).abs() < 1e-9);
    assert!((ratio("#767676", "#ffffff") - 4.54).abs() < 0.01);
}
