//! One import: a NukeViet database in, a complete endpoint out
//! (`site.json`, `articles.json` and its `next` pages, `articles/{slug}.json`,
//! `stats.json`, the images, and `legacy-urls.json` for the redirects).
//!
//! Every article's fields but its body are computed on every run from the
//! rows (cheap: no body is read); a body is read only for an article that is
//! new or edited since the last run (`edittime`), or whose document is
//! missing. An article that is no longer published loses its document.
//! One bad row costs only itself: it is named and skipped.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::Instant;

use mysql::Value;
use portal_deploy::progress::Progress;
use portal_deploy::writer::{Lock, Writer};
use serde_json::{json, Map, Value as Json};

use crate::body::{self, MAX_BODY_BYTES};
use crate::db::{self, identifier, number, text, Db};
use crate::files::{Files, Placed, Placer, SitePath};
use crate::legacy::{self, Forms, Target};
use crate::rules::{
    article_slug, category_ids, category_slug, category_visible, is_published, local_time,
    optional_text, rating,
};
use crate::stats::{self, CounterRow};

/// Where the import's own memory of the last run is kept, in the endpoint
/// folder (ids, edit times and fingerprints: nothing a reader could use).
pub const STATE_FILE: &str = ".nukeviet-import.json";

pub struct Options {
    pub db: String,
    pub socket: Option<String>,
    pub prefix: String,
    pub lang: String,
    pub module: String,
    pub files: Files,
    /// The portal's public address (ending in `/`): `site_url`, and what
    /// the old site's root-relative addresses meant.
    pub site_url: String,
    pub out: PathBuf,
    /// Unix seconds taken as now (tests fix it).
    pub now: i64,
    /// Articles per list page.
    pub page_size: usize,
    /// Read every body again, whatever the last run read.
    pub full: bool,
    /// Import even when the database has less than half the articles the
    /// last run wrote.
    pub allow_shrink: bool,
    /// Where the endpoint will be public (ending in `/`): links of bodies to
    /// files copied into it are absolute on it (a link is resolved against
    /// the page, an image against the endpoint).
    pub endpoint_url: String,
}

#[derive(Default)]
pub struct Report {
    pub published: usize,
    pub bodies_read: usize,
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
    pub files_copied: usize,
    pub skipped: Vec<String>,
    pub notes: Vec<String>,
    pub seconds: f64,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "import-nukeviet: {} articles published, {} bodies read, {} files written, {} unchanged, {} removed, {} images copied, {} rows skipped, in {:.1} s",
            self.published,
            self.bodies_read,
            self.written,
            self.unchanged,
            self.removed,
            self.files_copied,
            self.skipped.len(),
            self.seconds
        )
    }
}

/// The tables of one news module.
struct Tables {
    rows: String,
    detail: String,
    cat: String,
    sources: String,
    tags_id: String,
    author: String,
    authorlist: String,
    config: String,
    counter: String,
    sessions: String,
    modules: String,
}

impl Tables {
    fn new(prefix: &str, lang: &str, module: &str) -> Tables {
        let news = |t: &str| format!("{prefix}_{lang}_{module}_{t}");
        Tables {
            rows: news("rows"),
            detail: news("detail"),
            cat: news("cat"),
            sources: news("sources"),
            tags_id: news("tags_id"),
            author: news("author"),
            authorlist: news("authorlist"),
            config: format!("{prefix}_config"),
            counter: format!("{prefix}_counter"),
            sessions: format!("{prefix}_sessions"),
            modules: format!("{prefix}_{lang}_modules"),
        }
    }
}

struct Category {
    id: u64,
    parent: u64,
    alias: String,
    slug: String,
    name: String,
    visible: bool,
    /// In `site.json` (not when its parents make a cycle).
    listed: bool,
    sort: i64,
}

/// An article row, decoded.
struct Row {
    id: u64,
    catid: u64,
    listcatid: Vec<u64>,
    topicid: u64,
    author: String,
    sourceid: u64,
    edittime: i64,
    publtime: i64,
    title: String,
    alias: String,
    slug: String,
    summary: Option<String>,
    image: String,
    image_alt: Option<String>,
    thumb: i64,
    views: u64,
    rating: (u64, u64),
}

/// What the last run wrote, by article id.
#[derive(Default)]
struct State {
    /// id → (slug, edittime, fingerprint of the fields but the body).
    articles: HashMap<u64, (String, i64, u64)>,
    /// id → (edittime, why): bodies that could not be imported, not read
    /// again until the article is edited.
    failed: HashMap<u64, (i64, String)>,
}

impl State {
    fn read(path: &Path) -> State {
        let Some(doc) = std::fs::read_to_string(path)
            .ok()
            .and_then(|t| serde_json::from_str::<Json>(&t).ok())
        else {
            return State::default();
        };
        let mut articles = HashMap::new();
        if let Some(list) = doc["articles"].as_array() {
            for item in list {
                let (Some(id), Some(slug), Some(edit), Some(print)) = (
                    item[0].as_u64(),
                    item[1].as_str(),
                    item[2].as_i64(),
                    item[3].as_u64(),
                ) else {
                    continue;
                };
                articles.insert(id, (slug.to_string(), edit, print));
            }
        }
        let mut failed = HashMap::new();
        if let Some(list) = doc["failed"].as_array() {
            for item in list {
                if let (Some(id), Some(edit), Some(why)) =
                    (item[0].as_u64(), item[1].as_i64(), item[2].as_str())
                {
                    failed.insert(id, (edit, why.to_string()));
                }
            }
        }
        State { articles, failed }
    }

