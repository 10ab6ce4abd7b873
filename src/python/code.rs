//! Compiled Python: a code object per module, function and comprehension, its
//! instructions run by `vm.rs` on explicit frames (so a thread can stop and go on
//! at any instruction), each instruction with its source line.

use super::value::Value;
use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};
use std::sync::Arc;

/// Binary operators, in-place or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
    MatMul,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Pos,
    Not,
    Invert,
}

/// One instruction. Operands index the code's `consts` and `names`, or are jump
/// targets (instruction indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instr {
    Nop,
    Pop,
    Dup,
    /// Duplicates the two top values: [a, b] → [a, b, a, b].
    Dup2,
    /// Swaps the two top values.
    Rot2,
    /// Lifts the second and third values over the top one: [a, b, c] → [c, a, b].
    Rot3,
    LoadConst(u32),
    /// A local variable of a function, by its slot.
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    /// A name in the module's globals, then the builtins.
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// A variable of an enclosing function (or of this one, captured by an inner one).
    LoadDeref(u32),
    StoreDeref(u32),
    /// The cell itself, to build a closure.
    LoadClosure(u32),
    /// A name in a class body's namespace, then the globals, then the builtins.
    LoadName(u32),
    StoreName(u32),
    /// Makes a class: the body function and `n` bases on the stack; its name is
    /// `names[name]`.
    BuildClass(u32, u32),
    LoadAttr(u32),
    StoreAttr(u32),
    /// `object.name` about to be called: pushes the function and the object when
    /// `name` is a method of the object's type, or the attribute and `None` — so a
    /// method call makes no bound method (CPython's `LOAD_METHOD`).
    LoadMethod(u32),
    LoadSubscr,
    StoreSubscr,
    DeleteSubscr,
    Binary(BinOp),
    InPlace(BinOp),
    Unary(UnOp),
    Compare(CmpOp),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    /// `and`/`or`: keeps the value and jumps, or pops it and goes on.
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    GetIter,
    /// Pushes the iterator's next value, or pops the iterator and jumps when done.
    ForIter(u32),
    BuildList(u32),
    BuildTuple(u32),
    BuildSet(u32),
    /// `n` key/value pairs.
    BuildMap(u32),
    BuildSlice(u32),
    /// Appends the top to the list `n` below it (comprehensions).
    ListAppend(u32),
    SetAdd(u32),
    MapAdd(u32),
    /// `[*a, *b]`: extends the list below the top with the top.
    ListExtend,
    /// `{**a}`, `f(**a)`: merges the mapping on top into the dict below it.
    DictUpdate,
    UnpackSequence(u32),
    /// `a, *b, c`: before and after the starred target.
    UnpackEx(u32, u32),
    /// A call with `n` positional arguments.
    Call(u32),
    /// A call with `n` arguments in all, the last `names.len()` by keyword; the names
    /// are the tuple constant `consts[k]`.
    CallKw(u32, u32),
    /// `Call` after a `LoadMethod`: the object (or `None`) under the arguments.
    CallMethod(u32),
    /// `CallKw` after a `LoadMethod`.
    CallMethodKw(u32, u32),
    /// A call with a tuple of positional arguments and a dict of keywords on the stack.
    CallEx,
    /// Makes a function of the code constant `consts[code]`; flags say what else is
    /// on the stack: 1 defaults tuple, 2 keyword-only defaults dict, 8 closure tuple.
    MakeFunction(u32, u32),
    Return,
    /// Protects the instructions up to the matching `PopBlock`: an exception jumps
    /// to the handler with the stack cut back and the exception pushed.
    SetupExcept(u32),
    PopBlock,
    /// `with`: takes the context manager, pushes its `__exit__`, and calls
    /// `__enter__`, whose result comes on top. A Python `__enter__` runs on this
    /// loop, as any call of an instruction does: a wait in it can suspend the thread.
    BeforeWith,
    /// After `BeforeWith`: a handler block like `SetupExcept`'s, the stack cut back
    /// to `__exit__` (under `__enter__`'s result).
    SetupWith(u32),
    /// In a `with` or `async with` block's handler, with the exception on top of
    /// `__exit__`: pushes `__exit__`, the exception's class, the exception and `None`,
    /// for a `Call(3)` on this loop (whose result says whether it was suppressed).
    WithExcept,
    /// Ends an `except` clause: the exception handled there is done with.
    PopExcept,
    /// `raise`, `raise exc`, `raise exc from cause` (0, 1, 2 values on the stack).
    Raise(u32),
    /// Raises the exception on top again (no handler matched; the end of `finally`).
    Reraise,
    /// Whether the exception below the top matches the class (or tuple) on top.
    ExceptMatch,
    /// f-strings: formats the top (with the spec below it when `spec`), after a
    /// conversion (0 none, 1 `!s`, 2 `!r`, 3 `!a`).
    FormatValue(u32, bool),
    BuildString(u32),
    ImportName(u32),
    ImportFrom(u32),
    /// Suspends a generator's frame, yielding the top value; resuming it pushes the
    /// value sent in (`None` for `next()`).
    Yield,
    /// `yield from` and `await`: sends the top value to the iterator below it. While
    /// that one yields, this frame yields the same and runs this instruction again
    /// on resuming; when it returns, its value replaces the iterator.
    YieldFrom,
    /// `yield from x`: `iter(x)`, but a coroutine stays itself.
    GetYieldFromIter,
    /// `await x`: the coroutine itself, or what `x.__await__()` gives.
    GetAwaitable,
    /// `async for`: the async iterator of the top (`__aiter__`).
    GetAIter,
    /// `async for`: pushes the awaitable of the next item of the async iterator
    /// on top (`__anext__()`), which stays.
    GetANext,
    /// The handler around an `async for`'s `__anext__`: `StopAsyncIteration` on
    /// top ends the loop (it and the iterator popped); anything else goes on.
    EndAsyncFor,
}

