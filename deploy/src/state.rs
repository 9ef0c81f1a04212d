//! What a run leaves for the next one, in `dist/.deploy/` (never served:
//! the host files answer 404 there), so that a run costs what changed:
//!
//! - `pages`: for every page, a fingerprint of everything it is made from
//!   (the build, the deployment, the route, the documents it embeds). A
//!   page whose fingerprint is the last run's, and whose file is there, is
//!   not rendered again.
//! - `records/<slug>.json`: each article's search record
//!   ([`crate::search_records`]), written when its page is.
//! - `search-changes`: the articles whose record changed since the search
//!   index was last built, one line each (`+slug` written, `-slug` gone,
//!   `*` all of them), which `.tools/search-index.mjs` reads and deletes.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::writer::write_atomically;

/// The folder of the run's state, under the build.
pub const STATE_DIR: &str = ".deploy";
const PAGES: &str = "pages";
pub const RECORDS_DIR: &str = "records";
/// The records' folder, under the build.
pub const RECORDS_PATH: &str = ".deploy/records";
pub const SEARCH_CHANGES: &str = "search-changes";

/// A fingerprint of a page's inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// The fingerprint of `parts`, in order, on top of `base` (what every
    /// page shares).
    pub fn of(base: Fingerprint, parts: &[&str]) -> Fingerprint {
        let mut hasher = DefaultHasher::new();
        base.0.hash(&mut hasher);
        for part in parts {
            part.hash(&mut hasher);
        }
        Fingerprint(hasher.finish())
    }

    /// What every page of a run shares: this program itself (a new version
    /// may write any page differently) and `parts`.
    pub fn of_run(parts: &[&str]) -> Fingerprint {
        let mut hasher = DefaultHasher::new();
        let program = std::env::current_exe().and_then(std::fs::read);
        match program {
            Ok(bytes) => bytes.hash(&mut hasher),
            // Unknown: no page can be taken as it was.
            Err(_) => std::time::SystemTime::now().hash(&mut hasher),
        }
        Fingerprint::of(Fingerprint(hasher.finish()), parts)
    }
}

/// What each page was made from on the last run (read by the threads
/// that render, while the run records its own in [`ThisRun`]).
pub struct LastRun {
    pages: HashMap<String, u64>,
}

impl LastRun {
    /// The last run's fingerprints (none when there was no run, or its file
    /// cannot be read: then every page is rendered).
    pub fn load(dist: &Path) -> LastRun {
        let pages = std::fs::read_to_string(pages_path(dist))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| {
                let (hex, file) = line.split_once('\t')?;
                Some((file.to_string(), u64::from_str_radix(hex, 16).ok()?))
            })
            .collect();
        LastRun { pages }
    }

    /// Whether there was a last run to compare with.
    pub fn had_run(&self) -> bool {
        !self.pages.is_empty()
    }

    /// Whether `file` was made from exactly this last time.
    pub fn unchanged(&self, file: &str, fingerprint: Fingerprint) -> bool {
        self.pages.get(file) == Some(&fingerprint.0)
    }
}

/// What each page is made from on this run, saved for the next.
pub struct ThisRun {
    path: PathBuf,
    pages: HashMap<String, u64>,
}

impl ThisRun {
    pub fn new(dist: &Path) -> ThisRun {
        ThisRun {
            path: pages_path(dist),
            pages: HashMap::new(),
        }
    }

    /// `file` is now made from this.
    pub fn set(&mut self, file: &str, fingerprint: Fingerprint) {
        self.pages.insert(file.to_string(), fingerprint.0);
    }

    /// `file` was kept as it was (its documents could not be read): what
    /// it was made from stays as the last run knew it.
    pub fn keep(&mut self, file: &str, last: &LastRun) {
        if let Some(&fingerprint) = last.pages.get(file) {
            self.pages.insert(file.to_string(), fingerprint);
        }
    }

    /// Writes this run's fingerprints for the next.
    pub fn save(&self) -> Result<(), String> {
        let mut lines: Vec<(&String, &u64)> = self.pages.iter().collect();
        lines.sort();
        let mut text = String::with_capacity(lines.len() * 48);
        for (file, fingerprint) in lines {
            text.push_str(&format!("{fingerprint:016x}\t{file}\n"));
        }
        write_atomically(&self.path, text.as_bytes())
    }
}

fn pages_path(dist: &Path) -> PathBuf {
    dist.join(STATE_DIR).join(PAGES)
}

/// The list of articles whose search record changed, appended to until the
/// search index reads it.
pub struct SearchChanges {
    file: std::fs::File,
    path: PathBuf,
}

