//! The wasm boundary: the only module that knows wasm-bindgen.
//!
//! JS calls [`start_pool`] once, then [`check_plan`] and [`run`]. Errors are typed
//! ([`WebError`]) and become JS `Error`s in exactly one place (`From<WebError>`).
//! A panic on any thread is reported by `panic.rs` and ends the run at once.
//!
//! Two builds come from this source. With the `threads` feature (the default; wasm
//! atomics, shared memory) the lesson's threads are Web Workers of a rayon pool
//! (`threads.rs`). Without it (a page that may not share memory: not
//! cross-origin isolated) they are coroutines on the page's one thread
//! (`single.rs`). The UI thread never blocks in either: it only parses plans,
//! starts the program, awaits events and does the downloads.

mod error;
mod fetch;
mod files;
// Waits on the page's event loop: only simulated threads wait so (real ones block).
#[cfg(not(feature = "threads"))]
mod io;
mod panic;
mod plan_input;
#[cfg(not(feature = "threads"))]
mod single;
#[cfg(feature = "threads")]
mod threads;
#[cfg(feature = "threads")]
mod workers;

use crate::runtime::cancel::CancelToken;
use crate::runtime::plan::{Machine, Plan, PlanError, MAX_POOL_THREADS};
use crate::runtime::program::Program;
use crate::runtime::record::Event;
use crate::runtime::recorder::Sink;
use error::WebError;
use fetch::RunScope;
use futures_channel::mpsc::{unbounded, UnboundedReceiver};
use futures_util::StreamExt;
use js_sys::{Function, Promise};
use plan_input::plan_input;
use serde::Serialize;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use wasm_bindgen::prelude::*;

#[cfg(not(feature = "threads"))]
use single as machine_impl;
#[cfg(feature = "threads")]
use threads as machine_impl;

#[wasm_bindgen(inline_js = "
export function now() { return performance.timeOrigin + performance.now(); }
export function baseUrl() { return document.baseURI; }
export function yieldToPage() {
  // scheduler.yield() lets the page draw and answer input, then resumes us first;
  // setTimeout where it is missing.
  return globalThis.scheduler?.yield ? scheduler.yield() : new Promise((go) => setTimeout(go, 0));
}
")]
extern "C" {
    /// Milliseconds since 1970 on a clock every worker shares: each worker has its
    /// own `timeOrigin`, so `performance.now()` alone would not compare across them.
    fn now() -> f64;
    /// What relative image URLs resolve against: the page, not a worker's `blob:` URL.
    #[wasm_bindgen(js_name = baseUrl)]
    fn base_url() -> String;
    #[wasm_bindgen(js_name = yieldToPage)]
    fn yield_to_page() -> Promise;
}

#[wasm_bindgen]
extern "C" {
    /// JS `String(value)`: how JS itself would write what the caller passed.
    #[wasm_bindgen(js_name = String, catch)]
    fn js_string(value: &JsValue) -> Result<String, JsValue>;
}

/// Threads of the pool, 0 until [`start_pool`] was called.
static POOL_THREADS: AtomicUsize = AtomicUsize::new(0);
static CORES: AtomicUsize = AtomicUsize::new(1);
/// One run at a time: the pool is sized for one program.
static RUNNING: AtomicBool = AtomicBool::new(false);

#[wasm_bindgen(start)]
fn on_load() {
    // A panic aborts the thread it happens on: say where, and end the run it killed.
    panic::install();
}

/// Starts the machine: a pool of `threads` Web Workers in the threaded build (the
/// promise resolves when they all run; nothing else may be called before, or rayon
/// waits forever for its workers), room for `threads` simulated threads in the other.
///
/// # Errors
/// When `threads` is out of range.
#[wasm_bindgen(js_name = startPool)]
pub fn start_pool(threads: usize, cores: usize) -> Result<Promise, JsValue> {
    if !(2..=MAX_POOL_THREADS).contains(&threads) {
        return Err(WebError::PoolSize(threads).into());
    }
    // The page calls this on its own thread, where a blocking wait traps.
    crate::runtime::sync::this_thread_must_not_block();
    POOL_THREADS.store(threads, Ordering::SeqCst);
    CORES.store(cores.max(1), Ordering::SeqCst);
    Ok(machine_impl::start(threads))
}