/// What calling a function's code gives: a run of its body, or a suspended frame.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Kind {
    #[default]
    Function,
    /// A body with `yield`: calling it makes a generator.
    Generator,
    /// `async def`: calling it makes a coroutine.
    Coroutine,
    /// `async def` with `yield`: calling it makes an async generator.
    AsyncGenerator,
}

/// What a function takes, as its `def` line says.
#[derive(Clone, Debug, Default)]
pub struct Params {
    /// Positional parameters (positional-only first), then keyword-only ones.
    pub names: Vec<Arc<str>>,
    pub positional: usize,
    pub keyword_only: usize,
    /// `*args` and `**kwargs` slots, right after the named ones.
    pub varargs: bool,
    pub varkw: bool,
}

/// A source file: its name in tracebacks and its lines.
#[derive(Debug, Default)]
pub struct Source {
    pub file: Arc<str>,
    pub lines: Vec<String>,
    /// Lines of our `lib/*.py` that stand for a line of CPython's own module, with
    /// that line's number (`# CPython: 1045` at its end), or its file and number
    /// (`# CPython: <stdlib>/asyncio/runners.py:190`), or for nothing (`# CPython:
    /// hidden`, what CPython does in C): a traceback through `threading` or
    /// `asyncio` then reads as CPython's does.
    shown: Vec<(u32, Shown)>,
}

/// How a traceback shows a line of a `lib/*.py`.
#[derive(Debug)]
enum Shown {
    Line(u32),
    At(Arc<str>, u32),
    Hidden,
}

impl Shown {
    fn parse(marker: &str) -> Option<Shown> {
        let marker = marker.trim();
        if marker == "hidden" {
            return Some(Shown::Hidden);
        }
        if let Some((file, number)) = marker.rsplit_once(':') {
            return Some(Shown::At(Arc::from(file), number.parse().ok()?));
        }
        Some(Shown::Line(marker.parse().ok()?))
    }
}

/// The marker of a line that stands for CPython's line of that number.
const CPYTHON_LINE: &str = "  # CPython: ";

impl Source {
    pub fn new(file: &str, text: &str) -> Arc<Source> {
        let mut shown = Vec::new();
        let lines = text
            .lines()
            .enumerate()
            .map(|(i, line)| match line.split_once(CPYTHON_LINE) {
                Some((code, marker)) => {
                    if let (Ok(at), Some(how)) = (u32::try_from(i + 1), Shown::parse(marker)) {
                        shown.push((at, how));
                    }
                    code.to_owned()
                }
                None => line.to_owned(),
            })
            .collect();
        Arc::new(Source {
            file: Arc::from(file),
            lines,
            shown,
        })
    }

