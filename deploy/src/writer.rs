//! Writing into a build: a file is written only when its text changes, and
//! then atomically (written beside it, then renamed over it), so a reader
//! never gets half a page. What a run owns and did not produce is removed
//! at the end, only when the run knows it is gone.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub struct Writer {
    dist: PathBuf,
    /// Every file this run wrote, found unchanged, or kept.
    produced: HashSet<PathBuf>,
    pub written: usize,
    pub unchanged: usize,
    /// The files written, under the build, in order.
    pub written_files: Vec<String>,
}

impl Writer {
    pub fn new(dist: &Path) -> Writer {
        Writer {
            dist: dist.to_path_buf(),
            produced: HashSet::new(),
            written: 0,
            unchanged: 0,
            written_files: Vec::new(),
        }
    }

    pub fn path(&self, file: &str) -> PathBuf {
        self.dist.join(file)
    }

    /// Writes `text` to `file` (under the build) unless it holds exactly
    /// that already.
    pub fn write(&mut self, file: &str, text: &str) -> Result<(), String> {
        let path = self.path(file);
        self.produced.insert(path.clone());
        if std::fs::read(&path).is_ok_and(|old| old == text.as_bytes()) {
            self.unchanged += 1;
            return Ok(());
        }
        write_atomically(&path, text.as_bytes())?;
        self.written += 1;
        self.written_files.push(file.to_string());
        Ok(())
    }

    /// Leaves `file` as it is, and not to be removed (a page whose document
    /// could not be read this time).
    pub fn keep(&mut self, file: &str) -> bool {
        let path = self.path(file);
        let exists = path.is_file();
        if exists {
            self.produced.insert(path);
        }
        exists
    }

    /// Leaves `file` as it is, counted as unchanged: a page made from what
    /// it was made from last time. `false` when it is not there.
    pub fn keep_unchanged(&mut self, file: &str) -> bool {
        let kept = self.keep(file);
        if kept {
            self.unchanged += 1;
        }
        kept
    }

    /// Removes what a run that stopped half way left beside the files it was
    /// writing (`.name.pid.part`), directly under `dirs`.
    pub fn clean_leftovers(&self, dirs: &[&str]) {
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(self.dist.join(dir)) else {
                continue;
            };
            for path in entries.flatten().map(|entry| entry.path()) {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if name.starts_with('.') && name.ends_with(".part") && path.is_file() {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
    }

    /// Removes each of `files` that this run did not produce; returns how
    /// many there were.
    pub fn remove_unproduced(&self, files: &[&str]) -> Result<usize, String> {
        let mut removed = 0;
        for file in files {
            let path = self.path(file);
            if path.is_file() && !self.produced.contains(&path) {
                std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// Removes the `.html` and `.xml` files directly under `dirs` that this
    /// run did not produce: an article taken down at the endpoint must not
    /// live on as a page. Returns what it removed.
    pub fn remove_the_rest(&self, dirs: &[&str]) -> Result<Vec<PathBuf>, String> {
        let mut removed = Vec::new();
        for dir in dirs {
            let Ok(entries) = std::fs::read_dir(self.dist.join(dir)) else {
                continue;
            };
            for path in entries.flatten().map(|entry| entry.path()) {
                let ours = matches!(
                    path.extension().and_then(|e| e.to_str()),
                    Some("html" | "xml")
                );
                if ours && path.is_file() && !self.produced.contains(&path) {
                    std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                    removed.push(path);
                }
            }
        }
        Ok(removed)
    }
}

/// One run at a time in a build: a lock on the build's folder, held until
/// dropped (the system lets it go if the process dies). A second run waits
/// for none: it says so and stops.
#[derive(Debug)]
pub struct Lock {
    /// The locked folder: the lock lasts as long as it is open.
    _folder: std::fs::File,
}

impl Lock {
    pub fn take(dist: &Path) -> Result<Lock, String> {
        let folder = std::fs::File::open(dist).map_err(|e| format!("{}: {e}", dist.display()))?;
        match folder.try_lock() {
            Ok(()) => Ok(Lock { _folder: folder }),
            Err(std::fs::TryLockError::WouldBlock) => Err(format!(
                "{}: another run of the deploy step is working on this build; try again when it is done",
                dist.display()
            )),
            Err(std::fs::TryLockError::Error(e)) => Err(format!("{}: {e}", dist.display())),
        }
    }
}

/// Writes `bytes` to `path` through a file beside it and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = path
        .parent()
        .ok_or_else(|| format!("{}: no folder", path.display()))?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let aside = dir.join(format!(".{name}.{}.part", std::process::id()));
    std::fs::write(&aside, bytes).map_err(|e| format!("{}: {e}", aside.display()))?;
    std::fs::rename(&aside, path).map_err(|e| {
        let _ = std::fs::remove_file(&aside);
        format!("{}: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changes_are_written_and_only_the_unproduced_removed() {
        let dist = std::env::temp_dir().join(format!("writer-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        let mut writer = Writer::new(&dist);
        writer.write("bai-viet/a.html", "a").unwrap();
        writer.write("bai-viet/b.html", "b").unwrap();
        assert_eq!((writer.written, writer.unchanged), (2, 0));
        std::fs::write(dist.join("bai-viet/gone.html"), "old").unwrap();
        std::fs::write(dist.join("bai-viet/kept.html"), "old").unwrap();
        std::fs::write(dist.join("bai-viet/notes.txt"), "the operator's").unwrap();
        let mut again = Writer::new(&dist);
        again.write("bai-viet/a.html", "a").unwrap();
        again.write("bai-viet/b.html", "b2").unwrap();
        assert!(again.keep("bai-viet/kept.html") && !again.keep("bai-viet/none.html"));
        assert_eq!((again.written, again.unchanged), (1, 1));
        let removed = again.remove_the_rest(&["bai-viet"]).unwrap();
        assert_eq!(removed, [dist.join("bai-viet/gone.html")]);
        assert_eq!(
            std::fs::read_to_string(dist.join("bai-viet/b.html")).unwrap(),
            "b2"
        );
        assert!(
            dist.join("bai-viet/kept.html").exists() && dist.join("bai-viet/notes.txt").exists()
        );
        let leftovers = std::fs::read_dir(dist.join("bai-viet")).unwrap().flatten();
        assert!(leftovers
            .into_iter()
            .all(|e| !e.file_name().to_string_lossy().ends_with(".part")));
        // What a stopped run left behind goes; the root's own files go only
        // when a run did not produce them.
        std::fs::write(dist.join("bai-viet/.a.html.99.part"), "half").unwrap();
        again.clean_leftovers(&["bai-viet"]);
        assert!(!dist.join("bai-viet/.a.html.99.part").exists());
        std::fs::write(dist.join("sitemap.xml"), "old").unwrap();
        assert_eq!(
            again
                .remove_unproduced(&["sitemap.xml", "feed.xml"])
                .unwrap(),
            1
        );
        let _ = std::fs::remove_dir_all(&dist);
    }

    #[test]
    fn one_run_at_a_time() {
        let dist = std::env::temp_dir().join(format!("lock-test-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        let first = Lock::take(&dist).unwrap();
        assert!(Lock::take(&dist).unwrap_err().contains("another run"));
        drop(first);
        assert!(Lock::take(&dist).is_ok());
        let _ = std::fs::remove_dir_all(&dist);
    }
}
