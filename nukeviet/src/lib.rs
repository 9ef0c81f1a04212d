//! The bridge from a NukeViet 4 portal to the reader: its database read
//! into an endpoint of the contract, its old addresses kept.
//!
//! - `import`: one run, database in, endpoint out (new or edited articles'
//!   bodies only, after the first); `exchange`: the refresh's atomic swap;
//! - `read`: the news module's tables, every value checked (`db`: the
//!   connection, the schema this installation has);
//! - `documents`: the endpoint's documents from what was read;
//! - `rules`: the mapping of columns to fields, pure and tested;
//! - `body`, `files`: article bodies and the portal's images;
//! - `stats`: the visitor counter; `legacy`: the old addresses.

pub mod body;
pub mod db;
pub mod documents;
pub mod exchange;
pub mod files;
pub mod import;
pub mod legacy;
pub mod read;
pub mod rules;
pub mod stats;
