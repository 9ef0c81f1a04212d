//! Endpoint documents into the contract types, by hand.
//!
//! The text is parsed by the platform's JSON parser: the browser's own
//! `JSON.parse` in the wasm, serde_json's value tree natively (the pre-render,
//! the tests). The decoders below read either through [`JsonValue`], so there
//! is one set of rules, tested natively and run in the browser. Deriving
//! serde's `Deserialize` instead put serde_json's parser and a visitor per type
//! into the wasm, the largest single item of the first view.
//!
//! The rules (the contract's "what the app does with what it receives"):
//! unknown fields are ignored; an optional field that is absent or `null` is
//! `None` or its default; a required field that is missing or of the wrong
//! type fails the whole document, except in lists of summaries and
//! categories, where one broken entry is left out so it cannot take the list
//! down with it. Counts are integers from 0 to 2^53 - 1 (what a JavaScript
//! number holds exactly); extras (`views`, `rating`) that are not count as
//! absent rather than failing the article.

use super::ApiError;

/// A parsed JSON value, as the decoders read it.
pub trait JsonValue: Sized {
    /// The member `key` of an object (`None`: not an object, or no such key).
    fn member(&self, key: &str) -> Option<Self>;
    fn is_null(&self) -> bool;
    fn is_object(&self) -> bool;
    fn string(&self) -> Option<String>;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// The entries of an array (`None`: not an array).
    fn items(&self) -> Option<Vec<Self>>;
    /// The value as JSON text again.
    fn to_text(&self) -> String;
}

/// Why a document does not match the contract (shown under "Technical
/// details" of the error panel).
pub type DecodeError = String;

/// A contract type, decoded from a parsed value.
pub trait FromJson: Sized {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError>;
}

/// Decodes `body`, fetched from `url`, as `T`; what does not parse or does not
/// match the contract is [`ApiError::BadJson`].
pub fn decode<T: FromJson>(url: &str, body: &str) -> Result<T, ApiError> {
    decode_text(body).map_err(|detail| ApiError::BadJson {
        url: url.to_string(),
        detail,
    })
}

/// Parses and decodes `text` as `T`.
pub fn decode_text<T: FromJson>(text: &str) -> Result<T, DecodeError> {
    T::from_json(&parse(text)?)
}

#[cfg(target_arch = "wasm32")]
fn parse(text: &str) -> Result<wasm_bindgen::JsValue, DecodeError> {
    js_sys::JSON::parse(text).map_err(|error| {
        js_sys::Error::from(error)
            .message()
            .as_string()
            .unwrap_or_else(|| "malformed JSON".into())
    })
}

/// Natively, the one parser of endpoint documents (the deploy step's too).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse(text: &str) -> Result<serde_json::Value, DecodeError> {
    use serde::Deserialize;
    let text = as_the_browser_reads(text)?;
    let mut parser = serde_json::Deserializer::from_str(&text);
    parser.disable_recursion_limit();
    let value = serde_json::Value::deserialize(&mut parser).map_err(|e| e.to_string())?;
    parser.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// How deep a document may nest, natively: far past any document of the
/// contract, and well within a thread's stack.
#[cfg(not(target_arch = "wasm32"))]
const MAX_DEPTH: usize = 1_000;

