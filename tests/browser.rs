//! Component tests in headless Chromium (wasm-bindgen-test): the article view
//! mounted with fixture data, the sanitiser's DOM half on hostile input and
//! the hostile-vector corpus, the URL gate swept over every code point, the
//! crash page, and the head tags replaced per route.
#![cfg(target_arch = "wasm32")]

mod common;

use leptos::prelude::*;
use portal_reader::api::{Article, RatingTotals};
use portal_reader::env::AppEnv;
use portal_reader::pages::ArticleView;
use portal_reader::sanitize::dom::{sanitized_fragment, BodyContext};
use portal_reader::sanitize::{tag_rule, TagRule, MAX_DEPTH};
use portal_reader::urls::{gate, UrlUse};
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
        portal_reader::provide_app_context(AppEnv::new(APP, Some("api/")), Default::default());
        view! { <ArticleView article=fixture() /> }
    });
    leptos::task::tick().await;

    assert_eq!(
        query(&host, "h1").text_content().unwrap(),
        "Bài mẫu có hình"
    );
    assert_eq!(host.query_selector_all("h1").unwrap().length(), 1, "one h1");
    // Root-relative on the page's own origin (`urls::for_page`).
    assert_eq!(
        query(&host, ".article__cover img")
            .get_attribute("src")
            .unwrap(),
        "/app/api/images/cover.svg"
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
        "/app/api/images/a.svg",
        "body images resolve against the endpoint (root-relative on the page's origin)"
    );
    assert_eq!(figure_img.get_attribute("onerror"), None);
    assert_eq!(figure_img.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(
        figure_img.get_attribute("decoding").as_deref(),
        Some("async")
    );
    assert_eq!(
        figure_img.get_attribute("referrerpolicy").as_deref(),
        Some("no-referrer")
    );
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

const CONTEXT: BodyContext = BodyContext {
    page_base: APP,
    page_path: "/app/bai-viet/a",
    api_base: "http://127.0.0.1:8090/app/api/",
    origin: "http://127.0.0.1:8090",
    router_base: "/app",
    table_label: "Bảng",
};

/// Waits `ms` milliseconds: long enough for images to fail and their
/// handlers (if any had survived) to run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `window.__pwned`, which every payload sets through `alert` (replaced
/// below) or directly.
fn pwned() -> wasm_bindgen::JsValue {
    js_sys::Reflect::get(&window(), &"__pwned".into()).unwrap()
}

fn arm_alert() {
    let set =
        js_sys::Function::new_with_args("v", "window.__pwned = v === undefined ? 'alert' : v");
    for name in ["alert", "confirm", "prompt"] {
        js_sys::Reflect::set(&window(), &name.into(), &set).unwrap();
    }
}

/// Sanitises `html` into a holder attached to the live document (where
/// images load and handlers could fire), and returns the holder.
fn sanitise_live(html: &str) -> web_sys::Element {
    let holder = document().create_element("div").unwrap();
    holder
        .append_child(&sanitized_fragment(html, &CONTEXT).unwrap())
        .unwrap();
    document().body().unwrap().append_child(&holder).unwrap();
    holder
}

/// Every element is one the allowlist keeps (or the table's scroll region),
/// every attribute one it sets, and every URL attribute, read back by the
/// browser's own `URL`, has an allowed scheme.
fn assert_only_allowlisted(holder: &web_sys::Element, what: &str) {
    let all = holder.query_selector_all("*").unwrap();
    for i in 0..all.length() {
        let el: web_sys::Element = all.item(i).unwrap().unchecked_into();
        let name = el.local_name();
        let region = name == "div" && el.class_name() == "table-scroll";
        let aligned = name == "div"
            && el.class_name().starts_with("text-")
            && common::is_layout_class(&el.class_name());
        assert!(
            region || aligned || matches!(tag_rule(&name), TagRule::Keep(kept) if kept == name),
            "{what}: <{name}> in {}",
            holder.inner_html()
        );
        for attribute in el.get_attribute_names().iter() {
            let attribute = attribute.as_string().unwrap();
            let allowed = common::ALLOWED_ATTRIBUTES.contains(&attribute.as_str())
                || (attribute == "class" && !region && common::is_layout_class(&el.class_name()))
                || (region
                    && ["class", "role", "tabindex", "aria-label"].contains(&attribute.as_str()));
            assert!(allowed, "{what}: {attribute} on <{name}>");
            if attribute == "id" {
                let value = el.get_attribute("id").unwrap();
                assert!(value.starts_with("noi-dung-"), "{what}: id={value:?}");
            }
            if ["href", "src", "cite"].contains(&attribute.as_str()) {
                let value = el.get_attribute(&attribute).unwrap();
                // Links and images on the page's origin are root-relative.
                let scheme = web_sys::Url::new_with_base(&value, APP)
                    .map(|u| u.protocol())
                    .unwrap_or_default();
                let ok = matches!(scheme.as_str(), "http:" | "https:")
                    || (scheme == "mailto:" && attribute != "src");
                assert!(ok, "{what}: {attribute}={value:?}");
            }
        }
    }
}

#[wasm_bindgen_test]
async fn sanitiser_rebuilds_only_what_the_allowlist_allows() {
    arm_alert();
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
    let holder = sanitise_live(hostile);
    let html = holder.inner_html();
    assert!(
        html.contains("<p id=\"noi-dung-y\">Chữ</p>"),
        "an id under the body's prefix: {html}"
    );
    for banned in [
        "style=",
        "class=",
        "id=\"y\"",
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
            (Some("/app/bai-viet/khac".into()), None),
            (
                Some("https://example.org/".into()),
                Some("external noopener".into())
            ),
        ]
    );
    // The image is in the live document and fails to load: its handler,
    // had it survived, would have run by now.
    sleep(300).await;
    assert!(pwned().is_undefined(), "no hostile code ran: {:?}", pwned());
    holder.remove();
}

