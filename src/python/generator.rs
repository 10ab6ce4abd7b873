//! Generators and coroutines: a function's frame kept aside between runs. Resuming
//! one (`next`, `send`, `throw`, a `for` loop, `await`) pushes its frame on the
//! current thread's frame stack and runs it until it yields or returns, so a
//! generator made on one thread may go on in another. Its state is behind a lock:
//! two threads resuming it at once get "generator already executing".

use super::code::Code;
use super::code::{Instr, Kind};
use super::exceptions::new_exception;
use super::value::{locked, Value};
use super::vm::{Frame, Interp, PyResult, Vm};
use std::sync::{Arc, Mutex, Weak};

pub struct Generator {
    /// `Kind::Generator` or `Kind::Coroutine`.
    pub kind: Kind,
    /// The function's name, for `repr` and for the coroutine's messages.
    pub name: Arc<str>,
    state: Mutex<State>,
    /// Where it was made, and the program, for the warning about a coroutine
    /// never awaited (a forgotten `await` is the lesson's classic mistake).
    origin: Option<(Arc<Code>, u32)>,
    interp: Weak<Interp>,
}

enum State {
    /// Made, its body not started.
    Fresh(Box<Frame>),
    Suspended(Box<Frame>),
    /// Its frame is on some thread's frame stack now.
    Running,
    Done,
}

/// How a generator is resumed.
pub enum Resume {
    /// `next()` (with `None`) and `send(value)`.
    Send(Value),
    /// `throw(exc)`: the exception raised where it is suspended.
    Throw(Value),
}

/// What resumed a generator whose frame runs on the loop of the frame under it:
/// what its yield and its return do to that frame. (A generator resumed from
/// Rust — `next()`, `send()`, `list()` — runs on a loop of its own instead.)
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// `for x in gen`: a yield gives the loop its next item, a return ends it.
    ForIter,
    /// `yield from gen`, `await coro`: a yield goes on down, a return is the
    /// expression's value.
    YieldFrom,
}

/// What a resumed generator did.
pub enum Outcome {
    Yielded(Value),
    /// It returned (the `StopIteration`'s value).
    Returned(Value),
}

impl Generator {
    /// The generator (or coroutine) a call of a generator function makes.
    pub fn new_value(frame: Frame, vm: &Vm) -> Value {
        let origin = vm
            .frames
            .last()
            .map(|f| (f.code.clone(), f.code.line(f.ip.saturating_sub(1))));
        Value::Generator(Arc::new(Generator {
            kind: frame.code.kind,
            name: frame.code.name.clone(),
            state: Mutex::new(State::Fresh(Box::new(frame))),
            origin,
            interp: Arc::downgrade(&vm.interp),
        }))
    }

    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Coroutine => "coroutine",
            _ => "generator",
        }
    }

    /// Whether its body has finished.
    pub fn is_done(&self) -> bool {
        matches!(*locked(&self.state), State::Done)
    }
}

/// Suspended generators dropped inside a `try` or `with`, to be closed.
#[derive(Default)]
pub struct Finalize {
    pending: std::sync::atomic::AtomicBool,
    frames: Mutex<Vec<Dropped>>,
}

/// A dropped generator's kind, name and frame.
type Dropped = (Kind, Arc<str>, Box<Frame>);

impl Finalize {
    pub fn is_pending(&self) -> bool {
        self.pending.load(std::sync::atomic::Ordering::Relaxed)
    }
}

impl Drop for Generator {
    /// A generator dropped while suspended in a `try` or `with` is closed (by the
    /// next instruction run); a coroutine dropped before it ever ran gets
    /// CPython's `RuntimeWarning`, once per place.
    fn drop(&mut self) {
        let state = self
            .state
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if matches!(state, State::Suspended(frame) if frame.in_block()) {
            if let (State::Suspended(frame), Some(interp)) =
                (std::mem::replace(state, State::Done), self.interp.upgrade())
            {
                locked(&interp.finalize.frames).push((self.kind, self.name.clone(), frame));
                interp
                    .finalize
                    .pending
                    .store(true, std::sync::atomic::Ordering::Relaxed);
            }
            return;
        }
        if self.kind != Kind::Coroutine || !matches!(state, State::Fresh(_)) {
            return;
        }
        let (Some((code, line)), Some(interp)) = (&self.origin, self.interp.upgrade()) else {
            return;
        };
        let message = format!("coroutine '{}' was never awaited", self.name);
        let place = (code.source.file.clone(), *line, message.clone());
        if !locked(&interp.warnings_shown).insert(place) {
            return;
        }
        let source = code.source.line(*line).trim();
        let mut text = format!("{}:{line}: RuntimeWarning: {message}\n", code.source.file);
        if !source.is_empty() {
            text.push_str(&format!("  {source}\n"));
        }
        text.push_str(
            "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
        );
        (interp.out)(&text, true);
    }
}

