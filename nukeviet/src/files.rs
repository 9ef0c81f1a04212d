//! The portal's images and attachments: found under the NukeViet
//! installation's `uploads/` and `assets/` (`--files DIR`), copied into the
//! endpoint under the same path, or left on the old site and named by their
//! absolute address (`--files URL`). A path is the portal's own only when it
//! stays inside those folders: `..`, a symbolic link out of the
//! installation, or anything but a regular file is refused.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use percent_encoding::percent_decode_str;
use portal_reader::urls::{encode_component, ParsedUrl};

/// The top folders of an installation that hold what articles show: the
/// uploads, thumbnails (`assets/`, `files/` before 4.0.22).
const SHARED_FOLDERS: &[&str] = &["uploads", "assets", "files"];

/// The largest file copied: a 50 MB "image" is not one.
const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Where the portal's files are.
#[derive(Debug, Clone)]
pub enum Files {
    /// The installation's root folder.
    Dir(PathBuf),
    /// The installation's public address, ending in `/`.
    Url(String),
}

impl Files {
    /// `--files`: an http(s) address, or else a folder that exists.
    pub fn new(arg: &str) -> Result<Files, String> {
        if arg.starts_with("http://") || arg.starts_with("https://") {
            let url = ParsedUrl::parse(arg, None)
                .ok_or_else(|| format!("--files {arg}: not a URL"))?
                .href();
            return Ok(Files::Url(crate::rules::as_base(url)));
        }
        let dir = Path::new(arg);
        let dir = dir
            .canonicalize()
            .map_err(|e| format!("--files {arg}: {e}"))?;
        if !dir.is_dir() {
            return Err(format!("--files {arg}: not a folder"));
        }
        Ok(Files::Dir(dir))
    }
}

/// A file of the installation, by its path under the root
/// (`uploads/news/2024_05/a.jpg`, decoded: the file's own name).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SitePath(String);

