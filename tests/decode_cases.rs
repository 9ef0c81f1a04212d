//! The decoding rules on recorded cases (`tests/fixtures/decode-cases.json`):
//! natively here (serde_json's parser), in the browser by `tests/browser.rs`
//! (`JSON.parse`). Both must give the recorded answer. `RECORD=1 cargo test
//! --test decode_cases` writes the answers the native side gives, to review.

use portal_reader::api::decode_case;

#[test]
fn every_case_decodes_to_its_recorded_answer() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/decode-cases.json"
    );
    let mut cases: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(cases.len() >= 20);
    let record = std::env::var_os("RECORD").is_some();
    for case in &mut cases {
        let answer = decode_case(
            case["type"].as_str().unwrap(),
            case["json"].as_str().unwrap(),
        );
        if record {
            case["answer"] = answer.into();
        } else {
            assert_eq!(case["answer"], answer, "{}", case["json"]);
        }
    }
    if record {
        let text = serde_json::to_string_pretty(&cases).unwrap();
        std::fs::write(path, text + "\n").unwrap();
    }
}
