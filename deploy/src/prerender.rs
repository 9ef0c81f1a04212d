//! The deploy-time pre-render: every route written as a real HTML page into
//! a built `dist/`, by the app's own views (Leptos `ssr`), so readers see the
//! article before the wasm arrives, link previews and search engines find
//! each page's own head, and every route answers 200 on a static host.
//!
//! For the home page, each category and each article of the `articles*.json`
//! pages it writes `index.html`, `chuyen-muc/{slug}.html` and
//! `bai-viet/{slug}.html` (served at `/chuyen-muc/{slug}` and
//! `/bai-viet/{slug}` by hosts that try `.html`: see the README), each with
//! the documents it was rendered from embedded for the app's takeover, then
//! `sitemap.xml`, `robots.txt` and Atom feeds, and the policy of the build
//! (the shell pages and `_headers`). A page whose HTML would not change is
//! not written again.
//!
//! The endpoint is not trusted to be well either: a document that cannot be
//! read or decoded is skipped and named (its page from the last run kept),
//! the run goes on, and it fails only when no page can be written at all.
//! Pages of articles and categories the endpoint no longer lists are removed
//! (`bai-viet/` and `chuyen-muc/` belong to the pre-render), but only after
//! a walk that read every list page.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use portal_reader::api::{Article, ArticleSummary, PageData, Site};
use portal_reader::env::AppEnv;
use portal_reader::escape::push_html_attribute;
use portal_reader::i18n::Lang;
use portal_reader::urls::{origin_of, routes};

use crate::endpoint::{decode, Endpoint, Limits};
use crate::policy::{allows_zalo, Policy};
use crate::progress::Progress;
use crate::render::render;
use crate::search_records::Records;
use crate::site_files::{atom, robots, sitemap, Entry, Feed};
use crate::source::Source;
use crate::template::{embedded_data, PageParts, PageTemplate, Shell};
use crate::writer::Writer;
use crate::{dates::rfc3339, endpoint, pool};

/// How many summaries a category page starts with: the category feed's
/// first batch ([`portal_reader::pages`]), the same number.
const CATEGORY_FIRST_BATCH: usize = portal_reader::pages::FIRST_BATCH;
/// The search records of the last run, in `dist/` until the index is built.
pub const SEARCH_RECORDS: &str = ".search-records.jsonl";
/// Articles in a feed.
const FEED_LENGTH: usize = 20;
/// The origin the views render with when the public one is not known. It
/// never reaches a page: links and images on the page's own origin are
/// written root-relative, and head addresses take the public origin or none.
/// Under the reserved `.invalid` domain all the same.
pub const PLACEHOLDER_ORIGIN: &str = "https://portal-prerender.invalid";
/// The shells written beside the pages: the host's answer for unknown paths,
/// and the two routes the browser fills in ("Bài đã lưu", search results).
pub const SHELLS: &[&str] = &["404.html", "bai-da-luu.html", "tim-kiem.html"];

/// What a run is asked to do.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub dist: PathBuf,
    /// The endpoint to read (a directory or an http(s) URL); `None`: the one
    /// the build names.
    pub endpoint: Option<String>,
    /// A new `portal-api` for the build (`set-endpoint`); `None`: keep it.
    pub api_meta: Option<String>,
    /// Zalo's share plugin in the policy; `None`: as the build has it.
    pub zalo: Option<bool>,
    pub limits: Limits,
    /// Article documents fetched at once.
    pub jobs: usize,
    /// How long one request may take; `None`: [`crate::source::REQUEST_TIMEOUT`].
    pub timeout: Option<std::time::Duration>,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub written: usize,
    pub unchanged: usize,
    /// Pages of the last run kept because their document could not be read.
    pub kept: usize,
    /// Pages of a previous run the endpoint no longer has.
    pub removed: usize,
    /// One line for each document or entry left out, with why.
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
    /// Whether every list page was read (pages were removed only then).
    pub complete: bool,
    pub seconds: f64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "prerender: {} pages in {:.1} s ({} written, {} unchanged, {} kept from the last run, {} removed, {} skipped{})",
            self.pages,
            self.seconds,
            self.written,
            self.unchanged,
            self.kept,
            self.removed,
            self.skipped.len(),
            if self.complete { "" } else { "; the lists were not read to the end, so no page was removed" }
        )
    }
}

