//! The service's answers: the contract's two POSTs, the live totals and
//! `stats.json`, `/healthz`; each request through the origin check, the
//! client's rate limit and the decoder before it reaches the store.
//!
//! Every answer is ours: a status, and JSON of our own words (`{"error":
//! "…"}`), never an inner error's text.

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};

use axum::body::{to_bytes, Body};
use axum::extract::rejection::PathRejection;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::header::{HeaderName, HeaderValue};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, MethodRouter};
use axum::Router;
use serde_json::{json, Value};

use portal_reader::urls::is_valid_slug;
use portal_reader::urls::routes::Route;

use crate::catalogue::{Catalogue, Known};
use crate::limits::{client_key, Limits};
use crate::request::{self, Refusal, MAX_BODY_BYTES};
use crate::store::{now, Answer, Baseline, Job, Unavailable, Writer};

/// How long a request's body may take to arrive.
const BODY_SECONDS: std::time::Duration = std::time::Duration::from_secs(10);

/// What the service was started with.
pub struct Config {
    /// Where the endpoint's paths start: `/`, or `/counter/`.
    pub base_path: String,
    /// Origins whose pages may call the service (`https://portal.vn`).
    pub allow_origins: Vec<String>,
    /// The header a proxy in front puts the client's address in; `None`:
    /// the connection's own address is the client's.
    pub client_ip_header: Option<HeaderName>,
}

/// The service's state, shared by every request.
pub struct Service {
    pub config: Config,
    pub writer: Writer,
    pub catalogue: Catalogue,
    pub limits: Mutex<Limits>,
}

/// The routes, under the base path.
pub fn router(service: Arc<Service>) -> Router {
    let any = |router: MethodRouter<Arc<Service>>| router.options(preflight);
    let endpoint = Router::new()
        .route("/articles/{slug}/ratings", any(get(live_totals).post(vote)))
        .route("/stats/hit", any(axum::routing::post(hit)))
        .route("/stats.json", any(get(stats)));
    let base = service.config.base_path.trim_end_matches('/').to_string();
    let endpoint = match base.is_empty() {
        true => endpoint,
        false => Router::new().nest(&base, endpoint),
    };
    endpoint
        .route("/healthz", get(health))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "no such address", None) })
        .method_not_allowed_fallback(|| async {
            error(
                StatusCode::METHOD_NOT_ALLOWED,
                "not a method of this address",
                None,
            )
        })
        .with_state(service)
}

type Peer = ConnectInfo<SocketAddr>;

/// Why a request is turned away before it is read.
enum Stop {
    /// A page of another origin.
    Origin,
    /// Over the client's rate; the origin to answer with.
    Flood(Option<HeaderValue>),
}

impl Stop {
    fn answer(self) -> Response {
        match self {
            Stop::Origin => error(
                StatusCode::FORBIDDEN,
                "this origin may not call the counter",
                None,
            ),
            Stop::Flood(origin) => {
                let mut answer = error(
                    StatusCode::TOO_MANY_REQUESTS,
                    "too many requests: wait a moment",
                    origin.as_ref(),
                );
                answer
                    .headers_mut()
                    .insert("retry-after", HeaderValue::from_static("1"));
                answer
            }
        }
    }
}

/// The page's origin when it may call: `Ok(None)` for a request without
/// one (not a browser's cross-origin call), `Err` when it may not.
fn origin(service: &Service, headers: &HeaderMap) -> Result<Option<HeaderValue>, Stop> {
    let Some(origin) = headers.get("origin") else {
        return Ok(None);
    };
    let text = origin.to_str().unwrap_or_default();
    let host = headers.get("host").and_then(|h| h.to_str().ok());
    // Served on the page's own host (behind the same nginx): same origin.
    let same_host = host.is_some_and(|host| {
        text.strip_prefix("https://")
            .or_else(|| text.strip_prefix("http://"))
            .is_some_and(|authority| authority.eq_ignore_ascii_case(host))
    });
    if same_host || service.config.allow_origins.iter().any(|o| o == text) {
        Ok(Some(origin.clone()))
    } else {
        Err(Stop::Origin)
    }
}

/// The client a request counts against: the proxy's header when the
/// service is told to trust one (its last address: the one the proxy
/// itself added), else the connection's peer. Only a proxy that writes
/// the header makes it trustworthy: docs/counter.md.
fn client(service: &Service, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
    let forwarded = service
        .config
        .client_ip_header
        .as_ref()
        // The last line, and in it the last address: what the proxy in
        // front added (a client may send lines of its own before it).
        .and_then(|name| headers.get_all(name).iter().next_back())
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.rsplit(',').next())
        .and_then(|last| last.trim().parse::<IpAddr>().ok());
    client_key(forwarded.unwrap_or(peer.ip()))
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// The checks every request passes: its origin, then its client's bucket.
/// Gives the origin to answer with and the client.
fn admit(
    service: &Service,
    peer: SocketAddr,
    headers: &HeaderMap,
) -> Result<(Option<HeaderValue>, IpAddr), Stop> {
    let origin = origin(service, headers)?;
    let client = client(service, peer, headers);
    let allowed = service
        .limits
        .lock()
        .map(|mut limits| limits.allow(client, now_ms()))
        .unwrap_or(false);
    if !allowed {
        return Err(Stop::Flood(origin));
    }
    Ok((origin, client))
}

