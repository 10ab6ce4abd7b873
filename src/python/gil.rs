//! The global interpreter lock, as CPython's `ceval_gil.c` has it: one Python thread
//! runs bytecode at a time. A thread that wants the lock asks the holder to drop it
//! (`drop_request`); the holder looks every few hundred instructions and, once the
//! switch interval has passed, hands it over and waits until another thread took it
//! — so a CPU-bound thread cannot take it straight back. Every blocking call
//! (`sleep`, `join`, `acquire`) drops it while it waits. Off (`gil: false`, like
//! free-threaded 3.14t), threads run their bytecode in parallel.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub struct Gil {
    state: Mutex<State>,
    /// `state.held`, readable without the mutex, for a thread spinning on it.
    held: AtomicBool,
    /// A thread spins for the lock: the others sleep at once. Threads spinning
    /// on two cores would take them from the holder.
    spinning: AtomicBool,
    changed: Condvar,
    /// A thread is waiting for the lock.
    drop_request: AtomicBool,
    /// `sys.getswitchinterval()`.
    interval: Mutex<Duration>,
}

#[derive(Default)]
struct State {
    held: bool,
    /// How many times the lock changed hands: a dropping thread waits for this to move.
    switches: u64,
    waiting: usize,
}

impl Default for Gil {
    fn default() -> Self {
        Gil {
            state: Mutex::new(State::default()),
            held: AtomicBool::new(false),
            spinning: AtomicBool::new(false),
            changed: Condvar::new(),
            drop_request: AtomicBool::new(false),
            interval: Mutex::new(Duration::from_millis(5)),
        }
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Gil {
    /// Takes the lock, waiting for the holder to drop it: spinning a moment first
    /// (`clock`: ms), since the holder is often about to (see [`spin_until`]).
    pub fn take(&self, clock: &dyn Fn() -> f64) {
        crate::runtime::sync::check_may_block("taking the GIL");
        if !self.spinning.swap(true, Ordering::AcqRel) {
            spin_until(clock, || !self.held.load(Ordering::Acquire));
            self.spinning.store(false, Ordering::Release);
        }
        let mut state = lock(&self.state);
        state.waiting += 1;
        while state.held {
            self.drop_request.store(true, Ordering::SeqCst);
            let interval = *lock(&self.interval);
            state = match self.changed.wait_timeout(state, interval) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        state.waiting -= 1;
        state.held = true;
        self.held.store(true, Ordering::Release);
        state.switches += 1;
        if state.waiting == 0 {
            self.drop_request.store(false, Ordering::SeqCst);
        }
    }

    /// Drops the lock (around a blocking call, or at the thread's end).
    pub fn drop_lock(&self) {
        let mut state = lock(&self.state);
        state.held = false;
        self.held.store(false, Ordering::Release);
        let waiting = state.waiting;
        drop(state);
        // No one to wake, no wake: a blocking call drops the lock every time.
        if waiting > 0 {
            self.changed.notify_all();
        }
    }

    /// Whether another thread asked for the lock.
    pub fn requested(&self) -> bool {
        self.drop_request.load(Ordering::Relaxed)
    }

    /// Hands the lock over if asked and the holder has had it for the switch
    /// interval since `since` (ms on the run's clock, `now`); returns when this
    /// thread holds it again. (`std::time::Instant` panics in wasm: the clock is given.)
    pub fn switch_if_asked(&self, since: &mut f64, now: f64, clock: &dyn Fn() -> f64) {
        if !self.requested() || now - *since < lock(&self.interval).as_secs_f64() * 1000.0 {
            return;
        }
        let mut state = lock(&self.state);
        let before = state.switches;
        state.held = false;
        self.held.store(false, Ordering::Release);
        self.changed.notify_all();
        // Wait until someone else has taken it: no taking it straight back.
        while state.switches == before && state.waiting > 0 {
            state = match self.changed.wait_timeout(state, Duration::from_millis(1)) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        drop(state);
        self.take(clock);
        *since = now;
    }

    pub fn interval(&self) -> Duration {
        *lock(&self.interval)
    }

    pub fn set_interval(&self, interval: Duration) {
        *lock(&self.interval) = interval;
    }
}

/// How long a thread spins before it sleeps in a wait that is about to end.
const SPIN_MS: f64 = 0.1;

/// Spins until `ready` or [`SPIN_MS`] pass; whether it got `ready`. Waking a
/// sleeping thread takes 0.1–2 ms between Web Workers (`Atomics.notify` to a
/// worker in `Atomics.wait`), and a thread start is three such hand-overs (the
/// new thread wakes, says it runs, drops the GIL at its first wait). Spinning
/// through the last two, `start()` returns about 0.04 ms after the new thread's
/// first line instead of 0.2 ms (in Chromium here). A longer wait still sleeps,
/// after this moment.
pub(super) fn spin_until(clock: &dyn Fn() -> f64, mut ready: impl FnMut() -> bool) -> bool {
    let mut until = f64::NAN;
    for round in 0u32.. {
        if ready() {
            return true;
        }
        std::hint::spin_loop();
        // The clock is a call into JS in the page: looked at now and then.
        if round % 64 == 0 {
            let now = clock();
            if until.is_nan() {
                until = now + SPIN_MS;
            } else if now >= until {
                return false;
            }
        }
    }
    false
}
