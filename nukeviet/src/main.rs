//! `portal-nukeviet`: the NukeViet bridge's command line (see
//! `scripts/import-nukeviet`, `scripts/refresh-nukeviet`, docs/nukeviet.md).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use portal_deploy::progress::Progress;
use portal_nukeviet::files::Files;
use portal_nukeviet::import::{self, Options};
use portal_nukeviet::rules::{absolute_url, as_base};
use portal_reader::urls::UrlUse;

#[derive(Parser)]
#[command(
    name = "portal-nukeviet",
    about = "A NukeViet 4 portal's database as the reader's endpoint"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Reads the news module's tables and writes the endpoint into --out.
    /// Exits 0 when it was written (rows skipped are named on stderr), 1
    /// when it could not be: nothing is written before the database has
    /// been read, but a connection lost while bodies are streamed leaves
    /// the documents written so far (scripts/refresh-nukeviet works in a
    /// copy, so a live site never shows that).
    Import {
        #[command(flatten)]
        source: Source,
        /// The endpoint folder to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Exchanges two folders in one atomic rename (the refresh's last step:
    /// scripts/refresh-nukeviet).
    Exchange { a: PathBuf, b: PathBuf },
}

#[derive(Args)]
struct Source {
    /// mysql://USER:PASS@HOST:PORT/DB (a read-only user: SELECT is all it
    /// needs). Best from the environment (NUKEVIET_DB), where other users
    /// of the machine cannot read it as they can a command line.
    #[arg(long, env = "NUKEVIET_DB", hide_env_values = true)]
    db: String,
    /// Connect through this Unix socket (the URL's host is then unused).
    #[arg(long)]
    socket: Option<String>,
    #[arg(long, default_value = "nv4")]
    prefix: String,
    #[arg(long, default_value = "vi")]
    lang: String,
    /// The news module's table name (module_data).
    #[arg(long, default_value = "news")]
    module: String,
    /// The NukeViet installation's root folder (holding uploads/ and
    /// assets/), or its public address.
    #[arg(long)]
    files: String,
    /// The portal's public address, e.g. https://laichau.gov.vn/
    #[arg(long)]
    site_url: String,
    /// Read every article's body, not only the new and edited ones.
    #[arg(long)]
    full: bool,
    /// Import even when the database has less than half the articles the
    /// last import wrote (otherwise refused: a half-restored database).
    #[arg(long)]
    allow_shrink: bool,
    /// Where the endpoint will be public (default: api/ under --site-url,
    /// where a build looks for it): links of bodies to attached files are
    /// made absolute on it.
    #[arg(long)]
    endpoint_url: Option<String>,
    /// Articles per list page.
    #[arg(long, default_value_t = 50)]
    page_size: usize,
    /// Unix seconds taken as now (tests).
    #[arg(long, hide = true)]
    now: Option<i64>,
}

impl Source {
    fn options(&self, out: PathBuf) -> Result<Options, String> {
        // A flag's address is written out in full (not `//host`).
        let address = |flag: &str, url: &str| {
            absolute_url(url, UrlUse::Fetch)
                .filter(|_| url.contains("://"))
                .map(as_base)
                .ok_or_else(|| format!("{flag} {url}: an http(s) address"))
        };
        let site_url = address("--site-url", &self.site_url)?;
        let now = match self.now {
            Some(now) => now,
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_err(|e| e.to_string())?
                .as_secs() as i64,
        };
        let endpoint_url = match &self.endpoint_url {
            Some(url) => address("--endpoint-url", url)?,
            None => format!("{site_url}api/"),
        };
        Ok(Options {
            allow_shrink: self.allow_shrink,
            endpoint_url,
            db: self.db.clone(),
            socket: self.socket.clone(),
            prefix: self.prefix.clone(),
            lang: self.lang.clone(),
            module: self.module.clone(),
            files: Files::new(&self.files)?,
            site_url,
            out,
            now,
            page_size: self.page_size,
            full: self.full,
        })
    }
}

fn main() -> ExitCode {
    let progress = Progress::new();
    let result = match Cli::parse().command {
        Command::Import { source, out } => source
            .options(out)
            .and_then(|options| import::run(&options, &progress))
            .map(|report| {
                for line in report.notes.iter() {
                    progress.say(&format!("import-nukeviet: note: {line}"));
                }
                for line in report.skipped.iter() {
                    progress.say(&format!("import-nukeviet: skipped: {line}"));
                }
                report.to_string()
            }),
        Command::Exchange { a, b } => portal_nukeviet::exchange::exchange(&a, &b)
            .map(|()| format!("exchanged {} and {}", a.display(), b.display())),
    };
    progress.finish();
    match result {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("import-nukeviet: {error}");
            ExitCode::FAILURE
        }
    }
}