/// A POST's body, decoded by `decode`: JSON, at most 1 KB.
async fn body<T>(
    headers: &HeaderMap,
    body: Body,
    decode: fn(&[u8]) -> Result<T, Refusal>,
) -> Result<T, Refusal> {
    if !request::is_json(headers.get("content-type").map(HeaderValue::as_bytes)) {
        return Err(Refusal::NotJson);
    }
    // A body that trickles in is given up on (nginx in front, as the docs
    // set it up, holds slow clients off the service anyway).
    let bytes = tokio::time::timeout(BODY_SECONDS, to_bytes(body, MAX_BODY_BYTES))
        .await
        .map_err(|_| Refusal::Slow)?
        .map_err(|_| Refusal::TooLarge)?;
    decode(&bytes)
}

/// The article `path` names, as the endpoint knows it (its figures there),
/// or the answer saying why not.
async fn known_article(
    service: &Arc<Service>,
    path: Result<Path<String>, PathRejection>,
    origin: Option<&HeaderValue>,
) -> Result<(String, Baseline), Response> {
    // An address that is not even text is no slug.
    let slug = path.map(|Path(slug)| slug).unwrap_or_default();
    if !is_valid_slug(&slug) {
        return Err(error(StatusCode::NOT_FOUND, "no such article", origin));
    }
    match lookup(service, &slug).await {
        Ok(Known::Article(baseline)) => Ok((slug, baseline)),
        Ok(Known::Unknown) => Err(error(StatusCode::NOT_FOUND, "no such article", origin)),
        Err(unavailable) => Err(unavailable_answer(unavailable, origin)),
    }
}

/// The endpoint's word on `slug`: kept, or asked off the runtime's threads.
async fn lookup(service: &Arc<Service>, slug: &str) -> Result<Known, Unavailable> {
    if let Some(known) = service.catalogue.known(slug) {
        return Ok(known);
    }
    let (service, slug) = (service.clone(), slug.to_string());
    let found = tokio::task::spawn_blocking(move || service.catalogue.lookup(&slug)).await;
    match found {
        Ok(Ok(known)) => Ok(known),
        Ok(Err(why)) => {
            eprintln!("counter: the endpoint could not be read: {why}");
            Err(Unavailable::Failed)
        }
        Err(_) => Err(Unavailable::Failed),
    }
}

async fn vote(
    State(service): State<Arc<Service>>,
    path: Result<Path<String>, PathRejection>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    request: Body,
) -> Response {
    let (origin, client) = match admit(&service, peer, &headers) {
        Ok(admitted) => admitted,
        Err(stop) => return stop.answer(),
    };
    let origin = origin.as_ref();
    // The article first: a vote on no article takes nothing of the cap (a
    // flood of them cannot push honest entries out).
    let (slug, baseline) = match known_article(&service, path, origin).await {
        Ok(article) => article,
        Err(answer) => return answer,
    };
    let vote = match body(&headers, request, request::vote).await {
        Ok(vote) => vote,
        Err(refusal) => return refused(&refusal, origin),
    };
    let capped = service
        .limits
        .lock()
        .map(|mut limits| !limits.take_vote(client, &slug, &vote.vote_id, now() as u64))
        .unwrap_or(true);
    if capped {
        return error(
            StatusCode::TOO_MANY_REQUESTS,
            "enough votes on this article from this address today",
            origin,
        );
    }
    let job = Job::Vote {
        slug,
        stars: vote.stars,
        vote_id: vote.vote_id,
        baseline,
    };
    totals_answer(service.writer.ask(job).await, origin)
}

async fn live_totals(
    State(service): State<Arc<Service>>,
    path: Result<Path<String>, PathRejection>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
) -> Response {
    let (origin, _) = match admit(&service, peer, &headers) {
        Ok(admitted) => admitted,
        Err(stop) => return stop.answer(),
    };
    let origin = origin.as_ref();
    let (slug, baseline) = match known_article(&service, path, origin).await {
        Ok(article) => article,
        Err(answer) => return answer,
    };
    totals_answer(
        service.writer.ask(Job::Ratings { slug, baseline }).await,
        origin,
    )
}

