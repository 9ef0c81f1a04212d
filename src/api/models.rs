//! The documents of the endpoint contract (`shared/api-contract.md`) as types.
//!
//! Unknown fields are ignored; optional fields are `Option` or default, and a
//! `null` where the contract says "optional" counts as absent. A required field
//! that is missing or of the wrong type fails the whole document, except in
//! lists of summaries, where one broken entry is skipped so it cannot take the
//! list down with it.

use serde::{Deserialize, Deserializer};

/// `site.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Site {
    pub name: String,
    #[serde(default)]
    pub lang: Option<String>,
    /// Public origin for share links and canonical URLs; absent: the page's own.
    #[serde(default)]
    pub site_url: Option<String>,
    #[serde(deserialize_with = "skip_broken")]
    pub categories: Vec<Category>,
    #[serde(default)]
    pub boundary_map: Option<BoundaryMap>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub features: Features,
    #[serde(default, deserialize_with = "null_as_default")]
    pub share: Share,
}

impl Site {
    /// The display name of a category slug, if the site knows it.
    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Category {
    #[serde(deserialize_with = "slug")]
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct BoundaryMap {
    /// Relative to the endpoint, or absolute.
    pub image: String,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub link: Option<String>,
}

/// Which POST endpoints the endpoint accepts; all off when absent.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Features {
    #[serde(default)]
    pub rating_submit: bool,
    #[serde(default)]
    pub stats_hit: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Share {
    #[serde(default)]
    pub zalo_oaid: Option<String>,
}

/// One page of `articles.json` (or a `next` page).
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct ArticleList {
    #[serde(deserialize_with = "skip_broken")]
    pub articles: Vec<ArticleSummary>,
    /// Path of the next page, relative to the endpoint.
    #[serde(default)]
    pub next: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
pub struct ArticleSummary {
    #[serde(deserialize_with = "slug")]
    pub slug: String,
    pub title: String,
    pub published_at: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub thumbnail: Option<Image>,
}

/// An image reference: `src` relative to the endpoint, or absolute.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Deserialize)]
pub struct Image {
    pub src: String,
    #[serde(default)]
    pub alt: Option<String>,
    #[serde(default)]
    pub caption: Option<String>,
}

/// `articles/{slug}.json`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Article {
    #[serde(deserialize_with = "slug")]
    pub slug: String,
    pub title: String,
    pub published_at: String,
    /// Untrusted HTML: only ever rendered through [`crate::sanitize`].
    pub body_html: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub updated_at: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub cover: Option<Image>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub tags: Vec<String>,
    /// Extras: a value of the wrong type or range (`-1`, `1e30`, `"many"`)
    /// counts as absent rather than failing the article.
    #[serde(default, deserialize_with = "lenient")]
    pub views: Option<u64>,
    #[serde(default, deserialize_with = "lenient")]
    pub rating: RatingTotals,
    #[serde(default, deserialize_with = "null_as_default")]
    pub related: Vec<String>,
}

/// `rating`: the sum of all stars given and how many ratings there were.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct RatingTotals {
    pub total: u64,
    pub count: u64,
}

/// `stats.json`, the visitor statistics widget.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Stats {
    /// A date (`2024-03-15`): labels such as "Tháng 03" come from it.
    pub as_of: String,
    #[serde(default)]
    pub online: Option<u64>,
    pub today: u64,
    pub yesterday: u64,
    pub this_month: u64,
    pub this_year: u64,
    pub total: u64,
}

/// A slug the app may put in a path: anything else fails the entry (so a
/// summary or category with one is skipped, and an article with one is
/// malformed).
fn slug<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    let slug = String::deserialize(deserializer)?;
    if crate::urls::is_valid_slug(&slug) {
        Ok(slug)
    } else {
        Err(serde::de::Error::custom("invalid slug"))
    }
}

