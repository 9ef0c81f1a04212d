//! The deploy-time pre-render: every route written as a real HTML page into
//! a built `dist/`, by the app's own views (Leptos `ssr`), so readers see the
//! article before the wasm arrives, link previews and search engines find
//! each page's own head, and every route answers 200 on a static host.
//!
//! For the home page, each category and each article of the `articles*.json`
//! pages it writes `index.html`, `chuyen-muc/{slug}.html` and
//! `bai-viet/{slug}.html`, each with the documents it was rendered from
//! embedded for the app's takeover, then `sitemap.xml`, `robots.txt` and Atom
//! feeds, and last the build's shells and `_headers` with the policy. A file
//! whose text would not change is not written again.
//!
//! The endpoint is not trusted to be well either: a document that cannot be
//! read or decoded is skipped and named, its article shown as the last run's
//! page had it (written again from the data that page embeds, so that every
//! page has this run's policy and endpoint); the run goes on, and fails only
//! when no page can be written at all. Pages of articles and categories the
//! endpoint no longer lists are removed (`bai-viet/` and `chuyen-muc/`
//! belong to the pre-render), but only after a walk that read every list
//! page.

use std::collections::{HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use portal_reader::api::{Article, ArticleSummary, PageData, Site};
use portal_reader::env::AppEnv;
use portal_reader::escape::push_html_attribute;
use portal_reader::i18n::Lang;
use portal_reader::urls::{api_base, is_valid_slug, origin_of, routes};

use crate::deployment::{self, HERE};
use crate::endpoint::{decode, Limits};
use crate::markup::embedded_data;
use crate::policy::{allows_zalo, Policy};
use crate::print_note::PrintNote;
use crate::progress::Progress;
use crate::redirects::{self, Redirect};
use crate::render::render;
use crate::search_records::Records;
use crate::shell::{CounterChange, Shell};
use crate::site_files::{self, SiteFiles};
use crate::source::{Budget, Source};
use crate::state::{self, Fingerprint};
use crate::template::{PageParts, PageTemplate};
use crate::writer::{Lock, Writer};
use crate::{dates::rfc3339, endpoint, host_files, pool};

/// The shells written beside the pages: the host's answer for unknown paths,
/// and the two routes the browser fills in ("Bài đã lưu", search results).
pub const SHELLS: &[&str] = &["404.html", "bai-da-luu.html", "tim-kiem.html"];
/// The files at the root that only the pre-render writes.
const SITE_FILES: &[&str] = &["sitemap.xml", "robots.txt", "feed.xml"];

/// What a run is asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    pub dist: PathBuf,
    /// The endpoint to read (a folder or an http(s) URL); `None`: the one
    /// the build names.
    pub endpoint: Option<String>,
    /// A new `portal-api` for the build (`set-endpoint`); `None`: keep it.
    pub api_meta: Option<String>,
    /// The counting service's meta (`set-endpoint --counter`).
    pub counter: CounterChange,
    /// Zalo's share plugin in the policy; `None`: as the build has it.
    pub zalo: Option<bool>,
    pub limits: Limits,
    /// Article documents fetched at once (1 to 32).
    pub jobs: usize,
    /// How long one request may take.
    pub timeout: Duration,
    /// What the whole run may take, and read.
    pub max_time: Duration,
    pub max_bytes: u64,
    /// URLs one sitemap file lists, at most (the protocol's limit; less in
    /// tests, to see the split at a small size).
    pub sitemap_limit: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dist: PathBuf::new(),
            endpoint: None,
            api_meta: None,
            counter: CounterChange::Keep,
            zalo: None,
            limits: Limits::default(),
            jobs: 8,
            timeout: crate::source::REQUEST_TIMEOUT,
            max_time: Duration::from_secs(3 * 3600),
            max_bytes: 50_000 * 1024 * 1024,
            sitemap_limit: site_files::SITEMAP_LIMIT,
        }
    }
}

