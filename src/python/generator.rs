//! Generators and coroutines: a function's frame kept aside between runs. Resuming
//! one (`next`, `send`, `throw`, a `for` loop, `await`) pushes its frame on the
//! current thread's frame stack and runs it until it yields or returns, so a
//! generator made on one thread may go on in another. Its state is behind a lock:
//! two threads resuming it at once get "generator already executing". A generator
//! resumed by a `for`, a `yield from` or an `await` runs on its resumer's loop
//! instead (`delegate.rs`).

use super::code::Code;
use super::code::{Instr, Kind};
use super::exceptions::new_exception;
use super::value::{locked, Value};
use super::vm::{Frame, Interp, PyResult, Vm};
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex, Weak};

pub struct Generator {
    /// `Kind::Generator`, `Kind::Coroutine` or `Kind::AsyncGenerator`.
    pub kind: Kind,
    /// The function's name, for `repr` and for the coroutine's messages.
    pub name: Arc<str>,
    pub(super) state: Mutex<State>,
    /// Where it was made, and the program, for the warning about a coroutine
    /// never awaited (a forgotten `await` is the lesson's classic mistake).
    origin: Option<(Arc<Code>, u32)>,
    interp: Weak<Interp>,
    /// An async generator with an `__anext__()` (or `asend`, …) being awaited.
    pub(super) running_async: AtomicBool,
}

impl Generator {
    /// The arguments it was called with, while its body has not started.
    pub fn arguments(&self) -> Option<super::vm::Arguments> {
        match &*super::value::locked(&self.state) {
            State::Fresh(frame) => Some(frame.arguments()),
            _ => None,
        }
    }
}

pub(super) enum State {
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
            running_async: AtomicBool::new(false),
        }))
    }

    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Coroutine => "coroutine",
            Kind::AsyncGenerator => "async_generator",
            _ => "generator",
        }
    }

    /// Whether its body has finished.
    pub fn is_done(&self) -> bool {
        matches!(*locked(&self.state), State::Done)
    }

    /// Whether it is suspended in an `await` (or a `yield from`), not at a `yield`.
    pub fn is_awaiting(&self) -> bool {
        matches!(&*locked(&self.state),
            State::Suspended(frame) if frame.code.instrs.get(frame.ip) == Some(&Instr::YieldFrom))
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
                running_async: AtomicBool::new(false),
            });
            let value = Value::Generator(gen);
            if let Err(exc) = super::generator_methods::close(self, vec![value.clone()], Vec::new())
            {
                let text = format!(
                    "Exception ignored in: {}\n{}",
                    self.repr(&value),
                    self.traceback_text(&exc)
                );
                (self.interp.out)(&text, true);
            }
        }
    }

    /// Takes `gen`'s frame to run it, marking it running: the frame, and whether it
    /// has run before; `None` when it has finished. One already running cannot be.
    pub(super) fn take_frame(&self, gen: &Generator) -> PyResult<Option<(Box<Frame>, bool)>> {
        let taken = std::mem::replace(&mut *locked(&gen.state), State::Running);
        match taken {
            State::Fresh(frame) => Ok(Some((frame, false))),
            State::Suspended(frame) => Ok(Some((frame, true))),
            State::Running => Err(self.error(
                "ValueError",
                format!("{} already executing", gen.type_name()),
            )),
            State::Done => {
                *locked(&gen.state) = State::Done;
                Ok(None)
            }
        }
    }

    /// Runs a generator's frame on this thread until it yields or returns.
    ///
    /// # Errors
    /// What the generator raised (it is then finished), or why it cannot run.
    pub fn resume(&mut self, gen: &Arc<Generator>, how: Resume) -> PyResult<Outcome> {
        let Some((mut frame, started)) = self.take_frame(gen)? else {
            return match how {
                Resume::Throw(exc) => Err(exc),
                Resume::Send(_) if gen.kind == Kind::Coroutine => {
                    Err(self.error("RuntimeError", "cannot reuse already awaited coroutine"))
                }
                Resume::Send(_) => Ok(Outcome::Returned(Value::None)),
            };
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
    pub(super) fn run_generator(&mut self, gen: &Arc<Generator>, base: usize) -> PyResult<Outcome> {
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

    /// A `StopIteration` (or, from an async generator, a `StopAsyncIteration`)
    /// leaving a generator's body would end its caller's loop unseen: Python
    /// turns it into a `RuntimeError`.
    pub(super) fn stop_iteration_escaped(&self, gen: &Generator, exc: Value) -> Value {
        let class = self.classes().of(&exc);
        let stop = ["StopIteration", "StopAsyncIteration"]
            .into_iter()
            .find(|name| class.is_subclass(&self.classes().get(name)));
        let Some(stop) = stop else {
            return exc;
        };
        if stop == "StopAsyncIteration" && gen.kind != Kind::AsyncGenerator {
            return exc;
        }
        let what = match gen.kind {
            Kind::AsyncGenerator => "async generator",
            _ => gen.type_name(),
        };
        let error = self.error("RuntimeError", format!("{what} raised {stop}"));
        if let Value::Exception(e) = &error {
            *locked(&e.cause) = Some(exc.clone());
            *locked(&e.context) = Some(exc);
        }
        error
    }

    /// `next(gen)`: `None` when it has returned.
    pub fn generator_next(&mut self, gen: &Arc<Generator>) -> PyResult<Option<Value>> {
        match self.resume(gen, Resume::Send(Value::None))? {
            Outcome::Yielded(value) => Ok(Some(value)),
            Outcome::Returned(_) => Ok(None),
        }
    }

    /// A `StopIteration` carrying what a generator returned.
    pub(super) fn stop_iteration(&self, value: Value) -> Value {
        let args = match value {
            Value::None => Vec::new(),
            value => vec![value],
        };
        new_exception(self.classes().get("StopIteration"), args)
    }

    /// `throw(exc)`'s argument as an exception object.
    pub(super) fn thrown(&self, args: &[Value]) -> PyResult<Value> {
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