/// The shell ready for this deployment: its `portal-api`, its policy, and
/// the page template cut from it. Each template's meta policy allows its own
/// inline code; the header (one for every path) allows both, and a browser
/// applies both, so each page gets exactly what its own meta allows.
pub struct Prepared {
    pub shell: Shell,
    pub template: PageTemplate,
    /// The policy of `_headers`: every template's code.
    pub policy: Policy,
    /// The policy in each pre-rendered page.
    pub page_policy: Policy,
}

/// Reads the build's shell and makes it this deployment's: `api_meta` (or
/// the shell's own) as the endpoint, the policy computed from the shell and
/// the page template, never from a page.
pub fn prepare(
    dist: &Path,
    api_meta: Option<&str>,
    zalo: Option<bool>,
) -> Result<Prepared, String> {
    let path = dist.join("404.html");
    let html = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (a trunk build first)", path.display()))?;
    let shell = Shell::new(html)?;
    let shell = match api_meta {
        Some(url) => shell.with_api_meta(url),
        None => shell,
    };
    let zalo = zalo.unwrap_or_else(|| match shell.policy() {
        Some(policy) => allows_zalo(&policy),
        None => embedded_site_wants_zalo(dist),
    });
    let bare = shell.without_policy();
    let (shell_code, page_code) = (bare.inline_code(), PageTemplate::new(&bare)?.inline_code());
    let meta = bare.api_meta().unwrap_or_else(|| "api/".into());
    let page_policy = Policy::new([&page_code], &meta, zalo);
    let template = PageTemplate::new(&bare.with_policy(&page_policy.meta_text()))?;
    let shell = bare.with_policy(&Policy::new([&shell_code], &meta, zalo).meta_text());
    let policy = Policy::new([&shell_code, &page_code], &meta, zalo);
    Ok(Prepared {
        shell,
        template,
        policy,
        page_policy,
    })
}

/// A new build has no policy yet: Zalo's plugin is allowed when the embedded
/// `site.json` names the portal's Zalo account.
fn embedded_site_wants_zalo(dist: &Path) -> bool {
    std::fs::read_to_string(dist.join("api/site.json"))
        .ok()
        .and_then(|text| portal_reader::api::decode_text::<Site>(&text).ok())
        .is_some_and(|site| site.share.zalo_oaid.is_some())
}

/// Writes the shells and `_headers` of `prepared` into the build.
pub fn write_shells(writer: &mut Writer, prepared: &Prepared, also: &[&str]) -> Result<(), String> {
    for file in SHELLS.iter().chain(also) {
        writer.write(file, prepared.shell.html())?;
    }
    let base = prepared.shell.base_path();
    writer.write("_headers", &prepared.policy.headers_file(&base))
}