/// Bytes the wasm heap holds now (allocated, not yet freed), by every thread.
#[wasm_bindgen(js_name = heapBytes)]
pub fn heap_bytes() -> f64 {
    crate::runtime::memory::live_bytes() as f64
}

/// Whether this build runs real threads.
#[wasm_bindgen]
pub fn threaded() -> bool {
    cfg!(feature = "threads")
}

/// Threads of the pool still alive: fewer than it started with once one died.
#[wasm_bindgen(js_name = threadsLeft)]
pub fn threads_left() -> usize {
    POOL_THREADS
        .load(Ordering::SeqCst)
        .min(machine_impl::threads_left())
}

fn machine() -> Result<Machine, WebError> {
    if POOL_THREADS.load(Ordering::SeqCst) == 0 {
        return Err(WebError::PoolNotStarted);
    }
    Ok(Machine {
        pool_threads: threads_left(),
        cores: CORES.load(Ordering::SeqCst),
        threaded: threaded(),
    })
}

fn parse(plan: &JsValue) -> Result<Plan, WebError> {
    Ok(Plan::parse(&plan_input(plan), machine()?)?)
}

/// JSON text for JS to parse (see `www/potoki.js`).
fn to_json(value: &impl Serialize) -> Result<String, WebError> {
    serde_json::to_string(value).map_err(|e| WebError::Convert(e.to_string()))
}

/// Checks a plan without running it: the page calls this on every edit.
/// Returns the checked plan as JSON (`maxWorkers`, where it came from, threads needed).
///
/// # Errors
/// An `Error` whose message names the bad field: `secs[3]: "abc" is not a number`.
#[wasm_bindgen(js_name = checkPlan)]
pub fn check_plan(plan: &JsValue) -> Result<String, JsValue> {
    Ok(to_json(&parse(plan)?)?)
}

/// Checks that `code` is Python the interpreter runs: it parses and stays within the
/// subset. Needs no pool: the page calls it as the student types.
///
/// # Errors
/// An `Error` whose message is `SyntaxError: invalid syntax (line 2)` or
/// `NotImplementedError: … is not supported here (line 3)`, with `.line` and `.col`.
#[wasm_bindgen(js_name = checkPython)]
pub fn check_python(code: &str) -> Result<(), JsValue> {
    crate::python::check(code).map_err(|e| WebError::Python(e).into())
}

/// A run in progress: its end, and its Stop button.
#[wasm_bindgen]
pub struct RunHandle {
    cancel: CancelToken,
    scope: Rc<RunScope>,
    done: Promise,
    deadline_ms: f64,
}

#[wasm_bindgen]
impl RunHandle {
    /// Resolves when the program and all its threads have ended (its record came
    /// with the last event, `end`).
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> Promise {
        self.done.clone()
    }

    /// Past this many milliseconds the run has not merely been slow: a thread died.
    #[wasm_bindgen(getter = deadlineMs)]
    pub fn deadline_ms(&self) -> f64 {
        self.deadline_ms
    }

    /// Stop: sleepers wake now, downloads are aborted, queued tasks are cancelled.
    pub fn cancel(&self) {
        self.cancel.cancel();
        self.scope.stop();
    }
}

/// What a run starts with, whichever build runs it.
pub(crate) struct Start {
    pub plan: Plan,
    /// When the run started, on the shared clock.
    pub t0: f64,
    pub cancel: CancelToken,
    pub scope: Rc<RunScope>,
    pub sink: Sink,
}

impl Start {
    /// The program for this run on `runtime`, its times counted from the run's start.
    fn program(
        &mut self,
        runtime: std::sync::Arc<dyn crate::runtime::machine::Runtime>,
    ) -> Program {
        let sink = std::mem::replace(&mut self.sink, Box::new(|_| {}));
        Program::new(runtime, &self.plan, self.t0, self.cancel.clone(), sink)
    }
}

