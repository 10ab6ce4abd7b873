//! The wasm boundary: the only module that knows wasm-bindgen.
//!
//! JS calls [`start_pool`] once, then [`check_plan`] and [`run`]. Errors are typed
//! ([`WebError`]) and become JS `Error`s in exactly one place (`From<WebError>`).
//!
//! Threads: the page's UI thread only parses plans, spawns the lesson's main thread
//! onto the rayon pool and awaits events; it never blocks (`Atomics.wait` traps
//! there). Workers send events over an unbounded channel; wasm-bindgen-futures
//! wakes the awaiting UI-thread task across threads.

use crate::cancel::CancelToken;
use crate::plan::{split_list, Machine, Plan, PlanError, PlanInput, MAX_POOL_THREADS};
use crate::program::Program;
use crate::record::Event;
use crate::runtime::{Job, Runtime};
use crate::scenario;
use futures_util::StreamExt;
use js_sys::{Array, Function, Promise, Reflect};
use serde::Serialize;
use std::fmt;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "
export function now() { return performance.timeOrigin + performance.now(); }
")]
extern "C" {
    /// Milliseconds since 1970 on a clock every worker shares: each worker has its
    /// own `timeOrigin`, so `performance.now()` alone would not compare across them.
    fn now() -> f64;
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

/// Everything that can go wrong at the boundary.
#[derive(Debug)]
enum WebError {
    Plan(PlanError),
    PoolNotStarted,
    PoolSize(usize),
    Busy,
    Convert(String),
    /// The program's thread died (a panic aborts a wasm thread) before its last event.
    Ended,
}

impl fmt::Display for WebError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WebError::Plan(e) => e.fmt(f),
            WebError::PoolNotStarted => write!(
                f,
                "the thread pool is not started: call createPlayground() first"
            ),
            WebError::PoolSize(n) => {
                write!(f, "threads: {n} is not between 2 and {MAX_POOL_THREADS}")
            }
            WebError::Busy => write!(f, "a run is already going: wait for it or stop it first"),
            WebError::Convert(why) => write!(f, "could not pass a value to JS: {why}"),
            WebError::Ended => write!(
                f,
                "the run ended without its record: a thread died; reload the page"
            ),
        }
    }
}

impl From<WebError> for JsValue {
    fn from(error: WebError) -> JsValue {
        JsError::new(&error.to_string()).into()
    }
}

impl From<PlanError> for WebError {
    fn from(error: PlanError) -> Self {
        WebError::Plan(error)
    }
}

#[wasm_bindgen(start)]
fn on_load() {
    // A panic aborts the thread it happens on; at least say where, in the console.
    console_error_panic_hook::set_once();
}

/// Starts the pool of `threads` Web Workers. Resolves when they all run; nothing
/// else may be called before that (rayon would wait forever for its workers).
///
/// # Errors
/// When `threads` is out of range.
#[wasm_bindgen(js_name = startPool)]
pub fn start_pool(threads: usize, cores: usize) -> Result<Promise, JsValue> {
    if !(2..=MAX_POOL_THREADS).contains(&threads) {
        return Err(WebError::PoolSize(threads).into());
    }
    POOL_THREADS.store(threads, Ordering::SeqCst);
    CORES.store(cores.max(1), Ordering::SeqCst);
    Ok(wasm_bindgen_rayon::init_thread_pool(threads))
}

fn machine() -> Result<Machine, WebError> {
    match POOL_THREADS.load(Ordering::SeqCst) {
        0 => Err(WebError::PoolNotStarted),
        pool_threads => Ok(Machine {
            pool_threads,
            cores: CORES.load(Ordering::SeqCst),
        }),
    }
}

