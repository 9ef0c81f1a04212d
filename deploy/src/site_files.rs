//! The files a crawler or a feed reader looks for next to the pages:
//! `sitemap.xml`, `robots.txt`, and Atom feeds for the site and each
//! category. Pure functions over the summaries; absolute URLs throughout,
//! from `site.json`'s `site_url` and the base path. Every value is written
//! through [`xml`], every date from its parsed parts ([`rfc3339`]).

use std::collections::{HashMap, HashSet};

use portal_reader::api::{ArticleSummary, Site};
use portal_reader::escape::xml;
use portal_reader::urls::routes;

use crate::dates::rfc3339;

/// One article as the files list it.
pub struct Entry<'a> {
    pub summary: &'a ArticleSummary,
    /// `updated_at` of the article, when its document gave one.
    pub updated_at: Option<&'a str>,
}

/// `sitemap.xml`: `pages` are (absolute URL, last modified).
pub fn sitemap(pages: &[(String, Option<String>)]) -> String {
    sitemap_file("urlset", "url", pages)
}

/// A sitemap file: `entries` (absolute URL, last modified) as `item`
/// elements of a `root` element of the sitemap protocol.
fn sitemap_file(root: &str, item: &str, entries: &[(String, Option<String>)]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
    );
    for (url, modified) in entries {
        out.push_str(&format!("  <{item}><loc>{}</loc>", xml(url)));
        if let Some(modified) = modified {
            out.push_str(&format!("<lastmod>{}</lastmod>", xml(modified)));
        }
        out.push_str(&format!("</{item}>\n"));
    }
    out.push_str(&format!("</{root}>\n"));
    out
}

/// URLs one sitemap file may list: the protocol's limit.
pub const SITEMAP_LIMIT: usize = 50_000;
/// The files of a sitemap too large for one: the portal's own pages, and
/// the articles' in parts.
const PORTAL_PART: &str = "sitemap-portal.xml";
const ARTICLES_PART: &str = "sitemap-articles-";

/// A sitemap index (`sitemap.xml` when the URLs are more than one file may
/// list): `parts` are (absolute URL of a sitemap file, its newest date).
pub fn sitemap_index(parts: &[(String, Option<String>)]) -> String {
    sitemap_file("sitemapindex", "sitemap", parts)
}

/// The articles' pages in parts of at most `limit`, each article in the
/// part a hash of its address names: a part changes only when one of its
/// own articles does (not when an article is added anywhere before it).
/// The number of parts is a power of two, doubled until none is too full.
pub fn article_parts(
    pages: Vec<(String, Option<String>)>,
    limit: usize,
) -> Vec<Vec<(String, Option<String>)>> {
    let limit = limit.max(1);
    let mut count = pages.len().div_ceil(limit).next_power_of_two();
    loop {
        let mut loads = vec![0usize; count];
        for (url, _) in &pages {
            loads[part_of(url, count)] += 1;
        }
        if loads.iter().all(|&load| load <= limit) || count >= pages.len() {
            break;
        }
        count *= 2;
    }
    let mut parts = vec![Vec::new(); count];
    for page in pages {
        parts[part_of(&page.0, count)].push(page);
    }
    parts
}

/// FNV-1a of the address: the same part on every run and machine.
fn part_of(url: &str, count: usize) -> usize {
    let hash = url.bytes().fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    (hash % count as u64) as usize
}

/// The sitemap parts a run wrote at the root of `dist` (those the next run
/// does not write again are removed).
pub fn sitemap_parts_in(dist: &std::path::Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dist) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| {
            name == PORTAL_PART || (name.starts_with(ARTICLES_PART) && name.ends_with(".xml"))
        })
        .collect()
}

/// `robots.txt`: everything may be crawled; where the sitemap is.
pub fn robots(sitemap_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap_url}\n")
}

/// What an Atom feed is about.
pub struct Feed<'a> {
    pub title: &'a str,
    pub lang: &'a str,
    /// The page the feed follows (home or a category).
    pub page_url: &'a str,
    pub feed_url: &'a str,
    /// The portal, author of whatever names no author.
    pub site_name: &'a str,
}

