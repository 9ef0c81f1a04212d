//! The deploy-time pre-render: every route written as a real HTML page into
//! a built `dist/`, by the app's own views (Leptos `ssr`), so readers see the
//! article before the wasm arrives, link previews and search engines find
//! each page's own head, and every route answers 200 on a static host.
//!
//! ```text
//! scripts/prerender DIST [API]      (API: a directory or an http(s) URL;
//!                                    default: the endpoint the build names)
//! ```
//!
//! For the home page, each category and each article of the `articles*.json`
//! pages it writes `index.html`, `chuyen-muc/{slug}.html` and
//! `bai-viet/{slug}.html` (served at `/chuyen-muc/{slug}` and
//! `/bai-viet/{slug}` by hosts that try `.html`: see the README), each with
//! the documents it was rendered from embedded for the app's takeover, then
//! `sitemap.xml`, `robots.txt` and Atom feeds. A page whose HTML would not
//! change is not written again, and pages of articles and categories the
//! endpoint no longer has are removed (`bai-viet/` and `chuyen-muc/` belong
//! to the pre-render: the build puts nothing there). The shell, `404.html`,
//! is the template and is left as it is: routes that are not pre-rendered
//! work as before.

pub mod page;
pub mod render;
pub mod search_records;
pub mod site_files;
pub mod source;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::api::FromJson;

use crate::api::{Article, ArticleList, ArticleSummary, PageData, Site};
use crate::env::AppEnv;
use crate::i18n::Lang;
use crate::pages::related::{related_slugs, Neighbours, MAX_LIST_PAGES};
use crate::urls::{origin_of, routes};
use page::{feed_link, Template, PLACEHOLDER_ORIGIN};
use render::render;
use site_files::{atom, rfc3339, robots, sitemap, Entry, Feed};
use source::Source;

/// How many summaries a category page starts with: [`crate::pages`]'s
/// category feed wants as many before "Xem thêm".
const CATEGORY_FIRST_BATCH: usize = 6;
/// The search records of the last run, in `dist/` until the index is built.
pub const SEARCH_RECORDS: &str = ".search-records.jsonl";
/// Articles in a feed.
const FEED_LENGTH: usize = 20;

/// Runs the command line; returns the exit status.
pub fn cli(args: Vec<String>) -> i32 {
    let (dist, api) = match args.as_slice() {
        [dist] => (dist, None),
        [dist, api] => (dist, Some(api.as_str())),
        _ => {
            eprintln!("usage: prerender DIST [API]   (API: a directory or an http(s) URL)");
            return 2;
        }
    };
    match run(Path::new(dist), api) {
        Ok(report) => {
            println!("{report}");
            0
        }
        Err(error) => {
            eprintln!("prerender: {error}");
            1
        }
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub written: usize,
    /// Pages (and category feeds) of a previous run the endpoint no longer has.
    pub removed: usize,
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
    pub seconds: f64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for warning in &self.warnings {
            writeln!(f, "prerender: warning: {warning}")?;
        }
        for skipped in &self.skipped {
            writeln!(f, "prerender: skipped {skipped}")?;
        }
        write!(
            f,
            "prerender: {} pages in {:.1} s ({} written, {} unchanged, {} removed)",
            self.pages,
            self.seconds,
            self.written,
            self.pages - self.written,
            self.removed
        )
    }
}

/// The endpoint as read: its documents by path, and what they say.
struct Endpoint {
    source: Source,
    site_text: String,
    site: Site,
    stats_text: Option<String>,
    /// List pages in order: path under the endpoint, text, decoded.
    lists: Vec<(String, String, ArticleList)>,
    /// Every summary once, newest first.
    summaries: Vec<ArticleSummary>,
}