/// JSON text as `JSON.parse` and the browser's strings read it, in a form
/// serde_json takes: a lone surrogate escape becomes U+FFFD
/// ([`lone_surrogates_replaced`]), and a number past `f64`'s range, which
/// `JSON.parse` reads as Infinity, becomes the largest finite one (no count
/// either way: every number of the contract is a count). Deeper than
/// [`MAX_DEPTH`] is refused, by a count, before any recursion.
#[cfg(not(target_arch = "wasm32"))]
pub fn as_the_browser_reads(text: &str) -> Result<std::borrow::Cow<'_, str>, DecodeError> {
    let text = lone_surrogates_replaced(text);
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let (mut i, mut copied, mut depth, mut in_string) = (0, 0, 0usize, false);
    while i < bytes.len() {
        let byte = bytes[i];
        if in_string {
            match byte {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(format!("nested deeper than {MAX_DEPTH} levels"));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'-' | b'0'..=b'9' => {
                let end = i + bytes[i..]
                    .iter()
                    .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                    .unwrap_or(bytes.len() - i);
                let infinite = text[i..end].parse::<f64>().is_ok_and(f64::is_infinite);
                if infinite {
                    let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
                    out.push_str(&text[copied..i]);
                    out.push_str(if byte == b'-' {
                        "-1.7976931348623157e308"
                    } else {
                        "1.7976931348623157e308"
                    });
                    copied = end;
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            std::borrow::Cow::Owned(out)
        }
        None => text,
    })
}

/// An entry a decoder left out: why (with its position), and its slug when
/// it has one.
#[cfg(not(target_arch = "wasm32"))]
pub type Refused = (String, Option<String>);

/// `text` decoded as `T`, and the entries of its list `key` that the
/// decoder left out ([`Fields::list_skipping_broken`]) read as `E`: for
/// each, why (with its position) and its slug when it has one. Natively, for
/// the deploy step to name what it skips and keep what the skipped entries'
/// pages were; one parse for both.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_with_refused<T: FromJson, E: FromJson>(
    text: &str,
    key: &str,
) -> Result<(T, Vec<Refused>), DecodeError> {
    let document = parse(text)?;
    let decoded = T::from_json(&document)?;
    let Some(entries) = document.member(key).and_then(|list| list.items()) else {
        return Ok((decoded, Vec::new()));
    };
    let refused = entries
        .iter()
        .enumerate()
        .filter_map(|(at, entry)| {
            let error = E::from_json(entry).err()?;
            let slug = entry.member("slug").and_then(|s| s.string());
            Some(match slug {
                // Quoted by hand: `{:?}` would bring the debug printer of
                // strings and chars into the wasm for this one message.
                Some(slug) => (
                    format!("{key}[{at}] (slug \"{slug}\"): {error}"),
                    Some(slug),
                ),
                None => (format!("{key}[{at}]: {error}"), None),
            })
        })
        .collect();
    Ok((decoded, refused))
}

