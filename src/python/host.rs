//! The interpreter on the project's runtime: a Python program is a [`Program`]'s
//! main thread, each thread it starts is one of the runtime's threads (a Web Worker
//! in the page, an OS thread natively), its `time` is the run's clock, its Stop the
//! run's Stop, and what it prints and does becomes the run's events and record.

use super::value::{locked, Dict, Value};
use super::{builtins, exceptions, gil, vm, Output, PythonError};
use crate::runtime::plan::{Arg, Plan};
use crate::runtime::program::Program;
use crate::runtime::record::{ProgramError, RunRecord, Stream};
use std::sync::{Arc, Mutex};

/// Lines a run may print; past them the rest is dropped, once said so. A program
/// printing in a `while True:` loop would otherwise fill the page's memory.
pub const MAX_OUTPUT_LINES: usize = 20_000;
/// The longest line kept whole.
const MAX_LINE_CHARS: usize = 10_000;

/// Runs a plan (a program, or a listing as its Python) as the lesson's main thread:
/// the program's events from its beginning to its end, and the record they make.
pub async fn run(plan: &Plan, program: &Program) -> RunRecord {
    program.recorder().begin();
    run_program(program, plan).await;
    program.exit().await
}

/// Runs the plan's code as `main.py` on the calling thread, which becomes the
/// program's main thread, until it and every thread it started (but daemons) have
/// ended. With real threads it never awaits; on simulated ones its waits are awaits
/// (`park.rs`).
pub async fn run_program(program: &Program, plan: &Plan) -> Output {
    let source = plan.code.as_deref().unwrap_or_default();
    let console = Arc::new(Console::new(program.clone()));
    let code = match super::compile(source, "main.py") {
        Ok(code) => code,
        Err(error) => {
            // CPython's report of a program that does not compile (its caret line
            // left out): where, the line, what.
            let text = source
                .lines()
                .nth(error.line.saturating_sub(1))
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| format!("    {t}\n"))
                .unwrap_or_default();
            let traceback = format!(
                "  File \"main.py\", line {}\n{text}{}: {}\n",
                error.line, error.kind, error.message
            );
            console.write(&traceback, true);
            return console.finish(program, Some((error, traceback)));
        }
    };
    let interp = interpreter(program, &console, plan, source);
    let mut machine = vm::Vm::new(interp.clone());
    machine.ident = 1;
    if let Some(gil) = &interp.gil {
        gil.take(&*interp.clock);
    }
    machine.resume_cpu();
    let globals = Arc::new(Dict::default());
    locked(&globals.entries).insert(
        super::value::Key::Str(Arc::from("__name__")),
        Value::str("__name__"),
        Value::str("__main__"),
    );
    let ran = machine.run_module(code, globals);
    let mut result = super::park::drive(&mut machine, ran, 0).await;
    // Python waits for every thread that is not a daemon before it exits.
    if let Some(shutdown) = machine.threading_shutdown() {
        let waited = machine.call(&shutdown, Vec::new(), Vec::new());
        let waited = super::park::drive(&mut machine, waited, 0).await;
        if result.is_ok() {
            result = waited;
        }
    }
    let failure = result.err().map(|exc| {
        let traceback = machine.traceback_text(&exc);
        console.write(&traceback, true);
        let error = PythonError {
            kind: machine.classes().of(&exc).name.to_string(),
            message: machine.str(&exc),
            line: exceptions::main_line(&exc).unwrap_or(0),
            col: 0,
        };
        (error, traceback)
    });
    machine.pause_cpu();
    if let Some(gil) = &interp.gil {
        gil.drop_lock();
    }
    // Daemon threads still running end with the program, as the process's exit ends
    // them in CPython.
    program.end_daemons();
    for (path, data) in interp.files.written() {
        program.recorder().wrote(path, data);
    }
    console.finish(program, failure)
}

