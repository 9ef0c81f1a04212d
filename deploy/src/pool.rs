//! Work on many items at once, results taken in order: the articles of a
//! live endpoint are fetched by several threads while the pages are written
//! one after another, in the list's order, on the calling thread.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};

/// Runs `work` on every item with `jobs` threads and hands each result to
/// `each` on the calling thread, in the items' order. At most `window`
/// results wait for `each` at a time, so memory stays bounded however many
/// items there are and however slow `each` is.
pub fn in_order<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut each: impl FnMut(usize, R),
) {
    let (jobs, window) = (jobs.max(1), window.max(1));
    // The next item to start, and how many `each` has taken.
    let state = Mutex::new((0usize, 0usize));
    let taken = Condvar::new();
    let (send, receive) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..jobs.min(items.len()) {
            let send = send.clone();
            let (state, taken, work) = (&state, &taken, &work);
            scope.spawn(move || loop {
                let index = {
                    let Ok(mut guard) = state.lock() else { return };
                    loop {
                        let (next, consumed) = *guard;
                        if next >= items.len() {
                            return;
                        }
                        if next < consumed + window {
                            guard.0 += 1;
                            break next;
                        }
                        let Ok(waited) = taken.wait(guard) else {
                            return;
                        };
                        guard = waited;
                    }
                };
                if send.send((index, work(&items[index]))).is_err() {
                    return;
                }
            });
        }
        drop(send);
        let mut waiting = BTreeMap::new();
        let mut wanted = 0;
        for (index, result) in receive {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&wanted) {
                each(wanted, result);
                wanted += 1;
                if let Ok(mut guard) = state.lock() {
                    guard.1 = wanted;
                }
                taken.notify_all();
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
}
