//! What one client may do, kept in memory: a token bucket of requests, a
//! cap on votes per article, and which visits and article views were
//! already counted (NukeViet counts a visitor once per 30 minutes and an
//! article once per session; we count by client address the same way).
//!
//! Every map is bounded: past [`MAX_ENTRIES`] its expired entries go, and
//! if that is not enough, the tenth least recently used (a flood of new
//! addresses cannot grow the service's memory, and pushes out only the
//! oldest entries, never the map at once). A restart forgets all of it;
//! the totals are in the store.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, RandomState};
use std::net::IpAddr;

/// The most entries a map keeps (under 200 bytes each: an article and a
/// vote id are kept as hashes).
pub const MAX_ENTRIES: usize = 100_000;

/// A visitor is counted again after this long without a page view.
pub const VISIT_SECONDS: u64 = 30 * 60;
/// "Online": a page view in the last five minutes, as NukeViet counts it.
pub const ONLINE_SECONDS: u64 = 5 * 60;
/// The window of the per-article vote cap.
pub const VOTE_WINDOW_SECONDS: u64 = 24 * 3600;

/// The settings, from flags.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// Requests a client may make per second, sustained.
    pub per_second: f64,
    /// Requests a client may make at once.
    pub burst: f64,
    /// Votes a client may cast on one article in [`VOTE_WINDOW_SECONDS`]:
    /// more than one, since a school or an office is one address.
    pub votes_per_article: u32,
}

/// The client a request is counted against: its address, an IPv6 one by
/// its /64 (a home or a phone is given a whole /64 to pick from).
pub fn client_key(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
        v4 => v4,
    }
}

/// A map whose entries expire, bounded by [`MAX_ENTRIES`].
struct Expiring<K, V> {
    entries: HashMap<K, V>,
}

impl<K: Hash + Eq, V> Expiring<K, V> {
    fn new() -> Self {
        Self {
            entries: HashMap::new(),
        }
    }

    /// Makes room for one more entry: drops those `expired` says are, and
    /// when that is not enough the tenth with the oldest `used` times.
    fn make_room(&mut self, expired: impl Fn(&V) -> bool, used: impl Fn(&V) -> u64) {
        if self.entries.len() < MAX_ENTRIES {
            return;
        }
        self.entries.retain(|_, v| !expired(v));
        if self.entries.len() >= MAX_ENTRIES {
            let mut times: Vec<u64> = self.entries.values().map(&used).collect();
            let tenth = times.len() / 10;
            let (_, cutoff, _) = times.select_nth_unstable(tenth);
            let cutoff = *cutoff;
            self.entries.retain(|_, v| used(v) > cutoff);
        }
    }
}

struct Bucket {
    tokens: f64,
    /// Milliseconds, as [`Limits`] is told the time.
    at: u64,
}

/// All the limits, behind one lock in the service.
pub struct Limits {
    settings: Settings,
    buckets: Expiring<IpAddr, Bucket>,
    /// (client, article) → the vote ids taken in the window, its start;
    /// articles and ids by their hashes.
    votes: Expiring<(IpAddr, u64), (Vec<u64>, u64)>,
    /// client → its last page view (seconds).
    visits: Expiring<IpAddr, u64>,
    /// (client, article) → its last view (seconds).
    views: Expiring<(IpAddr, u64), u64>,
    /// The hashes' keys, random for this process.
    hasher: RandomState,
}

