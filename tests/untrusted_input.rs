//! No panic on any input: arbitrary JSON, and mutations of every document in
//! `public/api/`, fed to every decoder and to every pure function that takes
//! endpoint data. Runs in the test profile, where integer overflow panics, so
//! an unchecked `+` or `*` on an endpoint number is found here too.
//!
//! `PROPTEST_CASES` scales both properties (default 50 000 each: 100 000
//! cases in all, well under a minute on these machines). A failing case's
//! seed is written to `tests/untrusted_input.proptest-regressions` and tried
//! first on every run after: commit it with the fix.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use proptest::prelude::*;
use serde_json::{Map, Number, Value};

use portal_reader::api::{Article, ArticleList, RatingTotals, Site, Stats};
use portal_reader::format::{long_date, number, reading_minutes, short_date, DateTime};
use portal_reader::head::{tags, HeadFacts};
use portal_reader::i18n::{Lang, EN, VI};
use portal_reader::pages::related::{related_slugs, Neighbours};
use portal_reader::rating::{average_line, average_tenths, format_average, summary, with_vote};
use portal_reader::sanitize::{clean_attributes, may_hold_markup, tag_rule};
use portal_reader::share::{canonical_url, site_origin, Target};
use portal_reader::urls::{gate, is_valid_slug, routes, UrlUse};
use portal_reader::widgets::{as_of_line, stat_rows};

use common::CONTEXT;

/// Every embedded document, by name.
fn embedded() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/public/api");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)
        .unwrap()
        .chain(std::fs::read_dir(format!("{dir}/articles")).unwrap())
    {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    out.sort();
    out
}

/// Decodes `text` as every document type and runs what the app runs on each.
fn exercise(text: &str) {
    for lang in Lang::ALL {
        if let Ok(site) = portal_reader::api::decode_text::<Site>(text) {
            for category in &site.categories {
                assert!(is_valid_slug(&category.slug));
                let _ = routes::category("/tin", &category.slug);
                let _ = site.category(&category.slug);
            }
            let origin = site_origin(site.site_url.as_deref(), "https://sonha.example.vn");
            assert!(origin.starts_with("http"), "{origin}");
            let _ = Lang::of_content(site.lang.as_deref());
            if let Some(map) = &site.boundary_map {
                check_gate(CONTEXT.api_base, &map.image, UrlUse::Image);
                if let Some(link) = &map.link {
                    check_gate(CONTEXT.api_base, link, UrlUse::Link);
                }
            }
        }
        if let Ok(list) = portal_reader::api::decode_text::<ArticleList>(text) {
            let mut neighbours = Neighbours::default();
            for summary in &list.articles {
                assert!(is_valid_slug(&summary.slug));
                let _ = short_date(&summary.published_at, lang);
                if let Some(image) = &summary.thumbnail {
                    check_gate(CONTEXT.api_base, &image.src, UrlUse::Image);
                }
            }
            if let Some(first) = list.articles.first() {
                let category = first.category.clone().unwrap_or_default();
                neighbours.feed(&first.slug, &category, list.articles.clone());
                let _ = neighbours.result();
            }
            if let Some(next) = &list.next {
                check_gate(CONTEXT.api_base, next, UrlUse::Fetch);
            }
        }
        if let Ok(article) = portal_reader::api::decode_text::<Article>(text) {
            article_functions(&article, lang);
        }
        if let Ok(stats) = portal_reader::api::decode_text::<Stats>(text) {
            let rows = stat_rows(&stats, lang);
            assert!(rows.len() >= 5);
            let _ = as_of_line(&stats, lang);
        }
        if let Ok(totals) = portal_reader::api::decode_text::<RatingTotals>(text) {
            rating_functions(totals, lang);
        }
    }
}

