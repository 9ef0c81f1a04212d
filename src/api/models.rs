//! The documents of the endpoint contract (`shared/api-contract.md`) as types,
//! and how each is read ([`FromJson`], with the rules of [`super::decode`]).

use super::decode::{DecodeError, Fields, FromJson, JsonValue};

/// `site.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub name: String,
    pub lang: Option<String>,
    /// Public origin for share links and canonical URLs; absent: the page's own.
    pub site_url: Option<String>,
    pub categories: Vec<Category>,
    pub boundary_map: Option<BoundaryMap>,
    pub features: Features,
    pub share: Share,
}

impl Site {
    /// The display name of a category slug, if the site knows it.
    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    pub slug: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct BoundaryMap {
    /// Relative to the endpoint, or absolute.
    pub image: String,
    pub alt: Option<String>,
    pub link: Option<String>,
}

/// Which POST endpoints the endpoint accepts; all off when absent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    pub rating_submit: bool,
    pub stats_hit: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Share {
    pub zalo_oaid: Option<String>,
}

/// One page of `articles.json` (or a `next` page).
#[derive(Clone, Debug, PartialEq)]
pub struct ArticleList {
    pub articles: Vec<ArticleSummary>,
    /// Path of the next page, relative to the endpoint.
    pub next: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ArticleSummary {
    pub slug: String,
    pub title: String,
    pub published_at: String,
    pub summary: Option<String>,
    pub category: Option<String>,
    pub author: Option<String>,
    pub thumbnail: Option<Image>,
    /// The other categories it is listed in (a portal files an article in
    /// several, and a sub-category's in its parents).
    pub categories: Vec<String>,
}

impl ArticleSummary {
    /// Whether a category's lists show it: its own category or one of the
    /// others it is filed in.
    pub fn is_in(&self, category: &str) -> bool {
        self.category.as_deref() == Some(category) || self.categories.iter().any(|c| c == category)
    }
}

/// An image reference: `src` relative to the endpoint, or absolute.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Image {
    pub src: String,
    pub alt: Option<String>,
    pub caption: Option<String>,
}

/// `articles/{slug}.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct Article {
    pub slug: String,
    pub title: String,
    pub published_at: String,
    /// Untrusted HTML: only ever rendered through [`crate::sanitize`].
    pub body_html: String,
    pub summary: Option<String>,
    pub category: Option<String>,
    pub updated_at: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub cover: Option<Image>,
    pub tags: Vec<String>,
    /// Extras: a value of the wrong type or range (`-1`, `1e30`, `"many"`)
    /// counts as absent rather than failing the article.
    pub views: Option<u64>,
    pub rating: RatingTotals,
    pub related: Vec<String>,
}

/// `rating`: the sum of all stars given and how many ratings there were.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RatingTotals {
    pub total: u64,
    pub count: u64,
}

/// `stats.json`, the visitor statistics widget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// A date (`2024-03-15`): labels such as "Tháng 03" come from it.
    pub as_of: String,
    pub online: Option<u64>,
    pub today: u64,
    pub yesterday: u64,
    pub this_month: u64,
    pub this_year: u64,
    pub total: u64,
}

/// Reads `value` as an object of `T`'s fields.
fn fields<J: JsonValue>(value: &J) -> Result<Fields<'_, J>, DecodeError> {
    Fields::of(value)
}

impl FromJson for Site {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(Site {
            name: f.string("name")?,
            lang: f.opt_string("lang")?,
            site_url: f.opt_string("site_url")?,
            categories: f.list_skipping_broken("categories")?,
            boundary_map: f.opt("boundary_map")?,
            features: f.or_default("features")?,
            share: f.or_default("share")?,
        })
    }
}

impl FromJson for Category {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(Category {
            slug: f.slug("slug")?,
            name: f.string("name")?,
        })
    }
}

impl FromJson for BoundaryMap {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(BoundaryMap {
            image: f.string("image")?,
            alt: f.opt_string("alt")?,
            link: f.opt_string("link")?,
        })
    }
}

impl FromJson for Features {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(Features {
            rating_submit: f.flag("rating_submit")?,
            stats_hit: f.flag("stats_hit")?,
        })
    }
}

impl FromJson for Share {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        Ok(Share {
            zalo_oaid: fields(value)?.opt_string("zalo_oaid")?,
        })
    }
}

impl FromJson for ArticleList {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(ArticleList {
            articles: f.list_skipping_broken("articles")?,
            next: f.opt_string("next")?,
        })
    }
}

impl FromJson for ArticleSummary {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(ArticleSummary {
            slug: f.slug("slug")?,
            title: f.string("title")?,
            published_at: f.string("published_at")?,
            summary: f.opt_string("summary")?,
            category: f.opt_string("category")?,
            author: f.opt_string("author")?,
            thumbnail: f.opt("thumbnail")?,
            categories: f.list("categories")?,
        })
    }
}

impl FromJson for Image {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(Image {
            src: f.string("src")?,
            alt: f.opt_string("alt")?,
            caption: f.opt_string("caption")?,
        })
    }
}