/// An optional extra that is shown when it makes sense and otherwise left
/// out: anything that does not decode as `T` is `T`'s default.
fn lenient<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + serde::de::DeserializeOwned,
{
    let raw = Box::<serde_json::value::RawValue>::deserialize(deserializer)?;
    Ok(serde_json::from_str(raw.get()).unwrap_or_default())
}

/// `null` for an optional object or list means the same as leaving it out.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// A list in which entries that do not match the contract are left out, so one
/// broken summary cannot hide the others.
///
/// Each entry is first kept as raw JSON text, then decoded on its own: cheaper
/// in the wasm than serde's `untagged` buffering, which would pull in a generic
/// value tree and float parsing that the contract never needs.
fn skip_broken<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let entries = Vec::<Box<serde_json::value::RawValue>>::deserialize(deserializer)?;
    Ok(entries
        .iter()
        .filter_map(|entry| serde_json::from_str(entry.get()).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    fn api_dir() -> &'static Path {
        Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/public/api"))
    }

    #[test]
    fn every_embedded_document_parses() {
        let site: Site = serde_json::from_str(&read(&api_dir().join("site.json"))).unwrap();
        assert!(site.categories.len() >= 3, "at least three categories");
        let stats: Stats = serde_json::from_str(&read(&api_dir().join("stats.json"))).unwrap();
        assert!(stats.total >= stats.this_year);

        // Walk the list pages through `next`, as the app does.
        let mut page = Some("articles.json".to_string());
        let mut summaries = Vec::new();
        let mut pages = 0;
        while let Some(path) = page {
            let list: ArticleList = serde_json::from_str(&read(&api_dir().join(&path)))
                .unwrap_or_else(|e| panic!("{path}: {e}"));
            let raw: serde_json::Value =
                serde_json::from_str(&read(&api_dir().join(&path))).unwrap();
            assert_eq!(
                raw["articles"].as_array().map(Vec::len),
                Some(list.articles.len()),
                "{path}: no embedded summary may be broken"
            );
            summaries.extend(list.articles);
            page = list.next;
            pages += 1;
        }
        assert!(pages >= 2, "the embedded list spans at least two pages");
        assert!(summaries.len() >= 10, "at least ten articles");
        let dates: Vec<&str> = summaries.iter().map(|s| s.published_at.as_str()).collect();
        let mut sorted = dates.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        assert_eq!(dates, sorted, "summaries are newest first");

        let mut categories = std::collections::BTreeSet::new();
        for summary in &summaries {
            let path = api_dir().join(format!("articles/{}.json", summary.slug));
            let article: Article = serde_json::from_str(&read(&path))
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(article.slug, summary.slug);
            assert_eq!(article.title, summary.title);
            assert!(article.cover.is_some(), "{} has a cover", article.slug);
            assert!(
                article.body_html.contains("<figure"),
                "{} has a figure",
                article.slug
            );
            categories.insert(article.category.clone().unwrap_or_default());
            for src in [article.cover.as_ref().map(|c| c.src.clone())]
                .into_iter()
                .flatten()
                .chain(summary.thumbnail.as_ref().map(|t| t.src.clone()))
            {
                assert!(api_dir().join(&src).is_file(), "{src} exists");
            }
        }
        assert!(
            categories.len() >= 3,
            "articles in at least three categories"
        );
    }

    #[test]
    fn embedded_bodies_use_the_variety_a_cms_produces() {
        let dir = api_dir().join("articles");
        let all: String = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| read(&e.unwrap().path()))
            .collect();
        for needle in [
            "<h2",
            "<h3",
            "<ul",
            "<ol",
            "<blockquote",
            "<table",
            "<a href",
            "<figcaption",
        ] {
            assert!(all.contains(needle), "some embedded body uses {needle}");
        }
    }

    #[test]
    fn optional_fields_may_be_absent_or_null() {
        let site: Site = serde_json::from_str(
            r#"{"name":"Cổng","categories":[],"features":null,"share":null,"extra":1}"#,
        )
        .unwrap();
        assert_eq!(site.features, Features::default());
        assert_eq!(site.site_url, None);
        let article: Article = serde_json::from_str(
            r#"{"slug":"a","title":"T","published_at":"2024-01-01T00:00:00+07:00",
                "body_html":"<p>x</p>","rating":null,"tags":null,"related":null}"#,
        )
        .unwrap();
        assert_eq!(article.rating, RatingTotals::default());
        assert!(article.tags.is_empty() && article.related.is_empty());
    }

    #[test]
    fn missing_required_fields_fail_with_a_message() {
        let err = serde_json::from_str::<Site>(r#"{"categories":[]}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `name`"), "{err}");
        let err = serde_json::from_str::<Article>(r#"{"slug":"a","title":"t"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field"), "{err}");
        let err =
            serde_json::from_str::<Stats>(r#"{"as_of":"2024-03-15","today":"many"}"#).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }

    #[test]
    fn one_broken_summary_does_not_break_the_list() {
        let list: ArticleList = serde_json::from_str(
            r#"{"articles":[
                {"slug":"a","title":"A","published_at":"2024-01-02T00:00:00+07:00"},
                {"slug":"b","published_at":"2024-01-01T00:00:00+07:00"},
                "nonsense",
                {"slug":"c","title":"C","published_at":"2024-01-01T00:00:00+07:00","thumbnail":null}
            ],"next":null}"#,
        )
        .unwrap();
        let slugs: Vec<&str> = list.articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "c"]);
        assert_eq!(list.next, None);
        assert!(serde_json::from_str::<ArticleList>(r#"{"articles":{}}"#).is_err());
    }
}

#[cfg(test)]
mod untrusted_fields {
    use super::*;

    #[test]
    fn slugs_that_could_leave_a_path_are_refused() {
        let list: ArticleList = serde_json::from_str(
            r#"{"articles":[
                {"slug":"../site","title":"A","published_at":"2024-01-02"},
                {"slug":"javascript:alert(1)","title":"B","published_at":"2024-01-02"},
                {"slug":"ok-1","title":"C","published_at":"2024-01-01"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(list.articles.len(), 1);
        assert_eq!(list.articles[0].slug, "ok-1");
        let site: Site = serde_json::from_str(
            r#"{"name":"S","categories":[{"slug":"a/b","name":"x"},{"slug":"ts","name":"Thời sự"}]}"#,
        )
        .unwrap();
        assert_eq!(site.categories.len(), 1);
        let err = serde_json::from_str::<Article>(
            r#"{"slug":"a?b","title":"t","published_at":"2024-01-01","body_html":""}"#,
        )
        .unwrap_err();
        assert!(err.to_string().contains("invalid slug"), "{err}");
    }

    #[test]
    fn broken_extras_are_left_out_not_fatal() {
        for (rating, views) in [
            (r#"{"total":-1,"count":2}"#, "-1"),
            (r#"{"total":1e30,"count":1}"#, "1e30"),
            (r#""5 sao""#, r#""nhiều""#),
            ("[]", "18446744073709551616"),
        ] {
            let json = format!(
                r#"{{"slug":"a","title":"t","published_at":"2024-01-01","body_html":"",
                    "rating":{rating},"views":{views}}}"#
            );
            let article: Article =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(article.rating, RatingTotals::default(), "{rating}");
            assert_eq!(article.views, None, "{views}");
        }
        let article: Article = serde_json::from_str(
            r#"{"slug":"a","title":"t","published_at":"2024-01-01","body_html":"",
                "rating":{"total":18446744073709551615,"count":9223372036854775808},"views":18446744073709551615}"#,
        )
        .unwrap();
        assert_eq!(article.rating.count, 9_223_372_036_854_775_808);
        assert_eq!(article.views, Some(u64::MAX));
    }
}