impl Vm {
    /// Closes the generators dropped while suspended in a `try` or `with`: their
    /// `finally` and `__exit__` run; what they raise is reported and ignored.
    pub(super) fn close_dropped(&mut self) {
        let finalize = &self.interp.finalize;
        let frames = std::mem::take(&mut *locked(&finalize.frames));
        finalize
            .pending
            .store(false, std::sync::atomic::Ordering::Relaxed);
        for (kind, name, frame) in frames {
            let gen = Arc::new(Generator {
                kind,
                name,
                state: Mutex::new(State::Suspended(frame)),
                origin: None,
                interp: Weak::new(),
            });
            let value = Value::Generator(gen);
            if let Err(exc) = close(self, vec![value.clone()], Vec::new()) {
                let text = format!(
                    "Exception ignored in: {}\n{}",
                    self.repr(&value),
                    self.traceback_text(&exc)
                );
                (self.interp.out)(&text, true);
            }
        }
    }

    /// Runs a generator's frame on this thread until it yields or returns.
    ///
    /// # Errors
    /// What the generator raised (it is then finished), or why it cannot run.
    pub fn resume(&mut self, gen: &Arc<Generator>, how: Resume) -> PyResult<Outcome> {
        let taken = std::mem::replace(&mut *locked(&gen.state), State::Running);
        let (mut frame, started) = match taken {
            State::Fresh(frame) => (frame, false),
            State::Suspended(frame) => (frame, true),
            State::Running => {
                return Err(self.error(
                    "ValueError",
                    format!("{} already executing", gen.type_name()),
                ))
            }
            State::Done => {
                *locked(&gen.state) = State::Done;
                return match how {
                    Resume::Throw(exc) => Err(exc),
                    Resume::Send(_) if gen.kind == Kind::Coroutine => {
                        Err(self.error("RuntimeError", "cannot reuse already awaited coroutine"))
                    }
                    Resume::Send(_) => Ok(Outcome::Returned(Value::None)),
                };
            }
        };
        let base = self.frames.len();
        match how {
            Resume::Send(value) if started => frame.stack.push(value),
            Resume::Send(Value::None) => {}
            Resume::Send(_) => {
                *locked(&gen.state) = State::Fresh(frame);
                return Err(self.error(
                    "TypeError",
                    format!(
                        "can't send non-None value to a just-started {}",
                        gen.type_name()
                    ),
                ));
            }
            Resume::Throw(exc) => {
                let delegating = started
                    && frame.code.instrs.get(frame.ip) == Some(&Instr::YieldFrom)
                    && !frame.stack.is_empty();
                if let Err(e) = self.push_frame(*frame) {
                    *locked(&gen.state) = State::Done;
                    return Err(e);
                }
                let thrown = if delegating {
                    self.throw_into_delegate(exc)
                } else {
                    Err(exc)
                };
                match thrown {
                    Ok(Some(value)) => {
                        // The inner one yielded: so does this one, still delegating.
                        if let Some(frame) = self.frames.pop() {
                            *locked(&gen.state) = State::Suspended(Box::new(frame));
                        }
                        return Ok(Outcome::Yielded(value));
                    }
                    Ok(None) => {}
                    Err(exc) => {
                        if let Err(exc) = self.unwind(exc, true, base) {
                            *locked(&gen.state) = State::Done;
                            return Err(self.stop_iteration_escaped(gen, exc));
                        }
                    }
                }
                return self.run_generator(gen, base);
            }
        }
        if let Err(e) = self.push_frame(*frame) {
            *locked(&gen.state) = State::Done;
            return Err(e);
        }
        self.run_generator(gen, base)
    }

