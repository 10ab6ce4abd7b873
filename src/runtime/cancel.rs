//! The run's Stop button, as seen from inside the threads.
//!
//! Every sleeping task waits on the token with a timeout instead of a bare sleep, so
//! pressing Stop wakes every sleeper at once. A run whose thread died is also
//! *abandoned*: then every wait of its threads ends, not only the sleeps, so that
//! no thread stays blocked in `join()` on a thread that will never end.

use crate::runtime::sync::{lock, spin_lock, Ready, Signal};
use futures_util::future::{select, Either};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

/// Stop was pressed while the task waited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

#[derive(Clone, Default)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {
    /// Read on every task's way: a plain atomic, so threads do not queue on a lock.
    stopped: AtomicBool,
    /// The same, under the lock sleepers wait with.
    cancelled: Mutex<bool>,
    wake: Condvar,
    /// Put when the run is given up.
    abandoned: Signal<()>,
}

/// What a wait on the token ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// The time given has passed.
    TimedOut,
    /// Stop was pressed.
    Cancelled,
}

impl CancelToken {
    pub fn new() -> Self {
        Self::default()
    }

    /// Stops the run: every waiter wakes now, later waits return at once.
    ///
    /// Safe to call on the browser's UI thread, where blocking traps
    /// (`Atomics.wait` is not allowed there): the lock is taken by spinning on
    /// `try_lock`, and the waiters hold it only for a few instructions.
    pub fn cancel(&self) {
        self.inner.stopped.store(true, Ordering::SeqCst);
        let mut flag = spin_lock(&self.inner.cancelled);
        *flag = true;
        self.inner.wake.notify_all();
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.stopped.load(Ordering::SeqCst)
    }

    /// Gives the run up (one of its threads died): Stop, and every thread's
    /// [`Self::unless_abandoned`] ends now. Never blocks: the UI thread calls it.
    pub fn abandon(&self) {
        self.cancel();
        self.inner.abandoned.put(());
    }

    /// Resolves once the run is abandoned.
    pub fn abandoned(&self) -> Ready<'_, ()> {
        self.inner.abandoned.ready()
    }

    /// Runs `work` to its end, or until the run is abandoned (then `None`, and
    /// `work` is dropped where it waited).
    pub async fn unless_abandoned<F: Future>(&self, work: F) -> Option<F::Output> {
        match select(std::pin::pin!(work), self.abandoned()).await {
            Either::Left((output, _)) => Some(output),
            Either::Right(_) => None,
        }
    }

    /// Waits up to `ms` milliseconds of `now` time, or until cancelled.
    ///
    /// `now` is the run's clock: std's `Instant` panics on wasm, so the deadline is
    /// kept on the same clock the record uses, and a spurious or early wake-up just
    /// waits for the rest.
    pub fn wait_ms(&self, ms: f64, now: &dyn Fn() -> f64) -> Wait {
        if ms <= 0.0 {
            // `time.sleep(0)`: nothing to wait for, no lock to take.
            return if self.is_cancelled() {
                Wait::Cancelled
            } else {
                Wait::TimedOut
            };
        }
        let deadline = now() + ms;
        crate::runtime::sync::check_may_block("a blocking sleep");
        let mut cancelled = lock(&self.inner.cancelled);
        loop {
            if *cancelled {
                return Wait::Cancelled;
            }
            let left = deadline - now();
            if left <= 0.0 {
                return Wait::TimedOut;
            }
            if left <= SPIN_TAIL_MS {
                if let Some(_spinner) = Spinner::claim() {
                    drop(cancelled);
                    return self.spin_until(deadline, now);
                }
            }
            // `left` is positive and finite here; were it not, end the wait rather
            // than panic (a panic would kill the thread).
            let timeout_ms = if left > SPIN_TAIL_MS {
                left - SPIN_TAIL_MS
            } else {
                left
            };
            let Ok(timeout) = std::time::Duration::try_from_secs_f64(timeout_ms / 1000.0) else {
                return Wait::TimedOut;
            };
            cancelled = match self.inner.wake.wait_timeout(cancelled, timeout) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0, // see sync.rs on poisoning
            };
        }
    }
}

