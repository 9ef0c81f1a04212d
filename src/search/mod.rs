//! Search: what the results page (`/tim-kiem?q=…`) makes of the engine's
//! answers and of the address. Pure, tested natively.
//!
//! The index is the app's own (see the README, "Search"): buckets of words
//! and of word pairs written at deploy time next to the pre-rendered pages
//! by `.tools/search-index.mjs`, and `search.js` beside them, the engine the
//! shell loads when the reader focuses the search field. Words are folded
//! there (tone marks, vowel marks and the bar of `đ` away, one rule for the
//! index and the queries, in one file), so `dang bo` finds `Đảng bộ`, and a
//! query typed with marks ranks the exact spelling first.

#[cfg(target_arch = "wasm32")]
pub mod engine;
pub mod page;

use crate::api::{ArticleSummary, DecodeError, FromJson, JsonValue};

/// One result: the article (from what the index keeps of it, its `meta`)
/// and the excerpt with the matched words marked, as the engine writes it (see
/// [`excerpt_parts`]). Read like any endpoint document: the index is built
/// from the endpoint's content.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub article: ArticleSummary,
    pub excerpt: String,
}

impl FromJson for Hit {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let meta = value.member("meta").ok_or("a result without meta")?;
        let excerpt = value.member("excerpt").and_then(|e| e.string());
        Ok(Hit {
            article: ArticleSummary::from_json(&meta)?,
            excerpt: excerpt.unwrap_or_default(),
        })
    }
}

/// Results shown at first and added by each "Xem thêm".
pub const PAGE_SIZE: usize = 10;

/// Vietnamese letters with marks, each followed by its letter without them.
const FOLDS: &[(&str, char)] = &[
    ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
    ("ÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴ", 'A'),
    ("èéẹẻẽêềếệểễ", 'e'),
    ("ÈÉẸẺẼÊỀẾỆỂỄ", 'E'),
    ("ìíịỉĩ", 'i'),
    ("ÌÍỊỈĨ", 'I'),
    ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
    ("ÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠ", 'O'),
    ("ùúụủũưừứựửữ", 'u'),
    ("ÙÚỤỦŨƯỪỨỰỬỮ", 'U'),
    ("ỳýỵỷỹ", 'y'),
    ("ỲÝỴỶỸ", 'Y'),
    ("đ", 'd'),
    ("Đ", 'D'),
];

/// `query` without tone marks, vowel marks or the bar of `đ`: what a reader
/// types on a phone without a Vietnamese keyboard ("Lai Châu" -> "Lai Chau").
/// Marks typed as combining characters go too.
pub fn without_marks(query: &str) -> String {
    query
        .chars()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| {
            FOLDS
                .iter()
                .find(|(marked, _)| marked.contains(c))
                .map_or(c, |(_, plain)| *plain)
        })
        .collect()
}

/// A query as the reader typed it, tidied: spaces collapsed, at most 200
/// characters (a URL may carry anything).
pub fn tidy_query(query: &str) -> String {
    query
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(200)
        .collect()
}

/// The search in a URL's query string (`?q=lai+chau`), tidied; `""`
/// without one. The browser decodes it with its own `URLSearchParams`
/// (`urls::query_param`'s decoder cost the wasm 0.6 KB brotli, issue 14);
/// natively, for the pre-render, `urls::query_param` does. A browser test
/// sweeps both over every code point and byte (tests/browser.rs).
pub fn query_of(search: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    let value = web_sys::UrlSearchParams::new_with_str(search)
        .ok()
        .and_then(|params| params.get("q"))
        .unwrap_or_default();
    #[cfg(not(target_arch = "wasm32"))]
    let value = crate::urls::query_param(search, "q");
    tidy_query(&value)
}

