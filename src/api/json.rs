//! The small writer for the little JSON the app writes itself (request
//! bodies, JSON-LD): strings, objects and arrays.
//! Reading is [`super::decode`]'s.

/// A JSON string literal. Written by hand: serde_json's serialiser would add
/// its code to the wasm for this alone. (Inside an HTML `<script>`, JSON goes
/// through [`crate::escape::json_in_script`] where it is written.)
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c < ' ' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON object from keys and values that are JSON already (from
/// [`json_string`] or these builders), in the order given.
pub fn json_object(fields: &[(&str, String)]) -> String {
    let body: Vec<String> = fields
        .iter()
        .map(|(key, value)| format!("{}:{value}", json_string(key)))
        .collect();
    format!("{{{}}}", body.join(","))
}

/// A JSON array of values that are JSON already.
pub fn json_array(items: &[String]) -> String {
    format!("[{}]", items.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_round_trip() {
        for text in [
            "",
            "Hỏi & đáp: \"nhà ở\" \\ 🏠",
            "a\nb\tc\u{1}",
            "</script><!--",
        ] {
            let literal = json_string(text);
            assert_eq!(serde_json::from_str::<String>(&literal).unwrap(), text);
        }
    }

    #[test]
    fn objects_and_arrays_are_json() {
        let object = json_object(&[
            ("a", json_string("x")),
            ("b", json_array(&["1".into(), json_string("</script>")])),
        ]);
        let value: serde_json::Value = serde_json::from_str(&object).unwrap();
        assert_eq!(value["b"][1], "</script>");
        assert_eq!(json_array(&[]), "[]");
    }
}
