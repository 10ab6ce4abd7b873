//! A Python interpreter for the lesson's subset of Python.
//!
//! Source is parsed by Ruff's parser (`parse.rs`), checked and compiled to code
//! objects (`compile/`, with `scope.rs` deciding where each name lives), and run on
//! explicit frames (`vm.rs`): the operators in `ops.rs`, the builtins in
//! `builtins.rs` and `types.rs`, the exceptions in `exceptions.rs`, the modules in
//! `modules.rs`. Python's number and string formatting is `format/`.
//!
//! This first step runs single-threaded programs natively; threads, the GIL and the
//! lesson's modules come next, on the runtime below (`crate::runtime`).

mod builtins;
mod classes;
pub mod code;
pub mod compile;
mod exceptions;
pub mod format;
mod gil;
mod modules;
mod ops;
pub mod parse;
mod scope;
mod thread;
mod types;
pub mod value;
pub mod vm;

use std::sync::{Arc, Mutex};
use value::{Dict, Value};

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
}

impl Default for Options {
    fn default() -> Self {
        Options {
            gil: true,
            time_limit_ms: None,
        }
    }
}

/// Runs `source` as `main.py` to its end, its threads real OS threads, and returns
/// what it printed.
pub fn run(source: &str) -> Output {
    run_with(source, Options::default())
}

/// [`run`] with the GIL on or off.
pub fn run_with(source: &str, options: Options) -> Output {
    let code = match compile(source, "main.py") {
        Ok(code) => code,
        Err(error) => {
            return Output {
                stderr: format!(
                    "  File \"main.py\", line {}\n{}: {}\n",
                    error.line, error.kind, error.message
                ),
                error: Some(error),
                ..Output::default()
            }
        }
    };
    let printed = Arc::new(Mutex::new((String::new(), String::new())));
    let sink = printed.clone();
    let classes = exceptions::Classes::new();
    let origin = std::time::Instant::now();
    let limit = options.time_limit_ms.unwrap_or(f64::INFINITY);
    let stopped = move || origin.elapsed().as_secs_f64() * 1000.0 > limit;
    let interp = Arc::new(vm::Interp {
        builtins: builtins::namespace(&classes),
        classes,
        out: Box::new(move |text, to_stderr| {
            let mut printed = value::locked(&sink);
            if to_stderr {
                printed.1.push_str(text);
            } else {
                printed.0.push_str(text);
            }
        }),
        stop: Box::new(stopped),
        recursion_limit: 1000,
        gil: options.gil.then(|| Arc::new(gil::Gil::default())),
        clock: Box::new(move || origin.elapsed().as_secs_f64() * 1000.0),
        wall_clock: Box::new(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        }),
        sleep: Box::new(move |ms| {
            // In short steps, so that the time limit ends a long sleep too.
            let until = origin.elapsed().as_secs_f64() * 1000.0 + ms.max(0.0);
            loop {
                if stopped() {
                    return false;
                }
                let left = until - origin.elapsed().as_secs_f64() * 1000.0;
                if left <= 0.0 {
                    return true;
                }
                std::thread::sleep(std::time::Duration::from_secs_f64(left.min(20.0) / 1000.0));
            }
        }),
        spawn: Box::new(|job| std::thread::Builder::new().spawn(job).is_ok()),
        next_ident: std::sync::atomic::AtomicU64::new(2),
        modules: Mutex::new(std::collections::HashMap::new()),
        cpu_total_ms: Mutex::new(0.0),
    });
    let mut machine = vm::Vm::new(interp.clone());
    machine.ident = 1;
    if let Some(gil) = &interp.gil {
        gil.take();
    }
    machine.resume_cpu();
    let globals = Arc::new(Dict::default());
    let name = Value::str("__name__");
    value::locked(&globals.entries).insert(
        value::Key::Str(Arc::from("__name__")),
        name,
        Value::str("__main__"),
    );
    let mut result = machine.run_module(code, globals);
    // Python waits for every thread that is not a daemon before it exits.
    if let Some(shutdown) = machine.threading_shutdown() {
        let waited = machine.call(&shutdown, Vec::new(), Vec::new());
        if result.is_ok() {
            result = waited;
        }
    }
    let error = match result {
        Ok(_) => None,
        Err(exc) => {
            let text = machine.traceback_text(&exc);
            (interp.out)(&text, true);
            Some(PythonError {
                kind: machine.classes().of(&exc).name.to_string(),
                message: machine.str(&exc),
                line: 0,
                col: 0,
            })
        }
    };
    if let Some(gil) = &interp.gil {
        gil.drop_lock();
    }
    let (stdout, stderr) = value::locked(&printed).clone();
    Output {
        stdout,
        stderr,
        error,
    }
}
