//! JSON in and out: decoding a document into its contract type, and the
//! one string-literal writer for the little JSON the app writes itself.

use serde::de::DeserializeOwned;

use super::ApiError;

/// Decodes `body`, fetched from `url`, as `T`; what does not match the
/// contract is [`ApiError::BadJson`] with serde's message.
pub fn decode<T: DeserializeOwned>(url: &str, body: &str) -> Result<T, ApiError> {
    serde_json::from_str(body).map_err(|e| ApiError::BadJson {
        url: url.to_string(),
        detail: e.to_string(),
    })
}

/// A JSON string literal that is also safe inside `<script>`: `<` is written
/// `\u003c`, so text from the endpoint cannot close the element. Written by
/// hand: serde_json's serialiser would add its code to the wasm for this alone.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c < ' ' || c == '<' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_round_trip_and_cannot_close_a_script() {
        for text in [
            "",
            "Hỏi & đáp: \"nhà ở\" \\ 🏠",
            "a\nb\tc\u{1}",
            "</script><!--",
        ] {
            let literal = json_string(text);
            assert!(!literal.contains('<'), "{literal}");
            assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), text);
        }
    }
}
