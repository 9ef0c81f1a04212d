//! What the search index is built from: one record per pre-rendered
//! article, kept in `dist/.deploy/records/<slug>.json` ([`crate::state`])
//! and written only when its page is, each change listed for
//! `.tools/search-index.mjs`, which updates the index from them (see
//! `portal_reader::search` and docs/search.md).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use portal_reader::api::{Article, Category};
use portal_reader::sanitize::html::plain_text;

use crate::state::{self, SearchChanges};
use crate::writer::write_atomically;

/// An article's record: its summary fields as the results page shows them
/// (`meta`: read back as an `ArticleSummary`), and everything a reader may
/// search for (title, summary, body text, tags, category name) as the
/// indexed `content`.
pub fn record(article: &Article, categories: &[Category]) -> String {
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
    serde_json::json!({
        "slug": article.slug,
        "title": article.title,
        "published_at": article.published_at,
        "category": category,
        "content": content,
    })
    .to_string()
}

/// The records of a build, and the list of their changes.
pub struct Records {
    dist: PathBuf,
    changes: SearchChanges,
    /// Records written this run.
    pub written: usize,
}

impl Records {
    /// The build's records; `all`: every article's is to be written again
    /// (no run before, or its state is lost), and the index built whole.
    pub fn open(dist: &Path, all: bool) -> Result<Records, String> {
        let mut changes = SearchChanges::open(dist)?;
        if all {
            changes.all()?;
        }
        Ok(Records {
            dist: dist.to_path_buf(),
            changes,
            written: 0,
        })
    }

    /// Writes the record of `article` and lists it as changed, unless it
    /// holds exactly that already (a page is rendered again for its
    /// neighbours, its record is not).
    pub fn write(&mut self, article: &Article, categories: &[Category]) -> Result<(), String> {
        let path = state::record_path(&self.dist, &article.slug);
        let text = record(article, categories);
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            return Ok(());
        }
        // Listed first: a run that stops in between lists a record that did
        // not change, never changes a record the index is not told of.
        self.changes.written(&article.slug)?;
        write_atomically(&path, text.as_bytes())?;
        self.written += 1;
        Ok(())
    }

    /// Whether `slug` has a record.
    pub fn has(&self, slug: &str) -> bool {
        state::record_path(&self.dist, slug).is_file()
    }

    /// Removes the records of articles not in `kept`, each listed as gone;
    /// how many there were.
    pub fn remove_all_but(&mut self, kept: &HashSet<String>) -> Result<usize, String> {
        let mut removed = 0;
        for slug in state::recorded_slugs(&self.dist) {
            if !kept.contains(&slug) {
                let path = state::record_path(&self.dist, &slug);
                self.changes.gone(&slug)?;
                std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                removed += 1;
            }
        }
        Ok(removed)
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
        let line: serde_json::Value = serde_json::from_str(&record(&article, &categories)).unwrap();
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