async fn hit(
    State(service): State<Arc<Service>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
    request: Body,
) -> Response {
    let (origin, client) = match admit(&service, peer, &headers) {
        Ok(admitted) => admitted,
        Err(stop) => return stop.answer(),
    };
    let origin = origin.as_ref();
    let hit = match body(&headers, request, request::hit).await {
        Ok(hit) => hit,
        Err(refusal) => return refused(&refusal, origin),
    };
    // The app reports its route (`/bai-viet/{slug}`), wherever it is deployed.
    let article = match Route::of(&hit.path, "") {
        Route::Article(slug) if is_valid_slug(&slug) => match lookup(&service, &slug).await {
            Ok(Known::Article(baseline)) => Some((slug, baseline)),
            Ok(Known::Unknown) => None,
            Err(unavailable) => return unavailable_answer(unavailable, origin),
        },
        _ => None,
    };
    let (visit, view) = service
        .limits
        .lock()
        .map(|mut limits| {
            limits.page_view(
                client,
                article.as_ref().map(|(s, _)| s.as_str()),
                now() as u64,
            )
        })
        .unwrap_or((false, false));
    if visit || view {
        let job = Job::Hit {
            visit,
            article: article.filter(|_| view),
        };
        if let Err(unavailable) = service.writer.ask(job).await {
            return unavailable_answer(unavailable, origin);
        }
    }
    respond(StatusCode::NO_CONTENT, None, origin)
}

async fn stats(
    State(service): State<Arc<Service>>,
    ConnectInfo(peer): Peer,
    headers: HeaderMap,
) -> Response {
    let (origin, _) = match admit(&service, peer, &headers) {
        Ok(admitted) => admitted,
        Err(stop) => return stop.answer(),
    };
    let online = service
        .limits
        .lock()
        .map(|limits| limits.online(now() as u64))
        .unwrap_or(0);
    match service.writer.ask(Job::Stats { online }).await {
        Ok(Answer::Stats(stats)) => respond(StatusCode::OK, Some(stats), origin.as_ref()),
        Ok(_) => unavailable_answer(Unavailable::Failed, origin.as_ref()),
        Err(unavailable) => unavailable_answer(unavailable, origin.as_ref()),
    }
}

async fn health(State(service): State<Arc<Service>>) -> Response {
    match service.writer.ask(Job::Ping).await {
        Ok(_) => respond(StatusCode::OK, Some(json!({ "ok": true })), None),
        Err(unavailable) => unavailable_answer(unavailable, None),
    }
}

/// A browser's question before a cross-origin POST with a JSON body.
async fn preflight(State(service): State<Arc<Service>>, headers: HeaderMap) -> Response {
    let origin = match origin(&service, &headers) {
        Ok(origin) => origin,
        Err(stop) => return stop.answer(),
    };
    let mut answer = respond(StatusCode::NO_CONTENT, None, origin.as_ref());
    let h = answer.headers_mut();
    h.insert(
        "access-control-allow-methods",
        HeaderValue::from_static("GET, POST"),
    );
    h.insert(
        "access-control-allow-headers",
        HeaderValue::from_static("content-type"),
    );
    h.insert("access-control-max-age", HeaderValue::from_static("86400"));
    answer
}

fn totals_answer(answer: Result<Answer, Unavailable>, origin: Option<&HeaderValue>) -> Response {
    match answer {
        Ok(Answer::Totals(totals)) => respond(
            StatusCode::OK,
            Some(json!({ "total": totals.total, "count": totals.count })),
            origin,
        ),
        Ok(Answer::UnknownArticle) => error(StatusCode::NOT_FOUND, "no such article", origin),
        Ok(Answer::RatingOff) => {
            error(StatusCode::FORBIDDEN, "this article takes no votes", origin)
        }
        Ok(_) => unavailable_answer(Unavailable::Failed, origin),
        Err(unavailable) => unavailable_answer(unavailable, origin),
    }
}

fn refused(refusal: &Refusal, origin: Option<&HeaderValue>) -> Response {
    let status = StatusCode::from_u16(refusal.status()).unwrap_or(StatusCode::BAD_REQUEST);
    error(status, refusal.message(), origin)
}

fn unavailable_answer(unavailable: Unavailable, origin: Option<&HeaderValue>) -> Response {
    let message = match unavailable {
        Unavailable::Busy => "busy: try again in a moment",
        Unavailable::Failed => "not counted: try again",
    };
    let mut answer = error(StatusCode::SERVICE_UNAVAILABLE, message, origin);
    answer
        .headers_mut()
        .insert("retry-after", HeaderValue::from_static("1"));
    answer
}

fn error(status: StatusCode, message: &str, origin: Option<&HeaderValue>) -> Response {
    respond(status, Some(json!({ "error": message })), origin)
}

/// An answer: never cached (the counts are live), the origin echoed for a
/// page allowed to read it.
fn respond(status: StatusCode, body: Option<Value>, origin: Option<&HeaderValue>) -> Response {
    let mut answer = Response::new(match &body {
        Some(json) => Body::from(json.to_string()),
        None => Body::empty(),
    });
    *answer.status_mut() = status;
    let h = answer.headers_mut();
    if body.is_some() {
        h.insert("content-type", HeaderValue::from_static("application/json"));
    }
    h.insert("cache-control", HeaderValue::from_static("no-store"));
    h.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    h.insert("vary", HeaderValue::from_static("Origin"));
    if let Some(origin) = origin {
        h.insert("access-control-allow-origin", origin.clone());
    }
    answer
}