/// An excerpt of the engine's as text pieces, each marked (`<mark>`) or
/// not. Only `<mark>` is markup here; anything else that
/// looks like a tag is shown as the text it is, and the entities an excerpt
/// may carry are decoded. Nothing of it ever becomes HTML.
pub fn excerpt_parts(excerpt: &str) -> Vec<(String, bool)> {
    let mut parts: Vec<(String, bool)> = Vec::new();
    let mut marked = false;
    let mut rest = excerpt;
    while !rest.is_empty() {
        let tag = if marked { "</mark>" } else { "<mark>" };
        let (text, after) = match rest.find(tag) {
            Some(at) => (&rest[..at], &rest[at + tag.len()..]),
            None => (rest, ""),
        };
        if !text.is_empty() {
            parts.push((decode_entities(text), marked));
        }
        if after.is_empty() && !rest.contains(tag) {
            break;
        }
        marked = !marked;
        rest = after;
    }
    parts
}

/// The entities of HTML text an excerpt can hold; others stay as written.
fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_read_like_a_summary_and_a_bad_one_is_refused() {
        use crate::api::decode_text;
        let hit: Hit = decode_text(
            r#"{"url":"/x","excerpt":"a <mark>b</mark>","meta":{"slug":"bai-1","title":"Đảng bộ","published_at":"2026-11-20","category":"thoi-su"}}"#,
        )
        .unwrap();
        assert_eq!(hit.article.slug, "bai-1");
        assert_eq!(hit.article.category.as_deref(), Some("thoi-su"));
        assert_eq!(hit.excerpt, "a <mark>b</mark>");
        for bad in [
            r#"{"excerpt":"x"}"#,
            r#"{"meta":{"slug":"../x","title":"t","published_at":"d"}}"#,
            r#"{"meta":{"slug":"a"}}"#,
        ] {
            assert!(decode_text::<Hit>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn marks_go_from_every_vietnamese_letter() {
        assert_eq!(without_marks("Lai Châu"), "Lai Chau");
        assert_eq!(without_marks("Đảng bộ tỉnh"), "Dang bo tinh");
        assert_eq!(
            without_marks("Ủy ban nhân dân xã Ỷ Lơi, đường Nguyễn Trãi"),
            "Uy ban nhan dan xa Y Loi, duong Nguyen Trai"
        );
        // Marks typed as combining characters (decomposed text).
        assert_eq!(without_marks("Cha\u{302}\u{300}u"), "Chau");
        assert_eq!(without_marks("plain text"), "plain text");
    }

    #[test]
    fn the_query_comes_from_the_address_as_a_form_wrote_it() {
        assert_eq!(query_of("?q=lai+chau"), "lai chau");
        assert_eq!(query_of("?x=1&q=L%E1%BA%A1i%20Ch%C3%A2u"), "Lại Châu");
        assert_eq!(query_of("?q=%22dang+bo%22"), "\"dang bo\"");
        assert_eq!(query_of("?q=100%"), "100%");
        assert_eq!(query_of("?q=%ZZ%E1"), "%ZZ\u{fffd}");
        assert_eq!(query_of(""), "");
        assert_eq!(query_of("?qq=x"), "");
        assert_eq!(query_of("?q=++a+++b++"), "a b");
        assert_eq!(query_of(&format!("?q={}", "a".repeat(500))).len(), 200);
    }

    #[test]
    fn a_query_goes_back_into_an_address_unchanged() {
        for query in [
            "lai chau",
            "Lại Châu",
            "\"đảng bộ\" & 100% + ?#/",
            "a=b&q=c",
        ] {
            let search = format!("?q={}", crate::urls::encode_component(query));
            assert_eq!(query_of(&search), query);
        }
    }

    #[test]
    fn excerpts_become_marked_text_never_html() {
        assert_eq!(
            excerpt_parts("Tỉnh <mark>Lai</mark> <mark>Châu</mark> họp."),
            vec![
                ("Tỉnh ".into(), false),
                ("Lai".into(), true),
                (" ".into(), false),
                ("Châu".into(), true),
                (" họp.".into(), false),
            ]
        );
        assert_eq!(
            excerpt_parts("<mark>Đảng</mark> &lt;b&gt; &amp;amp; <script>x</script>"),
            vec![
                ("Đảng".into(), true),
                (" <b> &amp; <script>x</script>".into(), false),
            ]
        );
        assert_eq!(excerpt_parts("<mark>open"), vec![("open".into(), true)]);
        assert_eq!(excerpt_parts(""), vec![]);
    }
}