    fn text(&self) -> String {
        let mut list: Vec<_> = self.articles.iter().collect();
        list.sort_by_key(|(id, _)| **id);
        let list: Vec<Json> = list
            .into_iter()
            .map(|(id, (slug, edit, print))| json!([id, slug, edit, print]))
            .collect();
        let mut failed: Vec<_> = self.failed.iter().collect();
        failed.sort_by_key(|(id, _)| **id);
        let failed: Vec<Json> = failed
            .into_iter()
            .map(|(id, (edit, why))| json!([id, edit, why]))
            .collect();
        json!({ "version": 1, "articles": list, "failed": failed }).to_string()
    }
}

/// Runs the import.
pub fn run(options: &Options, progress: &Progress) -> Result<Report, String> {
    let started = Instant::now();
    let prefix = identifier("--prefix", &options.prefix)?;
    let lang = identifier("--lang", &options.lang)?;
    let module = identifier("--module", &options.module)?;
    std::fs::create_dir_all(options.out.join("articles"))
        .map_err(|e| format!("{}: {e}", options.out.display()))?;
    let _lock = Lock::take(&options.out)?;
    let mut report = Report::default();
    let t = Tables::new(&prefix, &lang, &module);
    let mut db = Db::connect(&options.db, options.socket.as_deref(), &prefix)?;
    for required in [&t.rows, &t.cat] {
        if !db.has_table(required) {
            return Err(format!(
                "the database has no table {required} (--prefix {prefix}, --lang {lang}, --module {module})"
            ));
        }
    }

    // The site: its name, its module's URL name and rewrite settings.
    let config = read_config(&mut db, &t, &lang)?;
    let get = |lang: &str, module: &str, name: &str| {
        config
            .get(&(lang.to_string(), module.to_string(), name.to_string()))
            .cloned()
    };
    let (module_title, upload) = module_names(&mut db, &t, &module);
    let site_name = get(&lang, "global", "site_name")
        .and_then(|n| optional_text(&n))
        .unwrap_or_else(|| module_title.clone());
    let st_links: usize = get(&lang, &module_title, "st_links")
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(10)
        .min(50);
    let extension = get("sys", "global", "rewrite_exturl").unwrap_or_else(|| ".html".into());
    let optional = get("sys", "global", "rewrite_optional").is_some_and(|v| v.trim() == "1");
    let op_mod = get("sys", "global", "rewrite_op_mod").unwrap_or_default();
    let forms = Forms::new(&lang, &module_title, &extension, optional, op_mod.trim());

    // Categories, their tree and visibility.
    let (categories, bad_categories) = read_categories(&mut db, &t, &mut report)?;
    let by_id: HashMap<u64, &Category> = categories.iter().map(|c| (c.id, c)).collect();

    let sources = read_sources(&mut db, &t, &mut report)?;
    let tags = read_tags(&mut db, &t, &mut report)?;
    let pen_names = read_pen_names(&mut db, &t, &mut report)?;
    let source_texts = read_source_texts(&mut db, &t, &mut report)?;

    // Every article row; the published ones kept.
    let rows = read_rows(
        &mut db,
        &t,
        options.now,
        &by_id,
        &bad_categories,
        &mut report,
    )?;
    // A database half restored (tables dropped, re-created, then filled)
    // reads as a portal that lost its articles: refused before anything is
    // written, unless the operator says so.
    let before = State::read(&options.out.join(STATE_FILE)).articles.len();
    if !options.allow_shrink && before >= 10 && rows.len() * 2 < before {
        return Err(format!(
            "the database has {} published articles, the last import wrote {before}: nothing written (a half-restored database?); --allow-shrink imports it anyway",
            rows.len()
        ));
    }

    // The files' places, and the old site's meaning of `/uploads/…`.
    let mut origins: Vec<String> = Vec::new();
    for url in [
        Some(options.site_url.as_str()),
        match &options.files {
            Files::Url(u) => Some(u.as_str()),
            Files::Dir(_) => None,
        },
    ]
    .into_iter()
    .flatten()
    {
        if let Some(origin) = portal_reader::urls::origin_of(url) {
            origins.push(origin);
        }
    }
    let old_site = match &options.files {
        Files::Url(u) => u.clone(),
        Files::Dir(_) => options.site_url.clone(),
    };
    let mut placer = Placer::new(options.files.clone(), &options.out);
    placer.upload = upload.clone();
    let mut writer = Writer::new(&options.out);

    // Whose body is to be read: new articles, edited ones, and any whose
    // document is missing.
    let state_path = options.out.join(STATE_FILE);
    let last = match options.full {
        true => State::default(),
        false => State::read(&state_path),
    };
    let mut next = State::default();
    let mut need_body: HashSet<u64> = HashSet::new();
    // Bodies that cannot be imported, known before any is read: too long
    // (asked of the database), or failed last time and not edited since.
    let mut excluded: HashMap<u64, String> = HashMap::new();
    for row in &rows {
        let file = format!("articles/{}.json", row.slug);
        if let Some((edit, why)) = last
            .failed
            .get(&row.id)
            .filter(|(edit, _)| *edit == row.edittime)
        {
            excluded.insert(row.id, why.clone());
            next.failed.insert(row.id, (*edit, why.clone()));
            continue;
        }
        let fresh = match last.articles.get(&row.id) {
            Some((slug, edit, _)) => *slug != row.slug || *edit != row.edittime,
            None => true,
        };
        if fresh || !writer.path(&file).is_file() {
            need_body.insert(row.id);
        }
    }
    for (id, length) in body_lengths(&mut db, &t, &need_body)? {
        if length > MAX_BODY_BYTES {
            let why = format!("bodyhtml is {length} bytes, over {MAX_BODY_BYTES}");
            excluded.insert(id, why.clone());
            need_body.remove(&id);
            if let Some(row) = rows.iter().find(|r| r.id == id) {
                next.failed.insert(id, (row.edittime, why));
            }
        }
    }
    for (id, why) in &excluded {
        report
            .skipped
            .push(format!("{} id {id}: {why}; skipped", t.detail));
    }

    // Each article's document but its body, made when its turn comes (not
    // kept for all at once: at 100 000 articles that is most of the
    // memory): related articles among those imported, as NukeViet's
    // article page lists them.
    let mut related = related(&rows, st_links, &excluded);
    let meta_of =
        |index: usize, related: &[Vec<u32>], placer: &mut Placer, problems: &mut Vec<String>| {
            let row = &rows[index];
            let slugs: Vec<String> = related[index]
                .iter()
                .map(|&j| rows[j as usize].slug.clone())
                .collect();
            let mut mine = Vec::new();
            let meta = metadata(
                row,
                &by_id,
                &sources,
                &tags,
                &pen_names,
                source_texts.get(&row.id),
                &slugs,
                placer,
                &mut mine,
            );
            problems.extend(
                mine.into_iter()
                    .map(|p| format!("{} id {}: {p}", t.rows, row.id)),
            );
            let print = fingerprint(&meta);
            (meta, print)
        };

    // First the articles whose body is as the last run read it: kept, or
    // patched with their new figures (views, ratings, related…).
    progress.start("import", rows.len(), "articles");
    let mut waiting: HashMap<u64, usize> = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        if excluded.contains_key(&row.id) {
            continue;
        }
        if need_body.contains(&row.id) {
            waiting.insert(row.id, index);
            continue;
        }
        progress.step();
        let (meta, print) = meta_of(index, &related, &mut placer, &mut report.skipped);
        let file = format!("articles/{}.json", row.slug);
        let unchanged = last
            .articles
            .get(&row.id)
            .is_some_and(|(_, _, p)| *p == print);
        if unchanged && writer.keep(&file) {
            writer.unchanged += 1;
            next.articles
                .insert(row.id, (row.slug.clone(), row.edittime, print));
            continue;
        }
        let old = std::fs::read_to_string(writer.path(&file))
            .ok()
            .and_then(|t| serde_json::from_str::<Json>(&t).ok());
        match old.as_ref().and_then(|d| d["body_html"].as_str()) {
            Some(body) => {
                let mut doc = meta;
                doc.insert("body_html".into(), Json::String(body.to_string()));
                writer.write(&file, &Json::Object(doc).to_string())?;
                next.articles
                    .insert(row.id, (row.slug.clone(), row.edittime, print));
            }
            // Unreadable: its body is read below after all.
            None => {
                waiting.insert(row.id, index);
            }
        }
    }
    let need_body: HashSet<u64> = waiting.keys().copied().collect();

    // Then the bodies, streamed: each document written as its body comes.
    let site = body::Site {
        url: &old_site,
        origins: &origins,
        endpoint: &options.endpoint_url,
    };
    let mut failure: Option<String> = None;
    let mut gone: HashMap<u64, String> = HashMap::new();
    let mut on_body = |id: u64, body: Result<String, String>| {
        let Some(index) = waiting.remove(&id) else {
            return;
        };
        progress.step();
        let row = &rows[index];
        let file = format!("articles/{}.json", row.slug);
        let html = match body {
            Ok(html) => html,
            Err(problem) => {
                report
                    .skipped
                    .push(format!("{} id {id}: {problem}; skipped", t.detail));
                next.failed.insert(id, (row.edittime, problem.clone()));
                gone.insert(id, problem);
                return;
            }
        };
        report.bodies_read += 1;
        let (meta, print) = meta_of(index, &related, &mut placer, &mut report.skipped);
        let mut problems = Vec::new();
        let html = body::rewrite(&html, &site, &mut placer, &mut problems);
        for problem in problems {
            report
                .skipped
                .push(format!("{} id {id}: {problem}", t.detail));
        }
        let mut doc = meta;
        doc.insert("body_html".into(), Json::String(html));
        match writer.write(&file, &Json::Object(doc).to_string()) {
            Ok(()) => {
                next.articles
                    .insert(id, (row.slug.clone(), row.edittime, print));
            }
            Err(e) => failure = failure.take().or(Some(e)),
        }
    };
    read_bodies(&mut db, &t, &need_body, &mut on_body)?;
    // An article without a `_detail` row: its summary is all it has (the
    // others are done, and passed over).
    for &id in &need_body {
        on_body(id, Ok(String::new()));
    }
    if let Some(error) = failure {
        return Err(error);
    }
    progress.finish();
    report.notes.append(&mut db.notes);

    // A body that failed as it was read (not UTF-8): its article is no
    // one's related article, so the others' documents are patched.
    if !gone.is_empty() {
        excluded.extend(gone);
        related = crate::import::related(&rows, st_links, &excluded);
        for (index, row) in rows.iter().enumerate() {
            let Some(entry) = next.articles.get_mut(&row.id) else {
                continue;
            };
            // Its problems were said when it was written.
            let (meta, print) = meta_of(index, &related, &mut placer, &mut Vec::new());
            if entry.2 == print {
                continue;
            }
            let file = format!("articles/{}.json", row.slug);
            let old = std::fs::read_to_string(writer.path(&file))
                .ok()
                .and_then(|t| serde_json::from_str::<Json>(&t).ok());
            if let Some(body) = old.as_ref().and_then(|d| d["body_html"].as_str()) {
                let mut doc = meta;
                doc.insert("body_html".into(), Json::String(body.to_string()));
                writer.write(&file, &Json::Object(doc).to_string())?;
                entry.2 = print;
            }
        }
    }

    // Articles gone since the last run: their documents go too.
    let kept: HashSet<&str> = next
        .articles
        .values()
        .map(|(slug, _, _)| slug.as_str())
        .collect();
    report.removed += remove_stale_documents(&options.out.join("articles"), &kept)?;

    // The lists, newest first, in pages.
    let written_ids: HashSet<u64> = next.articles.keys().copied().collect();
    let listed: Vec<&Row> = rows
        .iter()
        .filter(|r| written_ids.contains(&r.id))
        .collect();
    let pages = list_pages(&listed, &by_id, &mut placer, options.page_size.max(1));
    let page_count = pages.len();
    for (i, page) in pages.into_iter().enumerate() {
        writer.write(&list_file(i), &page.to_string())?;
    }
    report.removed += remove_stale_numbered(&options.out, "articles-", page_count)?;

    // The site, the statistics, the old addresses.
    writer.write(
        "site.json",
        &site_document(&site_name, &lang, &options.site_url, &categories).to_string(),
    )?;
    if let Some(stats) = read_stats(&mut db, &t, options.now)? {
        writer.write("stats.json", &stats.to_string())?;
    }
    let redirects = old_addresses(&forms, &listed, &by_id, &categories);
    let pages = legacy::documents(&redirects);
    for (i, page) in pages.iter().enumerate() {
        writer.write(&legacy::page_file(i), &page.to_string())?;
    }
    report.removed += remove_stale_numbered(&options.out, "legacy-urls-", pages.len())?;
    portal_deploy::writer::write_atomically(&state_path, next.text().as_bytes())?;

    report.published = next.articles.len();
    report.written = writer.written;
    report.unchanged = writer.unchanged;
    report.files_copied = placer.copied;
    report.notes.append(&mut db.notes);
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn list_file(index: usize) -> String {
    match index {
        0 => "articles.json".into(),
        n => format!("articles-{}.json", n + 1),
    }
}