/// The corpus in tests/fixtures/hostile-html.json: DOMPurify's and OWASP's
/// filter-evasion classes. For each, `<p>before</p>` + vector + `<p>after</p>`
/// must keep both paragraphs' text, contain only what the allowlist keeps,
/// and, live in the document for a while, run nothing.
#[wasm_bindgen_test]
async fn hostile_vectors_run_nothing_and_keep_the_content_around_them() {
    arm_alert();
    let corpus: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/hostile-html.json")).unwrap();
    assert!(corpus.len() >= 100, "the corpus is all there");
    let mut holders = Vec::new();
    let mut lost = Vec::new();
    for vector in &corpus {
        let source = vector["source"].as_str().unwrap();
        let html = vector["html"].as_str().unwrap();
        let holder = sanitise_live(&format!("<p>before</p>{html}<p>after</p>"));
        assert_only_allowlisted(&holder, source);
        let text = holder.text_content().unwrap_or_default();
        if !(text.contains("before") && text.contains("after")) {
            lost.push(format!("{source}: {}", holder.inner_html()));
        }
        holders.push(holder);
    }
    assert!(lost.is_empty(), "content lost around {lost:#?}");
    sleep(500).await;
    assert!(pwned().is_undefined(), "a vector ran: {:?}", pwned());
    for holder in holders {
        holder.remove();
    }
}

/// Nesting is flattened below MAX_DEPTH, so a hostile body cannot grow the
/// stack: the tree it builds is never deeper than that, and the text stays.
#[wasm_bindgen_test]
fn deep_nesting_is_flattened_not_overflowed() {
    fn depth(node: &web_sys::Node) -> usize {
        let children = node.child_nodes();
        1 + (0..children.length())
            .filter_map(|i| children.item(i))
            .map(|c| depth(&c))
            .max()
            .unwrap_or(0)
    }
    // Chromium's parser itself stops nesting at 512; 400 levels get through,
    // and must be more than the sanitiser lets through.
    let levels = 400;
    assert!(MAX_DEPTH < levels / 4, "MAX_DEPTH is a real limit");
    let html = format!(
        "{}sâu{}",
        "<b><i>".repeat(levels / 2),
        "</i></b>".repeat(levels / 2)
    );
    let fragment = sanitized_fragment(&html, &CONTEXT).unwrap();
    let holder = document().create_element("div").unwrap();
    holder.append_child(&fragment).unwrap();
    assert!(holder.text_content().unwrap().contains("sâu"));
    let depth = depth(&holder);
    assert!(
        depth <= MAX_DEPTH + 2,
        "the rebuilt tree is {depth} levels deep, more than MAX_DEPTH allows"
    );
}

/// Issue 9's sweep: every code point U+0000–U+FFFF (but the surrogates, which
/// no Rust string and no decoded JSON can hold) (a) before `javascript:`,
/// `data:` and `vbscript:`, and (b) after each letter of `javascript`, through
/// the gate as a link and as an image, compared with what the browser's own
/// `new URL()` makes of the same string.
#[wasm_bindgen_test]
async fn the_gate_lets_no_other_scheme_through_for_any_code_point() {
    let base = "http://127.0.0.1:8090/app/bai-viet/x";
    let mut checked = 0u32;
    let mut through = 0u32;
    for cp in (0u32..=0xFFFF).filter_map(char::from_u32) {
        if cp as u32 % 2048 == 0 {
            // Let the runner read the page now and then.
            sleep(0).await;
        }
        let mut inputs = Vec::with_capacity(13);
        for scheme in ["javascript:alert(1)", "data:text/html,x", "vbscript:x"] {
            inputs.push(format!("{cp}{scheme}"));
        }
        let word = "javascript";
        for i in 1..=word.len() {
            inputs.push(format!("{}{cp}{}:alert(1)", &word[..i], &word[i..]));
        }
        for input in &inputs {
            let browser = web_sys::Url::new_with_base(input, base).ok();
            for use_ in [UrlUse::Link, UrlUse::Image] {
                checked += 1;
                let Some(out) = gate(base, input, use_) else {
                    continue;
                };
                through += 1;
                let browser = browser
                    .as_ref()
                    .unwrap_or_else(|| panic!("{input:?} passed but does not parse"));
                let scheme = browser.protocol();
                assert!(
                    matches!(scheme.as_str(), "http:" | "https:"),
                    "U+{:04X}: {input:?} passed as {out:?}, which the browser reads as {scheme}",
                    cp as u32
                );
                assert_eq!(
                    out,
                    browser.href(),
                    "the gate hands on exactly what it checked"
                );
            }
        }
    }
    // 63 488 code points x 13 strings x 2 uses.
    assert_eq!(checked, 63_488 * 13 * 2);
    leptos::logging::log!("gate sweep: {checked} checks, {through} passed as http(s)");
}

