//! What a page embeds of an endpoint document: the fields the app reads,
//! and nothing else. The contract lets an endpoint send fields it does not
//! name ("unknown fields are ignored"), and a CMS may send a great deal
//! (a whole export in `site.json`, bodies in every list entry): copied into
//! every page, they would make each page as large as the portal, and a
//! change to any of them would rewrite every page. The app decodes the
//! embedded text exactly as it decodes the document (`tests` keep it so).

use serde_json::Value;

/// The fields of a document the app reads.
enum Shape {
    /// Any value, as it is (a text, a number, a list of texts).
    Value,
    /// An object: these fields, each of its shape.
    Object(&'static [(&'static str, Shape)]),
    /// A list of values of one shape.
    List(&'static Shape),
}

use Shape::{List, Object, Value as Any};

const IMAGE: Shape = Object(&[("src", Any), ("alt", Any), ("caption", Any)]);
const SUMMARY: Shape = Object(&[
    ("slug", Any),
    ("title", Any),
    ("published_at", Any),
    ("summary", Any),
    ("category", Any),
    ("categories", Any),
    ("author", Any),
    ("thumbnail", IMAGE),
]);

/// `site.json` (`portal_reader::api::Site`).
const SITE: Shape = Object(&[
    ("name", Any),
    ("lang", Any),
    ("site_url", Any),
    ("categories", List(&Object(&[("slug", Any), ("name", Any)]))),
    (
        "boundary_map",
        Object(&[("image", Any), ("alt", Any), ("link", Any)]),
    ),
    (
        "features",
        Object(&[("rating_submit", Any), ("stats_hit", Any)]),
    ),
    ("share", Object(&[("zalo_oaid", Any)])),
]);
/// A list page (`ArticleList`).
const LIST: Shape = Object(&[("articles", List(&SUMMARY)), ("next", Any)]);
/// An article (`Article`).
const ARTICLE: Shape = Object(&[
    ("slug", Any),
    ("title", Any),
    ("published_at", Any),
    ("updated_at", Any),
    ("body_html", Any),
    ("summary", Any),
    ("category", Any),
    ("author", Any),
    ("source", Any),
    ("cover", IMAGE),
    ("tags", Any),
    ("views", Any),
    ("rating", Object(&[("total", Any), ("count", Any)])),
    ("related", Any),
]);
/// `stats.json` (`Stats`).
const STATS: Shape = Object(&[
    ("as_of", Any),
    ("online", Any),
    ("today", Any),
    ("yesterday", Any),
    ("this_month", Any),
    ("this_year", Any),
    ("total", Any),
]);

/// `site.json` as a page embeds it.
pub fn site(text: &str) -> String {
    trimmed(text, &SITE)
}

/// A list page as a page embeds it.
pub fn list(text: &str) -> String {
    trimmed(text, &LIST)
}

/// A list page (as [`list`] gives it) with only the entries of `slugs`:
/// what a category's page shows of it. As it is when it cannot be read.
pub fn list_of(text: &str, slugs: std::collections::HashSet<&str>) -> String {
    let Ok(mut value) = portal_reader::api::parse_document(text) else {
        return text.to_string();
    };
    if let Some(Value::Array(entries)) = value.get_mut("articles") {
        entries.retain(|entry| {
            entry
                .get("slug")
                .and_then(Value::as_str)
                .is_some_and(|slug| slugs.contains(slug))
        });
    }
    value.to_string()
}

/// An article's document as its page embeds it.
pub fn article(text: &str) -> String {
    trimmed(text, &ARTICLE)
}

/// `stats.json` as the home page embeds it.
pub fn stats(text: &str) -> String {
    trimmed(text, &STATS)
}

/// `text` with only the fields of `shape`, read by the app's own parser;
/// as it is when nothing is to go (so the app, fetching the same text,
/// sees it unchanged), or when the app cannot read it either.
fn trimmed(text: &str, shape: &Shape) -> String {
    match portal_reader::api::parse_document(text) {
        Ok(mut value) => {
            if keep(&mut value, shape) {
                value.to_string()
            } else {
                text.to_string()
            }
        }
        Err(_) => text.to_string(),
    }
}

