//! Work on many items at once, results taken in order: the articles of a
//! live endpoint are fetched by several threads while the pages are written
//! one after another, in the list's order, on the calling thread.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Where the workers are: the next item to start, how many `each` has
/// taken, and whether everything stops (a panic on either side).
struct State {
    next: usize,
    taken: usize,
    stopped: bool,
}

/// Stops the workers when dropped while the caller unwinds: a panic in
/// `each` must not leave them waiting for it forever.
struct StopOnUnwind<'a>(&'a Mutex<State>, &'a Condvar);

impl Drop for StopOnUnwind<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            if let Ok(mut state) = self.0.lock() {
                state.stopped = true;
            }
            self.1.notify_all();
        }
    }
}

/// Runs `work` on every item with `jobs` threads and hands each result to
/// `each` on the calling thread, in the items' order. At most `window`
/// results wait for `each` at a time, so memory stays bounded however many
/// items there are and however slow `each` is. A panic on either side stops
/// the rest and is raised again here.
pub fn in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(usize, R),
) {
    let (jobs, window) = (jobs.max(1), window.max(1));
    let state = Mutex::new(State {
        next: 0,
        taken: 0,
        stopped: false,
    });
    let moved = Condvar::new();
    let (send, receive) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(items.len()) {
            let send = send.clone();
            let (state, moved, work) = (&state, &moved, &work);
            scope.spawn(move || loop {
                let index = {
                    let Ok(mut guard) = state.lock() else { return };
                    loop {
                        if guard.stopped || guard.next >= items.len() {
                            return;
                        }
                        if guard.next < guard.taken + window {
                            guard.next += 1;
                            break guard.next - 1;
                        }
                        let Ok(waited) = moved.wait(guard) else {
                            return;
                        };
                        guard = waited;
                    }
                };
                match catch_unwind(AssertUnwindSafe(|| work(&items[index]))) {
                    Ok(result) => {
                        if send.send((index, result)).is_err() {
                            return;
                        }
                    }
                    Err(panic) => {
                        if let Ok(mut guard) = state.lock() {
                            guard.stopped = true;
                        }
                        moved.notify_all();
                        resume_unwind(panic);
                    }
                }
            });
        }
        drop(send);
        let _stop = StopOnUnwind(&state, &moved);
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        for (index, result) in receive {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&wanted) {
                each(wanted, result);
                wanted += 1;
                if let Ok(mut guard) = state.lock() {
                    guard.taken = wanted;
                }
                moved.notify_all();
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn results_come_in_order_and_never_too_far_ahead() {
        let items: Vec<u64> = (0..500).collect();
        let started = AtomicUsize::new(0);
        let mut seen = Vec::new();
        in_order(
            &items,
            8,
            16,
            |n| {
                started.fetch_add(1, Ordering::SeqCst);
                // Later items finish first now and then.
                std::thread::sleep(std::time::Duration::from_micros((500 - n) % 7 * 50));
                n * 2
            },
            |index, result| {
                assert!(
                    started.load(Ordering::SeqCst) <= index + 16 + 1,
                    "ran ahead of the window"
                );
                seen.push((index, result));
            },
        );
        assert_eq!(seen.len(), 500);
        assert!(seen.iter().all(|(i, r)| *r == *i as u64 * 2));
        assert!(seen.windows(2).all(|w| w[0].0 + 1 == w[1].0));
        in_order(&Vec::<u8>::new(), 4, 4, |_| (), |_, _| panic!("no items"));
    }

    /// A panic on either side once left the other waiting forever.
    #[test]
    fn a_panic_on_either_side_fails_instead_of_hanging() {
        let items: Vec<u32> = (0..200).collect();
        let each_panics = std::panic::catch_unwind(|| {
            in_order(
                &items,
                4,
                2,
                |n| *n,
                |index, _| assert!(index < 3, "the page of item {index}"),
            );
        });
        assert!(each_panics.is_err());
        let work_panics = std::panic::catch_unwind(|| {
            in_order(
                &items,
                4,
                2,
                |n| assert!(*n != 5, "the fetch of item {n}"),
                |_, _| {},
            );
        });
        assert!(work_panics.is_err());
    }
}