impl FromJson for Article {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(Article {
            slug: f.slug("slug")?,
            title: f.string("title")?,
            published_at: f.string("published_at")?,
            body_html: f.string("body_html")?,
            summary: f.opt_string("summary")?,
            category: f.opt_string("category")?,
            updated_at: f.opt_string("updated_at")?,
            author: f.opt_string("author")?,
            source: f.opt_string("source")?,
            cover: f.opt("cover")?,
            tags: f.list("tags")?,
            views: f.opt_count("views").ok().flatten(),
            rating: f.lenient("rating"),
            related: f.list("related")?,
        })
    }
}

impl FromJson for String {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        value
            .string()
            .ok_or_else(|| "invalid type: expected a string".into())
    }
}

impl FromJson for RatingTotals {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(RatingTotals {
            total: f.count("total")?,
            count: f.count("count")?,
        })
    }
}

impl FromJson for Stats {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = fields(value)?;
        Ok(Stats {
            as_of: f.string("as_of")?,
            online: f.opt_count("online")?,
            today: f.count("today")?,
            yesterday: f.count("yesterday")?,
            this_month: f.count("this_month")?,
            this_year: f.count("this_year")?,
            total: f.count("total")?,
        })
    }
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
        let site: Site = crate::api::decode_text(&read(&api_dir().join("site.json"))).unwrap();
        assert!(site.categories.len() >= 3, "at least three categories");
        let stats: Stats = crate::api::decode_text(&read(&api_dir().join("stats.json"))).unwrap();
        assert!(stats.total >= stats.this_year);

        // Walk the list pages through `next`, as the app does.
        let mut page = Some("articles.json".to_string());
        let mut summaries = Vec::new();
        let mut pages = 0;
        while let Some(path) = page {
            let list: ArticleList = crate::api::decode_text(&read(&api_dir().join(&path)))
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
            let article: Article = crate::api::decode_text(&read(&path))
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
        let site: Site = crate::api::decode_text(
            r#"{"name":"Cổng","categories":[],"features":null,"share":null,"extra":1}"#,
        )
        .unwrap();
        assert_eq!(site.features, Features::default());
        assert_eq!(site.site_url, None);
        let article: Article = crate::api::decode_text(
            r#"{"slug":"a","title":"T","published_at":"2024-01-01T00:00:00+07:00",
                "body_html":"<p>x</p>","rating":null,"tags":null,"related":null}"#,
        )
        .unwrap();
        assert_eq!(article.rating, RatingTotals::default());
        assert!(article.tags.is_empty() && article.related.is_empty());
    }

    #[test]
    fn missing_required_fields_fail_with_a_message() {
        let err = crate::api::decode_text::<Site>(r#"{"categories":[]}"#).unwrap_err();
        assert!(err.to_string().contains("missing field `name`"), "{err}");
        let err = crate::api::decode_text::<Article>(r#"{"slug":"a","title":"t"}"#).unwrap_err();
        assert!(err.to_string().contains("missing field"), "{err}");
        let err = crate::api::decode_text::<Stats>(r#"{"as_of":"2024-03-15","today":"many"}"#)
            .unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }

    #[test]
    fn one_broken_summary_does_not_break_the_list() {
        let list: ArticleList = crate::api::decode_text(
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
        assert!(crate::api::decode_text::<ArticleList>(r#"{"articles":{}}"#).is_err());
    }
}

#[cfg(test)]
mod untrusted_fields {
    use super::*;

    #[test]
    fn slugs_that_could_leave_a_path_are_refused() {
        let list: ArticleList = crate::api::decode_text(
            r#"{"articles":[
                {"slug":"../site","title":"A","published_at":"2024-01-02"},
                {"slug":"javascript:alert(1)","title":"B","published_at":"2024-01-02"},
                {"slug":"ok-1","title":"C","published_at":"2024-01-01"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(list.articles.len(), 1);
        assert_eq!(list.articles[0].slug, "ok-1");
        let site: Site = crate::api::decode_text(
            r#"{"name":"S","categories":[{"slug":"a/b","name":"x"},{"slug":"ts","name":"Thời sự"}]}"#,
        )
        .unwrap();
        assert_eq!(site.categories.len(), 1);
        let err = crate::api::decode_text::<Article>(
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
                crate::api::decode_text(&json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(article.rating, RatingTotals::default(), "{rating}");
            assert_eq!(article.views, None, "{views}");
        }
        // Counts are kept up to 2^53 - 1, what a browser's JSON number holds
        // exactly; above, the extra is left out like any other broken one.
        let article: Article = crate::api::decode_text(
            r#"{"slug":"a","title":"t","published_at":"2024-01-01","body_html":"",
                "rating":{"total":9007199254740991,"count":9007199254740990},"views":9007199254740991}"#,
        )
        .unwrap();
        assert_eq!(article.rating.count, 9_007_199_254_740_990);
        assert_eq!(article.views, Some(9_007_199_254_740_991));
        for views in [
            "9007199254740992",
            "18446744073709551615",
            "1.5",
            "true",
            "{}",
        ] {
            let json = format!(
                r#"{{"slug":"a","title":"t","published_at":"2024-01-01","body_html":"","views":{views}}}"#
            );
            let article: Article = crate::api::decode_text(&json).unwrap();
            assert_eq!(article.views, None, "{views}");
        }
        let article: Article = crate::api::decode_text(
            r#"{"slug":"a","title":"t","published_at":"2024-01-01","body_html":"","views":12.0}"#,
        )
        .unwrap();
        assert_eq!(
            article.views,
            Some(12),
            "a whole number written with a point"
        );
    }
}