    /// Runs the generator's frame, just pushed at `base`, to its next stop.
    fn run_generator(&mut self, gen: &Arc<Generator>, base: usize) -> PyResult<Outcome> {
        match self.run(base) {
            Ok(value) => match self.suspended.take() {
                Some(frame) => {
                    *locked(&gen.state) = State::Suspended(Box::new(frame));
                    Ok(Outcome::Yielded(value))
                }
                None => {
                    *locked(&gen.state) = State::Done;
                    Ok(Outcome::Returned(value))
                }
            },
            Err(exc) => {
                self.frames.truncate(base);
                *locked(&gen.state) = State::Done;
                Err(self.stop_iteration_escaped(gen, exc))
            }
        }
    }

    /// A `StopIteration` leaving a generator's body would end its caller's loop
    /// unseen: Python turns it into a `RuntimeError`.
    fn stop_iteration_escaped(&self, gen: &Generator, exc: Value) -> Value {
        if !self
            .classes()
            .of(&exc)
            .is_subclass(&self.classes().get("StopIteration"))
        {
            return exc;
        }
        let error = self.error(
            "RuntimeError",
            format!("{} raised StopIteration", gen.type_name()),
        );
        if let Value::Exception(e) = &error {
            *locked(&e.cause) = Some(exc.clone());
            *locked(&e.context) = Some(exc);
        }
        error
    }

    /// `throw()` into a generator suspended in `yield from`: the exception goes to
    /// the inner iterator first. `Ok(Some)`: it yielded; `Ok(None)`: it returned
    /// and this frame goes on with its value.
    fn throw_into_delegate(&mut self, exc: Value) -> PyResult<Option<Value>> {
        let inner = self.peek(0);
        let outcome = self.send_to(&inner, Resume::Throw(exc));
        // From here on this frame is past its `YieldFrom`.
        self.top_frame().ip += 1;
        self.pop();
        match outcome? {
            Outcome::Yielded(value) => {
                self.top_frame().ip -= 1;
                self.push(inner);
                Ok(Some(value))
            }
            Outcome::Returned(value) => {
                self.push(value);
                Ok(None)
            }
        }
    }

    /// Resumes whatever a `yield from` or an `await` delegates to.
    pub fn send_to(&mut self, inner: &Value, how: Resume) -> PyResult<Outcome> {
        if let Value::Generator(g) = inner {
            return self.resume(g, how);
        }
        match how {
            Resume::Send(Value::None) => Ok(match self.next_mut(inner)? {
                Some(value) => Outcome::Yielded(value),
                None => Outcome::Returned(Value::None),
            }),
            Resume::Send(value) => {
                let send = self.get_attr(inner, "send")?;
                self.outcome_of_call(&send, value)
            }
            Resume::Throw(exc) => match self.get_attr(inner, "throw") {
                Ok(throw) => self.outcome_of_call(&throw, exc),
                Err(_) => Err(exc),
            },
        }
    }

    /// A `send`/`throw` method's result: its `StopIteration` is the return.
    fn outcome_of_call(&mut self, method: &Value, arg: Value) -> PyResult<Outcome> {
        match self.call(method, vec![arg], Vec::new()) {
            Ok(value) => Ok(Outcome::Yielded(value)),
            Err(e) if self.is_stop_iteration(&e) => Ok(Outcome::Returned(stop_value(&e))),
            Err(e) => Err(e),
        }
    }

    fn is_stop_iteration(&self, exc: &Value) -> bool {
        self.classes()
            .of(exc)
            .is_subclass(&self.classes().get("StopIteration"))
    }

