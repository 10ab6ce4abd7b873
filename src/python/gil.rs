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
    /// Takes the lock, waiting for the holder to drop it.
    pub fn take(&self) {
        crate::runtime::sync::check_may_block("taking the GIL");
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
        state.switches += 1;
        if state.waiting == 0 {
            self.drop_request.store(false, Ordering::SeqCst);
        }
    }

    /// Drops the lock (around a blocking call, or at the thread's end).
    pub fn drop_lock(&self) {
        let mut state = lock(&self.state);
        state.held = false;
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
    pub fn switch_if_asked(&self, since: &mut f64, now: f64) {
        if !self.requested() || now - *since < lock(&self.interval).as_secs_f64() * 1000.0 {
            return;
        }
        let mut state = lock(&self.state);
        let before = state.switches;
        state.held = false;
        self.changed.notify_all();
        // Wait until someone else has taken it: no taking it straight back.
        while state.switches == before && state.waiting > 0 {
            state = match self.changed.wait_timeout(state, Duration::from_millis(1)) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        drop(state);
        self.take();
        *since = now;
    }

    pub fn interval(&self) -> Duration {
        *lock(&self.interval)
    }

    pub fn set_interval(&self, interval: Duration) {
        *lock(&self.interval) = interval;
    }
}