/// Pre-renders the build at `options.dist`.
pub fn run(options: &Options, progress: &Progress) -> Result<Report, String> {
    let started = Instant::now();
    let dist = options.dist.as_path();
    let prepared = prepare(dist, options.api_meta.as_deref(), options.zalo)?;
    let meta = prepared.shell.api_meta().unwrap_or_else(|| "api/".into());
    let base_path = prepared.shell.base_path();
    let reading = AppEnv::new(&format!("{PLACEHOLDER_ORIGIN}{base_path}"), Some(&meta));
    let timeout = options.timeout.unwrap_or(crate::source::REQUEST_TIMEOUT);
    let source = match &options.endpoint {
        Some(endpoint) => Source::with_timeout(endpoint, timeout),
        None if meta.starts_with("http://") || meta.starts_with("https://") => {
            Source::with_timeout(&meta, timeout)
        }
        None => Source::Dir(dist.join(meta.trim_start_matches("./"))),
    };
    let mut report = Report::default();
    // Nothing is written before the endpoint has given what every page needs.
    let endpoint = endpoint::read(source, &reading, options.limits, &mut report.skipped)?;
    for line in &report.skipped {
        progress.say(&format!("prerender: skipped {line}"));
    }
    report.complete = endpoint.complete;

    // Rendered on the public origin when `site.json` names it (links to the
    // portal's own pages are then the app's), else on the placeholder;
    // either way nothing of the origin reaches a page's body.
    let public = endpoint.site.site_url.as_deref().and_then(origin_of);
    if public.is_none() {
        report.warnings.push(
            "site.json has no site_url: head tags get root-relative addresses, and there is no sitemap, robots.txt or feed"
                .into(),
        );
    }
    let mut env = AppEnv::new(
        &format!(
            "{}{base_path}",
            public.as_deref().unwrap_or(PLACEHOLDER_ORIGIN)
        ),
        Some(&meta),
    );
    env.public_origin = public.clone().unwrap_or_default();
    let public = public.unwrap_or_default();

    let mut writer = Writer::new(dist);
    write_shells(&mut writer, &prepared, &[])?;
    let mut pages = Pages {
        template: &prepared.template,
        env: &env,
        writer,
        report: &mut report,
        progress,
    };
    let base = env.router_base.clone();
    let site_feed = format!("{public}{base}/feed.xml");
    let site_feed_link = if public.is_empty() {
        String::new()
    } else {
        feed_link(&site_feed, &endpoint.site.name, false)
    };

    // The home page.
    let mut data = endpoint.common_documents();
    endpoint.add_lists(&mut data, None, 1);
    pages.write("/", "index.html", data, &site_feed_link)?;

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
        pages.write(
            &route,
            &format!("chuyen-muc/{}.html", category.slug),
            data,
            &links,
        )?;
    }

    // The articles: fetched several at a time, written in the lists' order.
    let known: HashMap<&str, &ArticleSummary> = endpoint
        .summaries
        .iter()
        .map(|s| (s.slug.as_str(), s))
        .collect();
    let mut updated: HashMap<String, String> = HashMap::new();
    let mut with_page: HashSet<String> = HashSet::new();
    let mut records = Records::default();
    let paths: Vec<String> = endpoint
        .summaries
        .iter()
        .map(|s| format!("articles/{}.json", s.slug))
        .collect();
    let jobs = match endpoint.source {
        Source::Dir(_) => 1,
        Source::Http(..) => options.jobs.max(1),
    };
    progress.start("prerender", paths.len(), "articles");
    let mut failure = None;
    pool::in_order(
        &paths,
        jobs,
        64,
        |path| endpoint.source.get(path),
        |index, fetched| {
            progress.step();
            if failure.is_some() {
                return;
            }
            let (path, slug) = (&paths[index], &endpoint.summaries[index].slug);
            let file = format!("bai-viet/{slug}.html");
            let article = match fetched {
                Ok(Some(text)) => match decode::<Article>(path, &text) {
                    Ok(article) if article.slug == *slug => Ok((article, text)),
                    Ok(_) => Err(format!("{path}: another article's slug")),
                    Err(error) => Err(error),
                },
                Ok(None) => {
                    // Listed, but gone: its page goes with it.
                    pages.skip(format!("{path}: not found"));
                    return;
                }
                Err(error) => Err(error),
            };
            let (article, text) = match article {
                Ok(found) => found,
                Err(error) => {
                    if pages.writer.keep(&file) {
                        pages.report.kept += 1;
                        pages.skip(format!("{error} (its page from the last run is kept)"));
                        with_page.insert(slug.clone());
                        // The search index keeps it as that page shows it.
                        if let Some(article) = kept_article(&pages.writer.path(&file), path) {
                            records.add(&article, &endpoint.site.categories);
                            if let Some(date) = article.updated_at.as_deref().and_then(rfc3339) {
                                updated.insert(slug.clone(), date);
                            }
                        }
                    } else {
                        pages.skip(error);
                    }
                    return;
                }
            };
            if let Some(date) = article.updated_at.as_deref().and_then(rfc3339) {
                updated.insert(article.slug.clone(), date);
            }
            records.add(&article, &endpoint.site.categories);
            let mut data = endpoint.common_documents();
            endpoint.add_lists(&mut data, None, 1);
            data.insert(path, text);
            data.related = Some(endpoint.related(&article, &known));
            (data.newer, data.older) = endpoint.neighbours(&article);
            let route = routes::article("", &article.slug);
            with_page.insert(article.slug.clone());
            if let Err(error) = pages.write(&route, &file, data, &site_feed_link) {
                failure = Some(error);
            }
        },
    );
    progress.finish();
    if let Some(error) = failure {
        return Err(error);
    }

    let Pages { mut writer, .. } = pages;
    if !public.is_empty() {
        let files = SiteFiles {
            endpoint: &endpoint,
            public: &public,
            base: &base,
            updated: &updated,
            with_page: &with_page,
            lang: Lang::of_content(endpoint.site.lang.as_deref()).code(),
        };
        files.write(&mut writer)?;
    }
    // For the search index, which `scripts/prerender` builds next and which
    // removes this file.
    let records_path = dist.join(SEARCH_RECORDS);
    std::fs::write(&records_path, records.text())
        .map_err(|e| format!("{}: {e}", records_path.display()))?;
    if endpoint.complete {
        report.removed = writer.remove_the_rest(&["bai-viet", "chuyen-muc"])?.len();
    }
    report.written = writer.written;
    report.unchanged = writer.unchanged;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Writes the pages of a run.
