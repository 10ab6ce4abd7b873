//! Where threads come from and what time it is.
//!
//! The lesson's code needs three things from the machine: start a thread, read a clock
//! that every thread agrees on, and name the thread it is on. In the browser these are a
//! Web Worker of the rayon pool and `performance.timeOrigin + performance.now()`
//! (see `web.rs`); in `cargo test` they are OS threads and a process-wide `Instant`.

use crate::cancel::CancelToken;
use crate::io::{FetchError, Fetched};
use std::sync::Arc;

/// Work handed to a thread of its own.
pub type Job = Box<dyn FnOnce() + Send + 'static>;

/// The machine the lesson's program runs on.
pub trait Runtime: Send + Sync + 'static {
    /// Runs `job` on a thread that is free to block (wait, sleep, join).
    fn spawn(&self, job: Job);
    /// Milliseconds on a clock shared by all threads (any fixed origin).
    fn now_ms(&self) -> f64;
    /// A number naming the thread this is called on, stable while the page lives.
    fn thread_id(&self) -> u32;
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
    use super::{Job, Runtime};
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::OnceLock;
    use std::time::Instant;

    #[derive(Debug, Default)]
    pub struct OsThreads;

    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    static NEXT_ID: AtomicU32 = AtomicU32::new(0);
    thread_local! {
        static ID: u32 = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    }

    impl Runtime for OsThreads {
        fn spawn(&self, job: Job) {
            // A failed spawn drops the job; its waiters see it as never finishing,
            // which the tests would catch as a timeout. OS threads do not fail here.
            let _ = std::thread::Builder::new().spawn(job);
        }

        fn now_ms(&self) -> f64 {
            ORIGIN.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
        }

        fn thread_id(&self) -> u32 {
            ID.with(|id| *id)
        }
    }
}
