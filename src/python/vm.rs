//! The interpreter loop: a thread's Python frames, each an explicit record (code,
//! instruction pointer, value stack, locals, handler blocks), run by one loop. A
//! call of a Python function pushes a frame rather than recursing in Rust, so deep
//! Python recursion ends in `RecursionError`, never in a native stack overflow, and
//! a thread can be stopped between any two instructions.

use super::code::{CmpOp, Code, Const, Instr};
use super::exceptions::{add_traceback, new_exception, Classes};
use super::spare::Spare;
use super::value::{locked, Dict, DictEntries, Function, List, Value};
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
}

/// The heap a run may hold: far below the wasm memory's hard limit (1 GiB), where a
/// failed allocation would abort a worker, with room for a `list` to double.
pub const MEMORY_LIMIT: usize = 256 << 20;

/// Bytes a list slot takes.
pub const ITEM_BYTES: usize = std::mem::size_of::<Value>();

/// Starts a job on a new real thread; `false` when none could start.
pub type Spawner = Box<dyn Fn(Box<dyn FnOnce() + Send>) -> bool + Send + Sync>;

/// Where printed text goes: (text, whether to stderr).
pub type Printer = Box<dyn Fn(&str, bool) + Send + Sync>;

/// A handler block: where to go on an exception, and the stack depth there.
#[derive(Clone, Copy)]
struct Block {
    handler: usize,
    depth: usize,
    /// Exceptions being handled when the block was set up: an `except` clause left
    /// by an exception is no longer handling its own.
    handling: usize,
}

pub struct Frame {
    pub(super) code: Arc<Code>,
    pub(super) ip: usize,
    pub(super) stack: Vec<Value>,
    fast: Vec<Option<Value>>,
    cells: Vec<Arc<Mutex<Value>>>,
    blocks: Vec<Block>,
    /// Exceptions being handled in `except` clauses of this frame, innermost last.
    handling: Vec<Value>,
    globals: Arc<Dict>,
    /// A class body's namespace.
    names: Option<Arc<Dict>>,
    /// The class whose method this is, for `super()`.
    owner: Option<Arc<super::value::Class>>,
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
    ticks: u32,
    /// `threading.get_ident()`.
    pub ident: u64,
    /// When this thread last took the GIL (ms on the run's clock).
    pub gil_since: f64,
    /// CPU time of this thread's finished stretches of running (ms).
    pub cpu_ms: f64,
    /// When its current stretch of running began; NaN while it waits.
    pub running_since: f64,
    /// Time this thread spent in blocking calls (ms): sleeping, joining, waiting.
    pub waited_ms: f64,
    /// The tasks this thread runs now, with its clocks when each began.
    pub task_marks: Vec<(usize, super::events::Mark)>,
    /// The native stack's top when this thread's interpreter was made.
    stack_base: usize,
    /// Interpreter loops running inside one another on this thread (see `run`).
    nested_runs: u32,
    /// Vectors of returned frames, for the next calls.
    spare: Spare,
}

/// Bytes of native stack a thread's interpreter may use: wasm-bindgen gives each
/// Web Worker 2 MiB (`DEFAULT_THREAD_STACK_SIZE`), std each spawned OS thread 2 MiB.
const STACK_BUDGET: usize = 1_400_000;

/// Interpreter loops one thread may nest (calls through native code). In Chromium a
/// worker's stack for wasm frames is about 1 MB, and a nesting level takes several
/// large frames: a 2,000-deep recursion through `__init__` trapped where this bound
/// now raises `RecursionError` (tests/browser/python.test.mjs).
const MAX_NESTED_RUNS: u32 = 100;

/// Where the native stack is now: the address of a local (stacks grow down, on wasm
/// as on the machines we build for).
#[inline(never)]
fn stack_here() -> usize {
    let here = 0u8;
    std::ptr::addr_of!(here) as usize
}