/// What a run did.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    /// Pages rendered (the others were made from what they were made from
    /// last time, and left as they were).
    pub rendered: usize,
    /// Files written, and files found unchanged.
    pub written: usize,
    pub unchanged: usize,
    /// Articles whose document could not be read this time, shown as the
    /// last run's page had them.
    pub kept: usize,
    /// Pages of a previous run the endpoint no longer has.
    pub removed: usize,
    /// One line for each document or entry left out, with why.
    pub skipped: Vec<String>,
    pub warnings: Vec<String>,
    /// Whether every list page was read (pages were removed only then).
    pub complete: bool,
    /// Old addresses of the portal carried by the host files.
    pub redirects: usize,
    /// Search records written (for articles whose page was).
    pub records: usize,
    /// The files written, under the build (the tests read what a run
    /// changed).
    pub written_files: Vec<String>,
    pub seconds: f64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "prerender: {} pages in {:.1} s ({} rendered; {} files written, {} unchanged, {} articles as the last run had them, {} removed, {} old addresses redirected, {} skipped{})",
            self.pages,
            self.seconds,
            self.rendered,
            self.written,
            self.unchanged,
            self.kept,
            self.removed,
            self.redirects,
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
    /// Where the app will find its endpoint.
    pub endpoint: deployment::Endpoint,
}