/// Pre-renders `dist` against `api` (or the endpoint the build names).
pub fn run(dist: &Path, api: Option<&str>) -> Result<Report, String> {
    let started = Instant::now();
    let shell = std::fs::read_to_string(dist.join("404.html")).map_err(|e| {
        format!(
            "{}: {e} (a trunk build first)",
            dist.join("404.html").display()
        )
    })?;
    let template = Template::new(shell)?;
    let meta = template.api_meta.clone().unwrap_or_else(|| "api/".into());
    let env = AppEnv::new(
        &format!("{PLACEHOLDER_ORIGIN}{}", template.base_path),
        Some(&meta),
    );
    let source = match api {
        Some(api) => Source::parse(api),
        None if meta.starts_with("http://") || meta.starts_with("https://") => Source::parse(&meta),
        None => Source::Dir(dist.join(meta.trim_start_matches("./"))),
    };
    let endpoint = read_endpoint(source, &env)?;
    let mut report = Report::default();
    let public = endpoint
        .site
        .site_url
        .as_deref()
        .and_then(origin_of)
        .unwrap_or_else(|| {
            report.warnings.push(
                "site.json has no site_url: head tags get root-relative addresses, and there is no sitemap, robots.txt or feed".into(),
            );
            String::new()
        });
    let base = env.router_base.clone();
    let lang = Lang::of_content(endpoint.site.lang.as_deref()).code();
    let site_feed = format!("{public}{base}/feed.xml");
    let site_feed_link = if public.is_empty() {
        String::new()
    } else {
        feed_link(&site_feed, &endpoint.site.name, false)
    };
    let writer = Writer {
        dist,
        template: &template,
        env: &env,
        public: &public,
        produced: RefCell::default(),
    };

    // The home page.
    let mut data = endpoint.common_documents();
    endpoint.add_lists(&mut data, None, 1);
    writer.page("/", "index.html", data, &site_feed_link, &mut report)?;

    // The categories.
    for category in &endpoint.site.categories {
        let mut data = endpoint.common_documents();
        endpoint.add_lists(&mut data, Some(&category.slug), CATEGORY_FIRST_BATCH);
        let feed = format!("{public}{base}/chuyen-muc/{}.xml", category.slug);
        let links = if public.is_empty() {
            String::new()
        } else {
            site_feed_link.clone() + &feed_link(&feed, &category.name, true)
        };
        let route = routes::category("", &category.slug);
        writer.page(
            &route,
            &format!("chuyen-muc/{}.html", category.slug),
            data,
            &links,
            &mut report,
        )?;
    }

    // The articles.
    let known: HashMap<&str, &ArticleSummary> = endpoint
        .summaries
        .iter()
        .map(|s| (s.slug.as_str(), s))
        .collect();
    let mut updated: HashMap<String, String> = HashMap::new();
    let mut records = search_records::Records::default();
    for summary in &endpoint.summaries {
        let path = format!("articles/{}.json", summary.slug);
        let text = match endpoint.source.get(&path)? {
            Some(text) => text,
            None => {
                report.skipped.push(format!("{path}: not found"));
                continue;
            }
        };
        let article = match decode::<Article>(&path, &text) {
            Ok(article) if article.slug == summary.slug => article,
            Ok(_) => {
                report
                    .skipped
                    .push(format!("{path}: another article's slug"));
                continue;
            }
            Err(error) => {
                report.skipped.push(error);
                continue;
            }
        };
        if let Some(date) = article.updated_at.as_deref().and_then(rfc3339) {
            updated.insert(article.slug.clone(), date);
        }
        records.add(&article, &endpoint.site.categories);
        let mut data = endpoint.common_documents();
        endpoint.add_lists(&mut data, None, 1);
        data.insert(&path, text);
        data.related = Some(endpoint.related(&article, &known));
        (data.newer, data.older) = endpoint.neighbours(&article);
        let route = routes::article("", &article.slug);
        writer.page(
            &route,
            &format!("bai-viet/{}.html", article.slug),
            data,
            &site_feed_link,
            &mut report,
        )?;
    }

    if !public.is_empty() {
        write_site_files(&writer, &endpoint, &updated, lang)?;
    }
    // For the search index, which `scripts/prerender` builds next and which
    // removes this file.
    let records_path = dist.join(SEARCH_RECORDS);
    std::fs::write(&records_path, records.text())
        .map_err(|e| format!("{}: {e}", records_path.display()))?;
    report.removed = writer.remove_the_rest(&["bai-viet", "chuyen-muc"])?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn decode<T: FromJson>(path: &str, text: &str) -> Result<T, String> {
    crate::api::decode_text(text).map_err(|e| format!("{path}: {e}"))
}

/// Reads `site.json`, `stats.json` and every list page (following `next`).
fn read_endpoint(source: Source, env: &AppEnv) -> Result<Endpoint, String> {
    let site_text = source
        .get("site.json")?
        .ok_or("the endpoint has no site.json")?;
    let site: Site = decode("site.json", &site_text)?;
    let stats_text = source
        .get("stats.json")
        .ok()
        .flatten()
        .filter(|text| decode::<crate::api::Stats>("stats.json", text).is_ok());
    let mut lists = Vec::new();
    let mut seen = HashSet::new();
    let mut next = Some("articles.json".to_string());
    while let Some(path) = next.take() {
        if !seen.insert(path.clone()) {
            break;
        }
        let text = source
            .get(&path)?
            .ok_or_else(|| format!("the endpoint has no {path}"))?;
        let list: ArticleList = decode(&path, &text)?;
        // `next` as the app resolves it, back to a path under the endpoint.
        next = list
            .next
            .as_deref()
            .and_then(|n| env.endpoint.url(n).ok())
            .and_then(|url| url.strip_prefix(env.endpoint.base()).map(str::to_string));
        lists.push((path, text, list));
    }
    let mut slugs = HashSet::new();
    let summaries = lists
        .iter()
        .flat_map(|(_, _, list)| list.articles.iter())
        .filter(|s| slugs.insert(s.slug.clone()))
        .cloned()
        .collect();
    Ok(Endpoint {
        source,
        site_text,
        site,
        stats_text,
        lists,
        summaries,
    })
}

impl Endpoint {
    /// What every page needs: `site.json`, and `stats.json` for the sidebar.
    fn common_documents(&self) -> PageData {
        let mut data = PageData::default();
        data.insert("site.json", self.site_text.clone());
        if let Some(stats) = &self.stats_text {
            data.insert("stats.json", stats.clone());
        }
        data
    }

    /// The list pages a feed of `category` (all when `None`) wanting `want`
    /// items reads, as the app's feed walks them; at least the first (the
    /// "Tin mới" widget reads it on every page but home).
    fn add_lists(&self, data: &mut PageData, category: Option<&str>, want: usize) {
        let mut count = 0;
        for (path, text, list) in self.lists.iter().take(MAX_LIST_PAGES) {
            data.insert(path, text.clone());
            count += list
                .articles
                .iter()
                .filter(|s| category.is_none() || s.category.as_deref() == category)
                .count();
            if count >= want {
                break;
            }
        }
    }

    /// The related articles the page shows: each valid slug that resolves.
    fn related(
        &self,
        article: &Article,
        known: &HashMap<&str, &ArticleSummary>,
    ) -> Vec<ArticleSummary> {
        related_slugs(&article.slug, &article.related)
            .into_iter()
            .filter_map(|slug| match known.get(slug.as_str()) {
                Some(summary) => Some((*summary).clone()),
                // Older than every list page: its own document says.
                None => {
                    let text = self.source.get(&format!("articles/{slug}.json")).ok()??;
                    let other: Article = crate::api::decode_text(&text).ok()?;
                    (other.slug == slug).then_some(ArticleSummary {
                        slug: other.slug,
                        title: other.title,
                        published_at: other.published_at,
                        summary: None,
                        category: None,
                        author: None,
                        thumbnail: None,
                    })
                }
            })
            .collect()
    }

    /// The newer and older article of the category, as the app finds them.
    fn neighbours(&self, article: &Article) -> (Option<ArticleSummary>, Option<ArticleSummary>) {
        let Some(category) = &article.category else {
            return (None, None);
        };
        let mut neighbours = Neighbours::default();
        for (_, _, list) in self.lists.iter().take(MAX_LIST_PAGES) {
            if neighbours.feed(&article.slug, category, list.articles.clone()) {
                break;
            }
        }
        neighbours.result()
    }
}

/// Writes pages into the build.
struct Writer<'a> {
    dist: &'a Path,
    template: &'a Template,
    env: &'a AppEnv,
    public: &'a str,
    /// Every file this run wrote or found unchanged.
    produced: RefCell<HashSet<PathBuf>>,
}

