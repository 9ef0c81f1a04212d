//! The endpoint's documents from what [`crate::read`] read: an article's
//! fields, its images, its related articles as NukeViet lists them, the
//! list pages, `site.json` and the old addresses. Pure but for the files
//! the images need (placed by [`Placer`]).

use std::collections::{HashMap, HashSet};

use serde_json::{json, Map, Value as Json};
use sha2::{Digest, Sha256};

use crate::files::{Placed, Placer, SitePath};
use crate::legacy::{Forms, Target};
use crate::read::{Category, Row};
use crate::rules::{absolute_url, local_time, optional_text};
use portal_reader::urls::UrlUse;

pub(crate) fn list_file(index: usize) -> String {
    match index {
        0 => "articles.json".into(),
        n => format!("articles-{}.json", n + 1),
    }
}

/// Related articles of each row (by index), as NukeViet's article page
/// lists them (`funcs/detail.php`, 4.5): the same topic, newest first;
/// then the same category, older ones nearest first, then newer ones
/// nearest first; each list at most `st_links`.
pub(crate) fn related(
    rows: &[Row],
    st_links: usize,
    excluded: &HashMap<u64, String>,
) -> Vec<Vec<u32>> {
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
pub(crate) fn metadata(
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
pub(crate) fn summary_fields(
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
pub(crate) fn image(
    row: &Row,
    placer: &mut Placer,
    problems: &mut Vec<String>,
    full: bool,
) -> Option<Json> {
    let file = row.image.trim();
    if file.is_empty() || row.thumb == 0 {
        return None;
    }
    let placed = if row.thumb == 3 {
        match absolute_url(file, UrlUse::Image) {
            Some(url) => Placed::Remote(url),
            None => {
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

/// A fingerprint of an article's fields, stable across runs and Rust
/// releases (the standard hasher is neither promised).
pub(crate) fn fingerprint(meta: &Map<String, Json>) -> u64 {
    let text = serde_json::to_string(meta).unwrap_or_default();
    let digest = Sha256::digest(text.as_bytes());
    digest[..8]
        .iter()
        .fold(0u64, |n, b| (n << 8) | u64::from(*b))
}

pub(crate) fn list_pages(
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

pub(crate) fn site_document(
    name: &str,
    lang: &str,
    site_url: &str,
    categories: &[Category],
) -> Json {
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

/// Every old address of the published articles, categories and feeds.
pub(crate) fn old_addresses(
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
