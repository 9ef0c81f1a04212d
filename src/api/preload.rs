//! What a page already carries. A pre-rendered page embeds the endpoint
//! documents it was rendered from (and the related and neighbouring articles
//! it found), so the app's first render uses them instead of fetching, shows
//! exactly what the page showed, and then refreshes them quietly.
//!
//! The embedded form, in `<script type="application/json" id="portal-data">`:
//!
//! ```text
//! {"documents": [["site.json", {...}], ["articles/x.json", {...}]],
//!  "related": [summary, ...], "newer": summary | null, "older": summary | null}
//! ```
//!
//! Documents are keyed by their path under the endpoint, so a page rendered
//! against one address of the endpoint works when deployed at another. The
//! page writes it through [`crate::escape::json_in_script`].

use std::sync::{Arc, Mutex};

use super::decode::{decode, DecodeError, Fields, FromJson, JsonValue};
use super::{json_string, ArticleSummary, Endpoint};

/// The embedded documents and extras, for the first render only.
#[derive(Clone, Default)]
pub struct Preloaded {
    inner: Arc<Mutex<Option<PageData>>>,
    /// The endpoint base the paths are relative to.
    base: Arc<str>,
}

/// What a pre-rendered page embeds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageData {
    /// Document text by path under the endpoint. A list of pairs, not a
    /// map: a page carries a handful, and no hash map code reaches the wasm.
    pub documents: Vec<(String, String)>,
    /// The related articles the page shows, when it knew them.
    pub related: Option<Vec<ArticleSummary>>,
    pub newer: Option<ArticleSummary>,
    pub older: Option<ArticleSummary>,
}

impl FromJson for PageData {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        let f = Fields::of(value)?;
        Ok(PageData {
            documents: f.list("documents")?,
            related: f.opt("related")?,
            newer: f.opt("newer")?,
            older: f.opt("older")?,
        })
    }
}

/// A document as the page embeds it: `[path, document]`, kept as JSON text
/// (what the loaders take, as if fetched).
impl FromJson for (String, String) {
    fn from_json(value: &impl JsonValue) -> Result<Self, DecodeError> {
        match value.items().as_deref() {
            Some([path, document]) => Ok((
                path.string()
                    .ok_or("invalid type: a document path is not a string")?,
                document.to_text(),
            )),
            _ => Err("invalid type: a document is not a [path, document] pair".into()),
        }
    }
}

impl PageData {
    /// Adds (or replaces) the document at `path`.
    pub fn insert(&mut self, path: &str, text: String) {
        self.documents.retain(|(p, _)| p != path);
        self.documents.push((path.to_string(), text));
    }

    /// The embedded form (see the module documentation).
    pub fn to_json(&self) -> String {
        let mut documents: Vec<&(String, String)> = self.documents.iter().collect();
        documents.sort();
        let documents: Vec<String> = documents
            .into_iter()
            .map(|(path, text)| format!("[{},{text}]", json_string(path)))
            .collect();
        let summary = |s: &Option<ArticleSummary>| s.as_ref().map_or("null".into(), summary_json);
        let related = self.related.as_ref().map_or("null".into(), |list| {
            format!(
                "[{}]",
                list.iter().map(summary_json).collect::<Vec<_>>().join(",")
            )
        });
        format!(
            "{{\"documents\":[{}],\"related\":{related},\"newer\":{},\"older\":{}}}",
            documents.join(","),
            summary(&self.newer),
            summary(&self.older)
        )
    }
}

/// The fields of a summary the related and neighbour links show.
fn summary_json(s: &ArticleSummary) -> String {
    super::json_object(&[
        ("slug", json_string(&s.slug)),
        ("title", json_string(&s.title)),
        ("published_at", json_string(&s.published_at)),
    ])
}

impl Preloaded {
    /// What the page embeds, for documents of `endpoint`.
    pub fn new(data: Option<PageData>, endpoint: &Endpoint) -> Self {
        Self {
            inner: Arc::new(Mutex::new(data)),
            base: endpoint.base().into(),
        }
    }

    /// Reads the page's embedded data, if it has any (`text` is the content
    /// of its data script); malformed data counts as none.
    pub fn from_embedded(text: Option<String>, endpoint: &Endpoint) -> Self {
        let data = text.and_then(|t| super::decode_text(&t).ok());
        Self::new(data, endpoint)
    }

    /// The embedded text of the document at the absolute `url`, if any.
    pub fn document(&self, url: &str) -> Option<String> {
        let path = url.strip_prefix(&*self.base)?;
        self.with(|data| {
            let (_, text) = data.documents.iter().find(|(p, _)| p == path)?;
            Some(text.clone())
        })
    }

    /// The embedded document at `url`, decoded (`None` if absent or broken).
    pub fn decoded<T: FromJson>(&self, url: &str) -> Option<T> {
        decode(url, &self.document(url)?).ok()
    }

    /// The related articles, newer and older, as the page showed them.
    pub fn extras(&self) -> Option<PageData> {
        self.with(|data| {
            Some(PageData {
                documents: Vec::new(),
                ..data.clone()
            })
        })
    }

    /// Forgets everything: only the first render may use embedded data; a
    /// later page fetches what it needs.
    pub fn clear(&self) {
        if let Ok(mut inner) = self.inner.lock() {
            *inner = None;
        }
    }

    fn with<R>(&self, f: impl FnOnce(&PageData) -> Option<R>) -> Option<R> {
        f(self.inner.lock().ok()?.as_ref()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(slug: &str) -> ArticleSummary {
        crate::api::decode_text(&format!(
            r#"{{"slug":"{slug}","title":"Tin </script> {slug}","published_at":"2026-11-26"}}"#
        ))
        .unwrap()
    }

    #[test]
    fn the_embedded_form_reads_back_from_a_script() {
        let data = PageData {
            documents: vec![
                (
                    "site.json".to_string(),
                    r#"{"name":"<!--</script>"}"#.to_string(),
                ),
                ("articles/a.json".to_string(), r#"{"x":1}"#.to_string()),
            ],
            related: Some(vec![summary("b")]),
            newer: None,
            older: Some(summary("c")),
        };
        let json = crate::escape::json_in_script(&data.to_json());
        assert!(!json.contains('<'), "{json}");
        let back: PageData = crate::api::decode_text(&json).unwrap();
        assert_eq!(back.related, data.related);
        assert_eq!(back.older, data.older);
        let site: serde_json::Value = serde_json::from_str(&back.documents[1].1).unwrap();
        assert_eq!(back.documents[1].0, "site.json", "sorted by path");
        assert_eq!(site["name"], "<!--</script>");
    }

    #[test]
    fn documents_are_found_under_the_endpoint_and_only_until_cleared() {
        let endpoint = Endpoint::new("https://cms.example.vn/api/".into());
        let data = PageData {
            documents: vec![("site.json".to_string(), "{}".to_string())],
            ..PageData::default()
        };
        let preloaded = Preloaded::new(Some(data), &endpoint);
        assert_eq!(
            preloaded
                .document("https://cms.example.vn/api/site.json")
                .as_deref(),
            Some("{}")
        );
        assert_eq!(
            preloaded.document("https://other.example/api/site.json"),
            None
        );
        preloaded.clear();
        assert_eq!(
            preloaded.document("https://cms.example.vn/api/site.json"),
            None
        );
        assert_eq!(
            Preloaded::from_embedded(Some("not json".into()), &endpoint).document("x"),
            None
        );
    }
}
