//! Where the counts live, behind one trait: an SQLite file ([`sqlite`],
//! the default) or a NukeViet portal's own tables ([`nukeviet`]).
//!
//! A store is used by one thread, the [`Writer`]: requests queue for it,
//! and it takes every request waiting (up to [`MAX_BATCH`]) into one
//! transaction, commits, and only then answers them all. One commit (one
//! fsync) then serves a whole batch, so durability costs little under load,
//! and no answer ever reports a count that was not committed.

pub mod nukeviet;
pub mod sqlite;

use std::future::Future;
use std::thread;

use serde_json::Value;
use tokio::sync::{mpsc, oneshot};

use portal_reader::api::RatingTotals;

/// The most requests one transaction takes.
pub const MAX_BATCH: usize = 512;
/// The most requests waiting for the store: past it the service answers
/// 503 at once rather than making every client wait longer.
pub const MAX_WAITING: usize = 8_192;

/// What an article had before this service counted anything (its
/// document's `rating` and `views` on the endpoint); zero when unknown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    pub rating: RatingTotals,
    pub views: u64,
}

/// One request for the store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Job {
    /// A vote; counted once per (article, `vote_id`).
    Vote {
        slug: String,
        stars: u8,
        vote_id: String,
        baseline: Baseline,
    },
    /// A page view: `visit` counts it on the site's counter, `article` on
    /// that article's views.
    Hit {
        visit: bool,
        article: Option<(String, Baseline)>,
    },
    /// An article's totals now.
    Ratings { slug: String, baseline: Baseline },
    /// `stats.json` now; `online` as the service counted it.
    Stats { online: u64 },
    /// Whether the store answers (`/healthz`).
    Ping,
}

/// The store's answer to one [`Job`].
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Totals(RatingTotals),
    /// The store knows the articles and this is not one (404).
    UnknownArticle,
    /// The article takes no votes (NukeViet's `allowed_rating` off: 403).
    RatingOff,
    Stats(Value),
    Done,
}

/// One job's outcome: its answer, or why it failed (nothing of it is then
/// written; the other jobs of its batch are not affected).
pub type Outcome = Result<Answer, String>;

/// A store: runs a batch of jobs at `now` (Unix seconds), answering each,
/// or fails the whole batch (its commit failed: nothing of it is written).
pub trait Store: Send + 'static {
    fn run(&mut self, jobs: &[Job], now: i64) -> Result<Vec<Outcome>, String>;
}

/// The store could not answer: busy, or its batch failed (a 503; the
/// client retries, and a vote's id makes the retry safe).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unavailable {
    Busy,
    Failed,
}

type Reply = oneshot::Sender<Result<Answer, Unavailable>>;

/// The store's thread, and the queue to it.
#[derive(Clone)]
pub struct Writer {
    queue: mpsc::Sender<(Job, Reply)>,
}

impl Writer {
    /// Starts the thread that owns `store`. It ends when every [`Writer`]
    /// is dropped, after the batch it is running.
    pub fn start(store: Box<dyn Store>) -> Writer {
        let (queue, waiting) = mpsc::channel(MAX_WAITING);
        thread::Builder::new()
            .name("store".into())
            .spawn(move || run_batches(store, waiting))
            .expect("a thread for the store");
        Writer { queue }
    }

    /// Queues `job` for the next batch at once, and gives the wait for its
    /// committed answer.
    pub fn ask(&self, job: Job) -> impl Future<Output = Result<Answer, Unavailable>> {
        let (reply, answer) = oneshot::channel();
        let queued = self.queue.try_send((job, reply)).is_ok();
        async move {
            if !queued {
                return Err(Unavailable::Busy);
            }
            answer.await.unwrap_or(Err(Unavailable::Failed))
        }
    }
}