/// `(lang, module, name)` → value, for the site's rows and the module's.
fn read_config(
    db: &mut Db,
    t: &Tables,
    lang: &str,
) -> Result<HashMap<(String, String, String), String>, String> {
    let mut config = HashMap::new();
    if !db.has_table(&t.config) {
        db.note_missing(&t.config, "the site name is the module's");
        return Ok(config);
    }
    let rows = db.rows_with(
        &format!(
            "SELECT lang, module, config_name, config_value FROM `{}` WHERE lang = ? OR lang = 'sys'",
            t.config
        ),
        Value::from(lang),
    )?;
    for row in rows {
        let values: Vec<String> = row.iter().map(|v| text(v).unwrap_or_default()).collect();
        if let [l, m, n, v] = values.as_slice() {
            config.insert((l.clone(), m.clone(), n.clone()), v.clone());
        }
    }
    Ok(config)
}

/// The module's URL name (`modules.title`) and its uploads folder
/// (`modules.module_upload`, since 4.0.18) for its tables' name; the table
/// name for both when the modules table does not say.
fn module_names(db: &mut Db, t: &Tables, module: &str) -> (String, String) {
    let fallback = (module.to_string(), module.to_string());
    if !db.has_column(&t.modules, "module_data") {
        return fallback;
    }
    let list = db.select_list(&t.modules, &["title", "module_upload"]);
    let Ok(rows) = db.rows_with(
        &format!(
            "SELECT {list} FROM `{}` WHERE module_data = ? ORDER BY title",
            t.modules
        ),
        Value::from(module),
    ) else {
        return fallback;
    };
    let Some(row) = rows.first() else {
        return fallback;
    };
    let plain = |v: &Value| text(v).ok().filter(|s| legacy::is_path(&format!("/{s}/")));
    (
        plain(&row[0]).unwrap_or_else(|| module.to_string()),
        plain(&row[1]).unwrap_or_else(|| module.to_string()),
    )
}