fn article_functions(article: &Article, lang: Lang) {
    assert!(is_valid_slug(&article.slug));
    rating_functions(article.rating, lang);
    let _ = long_date(&article.published_at, lang);
    let _ = article.updated_at.as_deref().map(|u| long_date(u, lang));
    let _ = reading_minutes(&article.body_html);
    let _ = article.views.map(|n| number(n, lang));
    let _ = related_slugs(&article.slug, &article.related);
    let url = canonical_url(
        Some("https://sonha.example.vn/"),
        "http://h",
        "/tin",
        &article.slug,
    );
    for target in Target::ALL {
        let _ = target.link(&url, &article.title);
    }
    let image = article
        .cover
        .as_ref()
        .and_then(|c| gate(CONTEXT.api_base, &c.src, UrlUse::Image));
    let page = HeadFacts {
        title: &article.title,
        site_name: Some("Cổng"),
        canonical: Some(&url),
        site_origin: "https://sonha.example.vn",
        description: article.summary.as_deref(),
        image: image.as_deref(),
        image_alt: None,
        content_lang: lang.code(),
        article: Some(article),
    };
    for tag in tags(&page) {
        let html = tag.to_html();
        if let portal_reader::head::Tag::JsonLd(json) = tag {
            // `<script …>` and `</script>`: no other tag in the element.
            assert_eq!(
                html.matches('<').count(),
                2,
                "JSON-LD cannot close its script"
            );
            let value: Value = serde_json::from_str(&json).expect("JSON-LD is JSON");
            if let Some(rating) = value.get("aggregateRating") {
                let v = rating["ratingValue"].as_f64().unwrap();
                assert!((1.0..=5.0).contains(&v), "ratingValue {v}");
            }
        }
    }
    // The body's tags and attributes through the allowlist, as the DOM half
    // meets them: a cheap tag scan is enough to reach every rule.
    for chunk in article.body_html.split('<').skip(1) {
        let name: String = chunk
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let _ = tag_rule(&name);
        let _ = may_hold_markup(chunk);
        for kept in ["a", "img", "td", "ol", "blockquote", "time"] {
            for (_, value) in clean_attributes(
                kept,
                [
                    ("href", chunk),
                    ("src", chunk),
                    ("colspan", chunk),
                    ("start", chunk),
                    ("cite", chunk),
                    ("datetime", chunk),
                    ("lang", chunk),
                ],
                &CONTEXT,
            ) {
                let _ = value;
            }
        }
    }
}

fn rating_functions(totals: RatingTotals, lang: Lang) {
    if let Some(tenths) = average_tenths(totals) {
        assert!(tenths <= 50, "{tenths}");
    }
    let _ = format_average(totals, lang);
    let _ = average_line(totals, lang);
    let _ = summary(totals, if lang == Lang::Vi { &VI } else { &EN });
    for stars in 1..=5 {
        let after = with_vote(totals, stars);
        assert!(after.count >= totals.count && after.total >= totals.total);
    }
}

/// The gate never hands on a URL whose scheme is not allowed for its use.
fn check_gate(base: &str, reference: &str, use_: UrlUse) {
    if let Some(url) = gate(base, reference, use_) {
        let scheme = url.split(':').next().unwrap_or_default();
        assert!(use_.allows(scheme), "{reference:?} -> {url}");
    }
}

/// A JSON value of any shape, with the contract's field names likely and
/// numbers and strings at their awkward edges.
fn json_value() -> impl Strategy<Value = Value> {
    let number = prop_oneof![
        any::<u64>().prop_map(|n| Value::Number(n.into())),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        Just(Value::Number(u64::MAX.into())),
        Just(Value::Number(0u64.into())),
        any::<f64>().prop_filter_map("finite", |f| Number::from_f64(f).map(Value::Number)),
    ];
    let string = prop_oneof![
        any::<String>(),
        "[a-z0-9-]{0,12}",
        Just("2026-02-29T25:61:00+07:00".to_string()),
        Just("2024-03-15".to_string()),
        Just("javascript:alert(1)".to_string()),
        Just("\u{a0}javascript:alert(1)".to_string()),
        Just("data:text/html,<script>alert(1)</script>".to_string()),
        Just(
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>"
                .to_string()
        ),
        Just("</script><!--".to_string()),
        Just("images/a.svg".to_string()),
        Just("//cdn.example.vn/a.jpg".to_string()),
        Just("9".repeat(40)),
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number,
        string.prop_map(Value::String),
    ];
    const KEYS: &[&str] = &[
        "name",
        "lang",
        "site_url",
        "categories",
        "slug",
        "boundary_map",
        "image",
        "alt",
        "link",
        "features",
        "rating_submit",
        "stats_hit",
        "share",
        "zalo_oaid",
        "articles",
        "next",
        "title",
        "summary",
        "category",
        "published_at",
        "updated_at",
        "author",
        "source",
        "thumbnail",
        "cover",
        "src",
        "caption",
        "body_html",
        "tags",
        "views",
        "rating",
        "total",
        "count",
        "related",
        "as_of",
        "online",
        "today",
        "yesterday",
        "this_month",
        "this_year",
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(KEYS), inner), 0..12).prop_map(|fields| {
                Value::Object(
                    fields
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// One change to a document: a node replaced, a key removed, or the text cut.
#[derive(Clone, Debug)]
enum Mutation {
    Replace { at: usize, with: Value },
    Remove { at: usize },
    Truncate { at: usize },
    Insert { at: usize, text: String },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), json_value()).prop_map(|(at, with)| Mutation::Replace { at, with }),
        2 => any::<usize>().prop_map(|at| Mutation::Remove { at }),
        1 => any::<usize>().prop_map(|at| Mutation::Truncate { at }),
        1 => (any::<usize>(), any::<String>()).prop_map(|(at, text)| Mutation::Insert { at, text }),
    ]
}