    /// Line `line` (1-based), as written.
    pub fn line(&self, line: u32) -> &str {
        self.lines
            .get((line as usize).wrapping_sub(1))
            .map_or("", String::as_str)
    }

    /// The file and line number a traceback gives line `line`; `None`: it leaves
    /// the frame out.
    pub fn shown_at(&self, line: u32) -> Option<(Arc<str>, u32)> {
        match self.shown.iter().find(|(at, _)| *at == line) {
            None => Some((self.file.clone(), line)),
            Some((_, Shown::Line(number))) => Some((self.file.clone(), *number)),
            Some((_, Shown::At(file, number))) => Some((file.clone(), *number)),
            Some((_, Shown::Hidden)) => None,
        }
    }
}

/// A compiled body.
pub struct Code {
    /// Where it was written.
    pub source: Arc<Source>,
    /// The function's name, `<module>`, `<listcomp>`, `<lambda>`.
    pub name: Arc<str>,
    pub instrs: Vec<Instr>,
    /// The source line of each instruction.
    pub lines: Vec<u32>,
    pub consts: Vec<Const>,
    pub names: Vec<Arc<str>>,
    /// For each of `names`, the slot of its globals' entry where it was last found,
    /// plus one (0: not yet): a global in a loop is then found without hashing, as
    /// CPython's `LOAD_GLOBAL` finds it through its inline cache.
    pub global_slots: Vec<AtomicU32>,
    /// The same for `names` used as attributes: the slot of the entry in the
    /// object's dict (an instance's, a module's) where it was last found. Objects
    /// of one class set their attributes in the same order, so one slot fits all.
    pub attr_slots: Vec<AtomicU32>,
    /// For each of `names` that is a builtin, its slot in the builtins and the
    /// version of the globals' keys that lacked it (`builtin_cache.rs`).
    pub builtin_slots: Vec<AtomicU64>,
    /// Local variable slots: parameters first.
    pub locals: Vec<Arc<str>>,
    /// Variables held in cells: this function's own captured ones, then the free ones
    /// it gets from its closure.
    pub cells: Vec<Arc<str>>,
    /// How many of `cells` are free (from the closure), at the end.
    pub free: usize,
    /// For each own cell that is also a parameter, its local slot.
    pub cell_params: Vec<(usize, usize)>,
    pub params: Params,
    /// The module's code runs on the globals; functions on their slots.
    pub is_module: bool,
    pub kind: Kind,
}

fn cached_slot(cache: &[AtomicU32], at: usize) -> Option<usize> {
    let slot = cache.get(at)?.load(Ordering::Relaxed);
    (slot as usize).checked_sub(1)
}

fn remember_slot(cache: &[AtomicU32], at: usize, slot: usize) {
    if let (Some(cache), Ok(slot)) = (cache.get(at), u32::try_from(slot + 1)) {
        cache.store(slot, Ordering::Relaxed);
    }
}

/// A constant of a code object.
#[derive(Clone)]
pub enum Const {
    Value(Value),
    Code(Arc<Code>),
}

impl Code {
    /// Where `names[at]` was last found in the globals (see `global_slots`).
    pub fn global_slot(&self, at: usize) -> Option<usize> {
        cached_slot(&self.global_slots, at)
    }

    pub fn remember_global_slot(&self, at: usize, slot: usize) {
        remember_slot(&self.global_slots, at, slot);
    }

    /// Where `names[at]` was last found as an attribute (see `attr_slots`).
    pub fn attr_slot(&self, at: usize) -> Option<usize> {
        cached_slot(&self.attr_slots, at)
    }

    pub fn remember_attr_slot(&self, at: usize, slot: usize) {
        remember_slot(&self.attr_slots, at, slot);
    }

    /// The line of the instruction at `at`.
    pub fn line(&self, at: usize) -> u32 {
        self.lines.get(at).copied().unwrap_or(0)
    }
}
