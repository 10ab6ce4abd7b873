//! The threaded build's machine: a wasm-bindgen-rayon pool of Web Workers.
//!
//! Downloads: a pool worker's own event loop never runs, so a `fetch` started there
//! would never complete. A thread that downloads hands the request to the *broker*,
//! a task on the UI thread's event loop, and blocks until the bytes or the error
//! come back: a thread blocked on I/O, as `requests.get` blocks in the lesson. We
//! chose the UI thread over a dedicated worker: its event loop already runs, the
//! browser's network stack does the work off-thread anyway, and the thumbnails it
//! makes are needed there.

// A build with the `threads` feature but without atomics would compile Mutex and
// Condvar to no-ops and deadlock or trap in the browser. Say so at compile time.
#[cfg(not(target_feature = "atomics"))]
compile_error!(
    "potoki's threaded wasm build needs atomics: build with `npm run build` (it passes \
     -Z build-std and the flags in .cargo/config.toml), not a bare `cargo build`"
);

use super::fetch::{self, RunScope};
use super::{now, workers, Start};
use crate::runtime::cancel::CancelToken;
use crate::runtime::io::{FetchError, Fetched};
use crate::runtime::machine::{CannotStart, Runtime, ThreadMain};
use crate::runtime::sync::block_on;
use crate::runtime::sync::Signal;
use futures_channel::mpsc::{unbounded, UnboundedReceiver, UnboundedSender};
use futures_util::StreamExt;
use js_sys::Promise;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Starts the pool: `threads` Web Workers, each then in its loop (`workers.rs`).
/// Resolves when every worker is idle and ready for a thread.
pub fn start(threads: usize) -> Promise {
    let pool = wasm_bindgen_rayon::init_thread_pool(threads);
    wasm_bindgen_futures::future_to_promise(async move {
        // Rayon may be used only once its workers exist: it waits for them silently.
        JsFuture::from(pool).await?;
        workers::enter_loops(threads).await;
        Ok(JsValue::UNDEFINED)
    })
}

/// Workers of the pool that have not died.
pub fn threads_left() -> usize {
    workers::alive()
}

#[cfg(feature = "test-hooks")]
static PANIC_IN_NEXT_THREAD: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// For the tests only (the `test-hooks` build, never shipped): the next thread the
/// lesson's main thread starts panics at once, before its first line, as a bug in it would. Its
/// end is never signalled: whoever joins it would wait for ever, but for the panic
/// hook.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = panicInNextThreadForTests)]
pub fn panic_in_next_thread_for_tests() {
    PANIC_IN_NEXT_THREAD.store(true, std::sync::atomic::Ordering::SeqCst);
}

#[cfg(feature = "test-hooks")]
static TRAP_IN_NEXT_THREAD: std::sync::atomic::AtomicBool =
    std::sync::atomic::AtomicBool::new(false);

/// For the tests only: the next thread the lesson's main thread starts traps at
/// once, with no panic before it (as a native stack overflow or an engine error
/// would): only the worker's own report tells the page.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = trapInNextThreadForTests)]
pub fn trap_in_next_thread_for_tests() {
    TRAP_IN_NEXT_THREAD.store(true, std::sync::atomic::Ordering::SeqCst);
}

/// For the tests only: a blocking lock on the page's own thread, which the
/// `test-hooks` build turns into a panic (proof that its check is armed).
#[cfg(feature = "test-hooks")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = lockOnUiThreadForTests)]
pub fn lock_on_ui_thread_for_tests() {
    let mutex = std::sync::Mutex::new(());
    drop(crate::runtime::sync::lock(&mutex));
}

/// For the tests only: a panic on the page's own thread.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen::prelude::wasm_bindgen(js_name = panicOnUiThreadForTests)]
#[allow(clippy::panic)]
pub fn panic_on_ui_thread_for_tests() {
    panic!("a test panic on the page's own thread");
}

/// A thread's download, handed to the broker on the UI thread.
struct DownloadRequest {
    task: usize,
    url: String,
    reply: Arc<Signal<Result<Fetched, FetchError>>>,
}

/// The rayon pool the page started, as the lesson's machine.
struct Pool {
    /// Where threads send their downloads.
    broker: UnboundedSender<DownloadRequest>,
}

impl Runtime for Pool {
    fn spawn(&self, main: ThreadMain) -> Result<(), CannotStart> {
        // Threads started by the program (from a worker), not its main thread (from
        // the page's thread).
        #[cfg(feature = "test-hooks")]
        if rayon::current_thread_index().is_some()
            && PANIC_IN_NEXT_THREAD.swap(false, std::sync::atomic::Ordering::SeqCst)
        {
            #[allow(clippy::panic)]
            return workers::start(Box::new(move || {
                std::mem::forget(main); // a dead thread runs no destructors
                panic!("a test panic in a lesson thread")
            }));
        }
        #[cfg(feature = "test-hooks")]
        if rayon::current_thread_index().is_some()
            && TRAP_IN_NEXT_THREAD.swap(false, std::sync::atomic::Ordering::SeqCst)
        {
            return workers::start(Box::new(move || {
                std::mem::forget(main);
                core::arch::wasm32::unreachable()
            }));
        }
        workers::start(main)
    }

    fn now_ms(&self) -> f64 {
        now()
    }

    /// Worker 1…N of the pool; 0 is the page's UI thread.
    fn thread_id(&self) -> u32 {
        rayon::current_thread_index().map_or(0, |i| i as u32 + 1)
    }

    /// Blocks this worker until the broker has the bytes or the error (Stop aborts
    /// the request, so the reply always comes).
    fn download(
        &self,
        task: usize,
        url: &str,
        _cancel: &CancelToken,
    ) -> Result<Fetched, FetchError> {
        let gone = || FetchError::Network("the page stopped listening".into());
        let reply = Arc::new(Signal::new());
        self.broker
            .unbounded_send(DownloadRequest {
                task,
                url: url.to_owned(),
                reply: reply.clone(),
            })
            .map_err(|_| gone())?;
        block_on(reply.take())
    }
}

/// The broker: on the UI thread's event loop, fetches what the threads ask for,
/// all at once, and puts each reply in its signal.
async fn broker(mut requests: UnboundedReceiver<DownloadRequest>, scope: Rc<RunScope>) {
    while let Some(request) = requests.next().await {
        let scope = scope.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let result = fetch::fetch(&scope, request.task, &request.url).await;
            request.reply.put(result);
        });
    }
}

/// Starts the run.
///
/// # Errors
/// [`CannotStart`] when no worker is free for the lesson's main thread.
pub fn run(mut start: Start) -> Result<(), CannotStart> {
    let (requests, inbox) = unbounded();
    let program = start.program(Arc::new(Pool { broker: requests }));
    let plan = start.plan;
    // The lesson's main thread: a pool worker of its own, blocking where Python blocks.
    program.start_main(move |program| async move {
        crate::python::host::run(&plan, &program).await;
    })?;
    wasm_bindgen_futures::spawn_local(broker(inbox, start.scope.clone()));
    Ok(())
}
