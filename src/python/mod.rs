//! A Python interpreter for the lesson's subset of Python.
//!
//! Source is parsed by Ruff's parser (`parse/`), checked and compiled to code
//! objects (`compile/`, with `scope.rs` deciding where each name lives), and run on
//! explicit frames (`vm.rs`): the operators in `ops.rs`, the builtins in
//! `builtins.rs` and `types.rs`, the exceptions in `exceptions.rs`, the modules in
//! `modules.rs`. Python's number and string formatting is `format/`.
//!
//! This first step runs single-threaded programs natively; threads, the GIL and the
//! lesson's modules come next, on the runtime below (`crate::runtime::machine`).

mod args;
mod arith;
mod async_gen;
mod attrs;
mod builtin_cache;
mod builtins;
mod bytes;
mod call;
mod classes;
pub mod code;
mod codecs;
pub mod compile;
mod construct;
mod conversions;
mod delegate;
mod dict_methods;
mod dict_views;
mod dunders;
mod entries;
mod events;
mod exceptions;
mod execute;
mod files;
pub mod format;
mod futures;
mod generator;
mod generator_methods;
mod gil;
mod hashing;
pub mod host;
mod items;
mod lazy;
mod limits;
mod list_methods;
mod local;
mod modules;
mod native_call;
mod ops;
mod park;
pub mod parse;
mod percent;
mod random;
mod range;
mod scope;
mod set_order;
mod simple_queue;
mod sorting;
mod spare;
mod step;
mod str_case;
mod str_format;
mod str_methods;
mod str_search;
mod str_split;
mod thread;
mod types;
mod user_ops;
pub mod value;
pub mod vm;

use std::sync::Arc;
#[cfg(not(target_arch = "wasm32"))]
use std::sync::Mutex;

/// Why a program did not run, or how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PythonError {
    /// `SyntaxError`, `NotImplementedError`, `ZeroDivisionError`, …
    pub kind: String,
    pub message: String,
    pub line: usize,
    /// 1-based; 0 where not known.
    pub col: usize,
}

/// What a run printed, and how it ended.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub stdout: String,
    pub stderr: String,
    /// The uncaught exception that ended the program (its traceback is in `stderr`).
    pub error: Option<PythonError>,
}

pub use modules::precompile_library;

/// Checks that `source` parses and is within the supported subset.
///
/// # Errors
/// The `SyntaxError` or `NotImplementedError`, with its line and column.
pub fn check(source: &str) -> Result<(), PythonError> {
    compile(source, "main.py").map(drop)
}

/// Compiles `text` as the file `file`.
fn compile(text: &str, file: &str) -> Result<Arc<code::Code>, PythonError> {
    let module = parse::parse(text).map_err(|e| PythonError {
        kind: e.kind.name().to_owned(),
        message: e.message,
        line: e.line,
        col: e.col,
    })?;
    let lines = parse::LineIndex::new(text);
    compile::compile_module(&module, &lines, code::Source::new(file, text)).map_err(|e| {
        PythonError {
            kind: e.kind.to_owned(),
            message: e.message,
            line: e.line,
            col: e.col,
        }
    })
}

/// How a run is set up.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// One thread runs bytecode at a time (CPython as the lesson has it); `false`:
    /// free-threaded, as CPython 3.14t.
    pub gil: bool,
    /// Past this many milliseconds the run is stopped (`KeyboardInterrupt` in every
    /// thread), as the page's Stop does.
    pub time_limit_ms: Option<f64>,
    /// The function whose calls on the main thread are tasks of the record (the
    /// listing `sequential` calls `sleep` so).
    pub task_function: Option<&'static str>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            gil: true,
            time_limit_ms: None,
            task_function: None,
        }
    }
}

/// What a native run left: its output, its record and its events in order.
#[cfg(not(target_arch = "wasm32"))]
pub struct Recorded {
    pub output: Output,
    pub record: crate::runtime::record::RunRecord,
    pub events: Vec<crate::runtime::record::Event>,
}

/// Runs `source` as `main.py` to its end, its threads real OS threads, and returns
/// what it printed.
#[cfg(not(target_arch = "wasm32"))]
pub fn run(source: &str) -> Output {
    run_with(source, Options::default())
}

/// [`run`] with the GIL on or off, or a time limit.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_with(source: &str, options: Options) -> Output {
    run_recorded(source, options).output
}

/// [`run_with`], with the run's record and events: the same run the page makes, on
/// OS threads.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_recorded(source: &str, options: Options) -> Recorded {
    run_recorded_on(
        Arc::new(crate::runtime::machine::native::OsThreads),
        source,
        options,
    )
}

/// The plan of a native run of `source`: what `Plan::parse` makes of `{ code }` in
/// the page, with this machine's cores.
#[cfg(not(target_arch = "wasm32"))]
pub fn native_plan(source: &str, options: &Options) -> crate::runtime::plan::Plan {
    use crate::runtime::plan::{Plan, Scenario, Workers};
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    // The page's checks (`Plan::parse`: the size of the code, the build) are the
    // page's; natively the plan is made directly.
    Plan {
        scenario: Scenario::Python,
        args: Vec::new(),
        max_workers: 32.min(cores + 4),
        workers: Workers::PythonDefault,
        lang: crate::runtime::lines::Lang::default(),
        threads_needed: 1,
        cores,
        deadline_ms: f64::INFINITY,
        code: Some(Arc::from(source)),
        task_function: options.task_function.map(Arc::from),
        gil: options.gil,
    }
}

/// [`run_recorded`] on the runtime `rt`: OS threads with a pretend network, say.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_recorded_on(
    rt: crate::runtime::machine::SharedRuntime,
    source: &str,
    options: Options,
) -> Recorded {
    use crate::runtime::cancel::CancelToken;
    use std::sync::atomic::{AtomicBool, Ordering};
    let plan = native_plan(source, &options);
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let cancel = CancelToken::new();
    let program = crate::runtime::program::Program::new(
        rt.clone(),
        &plan,
        rt.now_ms(),
        cancel.clone(),
        Box::new(move |event| value::locked(&sink).push(event)),
    );
    // The time limit: Stop, pressed by a watchdog.
    let ended = Arc::new(AtomicBool::new(false));
    if let Some(limit) = options.time_limit_ms {
        let (ended, cancel, rt) = (ended.clone(), cancel.clone(), rt.clone());
        let start = rt.now_ms();
        let _ = std::thread::Builder::new().spawn(move || {
            while !ended.load(Ordering::SeqCst) {
                if rt.now_ms() - start > limit {
                    cancel.cancel();
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        });
    }
    program.recorder().begin();
    let output = crate::runtime::sync::block_on(host::run_program(&program, &plan));
    let record = crate::runtime::sync::block_on(program.exit());
    ended.store(true, Ordering::SeqCst);
    let events = std::mem::take(&mut *value::locked(&events));
    Recorded {
        output,
        record,
        events,
    }
}