/// The same sweep through the whole sanitiser, the code points written as
/// character references in the HTML (how `&nbsp;javascript:` got through).
#[wasm_bindgen_test]
async fn the_sanitiser_lets_no_script_url_through_for_any_code_point() {
    let points: Vec<u32> = (0u32..=0xFFFF)
        .filter(|cp| char::from_u32(*cp).is_some())
        .collect();
    for batch in points.chunks(2048) {
        let mut html = String::new();
        for cp in batch {
            html.push_str(&format!(
                "<a href=\"&#x{cp:X};javascript:alert(1)\">a</a><a href=\"java&#x{cp:X};script:alert(1)\">b</a>\
                 <img src=\"&#x{cp:X};data:image/svg+xml,x\"><blockquote cite=\"&#x{cp:X};vbscript:x\">c</blockquote>"
            ));
        }
        let fragment = sanitized_fragment(&html, &CONTEXT).unwrap();
        let holder = document().create_element("div").unwrap();
        holder.append_child(&fragment).unwrap();
        assert_only_allowlisted(&holder, "sweep");
        sleep(0).await;
    }
}

/// The panic hook's page: what replaces the app when it aborts.
#[wasm_bindgen_test]
fn the_crash_page_says_so_in_both_languages_with_a_reload_link() {
    let body = document().body().unwrap();
    let saved: Vec<web_sys::Node> = {
        let nodes = body.child_nodes();
        (0..nodes.length()).filter_map(|i| nodes.item(i)).collect()
    };
    portal_reader::crash::show_crash_page();
    let text = body.text_content().unwrap();
    let link = body
        .query_selector("main.crash[role=alert] a.button")
        .unwrap();
    let href = link.as_ref().and_then(|a| a.get_attribute("href"));
    // Put the runner's page back before asserting.
    body.set_text_content(None);
    for node in saved {
        body.append_child(&node).unwrap();
    }
    assert!(
        text.contains("Đã xảy ra lỗi") && text.contains("Something went wrong"),
        "{text}"
    );
    assert!(
        text.contains("Tải lại trang") && text.contains("Reload the page"),
        "{text}"
    );
    assert_eq!(href, Some(window().location().href().unwrap()));
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

/// The decoding rules with the browser's `JSON.parse` give the answers
/// recorded for them, the same the native parser gives (tests/decode_cases.rs).
#[wasm_bindgen_test]
fn decoding_in_the_browser_gives_the_recorded_answers() {
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("fixtures/decode-cases.json")).unwrap();
    assert!(cases.len() >= 20);
    for case in &cases {
        let answer = portal_reader::api::decode_case(
            case["type"].as_str().unwrap(),
            case["json"].as_str().unwrap(),
        );
        assert_eq!(case["answer"], answer, "{}", case["json"]);
    }
}

/// In the browser the search page reads `?q=` with the browser's own
/// `URLSearchParams` (smaller than a decoder in the wasm); the pre-render and
/// the native tests read it with `urls::query_param`. Both must give the
/// same query: swept over every code point (64 to a query) and every
/// percent-encoded byte, alone and after a UTF-8 lead byte, plus the
/// malformed and doubled forms.
#[wasm_bindgen_test]
fn the_browser_reads_a_search_url_as_the_native_decoder_does() {
    use portal_reader::search::{query_of, tidy_query};
    use portal_reader::urls::{encode_component, query_param};
    let mut searches: Vec<String> = [
        "",
        "?",
        "?q",
        "?q=",
        "?q=lai+chau",
        "?x=1&q=L%E1%BA%A1i%20Ch%C3%A2u",
        "?qq=1&q=2",
        "?q=100%",
        "?q=%ZZ%E1",
        "?q=%",
        "?q=%4",
        "?q=a&q=b",
        "?q=a=b",
        "?q=++a+++b++",
        "?q=%22dang+bo%22",
        "?q=%F0%9F%98",
        "?q=%ED%A0%80",
        "?q=%C0%AF",
    ]
    .map(String::from)
    .to_vec();
    let scalars: Vec<char> = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
    for chunk in scalars.chunks(64) {
        let value: String = chunk.iter().collect();
        searches.push(format!("?a=b&q={}", encode_component(&value)));
    }
    for byte in 0..=255u8 {
        searches.push(format!("?q=%{byte:02X}x"));
        searches.push(format!("?q=%E1%{byte:02x}%A1"));
    }
    for search in &searches {
        assert_eq!(
            query_of(search),
            tidy_query(&query_param(search, "q")),
            "{search}"
        );
    }
}