/// The categories, and the ids of the rows that could not be read (their
/// articles are named when they are left out).
fn read_categories(
    db: &mut Db,
    t: &Tables,
    report: &mut Report,
) -> Result<(Vec<Category>, HashSet<u64>), String> {
    let list = db.select_list(
        &t.cat,
        &[
            "catid", "parentid", "title", "alias", "status", "sort", "weight",
        ],
    );
    let mut raw: Vec<Category> = Vec::new();
    let mut bad = Vec::new();
    let mut bad_ids = HashSet::new();
    db.each_row(&format!("SELECT {list} FROM `{}`", t.cat), |v| {
        let decoded = (|| -> Result<Category, String> {
            let id = number(&v[0])? as u64;
            let alias = text(&v[3]).map_err(|e| format!("catid {id}: alias {e}"))?;
            let name = text(&v[2]).map_err(|e| format!("catid {id}: title {e}"))?;
            let status = match v[4] {
                Value::NULL => 1,
                ref s => number(s)?,
            };
            Ok(Category {
                id,
                parent: number(&v[1])?.max(0) as u64,
                slug: category_slug(&alias).map_err(|e| format!("catid {id}: {e}"))?,
                alias,
                name: optional_text(&name).unwrap_or_default(),
                visible: category_visible(status),
                listed: true,
                sort: number(&v[5]).unwrap_or(0) * 100_000 + number(&v[6]).unwrap_or(0),
            })
        })();
        match decoded {
            Ok(c) => raw.push(c),
            Err(e) => {
                bad_ids.extend(number(&v[0]).ok().map(|id| id as u64));
                bad.push(format!("{}: {e}; skipped", t.cat));
            }
        }
    })?;
    report.skipped.append(&mut bad);
    // A parent chain that comes back to itself is no tree: those categories
    // are left out of the site (their articles still listed).
    let parents: HashMap<u64, u64> = raw.iter().map(|c| (c.id, c.parent)).collect();
    let mut in_cycle = HashSet::new();
    for c in &raw {
        let mut seen = HashSet::new();
        let mut at = c.id;
        while at != 0 && seen.insert(at) {
            at = parents.get(&at).copied().unwrap_or(0);
        }
        if at != 0 && at == c.id {
            in_cycle.insert(c.id);
        }
    }
    for c in raw.iter_mut().filter(|c| in_cycle.contains(&c.id)) {
        report.skipped.push(format!(
            "{}: catid {} ({}) is its own ancestor through parentid; left out of site.json (its articles are imported)",
            t.cat, c.id, c.alias
        ));
        c.listed = false;
        c.parent = 0;
    }
    raw.sort_by_key(|c| (c.sort, c.id));
    Ok((raw, bad_ids))
}

