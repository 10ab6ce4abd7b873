//! The few blocking tools the lesson's threads share, and the rule they keep: on
//! the browser's UI thread nothing may block (`Atomics.wait` traps there), so what
//! the UI thread calls ([`Slot::put`], `CancelToken::cancel`) takes its lock by
//! spinning on `try_lock`; the other side holds it for a few instructions only.
//!
//! A poisoned lock only means some thread panicked while holding it; the data is
//! still whole, so every lock here carries on rather than spread the panic.

use std::sync::{Arc, Condvar, Mutex, MutexGuard, TryLockError};

/// Locks `m`, blocking the thread while another holds it. Not for the UI thread.
pub fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
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

/// Waits on `cv`, keeping the guard even if the lock was poisoned meanwhile.
pub fn wait<'a, T>(cv: &Condvar, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
    cv.wait(guard).unwrap_or_else(|p| p.into_inner())
}

/// A value that one side puts once and the other waits for: a download's reply,
/// a thread's end.
pub struct Slot<T> {
    value: Mutex<Option<T>>,
    cv: Condvar,
}

impl<T> Default for Slot<T> {
    fn default() -> Self {
        Slot {
            value: Mutex::new(None),
            cv: Condvar::new(),
        }
    }
}

impl<T> Slot<T> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Fills the slot and wakes the waiters. Never blocks, so the UI thread may call it.
    pub fn put(&self, value: T) {
        *spin_lock(&self.value) = Some(value);
        self.cv.notify_all();
    }

    /// Blocks until the slot is filled, then takes the value out.
    pub fn take(&self) -> T {
        let mut value = lock(&self.value);
        loop {
            if let Some(value) = value.take() {
                return value;
            }
            value = wait(&self.cv, value);
        }
    }
}

/// A one-shot "done" flag a thread can wait on: what `join()` waits for.
#[derive(Default)]
pub struct Latch {
    done: Mutex<bool>,
    cv: Condvar,
}

impl Latch {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn set(&self) {
        *spin_lock(&self.done) = true;
        self.cv.notify_all();
    }

    /// Blocks the calling thread until [`set`](Self::set).
    pub fn wait(&self) {
        let mut done = lock(&self.done);
        while !*done {
            done = wait(&self.cv, done);
        }
    }
}

/// Sets the latch when dropped, so a waiter is released however the work ended.
pub struct SetOnDrop(pub Arc<Latch>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.set();
    }
}
