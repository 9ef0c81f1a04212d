//! What each route tells search engines and link previews: the canonical
//! link, Open Graph and Twitter card tags, and schema.org JSON-LD
//! (`NewsArticle` with its `AggregateRating`) for articles.
//!
//! The tags are computed here as plain data, so they are tested natively;
//! [`dom::apply`] puts them in `<head>`, replacing the previous route's.
//! Crawlers that run JavaScript (search engines) read them; previewers that
//! do not (Facebook's, Zalo's) read the same tags in the page the deploy
//! step pre-rendered for the route.

pub mod dom;

use crate::api::{json_array, json_object as object, json_string as json, Article};
use crate::escape::{json_in_script, push_html_attribute};
use crate::i18n::Lang;
use crate::rating::{average_tenths, format_average};

/// The facts of one page, as [`tags`] needs them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HeadFacts<'a> {
    /// The page's own title ("Tin mới nhất" or an article headline).
    pub title: &'a str,
    pub site_name: Option<&'a str>,
    /// The page's public address; `None` for pages that should not be
    /// indexed (not found, errors).
    pub canonical: Option<&'a str>,
    /// The public origin of the portal (`https://portal.example.vn`).
    pub site_origin: &'a str,
    pub description: Option<&'a str>,
    /// Absolute image address.
    pub image: Option<&'a str>,
    pub image_alt: Option<&'a str>,
    /// Language of the content: `vi` or `en`.
    pub content_lang: &'a str,
    pub article: Option<&'a Article>,
}

/// One element of `<head>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tag {
    /// `<meta name=…>` (`attr` "name") or `<meta property=…>` (Open Graph).
    Meta {
        attr: &'static str,
        key: &'static str,
        content: String,
    },
    Canonical(String),
    /// The text of a `<script type="application/ld+json">`.
    JsonLd(String),
}

/// Marks the head elements a page owns, so the next route (in the browser)
/// removes exactly them; pre-rendered pages carry it too.
pub const MARK: &str = "data-head";

impl Tag {
    /// The element: its name, its attributes and its text.
    pub fn parts(&self) -> (&'static str, Vec<(&str, &str)>, Option<&str>) {
        match self {
            Tag::Meta { attr, key, content } => {
                ("meta", vec![(attr, key), ("content", content)], None)
            }
            Tag::Canonical(url) => ("link", vec![("rel", "canonical"), ("href", url)], None),
            Tag::JsonLd(json) => ("script", vec![("type", "application/ld+json")], Some(json)),
        }
    }

    /// The element as HTML, marked as the page's own (for pages written
    /// ahead of time): each value escaped for its place as it is written.
    pub fn to_html(&self) -> String {
        let (name, attributes, text) = self.parts();
        let mut out = format!("<{name} {MARK}");
        for (attribute, value) in attributes {
            out.push_str(&format!(" {attribute}=\""));
            push_html_attribute(&mut out, value);
            out.push('"');
        }
        out.push('>');
        if let Some(text) = text {
            // JSON-LD, the only element with text: JSON in a script.
            out.push_str(&json_in_script(text));
            out.push_str(&format!("</{name}>"));
        }
        out
    }
}

fn meta(attr: &'static str, key: &'static str, content: &str) -> Tag {
    Tag::Meta {
        attr,
        key,
        content: content.to_string(),
    }
}

/// Every head tag of a page, in a stable order.
pub fn tags(page: &HeadFacts) -> Vec<Tag> {
    let mut out = Vec::new();
    let (og, name) = ("property", "name");
    if let Some(description) = page.description {
        out.push(meta(name, "description", description));
    }
    match page.canonical {
        Some(url) => out.push(Tag::Canonical(url.to_string())),
        None => out.push(meta(name, "robots", "noindex")),
    }
    let kind = if page.article.is_some() {
        "article"
    } else {
        "website"
    };
    out.push(meta(og, "og:type", kind));
    out.push(meta(og, "og:title", page.title));
    if let Some(site) = page.site_name {
        out.push(meta(og, "og:site_name", site));
    }
    out.push(meta(og, "og:locale", locale(page.content_lang)));
    if let Some(url) = page.canonical {
        out.push(meta(og, "og:url", url));
    }
    if let Some(description) = page.description {
        out.push(meta(og, "og:description", description));
    }
    if let Some(image) = page.image {
        out.push(meta(og, "og:image", image));
        if let Some(alt) = page.image_alt {
            out.push(meta(og, "og:image:alt", alt));
        }
    }
    if let Some(article) = page.article {
        out.push(meta(og, "article:published_time", &article.published_at));
        if let Some(updated) = &article.updated_at {
            out.push(meta(og, "article:modified_time", updated));
        }
        for tag in &article.tags {
            out.push(meta(og, "article:tag", tag));
        }
    }
    let card = if page.image.is_some() {
        "summary_large_image"
    } else {
        "summary"
    };
    out.push(meta(name, "twitter:card", card));
    out.push(meta(name, "twitter:title", page.title));
    if let Some(description) = page.description {
        out.push(meta(name, "twitter:description", description));
    }
    if let Some(image) = page.image {
        out.push(meta(name, "twitter:image", image));
    }
    if let (Some(article), Some(url)) = (page.article, page.canonical) {
        out.push(Tag::JsonLd(news_article(page, article, url)));
    }
    out
}