fn read_sources(
    db: &mut Db,
    t: &Tables,
    report: &mut Report,
) -> Result<HashMap<u64, (String, Option<String>)>, String> {
    let mut out = HashMap::new();
    if !db.has_table(&t.sources) {
        db.note_missing(&t.sources, "no sources");
        return Ok(out);
    }
    let list = db.select_list(&t.sources, &["sourceid", "title", "link"]);
    db.each_row(&format!("SELECT {list} FROM `{}`", t.sources), |v| {
        match (number(&v[0]), text(&v[1]), text(&v[2])) {
            (Ok(id), Ok(title), Ok(link)) => {
                let link = portal_reader::urls::gate(
                    "https://x.invalid/",
                    link.trim(),
                    portal_reader::urls::UrlUse::Link,
                )
                .filter(|l| {
                    !link.trim().is_empty()
                        && !l.starts_with("https://x.invalid/")
                        && !l.starts_with("mailto:")
                });
                if let Some(name) = optional_text(&title) {
                    out.insert(id as u64, (name, link));
                }
            }
            _ => report.skipped.push(format!(
                "{}: a row that is not UTF-8 or numbers; skipped",
                t.sources
            )),
        }
    })?;
    Ok(out)
}

fn read_tags(
    db: &mut Db,
    t: &Tables,
    report: &mut Report,
) -> Result<HashMap<u64, Vec<String>>, String> {
    let mut out: HashMap<u64, Vec<String>> = HashMap::new();
    if !db.has_table(&t.tags_id) {
        db.note_missing(&t.tags_id, "no tags");
        return Ok(out);
    }
    db.each_row(
        &format!("SELECT id, keyword FROM `{}` ORDER BY id, tid", t.tags_id),
        |v| match (number(&v[0]), text(&v[1])) {
            (Ok(id), Ok(keyword)) => {
                if let Some(keyword) = optional_text(&keyword) {
                    let list = out.entry(id as u64).or_default();
                    if !list.contains(&keyword) {
                        list.push(keyword);
                    }
                }
            }
            _ => report
                .skipped
                .push(format!("{}: a tag that is not UTF-8; skipped", t.tags_id)),
        },
    )?;
    Ok(out)
}

/// Active pen names of each article (NukeViet 4.5's `_authorlist`).
fn read_pen_names(
    db: &mut Db,
    t: &Tables,
    report: &mut Report,
) -> Result<HashMap<u64, Vec<String>>, String> {
    let mut out: HashMap<u64, Vec<String>> = HashMap::new();
    if !db.has_table(&t.authorlist) || !db.has_table(&t.author) {
        db.note_missing(&t.authorlist, "no pen names (before NukeViet 4.5)");
        return Ok(out);
    }
    let sql = format!(
        "SELECT l.id, l.pseudonym FROM `{}` l JOIN `{}` a ON l.aid = a.id WHERE a.active = 1 ORDER BY l.id, l.aid",
        t.authorlist, t.author
    );
    db.each_row(&sql, |v| match (number(&v[0]), text(&v[1])) {
        (Ok(id), Ok(name)) => {
            if let Some(name) = optional_text(&name) {
                out.entry(id as u64).or_default().push(name);
            }
        }
        _ => report.skipped.push(format!(
            "{}: a pen name that is not UTF-8; skipped",
            t.authorlist
        )),
    })?;
    Ok(out)
}

/// `_detail.sourcetext` of each article: the source's name or address as
/// the editor typed it.
fn read_source_texts(
    db: &mut Db,
    t: &Tables,
    _report: &mut Report,
) -> Result<HashMap<u64, String>, String> {
    let mut out = HashMap::new();
    if !db.has_column(&t.detail, "sourcetext") {
        return Ok(out);
    }
    db.each_row(
        &format!(
            "SELECT id, sourcetext FROM `{}` WHERE sourcetext <> ''",
            t.detail
        ),
        |v| {
            if let (Ok(id), Ok(source)) = (number(&v[0]), text(&v[1])) {
                out.insert(id as u64, source);
            }
        },
    )?;
    Ok(out)
}

