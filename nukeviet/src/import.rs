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
use std::path::{Path, PathBuf};
use std::time::Instant;

use portal_deploy::progress::Progress;
use portal_deploy::writer::{Lock, Writer};
use serde_json::{json, Map, Value as Json};

use crate::body::{self, MAX_BODY_BYTES};
use crate::db::{identifier, Db};
use crate::documents::{
    fingerprint, list_file, list_pages, metadata, old_addresses, related, site_document,
};
use crate::files::{Files, Placer, SitePath};
use crate::legacy::{self, Forms};
use crate::read::{
    body_lengths, module_names, read_bodies, read_categories, read_config, read_pen_names,
    read_rows, read_source_texts, read_sources, read_stats, read_tags, Category, Row, Tables,
};
use crate::rules::optional_text;

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

/// What the last run wrote, by article id.
#[derive(Default)]
struct State {
    /// id → (slug, edittime, fingerprint of the fields but the body).
    articles: HashMap<u64, (String, i64, u64)>,
    /// id → (edittime, why): bodies that could not be imported, not read
    /// again until the article is edited.
    failed: HashMap<u64, (i64, String)>,
    /// id → the files of the installation its document names (copied into
    /// the endpoint): removed when no document names them any more.
    files: HashMap<u64, Vec<String>>,
    /// What the documents were made with (the options that reach them): a
    /// run with others reads every body again.
    made_with: String,
}

/// An edit time no row has: the body is read again next run (it named a
/// file not there yet, or had no `_detail` row yet).
const READ_AGAIN: i64 = i64::MIN;

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
        let mut files = HashMap::new();
        if let Some(list) = doc["files"].as_array() {
            for item in list {
                if let (Some(id), Some(names)) = (item[0].as_u64(), item[1].as_array()) {
                    let names = names
                        .iter()
                        .filter_map(|n| n.as_str().map(String::from))
                        .collect();
                    files.insert(id, names);
                }
            }
        }
        let made_with = doc["made_with"].as_str().unwrap_or_default().to_string();
        State {
            articles,
            failed,
            files,
            made_with,
        }
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
        let mut files: Vec<_> = self.files.iter().filter(|(_, f)| !f.is_empty()).collect();
        files.sort_by_key(|(id, _)| **id);
        let files: Vec<Json> = files.into_iter().map(|(id, f)| json!([id, f])).collect();
        json!({ "version": 1, "made_with": self.made_with, "articles": list, "failed": failed, "files": files })
            .to_string()
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
    let (categories, bad_categories) = read_categories(&mut db, &t, &mut report.skipped)?;
    let by_id: HashMap<u64, &Category> = categories.iter().map(|c| (c.id, c)).collect();

    let sources = read_sources(&mut db, &t, &mut report.skipped)?;
    let tags = read_tags(&mut db, &t, &mut report.skipped)?;
    let pen_names = read_pen_names(&mut db, &t, &mut report.skipped)?;
    let source_texts = read_source_texts(&mut db, &t)?;

    // Every article row; the published ones kept.
    let rows = read_rows(
        &mut db,
        &t,
        options.now,
        &by_id,
        &bad_categories,
        &mut report.skipped,
    )?;
    // A database half restored (tables dropped, re-created, then filled)
    // reads as a portal that lost its articles: refused before anything is
    // written, unless the operator says so.
    let state_path = options.out.join(STATE_FILE);
    let previous = State::read(&state_path);
    let before = previous.articles.len();
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
    let made_with = format!(
        "{:?} {} {} {prefix}_{lang}_{module} {upload}",
        options.files, options.site_url, options.endpoint_url
    );
    let none = State::default();
    let last = match options.full || previous.made_with != made_with {
        true => &none,
        false => &previous,
    };
    let mut next = State {
        made_with,
        ..State::default()
    };
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
        placer.log.clear();
        let (meta, print) = meta_of(index, &related, &mut placer, &mut report.skipped);
        // Its body's files as the last run placed them, its image's now.
        let mut files = std::mem::take(&mut placer.log);
        files.extend(last.files.get(&row.id).cloned().unwrap_or_default());
        next.files.insert(row.id, files);
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
        match with_last_body(&mut writer, &file, meta)? {
            true => {
                next.articles
                    .insert(row.id, (row.slug.clone(), row.edittime, print));
            }
            // Unreadable: its body is read below after all.
            false => {
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
    let mut on_body = |id: u64, body: Result<String, String>, complete: bool| {
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
        placer.log.clear();
        let (meta, print) = meta_of(index, &related, &mut placer, &mut report.skipped);
        let mut problems = Vec::new();
        let html = body::rewrite(&html, &site, &mut placer, &mut problems);
        next.files.insert(id, std::mem::take(&mut placer.log));
        // A file not there yet, or no `_detail` row yet (NukeViet writes
        // `_rows` first): read again next run, not kept as it is for good.
        let edit = match complete && problems.is_empty() {
            true => row.edittime,
            false => READ_AGAIN,
        };
        for problem in problems {
            report
                .skipped
                .push(format!("{} id {id}: {problem}", t.detail));
        }
        let mut doc = meta;
        doc.insert("body_html".into(), Json::String(html));
        match writer.write(&file, &Json::Object(doc).to_string()) {
            Ok(()) => {
                next.articles.insert(id, (row.slug.clone(), edit, print));
            }
            Err(e) => failure = failure.take().or(Some(e)),
        }
    };
    read_bodies(&mut db, &t, &need_body, &mut |id, body| {
        on_body(id, body, true)
    })?;
    // An article without a `_detail` row: its summary is all it has (the
    // others are done, and passed over).
    for &id in &need_body {
        on_body(id, Ok(String::new()), false);
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
            if with_last_body(&mut writer, &file, meta)? {
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
    placer.log.clear();
    let pages = list_pages(&listed, &by_id, &mut placer, options.page_size.max(1));
    // The files no document names any more (an article taken down takes
    // its pictures and attachments with it): those the last run placed.
    let named: HashSet<&String> = next
        .files
        .values()
        .flatten()
        .chain(placer.log.iter())
        .collect();
    if previous.made_with == next.made_with {
        for file in previous.files.values().flatten().collect::<HashSet<_>>() {
            if !named.contains(file)
                && SitePath::new(file).is_some()
                && std::fs::remove_file(options.out.join(file)).is_ok()
            {
                report.removed += 1;
            }
        }
    }
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

/// Writes an article's document `file` with new fields `meta` and the
/// body the last run wrote; `false` (nothing written) when that document
/// cannot be read back.
fn with_last_body(
    writer: &mut Writer,
    file: &str,
    mut meta: Map<String, Json>,
) -> Result<bool, String> {
    let old = std::fs::read_to_string(writer.path(file))
        .ok()
        .and_then(|t| serde_json::from_str::<Json>(&t).ok());
    let Some(body) = old.as_ref().and_then(|d| d["body_html"].as_str()) else {
        return Ok(false);
    };
    meta.insert("body_html".into(), Json::String(body.to_string()));
    writer.write(file, &Json::Object(meta).to_string())?;
    Ok(true)
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
