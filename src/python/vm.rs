//! The interpreter loop: a thread's Python frames, each an explicit record (code,
//! instruction pointer, value stack, locals, handler blocks), run by one loop. A
//! call of a Python function pushes a frame rather than recursing in Rust, so deep
//! Python recursion ends in `RecursionError`, never in a native stack overflow, and
//! a thread can be stopped between any two instructions.

use super::code::Code;
use super::exceptions::{add_traceback, new_exception, Classes};
use super::limits::{stack_here, MAX_NESTED_RUNS, STACK_BUDGET};
use super::spare::Spare;
use super::value::{locked, Dict, DictEntries, Function, Value};
use std::sync::{Arc, Mutex};

/// A Python exception, as it travels through Rust.
pub type PyResult<T> = Result<T, Value>;

/// What the program shares: its output, its globals, the builtin classes.
pub struct Interp {
    pub classes: Classes,
    pub builtins: DictEntries,
    /// `print`'s way out: (text, to stderr).
    pub out: Printer,
    /// Checked between instructions: Stop was pressed.
    pub stop: Box<dyn Fn() -> bool + Send + Sync>,
    pub recursion_limit: usize,
    /// `None`: free-threaded, no GIL.
    pub gil: Option<Arc<super::gil::Gil>>,
    /// The function whose calls on the main thread are tasks of the record (see
    /// `events.rs`).
    pub task_function: Option<Arc<str>>,
    /// What the record calls this run's tasks: `python`, or the kind of the listing
    /// run as Python (`sleep`).
    pub task_kind: &'static str,
    /// Milliseconds on a clock every thread shares (`time.perf_counter`).
    pub clock: Box<dyn Fn() -> f64 + Send + Sync>,
    /// Milliseconds since 1970 (`time.time`).
    pub wall_clock: Box<dyn Fn() -> f64 + Send + Sync>,
    /// Sleeps this many milliseconds; `false` when Stop ended it early.
    pub sleep: Box<dyn Fn(f64) -> bool + Send + Sync>,
    /// Runs a job on a new real thread; `false` when none could start.
    pub spawn: Spawner,
    /// `threading.get_ident()` of the next thread.
    pub next_ident: std::sync::atomic::AtomicU64,
    /// The modules imported so far, shared by every thread.
    pub modules: Mutex<std::collections::HashMap<String, Value>>,
    /// CPU time of the threads' finished stretches of running (ms): `process_time`.
    pub cpu_total_ms: Mutex<f64>,
    /// How many of its threads run bytecode now (not waiting): without the GIL,
    /// more of them than cores take turns on the cores (`thread.rs`, CPU time).
    pub running: std::sync::atomic::AtomicUsize,
    /// The run this program is: its clock, Stop, threads, record.
    pub program: crate::runtime::program::Program,
    /// The heap's live bytes when the run began ([`crate::runtime::memory`]): what the run
    /// holds is counted from there, up to [`MEMORY_LIMIT`].
    pub memory_base: usize,
    /// The warnings printed so far, by (file, line, text): each is shown once, as
    /// Python's default warning filter does.
    pub warnings_shown: Mutex<std::collections::HashSet<(Arc<str>, u32, String)>>,
    /// Generators dropped while suspended inside `try`/`with`: the next instruction
    /// any thread runs closes them first, so that their `finally` runs then, as
    /// CPython's does when the last reference goes.
    pub finalize: super::generator::Finalize,
    /// The run's in-memory file system (`open`, `os`).
    pub files: super::files::Files,
    /// The single-threaded build: its threads take turns, their waits park them
    /// (`park.rs`). `None` with real threads.
    pub turns: Option<Arc<super::park::Turns>>,
}

/// Bytes a list slot takes.
pub const ITEM_BYTES: usize = std::mem::size_of::<Value>();

/// A Python thread's life: made on its new thread, it runs there to its end (a
/// coroutine, whose waits are awaits in the single-threaded build).
pub type ThreadJob = Box<dyn FnOnce() -> crate::runtime::io::LocalBoxFuture<'static, ()> + Send>;