/// An unset cell or local reads as this marker.
fn unbound() -> Value {
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
            waited_ms: 0.0,
            task_marks: Vec::new(),
            stack_base: stack_here(),
            nested_runs: 0,
            spare: Spare::default(),
        }
    }

    /// Raises `MemoryError` if `bytes` more would take the run past [`MEMORY_LIMIT`].
    ///
    /// # Errors
    /// `MemoryError`, CPython's for an allocation that failed.
    pub fn reserve(&self, bytes: usize) -> PyResult<()> {
        let held = crate::runtime::memory::live_bytes().saturating_sub(self.interp.memory_base);
        if held.saturating_add(bytes) > MEMORY_LIMIT {
            return Err(self.error("MemoryError", ""));
        }
        Ok(())
    }

    /// Native stack used since this thread's interpreter was made.
    fn stack_used(&self) -> usize {
        self.stack_base.saturating_sub(stack_here())
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

    /// Calls any callable with positional and keyword arguments, to its end.
    pub fn call(
        &mut self,
        callee: &Value,
        mut args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Value> {
        match callee {
            Value::BoundMethod(m) => {
                args.insert(0, m.0.clone());
                let function = m.1.clone();
                self.call(&function, args, kwargs)
            }
            Value::Function(f) => {
                let base = self.frames.len();
                let frame = self.frame_for(f, args, kwargs)?;
                if f.code.kind != super::code::Kind::Function {
                    return Ok(super::generator::Generator::new_value(frame, self));
                }
                self.push_frame(frame)?;
                self.run(base)
            }
            other => self.call_native(other, args, kwargs),
        }
    }

    pub(super) fn push_frame(&mut self, frame: Frame) -> PyResult<()> {
        if self.frames.len() >= self.interp.recursion_limit {
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        self.frames.push(frame);
        Ok(())
    }

    /// Binds the arguments of a call to a new frame of `f`, as Python does.
    fn frame_for(
        &mut self,
        f: &Function,
        mut args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Frame> {
        let code = &f.code;
        let params = &code.params;
        // Errors name a method by its class too (`Greeter.greet()`), as CPython's
        // qualified names do.
        let qualname = || match f.owner.get().and_then(std::sync::Weak::upgrade) {
            Some(class) => format!("{}.{}", class.name, code.name),
            None => code.name.to_string(),
        };
        let mut fast = self.spare.slots(code.locals.len());
        let positional = params.positional;
        let named = params.names.len();
        let mut extra = Vec::new();
        if args.len() > positional {
            if params.varargs {
                extra = args.split_off(positional);
            } else {
                let given = args.len();
                let wanted = if f.defaults.is_empty() {
                    format!("{positional}")
                } else {
                    format!("from {} to {positional}", positional - f.defaults.len())
                };
                return Err(self.error(
                    "TypeError",
                    format!(
                        "{}() takes {wanted} positional argument{} but {given} {} given",
                        qualname(),
                        if positional == 1 && f.defaults.is_empty() {
                            ""
                        } else {
                            "s"
                        },
                        if given == 1 { "was" } else { "were" }
                    ),
                ));
            }
        }
        for (slot, arg) in fast.iter_mut().zip(args.drain(..)) {
            *slot = Some(arg);
        }
        self.spare.keep_values(args);
        let mut extra_kw = DictEntries::default();
        for (key, value) in kwargs {
            match params.names.iter().position(|n| *n == key) {
                Some(at) => {
                    if fast.get(at).is_some_and(Option::is_some) {
                        return Err(self.error(
                            "TypeError",
                            format!("{}() got multiple values for argument '{key}'", qualname()),
                        ));
                    }
                    if let Some(slot) = fast.get_mut(at) {
                        *slot = Some(value);
                    }
                }
                None if params.varkw => {
                    let k = Value::Str(key.clone());
                    extra_kw.insert(self.key(&k)?, k, value);
                }
                None => {
                    return Err(self.error(
                        "TypeError",
                        format!(
                            "{}() got an unexpected keyword argument '{key}'",
                            qualname()
                        ),
                    ))
                }
            }
        }
        // Defaults fill the last positional parameters, then the keyword-only ones.
        let first_default = positional - f.defaults.len().min(positional);
        for (i, default) in f.defaults.iter().enumerate() {
            if let Some(slot @ None) = fast.get_mut(first_default + i) {
                *slot = Some(default.clone());
            }
        }
        for (key, default) in &f.kw_defaults {
            if let Some(at) = params.names.iter().position(|n| n == key) {
                if let Some(slot @ None) = fast.get_mut(at) {
                    *slot = Some(default.clone());
                }
            }
        }
        let missing: Vec<&Arc<str>> = params
            .names
            .iter()
            .enumerate()
            .filter(|(i, _)| fast.get(*i).is_some_and(Option::is_none))
            .map(|(_, n)| n)
            .collect();
        if !missing.is_empty() {
            let keyword_only = missing
                .iter()
                .all(|m| params.names.iter().position(|n| n == *m).unwrap_or(0) >= positional);
            let kind = if keyword_only {
                "keyword-only"
            } else {
                "positional"
            };
            let names: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
            let list = match names.as_slice() {
                [one] => one.clone(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                [] => String::new(),
            };
            return Err(self.error(
                "TypeError",
                format!(
                    "{}() missing {} required {kind} argument{}: {list}",
                    qualname(),
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        let mut next = named;
        if params.varargs {
            if let Some(slot) = fast.get_mut(next) {
                *slot = Some(Value::tuple(extra));
            }
            next += 1;
        }
        if params.varkw {
            if let Some(slot) = fast.get_mut(next) {
                *slot = Some(Dict::new_value(extra_kw));
            }
        }
        let own_cells = code.cells.len() - code.free;
        let mut cells: Vec<Arc<Mutex<Value>>> = (0..own_cells)
            .map(|_| Arc::new(Mutex::new(unbound())))
            .collect();
        for &(cell, slot) in &code.cell_params {
            if let (Some(c), Some(Some(v))) = (cells.get(cell), fast.get(slot)) {
                *locked(c) = v.clone();
            }
        }
        for free in &f.closure {
            if let Value::Cell(c) = free {
                cells.push(c.clone());
            }
        }
        Ok(Frame {
            code: code.clone(),
            ip: 0,
            stack: self.spare.values(),
            fast,
            cells,
            blocks: Vec::new(),
            handling: Vec::new(),
            globals: f.globals.clone(),
            names: None,
            owner: f.owner.get().and_then(std::sync::Weak::upgrade),
            running: None,
            task: None,
        })
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
    fn handled(&self) -> Option<Value> {
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

    /// Runs instructions of the top frame: `Some` when the base frame returned.
    #[allow(clippy::too_many_lines)]
    fn step(&mut self, base: usize) -> Result<Option<Value>, (Value, bool)> {
        let fail = |e: Value| (e, true);
        loop {
            self.ticks = self.ticks.wrapping_add(1);
            if self.ticks.is_multiple_of(256) {
                if self.ticks.is_multiple_of(4096) && (self.interp.stop)() {
                    return Err(fail(self.error("KeyboardInterrupt", "")));
                }
                if let Err(exc) = self.reserve(0) {
                    return Err(fail(exc));
                }
                // Another thread waits for the GIL: hand it over at this boundary.
                if let Some(gil) = &self.interp.gil {
                    if gil.requested() {
                        let gil = gil.clone();
                        let now = (self.interp.clock)();
                        // Time spent waiting for the GIL to come back is not CPU time.
                        self.pause_cpu();
                        gil.switch_if_asked(&mut self.gil_since, now, &*self.interp.clock);
                        self.said_gil_wait((self.interp.clock)() - now);
                        self.resume_cpu();
                    }
                }
            }
            if self.interp.finalize.is_pending() {
                self.close_dropped();
            }
            let Some(frame) = self.frames.last_mut() else {
                return Ok(Some(Value::None));
            };
            let Some(&instr) = frame.code.instrs.get(frame.ip) else {
                return Ok(Some(Value::None));
            };
            frame.ip += 1;
            match instr {
                Instr::Nop => {}
                Instr::Pop => {
                    frame.stack.pop();
                }
                Instr::Dup => {
                    let top = frame.stack.last().cloned().unwrap_or(Value::None);
                    frame.stack.push(top);
                }
                Instr::Dup2 => {
                    let n = frame.stack.len();
                    if n >= 2 {
                        let (a, b) = (frame.stack[n - 2].clone(), frame.stack[n - 1].clone());
                        frame.stack.push(a);
                        frame.stack.push(b);
                    }
                }
                Instr::Rot2 => {
                    let n = frame.stack.len();
                    if n >= 2 {
                        frame.stack.swap(n - 1, n - 2);
                    }
                }
                Instr::Rot3 => {
                    if let Some(top) = frame.stack.pop() {
                        let n = frame.stack.len();
                        frame.stack.insert(n.saturating_sub(2), top);
                    }
                }
                Instr::LoadConst(at) => {
                    let value = match frame.code.consts.get(at as usize) {
                        Some(Const::Value(v)) => v.clone(),
                        Some(Const::Code(_)) | None => Value::None,
                    };
                    frame.stack.push(value);
                }
                Instr::LoadFast(at) => match frame.fast.get(at as usize) {
                    Some(Some(value)) => {
                        let value = value.clone();
                        frame.stack.push(value);
                    }
                    _ => {
                        let name = frame
                            .code
                            .locals
                            .get(at as usize)
                            .cloned()
                            .unwrap_or_default();
                        return Err(fail(self.error(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        )));
                    }
                },
                Instr::StoreFast(at) => {
                    let value = frame.stack.pop();
                    if let Some(slot) = frame.fast.get_mut(at as usize) {
                        *slot = value;
                    }
                }
                Instr::DeleteFast(at) => {
                    if let Some(slot) = frame.fast.get_mut(at as usize) {
                        *slot = None;
                    }
                }
                Instr::LoadGlobal(at) | Instr::LoadName(at) => {
                    let name = frame
                        .code
                        .names
                        .get(at as usize)
                        .cloned()
                        .unwrap_or_default();
                    let key = super::value::Key::Str(name.clone());
                    let own = match (&frame.names, instr) {
                        (Some(names), Instr::LoadName(_)) => {
                            locked(&names.entries).get(&key).cloned()
                        }
                        _ => None,
                    };
                    let found = own.or_else(|| {
                        let globals = locked(&frame.globals.entries);
                        let at = at as usize;
                        if let Some(value) = frame
                            .code
                            .global_slot(at)
                            .and_then(|slot| globals.str_slot(slot, &name))
                        {
                            return Some(value.clone());
                        }
                        let slot = globals.slot_of(&key)?;
                        frame.code.remember_global_slot(at, slot);
                        globals.str_slot(slot, &name).cloned()
                    });
                    match found.or_else(|| self.interp.builtins.get(&key).cloned()) {
                        Some(value) => self.push(value),
                        None => {
                            return Err(fail(
                                self.error("NameError", format!("name '{name}' is not defined")),
                            ))
                        }
                    }
                }
                Instr::StoreGlobal(at) | Instr::StoreName(at) => {
                    let name = frame
                        .code
                        .names
                        .get(at as usize)
                        .cloned()
                        .unwrap_or_default();
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    let (target, cached) = match (&frame.names, instr) {
                        (Some(names), Instr::StoreName(_)) => (names, false),
                        _ => (&frame.globals, true),
                    };
                    let mut entries = locked(&target.entries);
                    let at = at as usize;
                    let slot = frame.code.global_slot(at).filter(|_| cached);
                    match slot.and_then(|slot| entries.str_slot_mut(slot, &name)) {
                        Some(old) => *old = value,
                        None => {
                            let key = super::value::Key::Str(name.clone());
                            entries.insert(key.clone(), Value::Str(name), value);
                            if let (true, Some(slot)) = (cached, entries.slot_of(&key)) {
                                frame.code.remember_global_slot(at, slot);
                            }
                        }
                    }
                }
                Instr::DeleteGlobal(at) => {
                    let name = frame
                        .code
                        .names
                        .get(at as usize)
                        .cloned()
                        .unwrap_or_default();
                    if locked(&frame.globals.entries)
                        .remove(&super::value::Key::Str(name.clone()))
                        .is_none()
                    {
                        return Err(fail(
                            self.error("NameError", format!("name '{name}' is not defined")),
                        ));
                    }
                }
                Instr::LoadDeref(at) => {
                    let value = frame.cells.get(at as usize).map(|c| locked(c).clone());
                    match value {
                        Some(Value::Cell(_)) | None => {
                            let name = frame
                                .code
                                .cells
                                .get(at as usize)
                                .cloned()
                                .unwrap_or_default();
                            return Err(fail(self.error(
                                "NameError",
                                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                            )));
                        }
                        Some(value) => frame.stack.push(value),
                    }
                }
                Instr::StoreDeref(at) => {
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    if let Some(cell) = frame.cells.get(at as usize) {
                        *locked(cell) = value;
                    }
                }
                Instr::LoadClosure(at) => {
                    let cell = frame
                        .cells
                        .get(at as usize)
                        .cloned()
                        .unwrap_or_else(|| Arc::new(Mutex::new(unbound())));
                    frame.stack.push(Value::Cell(cell));
                }
                Instr::Return => {
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    let popped = self.pop_frame();
                    if let Some(task) = popped.as_ref().and_then(|f| f.task) {
                        self.end_task_call(task, Ok(&value));
                    }
                    let running = popped.and_then(|f| f.running);
                    if self.frames.len() <= base {
                        return Ok(Some(value));
                    }
                    match running {
                        Some((gen, by)) => self.generator_returned(&gen, by, value),
                        None => self.push(value),
                    }
                }
                Instr::Jump(to) => frame.ip = to as usize,
                Instr::PopJumpIfFalse(to) | Instr::PopJumpIfTrue(to) => {
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    let truth = match value {
                        Value::Bool(b) => b,
                        Value::Instance(_) | Value::Exception(_) => {
                            self.truth(&value).map_err(fail)?
                        }
                        ref other => super::ops::truthy(other),
                    };
                    let jump = truth == matches!(instr, Instr::PopJumpIfTrue(_));
                    if jump {
                        self.top_frame().ip = to as usize;
                    }
                }
                Instr::JumpIfFalseOrPop(to) | Instr::JumpIfTrueOrPop(to) => {
                    let truth = match frame.stack.last() {
                        Some(value @ (Value::Instance(_) | Value::Exception(_))) => {
                            let value = value.clone();
                            self.truth(&value).map_err(fail)?
                        }
                        value => value.is_some_and(super::ops::truthy),
                    };
                    let frame = self.top_frame();
                    if truth == matches!(instr, Instr::JumpIfTrueOrPop(_)) {
                        frame.ip = to as usize;
                    } else {
                        frame.stack.pop();
                    }
                }
                Instr::SetupExcept(handler) => {
                    let (depth, handling) = (frame.stack.len(), frame.handling.len());
                    frame.blocks.push(Block {
                        handler: handler as usize,
                        depth,
                        handling,
                    });
                }
                Instr::PopBlock => {
                    frame.blocks.pop();
                }
                Instr::SetupWith(handler) => {
                    let manager = frame.stack.pop().unwrap_or(Value::None);
                    if let Err(e) = self.setup_with(manager, handler as usize) {
                        return Err(fail(e));
                    }
                }
                Instr::PopExcept => {
                    frame.handling.pop();
                }
                Instr::Reraise => {
                    let exc = frame.stack.pop().unwrap_or(Value::None);
                    frame.handling.pop();
                    return Err((exc, false));
                }
                Instr::EndAsyncFor => {
                    let exc = frame.stack.pop().unwrap_or(Value::None);
                    frame.handling.pop();
                    let stop = self.classes().get("StopAsyncIteration");
                    if !self.classes().of(&exc).is_subclass(&stop) {
                        return Err((exc, false));
                    }
                    self.pop(); // the async iterator
                }
                // A generator's frame is always the base one of the loop that resumed
                // it: it leaves the loop, kept aside for `resume`.
                Instr::Yield => {
                    let value = frame.stack.pop().unwrap_or(Value::None);
                    if let Some(value) = self.suspend(value) {
                        return Ok(Some(value));
                    }
                }
                Instr::YieldFrom => match self.yield_from_step() {
                    Ok(None) => {}
                    Ok(Some(value)) => {
                        // Resumed, it runs `YieldFrom` again with the value sent.
                        self.top_frame().ip -= 1;
                        if let Some(value) = self.suspend(value) {
                            return Ok(Some(value));
                        }
                    }
                    Err(e) => return Err(fail(e)),
                },
                // The loop's own step, without a call: a range or a list being walked.
                Instr::ForIter(exit) if matches!(frame.stack.last(), Some(Value::Iterator(_))) => {
                    let step = match frame.stack.last() {
                        Some(Value::Iterator(state)) => super::ops::next_plain(state),
                        _ => None,
                    };
                    match step {
                        Some(Some(value)) => frame.stack.push(value),
                        Some(None) => {
                            frame.stack.pop();
                            frame.ip = exit as usize;
                        }
                        None => {
                            if let Err(e) = self.execute(instr) {
                                return Err(fail(e));
                            }
                        }
                    }
                }
                // Small ints: no dunder to look for, no call.
                Instr::Binary(op) | Instr::InPlace(op)
                    if matches!(frame.stack.as_slice(), [.., Value::Int(_), Value::Int(_)]) =>
                {
                    let n = frame.stack.len();
                    let fast = match (&frame.stack[n - 2], &frame.stack[n - 1]) {
                        (Value::Int(a), Value::Int(b)) => super::ops::int_fast(op, *a, *b),
                        _ => None,
                    };
                    match fast {
                        Some(value) => {
                            frame.stack.truncate(n - 2);
                            frame.stack.push(Value::Int(value));
                        }
                        None => {
                            if let Err(e) = self.execute(instr) {
                                return Err(fail(e));
                            }
                        }
                    }
                }
                Instr::Compare(op)
                    if matches!(frame.stack.as_slice(), [.., Value::Int(_), Value::Int(_)]) =>
                {
                    let n = frame.stack.len();
                    let (a, b) = match (&frame.stack[n - 2], &frame.stack[n - 1]) {
                        (Value::Int(a), Value::Int(b)) => (*a, *b),
                        _ => (0, 0),
                    };
                    let result = match op {
                        CmpOp::Lt => Some(a < b),
                        CmpOp::Le => Some(a <= b),
                        CmpOp::Eq => Some(a == b),
                        CmpOp::Ne => Some(a != b),
                        CmpOp::Gt => Some(a > b),
                        CmpOp::Ge => Some(a >= b),
                        _ => None,
                    };
                    match result {
                        Some(truth) => {
                            frame.stack.truncate(n - 2);
                            frame.stack.push(Value::Bool(truth));
                        }
                        None => {
                            if let Err(e) = self.execute(instr) {
                                return Err(fail(e));
                            }
                        }
                    }
                }
                Instr::ForIter(exit) if matches!(frame.stack.last(), Some(Value::Generator(_))) => {
                    if let Err(e) = self.for_iter_generator(exit) {
                        return Err(fail(e));
                    }
                }
                other => {
                    if let Err(e) = self.execute(other) {
                        return Err(fail(e));
                    }
                    if self.frames.len() <= base {
                        return Ok(Some(Value::None));
                    }
                }
            }
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

    /// The `n` arguments of a `CallMethod`, the object first when `LoadMethod`
    /// pushed one (not `None`); the object's slot is popped either way.
    fn pop_method_args(&mut self, n: usize) -> Vec<Value> {
        let Some(frame) = self.frames.last_mut() else {
            return Vec::new();
        };
        let at = frame.stack.len().saturating_sub(n + 1);
        let mut args = self.spare.values();
        let mut taken = frame.stack.drain(at..);
        if let Some(object) = taken.next() {
            if !matches!(object, Value::None) {
                args.push(object);
            }
        }
        args.extend(taken);
        args
    }

    /// The last `names.len()` of `args`, taken off as keyword arguments: the names
    /// are the tuple constant `consts[names_at]`.
    fn keyword_args(&mut self, args: &mut Vec<Value>, names_at: u32) -> Vec<(Arc<str>, Value)> {
        let names = match self
            .frames
            .last()
            .and_then(|f| f.code.consts.get(names_at as usize))
        {
            Some(Const::Value(Value::Tuple(t))) => t.clone(),
            _ => Arc::from(Vec::new()),
        };
        let kw_values = args.split_off(args.len().saturating_sub(names.len()));
        names
            .iter()
            .zip(kw_values)
            .map(|(k, v)| (Arc::from(self.str(k).as_str()), v))
            .collect()
    }

    fn pop_n(&mut self, n: usize) -> Vec<Value> {
        match self.frames.last_mut() {
            Some(_) if n == 0 => Vec::new(),
            Some(frame) => {
                let at = frame.stack.len().saturating_sub(n);
                let mut values = self.spare.values();
                values.extend(frame.stack.drain(at..));
                values
            }
            None => Vec::new(),
        }
    }

    /// Pops the top frame, keeping its vectors for the next call's.
    fn pop_frame(&mut self) -> Option<Frame> {
        let mut frame = self.frames.pop()?;
        self.spare.keep_values(std::mem::take(&mut frame.stack));
        self.spare.keep_slots(std::mem::take(&mut frame.fast));
        Some(frame)
    }

    /// The instructions that do not touch the frame's control state.
    #[allow(clippy::too_many_lines)]
    fn execute(&mut self, instr: Instr) -> PyResult<()> {
        match instr {
            Instr::Binary(op) | Instr::InPlace(op) => {
                let b = self.pop();
                let a = self.pop();
                // `list += iterable` changes the list itself.
                if let (Instr::InPlace(super::code::BinOp::Add), Value::List(l)) = (instr, &a) {
                    let more = self.collect_mut(&b)?;
                    locked(&l.items).extend(more);
                    self.push(a);
                    return Ok(());
                }
                let value = self.binary_any(op, &a, &b)?;
                self.push(value);
            }
            Instr::Unary(op) => {
                let a = self.pop();
                let value = self.unary_any(op, &a)?;
                self.push(value);
            }
            Instr::Compare(op) => {
                let b = self.pop();
                let a = self.pop();
                let value = self.compare_any(op, &a, &b)?;
                self.push(value);
            }
            Instr::LoadAttr(at) => {
                let object = self.pop();
                let value = self.load_attr(&object, at)?;
                self.push(value);
            }
            Instr::LoadMethod(at) => {
                let object = self.pop();
                let (callee, object) = self.load_method(object, at)?;
                self.push(callee);
                self.push(object);
            }
            Instr::StoreAttr(at) => {
                let object = self.pop();
                let value = self.pop();
                self.store_attr(&object, at, value)?;
            }
            Instr::BuildClass(name, bases) => {
                let name = self.name(name);
                let bases = self.pop_n(bases as usize);
                let body = self.pop();
                let class = self.build_class(&name, bases, &body)?;
                self.push(class);
            }
            Instr::LoadSubscr => {
                let index = self.pop();
                let container = self.pop();
                let value = self.get_item_any(&container, &index)?;
                self.push(value);
            }
            Instr::StoreSubscr => {
                let index = self.pop();
                let container = self.pop();
                let value = self.pop();
                self.set_item_any(&container, &index, value)?;
            }
            Instr::DeleteSubscr => {
                let index = self.pop();
                let container = self.pop();
                self.del_item_any(&container, &index)?;
            }
            Instr::GetIter => {
                let value = self.pop();
                let iterator = self.iter_mut(&value)?;
                self.push(iterator);
            }
            Instr::ForIter(exit) => {
                let iterator = self
                    .frames
                    .last()
                    .and_then(|f| f.stack.last().cloned())
                    .unwrap_or(Value::None);
                match self.next_mut(&iterator)? {
                    Some(value) => self.push(value),
                    None => {
                        self.pop();
                        self.top_frame().ip = exit as usize;
                    }
                }
            }
            Instr::BuildList(n) => {
                let items = self.pop_n(n as usize);
                self.push(List::new(items));
            }
            Instr::BuildTuple(n) => {
                let items = self.pop_n(n as usize);
                self.push(Value::tuple(items));
            }
            Instr::BuildSet(n) => {
                let items = self.pop_n(n as usize);
                let mut entries = DictEntries::default();
                for item in items {
                    entries.insert(self.key(&item)?, item, Value::None);
                }
                self.push(Value::Set(Arc::new(Dict {
                    entries: Mutex::new(entries),
                })));
            }
            Instr::BuildMap(n) => {
                let items = self.pop_n(2 * n as usize);
                let mut entries = DictEntries::default();
                for pair in items.chunks(2) {
                    if let [k, v] = pair {
                        entries.insert(self.key(k)?, k.clone(), v.clone());
                    }
                }
                self.push(Dict::new_value(entries));
            }
            Instr::BuildSlice(_) => {
                let parts = self.pop_n(3);
                let mut it = parts.into_iter();
                let slice = [
                    it.next().unwrap_or(Value::None),
                    it.next().unwrap_or(Value::None),
                    it.next().unwrap_or(Value::None),
                ];
                self.push(Value::Slice(Arc::new(slice)));
            }
            Instr::ListAppend(depth) | Instr::SetAdd(depth) => {
                let value = self.pop();
                let target = self.peek(depth as usize - 1);
                match target {
                    Value::List(l) => locked(&l.items).push(value),
                    Value::Set(d) => {
                        let key = self.key(&value)?;
                        locked(&d.entries).insert(key, value, Value::None);
                    }
                    _ => {}
                }
            }
            Instr::MapAdd(depth) => {
                let value = self.pop();
                let key = self.pop();
                if let Value::Dict(d) = self.peek(depth as usize - 1) {
                    let k = self.key(&key)?;
                    locked(&d.entries).insert(k, key, value);
                }
            }
            Instr::ListExtend => {
                let more = self.pop();
                let more = self.collect_mut(&more)?;
                if let Value::List(l) = self.peek(0) {
                    locked(&l.items).extend(more);
                }
            }
            Instr::DictUpdate => {
                let more = self.pop();
                let pairs: Vec<(Value, Value)> = match &more {
                    Value::Dict(d) => locked(&d.entries).iter().cloned().collect(),
                    other => {
                        return Err(self.error(
                            "TypeError",
                            format!("'{}' object is not a mapping", other.type_name()),
                        ))
                    }
                };
                if let Value::Dict(d) = self.peek(0) {
                    for (k, v) in pairs {
                        let key = self.key(&k)?;
                        locked(&d.entries).insert(key, k, v);
                    }
                }
            }
            Instr::UnpackSequence(n) => {
                let value = self.pop();
                let items = self.collect_mut(&value)?;
                if items.len() != n as usize {
                    return Err(self.error(
                        "ValueError",
                        if items.len() > n as usize {
                            format!("too many values to unpack (expected {n})")
                        } else {
                            format!(
                                "not enough values to unpack (expected {n}, got {})",
                                items.len()
                            )
                        },
                    ));
                }
                for item in items.into_iter().rev() {
                    self.push(item);
                }
            }
            Instr::UnpackEx(before, after) => {
                let value = self.pop();
                let mut items = self.collect_mut(&value)?;
                let (before, after) = (before as usize, after as usize);
                if items.len() < before + after {
                    return Err(self.error(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            items.len()
                        ),
                    ));
                }
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                for item in tail.into_iter().rev() {
                    self.push(item);
                }
                self.push(List::new(middle));
                for item in items.into_iter().rev() {
                    self.push(item);
                }
            }
            Instr::Call(n) => {
                let args = self.pop_n(n as usize);
                let callee = self.pop();
                self.call_from_frame(callee, args, Vec::new())?;
            }
            Instr::CallMethod(n) => {
                let args = self.pop_method_args(n as usize);
                let callee = self.pop();
                self.call_from_frame(callee, args, Vec::new())?;
            }
            Instr::CallKw(n, names_at) => {
                let mut args = self.pop_n(n as usize);
                let kwargs = self.keyword_args(&mut args, names_at);
                let callee = self.pop();
                self.call_from_frame(callee, args, kwargs)?;
            }
            Instr::CallMethodKw(n, names_at) => {
                let mut args = self.pop_method_args(n as usize);
                let kwargs = self.keyword_args(&mut args, names_at);
                let callee = self.pop();
                self.call_from_frame(callee, args, kwargs)?;
            }
            Instr::CallEx => {
                let kwargs = self.pop();
                let args = self.pop();
                let callee = self.pop();
                let args = self.collect_mut(&args)?;
                let kwargs = match &kwargs {
                    Value::Dict(d) => {
                        let entries = locked(&d.entries).clone();
                        let mut kwargs = Vec::with_capacity(entries.len);
                        for (k, v) in entries.iter() {
                            let Value::Str(k) = k else {
                                return Err(self.error("TypeError", "keywords must be strings"));
                            };
                            kwargs.push((k.clone(), v.clone()));
                        }
                        kwargs
                    }
                    _ => Vec::new(),
                };
                self.call_from_frame(callee, args, kwargs)?;
            }
            Instr::MakeFunction(flags, code) => self.make_function(flags, code)?,
            Instr::Raise(n) => return Err(self.raise(n)),
            Instr::WithExcept => {
                let exc = self.peek(0);
                let exit = self.peek(1);
                let class = Value::Class(self.classes().of(&exc));
                let suppressed = self.call(&exit, vec![class, exc, Value::None], Vec::new())?;
                let suppressed = self.truth(&suppressed)?;
                self.push(Value::Bool(suppressed));
            }
            Instr::ExceptMatch => {
                let class = self.pop();
                let exc = self.peek(0);
                let matched = self.exception_matches(&exc, &class)?;
                self.push(Value::Bool(matched));
            }
            Instr::FormatValue(conversion, has_spec) => {
                let spec = if has_spec { Some(self.pop()) } else { None };
                let value = self.pop();
                let text = self.format_value(&value, conversion, spec.as_ref())?;
                self.push(Value::str(&text));
            }
            Instr::BuildString(n) => {
                let parts = self.pop_n(n as usize);
                let text: String = parts.iter().map(|p| self.str(p)).collect();
                self.push(Value::str(&text));
            }
            Instr::GetYieldFromIter => {
                let value = self.pop();
                let iterator = self.yield_from_iter(value)?;
                self.push(iterator);
            }
            Instr::GetAwaitable => {
                let value = self.pop();
                let awaitable = self.awaitable(value)?;
                self.push(awaitable);
            }
            Instr::GetAIter => {
                let value = self.pop();
                let iterator = self.async_iter(&value)?;
                self.push(iterator);
            }
            Instr::GetANext => {
                let iterator = self.peek(0);
                let awaitable = self.async_next(&iterator)?;
                self.push(awaitable);
            }
            Instr::AsyncWithExcept => {
                let exc = self.peek(0);
                let exit = self.peek(1);
                let class = Value::Class(self.classes().of(&exc));
                let awaitable = self.call(&exit, vec![class, exc, Value::None], Vec::new())?;
                self.push(awaitable);
            }
            Instr::ImportName(at) => {
                let name = self.name(at);
                let module = self.import(&name)?;
                self.push(module);
            }
            Instr::ImportFrom(at) => {
                let name = self.name(at);
                let module = self.peek(0);
                let value = self.get_attr(&module, &name).map_err(|_| {
                    self.error(
                        "ImportError",
                        match &module {
                            Value::Module(m) => format!(
                                "cannot import name '{name}' from '{}' (unknown location)",
                                m.name
                            ),
                            other => {
                                format!("cannot import name '{name}' from '{}'", self.str(other))
                            }
                        },
                    )
                })?;
                self.push(value);
            }
            // The control instructions are `step`'s.
            _ => {}
        }
        Ok(())
    }

    /// `with manager:` — `__exit__` kept on the stack, `__enter__`'s result on top.
    fn setup_with(&mut self, manager: Value, handler: usize) -> PyResult<()> {
        let enter = self.get_attr(&manager, "__enter__")?;
        let exit = self.get_attr(&manager, "__exit__")?;
        self.push(exit);
        let entered = self.call(&enter, Vec::new(), Vec::new())?;
        let frame = self.top_frame();
        let (depth, handling) = (frame.stack.len(), frame.handling.len());
        frame.blocks.push(Block {
            handler,
            depth,
            handling,
        });
        frame.stack.push(entered);
        Ok(())
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

    /// A call made by an instruction: a Python function gets a frame on this loop.
    fn call_from_frame(
        &mut self,
        callee: Value,
        mut args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<()> {
        match &callee {
            Value::BoundMethod(m) => {
                args.insert(0, m.0.clone());
                self.call_from_frame(m.1.clone(), args, kwargs)
            }
            Value::Function(f) => {
                let task = self.task_call(f, &args, &kwargs);
                let mut frame = match self.frame_for(f, args, kwargs) {
                    Ok(frame) => frame,
                    Err(exc) => {
                        if let Some(task) = task {
                            self.end_task_call(task, Err(&exc));
                        }
                        return Err(exc);
                    }
                };
                if f.code.kind != super::code::Kind::Function {
                    self.push(super::generator::Generator::new_value(frame, self));
                    return Ok(());
                }
                frame.task = task;
                self.push_frame(frame)
            }
            other => {
                let value = self.call_native(other, args, kwargs)?;
                self.push(value);
                Ok(())
            }
        }
    }

    fn make_function(&mut self, flags: u32, code: u32) -> PyResult<()> {
        let code = self
            .frames
            .last()
            .and_then(|f| match f.code.consts.get(code as usize) {
                Some(Const::Code(code)) => Some(code.clone()),
                _ => None,
            });
        let Some(code) = code else {
            return Err(self.error("SystemError", "MakeFunction without code"));
        };
        let closure = if flags & 8 != 0 {
            let cells = self.pop();
            self.collect_mut(&cells)?
        } else {
            Vec::new()
        };
        let kw_defaults = if flags & 2 != 0 {
            match self.pop() {
                Value::Dict(d) => locked(&d.entries)
                    .iter()
                    .map(|(k, v)| (Arc::from(self.str(k).as_str()), v.clone()))
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let defaults = if flags & 1 != 0 {
            let defaults = self.pop();
            self.collect_mut(&defaults)?
        } else {
            Vec::new()
        };
        let globals = self
            .frames
            .last()
            .map(|f| f.globals.clone())
            .unwrap_or_default();
        self.push(Value::Function(Arc::new(Function {
            code,
            globals,
            defaults,
            kw_defaults,
            closure,
            owner: std::sync::OnceLock::new(),
        })));
        Ok(())
    }

    /// `raise`, `raise exc`, `raise exc from cause`.
    fn raise(&mut self, n: u32) -> Value {
        let cause = if n == 2 { Some(self.pop()) } else { None };
        let exc = if n >= 1 {
            self.pop()
        } else {
            return match self.handled() {
                Some(exc) => exc,
                None => self.error("RuntimeError", "No active exception to reraise"),
            };
        };
        let exc = match exc {
            Value::Class(class) if self.classes().is_exception(&class) => {
                new_exception(class, Vec::new())
            }
            exc @ Value::Exception(_) => exc,
            _ => return self.error("TypeError", "exceptions must derive from BaseException"),
        };
        if let Value::Exception(e) = &exc {
            if let Some(cause) = cause {
                let cause = match cause {
                    Value::Class(class) if self.classes().is_exception(&class) => {
                        Some(new_exception(class, Vec::new()))
                    }
                    // `from None` is kept as a cause of None: it suppresses the context.
                    other => Some(other),
                };
                *locked(&e.cause) = cause;
            }
            self.set_context(&exc);
        }
        exc
    }

    /// An exception raised while another is handled remembers it (`__context__`).
    pub fn set_context(&self, exc: &Value) {
        if let (Value::Exception(e), Some(handled)) = (exc, self.handled()) {
            if handled.id() != exc.id() && locked(&e.context).is_none() {
                *locked(&e.context) = Some(handled);
            }
        }
    }

    fn exception_matches(&self, exc: &Value, class: &Value) -> PyResult<bool> {
        let exc_class = self.classes().of(exc);
        match class {
            Value::Class(c) => Ok(exc_class.is_subclass(c)),
            Value::Tuple(t) => {
                for c in t.iter() {
                    if self.exception_matches(exc, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.error(
                "TypeError",
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }
}