/// Reads the build's shell and makes it this deployment's: `api_meta` (or
/// the shell's own) as the endpoint, `counter` applied to its counting
/// service, the policy computed from the shell and the page template,
/// never from a page.
pub fn prepare(
    dist: &Path,
    api_meta: Option<&str>,
    counter: &CounterChange,
    zalo: Option<bool>,
) -> Result<Prepared, String> {
    let path = dist.join("404.html");
    let html = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (a trunk build first)", path.display()))?;
    let shell = Shell::new(html)?;
    let shell = match api_meta {
        Some(url) => shell.with_api_meta(url),
        None => shell,
    }
    .with_counter(counter);
    let zalo = zalo.unwrap_or_else(|| match shell.policy() {
        Some(policy) => allows_zalo(&policy),
        None => embedded_site_wants_zalo(dist),
    });
    let bare = shell.without_policy();
    let meta = bare.api_meta().unwrap_or_else(|| "api/".into());
    let endpoint = deployment::endpoint(dist, &bare.base_path(), &meta);
    let origin = match &endpoint {
        deployment::Endpoint::Elsewhere { origin, .. } => Some(origin.as_str()),
        _ => None,
    };
    let counter = bare
        .counter_meta()
        .and_then(|meta| deployment::counter_origin(&bare.base_path(), &meta));
    let counter = counter.as_deref();
    let (shell_code, page_code) = (bare.inline_code(), PageTemplate::new(&bare)?.inline_code());
    let page_policy = Policy::new([&page_code], origin, zalo).with_counter(counter);
    let template = PageTemplate::new(&bare.with_policy(&page_policy.meta_text()))?;
    let shell = bare.with_policy(
        &Policy::new([&shell_code], origin, zalo)
            .with_counter(counter)
            .meta_text(),
    );
    let policy = Policy::new([&shell_code, &page_code], origin, zalo).with_counter(counter);
    Ok(Prepared {
        shell,
        template,
        policy,
        page_policy,
        endpoint,
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

/// Writes the shells of `prepared` into the build, and the host files with
/// its policy and `redirects` (`None`: the old addresses could not be read
/// this time, and the files that carry them stay as they were).
pub fn write_shells(
    writer: &mut Writer,
    prepared: &Prepared,
    also: &[&str],
    redirects: Option<&[Redirect]>,
) -> Result<(), String> {
    let html = prepared.shell.html();
    for file in SHELLS.iter().chain(also) {
        writer.write(file, &html)?;
    }
    let base_path = prepared.shell.base_path();
    // Without this run's list of old addresses, the last run's (its own
    // `_redirects`), so every file gets this build's policy.
    let kept;
    let redirects = match redirects {
        Some(list) => list,
        None => {
            let last = std::fs::read_to_string(writer.path("_redirects")).unwrap_or_default();
            kept = redirects::from_redirects_file(&last);
            &kept
        }
    };
    for (file, text) in host_files::files(&prepared.policy, &base_path, redirects)? {
        writer.write(file, &text)?;
    }
    Ok(())
}

/// Pre-renders the build at `options.dist`.
pub fn run(options: &Options, progress: &Progress) -> Result<Report, String> {
    let started = Instant::now();
    let dist = options.dist.as_path();
    let _lock = Lock::take(dist)?;
    let prepared = prepare(
        dist,
        options.api_meta.as_deref(),
        &options.counter,
        options.zalo,
    )?;
    let meta = prepared.shell.api_meta().unwrap_or_else(|| "api/".into());
    let base_path = prepared.shell.base_path();
    let mut report = Report::default();

    // Where to read, and what `next` is relative to: the endpoint given, or
    // the one the build names, as the app resolves it.
    let budget = Budget::new(options.max_time, options.max_bytes);
    let app_view =
        portal_reader::api::Endpoint::new(api_base(&format!("{HERE}{base_path}"), Some(&meta)));
    let (source, base) = match (&options.endpoint, &prepared.endpoint) {
        (Some(given), named) => {
            let source = Source::parse(given, options.timeout, budget);
            let (base, same) = match (&source, named) {
                (Source::Http { base, .. }, deployment::Endpoint::Elsewhere { url, .. }) => {
                    (portal_reader::api::Endpoint::new(base.clone()), base == url)
                }
                (Source::Http { base, .. }, _) => (portal_reader::api::Endpoint::new(base.clone()), false),
                (Source::Dir(dir, _), deployment::Endpoint::InBuild(build)) => {
                    (app_view.clone(), dir.canonicalize().ok() == build.canonicalize().ok())
                }
                (Source::Dir(..), _) => (app_view.clone(), false),
            };
            if !same {
                report.warnings.push(format!(
                    "read from {}, but the pages read {meta} once the app runs (scripts/set-endpoint switches both)",
                    source.describe()
                ));
            }
            (source, base)
        }
        (None, deployment::Endpoint::InBuild(dir)) => (Source::dir(dir.clone(), budget), app_view.clone()),
        (None, deployment::Endpoint::Elsewhere { url, .. }) => {
            let source =
                Source::http(url, options.timeout, budget).ok_or_else(|| format!("{url}: not an endpoint address"))?;
            (source, portal_reader::api::Endpoint::new(url.clone()))
        }
        (None, deployment::Endpoint::OutsideBuild(path)) => {
            return Err(format!(
                "the build reads its endpoint at {path}, outside the app's folder: name it (a folder or a URL) after DIST"
            ))
        }
    };

    // Nothing is written before the endpoint has given what every page needs.
    let endpoint = endpoint::read(source, &base, options.limits, &mut report.skipped)?;
    for line in &report.skipped {
        progress.say(&format!("prerender: skipped {line}"));
    }
    report.complete = endpoint.complete;

    // Rendered on the public origin when `site.json` names it (links to the
    // portal's own pages are then the app's), else on a placeholder; either
    // way nothing of the origin reaches a page's body.
    let public = endpoint.site.site_url.as_deref().and_then(origin_of);
    if public.is_none() {
        report.warnings.push(
            "site.json has no site_url: head tags get root-relative addresses, and there is no sitemap, robots.txt or feed"
                .into(),
        );
    }
    let mut env = AppEnv::new(
        &format!("{}{base_path}", public.as_deref().unwrap_or(HERE)),
        Some(&meta),
    );
    env.public_origin = public.clone().unwrap_or_default();
    let public = public.unwrap_or_default();

    let writer = Writer::new(dist);
    writer.clean_leftovers(&[
        "",
        "bai-viet",
        "chuyen-muc",
        state::STATE_DIR,
        state::RECORDS_PATH,
    ]);
    let lang = Lang::of_content(endpoint.site.lang.as_deref());
    // Decided before rendering: a page made from exactly what it was made
    // from last time is not rendered again.
    let last_run = state::LastRun::load(dist);
    let run_inputs = Fingerprint::of_run(&[
        &format!("{:?}", prepared.template),
        &format!("{env:?}"),
        &endpoint.site_text,
        lang.code(),
    ]);
    let records = Records::open(dist, !last_run.had_run() || !state::has_records(dist))?;
    let mut pages = Pages {
        maker: PageMaker {
            dist,
            template: &prepared.template,
            env: &env,
            lang,
            last: &last_run,
            run_inputs,
        },
        writer,
        report: &mut report,
        progress,
        records,
        this_run: state::ThisRun::new(dist),
    };
    let base = env.router_base.clone();
    let site_feed_link = if public.is_empty() {
        String::new()
    } else {
        feed_link(
            &format!("{public}{base}/feed.xml"),
            &endpoint.site.name,
            false,
        )
    };

    // The home page.
    let mut data = endpoint.common_documents();
    endpoint.add_sidebar(&mut data);
    endpoint.add_lists(&mut data, None, 1);
    pages.write("/", "index.html", data, &site_feed_link, false)?;

    // The categories, and those the endpoint still has but the app leaves
    // out for a broken field: as they were.
    for category in &endpoint.site.categories {
        let mut data = endpoint.common_documents();
        endpoint.add_lists(
            &mut data,
            Some(&category.slug),
            portal_reader::pages::FIRST_BATCH,
        );
        let links = if public.is_empty() {
            String::new()
        } else {
            let feed = format!("{public}{base}/chuyen-muc/{}.xml", category.slug);
            site_feed_link.clone() + &feed_link(&feed, &category.name, true)
        };
        let route = routes::category("", &category.slug);
        pages.write(
            &route,
            &format!("chuyen-muc/{}.html", category.slug),
            data,
            &links,
            false,
        )?;
    }
    for slug in endpoint
        .refused_categories
        .iter()
        .filter(|slug| is_valid_slug(slug))
    {
        pages.keep(&format!("chuyen-muc/{slug}.html"));
        pages.writer.keep(&format!("chuyen-muc/{slug}.xml"));
    }

    // The articles: read, and rendered when they changed, several at a
    // time; written in the lists' order.
    let known: HashMap<&str, &ArticleSummary> = endpoint
        .summaries
        .iter()
        .map(|s| (s.slug.as_str(), s))
        .collect();
    let mut updated: HashMap<String, String> = HashMap::new();
    let mut with_page: HashSet<String> = HashSet::new();
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let jobs = match endpoint.source {
        Source::Dir(..) => threads,
        // --jobs: what the endpoint is asked for at once, a limit.
        Source::Http { .. } => options.jobs.clamp(1, 32),
    };
    progress.start("prerender", endpoint.summaries.len(), "articles");
    let maker = pages.maker;
    let mut failure = None;
    pool::in_order(
        &endpoint.summaries,
        jobs,
        // Pages waiting for a slower one before them: enough to keep every
        // worker busy, few enough that at most this many are held.
        jobs * 4,
        |summary| {
            let path = format!("articles/{}.json", summary.slug);
            let read = match endpoint.source.get(&path) {
                Ok(Some(text)) => match decode::<Article>(&path, &text) {
                    Ok(article) if article.slug == summary.slug => Ok(article_made(
                        &maker,
                        &endpoint,
                        &known,
                        &site_feed_link,
                        article,
                        &text,
                    )),
                    Ok(_) => Err(format!("{path}: another article's slug")),
                    Err(error) => Err(error),
                },
                // Listed, but gone: its page goes with it.
                Ok(None) => return Fetched::Gone(format!("{path}: not found")),
                Err(error) => Err(error),
            };
            match read {
                Ok((article, made)) => Fetched::Read(Box::new(article), made),
                Err(error) => Fetched::Unreadable(error),
            }
        },
        |index, fetched| {
            progress.step();
            if failure.is_some() {
                return;
            }
            let slug = &endpoint.summaries[index].slug;
            let file = format!("bai-viet/{slug}.html");
            let (article, made) = match fetched {
                Fetched::Read(article, made) => (*article, made),
                Fetched::Gone(line) => {
                    pages.skip(line);
                    return;
                }
                Fetched::Unreadable(error) => {
                    let path = format!("articles/{slug}.json");
                    match last_known(&pages.writer.path(&file), &path) {
                        // The last run's article, written again with this run's page.
                        Some((article, text)) => {
                            pages.report.kept += 1;
                            pages.skip(format!("{error} (shown as the last run's page had it)"));
                            article_made(&maker, &endpoint, &known, &site_feed_link, article, &text)
                        }
                        None => {
                            let kept = pages.keep(&file);
                            pages.skip(if kept {
                                format!("{error} (its page kept as it was)")
                            } else {
                                error
                            });
                            if kept {
                                with_page.insert(slug.clone());
                            }
                            return;
                        }
                    }
                }
            };
            if let Some(date) = article.updated_at.as_deref().and_then(rfc3339) {
                updated.insert(article.slug.clone(), date);
            }
            let record = match pages.store(&file, made) {
                Ok(Written::Rendered) => true,
                // Its record too, unless it is lost.
                Ok(Written::AsBefore) => !pages.records.has(slug),
                Ok(Written::Failed) => false,
                Err(error) => {
                    failure = Some(error);
                    return;
                }
            };
            if pages.writer.path(&file).is_file() {
                with_page.insert(article.slug.clone());
            }
            if record {
                if let Err(error) = pages.records.write(&article, &endpoint.site.categories) {
                    failure = Some(error);
                }
            }
        },
    );
    progress.finish();
    if let Some(error) = failure {
        return Err(error);
    }
    for slug in endpoint
        .refused_articles
        .iter()
        .filter(|slug| is_valid_slug(slug))
    {
        if pages.keep(&format!("bai-viet/{slug}.html")) {
            with_page.insert(slug.clone());
        }
    }

    let Pages {
        mut writer,
        mut records,
        this_run,
        ..
    } = pages;
    if !public.is_empty() {
        let files = SiteFiles {
            site: &endpoint.site,
            summaries: &endpoint.summaries,
            public: &public,
            base: &base,
            updated: &updated,
            with_page: &with_page,
            lang: Lang::of_content(endpoint.site.lang.as_deref()).code(),
            sitemap_limit: options.sitemap_limit,
        };
        for (file, text) in files.files() {
            writer.write(&file, &text)?;
        }
        // A feed carries no entry without a date: say which.
        for summary in endpoint
            .summaries
            .iter()
            .filter(|s| with_page.contains(&s.slug))
        {
            if rfc3339(&summary.published_at).is_none() {
                report.warnings.push(format!(
                    "articles/{}.json: its published_at ({:?}) is not a date, so the feeds leave it out",
                    summary.slug, summary.published_at
                ));
            }
        }
    }
    report.records = records.written;
    // The old portal's addresses, when the endpoint lists them.
    let taken = redirects::build_names(dist);
    // Only a complete walk of the lists knows which articles are gone: on
    // an incomplete one the last run's old addresses stay as they were.
    let legacy = match endpoint.complete.then(|| {
        redirects::read_pages(
            |file| endpoint.source.get(file),
            &base,
            &endpoint.site,
            &endpoint.summaries,
            &taken,
            &mut report.skipped,
        )
    }) {
        None => None,
        Some(Ok(Some(found))) => Some(found),
        // No old addresses at the endpoint: none here either, unless an
        // earlier run wrote some (then a document that went missing must
        // not take them all down).
        Some(Ok(None)) if redirects::has_pages(&writer) => {
            report.skipped.push(format!(
                "{}: not at the endpoint; the old addresses of the last run kept",
                redirects::DOCUMENT
            ));
            None
        }
        Some(Ok(None)) => Some(Vec::new()),
        Some(Err(error)) => {
            report
                .skipped
                .push(format!("{error} (the old addresses kept as they were)"));
            None
        }
    };
    if let Some(legacy) = &legacy {
        let lang = Lang::of_content(endpoint.site.lang.as_deref()).code();
        report.removed += redirects::write_pages(
            &mut writer,
            legacy,
            &base,
            &public,
            lang,
            &mut report.skipped,
        )?;
        report.redirects = legacy.len();
    }
    // Last, the shells and the policy of every path: a run that stopped
    // before leaves the build's shells as they were.
    write_shells(&mut writer, &prepared, &[], legacy.as_deref())?;
    if endpoint.complete {
        report.removed += writer.remove_the_rest(&["bai-viet", "chuyen-muc"])?.len();
        let mut root_files: Vec<String> = SITE_FILES.iter().map(|f| f.to_string()).collect();
        root_files.extend(site_files::sitemap_parts_in(dist));
        let root_files: Vec<&str> = root_files.iter().map(String::as_str).collect();
        report.removed += writer.remove_unproduced(&root_files)?;
        // The search records of articles gone, listed for the index.
        records.remove_all_but(&with_page)?;
    }
    this_run.save()?;
    report.written = writer.written;
    report.written_files = writer.written_files;
    report.unchanged = writer.unchanged;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// What makes a page from its documents: shared by the threads that render.
#[derive(Clone, Copy)]
struct PageMaker<'a> {
    dist: &'a Path,
    template: &'a PageTemplate,
    env: &'a AppEnv,
    /// The language of the portal's content.
    lang: Lang,
    /// What each page was made from last time.
    last: &'a state::LastRun,
    /// What every page of this run is made from.
    run_inputs: Fingerprint,
}

/// A page made, or why not.
enum Made {
    /// Made from what its file was made from last time: nothing to do.
    AsBefore(Fingerprint),
    Rendered(Fingerprint, String),
    /// It could not be rendered: why.
    Failed(String),
}

impl PageMaker<'_> {
    /// `route` with `data` as the page for `file` under the build, with a
    /// print note when asked and the page has a canonical address; not
    /// rendered when it was made from the same last time, and is there.
    fn make(&self, route: &str, file: &str, data: PageData, links: &str, print_note: bool) -> Made {
        let inputs = self.inputs(route, links, print_note, &[&data.to_json()]);
        self.make_from(route, file, inputs, links, print_note, || data)
    }

    /// Everything a page is made from: the run's (build, deployment,
    /// site.json), the route, what its head links to, whether it has a
    /// print note, and `parts` (what it embeds, or what that is made from).
    fn inputs(&self, route: &str, links: &str, print_note: bool, parts: &[&str]) -> Fingerprint {
        let page = [route, links, if print_note { "print" } else { "" }];
        Fingerprint::of(self.run_inputs, &[&page[..], parts].concat())
    }

    /// The page for `file`, made from `inputs`: as it is when it was made
    /// from the same last time and is there; else rendered from `data()`.
    fn make_from(
        &self,
        route: &str,
        file: &str,
        inputs: Fingerprint,
        links: &str,
        print_note: bool,
        data: impl FnOnce() -> PageData,
    ) -> Made {
        if self.last.unchanged(file, inputs) && self.dist.join(file).is_file() {
            return Made::AsBefore(inputs);
        }
        let data = data();
        let json = data.to_json();
        let env = self.env;
        // One document that makes a view panic costs its own page only.
        let Ok(rendered) = catch_unwind(AssertUnwindSafe(|| render(env, route, data))) else {
            return Made::Failed(format!(
                "{route}: rendering it failed (a panic: a bug to report)"
            ));
        };
        let Some((title, tags)) = rendered.head else {
            return Made::Failed(format!("{route}: the page declared no title"));
        };
        let mut head = String::new();
        for tag in &tags {
            head.push_str(&tag.to_html());
        }
        head.push_str(links);
        let path = format!("{}{route}", env.router_base);
        let note = print_note
            .then(|| PrintNote::from_head(&path, &tags, self.lang))
            .flatten()
            .map(|note| note.to_html())
            .unwrap_or_default();
        let html = self.template.compose(&PageParts {
            title: &title,
            head: &head,
            body: &rendered.body,
            data: &json,
            after_app: &note,
        });
        Made::Rendered(inputs, html)
    }
}

/// Writes the pages of a run.
struct Pages<'a> {
    maker: PageMaker<'a>,
    writer: Writer,
    report: &'a mut Report,
    progress: &'a Progress,
    records: Records,
    /// What each page is made from, for the next run.
    this_run: state::ThisRun,
}

/// What became of a page.
enum Written {
    /// Rendered, and written if its text changed.
    Rendered,
    /// Made from what it was made from last time: left as it is.
    AsBefore,
    /// It could not be rendered (named); an earlier run's page kept.
    Failed,
}

/// An article as a worker hands it over.
enum Fetched {
    Read(Box<Article>, Made),
    /// The endpoint says it is not there: the line to say.
    Gone(String),
    /// Its document could not be read or decoded: why.
    Unreadable(String),
}

impl Pages<'_> {
    /// Makes the page of `route` and writes it to `file` ([`PageMaker::make`]).
    fn write(
        &mut self,
        route: &str,
        file: &str,
        data: PageData,
        links: &str,
        print_note: bool,
    ) -> Result<Written, String> {
        let made = self.maker.make(route, file, data, links, print_note);
        self.store(file, made)
    }

    /// Writes a page made, or keeps the last run's.
    fn store(&mut self, file: &str, made: Made) -> Result<Written, String> {
        match made {
            Made::AsBefore(inputs) => {
                self.report.pages += 1;
                self.writer.keep_unchanged(file);
                self.this_run.set(file, inputs);
                Ok(Written::AsBefore)
            }
            Made::Rendered(inputs, html) => {
                self.report.pages += 1;
                self.report.rendered += 1;
                self.writer.write(file, &html)?;
                self.this_run.set(file, inputs);
                Ok(Written::Rendered)
            }
            Made::Failed(why) => {
                self.report.rendered += 1;
                // A run that failed never deletes a page.
                let kept = if self.keep(file) {
                    " (its page kept as it was)"
                } else {
                    ""
                };
                self.skip(format!("{why}{kept}"));
                Ok(Written::Failed)
            }
        }
    }

    /// Leaves `file` as an earlier run wrote it, if it is there.
    fn keep(&mut self, file: &str) -> bool {
        self.this_run.keep(file, self.maker.last);
        self.writer.keep(file)
    }

    /// Names what was left out, on stderr now and in the report.
    fn skip(&mut self, line: String) {
        self.progress.say(&format!("prerender: skipped {line}"));
        self.report.skipped.push(line);
    }
}

