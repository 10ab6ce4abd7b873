//! Where threads come from, what time it is, and how a thread waits.
//!
//! The lesson's code needs from the machine: start a thread, read a clock every
//! thread agrees on, name the thread it is on, and wait (sleep, download). In the
//! browser these are a Web Worker of the rayon pool and
//! `performance.timeOrigin + performance.now()` (see `web/`); in `cargo test` OS
//! threads and a process-wide `Instant`. Where real threads are not allowed, the
//! single-threaded build runs each "thread" as a coroutine instead ([`simulated`]).

use crate::runtime::cancel::CancelToken;
use crate::runtime::io::{FetchError, Fetched, Io, LocalBoxFuture};
use std::sync::Arc;

/// A thread's main: made on the new thread (it need not be `Send`), then run there.
/// What it ends with is dropped once the thread is free again (see [`ThreadEnd`]).
pub type ThreadMain = Box<dyn FnOnce() -> LocalBoxFuture<'static, ThreadEnd> + Send>;

/// What a thread's main leaves behind: the signal that it has ended. The runtime
/// drops it only after the thread can take another main, so that whoever waited
/// for the end (`join()`, the end of the run) can start the next thread at once.
pub struct ThreadEnd(pub Option<crate::runtime::sync::DoneOnDrop>);

/// No thread is free to run another: Python's `RuntimeError: can't start new thread`.
/// Refused at once rather than queued, so a program can never wait for a thread
/// that cannot come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CannotStart;

/// The machine the lesson's program runs on.
pub trait Runtime: Send + Sync + 'static {
    /// Runs `main` on a thread of its own that is free to block (wait, sleep, join).
    ///
    /// # Errors
    /// [`CannotStart`] when no thread is free; `main` is dropped unrun.
    fn spawn(&self, main: ThreadMain) -> Result<(), CannotStart>;
    /// Milliseconds on a clock shared by all threads (any fixed origin).
    fn now_ms(&self) -> f64;
    /// A number naming the thread this is called on, stable while the page lives.
    fn thread_id(&self) -> u32;
    /// How a task waits on this machine, if not by blocking its thread (the default,
    /// `None`: the program's own blocking waits).
    fn io(&self) -> Option<Box<dyn Io + '_>> {
        None
    }
    /// Whether the threads are real (Web Workers, OS threads) or simulated.
    fn threaded(&self) -> bool {
        true
    }
    /// GETs `url` for task `task`, blocking the calling thread until the whole body or
    /// an error is in, as `requests.get` does. Stop (`cancel`) ends the wait early.
    fn download(
        &self,
        task: usize,
        url: &str,
        cancel: &CancelToken,
    ) -> Result<Fetched, FetchError> {
        let _ = (task, url, cancel);
        Err(FetchError::Network("this runtime has no network".into()))
    }
}

pub type SharedRuntime = Arc<dyn Runtime>;

/// Plain OS threads: what `cargo test` runs the lesson on.
#[cfg(not(target_arch = "wasm32"))]
pub mod native {
    use super::{CannotStart, Runtime, ThreadMain};
    use crate::runtime::sync::block_on;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::OnceLock;
    use std::time::Instant;

    #[derive(Debug, Default)]
    pub struct OsThreads;

    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    static NEXT_ID: AtomicU32 = AtomicU32::new(1);
    thread_local! {
        static ID: u32 = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    }

    impl Runtime for OsThreads {
        fn spawn(&self, main: ThreadMain) -> Result<(), CannotStart> {
            std::thread::Builder::new()
                .spawn(move || drop(block_on(main())))
                .map(drop)
                .map_err(|_| CannotStart)
        }

        fn now_ms(&self) -> f64 {
            ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
        }

        fn thread_id(&self) -> u32 {
            ID.with(|id| *id)
        }
    }
}

/// Threads as coroutines on one thread, for where real threads are not allowed (a
/// page that is not cross-origin isolated). Each coroutine keeps a thread number of
/// its own, so the record and the timeline still tell the "threads" apart.
pub mod simulated {
    use crate::runtime::io::LocalBoxFuture;
    use std::cell::Cell;
    use std::future::Future;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    thread_local! {
        static CURRENT: Cell<u32> = const { Cell::new(0) };
    }

    /// The simulated thread running now (0: none, the event loop itself).
    pub fn current() -> u32 {
        CURRENT.with(Cell::get)
    }

    /// A coroutine that counts as thread `id` while it runs.
    pub struct AsThread<'a, T> {
        pub id: u32,
        pub body: LocalBoxFuture<'a, T>,
    }

    impl<T> Future for AsThread<'_, T> {
        type Output = T;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
            let outer = CURRENT.with(|c| c.replace(self.id));
            let poll = self.body.as_mut().poll(cx);
            CURRENT.with(|c| c.set(outer));
            poll
        }
    }
}