    /// Pushes a generator's frame to run on this loop, above the frame resuming
    /// it; `false` if it has finished already.
    fn enter(&mut self, gen: &Arc<Generator>, by: By, sent: Value) -> PyResult<bool> {
        if self.frames.len() >= self.interp.recursion_limit {
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        let taken = std::mem::replace(&mut *locked(&gen.state), State::Running);
        let mut frame = match taken {
            State::Fresh(frame) if matches!(sent, Value::None) => frame,
            State::Fresh(frame) => {
                *locked(&gen.state) = State::Fresh(frame);
                return Err(self.error(
                    "TypeError",
                    format!(
                        "can't send non-None value to a just-started {}",
                        gen.type_name()
                    ),
                ));
            }
            State::Suspended(mut frame) => {
                frame.stack.push(sent);
                frame
            }
            State::Running => {
                return Err(self.error(
                    "ValueError",
                    format!("{} already executing", gen.type_name()),
                ))
            }
            State::Done => {
                *locked(&gen.state) = State::Done;
                if gen.kind == Kind::Coroutine {
                    return Err(
                        self.error("RuntimeError", "cannot reuse already awaited coroutine")
                    );
                }
                return Ok(false);
            }
        };
        frame.running = Some((gen.clone(), by));
        self.frames.push(*frame);
        Ok(true)
    }

    /// `ForIter` over a generator: its frame goes on this loop.
    pub(super) fn for_iter_generator(&mut self, exit: u32) -> PyResult<()> {
        let Value::Generator(gen) = self.peek(0) else {
            return Ok(());
        };
        if !self.enter(&gen, By::ForIter, Value::None)? {
            self.pop();
            self.top_frame().ip = exit as usize;
        }
        Ok(())
    }

    /// A yield of the top frame: `Some` when it leaves this loop (the frame was
    /// resumed from Rust, and is kept in `suspended`), `None` when the frame that
    /// resumed it goes on.
    pub(super) fn suspend(&mut self, value: Value) -> Option<Value> {
        loop {
            let Some(mut frame) = self.frames.pop() else {
                return Some(value);
            };
            let Some((gen, by)) = frame.running.take() else {
                self.suspended = Some(frame);
                return Some(value);
            };
            *locked(&gen.state) = State::Suspended(Box::new(frame));
            match by {
                By::ForIter => {
                    self.push(value);
                    return None;
                }
                // The delegating frame yields the same, to run its `YieldFrom`
                // again when resumed.
                By::YieldFrom => self.top_frame().ip -= 1,
            }
        }
    }

    /// A generator running on this loop returned `value` to the frame now on top.
    pub(super) fn generator_returned(&mut self, gen: &Generator, by: By, value: Value) {
        *locked(&gen.state) = State::Done;
        self.pop();
        match by {
            By::ForIter => {
                let frame = self.top_frame();
                if let Some(Instr::ForIter(exit)) = frame.code.instrs.get(frame.ip - 1) {
                    frame.ip = *exit as usize;
                }
            }
            By::YieldFrom => self.push(value),
        }
    }

    /// A generator running on this loop let `exc` out: it is finished.
    pub(super) fn generator_raised(&mut self, gen: &Generator, exc: Value) -> Value {
        *locked(&gen.state) = State::Done;
        self.stop_iteration_escaped(gen, exc)
    }

    /// `YieldFrom`: sends the top value to the iterator under it. `Some`: it
    /// yielded that; `None`: it returned, and its value replaced it on the stack
    /// (or, a generator, it now runs on this loop).
    pub(super) fn yield_from_step(&mut self) -> PyResult<Option<Value>> {
        let sent = self.pop();
        let inner = self.peek(0);
        if let Value::Generator(gen) = &inner {
            if !self.enter(gen, By::YieldFrom, sent)? {
                self.pop();
                self.push(Value::None);
            }
            return Ok(None);
        }
        match self.send_to(&inner, Resume::Send(sent))? {
            Outcome::Yielded(value) => Ok(Some(value)),
            Outcome::Returned(value) => {
                self.pop();
                self.push(value);
                Ok(None)
            }
        }
    }

    /// `yield from x`.
    pub(super) fn yield_from_iter(&mut self, value: Value) -> PyResult<Value> {
        match &value {
            Value::Generator(g) if g.kind == Kind::Coroutine => Err(self.error(
                "TypeError",
                "cannot 'yield from' a coroutine object in a non-coroutine generator",
            )),
            Value::Generator(_) => Ok(value),
            _ => self.iter_mut(&value),
        }
    }

    /// `await x`: a coroutine, or the iterator `x.__await__()` gives.
    pub(super) fn awaitable(&mut self, value: Value) -> PyResult<Value> {
        if let Value::Generator(g) = &value {
            if g.kind == Kind::Coroutine {
                return Ok(value);
            }
        }
        if matches!(value, Value::Instance(_)) {
            if let Ok(method) = self.get_attr(&value, "__await__") {
                return self.call(&method, Vec::new(), Vec::new());
            }
        }
        Err(self.error(
            "TypeError",
            format!(
                "object {} can't be used in 'await' expression",
                value.type_name()
            ),
        ))
    }

    /// `next(gen)`: `None` when it has returned.
    pub fn generator_next(&mut self, gen: &Arc<Generator>) -> PyResult<Option<Value>> {
        match self.resume(gen, Resume::Send(Value::None))? {
            Outcome::Yielded(value) => Ok(Some(value)),
            Outcome::Returned(_) => Ok(None),
        }
    }

    /// A `StopIteration` carrying what a generator returned.
    fn stop_iteration(&self, value: Value) -> Value {
        let args = match value {
            Value::None => Vec::new(),
            value => vec![value],
        };
        new_exception(self.classes().get("StopIteration"), args)
    }

    /// `throw(exc)`'s argument as an exception object.
    fn thrown(&self, args: &[Value]) -> PyResult<Value> {
        match args.first() {
            Some(Value::Class(c)) if self.classes().is_exception(c) => {
                let rest = args.get(1).map(|v| vec![v.clone()]).unwrap_or_default();
                Ok(new_exception(c.clone(), rest))
            }
            Some(exc @ Value::Exception(_)) => Ok(exc.clone()),
            _ => Err(self.error(
                "TypeError",
                "exceptions must be classes or instances deriving from BaseException, not "
                    .to_owned()
                    + args.first().map_or("NoneType", Value::type_name),
            )),
        }
    }
}

/// The value a `StopIteration` carries.
pub fn stop_value(exc: &Value) -> Value {
    match exc {
        Value::Exception(e) => locked(&e.args).first().cloned().unwrap_or(Value::None),
        _ => Value::None,
    }
}

fn this(args: &[Value]) -> Option<Arc<Generator>> {
    match args.first() {
        Some(Value::Generator(g)) => Some(g.clone()),
        _ => None,
    }
}

type Args = Vec<Value>;
type Kwargs = Vec<(Arc<str>, Value)>;

fn send(vm: &mut Vm, a: Args, _: Kwargs) -> PyResult<Value> {
    let Some(gen) = this(&a) else {
        return Ok(Value::None);
    };
    let value = a.get(1).cloned().unwrap_or(Value::None);
    match vm.resume(&gen, Resume::Send(value))? {
        Outcome::Yielded(value) => Ok(value),
        Outcome::Returned(value) => Err(vm.stop_iteration(value)),
    }
}

fn throw(vm: &mut Vm, a: Args, _: Kwargs) -> PyResult<Value> {
    let Some(gen) = this(&a) else {
        return Ok(Value::None);
    };
    let exc = vm.thrown(a.get(1..).unwrap_or_default())?;
    match vm.resume(&gen, Resume::Throw(exc))? {
        Outcome::Yielded(value) => Ok(value),
        Outcome::Returned(value) => Err(vm.stop_iteration(value)),
    }
}

fn close(vm: &mut Vm, a: Args, _: Kwargs) -> PyResult<Value> {
    let Some(gen) = this(&a) else {
        return Ok(Value::None);
    };
    {
        let mut state = locked(&gen.state);
        if matches!(*state, State::Fresh(_) | State::Done) {
            *state = State::Done;
            return Ok(Value::None);
        }
    }
    let exit = new_exception(vm.classes().get("GeneratorExit"), Vec::new());
    match vm.resume(&gen, Resume::Throw(exit)) {
        Ok(Outcome::Yielded(_)) => Err(vm.error(
            "RuntimeError",
            format!("{} ignored GeneratorExit", gen.type_name()),
        )),
        Ok(Outcome::Returned(_)) => Ok(Value::None),
        Err(e)
            if vm
                .classes()
                .of(&e)
                .is_subclass(&vm.classes().get("GeneratorExit"))
                || vm.is_stop_iteration(&e) =>
        {
            Ok(Value::None)
        }
        Err(e) => Err(e),
    }
}

pub fn next_method(vm: &mut Vm, a: Args, _: Kwargs) -> PyResult<Value> {
    let Some(gen) = this(&a) else {
        return Ok(Value::None);
    };
    match vm.resume(&gen, Resume::Send(Value::None))? {
        Outcome::Yielded(value) => Ok(value),
        Outcome::Returned(value) => Err(vm.stop_iteration(value)),
    }
}

/// The methods of generators and coroutines.
pub const METHODS: &[(&str, super::builtins::NativeFn)] = &[
    ("send", send),
    ("throw", throw),
    ("close", close),
    ("__next__", next_method),
    ("__iter__", |_, a, _| {
        Ok(a.first().cloned().unwrap_or(Value::None))
    }),
];
