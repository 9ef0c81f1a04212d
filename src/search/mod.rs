//! Search: what the results page (`/tim-kiem?q=…`) makes of the engine's
//! answers and of the address. Pure, tested natively.
//!
//! The index is the app's own (see docs/search.md): buckets of words
//! and of word pairs written at deploy time next to the pre-rendered pages
//! by `.tools/search-index.mjs`, and `search.js` beside them, the engine the
//! shell loads when the reader focuses the search field. Words are folded
//! there (tone marks, vowel marks and the bar of `đ` away, one rule for the
//! index and the queries, in one file), so `dang bo` finds `Đảng bộ`, and a
//! query typed with marks ranks the exact spelling first.

#[cfg(target_arch = "wasm32")]
pub mod engine;
pub mod results;

use crate::api::{ArticleSummary, DecodeError, FromJson, JsonValue};

/// One result: the article (from what the index keeps of it, its `meta`)
/// and its excerpt as text pieces, the matched words marked. Read like any
/// endpoint document: the index is built from the endpoint's content.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub article: ArticleSummary,
    pub excerpt: Vec<(String, bool)>,
}

impl FromJson for Hit {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let meta = value.member("meta").ok_or("a result without meta")?;
        // The engine's pieces: text, a matched word, text, … (every second
        // one marked). Only strings are read, and only as text.
        let excerpt = value
            .member("excerpt")
            .and_then(|e| e.items())
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter_map(|(at, piece)| Some((piece.string()?, at % 2 == 1)))
            .filter(|(piece, _)| !piece.is_empty())
            .collect();
        Ok(Hit {
            article: ArticleSummary::from_json(&meta)?,
            excerpt,
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
    let mut tidy = String::new();
    for word in query.split_whitespace() {
        if !tidy.is_empty() {
            tidy.push(' ');
        }
        tidy.push_str(word);
    }
    tidy.chars().take(200).collect()
}

/// The search in a URL's query string (`?q=lai+chau`), tidied; `""`
/// without one. The browser decodes it with its own `URLSearchParams`
/// (no decoder in the wasm); natively, for the pre-render,
/// `urls::query_param` does. A browser test
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_read_like_a_summary_and_a_bad_one_is_refused() {
        use crate::api::decode_text;
        let hit: Hit = decode_text(
            r#"{"url":"/x","excerpt":["a ","b","<mark>&amp;",7,"c",""],"meta":{"slug":"bai-1","title":"Đảng bộ","published_at":"2026-11-20","category":"thoi-su"}}"#,
        )
        .unwrap();
        assert_eq!(hit.article.slug, "bai-1");
        assert_eq!(hit.article.category.as_deref(), Some("thoi-su"));
        // Text as it is, every second piece marked, what is not text left out.
        assert_eq!(
            hit.excerpt,
            [
                ("a ".to_string(), false),
                ("b".to_string(), true),
                ("<mark>&amp;".to_string(), false),
                ("c".to_string(), false)
            ]
        );
        let plain: Hit = decode_text(
            r#"{"excerpt":"a <mark>b</mark>","meta":{"slug":"a","title":"t","published_at":"d"}}"#,
        )
        .unwrap();
        assert_eq!(plain.excerpt, [], "no pieces, no excerpt");
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
}
