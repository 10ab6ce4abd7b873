//! How the lesson's threads wait for each other: a [`Signal`] is a value put once
//! and awaited. On a real thread the waiter runs under `sync::block_on`, so awaiting
//! parks the thread (it really blocks, as `join()` does); in the single-threaded
//! build the waiter is a coroutine and awaiting yields to the page's event loop.
//! The same scenario code waits either way.
//!
//! On the browser's UI thread nothing may block (`Atomics.wait` traps there): the
//! web boundary marks that thread ([`this_thread_must_not_block`]), and every lock
//! it may take is [`spin_lock`] or [`shared_lock`], which spin on `try_lock` there;
//! the other side holds such a lock for a few instructions only. In the build with
//! the `test-hooks` feature, a blocking [`lock`] or [`park`] on a marked thread
//! panics, so the browser tests prove the UI thread never takes one.
//!
//! A poisoned lock only means some thread panicked while holding it; the data is
//! still whole, so every lock here carries on rather than spread the panic.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::{Mutex, MutexGuard, TryLockError};
use std::task::{Context, Poll, Wake, Waker};

thread_local! {
    /// Set on the browser's UI thread, where a blocking wait traps.
    static MUST_NOT_BLOCK: Cell<bool> = const { Cell::new(false) };
}

/// Marks the calling thread as one that must never block (the browser's UI thread).
pub fn this_thread_must_not_block() {
    MUST_NOT_BLOCK.with(|flag| flag.set(true));
}

/// Whether the calling thread was marked by [`this_thread_must_not_block`].
pub fn must_not_block() -> bool {
    MUST_NOT_BLOCK.with(Cell::get)
}

/// What a blocking call does on a thread that must not block: nothing in the
/// shipped build (there it would trap anyway); a panic that names the call in the
/// test build, so a browser test fails on the first such call, contended or not.
#[inline]
pub fn check_may_block(what: &str) {
    #[cfg(feature = "test-hooks")]
    if must_not_block() {
        #[allow(clippy::panic)] // the test build's whole point: fail loudly
        {
            panic!("{what} on the UI thread: it may not block");
        }
    }
    let _ = what;
}

/// Locks `m`, blocking the thread while another holds it. Not for the UI thread.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    check_may_block("a blocking Mutex::lock");
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// Locks `m` from any thread: a blocking lock on a worker, a spin on `try_lock` on
/// the UI thread. For state both sides use (the run's record, its threads).
pub fn shared_lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    match m.try_lock() {
        Ok(guard) => guard,
        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(TryLockError::WouldBlock) if must_not_block() => spin_lock(m),
        Err(TryLockError::WouldBlock) => lock(m),
    }
}

/// Parks the calling thread until it is unparked (see `std::thread::park`).
pub fn park() {
    check_may_block("std::thread::park");
    std::thread::park();
}

/// Locks `m` without ever blocking: safe on the browser's UI thread.
pub fn spin_lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    loop {
        match m.try_lock() {
            Ok(guard) => return guard,
            Err(TryLockError::Poisoned(poisoned)) => return poisoned.into_inner(),
            Err(TryLockError::WouldBlock) => std::hint::spin_loop(),
        }
    }
}

/// Remembers a waiter's waker once, however often it polls.
pub fn remember(wakers: &mut Vec<Waker>, waker: &Waker) {
    if !wakers.iter().any(|w| w.will_wake(waker)) {
        wakers.push(waker.clone());
    }
}

/// A value put once and awaited by any number of threads or coroutines: a thread's
/// end, a task's result, a download's reply.
pub struct Signal<T> {
    state: Mutex<SignalState<T>>,
}

struct SignalState<T> {
    value: Option<T>,
    wakers: Vec<Waker>,
}

impl<T> Default for Signal<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Signal<T> {
    pub const fn new() -> Self {
        Signal {
            state: Mutex::new(SignalState {
                value: None,
                wakers: Vec::new(),
            }),
        }
    }

    /// Sets the value and wakes every waiter. Never blocks: the UI thread may call it.
    pub fn put(&self, value: T) {
        let wakers = {
            let mut state = spin_lock(&self.state);
            state.value = Some(value);
            std::mem::take(&mut state.wakers)
        };
        for waker in wakers {
            waker.wake();
        }
    }

    pub fn is_set(&self) -> bool {
        spin_lock(&self.state).value.is_some()
    }

    /// Waits for the value and takes it out (for a single waiter).
    pub fn take(&self) -> Take<'_, T> {
        Take(self)
    }

    /// Waits until the value is there, leaving it in place.
    pub fn ready(&self) -> Ready<'_, T> {
        Ready(self)
    }
}

/// The future of [`Signal::ready`].
pub struct Ready<'a, T>(&'a Signal<T>);

impl<T> Future for Ready<'_, T> {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = spin_lock(&self.0.state);
        if state.value.is_some() {
            return Poll::Ready(());
        }
        remember(&mut state.wakers, cx.waker());
        Poll::Pending
    }
}

impl<T: Clone> Signal<T> {
    /// Waits for the value and returns a copy of it.
    pub fn wait(&self) -> WaitFor<'_, T> {
        WaitFor(self)
    }
}

/// The future of [`Signal::wait`].
pub struct WaitFor<'a, T>(&'a Signal<T>);

impl<T: Clone> Future for WaitFor<'_, T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = spin_lock(&self.0.state);
        match &state.value {
            Some(value) => Poll::Ready(value.clone()),
            None => {
                remember(&mut state.wakers, cx.waker());
                Poll::Pending
            }
        }
    }
}

/// The future of [`Signal::take`].
pub struct Take<'a, T>(&'a Signal<T>);

impl<T> Future for Take<'_, T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = spin_lock(&self.0.state);
        match state.value.take() {
            Some(value) => Poll::Ready(value),
            None => {
                remember(&mut state.wakers, cx.waker());
                Poll::Pending
            }
        }
    }
}

/// Puts `()` into a signal when dropped, so a waiter is released however the
/// work ended.
pub struct DoneOnDrop(pub std::sync::Arc<Signal<()>>);

impl Drop for DoneOnDrop {
    fn drop(&mut self) {
        self.0.put(());
    }
}

/// Runs a future to its end on the calling thread, parking it while the future waits.
/// With blocking waits (`program::ThreadIo`) every wait has already happened, so this
/// polls once.
pub fn block_on<F: Future>(future: F) -> F::Output {
    struct Unpark(std::thread::Thread);
    impl Wake for Unpark {
        fn wake(self: Arc<Self>) {
            self.0.unpark();
        }
    }
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_waiting_thread_blocks_until_the_value_is_put() {
        let signal = Arc::new(Signal::new());
        let putter = signal.clone();
        let started = std::time::Instant::now();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            putter.put(7);
        });
        assert_eq!(block_on(signal.wait()), 7);
        assert!(started.elapsed() >= Duration::from_millis(95));
        // Later waiters get it at once.
        assert_eq!(block_on(signal.wait()), 7);
        assert_eq!(block_on(signal.take()), 7);
        assert!(!signal.is_set());
    }
}