/// An Atom feed (RFC 4287) of `entries`, newest first; `url_of` gives an
/// article's address, `category_name` a category's name.
pub fn atom(
    feed: &Feed,
    entries: &[Entry],
    url_of: impl Fn(&str) -> String,
    category_name: impl Fn(&str) -> Option<String>,
) -> String {
    let dated: Vec<(&Entry, String, String)> = entries
        .iter()
        .filter_map(|e| {
            let published = rfc3339(&e.summary.published_at)?;
            let updated = e
                .updated_at
                .and_then(rfc3339)
                .unwrap_or_else(|| published.clone());
            Some((e, published, updated))
        })
        .collect();
    let updated = dated
        .iter()
        .map(|(_, _, u)| u.clone())
        .max()
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".into());
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n  <updated>{updated}</updated>\n  <author><name>{}</name></author>\n",
        xml(feed.lang),
        xml(feed.title),
        xml(feed.page_url),
        xml(feed.page_url),
        xml(feed.feed_url),
        xml(feed.site_name),
    );
    for (entry, published, updated) in dated {
        let s = entry.summary;
        let url = url_of(&s.slug);
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <published>{published}</published>\n    <updated>{updated}</updated>\n",
            xml(&s.title),
            xml(&url),
            xml(&url)
        ));
        if let Some(author) = &s.author {
            out.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                xml(author)
            ));
        }
        if let Some(category) = &s.category {
            let label = category_name(category).unwrap_or_else(|| category.clone());
            out.push_str(&format!(
                "    <category term=\"{}\" label=\"{}\"/>\n",
                xml(category),
                xml(&label)
            ));
        }
        if let Some(summary) = &s.summary {
            out.push_str(&format!("    <summary>{}</summary>\n", xml(summary)));
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

/// What a run writes beside the pages, for the articles that have one.
pub struct SiteFiles<'a> {
    pub site: &'a Site,
    /// Every summary, newest first.
    pub summaries: &'a [ArticleSummary],
    /// The public origin and the base path (`https://a.vn`, `/tin`).
    pub public: &'a str,
    pub base: &'a str,
    /// `updated_at` of each article, as RFC 3339.
    pub updated: &'a HashMap<String, String>,
    /// The articles that have a page.
    pub with_page: &'a HashSet<String>,
    pub lang: &'a str,
    /// URLs one sitemap file lists, at most ([`SITEMAP_LIMIT`]).
    pub sitemap_limit: usize,
}

/// Articles in a feed.
const FEED_LENGTH: usize = 20;

