//! Issue 22: arbitrary text in every head field and every date gives a
//! page with one `#app`, only the template's scripts, the title read back
//! as given, and feeds and sitemaps that are well-formed XML with the text
//! read back as given. `PROPTEST_CASES` sets the number of cases (default
//! 10 000 each); failing seeds are kept in
//! `deploy/tests/properties.proptest-regressions` (commit them with the fix).

mod common;

use proptest::prelude::*;

use portal_deploy::dates::rfc3339;
use portal_deploy::shell::Shell;
use portal_deploy::site_files::{atom, sitemap, Entry, Feed};
use portal_deploy::template::{PageParts, PageTemplate};
use portal_reader::api::{Article, ArticleSummary};
use portal_reader::env::AppEnv;
use portal_reader::page::{head_of, PageFacts};

use common::{page_problems, read_page, SHELL};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

/// Text that is anything at all, or made of the pieces that try to leave
/// their place.
fn hostile() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "&",
        "\"",
        "'",
        "</title>",
        "</head>",
        "<div id=app></div>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "]]>",
        "\u{0}",
        "\r",
        "\u{FFFE}",
        "\u{FFFF}",
        "\u{D7FF}",
        "\u{1FFFE}",
        "\u{85}",
        "&amp;",
        "&#0;",
        "javascript:",
        " onerror=",
        "Tin tức",
        "\u{2028}",
        "\\u003c",
    ]);
    prop_oneof![
        any::<String>(),
        prop::collection::vec(pieces, 0..12).prop_map(|p| p.concat()),
        (
            any::<String>(),
            prop::collection::vec(prop::sample::select(vec!["<", "\"", "'", "&", "]]>"]), 0..4)
        )
            .prop_map(|(a, b)| a + &b.concat()),
    ]
}

/// A date: real, almost real, or anything.
fn date() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            2000u32..2100,
            1u32..13,
            1u32..29,
            0u32..24,
            0u32..60,
            -14i32..15
        )
            .prop_map(|(y, m, d, h, mi, o)| {
                format!(
                    "{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:00{}{:02}:00",
                    if o < 0 { '-' } else { '+' },
                    o.abs()
                )
            }),
        ("2026-11-26T09:30:00", hostile()).prop_map(|(a, b)| a.to_string() + &b),
        hostile(),
    ]
}

fn article(
    title: &str,
    summary: &str,
    author: &str,
    tag: &str,
    alt: &str,
    published: &str,
    updated: &str,
) -> Article {
    let json = serde_json::json!({
        "slug": "bai-viet", "title": title, "summary": summary, "author": author,
        "published_at": published, "updated_at": updated, "body_html": "<p>x</p>",
        "tags": [tag], "cover": { "src": "images/a.svg", "alt": alt },
        "rating": { "total": 9, "count": 2 },
    });
    portal_reader::api::decode_text(&json.to_string()).unwrap()
}

/// What HTML text can carry (as `escape` says, restated).
fn html_carries(c: char) -> bool {
    let n = c as u32;
    let control = (n < 0x20 && !matches!(c, '\t' | '\n' | '\x0C')) || (0x7F..=0x9F).contains(&n);
    !(control || (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFF >= 0xFFFE)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        // Cargo runs the tests from the package's root.
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("tests/properties.proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_head_text_gives_a_page_with_no_markup_of_its_own(
        title in hostile(), summary in hostile(), author in hostile(), tag in hostile(),
        alt in hostile(), site in hostile(), published in date(), updated in date(),
    ) {
        let template = PageTemplate::new(&Shell::new(SHELL.into()).unwrap()).unwrap();
        let scripts = template.inline_code().scripts;
        let article = article(&title, &summary, &author, &tag, &alt, &published, &updated);
        let env = AppEnv::new("https://portal.example.vn/tin/", Some("api/"));
        let facts = PageFacts {
            title: Some(article.title.clone()),
            route: Some("/tin/bai-viet/bai-viet".into()),
            description: article.summary.clone(),
            image: Some(("images/a.svg".into(), Some(alt.clone()))),
            article: Some(article.clone()),
        };
        let (page_title, tags) = head_of(&facts, Some(&site), Some("https://portal.example.vn/"), &env, "vi").unwrap();
        let head: String = tags.iter().map(|t| t.to_html()).collect();
        let html = template.compose(&PageParts { title: &page_title, head: &head, body: "<main></main>", data: "{}", after_app: "" });
        // The shell fixture carries no policy: none to find.
        let problems: Vec<String> = page_problems(&html, &scripts, "")
            .into_iter()
            .filter(|p| !p.starts_with("the policy"))
            .collect();
        prop_assert!(problems.is_empty(), "{problems:?}");
        let facts = read_page(&html);
        let want: String = page_title.chars().filter(|c| html_carries(*c)).collect();
        prop_assert_eq!(&facts.title, &vec![want]);
        let og: Vec<&str> = facts.head_meta.iter().filter(|(k, _)| k == "og:image:alt").map(|(_, v)| v.as_str()).collect();
        let want: String = alt.chars().filter(|c| html_carries(*c)).collect();
        prop_assert_eq!(og, vec![want.as_str()]);
    }

    #[test]
    fn any_text_and_date_gives_well_formed_feeds_and_sitemaps(
        title in hostile(), summary in hostile(), author in hostile(), category in hostile(),
        site in hostile(), published in date(), updated in date(),
    ) {
        let summary = ArticleSummary {
            slug: "bai-viet".into(),
            title: title.clone(),
            published_at: published.clone(),
            summary: Some(summary),
            category: Some(category.clone()),
            author: Some(author),
            thumbnail: None,
            categories: vec![category.clone()],
        };
        let entries = [Entry { summary: &summary, updated_at: Some(&updated) }];
        let feed = atom(
            &Feed { title: &site, lang: "vi", page_url: "https://a.vn/", feed_url: "https://a.vn/feed.xml", site_name: &site },
            &entries,
            |slug| format!("https://a.vn/bai-viet/{slug}"),
            |_| Some(category.clone()),
        );
        let doc = roxmltree::Document::parse(&feed).map_err(|e| TestCaseError::fail(format!("{e}: {feed}")))?;
        for node in doc.descendants().filter(|n| n.is_element()) {
            prop_assert_eq!(node.tag_name().namespace(), Some("http://www.w3.org/2005/Atom"));
        }
        let xml_carries = |c: &char| matches!(c, '\t' | '\n' | '\r') || (*c >= ' ' && *c != '\u{FFFE}' && *c != '\u{FFFF}');
        let feed_title = doc.root_element().children().find(|n| n.has_tag_name("title")).unwrap();
        prop_assert_eq!(feed_title.text().unwrap_or(""), site.chars().filter(xml_carries).collect::<String>());
        for date in doc.descendants().filter(|n| n.has_tag_name("updated") || n.has_tag_name("published")) {
            let text = date.text().unwrap_or("");
            prop_assert!(text.len() == 20 && text.ends_with('Z'), "{}", text);
        }
        // As the pre-render writes it: dates through `rfc3339`.
        let map = sitemap(&[(format!("https://a.vn/{title}"), rfc3339(&updated))]);
        prop_assert!(roxmltree::Document::parse(&map).is_ok(), "{}", map);
    }
}