/// Starts a job on a new thread; `false` when none could start.
pub type Spawner = Box<dyn Fn(ThreadJob) -> bool + Send + Sync>;

/// Where printed text goes: (text, whether to stderr).
pub type Printer = Box<dyn Fn(&str, bool) + Send + Sync>;

/// A handler block: where to go on an exception, and the stack depth there.
#[derive(Clone, Copy)]
pub(super) struct Block {
    pub(super) handler: usize,
    pub(super) depth: usize,
    /// Exceptions being handled when the block was set up: an `except` clause left
    /// by an exception is no longer handling its own.
    pub(super) handling: usize,
}

pub struct Frame {
    pub(super) code: Arc<Code>,
    pub(super) ip: usize,
    pub(super) stack: Vec<Value>,
    pub(super) fast: Vec<Option<Value>>,
    pub(super) cells: Vec<Arc<Mutex<Value>>>,
    pub(super) blocks: Vec<Block>,
    /// Exceptions being handled in `except` clauses of this frame, innermost last.
    pub(super) handling: Vec<Value>,
    pub(super) globals: Arc<Dict>,
    /// A class body's namespace.
    pub(super) names: Option<Arc<Dict>>,
    /// The class whose method this is, for `super()`.
    pub(super) owner: Option<Arc<super::value::Class>>,
    /// A generator's frame resumed by a `for` or a `yield from` of the frame
    /// under it, on the same loop: the generator, and how it was resumed.
    pub(super) running: Option<(Arc<super::generator::Generator>, super::delegate::By)>,
    /// This call is a task of the record (a call of the listing's task function on
    /// the main thread): it finishes when the frame returns or raises.
    pub(super) task: Option<usize>,
}

/// One Python thread's interpreter: its frames, on the program's shared state.
pub struct Vm {
    pub interp: Arc<Interp>,
    pub(super) frames: Vec<Frame>,
    /// The generator frame that just yielded, for `resume` to keep.
    pub(super) suspended: Option<Frame>,
    /// Instructions run since Stop was last looked at.
    pub(super) ticks: u32,
    /// `threading.get_ident()`.
    pub ident: u64,
    /// When this thread last took the GIL (ms on the run's clock).
    pub gil_since: f64,
    /// CPU time of this thread's finished stretches of running (ms).
    pub cpu_ms: f64,
    /// When its current stretch of running began; NaN while it waits.
    pub running_since: f64,
    /// Without the GIL: its running, in steps of instructions, to tell the time it
    /// ran from the time it waited for a core ([`crate::runtime::cpu::Steps`]).
    pub(super) progress: Option<crate::runtime::cpu::Steps>,
    /// Time this thread spent in blocking calls (ms): sleeping, joining, waiting.
    pub waited_ms: f64,
    /// The tasks this thread runs now, with its clocks when each began.
    pub task_marks: Vec<(usize, super::events::Mark)>,
    /// The native stack's top when this thread's interpreter was made.
    pub(super) stack_base: usize,
    /// Interpreter loops running inside one another on this thread (see `run`).
    pub(super) nested_runs: u32,
    /// Vectors of returned frames, for the next calls.
    pub(super) spare: Spare,
    /// What this thread parked on, on its way out of the loop (`park.rs`).
    pub(super) park: Option<super::park::Park>,
    /// The native running now was called by an instruction (or again by `drive`):
    /// a wait in it can park the thread.
    pub(super) parkable: bool,
    /// A parked call made again: the deadline its wait first had.
    pub(super) retrying: Option<Option<f64>>,
    /// When this thread's turn began (the single-threaded build).
    pub(super) turn_began: f64,
}

/// An unset cell or local reads as this marker.
pub(super) fn unbound() -> Value {
    Value::Cell(Arc::new(Mutex::new(Value::None)))
}

/// A call's arguments: positional, then by keyword.
pub type Arguments = (Vec<Value>, Vec<(Arc<str>, Value)>);