impl SearchChanges {
    /// Opens the list, adding to what an earlier run left if the index was
    /// not built since.
    pub fn open(dist: &Path) -> Result<SearchChanges, String> {
        let dir = dist.join(STATE_DIR);
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = dir.join(SEARCH_CHANGES);
        // A file of its own, never the one it replaces: a build copied with
        // hard links (scripts/refresh-nukeviet) shares its files with the
        // live one, and only a new file keeps the live one as it was.
        let earlier = std::fs::read(&path).unwrap_or_default();
        write_atomically(&path, &earlier)?;
        let file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(SearchChanges { file, path })
    }

    /// Every article's record is to be read again (the index built whole).
    pub fn all(&mut self) -> Result<(), String> {
        self.line("*")
    }

    pub fn written(&mut self, slug: &str) -> Result<(), String> {
        self.line(&format!("+{slug}"))
    }

    pub fn gone(&mut self, slug: &str) -> Result<(), String> {
        self.line(&format!("-{slug}"))
    }

    fn line(&mut self, line: &str) -> Result<(), String> {
        writeln!(self.file, "{line}").map_err(|e| format!("{}: {e}", self.path.display()))
    }
}

/// Where the search record of `slug` is kept.
pub fn record_path(dist: &Path, slug: &str) -> PathBuf {
    dist.join(STATE_DIR)
        .join(RECORDS_DIR)
        .join(format!("{slug}.json"))
}

/// Whether any article has a search record.
pub fn has_records(dist: &Path) -> bool {
    std::fs::read_dir(dist.join(STATE_DIR).join(RECORDS_DIR))
        .is_ok_and(|mut entries| entries.next().is_some())
}

/// The slugs that have a search record.
pub fn recorded_slugs(dist: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dist.join(STATE_DIR).join(RECORDS_DIR)) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let slug = name.strip_suffix(".json")?;
            (!slug.starts_with('.')).then(|| slug.to_string())
        })
        .collect()
}

/// Forgets everything a run left (another endpoint's pages and records):
/// the next index is built whole, from no records.
pub fn forget(dist: &Path) -> Result<(), String> {
    let dir = dist.join(STATE_DIR);
    let records = dir.join(RECORDS_DIR);
    if records.exists() {
        std::fs::remove_dir_all(&records).map_err(|e| format!("{}: {e}", records.display()))?;
    }
    let pages = pages_path(dist);
    if pages.exists() {
        std::fs::remove_file(&pages).map_err(|e| format!("{}: {e}", pages.display()))?;
    }
    SearchChanges::open(dist)?.all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_unchanged_only_with_the_same_inputs_in_the_same_order() {
        let dist = std::env::temp_dir().join(format!("state-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        let base = Fingerprint::of_run(&["template"]);
        let a = Fingerprint::of(base, &["/x", "doc"]);
        assert_ne!(a, Fingerprint::of(base, &["/xdoc", ""]));
        assert_ne!(
            a,
            Fingerprint::of(Fingerprint::of_run(&["other"]), &["/x", "doc"])
        );
        let last = LastRun::load(&dist);
        assert!(!last.had_run() && !last.unchanged("x.html", a));
        let mut now = ThisRun::new(&dist);
        now.set("x.html", a);
        now.save().unwrap();
        let last = LastRun::load(&dist);
        assert!(last.had_run() && last.unchanged("x.html", a));
        assert!(!last.unchanged("x.html", Fingerprint::of(base, &["/x", "doc2"])));
        // A kept page keeps what it was made from; one neither set nor kept
        // is forgotten.
        let mut again = ThisRun::new(&dist);
        again.keep("x.html", &last);
        again.save().unwrap();
        assert!(LastRun::load(&dist).unchanged("x.html", a));
        ThisRun::new(&dist).save().unwrap();
        assert!(!LastRun::load(&dist).had_run());
        // The list of changes goes on from what an earlier run left, in a
        // file of its own: a hard-linked copy of the build is left as it was.
        SearchChanges::open(&dist).unwrap().written("a").unwrap();
        let path = dist.join(STATE_DIR).join(SEARCH_CHANGES);
        let live = dist.join("live-search-changes");
        std::fs::hard_link(&path, &live).unwrap();
        SearchChanges::open(&dist).unwrap().gone("b").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "+a\n-b\n");
        assert_eq!(std::fs::read_to_string(&live).unwrap(), "+a\n");
        let _ = std::fs::remove_dir_all(&dist);
    }
}