impl CancelToken {
    /// The last moment of a sleep, spun out: see [`SPIN_TAIL_MS`].
    fn spin_until(&self, deadline: f64, now: &dyn Fn() -> f64) -> Wait {
        loop {
            if self.is_cancelled() {
                return Wait::Cancelled;
            }
            if now() >= deadline {
                return Wait::TimedOut;
            }
            std::hint::spin_loop();
        }
    }
}

/// How much of a sleep's end is spun out rather than slept. A timed wait wakes
/// 0.15–0.25 ms late here (a futex timeout in Chromium's `Atomics.wait`, as in the
/// OS), and the lesson's sequential listings sleep five times in a row: their
/// timings would drift a millisecond from the lesson's. So a sleep waits until
/// this much is left, then watches the clock.
const SPIN_TAIL_MS: f64 = 0.3;

/// A thread spins out a sleep's end now. One at a time: on a two-core machine a
/// second spinner would take the core the GIL's holder runs on; the others sleep
/// to the end as before.
static SPINNING: AtomicBool = AtomicBool::new(false);

/// The right to spin, given back when dropped.
struct Spinner;

impl Spinner {
    fn claim() -> Option<Spinner> {
        SPINNING
            .compare_exchange(false, true, Ordering::AcqRel, Ordering::Relaxed)
            .ok()
            .map(|_| Spinner)
    }
}

impl Drop for Spinner {
    fn drop(&mut self) {
        SPINNING.store(false, Ordering::Release);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    /// The test's clock, in ms (the runtime's is above this layer).
    struct Clock(Instant);

    impl Clock {
        fn now_ms(&self) -> f64 {
            self.0.elapsed().as_secs_f64() * 1000.0
        }
    }

    #[test]
    fn wait_times_out_after_the_time_given() {
        let rt = Clock(Instant::now());
        let token = CancelToken::new();
        let t0 = rt.now_ms();
        assert_eq!(token.wait_ms(50.0, &|| rt.now_ms()), Wait::TimedOut);
        let waited = rt.now_ms() - t0;
        assert!((50.0..500.0).contains(&waited), "waited {waited} ms");
    }

    /// Four threads sleeping `ms` on `token`: how each wait ended, and how long it took.
    fn sleepers(token: &CancelToken, ms: f64) -> Vec<std::thread::JoinHandle<(Wait, f64)>> {
        (0..4)
            .map(|_| {
                let token = token.clone();
                std::thread::spawn(move || {
                    let rt = Clock(Instant::now());
                    let how = token.wait_ms(ms, &|| rt.now_ms());
                    (how, rt.now_ms())
                })
            })
            .collect()
    }

    #[test]
    fn sleepers_ending_together_each_wait_their_time_though_one_spins() {
        // One of them spins out the end, the others wait it out on the lock.
        let token = CancelToken::new();
        for sleeper in sleepers(&token, 30.0) {
            let (how, waited) = sleeper.join().unwrap();
            assert_eq!(how, Wait::TimedOut);
            assert!((30.0..1_000.0).contains(&waited), "waited {waited} ms");
        }
    }

    #[test]
    fn stop_ends_a_sleep_in_its_spun_out_end() {
        let token = CancelToken::new();
        let stopper = token.clone();
        // Stop comes as the spin first reads the clock; had the spin not looked,
        // its next reading is past the deadline and it would say it timed out.
        let readings = std::cell::Cell::new(0);
        let now = || {
            readings.set(readings.get() + 1);
            if readings.get() == 1 {
                stopper.cancel();
                0.0
            } else {
                2.0
            }
        };
        assert_eq!(token.spin_until(1.0, &now), Wait::Cancelled);
    }

    #[test]
    fn cancel_wakes_every_sleeper_at_once() {
        let token = CancelToken::new();
        let sleepers = sleepers(&token, 10_000.0);
        std::thread::sleep(Duration::from_millis(50));
        token.cancel();
        for sleeper in sleepers {
            let (how, waited) = sleeper.join().unwrap();
            assert_eq!(how, Wait::Cancelled);
            assert!(waited < 2_000.0, "a sleeper woke only after {waited} ms");
        }
        assert_eq!(token.wait_ms(10_000.0, &|| 0.0), Wait::Cancelled);
    }
}