fn read_rows(
    db: &mut Db,
    t: &Tables,
    now: i64,
    categories: &HashMap<u64, &Category>,
    bad_categories: &HashSet<u64>,
    report: &mut Report,
) -> Result<Vec<Row>, String> {
    const COLUMNS: &[&str] = &[
        "id",
        "catid",
        "listcatid",
        "topicid",
        "author",
        "sourceid",
        "edittime",
        "status",
        "publtime",
        "exptime",
        "title",
        "alias",
        "hometext",
        "homeimgfile",
        "homeimgalt",
        "homeimgthumb",
        "hitstotal",
        "total_rating",
        "click_rating",
    ];
    let list = db.select_list(&t.rows, COLUMNS);
    let mut rows = Vec::new();
    let mut skipped = Vec::new();
    db.each_row(&format!("SELECT {list} FROM `{}`", t.rows), |v| {
        let id = match number(&v[0]) {
            Ok(id) if id > 0 => id as u64,
            _ => {
                skipped.push(format!("{}: a row without a numeric id; skipped", t.rows));
                return;
            }
        };
        let decoded = (|| -> Result<Option<Row>, String> {
            let n = |i: usize| number(&v[i]).map_err(|e| format!("{}: {e}", COLUMNS[i]));
            let s = |i: usize| text(&v[i]).map_err(|e| format!("{}: {e}", COLUMNS[i]));
            let (status, publtime, exptime, catid) = (n(7)?, n(8)?, n(9)?, n(1)? as u64);
            // Its main category must exist and be shown (a deleted one is
            // not public, as NukeViet's own pages have it).
            let visible = categories.get(&catid).is_some_and(|c| c.visible);
            if !is_published(status, publtime, exptime, now) {
                return Ok(None);
            }
            if bad_categories.contains(&catid) {
                return Err(format!("its category (catid {catid}) could not be read"));
            }
            if !visible {
                return Ok(None);
            }
            let alias = s(11)?;
            let title = s(10)?;
            let slug = article_slug(&alias, id)?;
            let title = optional_text(&title).ok_or("an empty title")?;
            let mut listcatid = category_ids(&s(2)?);
            if !listcatid.contains(&catid) {
                listcatid.insert(0, catid);
            }
            Ok(Some(Row {
                id,
                catid,
                listcatid,
                topicid: n(3)?.max(0) as u64,
                author: s(4)?,
                sourceid: n(5)?.max(0) as u64,
                edittime: n(6)?,
                publtime,
                title,
                alias,
                slug,
                summary: optional_text(&s(12)?),
                image: s(13)?,
                image_alt: optional_text(&s(14)?),
                thumb: n(15)?,
                views: n(16)?.max(0) as u64,
                rating: rating(n(17)?, n(18)?),
            }))
        })();
        match decoded {
            Ok(Some(row)) => rows.push(row),
            Ok(None) => {}
            Err(e) => skipped.push(format!("{} id {id}: {e}; skipped", t.rows)),
        }
    })?;
    report.skipped.append(&mut skipped);
    // Newest first, as every list shows them.
    rows.sort_by(|a, b| b.publtime.cmp(&a.publtime).then(b.id.cmp(&a.id)));
    Ok(rows)
}

/// Related articles of each row (by index), as NukeViet's article page
/// lists them (`funcs/detail.php`, 4.5): the same topic, newest first;
/// then the same category, older ones nearest first, then newer ones
/// nearest first; each list at most `st_links`.
fn related(rows: &[Row], st_links: usize, excluded: &HashMap<u64, String>) -> Vec<Vec<u32>> {
    // `rows` is newest first: each group keeps that order.
    let mut by_topic: HashMap<u64, Vec<usize>> = HashMap::new();
    let mut by_category: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if excluded.contains_key(&row.id) {
            continue;
        }
        if row.topicid > 0 {
            by_topic.entry(row.topicid).or_default().push(i);
        }
        for c in &row.listcatid {
            by_category.entry(*c).or_default().push(i);
        }
    }
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let mut out: Vec<u32> = Vec::new();
            if excluded.contains_key(&row.id) {
                return out;
            }
            let add = |j: usize, out: &mut Vec<u32>| {
                if j != i && !out.contains(&(j as u32)) {
                    out.push(j as u32);
                }
            };
            if let Some(topic) = by_topic.get(&row.topicid) {
                for &j in topic.iter().filter(|&&j| j != i).take(st_links) {
                    add(j, &mut out);
                }
            }
            if let Some(group) = by_category.get(&row.catid) {
                // Groups hold row indices in order: found by bisection.
                let Ok(at) = group.binary_search(&i) else {
                    return out;
                };
                let older = group[at + 1..]
                    .iter()
                    .filter(|&&j| rows[j].publtime < row.publtime)
                    .take(st_links);
                let newer = group[..at]
                    .iter()
                    .rev()
                    .filter(|&&j| rows[j].publtime > row.publtime)
                    .take(st_links);
                for &j in older.chain(newer) {
                    add(j, &mut out);
                }
            }
            out
        })
        .collect()
}

/// An article's fields but its body.
#[allow(clippy::too_many_arguments)]
fn metadata(
    row: &Row,
    categories: &HashMap<u64, &Category>,
    sources: &HashMap<u64, (String, Option<String>)>,
    tags: &HashMap<u64, Vec<String>>,
    pen_names: &HashMap<u64, Vec<String>>,
    source_text: Option<&String>,
    related: &[String],
    placer: &mut Placer,
    problems: &mut Vec<String>,
) -> Map<String, Json> {
    let mut doc = summary_fields(row, categories, placer, problems, false);
    if row.edittime > row.publtime {
        doc.insert("updated_at".into(), json!(local_time(row.edittime)));
    }
    let mut authors: Vec<String> = pen_names.get(&row.id).cloned().unwrap_or_default();
    if let Some(free) = optional_text(&row.author) {
        if !authors.contains(&free) {
            authors.push(free);
        }
    }
    if !authors.is_empty() {
        doc.insert("author".into(), json!(authors.join(", ")));
    }
    let typed = source_text.and_then(|s| optional_text(s));
    match sources.get(&row.sourceid) {
        Some((name, link)) => {
            doc.insert("source".into(), json!(name));
            if let Some(link) = link {
                doc.insert("source_url".into(), json!(link));
            }
        }
        None => {
            if let Some(typed) = typed {
                doc.insert("source".into(), json!(typed));
            }
        }
    }
    if let Some(cover) = image(row, placer, problems, true) {
        doc.insert("cover".into(), cover);
    }
    doc.remove("thumbnail");
    if let Some(tags) = tags.get(&row.id) {
        doc.insert("tags".into(), json!(tags));
    }
    doc.insert("views".into(), json!(row.views));
    doc.insert(
        "rating".into(),
        json!({ "total": row.rating.0, "count": row.rating.1 }),
    );
    if !related.is_empty() {
        doc.insert("related".into(), json!(related));
    }
    doc
}

