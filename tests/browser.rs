//! Component tests in headless Chromium (wasm-bindgen-test): the article view
//! mounted with fixture data, the sanitiser's DOM half on hostile input, and
//! the head tags replaced per route.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use portal_reader::api::{Article, RatingTotals};
use portal_reader::env::AppEnv;
use portal_reader::pages::ArticleView;
use portal_reader::sanitize::dom::{sanitized_fragment, BodyContext};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const APP: &str = "http://127.0.0.1:8090/app/";

fn fixture() -> Article {
    Article {
        slug: "bai-mau".into(),
        title: "Bài mẫu có hình".into(),
        published_at: "2026-11-26T09:30:00+07:00".into(),
        body_html: concat!(
            "<p>Đoạn <strong>một</strong>.</p>",
            "<h1>Tiêu đề trong thân bài</h1>",
            "<figure><img src=\"images/a.svg\" alt=\"Hình A\" onerror=\"window.__pwned=1\">",
            "<figcaption>Chú thích A</figcaption></figure>",
            "<script>window.__pwned = 2</script>",
            "<table><tr><td>1</td></tr></table>",
            "<p><a href=\"bai-viet/khac\">trong</a> <a href=\"https://example.org/x\">ngoài</a>",
            " <a href=\"javascript:window.__pwned=3\">xấu</a></p>",
        )
        .into(),
        summary: Some("Tóm tắt.".into()),
        category: Some("thoi-su".into()),
        updated_at: None,
        author: Some("Phạm Dung".into()),
        source: Some("sonha.example.vn".into()),
        cover: Some(portal_reader::api::Image {
            src: "images/cover.svg".into(),
            alt: Some("Ảnh bìa".into()),
            caption: Some("Chú thích ảnh bìa".into()),
        }),
        tags: vec![],
        views: None,
        rating: RatingTotals::default(),
        related: vec![],
    }
}

fn host() -> web_sys::HtmlElement {
    let document = document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn query(host: &web_sys::Element, selector: &str) -> web_sys::Element {
    host.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("{selector} not found"))
}