impl Limits {
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            buckets: Expiring::new(),
            votes: Expiring::new(),
            visits: Expiring::new(),
            views: Expiring::new(),
            hasher: RandomState::new(),
        }
    }

    /// Takes one token of `client`'s bucket at `now_ms`; `false`: over the
    /// limit, refuse.
    pub fn allow(&mut self, client: IpAddr, now_ms: u64) -> bool {
        let Settings {
            per_second, burst, ..
        } = self.settings;
        // A full bucket is as good as none.
        let full_after_ms = (burst / per_second.max(f64::MIN_POSITIVE) * 1000.0) as u64;
        self.buckets
            .make_room(|b| now_ms.saturating_sub(b.at) >= full_after_ms, |b| b.at);
        let bucket = self.buckets.entries.entry(client).or_insert(Bucket {
            tokens: burst,
            at: now_ms,
        });
        let elapsed = now_ms.saturating_sub(bucket.at) as f64 / 1000.0;
        bucket.tokens = (bucket.tokens + elapsed * per_second).min(burst);
        bucket.at = now_ms;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    /// Whether `client` may cast the vote `vote_id` on `slug` at `now`
    /// (seconds), taking it when it may. The same id again (a retry after
    /// a lost answer, counted once by the store) takes nothing more; a vote
    /// the store then refuses still counts here: a storm of them is what
    /// the cap is for.
    pub fn take_vote(&mut self, client: IpAddr, slug: &str, vote_id: &str, now: u64) -> bool {
        self.votes.make_room(
            |(_, start)| now.saturating_sub(*start) >= VOTE_WINDOW_SECONDS,
            |(_, start)| *start,
        );
        let cap = self.settings.votes_per_article as usize;
        let (article, id) = (self.hasher.hash_one(slug), self.hasher.hash_one(vote_id));
        let (ids, start) = self
            .votes
            .entries
            .entry((client, article))
            .or_insert((Vec::new(), now));
        if now.saturating_sub(*start) >= VOTE_WINDOW_SECONDS {
            (*ids, *start) = (Vec::new(), now);
        }
        if ids.contains(&id) {
            return true;
        }
        if ids.len() >= cap {
            return false;
        }
        ids.push(id);
        true
    }

    /// A page view by `client` at `now`: whether it starts a visit (the
    /// site's counter counts it) and, for an article, whether it is the
    /// first view of that article in this visit (the article's views do).
    pub fn page_view(&mut self, client: IpAddr, article: Option<&str>, now: u64) -> (bool, bool) {
        let fresh = |last: &u64| now.saturating_sub(*last) >= VISIT_SECONDS;
        self.visits.make_room(fresh, |t| *t);
        let new_visit = self
            .visits
            .entries
            .insert(client, now)
            .is_none_or(|t| fresh(&t));
        let new_view = article.is_some_and(|slug| {
            self.views.make_room(fresh, |t| *t);
            let key = (client, self.hasher.hash_one(slug));
            let last = self.views.entries.insert(key, now);
            last.is_none_or(|t| fresh(&t))
        });
        (new_visit, new_view)
    }

    /// Clients with a page view in the last [`ONLINE_SECONDS`].
    pub fn online(&self, now: u64) -> u64 {
        let recent = |t: &&u64| now.saturating_sub(**t) < ONLINE_SECONDS;
        self.visits.entries.values().filter(recent).count() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits() -> Limits {
        Limits::new(Settings {
            per_second: 2.0,
            burst: 5.0,
            votes_per_article: 3,
        })
    }

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let mut l = limits();
        assert!((0..5).all(|_| l.allow(A, 1_000)));
        assert!(!l.allow(A, 1_000));
        assert!(l.allow(B, 1_000), "another client has its own bucket");
        assert!(!l.allow(A, 1_400), "0.8 of a token");
        assert!(l.allow(A, 1_500));
        assert!(!l.allow(A, 1_500));
        assert!((0..5).all(|_| l.allow(A, 60_000)), "refilled, to the burst");
        assert!(!l.allow(A, 60_000));
    }

    #[test]
    fn votes_per_article_are_capped_per_window() {
        let mut l = limits();
        assert!(["v1", "v2", "v3"]
            .iter()
            .all(|id| l.take_vote(A, "a", id, 100)));
        assert!(!l.take_vote(A, "a", "v4", 200));
        assert!(l.take_vote(A, "a", "v2", 200), "a retry of a vote taken");
        assert!(l.take_vote(A, "b", "v4", 200));
        assert!(l.take_vote(B, "a", "v4", 200));
        assert!(l.take_vote(A, "a", "v4", 100 + VOTE_WINDOW_SECONDS));
    }

    #[test]
    fn visits_and_views_count_once_per_half_hour() {
        let mut l = limits();
        assert_eq!(l.page_view(A, None, 1_000), (true, false));
        assert_eq!(l.page_view(A, Some("x"), 1_010), (false, true));
        assert_eq!(l.page_view(A, Some("x"), 1_020), (false, false));
        assert_eq!(l.page_view(B, Some("x"), 1_020), (true, true));
        assert_eq!(l.online(1_020), 2);
        assert_eq!(l.online(1_020 + ONLINE_SECONDS - 1), 2);
        assert_eq!(l.online(1_020 + ONLINE_SECONDS), 0);
        assert_eq!(
            l.page_view(A, Some("x"), 1_020 + VISIT_SECONDS),
            (true, true)
        );
    }

    #[test]
    fn ipv6_clients_are_counted_by_their_64() {
        let a: IpAddr = "2001:db8:1:2:aaaa::1".parse().unwrap();
        let b: IpAddr = "2001:db8:1:2:bbbb::9".parse().unwrap();
        let c: IpAddr = "2001:db8:1:3::1".parse().unwrap();
        assert_eq!(client_key(a), client_key(b));
        assert_ne!(client_key(a), client_key(c));
        let mapped: IpAddr = "::ffff:10.0.0.1".parse().unwrap();
        assert_eq!(client_key(mapped), A);
    }

    #[test]
    fn the_maps_are_bounded_and_a_flood_pushes_out_only_the_oldest() {
        let mut l = limits();
        // An honest client capped early in the day.
        assert!(["v1", "v2", "v3"]
            .iter()
            .all(|id| l.take_vote(A, "a", id, 100)));
        for i in 0..(MAX_ENTRIES as u32 + 10) {
            let client = IpAddr::V4((i + 1_000).into());
            l.allow(client, 1_000);
            l.page_view(client, None, 1_000);
            l.take_vote(client, "rac", "v1", 200 + u64::from(i) / 1_000);
        }
        assert!(l.buckets.entries.len() <= MAX_ENTRIES);
        assert!(l.visits.entries.len() <= MAX_ENTRIES);
        assert!(l.votes.entries.len() <= MAX_ENTRIES);
        assert!(
            l.votes.entries.len() > MAX_ENTRIES / 2,
            "not emptied at once"
        );
        // The flood came later than the honest votes: those went first.
        assert!(l.take_vote(A, "a", "v4", 400));
        // A later honest cap holds through a flood of older entries.
        let mut l = limits();
        for i in 0..(MAX_ENTRIES as u32 - 1) {
            l.take_vote(IpAddr::V4((i + 1_000).into()), "rac", "v1", 100);
        }
        assert!(["v1", "v2", "v3"]
            .iter()
            .all(|id| l.take_vote(A, "a", id, 200)));
        l.take_vote(B, "b", "v1", 300);
        assert!(!l.take_vote(A, "a", "v4", 300), "the recent cap survived");
    }
}