/// The fields an article's summary and document share.
fn summary_fields(
    row: &Row,
    categories: &HashMap<u64, &Category>,
    placer: &mut Placer,
    problems: &mut Vec<String>,
    thumbnail: bool,
) -> Map<String, Json> {
    let mut doc = Map::new();
    doc.insert("slug".into(), json!(row.slug));
    doc.insert("title".into(), json!(row.title));
    if let Some(summary) = &row.summary {
        doc.insert("summary".into(), json!(summary));
    }
    // Only categories the site lists: a link to one it leaves out (a
    // parentid cycle) would lead nowhere.
    if let Some(category) = categories.get(&row.catid).filter(|c| c.listed) {
        doc.insert("category".into(), json!(category.slug));
    }
    // Every other category it is listed in, with their ancestors: a parent
    // category's page lists its sub-categories' articles, as NukeViet's does.
    let mut also: Vec<String> = Vec::new();
    for id in &row.listcatid {
        let mut at = *id;
        let mut depth = 0;
        while let Some(c) = categories.get(&at) {
            if at != row.catid && c.visible && c.listed && !also.contains(&c.slug) {
                also.push(c.slug.clone());
            }
            at = c.parent;
            depth += 1;
            if at == 0 || depth > 64 {
                break;
            }
        }
    }
    if let Some(main) = categories.get(&row.catid) {
        also.retain(|s| *s != main.slug);
    }
    if !also.is_empty() {
        doc.insert("categories".into(), json!(also));
    }
    doc.insert("published_at".into(), json!(local_time(row.publtime)));
    if thumbnail {
        if let Some(author) = optional_text(&row.author) {
            doc.insert("author".into(), json!(author));
        }
        if let Some(image) = image(row, placer, problems, false) {
            doc.insert("thumbnail".into(), image);
        }
    }
    doc
}

/// The article's image (`homeimgfile` by `homeimgthumb`): the full picture
/// for its page (`cover`), the thumbnail for lists where NukeViet has one.
fn image(row: &Row, placer: &mut Placer, problems: &mut Vec<String>, full: bool) -> Option<Json> {
    let file = row.image.trim();
    if file.is_empty() || row.thumb == 0 {
        return None;
    }
    let placed = if row.thumb == 3 {
        match portal_reader::urls::gate(
            "https://x.invalid/",
            file,
            portal_reader::urls::UrlUse::Image,
        ) {
            Some(url) if !url.starts_with("https://x.invalid/") => Placed::Remote(url),
            _ => {
                problems.push(format!(
                    "homeimgfile {file:?} is not an http(s) address; no image"
                ));
                return None;
            }
        }
    } else {
        let upload = placer.upload.clone();
        let folder = |root: &str| SitePath::new(&format!("{root}/{upload}/{file}"));
        let full_path = folder("uploads");
        let Some(full_path) = full_path.filter(|_| !file.split('/').any(|s| s == ".." || s == "."))
        else {
            problems.push(format!(
                "homeimgfile {file:?} leads outside the uploads folder; no image"
            ));
            return None;
        };
        let wanted = match (row.thumb, full) {
            (1, false) => folder("assets")
                .filter(|p| placer.exists(p))
                .unwrap_or(full_path),
            _ => full_path,
        };
        match placer.place(&wanted) {
            Ok(placed) => placed,
            Err(problem) => {
                problems.push(format!("homeimgfile: {problem}; no image"));
                return None;
            }
        }
    };
    let mut image = json!({ "src": placed.url() });
    if let Some(alt) = &row.image_alt {
        image["alt"] = json!(alt);
    }
    Some(image)
}

fn fingerprint(meta: &Map<String, Json>) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    Json::Object(meta.clone()).to_string().hash(&mut hasher);
    hasher.finish()
}

/// Streams the bodies of `wanted` articles: each one's HTML with its
/// files' references in place, or why it is not imported.
fn read_bodies(
    db: &mut Db,
    t: &Tables,
    wanted: &HashSet<u64>,
    each: &mut impl FnMut(u64, Result<String, String>),
) -> Result<(), String> {
    if wanted.is_empty() {
        return Ok(());
    }
    if !db.has_column(&t.detail, "bodyhtml") {
        return Err(format!(
            "the database has no table {} with bodyhtml (NukeViet before 4.0.29 kept bodies in _bodyhtml_N: upgrade the portal first)",
            t.detail
        ));
    }
    let sql_for = |ids: &str| {
        format!(
            "SELECT id, LENGTH(bodyhtml), IF(LENGTH(bodyhtml) > {MAX_BODY_BYTES}, '', bodyhtml) FROM `{}`{ids}",
            t.detail
        )
    };
    let mut handle = |v: Vec<Value>| {
        let Ok(id) = number(&v[0]) else { return };
        let id = id as u64;
        if !wanted.contains(&id) {
            return;
        }
        let length = number(&v[1]).unwrap_or(0) as usize;
        let body = if length > MAX_BODY_BYTES {
            Err(format!("bodyhtml is {length} bytes, over {MAX_BODY_BYTES}"))
        } else {
            text(&v[2]).map_err(|e| format!("bodyhtml {e}"))
        };
        each(id, body);
    };
    // A few ids: asked for by id; many: the whole table streamed once.
    if wanted.len() <= 2_000 {
        let mut ids: Vec<u64> = wanted.iter().copied().collect();
        ids.sort_unstable();
        for chunk in ids.chunks(500) {
            let list: Vec<String> = chunk.iter().map(u64::to_string).collect();
            db.each_row(
                &sql_for(&format!(" WHERE id IN ({})", list.join(","))),
                &mut handle,
            )?;
        }
        Ok(())
    } else {
        db.each_row(&sql_for(""), handle)
    }
}