/// The interpreter's view of `program`'s machine.
fn interpreter(
    program: &Program,
    console: &Arc<Console>,
    plan: &Plan,
    source: &str,
) -> Arc<vm::Interp> {
    let classes = exceptions::Classes::new();
    let (clock, sleeper, stopper, spawner) = (
        program.clone(),
        program.clone(),
        program.clone(),
        program.clone(),
    );
    let out = console.clone();
    Arc::new(vm::Interp {
        builtins: builtins::namespace(&classes),
        classes,
        out: Box::new(move |text, to_stderr| out.write(text, to_stderr)),
        stop: Box::new(move || stopper.is_stopped()),
        recursion_limit: 1000,
        // Simulated threads take turns without one (`park.rs`).
        gil: (plan.gil && program.threaded()).then(|| Arc::new(gil::Gil::default())),
        task_function: plan.task_function.clone(),
        task_kind: match plan.args.first() {
            Some(Arg::Secs(_)) => "sleep",
            Some(Arg::Image(_)) => "download",
            Some(Arg::Compute { .. }) => "compute",
            None => "python",
        },
        clock: Box::new(move || clock.perf_counter()),
        wall_clock: Box::new(wall_clock_ms),
        sleep: Box::new(move |ms| sleeper.sleep_ms(ms).is_ok()),
        spawn: Box::new(move |job| spawner.start_thread(move |_| job()).is_ok()),
        next_ident: std::sync::atomic::AtomicU64::new(2),
        modules: Mutex::new(std::collections::HashMap::new()),
        cpu_total_ms: Mutex::new(0.0),
        running: std::sync::atomic::AtomicUsize::new(0),
        program: program.clone(),
        memory_base: crate::runtime::memory::live_bytes(),
        warnings_shown: Mutex::new(std::collections::HashSet::new()),
        finalize: super::generator::Finalize::default(),
        files: files_for(plan, source),
        turns: (!program.threaded()).then(|| Arc::new(super::park::Turns::default())),
    })
}

/// The run's file system: a download listing has the folder its lesson code writes
/// to (`./pics/`, made beforehand in the lesson); a program starts with none.
fn files_for(plan: &Plan, source: &str) -> super::files::Files {
    let files = super::files::Files::new(source);
    if matches!(plan.args.first(), Some(Arg::Image(_))) {
        files.make_dir("pics");
    }
    files
}

/// Milliseconds since 1970 (`time.time()`).
#[cfg(not(target_arch = "wasm32"))]
fn wall_clock_ms() -> f64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}

/// Milliseconds since 1970 (`time.time()`): in the page the run's clock is
/// `performance.timeOrigin + performance.now()`, which already is.
#[cfg(target_arch = "wasm32")]
fn wall_clock_ms() -> f64 {
    js_sys::Date::now()
}

/// stdout and stderr: text becomes the run's lines as each line is completed, and
/// is kept whole for [`Output`].
struct Console {
    program: Program,
    state: Mutex<ConsoleState>,
}

#[derive(Default)]
struct ConsoleState {
    /// The unfinished last line of stdout and of stderr.
    partial: [String; 2],
    stdout: String,
    stderr: String,
    lines: usize,
}

impl Console {
    fn new(program: Program) -> Console {
        Console {
            program,
            state: Mutex::new(ConsoleState::default()),
        }
    }

    fn write(&self, text: &str, to_stderr: bool) {
        let mut state = locked(&self.state);
        if state.lines > MAX_OUTPUT_LINES {
            return;
        }
        let (stream, which) = if to_stderr {
            (Stream::Stderr, 1)
        } else {
            (Stream::Stdout, 0)
        };
        if to_stderr {
            state.stderr.push_str(text);
        } else {
            state.stdout.push_str(text);
        }
        let mut rest = text;
        while let Some(end) = rest.find('\n') {
            let mut line = std::mem::take(&mut state.partial[which]);
            line.push_str(&rest[..end]);
            rest = &rest[end + 1..];
            state.lines += 1;
            if state.lines > MAX_OUTPUT_LINES {
                let notice = format!(
                    "… {MAX_OUTPUT_LINES} lines printed: the rest of the output is not shown"
                );
                self.program.recorder().print_to(Stream::Stderr, notice);
                return;
            }
            self.program.recorder().print_to(stream, line);
        }
        let partial = &mut state.partial[which];
        if partial.chars().count() < MAX_LINE_CHARS {
            partial.push_str(rest);
        }
    }

    /// The end of the run: unfinished lines are printed as they are, the error
    /// goes into the record, and the whole output is returned.
    fn finish(&self, program: &Program, failure: Option<(PythonError, String)>) -> Output {
        let mut state = locked(&self.state);
        for (which, stream) in [(0, Stream::Stdout), (1, Stream::Stderr)] {
            let line = std::mem::take(&mut state.partial[which]);
            if !line.is_empty() && state.lines <= MAX_OUTPUT_LINES {
                program.recorder().print_to(stream, line);
            }
        }
        let error = failure.map(|(error, traceback)| {
            program.recorder().failed(ProgramError {
                kind: error.kind.clone(),
                message: error.message.clone(),
                line: error.line,
                traceback,
            });
            error
        });
        Output {
            stdout: std::mem::take(&mut state.stdout),
            stderr: std::mem::take(&mut state.stderr),
            error,
        }
    }
}
