//! One escaping function per output context, for every document the
//! program writes as text: HTML text, an HTML attribute value in double
//! quotes, XML 1.0 (text and attribute values alike), and JSON inside an
//! HTML `<script>` data block.
//!
//! Text from the endpoint can look like anything, markup included, so it
//! only ever reaches a document through one of these, at the moment it is
//! written, and a document is never searched or patched afterwards. Each is
//! tested with a sweep over every code point, read back by a real parser
//! (html5ever for HTML, roxmltree for XML, serde_json for JSON).
//!
//! Characters the format cannot carry as text are left out: in HTML the
//! parser would refuse or replace them (U+0000, controls, noncharacters:
//! each one a validator error too); in XML 1.0 they are not characters at all
//! (a document holding one is not well-formed).

/// `text` as the text of an HTML element (not of a raw text element such as
/// `<script>` or `<style>`, whose content cannot be escaped).
pub fn html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_html_text(&mut out, text);
    out
}

/// [`html_text`], appended to `out`.
pub fn push_html_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if html_can_carry(c) => out.push(c),
            _ => {}
        }
    }
}

/// `value` as an attribute value between double quotes. Every character
/// that means something in markup is escaped, not only the quote, so the
/// value stays inert wherever it ends up (another quoting, a naive reader).
pub fn html_attribute(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    push_html_attribute(&mut out, value);
    out
}

/// [`html_attribute`], appended to `out`.
pub fn push_html_attribute(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if html_can_carry(c) => out.push(c),
            _ => {}
        }
    }
}

/// `text` as XML 1.0 character data, good in an element and in an attribute
/// value (either quote).
pub fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Normalised away by a parser otherwise (line ends; whitespace
            // in attribute values).
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c if xml_can_carry(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// JSON text made safe inside `<script type="application/json">` (or
/// `application/ld+json`): every `<` written `\u003c`. In JSON a `<` can only
/// stand inside a string, where the escape means the same character; without
/// any `<` the text cannot end the element (`</script>`) or change how the
/// HTML parser reads it (`<!--`).
///
/// Characters HTML text cannot carry ([`html_text`]) are written as JSON
/// escapes too: they can only stand inside a JSON string, where the escape
/// means the same. (A carriage return, which JSON also allows between
/// tokens, stays: the parser reads it as a line feed, JSON as whitespace.)
pub fn json_in_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '\r' => out.push(c),
            c if html_can_carry(c) => out.push(c),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out
}

/// Whether HTML text can hold `c` as itself: not U+0000, not a control other
/// than ASCII whitespace, not a noncharacter (the parser's
/// "control-character-in-input-stream" and "noncharacter-in-input-stream").
/// A carriage return goes too: the parser would make it a line feed, and as
/// a character reference it is a parse error.
fn html_can_carry(c: char) -> bool {
    let n = u32::from(c);
    let control = (n < 0x20 && !matches!(c, '\t' | '\n' | '\x0C')) || (0x7F..=0x9F).contains(&n);
    !control && !is_noncharacter(n)
}

/// XML 1.0's `Char`: tab, line feed, carriage return, U+0020–U+D7FF,
/// U+E000–U+FFFD, U+10000 and above (Rust's `char` holds no surrogates).
fn xml_can_carry(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// U+FDD0–U+FDEF, and the last two code points of every plane.
fn is_noncharacter(n: u32) -> bool {
    (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_in_every_context() {
        assert_eq!(
            html_text("a < b & c > d \"'"),
            "a &lt; b &amp; c &gt; d \"'"
        );
        assert_eq!(
            html_attribute("<div id=app></div>\"'&"),
            "&lt;div id=app&gt;&lt;/div&gt;&quot;&#39;&amp;"
        );
        assert_eq!(
            xml("</updated><x:y a='1'>"),
            "&lt;/updated&gt;&lt;x:y a=&apos;1&apos;&gt;"
        );
        assert_eq!(
            json_in_script(r#"{"a":"</script><!--"}"#),
            r#"{"a":"\u003c/script>\u003c!--"}"#
        );
    }

    #[test]
    fn what_a_format_cannot_carry_is_left_out() {
        assert_eq!(
            html_text("a\u{0}b\u{1}c\u{7F}d\u{85}e\u{FFFE}f\u{1FFFF}g\u{FDD0}h"),
            "abcdefgh"
        );
        assert_eq!(html_attribute("a\tb\nc\u{C}d\re"), "a\tb\nc\u{C}de");
        assert_eq!(
            xml("a\u{0}b\u{8}c\u{FFFE}d\u{FFFF}e\u{1F600}"),
            "abcde\u{1F600}"
        );
        assert_eq!(xml("a\tb\nc\rd"), "a&#9;b&#10;c&#13;d");
    }
}
