//! `portal-deploy`: the deploy step's command line (see the crate's
//! documentation, and `scripts/prerender`, `scripts/set-endpoint`).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use portal_deploy::endpoint::Limits;
use portal_deploy::prerender::{self, Options};
use portal_deploy::progress::Progress;
use portal_deploy::set_endpoint::{self, Switched};
use portal_deploy::shell::CounterChange;

#[derive(Parser)]
#[command(name = "portal-deploy", about = "The portal reader's deploy step")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Pre-renders every route of a build from the endpoint, with the
    /// sitemap, the feeds and the policy. Exits 0 when pages were written
    /// (what was skipped is named on stderr), 1 when none could be.
    Prerender {
        /// The built app (trunk's dist/).
        dist: PathBuf,
        /// The endpoint to read: a folder or an http(s) URL (default: the
        /// one the build names).
        endpoint: Option<String>,
        #[command(flatten)]
        reading: Reading,
        #[command(flatten)]
        zalo: Zalo,
    },
    /// Points a build at another endpoint and pre-renders it from there; all
    /// or nothing.
    SetEndpoint {
        dist: PathBuf,
        /// An http(s) URL, or a path relative to the app (`api/`: the
        /// embedded data).
        url: String,
        /// Switch even if the new endpoint cannot be read now: the build
        /// becomes an app shell, its pre-rendered pages removed.
        #[arg(long)]
        shell: bool,
        /// The counting service (scripts/counter) votes and page views go
        /// to, and the live figures come from: an http(s) URL, or a path
        /// relative to the app. Without it or --no-counter the build's
        /// current one stays.
        #[arg(long, value_name = "URL", conflicts_with = "no_counter")]
        counter: Option<String>,
        /// No counting service: votes and page views go to the endpoint
        /// (when site.json's features say it takes them).
        #[arg(long)]
        no_counter: bool,
        #[command(flatten)]
        reading: Reading,
        #[command(flatten)]
        zalo: Zalo,
    },
    /// Prints the policy the build's pages get (two lines: as a meta
    /// element carries it, as the HTTP header). `prerender` and
    /// `set-endpoint` write it.
    Policy {
        dist: PathBuf,
        #[command(flatten)]
        zalo: Zalo,
    },
}

#[derive(Args)]
struct Reading {
    /// Article documents fetched at once from an http(s) endpoint (1 to 32).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=32))]
    jobs: u16,
    /// List pages followed through `next`, at most.
    #[arg(long, default_value_t = Limits::default().list_pages)]
    max_list_pages: usize,
    /// Articles pre-rendered, at most.
    #[arg(long, default_value_t = Limits::default().articles)]
    max_articles: usize,
    /// Seconds one request may take in all.
    #[arg(long, default_value_t = portal_deploy::source::REQUEST_TIMEOUT.as_secs())]
    timeout: u64,
    /// Minutes the whole run may spend reading the endpoint.
    #[arg(long, default_value_t = 180)]
    max_minutes: u64,
    /// Megabytes the whole run may read from the endpoint.
    #[arg(long, default_value_t = 50_000)]
    max_megabytes: u64,
}

#[derive(Args)]
struct Zalo {
    /// Allow Zalo's share plugin in the policy (for a site.json with
    /// share.zalo_oaid).
    #[arg(long, conflicts_with = "no_zalo")]
    zalo: bool,
    /// Do not allow it. Without either flag the build's current choice stays.
    #[arg(long)]
    no_zalo: bool,
}

impl Zalo {
    fn choice(&self) -> Option<bool> {
        match (self.zalo, self.no_zalo) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        }
    }
}

fn options(dist: PathBuf, endpoint: Option<String>, reading: &Reading, zalo: &Zalo) -> Options {
    Options {
        dist,
        endpoint,
        api_meta: None,
        counter: CounterChange::Keep,
        zalo: zalo.choice(),
        limits: Limits {
            list_pages: reading.max_list_pages,
            articles: reading.max_articles,
        },
        jobs: usize::from(reading.jobs),
        timeout: Duration::from_secs(reading.timeout),
        max_time: Duration::from_secs(reading.max_minutes.saturating_mul(60)),
        max_bytes: reading.max_megabytes.saturating_mul(1024 * 1024),
        ..Options::default()
    }
}

fn main() -> ExitCode {
    let progress = Progress::new();
    let result = match Cli::parse().command {
        Command::Prerender {
            dist,
            endpoint,
            reading,
            zalo,
        } => prerender::run(&options(dist, endpoint, &reading, &zalo), &progress).map(|report| {
            for warning in &report.warnings {
                eprintln!("prerender: warning: {warning}");
            }
            report.to_string()
        }),
        Command::SetEndpoint {
            dist,
            url,
            shell,
            counter,
            no_counter,
            reading,
            zalo,
        } => {
            let options = Options {
                counter: match (counter, no_counter) {
                    (Some(counter), _) => CounterChange::Set(counter),
                    (None, true) => CounterChange::Remove,
                    (None, false) => CounterChange::Keep,
                },
                ..options(dist, None, &reading, &zalo)
            };
            set_endpoint::run(&options, &url, shell, &progress).map(|switched| {
            match switched {
                Switched::Prerendered(report) => format!("set-endpoint: {url}\n{report}"),
                Switched::Shell { removed } => {
                    format!("set-endpoint: {url} (an app shell; {removed} pre-rendered files of the old endpoint removed)")
                }
            }})
        }
        Command::Policy { dist, zalo } => {
            prerender::prepare(&dist, None, &CounterChange::Keep, zalo.choice()).map(|prepared| {
                format!(
                    "{}\n{}",
                    prepared.policy.meta_text(),
                    prepared.policy.header_text()
                )
            })
        }
    };
    progress.finish();
    match result {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("portal-deploy: {error}");
            ExitCode::FAILURE
        }
    }
}
