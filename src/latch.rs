//! A one-shot "done" flag a thread can wait on: what `join()` waits for.

use std::sync::{Condvar, Mutex, MutexGuard};

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
        *self.lock() = true;
        self.cv.notify_all();
    }

    pub fn is_set(&self) -> bool {
        *self.lock()
    }

    /// Blocks the calling thread until [`set`](Self::set). Never call it on the
    /// browser's UI thread (it traps there); the lesson's main thread is a worker.
    pub fn wait(&self) {
        let mut done = self.lock();
        while !*done {
            done = self.cv.wait(done).unwrap_or_else(|p| p.into_inner());
        }
    }

    fn lock(&self) -> MutexGuard<'_, bool> {
        self.done.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Sets the latch when dropped, so a waiter is released however the work ended.
pub struct SetOnDrop(pub std::sync::Arc<Latch>);

impl Drop for SetOnDrop {
    fn drop(&mut self) {
        self.0.set();
    }
}