/// Drops what `shape` does not name; a value of another kind than the
/// shape's stays as it is (the app refuses or ignores it either way).
/// Whether anything went.
fn keep(value: &mut Value, shape: &Shape) -> bool {
    match (shape, value) {
        (Shape::Object(fields), Value::Object(map)) => {
            let before = map.len();
            map.retain(|name, _| fields.iter().any(|(field, _)| field == name));
            let mut dropped = map.len() < before;
            for (field, inner) in fields.iter() {
                if let Some(value) = map.get_mut(*field) {
                    dropped |= keep(value, inner);
                }
            }
            dropped
        }
        (Shape::List(inner), Value::Array(items)) => {
            let mut dropped = false;
            for item in items {
                dropped |= keep(item, inner);
            }
            dropped
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_reader::api::{decode_text, Article, ArticleList, Site, Stats};

    fn api() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../public/api")
    }

    /// Every field the app reads, with one it does not beside it at every
    /// level: what is embedded decodes to what the document decodes to, and
    /// holds none of the others.
    #[test]
    fn the_app_reads_the_same_from_the_embedded_text_and_nothing_more() {
        fn with_extras(value: &mut Value) {
            match value {
                Value::Object(map) => {
                    map.values_mut().for_each(with_extras);
                    map.insert("_extra".into(), Value::String("x".repeat(10_000)));
                }
                Value::Array(items) => items.iter_mut().for_each(with_extras),
                _ => {}
            }
        }
        let read = |file: &str| -> String {
            let text = std::fs::read_to_string(api().join(file)).unwrap();
            let mut value: Value = serde_json::from_str(&text).unwrap();
            with_extras(&mut value);
            value.to_string()
        };
        let mut site = read("site.json");
        // The example site.json names no Zalo account; one that does.
        site = site.replacen("\"share\":{", "\"share\":{\"zalo_oaid\":\"123\",", 1);
        let embedded = super::site(&site);
        assert!(!embedded.contains("_extra"), "{embedded}");
        let (a, b) = (
            decode_text::<Site>(&site).unwrap(),
            decode_text::<Site>(&embedded).unwrap(),
        );
        assert_eq!(a, b);
        assert_eq!(b.share.zalo_oaid.as_deref(), Some("123"));
        assert!(b.boundary_map.is_some() && !b.categories.is_empty());
        for file in ["articles.json", "articles-2.json", "articles-3.json"] {
            let text = read(file);
            let embedded = list(&text);
            assert!(!embedded.contains("_extra"), "{file}");
            assert_eq!(
                decode_text::<ArticleList>(&text).unwrap(),
                decode_text::<ArticleList>(&embedded).unwrap(),
                "{file}"
            );
        }
        for entry in std::fs::read_dir(api().join("articles")).unwrap().flatten() {
            let file = format!("articles/{}", entry.file_name().to_string_lossy());
            let text = read(&file);
            let embedded = article(&text);
            assert!(!embedded.contains("_extra"), "{file}");
            assert_eq!(
                decode_text::<Article>(&text).unwrap(),
                decode_text::<Article>(&embedded).unwrap(),
                "{file}"
            );
        }
        let text = read("stats.json");
        assert_eq!(
            decode_text::<Stats>(&text).unwrap(),
            decode_text::<Stats>(&stats(&text)).unwrap()
        );
        // Not JSON: as it is, for the app to refuse; nothing to drop: as
        // it is, byte for byte.
        assert_eq!(super::site("{\"name\":"), "{\"name\":");
        let exact = "{ \"name\": \"Cổng\",\"categories\": [] }";
        assert_eq!(super::site(exact), exact);
    }

    /// Every field each decoder reads, set, with an unknown one beside it:
    /// nothing the app reads is dropped.
    #[test]
    fn every_field_the_app_reads_is_kept() {
        let image = r#"{"src":"a.jpg","alt":"A","caption":"C","_x":1}"#;
        let summary = format!(
            r#"{{"slug":"a","title":"T","published_at":"2026-11-26","summary":"S","category":"c","categories":["c","d"],"author":"P","thumbnail":{image},"_x":1}}"#
        );
        let list = format!(r#"{{"articles":[{summary}],"next":"articles-2.json","_x":1}}"#);
        let article = format!(
            r#"{{"slug":"a","title":"T","published_at":"2026-11-26","updated_at":"2026-11-27","body_html":"<p>B</p>","summary":"S","category":"c","author":"P","source":"N","cover":{image},"tags":["t"],"views":7,"rating":{{"total":9,"count":2,"_x":1}},"related":["b"],"_x":1}}"#
        );
        let site = r#"{"name":"N","lang":"vi","site_url":"https://a.vn/","categories":[{"slug":"c","name":"C","_x":1}],"boundary_map":{"image":"m.svg","alt":"M","link":"https://a.vn/m","_x":1},"features":{"rating_submit":true,"stats_hit":true,"_x":1},"share":{"zalo_oaid":"1","_x":1},"_x":1}"#;
        let stats = r#"{"as_of":"2026-11-26","online":1,"today":2,"yesterday":3,"this_month":4,"this_year":5,"total":6,"_x":1}"#;
        for embedded in [
            super::list(&list),
            super::article(&article),
            super::site(site),
            super::stats(stats),
        ] {
            assert!(!embedded.contains("_x"), "{embedded}");
        }
        assert_eq!(
            decode_text::<ArticleList>(&list).unwrap(),
            decode_text::<ArticleList>(&super::list(&list)).unwrap()
        );
        assert_eq!(
            decode_text::<Article>(&article).unwrap(),
            decode_text::<Article>(&super::article(&article)).unwrap()
        );
        assert_eq!(
            decode_text::<Site>(site).unwrap(),
            decode_text::<Site>(&super::site(site)).unwrap()
        );
        assert_eq!(
            decode_text::<Stats>(stats).unwrap(),
            decode_text::<Stats>(&super::stats(stats)).unwrap()
        );
        let kept: serde_json::Value = serde_json::from_str(&super::article(&article)).unwrap();
        for field in [
            "updated_at",
            "source",
            "views",
            "tags",
            "related",
            "cover",
            "rating",
        ] {
            assert!(kept.get(field).is_some(), "{field}");
        }
    }
}