impl SitePath {
    /// `path` (under the installation's root, `/` separated, percent
    /// decoded) when it names something in a shared folder: no empty,
    /// `.` or `..` segment, no backslash, NUL or control character.
    pub fn new(path: &str) -> Option<SitePath> {
        let path = path.strip_prefix('/').unwrap_or(path);
        let mut segments = path.split('/');
        let first = segments.next()?;
        if !SHARED_FOLDERS.contains(&first) {
            return None;
        }
        let fine = path.split('/').all(|s| {
            !s.is_empty()
                && s != "."
                && s != ".."
                && !s.chars().any(|c| c.is_control() || c == '\\')
        });
        (fine && path.split('/').count() >= 2).then(|| SitePath(path.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As a relative URL of the endpoint: each segment percent-encoded
    /// where a URL needs it.
    pub fn url_path(&self) -> String {
        self.0
            .split('/')
            .map(encode_component)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// Which of the portal's files a reference names: `reference` (an `src` or
/// `href` of a body, root-relative `/uploads/…`, relative `uploads/…`, or
/// absolute on the portal's own `origins`), resolved as a browser on the
/// old site would. `None` for anything elsewhere or outside the shared
/// folders.
pub fn site_path(reference: &str, site: &str, origins: &[String]) -> Option<SitePath> {
    let url = ParsedUrl::parse(reference.trim(), Some(site))?;
    if !origins.iter().any(|o| *o == url.origin()) {
        return None;
    }
    let site_path = ParsedUrl::parse(site, None)?.pathname();
    let path = url.pathname();
    // A portal in a sub-folder (`/cong/`) has its uploads under it.
    let under = path.strip_prefix(site_path.as_str())?;
    // The file's own name: `%E1%BA%A3nh` is `ảnh` (not UTF-8: none).
    SitePath::new(&percent_decode_str(under).decode_utf8().ok()?)
}

/// What the endpoint names a file by, once placed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// Relative to the endpoint (copied there).
    Copied(String),
    /// An absolute address on the old site.
    Remote(String),
}

impl Placed {
    pub fn url(&self) -> &str {
        match self {
            Placed::Copied(u) | Placed::Remote(u) => u,
        }
    }
}

/// Copies files into the endpoint, each once a run.
pub struct Placer {
    /// The news module's folder under `uploads/` and `assets/`
    /// (`module_upload`).
    pub upload: String,
    /// The paths placed (copied) since the caller last cleared it.
    pub log: Vec<String>,
    files: Files,
    out: PathBuf,
    done: HashSet<SitePath>,
    pub copied: usize,
    pub unchanged: usize,
}

impl Placer {
    pub fn new(files: Files, out: &Path) -> Placer {
        Placer {
            upload: "news".into(),
            log: Vec::new(),
            files,
            out: out.to_path_buf(),
            done: HashSet::new(),
            copied: 0,
            unchanged: 0,
        }
    }

    /// Whether the installation has `path` (always assumed for a URL).
    pub fn exists(&self, path: &SitePath) -> bool {
        match &self.files {
            Files::Url(_) => true,
            Files::Dir(root) => self.source(root, path).is_ok(),
        }
    }

    /// Places `path`: copied under the endpoint (when it is a regular file
    /// inside the installation), or named on the old site.
    pub fn place(&mut self, path: &SitePath) -> Result<Placed, String> {
        let root = match &self.files {
            Files::Url(base) => return Ok(Placed::Remote(format!("{base}{}", path.url_path()))),
            Files::Dir(root) => root.clone(),
        };
        let source = self.source(&root, path)?;
        if self.done.insert(path.clone()) {
            let target = self.out.join(path.as_str());
            let same = match (std::fs::metadata(&source), std::fs::metadata(&target)) {
                (Ok(s), Ok(t)) => s.len() == t.len() && s.modified().ok() <= t.modified().ok(),
                _ => false,
            };
            if same {
                self.unchanged += 1;
            } else {
                if let Some(dir) = target.parent() {
                    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
                }
                let bytes =
                    std::fs::read(&source).map_err(|e| format!("{}: {e}", source.display()))?;
                portal_deploy::writer::write_atomically(&target, &bytes)?;
                self.copied += 1;
            }
        }
        self.log.push(path.as_str().to_string());
        Ok(Placed::Copied(path.url_path()))
    }

    /// The file itself: inside the root once links are followed, a regular
    /// file, not too large.
    fn source(&self, root: &Path, path: &SitePath) -> Result<PathBuf, String> {
        let joined = root.join(path.as_str());
        debug_assert!(Path::new(path.as_str())
            .components()
            .all(|c| matches!(c, Component::Normal(_))));
        let real = joined
            .canonicalize()
            .map_err(|_| format!("{} is not in --files", path.as_str()))?;
        // Inside its shared folder once every link is followed (the folder
        // itself may be a link to another volume): a link from uploads/ to
        // the installation's config.php is not an image.
        let first = path.as_str().split('/').next().unwrap_or_default();
        let folder = root
            .join(first)
            .canonicalize()
            .map_err(|_| format!("{} is not in --files", path.as_str()))?;
        if !real.starts_with(&folder) {
            return Err(format!("{} leads outside --files/{first}", path.as_str()));
        }
        let meta = std::fs::metadata(&real).map_err(|e| format!("{}: {e}", path.as_str()))?;
        if !meta.is_file() {
            return Err(format!("{} is not a file", path.as_str()));
        }
        if meta.len() > MAX_FILE_BYTES {
            return Err(format!("{} is over {MAX_FILE_BYTES} bytes", path.as_str()));
        }
        Ok(real)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origins() -> Vec<String> {
        vec!["https://laichau.gov.vn".into()]
    }

    #[test]
    fn only_paths_in_the_shared_folders_are_the_portals() {
        let site = "https://laichau.gov.vn/";
        let p = |r: &str| site_path(r, site, &origins()).map(|p| p.as_str().to_string());
        assert_eq!(
            p("/uploads/news/2024_05/a.jpg").as_deref(),
            Some("uploads/news/2024_05/a.jpg")
        );
        assert_eq!(
            p("uploads/news/a.jpg").as_deref(),
            Some("uploads/news/a.jpg")
        );
        assert_eq!(
            p("https://laichau.gov.vn/assets/news/a.jpg").as_deref(),
            Some("assets/news/a.jpg")
        );
        assert_eq!(
            p("/uploads/news/%E1%BA%A3nh%20m%E1%BB%9Bi.jpg").as_deref(),
            Some("uploads/news/ảnh mới.jpg")
        );
        // The URL parser resolves dot segments before we look: still inside.
        assert_eq!(
            p("/uploads/news/../news/a.jpg").as_deref(),
            Some("uploads/news/a.jpg")
        );
        for outside in [
            "/uploads/../etc/passwd",
            "/../../etc/passwd",
            "/themes/default/x.png",
            "https://cdn.example.vn/uploads/a.jpg",
            "/uploads/news/%2e%2e/%2e%2e/x",
            "/uploads/a%5Cb.jpg",
            "/uploads/a%00.jpg",
            "/uploads",
            "javascript:alert(1)",
        ] {
            assert_eq!(p(outside), None, "{outside}");
        }
        assert_eq!(SitePath::new("uploads/../x"), None);
        assert_eq!(SitePath::new("../../etc/passwd"), None);
    }

    #[test]
    fn a_placed_path_is_a_url_path() {
        let path = SitePath::new("uploads/news/ảnh mới.jpg").unwrap();
        assert_eq!(
            path.url_path(),
            "uploads/news/%E1%BA%A3nh%20m%E1%BB%9Bi.jpg"
        );
        let mut placer = Placer::new(
            Files::Url("https://laichau.gov.vn/".into()),
            Path::new("/nonexistent"),
        );
        assert_eq!(
            placer.place(&path).unwrap(),
            Placed::Remote(
                "https://laichau.gov.vn/uploads/news/%E1%BA%A3nh%20m%E1%BB%9Bi.jpg".into()
            )
        );
    }

    #[test]
    fn files_are_copied_only_from_inside_the_installation() {
        let tmp = std::env::temp_dir().join(format!("nv-files-{}", std::process::id()));
        let root = tmp.join("site");
        let out = tmp.join("out");
        std::fs::create_dir_all(root.join("uploads/news")).unwrap();
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(root.join("uploads/news/a.jpg"), b"jpeg").unwrap();
        std::fs::write(tmp.join("secret"), b"secret").unwrap();
        std::os::unix::fs::symlink(tmp.join("secret"), root.join("uploads/news/link.jpg")).unwrap();
        std::fs::create_dir_all(root.join("uploads/news/dir.jpg")).unwrap();
        std::fs::write(
            root.join("config.php"),
            b"<?php $db_config['dbpass'] = 'x';",
        )
        .unwrap();
        std::os::unix::fs::symlink(
            root.join("config.php"),
            root.join("uploads/news/config.jpg"),
        )
        .unwrap();
        // A shared folder that is itself a link to another volume is fine.
        std::fs::create_dir_all(tmp.join("volume/news")).unwrap();
        std::fs::write(tmp.join("volume/news/b.jpg"), b"jpeg").unwrap();
        std::os::unix::fs::symlink(tmp.join("volume"), root.join("assets")).unwrap();
        let files = Files::new(root.to_str().unwrap()).unwrap();
        let mut placer = Placer::new(files, &out);
        let ok = SitePath::new("uploads/news/a.jpg").unwrap();
        assert_eq!(
            placer.place(&ok).unwrap(),
            Placed::Copied("uploads/news/a.jpg".into())
        );
        assert_eq!(
            std::fs::read(out.join("uploads/news/a.jpg")).unwrap(),
            b"jpeg"
        );
        let linked = SitePath::new("assets/news/b.jpg").unwrap();
        assert_eq!(
            placer.place(&linked).unwrap(),
            Placed::Copied("assets/news/b.jpg".into())
        );
        for bad in [
            "uploads/news/link.jpg",
            "uploads/news/config.jpg",
            "uploads/news/dir.jpg",
            "uploads/news/none.jpg",
        ] {
            let path = SitePath::new(bad).unwrap();
            assert!(placer.place(&path).is_err(), "{bad}");
            assert!(!placer.exists(&path), "{bad}");
        }
        assert!(!out.join("uploads/news/link.jpg").exists());
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