impl Writer<'_> {
    /// Renders `route` with `data` and writes it to `file` under the build,
    /// unless the file already holds exactly that page.
    fn page(
        &self,
        route: &str,
        file: &str,
        data: PageData,
        links: &str,
        report: &mut Report,
    ) -> Result<(), String> {
        let json = data.to_json();
        let rendered = render(self.env, route, data);
        let Some((title, tags)) = rendered.head else {
            report
                .skipped
                .push(format!("{route}: the page declared no title"));
            return Ok(());
        };
        let html = self
            .template
            .compose(&title, &tags, links, &rendered.body, &json, self.public);
        report.pages += 1;
        if self.write(&self.dist.join(file), &html)? {
            report.written += 1;
        }
        Ok(())
    }

    /// Writes `text` to `path` if it differs; `true` if it wrote.
    fn write(&self, path: &Path, text: &str) -> Result<bool, String> {
        self.produced.borrow_mut().insert(path.to_path_buf());
        if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
            return Ok(false);
        }
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(true)
    }

    /// Removes the `.html` and `.xml` files under `dirs` this run did not
    /// produce: an article taken down at the endpoint must not live on as a
    /// page. Returns how many.
    fn remove_the_rest(&self, dirs: &[&str]) -> Result<usize, String> {
        let produced = self.produced.borrow();
        let mut removed = 0;
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(self.dist.join(dir)) else {
                continue;
            };
            for path in entries.flatten().map(|entry| entry.path()) {
                let ours = matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("html" | "xml")
                );
                if ours && path.is_file() && !produced.contains(&path) {
                    std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                    removed += 1;
                }
            }
        }
        Ok(removed)
    }
}