/// Reads `{ scenario, secs, workers, lang }` as the student wrote them.
fn plan_input(plan: &JsValue) -> PlanInput {
    let field = |name: &str| {
        Reflect::get(plan, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    };
    let text = |value: JsValue| js_string(&value).ok();
    PlanInput {
        scenario: field("scenario").and_then(text),
        secs: field("secs").map(|secs| {
            if Array::is_array(&secs) {
                Array::from(&secs)
                    .iter()
                    .map(|item| text(item).unwrap_or_default())
                    .collect()
            } else {
                split_list(&text(secs).unwrap_or_default())
            }
        }),
        workers: field("workers").and_then(text),
        lang: field("lang").and_then(text),
    }
}

fn parse(plan: &JsValue) -> Result<Plan, WebError> {
    Ok(Plan::parse(&plan_input(plan), machine()?)?)
}

fn to_js(value: &impl Serialize) -> Result<JsValue, WebError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| WebError::Convert(e.to_string()))
}

/// Checks a plan without running it: the page calls this on every edit.
/// Returns the checked plan (`maxWorkers`, where it came from, threads needed).
///
/// # Errors
/// An `Error` whose message names the bad field: `secs[3]: "abc" is not a number`.
#[wasm_bindgen(js_name = checkPlan)]
pub fn check_plan(plan: &JsValue) -> Result<JsValue, JsValue> {
    Ok(to_js(&parse(plan)?)?)
}

/// The rayon pool the page started, as the lesson's machine.
struct Pool;

impl Runtime for Pool {
    fn spawn(&self, job: Job) {
        rayon::spawn(job);
    }

    fn now_ms(&self) -> f64 {
        now()
    }

    /// Worker 1…N of the pool; 0 would be the page's UI thread, which runs no task.
    fn thread_id(&self) -> u32 {
        rayon::current_thread_index().map_or(0, |i| i as u32 + 1)
    }
}

/// A run in progress: its end, and its Stop button.
#[wasm_bindgen]
pub struct RunHandle {
    cancel: CancelToken,
    done: Promise,
}

#[wasm_bindgen]
impl RunHandle {
    /// Resolves to the run record when the program and all its threads have ended.
    #[wasm_bindgen(getter)]
    pub fn done(&self) -> Promise {
        self.done.clone()
    }

    /// Stop: sleepers wake now, queued tasks are cancelled, the run ends soon after.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}

/// Runs a plan: the lesson's main thread starts on a pool worker, `on_event` is
/// called on the UI thread for every event the moment it arrives.
///
/// # Errors
/// A bad plan (the message names the field), a pool not started, or a run already going.
#[wasm_bindgen]
pub fn run(plan: &JsValue, on_event: Function) -> Result<RunHandle, JsValue> {
    let plan = parse(plan)?;
    if RUNNING.swap(true, Ordering::SeqCst) {
        return Err(WebError::Busy.into());
    }
    let (sender, mut events) = futures_channel::mpsc::unbounded::<Event>();
    let cancel = CancelToken::new();
    let program = Program::new(
        Arc::new(Pool),
        &plan,
        true,
        now(),
        cancel.clone(),
        // The receiver lives as long as the run; a failed send means the page went away.
        Box::new(move |event| {
            let _ = sender.unbounded_send(event);
        }),
    );
    rayon::spawn(move || {
        scenario::run(&plan, &program);
    });
    let done = wasm_bindgen_futures::future_to_promise(async move {
        let record = forward(&mut events, &on_event).await;
        RUNNING.store(false, Ordering::SeqCst);
        Ok(to_js(&*record?)?)
    });
    Ok(RunHandle { cancel, done })
}

/// Hands each event to `on_event` until the run's last one, and returns its record.
async fn forward(
    events: &mut futures_channel::mpsc::UnboundedReceiver<Event>,
    on_event: &Function,
) -> Result<Box<crate::record::RunRecord>, WebError> {
    while let Some(event) = events.next().await {
        if let Err(error) = on_event.call1(&JsValue::NULL, &to_js(&event)?) {
            // The page's handler failed; the run itself goes on.
            web_sys::console::error_2(&"potoki: onEvent threw".into(), &error);
        }
        if let Event::End { record } = event {
            return Ok(record);
        }
    }
    Err(WebError::Ended)
}