#[wasm_bindgen_test]
async fn article_view_mounts_with_fixture_data() {
    let host = host();
    let handle = leptos::mount::mount_to(host.clone(), || {
        provide_context(AppEnv::new(APP, Some("api/")));
        view! { <ArticleView article=fixture() /> }
    });
    leptos::task::tick().await;

    assert_eq!(
        query(&host, "h1").text_content().unwrap(),
        "Bài mẫu có hình"
    );
    assert_eq!(host.query_selector_all("h1").unwrap().length(), 1, "one h1");
    assert_eq!(
        query(&host, ".article__cover img")
            .get_attribute("src")
            .unwrap(),
        "http://127.0.0.1:8090/app/api/images/cover.svg"
    );
    assert_eq!(
        query(&host, ".article__cover figcaption")
            .text_content()
            .unwrap(),
        "Chú thích ảnh bìa"
    );
    assert!(query(&host, ".article__meta time")
        .text_content()
        .unwrap()
        .starts_with("Thứ Năm, 26/11/2026"));
    assert!(query(&host, ".article__byline")
        .text_content()
        .unwrap()
        .contains("Phạm Dung"));

    let body = query(&host, ".article__body");
    let figure_img = query(&body, "figure img");
    assert_eq!(
        figure_img.get_attribute("src").unwrap(),
        "http://127.0.0.1:8090/app/api/images/a.svg",
        "body images resolve against the endpoint"
    );
    assert_eq!(figure_img.get_attribute("onerror"), None);
    assert_eq!(figure_img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(
        query(&body, "figcaption").text_content().unwrap(),
        "Chú thích A"
    );
    assert!(body.query_selector("script").unwrap().is_none());
    assert_eq!(
        query(&body, "h2").text_content().unwrap(),
        "Tiêu đề trong thân bài"
    );
    assert!(
        query(&body, ".table-scroll[role=region][tabindex='0'] table")
            .get_attribute("class")
            .is_none()
    );

    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
fn sanitiser_rebuilds_only_what_the_allowlist_allows() {
    let context = BodyContext {
        page_base: APP,
        api_base: "http://127.0.0.1:8090/app/api/",
        origin: "http://127.0.0.1:8090",
        router_base: "/app",
        table_label: "Bảng",
    };
    let hostile = concat!(
        "<p style=\"color:red\" class=\"x\" id=\"y\" onclick=\"window.__pwned=4\">Chữ</p>",
        "<img src=x onerror=\"window.__pwned=5\">",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg><script>window.__pwned=6</script></svg>",
        "<a href=\" JaVa\tScRiPt:window.__pwned=7\">x</a>",
        "<a href=\"data:text/html,<script>alert(1)</script>\">d</a>",
        "<form action=\"https://evil.example\"><input name=a></form>",
        "<div><span>giữ chữ</span></div>",
        "<!-- comment -->",
        "<a href=\"bai-viet/khac\">trong</a>",
        "<a href=\"https://example.org/\">ngoài</a>",
    );
    let fragment = sanitized_fragment(hostile, &context).unwrap();
    let holder = document().create_element("div").unwrap();
    holder.append_child(&fragment).unwrap();
    let html = holder.inner_html();

    for banned in [
        "style=",
        "class=",
        "id=",
        "onclick",
        "onerror",
        "iframe",
        "script",
        "svg",
        "form",
        "input",
        "javascript",
        "data:",
        "<!--",
    ] {
        assert!(
            !html.to_ascii_lowercase().contains(banned),
            "{banned} leaked into {html}"
        );
    }
    assert!(html.contains("<p>Chữ</p>"), "{html}");
    assert!(
        html.contains("giữ chữ"),
        "unwrapped tags keep their text: {html}"
    );
    let links = holder.query_selector_all("a").unwrap();
    let hrefs: Vec<(Option<String>, Option<String>)> = (0..links.length())
        .map(|i| {
            let a: web_sys::Element = links.item(i).unwrap().unchecked_into();
            (a.get_attribute("href"), a.get_attribute("rel"))
        })
        .collect();
    assert_eq!(
        hrefs,
        vec![
            (None, None),
            (None, None),
            (Some("http://127.0.0.1:8090/app/bai-viet/khac".into()), None),
            (
                Some("https://example.org/".into()),
                Some("external noopener".into())
            ),
        ]
    );
    let pwned = js_sys::Reflect::get(&window(), &"__pwned".into()).unwrap();
    assert!(pwned.is_undefined(), "no hostile code ran");
}

#[wasm_bindgen_test]
fn deep_nesting_is_flattened_not_overflowed() {
    let context = BodyContext {
        page_base: APP,
        api_base: APP,
        origin: "http://127.0.0.1:8090",
        router_base: "/app",
        table_label: "Bảng",
    };
    let html = format!(
        "{}sâu{}",
        "<div><b>".repeat(5000),
        "</b></div>".repeat(5000)
    );
    let fragment = sanitized_fragment(&html, &context).unwrap();
    let holder = document().create_element("div").unwrap();
    holder.append_child(&fragment).unwrap();
    assert!(holder.text_content().unwrap().contains("sâu"));
}

#[wasm_bindgen_test]
fn head_tags_of_one_route_replace_the_previous_routes() {
    use portal_reader::head::{dom::apply, Tag};
    let head = document().head().unwrap();
    let managed = || head.query_selector_all("[data-head]").unwrap().length();
    let meta = |key: &'static str, content: &str| Tag::Meta {
        attr: "property",
        key,
        content: content.into(),
    };
    apply(&[
        meta("og:type", "article"),
        meta("article:tag", "a"),
        Tag::Canonical("https://sonha.example.vn/bai-viet/a".into()),
        Tag::JsonLd(r#"{"headline":"\u003c/script>"}"#.into()),
    ]);
    assert_eq!(managed(), 4);
    let script = head
        .query_selector("script[type='application/ld+json']")
        .unwrap()
        .unwrap();
    assert_eq!(
        script.text_content().unwrap(),
        r#"{"headline":"\u003c/script>"}"#,
        "JSON-LD goes in as text, never parsed as markup"
    );
    // The next route: the article's tags and JSON-LD are gone.
    apply(&[meta("og:type", "website")]);
    assert_eq!(managed(), 1);
    let kind = head
        .query_selector("meta[property='og:type']")
        .unwrap()
        .unwrap();
    assert_eq!(kind.get_attribute("content").as_deref(), Some("website"));
    assert!(head
        .query_selector("link[rel=canonical]")
        .unwrap()
        .is_none());
    apply(&[]);
    assert_eq!(managed(), 0);
}