fn locale(lang: &str) -> &'static str {
    match lang {
        "en" => "en_US",
        _ => "vi_VN",
    }
}

/// schema.org `NewsArticle` as JSON-LD, with `AggregateRating` once the
/// article has ratings (a rating of nothing is not valid structured data).
fn news_article(page: &HeadFacts, article: &Article, url: &str) -> String {
    let publisher = page.site_name.unwrap_or(page.site_origin);
    let mut fields = vec![
        ("@context", json("https://schema.org")),
        ("@type", json("NewsArticle")),
        ("headline", json(&article.title)),
        ("mainEntityOfPage", json(url)),
        ("url", json(url)),
        ("datePublished", json(&article.published_at)),
        (
            "dateModified",
            json(
                article
                    .updated_at
                    .as_deref()
                    .unwrap_or(&article.published_at),
            ),
        ),
        ("inLanguage", json(page.content_lang)),
    ];
    if let Some(description) = page.description {
        fields.push(("description", json(description)));
    }
    if let Some(image) = page.image {
        fields.push(("image", json_array(&[json(image)])));
    }
    // Without a named author the portal itself is the author.
    fields.push((
        "author",
        match &article.author {
            Some(author) => object(&[("@type", json("Person")), ("name", json(author))]),
            None => organisation(publisher, page.site_origin),
        },
    ));
    fields.push(("publisher", organisation(publisher, page.site_origin)));
    if !article.tags.is_empty() {
        fields.push(("keywords", json(&article.tags.join(", "))));
    }
    // The average as the rating widget rounds it (held to the scale), with a
    // JSON decimal point. Below one star it cannot come from real votes and
    // would contradict `worstRating`: then no rating is claimed at all.
    let possible = average_tenths(article.rating).is_some_and(|tenths| tenths >= 10);
    if let Some(average) = format_average(article.rating, Lang::En).filter(|_| possible) {
        fields.push((
            "aggregateRating",
            object(&[
                ("@type", json("AggregateRating")),
                ("ratingValue", average),
                ("ratingCount", article.rating.count.to_string()),
                ("bestRating", "5".into()),
                ("worstRating", "1".into()),
            ]),
        ));
    }
    object(&fields)
}