impl SiteFiles<'_> {
    /// `(file under the build, text)` of the sitemap, `robots.txt`, the
    /// site's feed and each category's.
    pub fn files(&self) -> Vec<(String, String)> {
        let (public, base, site) = (self.public, self.base, self.site);
        let summaries: Vec<&ArticleSummary> = self
            .summaries
            .iter()
            .filter(|s| self.with_page.contains(&s.slug))
            .collect();
        let article_url = |slug: &str| format!("{public}{}", routes::article(base, slug));
        let modified = |s: &ArticleSummary| {
            self.updated
                .get(&s.slug)
                .cloned()
                .or_else(|| rfc3339(&s.published_at))
        };
        let newest = |category: Option<&str>| {
            summaries
                .iter()
                .filter(|s| category.is_none_or(|c| s.is_in(c)))
                .filter_map(|s| modified(s))
                .max()
        };
        let mut pages = vec![(format!("{public}{}", routes::home(base)), newest(None))];
        for category in &site.categories {
            pages.push((
                format!("{public}{}", routes::category(base, &category.slug)),
                newest(Some(&category.slug)),
            ));
        }
        let articles: Vec<(String, Option<String>)> = summaries
            .iter()
            .map(|summary| (article_url(&summary.slug), modified(summary)))
            .collect();
        let mut files = Vec::new();
        if pages.len() + articles.len() <= self.sitemap_limit {
            pages.extend(articles);
            files.push(("sitemap.xml".to_string(), sitemap(&pages)));
        } else {
            let newest_of = |pages: &[(String, Option<String>)]| {
                pages.iter().filter_map(|(_, date)| date.clone()).max()
            };
            let mut index = vec![(format!("{public}{base}/{PORTAL_PART}"), newest_of(&pages))];
            files.push((PORTAL_PART.to_string(), sitemap(&pages)));
            for (n, part) in article_parts(articles, self.sitemap_limit)
                .into_iter()
                .enumerate()
                .filter(|(_, part)| !part.is_empty())
            {
                let file = format!("{ARTICLES_PART}{n}.xml");
                index.push((format!("{public}{base}/{file}"), newest_of(&part)));
                files.push((file, sitemap(&part)));
            }
            files.push(("sitemap.xml".to_string(), sitemap_index(&index)));
        }
        files.push((
            "robots.txt".to_string(),
            robots(&format!("{public}{base}/sitemap.xml")),
        ));

        let category_name = |slug: &str| site.category(slug).map(|c| c.name.clone());
        let entries = |category: Option<&str>| -> Vec<Entry> {
            summaries
                .iter()
                .filter(|s| category.is_none_or(|c| s.is_in(c)))
                .take(FEED_LENGTH)
                .map(|summary| Entry {
                    summary,
                    updated_at: self.updated.get(&summary.slug).map(String::as_str),
                })
                .collect()
        };
        let home = format!("{public}{}", routes::home(base));
        let feed_url = format!("{public}{base}/feed.xml");
        let site_feed = Feed {
            title: &site.name,
            lang: self.lang,
            page_url: &home,
            feed_url: &feed_url,
            site_name: &site.name,
        };
        files.push((
            "feed.xml".into(),
            atom(&site_feed, &entries(None), article_url, category_name),
        ));
        for category in &site.categories {
            let page_url = format!("{public}{}", routes::category(base, &category.slug));
            let feed_url = format!("{public}{base}/chuyen-muc/{}.xml", category.slug);
            let title = format!("{} – {}", category.name, site.name);
            let feed = Feed {
                title: &title,
                lang: self.lang,
                page_url: &page_url,
                feed_url: &feed_url,
                site_name: &site.name,
            };
            files.push((
                format!("chuyen-muc/{}.xml", category.slug),
                atom(
                    &feed,
                    &entries(Some(&category.slug)),
                    article_url,
                    category_name,
                ),
            ));
        }
        files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(slug: &str, title: &str, date: &str) -> ArticleSummary {
        ArticleSummary {
            slug: slug.into(),
            title: title.into(),
            published_at: date.into(),
            summary: Some("Tóm tắt <b>& \"trích\"</b>".into()),
            category: Some("thoi-su".into()),
            author: Some("Phạm Dung".into()),
            thumbnail: None,
            categories: Vec::new(),
        }
    }

    #[test]
    fn the_sitemap_is_well_formed_with_urls_and_dates() {
        let text = sitemap(&[
            (
                "https://a.vn/".into(),
                Some("2026-11-26T09:30:00+07:00".into()),
            ),
            ("https://a.vn/bai-viet/x?a=1&b=2".into(), None),
        ]);
        let doc = roxmltree::Document::parse(&text).unwrap();
        let locs: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("loc"))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(locs, ["https://a.vn/", "https://a.vn/bai-viet/x?a=1&b=2"]);
        assert_eq!(
            doc.descendants()
                .filter(|n| n.has_tag_name("lastmod"))
                .count(),
            1
        );
        assert!(robots("https://a.vn/sitemap.xml").contains("Sitemap: https://a.vn/sitemap.xml"));
    }

    #[test]
    fn article_parts_stay_under_the_limit_and_a_new_article_changes_one() {
        let pages: Vec<(String, Option<String>)> = (0..30)
            .map(|i| (format!("https://a.vn/bai-viet/bai-{i}"), None))
            .collect();
        let parts = article_parts(pages.clone(), 10);
        assert_eq!(parts.len(), 4);
        assert!(parts.iter().all(|part| part.len() <= 10), "{parts:?}");
        let mut all: Vec<&String> = parts.iter().flatten().map(|(url, _)| url).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), 30);
        let mut more = pages;
        more.insert(0, ("https://a.vn/bai-viet/moi".into(), None));
        let after = article_parts(more, 10);
        assert_eq!(after.len(), 4);
        let changed = parts.iter().zip(&after).filter(|(a, b)| a != b).count();
        assert_eq!(changed, 1);
        let index = sitemap_index(&[(
            "https://a.vn/sitemap-portal.xml".into(),
            Some("2026-11-26T09:30:00+07:00".into()),
        )]);
        let doc = roxmltree::Document::parse(&index).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), "sitemapindex");
        assert_eq!(
            doc.descendants().filter(|n| n.has_tag_name("loc")).count(),
            1
        );
    }

    #[test]
    fn the_feed_is_atom_with_every_required_element() {
        let items = [
            summary("a", "Tin <một> & \u{1}hai", "2026-11-26T09:30:00+07:00"),
            summary("b", "Không ngày", "hôm qua"),
        ];
        let entries: Vec<Entry> = items
            .iter()
            .map(|summary| Entry {
                summary,
                updated_at: None,
            })
            .collect();
        let text = atom(
            &Feed {
                title: "Cổng",
                lang: "vi",
                page_url: "https://a.vn/",
                feed_url: "https://a.vn/feed.xml",
                site_name: "Cổng",
            },
            &entries,
            |slug| format!("https://a.vn/bai-viet/{slug}"),
            |_| Some("Thời sự".into()),
        );
        let doc = roxmltree::Document::parse(&text).unwrap();
        let root = doc.root_element();
        assert_eq!(
            root.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        for required in ["id", "title", "updated"] {
            assert!(
                root.children().any(|n| n.has_tag_name(required)),
                "feed {required}"
            );
        }
        let entries: Vec<_> = root
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .collect();
        assert_eq!(entries.len(), 1, "an entry without a date is left out");
        for required in ["id", "title", "updated", "link"] {
            assert!(
                entries[0].children().any(|n| n.has_tag_name(required)),
                "entry {required}"
            );
        }
        let title = entries[0]
            .children()
            .find(|n| n.has_tag_name("title"))
            .unwrap();
        assert_eq!(title.text(), Some("Tin <một> & hai"));
    }
}