/// The length in bytes of the bodies of `ids` that have one.
fn body_lengths(db: &mut Db, t: &Tables, ids: &HashSet<u64>) -> Result<Vec<(u64, usize)>, String> {
    let mut out = Vec::new();
    if ids.is_empty() || !db.has_column(&t.detail, "bodyhtml") {
        return Ok(out);
    }
    let mut push = |v: Vec<Value>| {
        if let (Ok(id), Ok(length)) = (number(&v[0]), number(&v[1])) {
            if ids.contains(&(id as u64)) {
                out.push((id as u64, length.max(0) as usize));
            }
        }
    };
    if ids.len() <= 2_000 {
        let mut list: Vec<u64> = ids.iter().copied().collect();
        list.sort_unstable();
        for chunk in list.chunks(500) {
            let chunk: Vec<String> = chunk.iter().map(u64::to_string).collect();
            db.each_row(
                &format!(
                    "SELECT id, LENGTH(bodyhtml) FROM `{}` WHERE id IN ({})",
                    t.detail,
                    chunk.join(",")
                ),
                &mut push,
            )?;
        }
    } else {
        db.each_row(
            &format!("SELECT id, LENGTH(bodyhtml) FROM `{}`", t.detail),
            &mut push,
        )?;
    }
    Ok(out)
}

/// Removes `articles/*.json` whose slug is not among `kept`.
fn remove_stale_documents(dir: &Path, kept: &HashSet<&str>) -> Result<usize, String> {
    let mut removed = 0;
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    for path in entries.flatten().map(|e| e.path()) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if let Some(slug) = name.strip_suffix(".json") {
            if !kept.contains(slug) && path.is_file() {
                std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

/// Removes pages past the last one (`{prefix}N.json`: `articles-`,
/// `legacy-urls-`).
fn remove_stale_numbered(out: &Path, prefix: &str, pages: usize) -> Result<usize, String> {
    let mut removed = 0;
    let Ok(entries) = std::fs::read_dir(out) else {
        return Ok(0);
    };
    for path in entries.flatten().map(|e| e.path()) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let number = name
            .strip_prefix(prefix)
            .and_then(|n| n.strip_suffix(".json"))
            .and_then(|n| n.parse::<usize>().ok());
        if number.is_some_and(|n| n > pages || n < 2) {
            std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

fn list_pages(
    rows: &[&Row],
    categories: &HashMap<u64, &Category>,
    placer: &mut Placer,
    size: usize,
) -> Vec<Json> {
    let mut pages = Vec::new();
    let chunks: Vec<&[&Row]> = rows.chunks(size).collect();
    let count = chunks.len().max(1);
    for i in 0..count {
        let articles: Vec<Json> = chunks
            .get(i)
            .map(|chunk| {
                chunk
                    .iter()
                    .map(|row| {
                        Json::Object(summary_fields(
                            row,
                            categories,
                            placer,
                            &mut Vec::new(),
                            true,
                        ))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut page = json!({ "articles": articles });
        if i + 1 < count {
            page["next"] = json!(list_file(i + 1));
        }
        pages.push(page);
    }
    pages
}

fn site_document(name: &str, lang: &str, site_url: &str, categories: &[Category]) -> Json {
    let slugs: HashMap<u64, &str> = categories.iter().map(|c| (c.id, c.slug.as_str())).collect();
    let list: Vec<Json> = categories
        .iter()
        .filter(|c| c.visible && c.listed)
        .map(|c| {
            let mut item = json!({ "slug": c.slug, "name": c.name });
            if let Some(parent) = slugs.get(&c.parent) {
                item["parent"] = json!(parent);
            }
            item
        })
        .collect();
    json!({ "name": name, "lang": lang, "site_url": site_url, "categories": list })
}

fn read_stats(db: &mut Db, t: &Tables, now: i64) -> Result<Option<Json>, String> {
    if !db.has_table(&t.counter) {
        db.note_missing(&t.counter, "no visitor statistics");
        return Ok(None);
    }
    let mut rows = Vec::new();
    db.each_row(
        &format!(
            "SELECT c_type, c_val, last_update, c_count FROM `{}` WHERE c_type IN ('day', 'month', 'year', 'total')",
            t.counter
        ),
        |v| {
            if let (Ok(kind), Ok(value), Ok(last_update), Ok(count)) =
                (text(&v[0]), text(&v[1]), number(&v[2]), number(&v[3]))
            {
                rows.push(CounterRow { kind, value, last_update, count: count.max(0) as u64 });
            }
        },
    )?;
    let online = if db.has_column(&t.sessions, "onl_time") {
        let rows = db.rows_with(
            &format!("SELECT COUNT(*) FROM `{}` WHERE onl_time >= ?", t.sessions),
            Value::from(now - 300),
        )?;
        rows.first()
            .and_then(|r| r.first())
            .and_then(|v| db::number(v).ok())
            .map(|n| n as u64)
    } else {
        None
    };
    Ok(Some(stats::stats(&rows, online, now)))
}

/// Every old address of the published articles, categories and feeds.
fn old_addresses(
    forms: &Forms,
    rows: &[&Row],
    categories: &HashMap<u64, &Category>,
    all: &[Category],
) -> Vec<(String, Target)> {
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut push = |from: String, target: Target, out: &mut Vec<(String, Target)>| {
        if seen.insert(from.clone()) {
            out.push((from, target));
        }
    };
    for (from, target) in forms.module() {
        push(from, target, &mut out);
    }
    for c in all.iter().filter(|c| c.visible && c.listed) {
        for (from, feed) in forms.category(&c.alias) {
            let target = match feed {
                true => Target::Feed(Some(c.slug.clone())),
                false => Target::Category(c.slug.clone()),
            };
            push(from, target, &mut out);
        }
    }
    for row in rows {
        if let Some(main) = categories.get(&row.catid).filter(|c| c.visible && c.listed) {
            for from in forms.article(&main.alias, &row.alias, row.id) {
                push(from, Target::Article(row.slug.clone()), &mut out);
            }
        }
    }
    out
}