fn organisation(name: &str, url: &str) -> String {
    object(&[
        ("@type", json("Organization")),
        ("name", json(name)),
        ("url", json(url)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::RatingTotals;

    fn article() -> Article {
        crate::api::decode_text(
            r#"{"slug":"a","title":"Khai mạc </script><b>kỳ họp</b>","published_at":"2026-11-26T08:00:00+07:00",
                "updated_at":"2026-11-26T10:00:00+07:00","author":"Phạm Dung","body_html":"<p>x</p>",
                "tags":["HĐND","kỳ họp"],"rating":{"total":22,"count":5}}"#,
        )
        .unwrap()
    }

    fn page(article: &Article) -> HeadFacts<'_> {
        HeadFacts {
            title: &article.title,
            site_name: Some("Cổng thông tin tỉnh Sơn Hà"),
            canonical: Some("https://sonha.example.vn/bai-viet/a"),
            site_origin: "https://sonha.example.vn",
            description: Some("Tóm tắt"),
            image: Some("https://sonha.example.vn/api/images/a.svg"),
            image_alt: Some("Ảnh"),
            content_lang: "vi",
            article: Some(article),
        }
    }

    fn find<'a>(tags: &'a [Tag], wanted: &str) -> Vec<&'a str> {
        tags.iter()
            .filter_map(|t| match t {
                Tag::Meta { key, content, .. } if *key == wanted => Some(content.as_str()),
                _ => None,
            })
            .collect()
    }

    fn json_ld(tags: &[Tag]) -> serde_json::Value {
        let text = tags
            .iter()
            .find_map(|t| match t {
                Tag::JsonLd(text) => Some(text),
                _ => None,
            })
            .expect("an article has JSON-LD");
        serde_json::from_str(text).expect("JSON-LD is valid JSON")
    }

    #[test]
    fn an_article_has_open_graph_twitter_and_canonical() {
        let article = article();
        let tags = tags(&page(&article));
        assert!(tags.contains(&Tag::Canonical(
            "https://sonha.example.vn/bai-viet/a".into()
        )));
        assert_eq!(find(&tags, "og:type"), ["article"]);
        assert_eq!(find(&tags, "og:title"), [article.title.as_str()]);
        assert_eq!(find(&tags, "og:locale"), ["vi_VN"]);
        assert_eq!(find(&tags, "article:tag"), ["HĐND", "kỳ họp"]);
        assert_eq!(find(&tags, "twitter:card"), ["summary_large_image"]);
        assert_eq!(
            find(&tags, "twitter:image"),
            ["https://sonha.example.vn/api/images/a.svg"]
        );
        assert!(find(&tags, "robots").is_empty());
    }

    #[test]
    fn the_json_ld_is_a_news_article_with_its_rating() {
        let article = article();
        let ld = json_ld(&tags(&page(&article)));
        assert_eq!(ld["@type"], "NewsArticle");
        assert_eq!(ld["headline"], article.title.as_str());
        assert_eq!(ld["datePublished"], "2026-11-26T08:00:00+07:00");
        assert_eq!(ld["dateModified"], "2026-11-26T10:00:00+07:00");
        assert_eq!(ld["author"]["name"], "Phạm Dung");
        assert_eq!(ld["publisher"]["@type"], "Organization");
        assert_eq!(ld["image"][0], "https://sonha.example.vn/api/images/a.svg");
        assert_eq!(ld["aggregateRating"]["ratingValue"], 4.4);
        assert_eq!(ld["aggregateRating"]["ratingCount"], 5);
    }

    #[test]
    fn no_rating_no_aggregate_and_the_portal_as_author() {
        let mut article = article();
        article.rating = RatingTotals::default();
        article.author = None;
        let ld = json_ld(&tags(&page(&article)));
        assert!(ld.get("aggregateRating").is_none());
        assert_eq!(ld["author"]["name"], "Cổng thông tin tỉnh Sơn Hà");
    }

    /// Issue 9: `{"total": 100, "count": 1}` wrote `ratingValue` 100.
    #[test]
    fn an_impossible_rating_stays_on_the_scale_or_is_left_out() {
        let mut article = article();
        article.rating = RatingTotals {
            total: 100,
            count: 1,
        };
        let ld = json_ld(&tags(&page(&article)));
        assert_eq!(ld["aggregateRating"]["ratingValue"], 5.0);
        article.rating = RatingTotals {
            total: 0,
            count: 9_223_372_036_854_775_808,
        };
        let ld = json_ld(&tags(&page(&article)));
        assert!(ld.get("aggregateRating").is_none(), "{ld}");
    }

    #[test]
    fn tags_write_themselves_as_html_for_pre_rendered_pages() {
        assert_eq!(
            meta("property", "og:title", "Hỏi & đáp \"nhà ở\" <b>'x'</b>").to_html(),
            "<meta data-head property=\"og:title\" content=\"Hỏi &amp; đáp &quot;nhà ở&quot; &lt;b&gt;&#39;x&#39;&lt;/b&gt;\">"
        );
        assert_eq!(
            Tag::Canonical("https://a.vn/bai-viet/x".into()).to_html(),
            "<link data-head rel=\"canonical\" href=\"https://a.vn/bai-viet/x\">"
        );
        let article = article();
        let ld = tags(&page(&article))
            .into_iter()
            .find(|t| matches!(t, Tag::JsonLd(_)))
            .unwrap()
            .to_html();
        assert!(ld.starts_with("<script data-head type=\"application/ld+json\">{"));
        assert_eq!(ld.matches("</script>").count(), 1, "{ld}");
        assert_eq!(
            ld.matches('<').count(),
            2,
            "the title's `<` written \\u003c: {ld}"
        );
    }

    #[test]
    fn other_pages_are_websites_and_errors_are_not_indexed() {
        let home = HeadFacts {
            title: "Tin mới nhất",
            canonical: Some("https://sonha.example.vn/"),
            content_lang: "en",
            ..HeadFacts::default()
        };
        let tags_home = tags(&home);
        assert_eq!(find(&tags_home, "og:type"), ["website"]);
        assert_eq!(find(&tags_home, "og:locale"), ["en_US"]);
        assert_eq!(find(&tags_home, "twitter:card"), ["summary"]);
        assert!(!tags_home.iter().any(|t| matches!(t, Tag::JsonLd(_))));
        let missing = tags(&HeadFacts {
            title: "Không tìm thấy trang",
            ..HeadFacts::default()
        });
        assert_eq!(find(&missing, "robots"), ["noindex"]);
        assert!(!missing.iter().any(|t| matches!(t, Tag::Canonical(_))));
    }
}