fn run_batches(mut store: Box<dyn Store>, mut waiting: mpsc::Receiver<(Job, Reply)>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = waiting.blocking_recv() {
        batch.push(first);
        while batch.len() < MAX_BATCH {
            match waiting.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let (jobs, replies): (Vec<Job>, Vec<Reply>) = batch.drain(..).unzip();
        // A panic in a store (a row a client library cannot convert) fails
        // its batch, not the thread every later request waits on.
        let ran =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| store.run(&jobs, now())))
                .unwrap_or_else(|_| Err("the store panicked".into()));
        // The operator's log says why; the client only that it failed.
        match ran {
            Ok(outcomes) if outcomes.len() == jobs.len() => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(outcome.map_err(|error| {
                        eprintln!("counter: a request failed: {error}");
                        Unavailable::Failed
                    }));
                }
            }
            ran => {
                if let Err(error) = ran {
                    eprintln!("counter: a batch of {} failed: {error}", jobs.len());
                }
                for reply in replies {
                    let _ = reply.send(Err(Unavailable::Failed));
                }
            }
        }
    }
}

/// Unix seconds.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store that records its batches' sizes, fails the ones holding a
    /// ping, fails a stats job alone, and panics on a ratings job.
    struct Recorder(std::sync::Arc<std::sync::Mutex<Vec<usize>>>);

    impl Store for Recorder {
        fn run(&mut self, jobs: &[Job], _now: i64) -> Result<Vec<Outcome>, String> {
            self.0.lock().unwrap().push(jobs.len());
            if jobs.contains(&Job::Ping) {
                return Err("refused".into());
            }
            Ok(jobs
                .iter()
                .map(|job| match job {
                    Job::Stats { .. } => Err("this one".into()),
                    Job::Ratings { .. } => panic!("a row it cannot read"),
                    _ => Ok(Answer::Done),
                })
                .collect())
        }
    }

    fn hit() -> Job {
        Job::Hit {
            visit: true,
            article: None,
        }
    }

    /// Runs the store's loop on `jobs`, all queued before it starts.
    fn answers_to(jobs: Vec<Job>) -> (Vec<Result<Answer, Unavailable>>, Vec<usize>) {
        let batches = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (queue, waiting) = mpsc::channel(MAX_WAITING);
        let answers: Vec<_> = jobs
            .into_iter()
            .map(|job| {
                let (reply, answer) = oneshot::channel();
                queue.try_send((job, reply)).unwrap();
                answer
            })
            .collect();
        drop(queue);
        run_batches(Box::new(Recorder(batches.clone())), waiting);
        let answers = answers
            .into_iter()
            .map(|mut a| a.try_recv().unwrap())
            .collect();
        let batches = batches.lock().unwrap().clone();
        (answers, batches)
    }

    #[test]
    fn waiting_requests_share_a_batch() {
        let (answers, batches) = answers_to((0..MAX_BATCH + 5).map(|_| hit()).collect());
        assert!(answers.iter().all(|a| *a == Ok(Answer::Done)));
        assert_eq!(batches, [MAX_BATCH, 5]);
    }

    #[test]
    fn a_failed_batch_fails_every_request_in_it() {
        let (answers, _) = answers_to(vec![hit(), Job::Ping, hit()]);
        assert!(answers.iter().all(|a| *a == Err(Unavailable::Failed)));
    }

    #[test]
    fn a_failed_request_fails_alone() {
        let (answers, _) = answers_to(vec![hit(), Job::Stats { online: 0 }, hit()]);
        assert_eq!(
            answers,
            [Ok(Answer::Done), Err(Unavailable::Failed), Ok(Answer::Done)]
        );
    }

    #[test]
    fn a_panicking_store_fails_its_batch_and_the_next_batch_runs() {
        let ratings = Job::Ratings {
            slug: "a".into(),
            baseline: Baseline::default(),
        };
        let (answers, batches) = answers_to(vec![hit(), ratings]);
        assert!(answers.iter().all(|a| *a == Err(Unavailable::Failed)));
        assert_eq!(batches, [2]);
        let (answers, _) = answers_to(vec![hit()]);
        assert_eq!(answers, [Ok(Answer::Done)]);
    }

    #[test]
    fn a_full_queue_is_answered_busy_at_once() {
        let (queue, _waiting) = mpsc::channel(1);
        let writer = Writer { queue };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let _first = writer.ask(hit());
        assert_eq!(runtime.block_on(writer.ask(hit())), Err(Unavailable::Busy));
    }
}