fn write_site_files(
    writer: &Writer,
    endpoint: &Endpoint,
    updated: &HashMap<String, String>,
    lang: &str,
) -> Result<(), String> {
    let (public, base) = (writer.public, &writer.env.router_base);
    let site = &endpoint.site;
    let article_url = |slug: &str| format!("{public}{}", routes::article(base, slug));
    let modified = |s: &ArticleSummary| {
        updated
            .get(&s.slug)
            .cloned()
            .or_else(|| rfc3339(&s.published_at))
    };
    let newest = |category: Option<&str>| {
        endpoint
            .summaries
            .iter()
            .filter(|s| category.is_none() || s.category.as_deref() == category)
            .filter_map(modified)
            .max()
    };
    let mut pages = vec![(format!("{public}{}", routes::home(base)), newest(None))];
    for category in &site.categories {
        pages.push((
            format!("{public}{}", routes::category(base, &category.slug)),
            newest(Some(&category.slug)),
        ));
    }
    for summary in &endpoint.summaries {
        pages.push((article_url(&summary.slug), modified(summary)));
    }
    let sitemap_url = format!("{public}{base}/sitemap.xml");
    writer.write(&writer.dist.join("sitemap.xml"), &sitemap(&pages))?;
    writer.write(&writer.dist.join("robots.txt"), &robots(&sitemap_url))?;

    let category_name = |slug: &str| site.category(slug).map(|c| c.name.clone());
    let entries = |category: Option<&str>| -> Vec<Entry> {
        endpoint
            .summaries
            .iter()
            .filter(|s| category.is_none() || s.category.as_deref() == category)
            .take(FEED_LENGTH)
            .map(|summary| Entry {
                summary,
                updated_at: updated.get(&summary.slug).map(String::as_str),
            })
            .collect()
    };
    let home = format!("{public}{}", routes::home(base));
    let feed_url = format!("{public}{base}/feed.xml");
    let site_feed = Feed {
        title: &site.name,
        lang,
        page_url: &home,
        feed_url: &feed_url,
        site_name: &site.name,
    };
    writer.write(
        &writer.dist.join("feed.xml"),
        &atom(&site_feed, &entries(None), article_url, category_name),
    )?;
    for category in &site.categories {
        let page_url = format!("{public}{}", routes::category(base, &category.slug));
        let feed_url = format!("{public}{base}/chuyen-muc/{}.xml", category.slug);
        let title = format!("{} – {}", category.name, site.name);
        let feed = Feed {
            title: &title,
            lang,
            page_url: &page_url,
            feed_url: &feed_url,
            site_name: &site.name,
        };
        writer.write(
            &writer
                .dist
                .join(format!("chuyen-muc/{}.xml", category.slug)),
            &atom(
                &feed,
                &entries(Some(&category.slug)),
                article_url,
                category_name,
            ),
        )?;
    }
    Ok(())
}
