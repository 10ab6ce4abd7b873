//! What runs a generator's frame on the loop of the frame that resumes it: a `for`
//! over a generator, `yield from` and `await`. The resumed frame is pushed above
//! its resumer's, so a chain of `await`s is one loop of frames, not nested Rust
//! calls; a yield of the innermost goes down the chain to the frame that was
//! resumed from Rust (`generator.rs`), a return gives the frame under it its value.

use super::code::{Instr, Kind};
use super::generator::{stop_value, Generator, Outcome, Resume, State};
use super::value::{locked, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

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
    /// `gen.send(x)` called by an instruction, with simulated threads: a yield is
    /// the call's value, a return raises `StopIteration` in the caller. asyncio's
    /// tasks step their coroutines so; on this loop, a wait in a coroutine can
    /// park the thread (`park.rs`).
    Send,
}

impl Vm {
    /// `throw()` into a generator suspended in `yield from`: the exception goes to
    /// the inner iterator first. `Ok(Some)`: it yielded; `Ok(None)`: it returned
    /// and this frame goes on with its value.
    pub(super) fn throw_into_delegate(&mut self, exc: Value) -> PyResult<Option<Value>> {
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
        if let Some(step) = super::async_gen::step_of(inner) {
            return self.async_step(step, how);
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

    pub(super) fn is_stop_iteration(&self, exc: &Value) -> bool {
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
        let Some((mut frame, started)) = self.take_frame(gen)? else {
            if gen.kind == Kind::Coroutine {
                return Err(self.error("RuntimeError", "cannot reuse already awaited coroutine"));
            }
            return Ok(false);
        };
        if started {
            frame.stack.push(sent);
        } else if !matches!(sent, Value::None) {
            *locked(&gen.state) = State::Fresh(frame);
            return Err(self.error(
                "TypeError",
                format!(
                    "can't send non-None value to a just-started {}",
                    gen.type_name()
                ),
            ));
        }
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
                By::ForIter | By::Send => {
                    self.push(value);
                    return None;
                }
                // The delegating frame yields the same, to run its `YieldFrom`
                // again when resumed.
                By::YieldFrom => self.top_frame().ip -= 1,
            }
        }
    }

    /// A generator running on this loop returned `value` to the frame now on top;
    /// `Err`: the exception that frame gets instead (`send`'s `StopIteration`).
    pub(super) fn generator_returned(
        &mut self,
        gen: &Generator,
        by: By,
        value: Value,
    ) -> Result<(), Value> {
        *locked(&gen.state) = State::Done;
        match by {
            By::ForIter => {
                self.pop();
                let frame = self.top_frame();
                if let Some(Instr::ForIter(exit)) = frame.code.instrs.get(frame.ip - 1) {
                    frame.ip = *exit as usize;
                }
            }
            By::YieldFrom => {
                self.pop();
                self.push(value);
            }
            By::Send => return Err(self.stop_iteration(value)),
        }
        Ok(())
    }

    /// With simulated threads, `gen.send(x)`, `next(gen)` or `gen.throw(exc)` made
    /// by an instruction: the generator, whether it is sent a value (or thrown an
    /// exception), and the arguments.
    pub(super) fn resumed_by_call(
        &self,
        callee: &Value,
        args: &[Value],
    ) -> Option<(Arc<Generator>, bool, Vec<Value>)> {
        let (name, gen, rest) = match (callee, args) {
            // `next(gen)` is `gen.send(None)`, on a generator.
            (Value::Builtin(b), [gen @ Value::Generator(g)])
                if b.name == "next" && g.kind == Kind::Generator =>
            {
                return Some((g.clone(), true, vec![Value::None]));
            }
            (Value::Method(m), rest) => (m.1.name, &m.0, rest),
            (Value::Builtin(b), [gen, rest @ ..]) => (b.name, gen, rest),
            _ => return None,
        };
        let send = match (name, rest.len()) {
            ("send", 1) => true,
            ("throw", 1..=3) => false,
            _ => return None,
        };
        match gen {
            Value::Generator(g) if g.kind != Kind::AsyncGenerator => {
                Some((g.clone(), send, rest.to_vec()))
            }
            _ => None,
        }
    }

    /// Runs `send`'s or `throw`'s generator on this loop (see [`By::Send`]).
    pub(super) fn resume_here(
        &mut self,
        gen: &Arc<Generator>,
        send: bool,
        args: Vec<Value>,
    ) -> PyResult<()> {
        if send {
            let sent = args.into_iter().next().unwrap_or(Value::None);
            if self.enter(gen, By::Send, sent)? {
                return Ok(());
            }
            // Already finished: `send` raises `StopIteration`.
            return Err(self.stop_iteration(Value::None));
        }
        let exc = self.thrown(&args)?;
        self.throw_here(gen, By::Send, exc)
    }

    /// Puts `gen`'s frame on this loop and raises `exc` in it, where it stopped:
    /// into the innermost generator it delegates to (`yield from`, `await`), each
    /// of them on this loop too.
    fn throw_here(&mut self, gen: &Arc<Generator>, by: By, exc: Value) -> PyResult<()> {
        let Some((mut frame, started)) = self.take_frame(gen)? else {
            return Err(exc);
        };
        let inner = match frame.stack.last() {
            Some(Value::Generator(inner))
                if started && frame.code.instrs.get(frame.ip) == Some(&Instr::YieldFrom) =>
            {
                // Past its `YieldFrom`, as while the inner one runs on the loop.
                frame.ip += 1;
                Some(inner.clone())
            }
            _ => None,
        };
        frame.running = Some((gen.clone(), by));
        if let Err(e) = self.push_frame(*frame) {
            *locked(&gen.state) = State::Done;
            return Err(e);
        }
        match inner {
            Some(inner) => self.throw_here(&inner, By::YieldFrom, exc),
            None => Err(exc),
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
            Value::Generator(g) if g.kind == Kind::Generator => Ok(value),
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
        if super::async_gen::step_of(&value).is_some() {
            return Ok(value);
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
}