struct Pages<'a> {
    template: &'a PageTemplate,
    env: &'a AppEnv,
    writer: Writer,
    report: &'a mut Report,
    progress: &'a Progress,
}

impl Pages<'_> {
    /// Renders `route` with `data` and writes it to `file` under the build.
    fn write(
        &mut self,
        route: &str,
        file: &str,
        data: PageData,
        links: &str,
    ) -> Result<(), String> {
        let json = data.to_json();
        let rendered = render(self.env, route, data);
        let Some((title, tags)) = rendered.head else {
            self.skip(format!("{route}: the page declared no title"));
            return Ok(());
        };
        let mut head = String::new();
        for tag in &tags {
            head.push_str(&tag.to_html());
        }
        head.push_str(links);
        let html = self.template.compose(&PageParts {
            title: &title,
            head: &head,
            body: &rendered.body,
            data: &json,
        });
        self.report.pages += 1;
        self.writer.write(file, &html)
    }

    /// Names what was left out, on stderr now and in the report.
    fn skip(&mut self, line: String) {
        self.progress.say(&format!("prerender: skipped {line}"));
        self.report.skipped.push(line);
    }
}

/// The article a page of the last run shows, from the documents it embeds.
fn kept_article(page: &Path, document: &str) -> Option<Article> {
    let html = std::fs::read_to_string(page).ok()?;
    let data: PageData = portal_reader::api::decode_text(&embedded_data(&html)?).ok()?;
    let (_, text) = data.documents.iter().find(|(path, _)| path == document)?;
    portal_reader::api::decode_text(text).ok()
}

/// A `<link rel="alternate">` to an Atom feed.
fn feed_link(href: &str, title: &str, own: bool) -> String {
    let mut out = String::from("<link");
    if own {
        out.push_str(" data-head");
    }
    out.push_str(" rel=\"alternate\" type=\"application/atom+xml\" href=\"");
    push_html_attribute(&mut out, href);
    out.push_str("\" title=\"");
    push_html_attribute(&mut out, title);
    out.push_str("\">");
    out
}

/// The sitemap, `robots.txt` and the feeds of a run.
struct SiteFiles<'a> {
    endpoint: &'a Endpoint,
    public: &'a str,
    base: &'a str,
    /// `updated_at` of each article, as RFC 3339.
    updated: &'a HashMap<String, String>,
    /// The articles that have a page.
    with_page: &'a HashSet<String>,
    lang: &'a str,
}

impl SiteFiles<'_> {
    fn write(&self, writer: &mut Writer) -> Result<(), String> {
        let (public, base, site) = (self.public, self.base, &self.endpoint.site);
        let summaries: Vec<&ArticleSummary> = self
            .endpoint
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
                .filter(|s| category.is_none() || s.category.as_deref() == category)
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
        for summary in &summaries {
            pages.push((article_url(&summary.slug), modified(summary)));
        }
        let sitemap_url = format!("{public}{base}/sitemap.xml");
        writer.write("sitemap.xml", &sitemap(&pages))?;
        writer.write("robots.txt", &robots(&sitemap_url))?;

        let category_name = |slug: &str| site.category(slug).map(|c| c.name.clone());
        let entries = |category: Option<&str>| -> Vec<Entry> {
            summaries
                .iter()
                .filter(|s| category.is_none() || s.category.as_deref() == category)
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
        writer.write(
            "feed.xml",
            &atom(&site_feed, &entries(None), article_url, category_name),
        )?;
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
            writer.write(
                &format!("chuyen-muc/{}.xml", category.slug),
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
}