/// An article's page, made from its document's text (as the endpoint sent
/// it: what the page embeds of it follows from it), the related articles
/// and the neighbours it shows; nothing is built for it when it is as
/// before.
fn article_made(
    maker: &PageMaker,
    endpoint: &endpoint::Endpoint,
    known: &HashMap<&str, &ArticleSummary>,
    links: &str,
    article: Article,
    text: &str,
) -> (Article, Made) {
    let route = routes::article("", &article.slug);
    let file = format!("bai-viet/{}.html", article.slug);
    let mut shown = PageData {
        related: Some(endpoint.related(&article, known)),
        ..PageData::default()
    };
    (shown.newer, shown.older) = endpoint.neighbours(&article);
    // A printed article leads back to its page.
    let inputs = maker.inputs(&route, links, true, &["article", text, &shown.to_json()]);
    let made = maker.make_from(&route, &file, inputs, links, true, || {
        let mut data = endpoint.common_documents();
        data.insert(
            &format!("articles/{}.json", article.slug),
            crate::embedded::article(text),
        );
        PageData {
            documents: data.documents,
            ..shown
        }
    });
    (article, made)
}

/// The article a page of the last run shows (its document, as the page
/// embeds it), to show it again when its document cannot be read now.
fn last_known(page: &Path, document: &str) -> Option<(Article, String)> {
    let html = std::fs::read_to_string(page).ok()?;
    let data: PageData = portal_reader::api::decode_text(&embedded_data(&html)?).ok()?;
    let (_, text) = data
        .documents
        .into_iter()
        .find(|(path, _)| path == document)?;
    Some((portal_reader::api::decode_text(&text).ok()?, text))
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