/// Runs a plan: the lesson's main thread starts, and `on_events` is called on the UI
/// thread with the events that have arrived, as a JSON array, the moment the UI
/// thread wakes for them (one event, or the few that came together).
///
/// # Errors
/// A bad plan (the message names the field), a pool not started, or a run already going.
#[wasm_bindgen]
pub fn run(plan: &JsValue, on_events: Function) -> Result<RunHandle, JsValue> {
    let plan = parse(plan)?;
    if plan.code.is_none() {
        // A listing runs as its Python: the page's text of it, which playground.js
        // makes from the checked plan (listing-code.js) before it calls here.
        return Err(WebError::Plan(PlanError {
            place: "code".into(),
            reason: "a listing runs as its Python: pass the code listing-code.js makes for it"
                .into(),
        })
        .into());
    }
    let scope = Rc::new(RunScope::new(on_events.clone())?);
    if RUNNING.swap(true, Ordering::SeqCst) {
        return Err(WebError::Busy.into());
    }
    fetch::reset_resource_timings();
    let (sender, mut events) = unbounded::<Event>();
    let cancel = CancelToken::new();
    let deadline_ms = plan.deadline_ms;
    let t0 = now();
    panic::watch(sender.clone(), t0);
    let started = machine_impl::run(Start {
        plan,
        t0,
        cancel: cancel.clone(),
        scope: scope.clone(),
        // The receiver lives as long as the run; a failed send means the page went away.
        sink: Box::new(move |event| {
            let _ = sender.unbounded_send(event);
        }),
    });
    if started.is_err() {
        panic::unwatch();
        RUNNING.store(false, Ordering::SeqCst);
        return Err(WebError::NoThread.into());
    }
    let (run_cancel, run_scope) = (cancel.clone(), scope.clone());
    let done = wasm_bindgen_futures::future_to_promise(async move {
        let ended = forward(&mut events, &on_events).await;
        panic::unwatch();
        if ended.is_err() {
            // A thread died: the others of the run stop waiting (for it, or at all),
            // their downloads are aborted, and their workers are free again.
            run_cancel.abandon();
            run_scope.stop();
        }
        RUNNING.store(false, Ordering::SeqCst);
        ended?;
        Ok(JsValue::UNDEFINED)
    });
    Ok(RunHandle {
        cancel,
        scope,
        done,
        deadline_ms,
    })
}

/// Events handed to the page at once at most: a backlog of a 10,000-task run is
/// passed on in shares, each a short task of the UI thread.
const BATCH: usize = 1000;

/// Hands the events to `on_events` as they come, until the run's last one.
async fn forward(
    events: &mut UnboundedReceiver<Event>,
    on_events: &Function,
) -> Result<(), WebError> {
    while let Some(first) = events.next().await {
        // Whatever else is already there goes along: one crossing, one JSON.parse.
        let mut batch = vec![first];
        while batch.len() < BATCH {
            match events.try_recv() {
                Ok(more) => batch.push(more),
                _ => break,
            }
        }
        files::attach_urls(&mut batch);
        let ended = batch.iter().any(|event| matches!(event, Event::End { .. }));
        let died = batch.iter().find_map(|event| match event {
            Event::Died {
                thread, message, ..
            } => Some(WebError::Died {
                thread: *thread,
                message: message.clone(),
            }),
            _ => None,
        });
        deliver(on_events, &to_json(&batch)?);
        if let Some(died) = died {
            return Err(died);
        }
        if ended {
            return Ok(());
        }
        if batch.len() == BATCH {
            // A backlog: let the page draw and answer input before the next share.
            let _ = wasm_bindgen_futures::JsFuture::from(yield_to_page()).await;
        }
    }
    Err(WebError::Ended)
}

/// Calls the page's handler with a JSON array of events.
pub(crate) fn deliver(on_events: &Function, json: &str) {
    if let Err(error) = on_events.call1(&JsValue::NULL, &JsValue::from_str(json)) {
        // The page's handler failed; the run itself goes on.
        web_sys::console::error_2(&"potoki: onEvent threw".into(), &error);
    }
}