impl Frame {
    /// The values of its named parameters, before its body ran (a coroutine's
    /// call, for the record): the positional ones, then the keyword-only by name.
    pub(super) fn arguments(&self) -> Arguments {
        let params = &self.code.params;
        let value = |at: usize| self.fast.get(at).cloned().flatten();
        let positional = (0..params.positional).filter_map(value).collect();
        let keyword = (params.positional..params.positional + params.keyword_only)
            .filter_map(|at| Some((params.names.get(at)?.clone(), value(at)?)))
            .collect();
        (positional, keyword)
    }

    /// Whether a `try` or a `with` is open in it: closing it would run code.
    pub(super) fn in_block(&self) -> bool {
        !self.blocks.is_empty()
    }
}

impl Vm {
    pub fn new(interp: Arc<Interp>) -> Vm {
        Vm {
            interp,
            frames: Vec::new(),
            suspended: None,
            ticks: 0,
            ident: 0,
            gil_since: 0.0,
            cpu_ms: 0.0,
            running_since: f64::NAN,
            progress: None,
            waited_ms: 0.0,
            task_marks: Vec::new(),
            stack_base: stack_here(),
            nested_runs: 0,
            spare: Spare::default(),
            park: None,
            parkable: false,
            retrying: None,
            turn_began: 0.0,
        }
    }

    pub fn classes(&self) -> &Classes {
        &self.interp.classes
    }

    /// A new exception of the builtin class `name`.
    pub fn error(&self, name: &str, message: impl Into<String>) -> Value {
        let message = message.into();
        if message.is_empty() {
            return new_exception(self.classes().get(name), Vec::new());
        }
        self.classes().error(name, message)
    }

    /// `TypeError: 'float' object cannot be interpreted as an integer`: CPython's words
    /// wherever an int (an index, a count, a code point) was needed.
    pub fn not_an_integer(&self, value: &Value) -> Value {
        self.error(
            "TypeError",
            format!(
                "'{}' object cannot be interpreted as an integer",
                value.type_name()
            ),
        )
    }

    /// Runs a module's code on `globals` to its end.
    ///
    /// # Errors
    /// The exception that ended it, its traceback filled in.
    pub fn run_module(&mut self, code: Arc<Code>, globals: Arc<Dict>) -> PyResult<Value> {
        let base = self.frames.len();
        globals.watch_keys();
        self.frames.push(Frame {
            fast: Vec::new(),
            cells: Vec::new(),
            code,
            ip: 0,
            stack: Vec::new(),
            blocks: Vec::new(),
            handling: Vec::new(),
            globals,
            names: None,
            owner: None,
            running: None,
            task: None,
        });
        self.run(base)
    }

    /// Runs a class body with `names` as its namespace.
    pub fn run_class_body(&mut self, f: &Function, names: Arc<Dict>) -> PyResult<()> {
        let base = self.frames.len();
        let mut frame = self.frame_for(f, Vec::new(), Vec::new())?;
        frame.names = Some(names);
        self.push_frame(frame)?;
        self.run(base).map(drop)
    }

    /// The class and the object (first argument) of the method running now.
    pub fn method_context(&self) -> Option<(Arc<super::value::Class>, Value)> {
        let frame = self.frames.last()?;
        let object = frame.fast.first()?.clone().or_else(|| {
            let cell = frame.cells.first()?;
            Some(locked(cell).clone())
        })?;
        Some((frame.owner.clone()?, object))
    }

    /// CPython's text for an uncaught exception, its chain and tracebacks.
    pub fn traceback_text(&self, exc: &Value) -> String {
        super::exceptions::format_traceback(exc, &|v| self.str(v), &|v| self.repr(v))
    }

