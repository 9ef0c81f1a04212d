//! Issue 26: a printed article leads back to its page. Every pre-rendered
//! article carries one print note outside `#app` whose QR code, drawn from
//! its SVG as parsed and read by a decoder, is exactly the page's canonical
//! address; no other page carries one.

mod common;

use common::print::{check_print_notes, decode_qr, printed};
use common::{build, run};

#[test]
fn every_article_page_has_one_note_whose_code_is_its_address() {
    let dist = build("print-note");
    let report = run(&dist, None).unwrap();
    assert_eq!(report.pages, 1 + 4 + 13, "{report}");
    assert_eq!(check_print_notes(&dist, "/tin"), 13);

    let page = printed(
        &std::fs::read_to_string(
            dist.join("bai-viet/nong-dan-vung-cao-thu-hoach-che-shan-tuyet.html"),
        )
        .unwrap(),
    );
    let note = &page.notes[0];
    let url = "https://sonha.example.vn/tin/bai-viet/nong-dan-vung-cao-thu-hoach-che-shan-tuyet";
    assert_eq!(
        note.name.as_deref(),
        Some("Cổng thông tin điện tử tỉnh Sơn Hà")
    );
    assert_eq!(
        note.url_text.as_deref(),
        Some(format!("Địa chỉ bài viết: {url}").as_str())
    );
    assert_eq!(note.lang.as_deref(), Some("vi"));
    assert_eq!(
        note.label.as_deref(),
        Some("Mã QR dẫn tới địa chỉ bài viết")
    );
    assert_eq!(decode_qr(note.svg.as_deref().unwrap()).as_deref(), Ok(url));
    // The shells (the not-found page, and the routes the browser fills in)
    // have no canonical address and no note.
    for shell in portal_deploy::prerender::SHELLS {
        let page = printed(&std::fs::read_to_string(dist.join(shell)).unwrap());
        assert!(page.canonical.is_none() && page.notes.is_empty(), "{shell}");
    }
    let _ = std::fs::remove_dir_all(&dist);
}

/// Without `site_url` there is no public address to lead back to.
#[test]
fn without_a_public_address_there_is_no_note() {
    let dist = build("print-note-no-url");
    let site = dist.join("api/site.json");
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&site).unwrap()).unwrap();
    json.as_object_mut().unwrap().remove("site_url");
    std::fs::write(&site, json.to_string()).unwrap();
    run(&dist, None).unwrap();
    assert_eq!(check_print_notes(&dist, "/tin"), 0);
    let article = std::fs::read_to_string(
        dist.join("bai-viet/nong-dan-vung-cao-thu-hoach-che-shan-tuyet.html"),
    )
    .unwrap();
    assert!(printed(&article).notes.is_empty());
    let _ = std::fs::remove_dir_all(&dist);
}
