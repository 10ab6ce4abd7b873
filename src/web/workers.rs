//! The pool's Web Workers as the lesson's threads: each of them runs one Python
//! thread at a time, for as long as that thread runs.
//!
//! Rayon's pool is work stealing: a job spawned from a worker goes to that worker's
//! own deque, and runs only if another worker steals it. Rayon does not support jobs
//! that block (every lesson thread blocks, in `join()`, `result()`, `sleep`), so
//! blocking jobs there make progress depend on stealing happening at the right
//! time. Instead, once the pool is up, every rayon worker enters a loop of ours for
//! good (`rayon::spawn_broadcast`, started once): it says it is idle, parks until
//! it is handed a thread's main, runs it to its end, and says it is idle again.
//! Starting a thread takes an idle worker or is refused ([`CannotStart`]) — a
//! thread is never queued behind another.
//!
//! A worker that dies (a panic aborts its thread) never comes back: [`alive`]
//! counts the ones left, and the page plans with those.

use crate::runtime::machine::{CannotStart, ThreadMain};
use crate::runtime::sync::block_on;
use crate::runtime::sync::{lock, shared_lock, Signal};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
// Set in this worker once its panic was reported: the trap that ends a panic
// (panic = abort) is then no news.
let panicReported = false;
export function watchForTrap() {
  // A wasm trap that is not a panic (the panic hook reports those) ends this
  // worker's loop as a rejected promise inside wasm-bindgen-rayon's worker script:
  // the page would never hear of it, and a run waiting for this thread would wait
  // until its deadline. Tell the page (playground.js listens on each Worker).
  self.addEventListener('unhandledrejection', (event) => {
    if (panicReported) return;
    self.postMessage({ type: 'potoki_worker_trapped', message: String(event.reason) });
  });
}
export function reportedPanic() { panicReported = true; }
")]
extern "C" {
    #[wasm_bindgen(js_name = watchForTrap)]
    fn watch_for_trap();
    #[wasm_bindgen(js_name = reportedPanic)]
    fn reported_panic();
}

/// Where a worker parks until it is handed a thread's main.
#[derive(Default)]
struct Mailbox {
    main: Mutex<Option<ThreadMain>>,
    arrived: Condvar,
}

/// The workers waiting for a thread to run; the last to arrive is handed out first
/// (the most likely to be awake still).
static IDLE: Mutex<Vec<Arc<Mailbox>>> = Mutex::new(Vec::new());
/// Workers that entered their loop and have not died.
static ALIVE: AtomicUsize = AtomicUsize::new(0);
/// Workers the pool was started with.
static EXPECTED: AtomicUsize = AtomicUsize::new(usize::MAX);
/// A worker has taken on compiling the interpreter's library.
static LIBRARY_COMPILED: AtomicBool = AtomicBool::new(false);
/// Put when every worker has entered its loop: the pool is ready for runs.
static ALL_IN: Signal<()> = Signal::new();

/// Sends every worker of the pool (`threads` of them) into its loop; resolves when
/// all are idle. Call once, after `initThreadPool` resolved (before, rayon waits for
/// ever for workers that do not exist yet).
pub async fn enter_loops(threads: usize) {
    EXPECTED.store(threads, Ordering::SeqCst);
    rayon::spawn_broadcast(|_| worker_loop());
    ALL_IN.ready().await;
}

/// Workers alive, idle or running a thread.
pub fn alive() -> usize {
    ALIVE.load(Ordering::SeqCst)
}

/// Called by the panic hook on a worker that is about to die.
pub fn dying() {
    ALIVE.fetch_sub(1, Ordering::SeqCst);
    // The page hears of this death from the panic hook: not again from the trap.
    reported_panic();
}

/// Hands `main` to an idle worker, which starts it at once.
///
/// # Errors
/// [`CannotStart`] when every worker is busy (or dead).
pub fn start(main: ThreadMain) -> Result<(), CannotStart> {
    let mailbox = take_idle().ok_or(CannotStart)?;
    *shared_lock(&mailbox.main) = Some(main);
    mailbox.arrived.notify_one();
    Ok(())
}

/// How long a thread start waits for a worker that is on its way back to idle.
const RETURNING_MS: u64 = 50;

/// Signalled whenever a worker becomes idle.
static BACK: Condvar = Condvar::new();

/// An idle worker. On a worker (a thread starting another) it waits a moment for
/// one that is coming back: the run before this one may have said its last word
/// while its main thread's worker was still on its way back. On the page's own
/// thread (starting a program's main thread) nothing may wait.
fn take_idle() -> Option<Arc<Mailbox>> {
    if crate::runtime::sync::must_not_block() {
        return shared_lock(&IDLE).pop();
    }
    let mut idle = lock(&IDLE);
    let mut waited = 0;
    loop {
        if let Some(mailbox) = idle.pop() {
            return Some(mailbox);
        }
        if waited >= RETURNING_MS {
            return None;
        }
        idle = BACK
            .wait_timeout(idle, std::time::Duration::from_millis(5))
            .map_or_else(|poisoned| poisoned.into_inner().0, |(guard, _)| guard);
        waited += 5;
    }
}

/// A worker's life: idle, handed a thread, runs it, idle again.
fn worker_loop() {
    watch_for_trap();
    // One worker compiles the interpreter's library before it says it is in: the
    // pool is ready with it compiled, so a page's first run does not wait for it,
    // and no run finds that worker busy with it.
    if !LIBRARY_COMPILED.swap(true, Ordering::SeqCst) {
        crate::python::precompile_library();
    }
    let mailbox = Arc::new(Mailbox::default());
    lock(&IDLE).push(mailbox.clone());
    // Counted once it is in the idle list, so "all in" means all can be handed out.
    if ALIVE.fetch_add(1, Ordering::SeqCst) + 1 == EXPECTED.load(Ordering::SeqCst) {
        ALL_IN.put(());
    }
    loop {
        let main = {
            let mut slot = lock(&mailbox.main);
            loop {
                if let Some(main) = slot.take() {
                    break main;
                }
                crate::runtime::sync::check_may_block("a worker's wait for a thread");
                slot = mailbox
                    .arrived
                    .wait(slot)
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
            }
        };
        let end = block_on(main());
        // Idle again before the thread counts as ended: whoever waits for its end may
        // start the next thread at once, and it must find this worker free.
        lock(&IDLE).push(mailbox.clone());
        BACK.notify_all();
        drop(end);
    }
}
