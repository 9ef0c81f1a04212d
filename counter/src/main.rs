//! `portal-counter`: see `scripts/counter --help` and `docs/counter.md`.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};

use axum::http::HeaderName;
use clap::Parser;

use portal_counter::catalogue::Catalogue;
use portal_counter::http::{router, Config, Service};
use portal_counter::limits::{Limits, Settings};
use portal_counter::store::nukeviet::{NukevietStore, Tables};
use portal_counter::store::sqlite::SqliteStore;
use portal_counter::store::{Store, Writer};

/// Counts the reader's votes and page views: the endpoint's two POSTs, its
/// live totals and stats.json, answered at the base path.
#[derive(Parser)]
#[command(name = "scripts/counter")]
struct Flags {
    /// Address and port to answer on (port 0: any free one, printed).
    #[arg(long, default_value = "127.0.0.1:8081")]
    listen: SocketAddr,
    /// sqlite:PATH (a file, made if missing), or mysql://USER:PASS@HOST/DB
    /// for a NukeViet portal's own database (with --nukeviet). From the
    /// environment, a password stays out of the process list.
    #[arg(long, env = "COUNTER_STORE")]
    store: String,
    /// The MySQL/MariaDB server's Unix socket.
    #[arg(long)]
    socket: Option<String>,
    /// The NukeViet news module's tables: {prefix}_{lang}_{module}.
    #[arg(long, value_name = "TABLES")]
    nukeviet: Option<String>,
    /// A page origin allowed to call (https://portal.example.vn); repeat
    /// for more. Pages on the service's own host are always allowed.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    allow_origins: Vec<String>,
    /// The header a proxy in front writes the client's address in
    /// (X-Real-IP, X-Forwarded-For). Without it, the connection's address.
    #[arg(long, value_name = "NAME")]
    client_ip_header: Option<String>,
    /// The endpoint (folder or http(s) URL) whose articles may be counted,
    /// and whose figures the counts start from (SQLite). Without it any
    /// well-formed slug is taken.
    #[arg(long, value_name = "DIR_OR_URL")]
    endpoint: Option<String>,
    /// The path the endpoint's addresses start at.
    #[arg(long, default_value = "/")]
    base_path: String,
    /// Requests one client address may make per second, sustained (a
    /// page view is up to three: the view, the live totals, stats.json;
    /// an office or a school is one address).
    #[arg(long, default_value_t = 20.0)]
    requests_per_second: f64,
    /// Requests one client address may make at once.
    #[arg(long, default_value_t = 120.0)]
    burst: f64,
    /// Votes one client address may cast on one article in a day.
    #[arg(long, default_value_t = 10)]
    votes_per_article: u32,
}

fn main() {
    let flags = Flags::parse();
    if let Err(why) = run(flags) {
        eprintln!("portal-counter: {why}");
        std::process::exit(2);
    }
}

fn run(flags: Flags) -> Result<(), String> {
    let base_path = match (
        flags.base_path.starts_with('/'),
        flags.base_path.ends_with('/'),
    ) {
        (true, true) => flags.base_path.clone(),
        (true, false) => format!("{}/", flags.base_path),
        _ => {
            return Err(format!(
                "--base-path {:?}: a path starting with /",
                flags.base_path
            ))
        }
    };
    if !(flags.requests_per_second > 0.0 && flags.burst >= 1.0) {
        return Err("--requests-per-second must be above 0 and --burst at least 1".into());
    }
    let client_ip_header = flags
        .client_ip_header
        .as_deref()
        .map(|name| {
            HeaderName::try_from(name)
                .map_err(|_| format!("--client-ip-header {name:?}: not a header name"))
        })
        .transpose()?;
    // As a browser writes an Origin header: scheme, host, port; lower case.
    let allow_origins = flags
        .allow_origins
        .iter()
        .map(|given| {
            portal_reader::urls::origin_of(given)
                .filter(|origin| origin.starts_with("http://") || origin.starts_with("https://"))
                .ok_or_else(|| format!("--allow-origin {given:?}: not an http(s) origin"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let catalogue = Catalogue::new(flags.endpoint.as_deref());
    catalogue.check()?;
    let (store, described): (Box<dyn Store>, String) = match flags.store.split_once(':') {
        Some(("sqlite", path)) if !path.is_empty() => {
            if flags.nukeviet.is_some() {
                return Err("--nukeviet goes with a mysql:// store".into());
            }
            let store = SqliteStore::open(Path::new(path), catalogue.site_total())?;
            (Box::new(store), format!("sqlite:{path}"))
        }
        Some(("mysql", _)) => {
            let tables = flags
                .nukeviet
                .as_deref()
                .ok_or("a mysql:// store needs --nukeviet (nv4_vi_news): the tables it writes")?;
            if flags.endpoint.is_some() {
                return Err(
                    "--endpoint goes with a sqlite: store (the database knows its articles)".into(),
                );
            }
            let store = NukevietStore::open(
                &flags.store,
                flags.socket.as_deref(),
                Tables::parse(tables)?,
            )?;
            (Box::new(store), format!("NukeViet tables {tables}"))
        }
        _ => return Err("--store: sqlite:PATH or mysql://USER:PASS@HOST/DB".into()),
    };
    let service = Arc::new(Service {
        config: Config {
            base_path,
            allow_origins,
            client_ip_header,
        },
        writer: Writer::start(store),
        catalogue,
        limits: Mutex::new(Limits::new(Settings {
            per_second: flags.requests_per_second,
            burst: flags.burst,
            votes_per_article: flags.votes_per_article,
        })),
    });
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(flags.listen)
            .await
            .map_err(|e| format!("--listen {}: {e}", flags.listen))?;
        let address = listener.local_addr().map_err(|e| e.to_string())?;
        println!(
            "portal-counter: listening on http://{address}{} (store: {described})",
            service.config.base_path
        );
        let app = router(service).into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, app)
            .with_graceful_shutdown(stopped())
            .await
            .map_err(|e| e.to_string())
    })
}

/// SIGINT or SIGTERM: stop taking connections, finish the requests in
/// flight (each then answered after its commit), and end.
async fn stopped() {
    let notify = Arc::new(tokio::sync::Notify::new());
    let on_interrupt = notify.clone();
    tokio::spawn(async move {
        let _ = tokio::signal::ctrl_c().await;
        on_interrupt.notify_one();
    });
    if let Ok(mut terminate) =
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
    {
        let on_terminate = notify.clone();
        tokio::spawn(async move {
            terminate.recv().await;
            on_terminate.notify_one();
        });
    }
    notify.notified().await;
}