/// The `n`th node (pre-order, modulo the node count) of `value`.
fn nth_node(value: &mut Value, n: usize) -> &mut Value {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Array(items) => items.iter().map(count).sum(),
            Value::Object(fields) => fields.values().map(count).sum(),
            _ => 0,
        }
    }
    fn walk(v: &mut Value, mut n: usize) -> Result<&mut Value, usize> {
        if n == 0 {
            return Ok(v);
        }
        n -= 1;
        let children: Vec<&mut Value> = match v {
            Value::Array(items) => items.iter_mut().collect(),
            Value::Object(fields) => fields.values_mut().collect(),
            _ => Vec::new(),
        };
        for child in children {
            match walk(child, n) {
                Ok(found) => return Ok(found),
                Err(rest) => n = rest,
            }
        }
        Err(n)
    }
    let total = count(value);
    match walk(value, n % total) {
        Ok(node) => node,
        Err(_) => unreachable!("n is below the node count"),
    }
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut value: Value = serde_json::from_str(text).unwrap();
    let mut cut: Option<(usize, Option<String>)> = None;
    for m in mutations {
        match m {
            Mutation::Replace { at, with } => *nth_node(&mut value, *at) = with.clone(),
            Mutation::Remove { at } => {
                if let Value::Object(fields) = nth_node(&mut value, *at) {
                    if let Some(key) = fields.keys().nth(at % fields.len().max(1)).cloned() {
                        fields.remove(&key);
                    }
                }
            }
            Mutation::Truncate { at } => cut = Some((*at, None)),
            Mutation::Insert { at, text } => cut = Some((*at, Some(text.clone()))),
        }
    }
    let mut out = value.to_string();
    if let Some((at, insert)) = cut {
        let mut at = at % (out.len() + 1);
        while !out.is_char_boundary(at) {
            at -= 1;
        }
        match insert {
            None => out.truncate(at),
            Some(text) => out.insert_str(at, &text),
        }
    }
    out
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(50_000)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: cases(),
        // Cargo runs the tests from the package's root.
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::Direct("tests/untrusted_input.proptest-regressions"),
        )),
        ..ProptestConfig::default()
    })]

    #[test]
    fn arbitrary_json_never_panics(value in json_value()) {
        exercise(&value.to_string());
    }

    #[test]
    fn mutated_embedded_documents_never_panic(
        doc in 0usize..1000,
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let documents = EMBEDDED.with(Clone::clone);
        let (_, text) = &documents[doc % documents.len()];
        exercise(&mutate(text, &mutations));
    }
}

thread_local! {
    static EMBEDDED: Vec<(String, String)> = embedded();
}

#[test]
fn every_embedded_document_is_exercised_unchanged() {
    let documents = embedded();
    assert!(
        documents.len() >= 15,
        "site, stats, three list pages, the articles"
    );
    for (name, text) in &documents {
        let value: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(value.is_object(), "{name}");
        exercise(text);
    }
    // A date the parser knows is one the formatters print.
    assert!(DateTime::parse("2026-11-26T09:30:00+07:00").is_some());
}
