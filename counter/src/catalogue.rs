//! Which articles exist, for the SQLite store: the endpoint named by
//! `--endpoint` (a folder, or an http(s) base) is asked for
//! `articles/{slug}.json`, read through the app's own decoder, and its
//! `rating` and `views` are where this service's counts start. Without
//! `--endpoint` every well-formed slug is taken, from zero.
//!
//! Answers are kept (bounded, like every map of the service): an article
//! for good (its figures matter only when its row is made), a "no such
//! article" for a minute, since a refresh may publish it; an endpoint that
//! cannot be reached is not an answer, and is asked again next time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use portal_deploy::source::{Budget, Source};
use portal_reader::api::{decode_text, Article, Site, Stats};

use crate::limits::MAX_ENTRIES;
use crate::store::Baseline;

/// The answer about one slug.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    Article(Baseline),
    Unknown,
}

pub struct Catalogue {
    /// The deploy step's reader of an endpoint (a folder or HTTP(S), its
    /// size cap, its own-origin redirects).
    source: Option<Source>,
    /// Each answer, and when it was given.
    known: Mutex<HashMap<String, (Known, Instant)>>,
}

/// How long "no such article" holds.
const UNKNOWN_FOR: Duration = Duration::from_secs(60);

impl Catalogue {
    /// `endpoint`: `--endpoint`, a folder or an http(s) base.
    pub fn new(endpoint: Option<&str>) -> Catalogue {
        Catalogue {
            source: endpoint
                .map(|text| Source::parse(text, Duration::from_secs(10), Budget::unlimited())),
            known: Mutex::new(HashMap::new()),
        }
    }

    /// Whether the store should ask rather than this catalogue (the
    /// NukeViet store knows its articles).
    pub fn checks(&self) -> bool {
        self.source.is_some()
    }

    /// What is known of `slug` without asking the endpoint: every slug
    /// without `--endpoint`, else a kept answer still good. Never blocks on
    /// I/O: the requests' hot path asks this first.
    pub fn known(&self, slug: &str) -> Option<Known> {
        if self.source.is_none() {
            return Some(Known::Article(Baseline::default()));
        }
        let cache = self.known.lock().ok()?;
        let (known, at) = cache.get(slug)?;
        (*known != Known::Unknown || at.elapsed() < UNKNOWN_FOR).then_some(*known)
    }

    /// What the endpoint says of `slug` (a valid slug: the caller checked);
    /// `Err` when it could not be asked. Blocking: call off the runtime.
    pub fn lookup(&self, slug: &str) -> Result<Known, String> {
        if let Some(known) = self.known(slug) {
            return Ok(known);
        }
        let now = Instant::now();
        let known = match self.read(&format!("articles/{slug}.json"))? {
            Some(text) => match decode_text::<Article>(&text) {
                Ok(article) if article.slug == slug => Known::Article(Baseline {
                    rating: article.rating,
                    views: article.views.unwrap_or(0),
                }),
                // A document the app would refuse is no article to count.
                _ => Known::Unknown,
            },
            None => Known::Unknown,
        };
        let mut cache = self.known.lock().map_err(|_| "poisoned")?;
        if cache.len() >= MAX_ENTRIES {
            cache.clear();
        }
        cache.insert(slug.to_string(), (known, now));
        Ok(known)
    }

    /// Whether the endpoint can be read: its `site.json`, as the app reads
    /// it. A service started on an endpoint it cannot read would refuse
    /// every vote and start its figures from nothing.
    pub fn check(&self) -> Result<(), String> {
        let Some(source) = &self.source else {
            return Ok(());
        };
        let text = source
            .get("site.json")?
            .ok_or_else(|| format!("--endpoint {}: no site.json", source.describe()))?;
        decode_text::<Site>(&text)
            .map(|_| ())
            .map_err(|e| format!("--endpoint {}: site.json: {e}", source.describe()))
    }

    /// The endpoint's visitor total, which the store's adds to.
    pub fn site_total(&self) -> Option<u64> {
        let text = self.read("stats.json").ok().flatten()?;
        decode_text::<Stats>(&text).ok().map(|s| s.total)
    }

    /// A document's text; `None`: not there (404, 410, no such file).
    fn read(&self, path: &str) -> Result<Option<String>, String> {
        match &self.source {
            Some(source) => source.get(path),
            None => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn a_folder_endpoint_gives_the_article_s_figures_and_refuses_the_rest() {
        let api = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../public/api");
        let catalogue = Catalogue::new(api.to_str());
        let slug = std::fs::read_dir(api.join("articles"))
            .unwrap()
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .find_map(|name| name.strip_suffix(".json").map(str::to_string))
            .unwrap();
        let text = std::fs::read_to_string(api.join(format!("articles/{slug}.json"))).unwrap();
        let article = decode_text::<Article>(&text).unwrap();
        assert_eq!(
            catalogue.lookup(&slug),
            Ok(Known::Article(Baseline {
                rating: article.rating,
                views: article.views.unwrap_or(0)
            }))
        );
        assert_eq!(catalogue.lookup("khong-co-bai-nay"), Ok(Known::Unknown));
        assert!(catalogue.site_total().is_some());
        assert_eq!(catalogue.check(), Ok(()));
        assert!(Catalogue::new(Some("/nonexistent/api")).check().is_err());
        let open = Catalogue::new(None);
        assert_eq!(
            open.lookup("bat-ky"),
            Ok(Known::Article(Baseline::default()))
        );
    }
}
