//! What the search index is built from: one record per pre-rendered
//! article, written as JSON lines for `.tools/search-index.mjs`, which
//! writes the index (see `portal_reader::search` and docs/search.md).

use std::io::Write;

use portal_reader::api::{Article, Category};
use portal_reader::sanitize::html::plain_text;

/// The records of one run, one JSON object per line, written as they come
/// (a run holds none of them in memory).
pub struct Records<W: Write> {
    out: W,
    count: usize,
    failed: Option<std::io::Error>,
}

impl<W: Write> Records<W> {
    pub fn new(out: W) -> Self {
        Records {
            out,
            count: 0,
            failed: None,
        }
    }

    /// Adds `article`: its summary fields as the results page shows them
    /// (`meta`: read back as an `ArticleSummary`), and everything a reader
    /// may search for (title, summary, body text, tags, category name) as
    /// the indexed `content`.
    pub fn add(&mut self, article: &Article, categories: &[Category]) {
        let category = article.category.as_deref();
        let category_name = categories
            .iter()
            .find(|c| Some(c.slug.as_str()) == category)
            .map(|c| c.name.as_str());
        let content = [
            Some(article.title.as_str()),
            article.summary.as_deref(),
            Some(&plain_text(&article.body_html)),
            Some(&article.tags.join(", ")),
            category_name,
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .fold(String::new(), |mut content, part| {
            // Parts read as sentences in an excerpt: a stop between them
            // unless one is there.
            if !content.is_empty() {
                if !content.ends_with(['.', '!', '?', '…', ':']) {
                    content.push('.');
                }
                content.push(' ');
            }
            content.push_str(part);
            content
        });
        let record = serde_json::json!({
            "slug": article.slug,
            "title": article.title,
            "published_at": article.published_at,
            "category": category,
            "content": content,
        });
        if self.failed.is_none() {
            match writeln!(self.out, "{record}") {
                Ok(()) => self.count += 1,
                Err(error) => self.failed = Some(error),
            }
        }
    }

    /// The writer, flushed, and how many records it got.
    pub fn finish(mut self) -> std::io::Result<(W, usize)> {
        if let Some(error) = self.failed {
            return Err(error);
        }
        self.out.flush()?;
        Ok((self.out, self.count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use portal_reader::api::decode_text;

    #[test]
    fn a_record_carries_the_summary_and_the_searchable_text() {
        let article: Article = decode_text(
            r#"{"slug":"dang-bo","title":"Đảng bộ xã họp","published_at":"2026-11-20","category":"thoi-su",
                "summary":"Tóm tắt","body_html":"<p>Bàn về <b>đường</b> giao thông</p><script>x</script>","tags":["giao thông"]}"#,
        )
        .unwrap();
        let categories = [Category {
            slug: "thoi-su".into(),
            name: "Thời sự".into(),
        }];
        let mut records = Records::new(Vec::new());
        records.add(&article, &categories);
        let (bytes, count) = records.finish().unwrap();
        assert_eq!(count, 1);
        let line: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(line["slug"], "dang-bo");
        assert_eq!(line["title"], "Đảng bộ xã họp");
        assert_eq!(line["category"], "thoi-su");
        assert_eq!(
            line["content"],
            "Đảng bộ xã họp. Tóm tắt. Bàn về đường giao thông. giao thông. Thời sự"
        );
        // What the results page reads back from it.
        let hit: portal_reader::search::Hit =
            decode_text(&serde_json::json!({ "meta": line, "excerpt": "" }).to_string()).unwrap();
        assert_eq!(hit.article.title, "Đảng bộ xã họp");
    }
}
