//! An article's body as the endpoint carries it: NukeViet's `bodyhtml`
//! with every reference to the portal's own files (`/uploads/news/…` images,
//! attached documents) pointing where the endpoint has them. The HTML is
//! read by a parser and written back from its tree, nothing searched in the
//! text; what else it holds is left for the sanitiser that every body goes
//! through where it is shown (in the browser and in the pre-render alike):
//! the importer trusts the CMS no more than the app does.

use html5ever::serialize::{serialize, SerializeOpts, TraversalScope};
use html5ever::tendril::TendrilSink;
use html5ever::{parse_document, ParseOpts};
use markup5ever_rcdom::{Handle, NodeData, RcDom, SerializableHandle};

use crate::files::{site_path, Placed, Placer};

/// A body longer than this is not imported: the app refuses documents over
/// 5 MB, and no editor writes a 4 MB article.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Where the references of a body are resolved.
pub struct Site<'a> {
    /// The old portal's address (ending in `/`): what a root-relative
    /// `/uploads/…` meant there.
    pub url: &'a str,
    /// Its origins (`https://laichau.gov.vn`, the `--files` URL's).
    pub origins: &'a [String],
    /// Where the endpoint will be public (ending in `/`). An image's
    /// address is relative to the endpoint, as the contract has it; a
    /// link's is resolved against the page by the sanitiser, so a link to
    /// a copied file (an attached PDF) is made absolute on the endpoint.
    pub endpoint: &'a str,
}

/// The body with the portal's files placed; `problems` gets one line for
/// each file that could not be (the reference is then made absolute on the
/// old site, where it may still be).
pub fn rewrite(html: &str, site: &Site, placer: &mut Placer, problems: &mut Vec<String>) -> String {
    let opts = ParseOpts::default();
    let dom = parse_document(RcDom::default(), opts).one(html);
    let mut stack = vec![dom.document.clone()];
    while let Some(node) = stack.pop() {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let wanted = match &*name.local {
                "img" => Some("src"),
                "a" => Some("href"),
                _ => None,
            };
            if let Some(wanted) = wanted {
                for attr in attrs.borrow_mut().iter_mut() {
                    if &*attr.name.local != wanted || !attr.name.ns.is_empty() {
                        continue;
                    }
                    let Some(path) = site_path(&attr.value, site.url, site.origins) else {
                        continue;
                    };
                    let url = match placer.place(&path) {
                        Ok(Placed::Copied(relative)) if wanted == "href" => {
                            format!("{}{relative}", site.endpoint)
                        }
                        Ok(placed) => placed.url().to_string(),
                        Err(problem) => {
                            problems.push(problem);
                            format!("{}{}", site.url, path.url_path())
                        }
                    };
                    attr.value = url.into();
                }
            }
        }
        stack.extend(node.children.borrow().iter().cloned());
    }
    let mut out = Vec::new();
    for root in dom.document.children.borrow().iter() {
        if let NodeData::Element { .. } = root.data {
            for part in root.children.borrow().iter() {
                write_children(part, &mut out);
            }
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The children of `<head>` or `<body>`, as HTML.
fn write_children(node: &Handle, out: &mut Vec<u8>) {
    let handle: SerializableHandle = node.clone().into();
    let opts = SerializeOpts {
        traversal_scope: TraversalScope::ChildrenOnly(None),
        ..SerializeOpts::default()
    };
    // Writing into a Vec cannot fail.
    let _ = serialize(out, &handle, opts);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::Files;

    fn run(html: &str) -> (String, Vec<String>) {
        let origins = vec!["https://laichau.gov.vn".to_string()];
        let site = Site {
            url: "https://laichau.gov.vn/",
            origins: &origins,
            endpoint: "https://laichau.gov.vn/api/",
        };
        let mut placer = Placer::new(
            Files::Url("https://anh.laichau.gov.vn/".into()),
            std::path::Path::new("/nonexistent"),
        );
        let mut problems = Vec::new();
        (rewrite(html, &site, &mut placer, &mut problems), problems)
    }

    #[test]
    fn the_portals_files_are_placed_and_the_rest_left_to_the_sanitiser() {
        let (out, problems) = run(concat!(
            "<p style=\"text-align: center;\"><img alt=\"Đại biểu\" src=\"/uploads/news/2024_05/a.jpg\" style=\"width: 600px\"></p>",
            "<p><a href=\"/uploads/news/nq.pdf\">Nghị quyết</a> <a href=\"https://other.vn/uploads/x.jpg\">x</a></p>",
            "<script>alert(1)</script><img src=\"/uploads/../etc/passwd\">"
        ));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            out.contains("src=\"https://anh.laichau.gov.vn/uploads/news/2024_05/a.jpg\""),
            "{out}"
        );
        assert!(
            out.contains("href=\"https://anh.laichau.gov.vn/uploads/news/nq.pdf\""),
            "{out}"
        );
        assert!(
            out.contains("href=\"https://other.vn/uploads/x.jpg\""),
            "{out}"
        );
        // Not the portal's: left as it was, for the sanitiser and the gate.
        assert!(out.contains("src=\"/uploads/../etc/passwd\""), "{out}");
        assert!(out.contains("style=\"text-align: center;\""), "{out}");
        assert!(out.contains("<script>alert(1)</script>"), "{out}");
        assert!(out.starts_with("<p "), "{out}");
    }

    #[test]
    fn text_and_attributes_are_written_back_escaped() {
        let (out, _) = run("<p title='a\"b'>x &lt;y&gt; &amp; z</p>");
        assert_eq!(out, "<p title=\"a&quot;b\">x &lt;y&gt; &amp; z</p>");
    }
}