    /// The file and current line of each frame, innermost first.
    pub fn frames_lines(&self) -> impl Iterator<Item = (Arc<str>, u32)> + '_ {
        self.frames.iter().rev().map(|frame| {
            (
                frame.code.source.file.clone(),
                frame.code.line(frame.ip.saturating_sub(1)),
            )
        })
    }

    /// `threading._shutdown`, if the program imported `threading`.
    pub fn threading_shutdown(&mut self) -> Option<Value> {
        let module = locked(&self.interp.modules).get("threading").cloned()?;
        self.get_attr(&module, "_shutdown").ok()
    }

    /// The exception being handled now, in this frame or a caller's.
    pub(super) fn handled(&self) -> Option<Value> {
        self.frames
            .iter()
            .rev()
            .find_map(|f| f.handling.last().cloned())
    }

    /// Runs frames until the one at depth `base` returns.
    pub(super) fn run(&mut self, base: usize) -> PyResult<Value> {
        // Python calling Python stays in this loop; only a call through native code
        // (a constructor's `__init__`, `repr` calling `__repr__`) nests a Rust call.
        // Those are bounded, as CPython's C recursion check bounds them: a wasm
        // thread whose stack overflows traps, and its worker is lost. Two bounds: the
        // shadow stack in linear memory (measured), and the engine's own stack for
        // wasm frames, which cannot be measured from inside (counted).
        if self.nested_runs >= MAX_NESTED_RUNS || self.stack_used() > STACK_BUDGET {
            return Err(self.error(
                "RecursionError",
                "maximum recursion depth exceeded while calling a Python object",
            ));
        }
        self.nested_runs += 1;
        let result = loop {
            match self.step(base) {
                Ok(Some(value)) => break Ok(value),
                Ok(None) => {}
                // Parked: out of the loop with the frames as they are (`park.rs`).
                Err((exc, _)) if self.park.is_some() => break Err(exc),
                Err((exc, fresh)) => {
                    if let Err(exc) = self.unwind(exc, fresh, base) {
                        break Err(exc);
                    }
                }
            }
        };
        self.nested_runs -= 1;
        result
    }

    /// Looks for a handler for `exc` from the top frame down to `base`; `fresh`: the
    /// exception was raised here (not re-raised), so this frame goes into its traceback.
    pub(super) fn unwind(&mut self, mut exc: Value, fresh: bool, base: usize) -> PyResult<()> {
        let mut add = fresh;
        if fresh {
            self.set_context(&exc);
        }
        loop {
            let Some(frame) = self.frames.last_mut() else {
                return Err(exc);
            };
            if add {
                add_traceback(
                    &exc,
                    &frame.code,
                    frame.code.line(frame.ip.saturating_sub(1)),
                );
            }
            if let Some(block) = frame.blocks.pop() {
                frame.stack.truncate(block.depth);
                frame.handling.truncate(block.handling);
                frame.handling.push(exc.clone());
                frame.stack.push(exc);
                frame.ip = block.handler;
                return Ok(());
            }
            let popped = self.pop_frame();
            if let Some(task) = popped.as_ref().and_then(|f| f.task) {
                self.end_task_call(task, Err(&exc));
            }
            if let Some((gen, _)) = popped.and_then(|f| f.running) {
                exc = self.generator_raised(&gen, exc);
            }
            if self.frames.len() <= base {
                return Err(exc);
            }
            add = true;
        }
    }

    pub(super) fn top_frame(&mut self) -> &mut Frame {
        // `step` only runs with a frame on the stack.
        let last = self.frames.len() - 1;
        &mut self.frames[last]
    }

    pub(super) fn push(&mut self, value: Value) {
        if let Some(frame) = self.frames.last_mut() {
            frame.stack.push(value);
        }
    }

    pub(super) fn pop(&mut self) -> Value {
        self.frames
            .last_mut()
            .and_then(|f| f.stack.pop())
            .unwrap_or(Value::None)
    }

    pub(super) fn name(&self, at: u32) -> Arc<str> {
        self.frames
            .last()
            .and_then(|f| f.code.names.get(at as usize).cloned())
            .unwrap_or_else(|| Arc::from(""))
    }

    pub(super) fn peek(&self, depth: usize) -> Value {
        self.frames
            .last()
            .and_then(|f| {
                f.stack
                    .len()
                    .checked_sub(depth + 1)
                    .and_then(|i| f.stack.get(i))
                    .cloned()
            })
            .unwrap_or(Value::None)
    }
}
