//! Reading a NukeViet portal's news module: its tables by name, the
//! categories, sources, tags, pen names and article rows (every field
//! checked, every row that fails named and skipped), the bodies streamed,
//! and the visitor counter. What the endpoint makes of them is
//! [`crate::documents`]'s.

use std::collections::{HashMap, HashSet};

use mysql::Value;
use serde_json::Value as Json;

use crate::body::MAX_BODY_BYTES;
use crate::db::{self, number, text, Db};
use crate::legacy;
use crate::rules::{
    absolute_url, article_slug, category_ids, category_slug, category_visible, is_published,
    optional_text, rating,
};
use crate::stats::{self, CounterRow};
use portal_reader::urls::UrlUse;

/// The tables of one news module.
pub(crate) struct Tables {
    pub(crate) rows: String,
    pub(crate) detail: String,
    pub(crate) cat: String,
    pub(crate) sources: String,
    pub(crate) tags_id: String,
    pub(crate) author: String,
    pub(crate) authorlist: String,
    pub(crate) config: String,
    pub(crate) counter: String,
    pub(crate) sessions: String,
    pub(crate) modules: String,
}

impl Tables {
    pub(crate) fn new(prefix: &str, lang: &str, module: &str) -> Tables {
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

pub(crate) struct Category {
    pub(crate) id: u64,
    pub(crate) parent: u64,
    pub(crate) alias: String,
    pub(crate) slug: String,
    pub(crate) name: String,
    pub(crate) visible: bool,
    /// In `site.json` (not when its parents make a cycle).
    pub(crate) listed: bool,
    pub(crate) sort: i64,
}

/// An article row, decoded.
pub(crate) struct Row {
    pub(crate) id: u64,
    pub(crate) catid: u64,
    pub(crate) listcatid: Vec<u64>,
    pub(crate) topicid: u64,
    pub(crate) author: String,
    pub(crate) sourceid: u64,
    pub(crate) edittime: i64,
    pub(crate) publtime: i64,
    pub(crate) title: String,
    pub(crate) alias: String,
    pub(crate) slug: String,
    pub(crate) summary: Option<String>,
    pub(crate) image: String,
    pub(crate) image_alt: Option<String>,
    pub(crate) thumb: i64,
    pub(crate) views: u64,
    pub(crate) rating: (u64, u64),
}

/// `(lang, module, name)` → value, for the site's rows and the module's.
pub(crate) fn read_config(
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
pub(crate) fn module_names(db: &mut Db, t: &Tables, module: &str) -> (String, String) {
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
pub(crate) fn read_categories(
    db: &mut Db,
    t: &Tables,
    skipped: &mut Vec<String>,
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
    skipped.append(&mut bad);
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
        skipped.push(format!(
            "{}: catid {} ({}) is its own ancestor through parentid; left out of site.json (its articles are imported)",
            t.cat, c.id, c.alias
        ));
        c.listed = false;
        c.parent = 0;
    }
    raw.sort_by_key(|c| (c.sort, c.id));
    Ok((raw, bad_ids))
}

pub(crate) fn read_sources(
    db: &mut Db,
    t: &Tables,
    skipped: &mut Vec<String>,
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
                let link = absolute_url(&link, UrlUse::Link).filter(|l| !l.starts_with("mailto:"));
                if let Some(name) = optional_text(&title) {
                    out.insert(id as u64, (name, link));
                }
            }
            _ => skipped.push(format!(
                "{}: a row that is not UTF-8 or numbers; skipped",
                t.sources
            )),
        }
    })?;
    Ok(out)
}

pub(crate) fn read_tags(
    db: &mut Db,
    t: &Tables,
    skipped: &mut Vec<String>,
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
            _ => skipped.push(format!("{}: a tag that is not UTF-8; skipped", t.tags_id)),
        },
    )?;
    Ok(out)
}

/// Active pen names of each article (NukeViet 4.5's `_authorlist`).
pub(crate) fn read_pen_names(
    db: &mut Db,
    t: &Tables,
    skipped: &mut Vec<String>,
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
        _ => skipped.push(format!(
            "{}: a pen name that is not UTF-8; skipped",
            t.authorlist
        )),
    })?;
    Ok(out)
}

/// `_detail.sourcetext` of each article: the source's name or address as
/// the editor typed it.
pub(crate) fn read_source_texts(db: &mut Db, t: &Tables) -> Result<HashMap<u64, String>, String> {
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

pub(crate) fn read_rows(
    db: &mut Db,
    t: &Tables,
    now: i64,
    categories: &HashMap<u64, &Category>,
    bad_categories: &HashSet<u64>,
    skipped: &mut Vec<String>,
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
    let mut bad = Vec::new();
    db.each_row(&format!("SELECT {list} FROM `{}`", t.rows), |v| {
        let id = match number(&v[0]) {
            Ok(id) if id > 0 => id as u64,
            _ => {
                bad.push(format!("{}: a row without a numeric id; skipped", t.rows));
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
            Err(e) => bad.push(format!("{} id {id}: {e}; skipped", t.rows)),
        }
    })?;
    skipped.append(&mut bad);
    // Newest first, as every list shows them.
    rows.sort_by(|a, b| b.publtime.cmp(&a.publtime).then(b.id.cmp(&a.id)));
    Ok(rows)
}

/// Streams the bodies of `wanted` articles: each one's HTML with its
/// files' references in place, or why it is not imported.
pub(crate) fn read_bodies(
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
pub(crate) fn body_lengths(
    db: &mut Db,
    t: &Tables,
    ids: &HashSet<u64>,
) -> Result<Vec<(u64, usize)>, String> {
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

pub(crate) fn read_stats(db: &mut Db, t: &Tables, now: i64) -> Result<Option<Json>, String> {
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
