//! The endpoint's write side: votes (`POST articles/{slug}/ratings`) and
//! page views (`POST stats/hit`) counted, with the live totals and
//! `stats.json` they make, for a reader whose other documents stay static
//! on a CDN.
//!
//! - `http`: the routes, the origin check and the answers;
//! - `request`: the one decoder of a request's body;
//! - `limits`: per-client rate limit, vote cap, visits (in memory);
//! - `catalogue`: which articles exist, from `--endpoint`;
//! - `store`: the counts, in SQLite or a NukeViet database, written by
//!   one thread in batches, each answered only once committed.

pub mod catalogue;
pub mod http;
pub mod limits;
pub mod request;
pub mod store;