/// `text` with every `\uD800`–`\uDFFF` escape that is not half of a pair
/// written `\uFFFD`. `JSON.parse` takes such an escape, and the browser's
/// strings become UTF-8 with U+FFFD in its place; serde_json refuses the
/// whole document. This way a document reads the same natively (the
/// pre-render) as in the browser. A scan of the JSON's strings, not a
/// search: only an escape inside a string is one.
#[cfg(not(target_arch = "wasm32"))]
pub fn lone_surrogates_replaced(text: &str) -> std::borrow::Cow<'_, str> {
    let surrogate_at = |at: usize| -> Option<u16> {
        let hex = text.get(at..at + 6)?.strip_prefix("\\u")?;
        let unit = u16::from_str_radix(hex, 16).ok()?;
        (0xD800..=0xDFFF).contains(&unit).then_some(unit)
    };
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let (mut i, mut copied, mut in_string) = (0, 0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                let Some(unit) = surrogate_at(i) else {
                    // Any other escape: skip what it escapes.
                    i += 2;
                    continue;
                };
                let paired = (0xD800..=0xDBFF).contains(&unit)
                    && surrogate_at(i + 6).is_some_and(|low| (0xDC00..=0xDFFF).contains(&low));
                if paired {
                    i += 12;
                    continue;
                }
                let out = out.get_or_insert_with(|| String::with_capacity(text.len()));
                out.push_str(&text[copied..i]);
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    match out {
        Some(mut out) => {
            out.push_str(&text[copied..]);
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(text),
    }
}

#[cfg(target_arch = "wasm32")]
impl JsonValue for wasm_bindgen::JsValue {
    fn member(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        // `JSON.parse` makes every key an own property (`__proto__` too), and
        // the keys asked for here are none of `Object.prototype`'s.
        js_sys::Reflect::get(self, &key.into())
            .ok()
            .filter(|v| !v.is_undefined())
    }
    fn is_null(&self) -> bool {
        wasm_bindgen::JsValue::is_null(self)
    }
    fn is_object(&self) -> bool {
        wasm_bindgen::JsValue::is_object(self) && !js_sys::Array::is_array(self)
    }
    fn string(&self) -> Option<String> {
        self.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        js_sys::Array::is_array(self).then(|| js_sys::Array::from(self).iter().collect())
    }
    fn to_text(&self) -> String {
        js_sys::JSON::stringify(self)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_default()
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl JsonValue for serde_json::Value {
    fn member(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }
    fn is_null(&self) -> bool {
        serde_json::Value::is_null(self)
    }
    fn is_object(&self) -> bool {
        serde_json::Value::is_object(self)
    }
    fn string(&self) -> Option<String> {
        self.as_str().map(str::to_string)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn items(&self) -> Option<Vec<Self>> {
        self.as_array().cloned()
    }
    fn to_text(&self) -> String {
        self.to_string()
    }
}

/// The members of an object, read field by field with the rules above.
pub struct Fields<'a, J>(&'a J);

impl<'a, J: JsonValue> Fields<'a, J> {
    pub fn of(value: &'a J) -> Result<Self, DecodeError> {
        if value.is_object() {
            Ok(Fields(value))
        } else {
            Err("invalid type: expected an object".into())
        }
    }

    /// The member `key` unless it is absent or `null`.
    fn present(&self, key: &str) -> Option<J> {
        self.0.member(key).filter(|v| !v.is_null())
    }

    fn required(&self, key: &str) -> Result<J, DecodeError> {
        self.present(key)
            .ok_or_else(|| format!("missing field `{key}`"))
    }

    pub fn string(&self, key: &str) -> Result<String, DecodeError> {
        string(&self.required(key)?, key)
    }

    pub fn opt_string(&self, key: &str) -> Result<Option<String>, DecodeError> {
        self.present(key).map(|v| string(&v, key)).transpose()
    }

    pub fn slug(&self, key: &str) -> Result<String, DecodeError> {
        let slug = self.string(key)?;
        if crate::urls::is_valid_slug(&slug) {
            Ok(slug)
        } else {
            Err(format!("invalid slug in `{key}`"))
        }
    }

    pub fn opt<T: FromJson>(&self, key: &str) -> Result<Option<T>, DecodeError> {
        self.present(key)
            .map(|v| T::from_json(&v).map_err(|e| format!("{key}: {e}")))
            .transpose()
    }

    /// Absent or `null` is `T`'s default; anything else must decode.
    pub fn or_default<T: FromJson + Default>(&self, key: &str) -> Result<T, DecodeError> {
        Ok(self.opt(key)?.unwrap_or_default())
    }

    /// An extra shown when it makes sense: whatever does not decode is `T`'s
    /// default.
    pub fn lenient<T: FromJson + Default>(&self, key: &str) -> T {
        self.opt(key).ok().flatten().unwrap_or_default()
    }

    pub fn flag(&self, key: &str) -> Result<bool, DecodeError> {
        match self.present(key) {
            None => Ok(false),
            Some(v) => v
                .boolean()
                .ok_or_else(|| format!("invalid type: `{key}` is not a boolean")),
        }
    }

    pub fn count(&self, key: &str) -> Result<u64, DecodeError> {
        count(&self.required(key)?, key)
    }

    pub fn opt_count(&self, key: &str) -> Result<Option<u64>, DecodeError> {
        self.present(key).map(|v| count(&v, key)).transpose()
    }

    /// A list whose every entry must decode (absent or `null`: empty).
    pub fn list<T: FromJson>(&self, key: &str) -> Result<Vec<T>, DecodeError> {
        Ok(self.opt::<Vec<T>>(key)?.unwrap_or_default())
    }

    /// A required list in which entries that do not decode are left out.
    pub fn list_skipping_broken<T: FromJson>(&self, key: &str) -> Result<Vec<T>, DecodeError> {
        let value = self.required(key)?;
        Ok(entries(&value, key)?
            .iter()
            .filter_map(|entry| T::from_json(entry).ok())
            .collect())
    }
}

/// A list whose every entry must decode.
impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        value
            .items()
            .ok_or("invalid type: expected a list")?
            .iter()
            .map(T::from_json)
            .collect()
    }
}

fn string(value: &impl JsonValue, key: &str) -> Result<String, DecodeError> {
    value
        .string()
        .ok_or_else(|| format!("invalid type: `{key}` is not a string"))
}

fn entries<J: JsonValue>(value: &J, key: &str) -> Result<Vec<J>, DecodeError> {
    value
        .items()
        .ok_or_else(|| format!("invalid type: `{key}` is not a list"))
}

/// The largest integer a JSON number read by a browser holds exactly.
const MAX_COUNT: f64 = 9_007_199_254_740_991.0;

/// A count: an integer from 0 to 2^53 - 1.
fn count(value: &impl JsonValue, key: &str) -> Result<u64, DecodeError> {
    value
        .number()
        .filter(|n| n.fract() == 0.0 && (0.0..=MAX_COUNT).contains(n))
        .map(|n| n as u64)
        .ok_or_else(|| format!("invalid type: `{key}` is not a count"))
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// What the browser reads, natively too.
    #[test]
    fn lone_surrogates_read_as_the_replacement_character() {
        let cases = [
            (r#"{"a":"x\ud800y"}"#, "x\u{FFFD}y"),
            (r#"{"a":"\udc00"}"#, "\u{FFFD}"),
            (r#"{"a":"\ud83d\ude00"}"#, "\u{1F600}"),
            (r#"{"a":"\ud83d\ud83d\ude00"}"#, "\u{FFFD}\u{1F600}"),
            (r#"{"a":"\\ud800"}"#, "\\ud800"),
            (r#"{"a":"\"\ud800"}"#, "\"\u{FFFD}"),
            (r#"{"a":"\ud800\n"}"#, "\u{FFFD}\n"),
        ];
        for (text, want) in cases {
            let value = parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(value["a"], want, "{text}");
        }
        assert!(matches!(
            lone_surrogates_replaced(r#"{"a":"x"}"#),
            std::borrow::Cow::Borrowed(_)
        ));
        // Outside a string it is not an escape: the document stays invalid.
        assert!(parse(r#"{"a":1}\ud800"#).is_err());
    }

    /// `JSON.parse` takes numbers past `f64`'s range
    /// (as Infinity) and nesting deeper than serde_json's 128 levels.
    #[test]
    fn what_json_parse_takes_is_taken_natively_too() {
        let value = parse(r#"{"views":1e400,"n":-1E+999,"s":"1e400","ok":12.5e1}"#).unwrap();
        assert_eq!(value["views"], f64::MAX);
        assert_eq!(value["n"], -f64::MAX);
        assert_eq!(value["s"], "1e400", "a string is left as it is");
        assert_eq!(value["ok"], 125.0);
        let deep = format!("{{\"a\":{}1{}}}", "[".repeat(500), "]".repeat(500));
        assert!(parse(&deep).is_ok(), "500 levels");
        let deeper = format!("{}{}", "[".repeat(1_001), "]".repeat(1_001));
        assert!(parse(&deeper).unwrap_err().contains("deeper than 1000"));
        // A count of Infinity is no count, in the browser and here.
        let article: crate::api::Article = crate::api::decode_text(
            r#"{"slug":"a","title":"t","published_at":"2026-11-26","body_html":"","views":1e400}"#,
        )
        .unwrap();
        assert_eq!(article.views, None);
    }
}
