//! Async generators (`async def` with `yield`) and what `async for` asks of an
//! object, as CPython's `genobject.c` has them.
//!
//! An async generator is a generator frame whose body both awaits and yields.
//! `__anext__()` (and `asend`, `athrow`, `aclose`) give an awaitable that resumes
//! it: while the body awaits, what it yields (an asyncio future) goes on out to
//! the task running it; when the body reaches a `yield`, the awaitable returns
//! that value; when the body ends, the awaitable raises `StopAsyncIteration`.
//! The two kinds of yield are told apart by where the frame stopped: an `await`
//! leaves it at its `YieldFrom`, a `yield` just past its `Yield`.

use super::classes::user_class;
use super::code::Kind;
use super::exceptions::new_exception;
use super::generator::{Generator, Outcome, Resume};
use super::value::{locked, NativeObject, Value};
use super::vm::{PyResult, Vm};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};

/// What an awaitable of an async generator does to it first.
#[derive(Clone)]
enum Action {
    /// `__anext__()` (`None`) and `asend(value)`.
    Send(Value),
    /// `athrow(exc)`.
    Throw(Value),
    /// `aclose()`: `GeneratorExit` thrown in; a `yield` then is an error.
    Close,
}

/// Where an awaitable is in its one use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Fresh,
    Awaiting,
    Done,
}

/// The awaitable `__anext__()`, `asend()`, `athrow()` and `aclose()` give.
pub struct AsyncStep {
    gen: Arc<Generator>,
    action: Action,
    stage: Mutex<Stage>,
    /// `anext(agen, default)`: what the end of the generator gives instead of
    /// `StopAsyncIteration`.
    default: Option<Value>,
}

impl NativeObject for AsyncStep {
    fn type_name(&self) -> &'static str {
        match self.action {
            Action::Send(_) => "async_generator_asend",
            _ => "async_generator_athrow",
        }
    }

    fn methods(&self) -> &'static [(&'static str, super::builtins::NativeFn)] {
        STEP_METHODS
    }
}

impl AsyncStep {
    fn new_value(gen: &Arc<Generator>, action: Action, default: Option<Value>) -> Value {
        Value::Native(Arc::new(AsyncStep {
            gen: gen.clone(),
            action,
            stage: Mutex::new(Stage::Fresh),
            default,
        }))
    }

    /// `anext()`, `athrow()` or `aclose()`, as CPython's messages name it.
    fn what(&self) -> &'static str {
        match self.action {
            Action::Send(_) => "anext()",
            Action::Throw(_) => "athrow()",
            Action::Close => "aclose()",
        }
    }
}

/// The awaitable of an async generator that `value` is, if it is one.
pub fn step_of(value: &Value) -> Option<&AsyncStep> {
    match value {
        Value::Native(object) => {
            let object: &dyn std::any::Any = object.as_ref();
            object.downcast_ref::<AsyncStep>()
        }
        _ => None,
    }
}

impl Vm {
    fn is_a(&self, exc: &Value, class: &str) -> bool {
        self.classes()
            .of(exc)
            .is_subclass(&self.classes().get(class))
    }

    /// Resumes the async generator of `step`, as awaiting `step` does.
    /// `Yielded`: the body awaits, and this goes on out; `Returned`: the
    /// awaitable's value (what the body yielded).
    ///
    /// # Errors
    /// `StopAsyncIteration` at the body's end, what the body raised, or why the
    /// awaitable cannot go on.
    pub(super) fn async_step(&mut self, step: &AsyncStep, how: Resume) -> PyResult<Outcome> {
        let gen = &step.gen;
        let first = {
            let mut stage = locked(&step.stage);
            match *stage {
                Stage::Done => {
                    let what = match step.action {
                        Action::Send(_) => "__anext__()/asend()",
                        _ => "aclose()/athrow()",
                    };
                    return Err(self.error(
                        "RuntimeError",
                        format!("cannot reuse already awaited {what}"),
                    ));
                }
                Stage::Fresh => {
                    if gen.running_async.load(Ordering::SeqCst) {
                        return Err(self.error(
                            "RuntimeError",
                            format!("{}: asynchronous generator is already running", step.what()),
                        ));
                    }
                    *stage = Stage::Awaiting;
                    true
                }
                Stage::Awaiting => false,
            }
        };
        let how = match (first, &step.action, how) {
            (true, Action::Send(value), Resume::Send(Value::None)) => Resume::Send(value.clone()),
            (true, Action::Throw(exc), Resume::Send(_)) => Resume::Throw(exc.clone()),
            (true, Action::Close, Resume::Send(_)) => Resume::Throw(new_exception(
                self.classes().get("GeneratorExit"),
                Vec::new(),
            )),
            (_, _, how) => how,
        };
        gen.running_async.store(true, Ordering::SeqCst);
        let result = self.resume(gen, how);
        if matches!(result, Ok(Outcome::Yielded(_))) && gen.is_awaiting() {
            return result;
        }
        gen.running_async.store(false, Ordering::SeqCst);
        *locked(&step.stage) = Stage::Done;
        let closing = matches!(step.action, Action::Close);
        match result {
            Ok(Outcome::Yielded(_)) if closing => {
                Err(self.error("RuntimeError", "async generator ignored GeneratorExit"))
            }
            Ok(Outcome::Yielded(value)) => Ok(Outcome::Returned(value)),
            Ok(Outcome::Returned(_)) if closing => Ok(Outcome::Returned(Value::None)),
            Ok(Outcome::Returned(_)) => match &step.default {
                Some(default) => Ok(Outcome::Returned(default.clone())),
                None => Err(self.error("StopAsyncIteration", "")),
            },
            Err(e)
                if closing
                    && (self.is_a(&e, "GeneratorExit") || self.is_a(&e, "StopAsyncIteration")) =>
            {
                Ok(Outcome::Returned(Value::None))
            }
            Err(e) => Err(e),
        }
    }

    /// `async for`'s `__aiter__`: an async generator is its own.
    pub(super) fn async_iter(&mut self, value: &Value) -> PyResult<Value> {
        if let Value::Generator(g) = value {
            if g.kind == Kind::AsyncGenerator {
                return Ok(value.clone());
            }
        }
        if let Some(iterator) = self.call_dunder(value, "__aiter__", Vec::new())? {
            let has_next = match &iterator {
                Value::Generator(g) => g.kind == Kind::AsyncGenerator,
                other => user_class(other).is_some_and(|c| c.lookup("__anext__").is_some()),
            };
            if !has_next {
                return Err(self.error(
                    "TypeError",
                    format!(
                        "'async for' received an object from __aiter__ that does not implement __anext__: {}",
                        iterator.type_name()
                    ),
                ));
            }
            return Ok(iterator);
        }
        Err(self.error(
            "TypeError",
            format!(
                "'async for' requires an object with __aiter__ method, got {}",
                value.type_name()
            ),
        ))
    }

    /// `async for`'s `__anext__()`: the awaitable of the next item.
    pub(super) fn async_next(&mut self, iterator: &Value) -> PyResult<Value> {
        if let Value::Generator(g) = iterator {
            if g.kind == Kind::AsyncGenerator {
                return Ok(AsyncStep::new_value(g, Action::Send(Value::None), None));
            }
        }
        let Some(next) = self.call_dunder(iterator, "__anext__", Vec::new())? else {
            return Err(self.error(
                "TypeError",
                format!(
                    "'async for' requires an iterator with __anext__ method, got {}",
                    iterator.type_name()
                ),
            ));
        };
        let type_name = next.type_name().to_owned();
        self.awaitable(next).map_err(|_| {
            self.error(
                "TypeError",
                format!("'async for' received an invalid object from __anext__: {type_name}"),
            )
        })
    }
}

type Args = Vec<Value>;
type Kwargs = Vec<(Arc<str>, Value)>;

fn this(args: &[Value]) -> Option<Arc<Generator>> {
    match args.first() {
        Some(Value::Generator(g)) => Some(g.clone()),
        _ => None,
    }
}

fn anext_method(_: &mut Vm, a: Args, _: Kwargs) -> PyResult<Value> {
    Ok(match this(&a) {
        Some(gen) => AsyncStep::new_value(&gen, Action::Send(Value::None), None),
        None => Value::None,
    })
}

fn asend(_: &mut Vm, a: Args, _: Kwargs) -> PyResult<Value> {
    let value = a.get(1).cloned().unwrap_or(Value::None);
    Ok(match this(&a) {
        Some(gen) => AsyncStep::new_value(&gen, Action::Send(value), None),
        None => Value::None,
    })
}

fn athrow(vm: &mut Vm, a: Args, _: Kwargs) -> PyResult<Value> {
    let exc = vm.thrown(a.get(1..).unwrap_or_default())?;
    Ok(match this(&a) {
        Some(gen) => AsyncStep::new_value(&gen, Action::Throw(exc), None),
        None => Value::None,
    })
}

fn aclose(_: &mut Vm, a: Args, _: Kwargs) -> PyResult<Value> {
    Ok(match this(&a) {
        Some(gen) => AsyncStep::new_value(&gen, Action::Close, None),
        None => Value::None,
    })
}

/// The methods of async generators.
pub const METHODS: &[(&str, super::builtins::NativeFn)] = &[
    ("__aiter__", |_, a, _| {
        Ok(a.first().cloned().unwrap_or(Value::None))
    }),
    ("__anext__", anext_method),
    ("asend", asend),
    ("athrow", athrow),
    ("aclose", aclose),
];

/// `send`, `throw` and `__next__` of an awaitable: its `StopIteration` is its value.
fn step_resume(vm: &mut Vm, a: &[Value], how: Resume) -> PyResult<Value> {
    let Some(step) = a.first().and_then(step_of) else {
        return Ok(Value::None);
    };
    match vm.async_step(step, how)? {
        Outcome::Yielded(value) => Ok(value),
        Outcome::Returned(value) => Err(vm.stop_iteration(value)),
    }
}

const STEP_METHODS: &[(&str, super::builtins::NativeFn)] = &[
    ("send", |vm, a, _| {
        let value = a.get(1).cloned().unwrap_or(Value::None);
        step_resume(vm, &a, Resume::Send(value))
    }),
    ("__next__", |vm, a, _| {
        step_resume(vm, &a, Resume::Send(Value::None))
    }),
    ("throw", |vm, a, _| {
        let exc = vm.thrown(a.get(1..).unwrap_or_default())?;
        step_resume(vm, &a, Resume::Throw(exc))
    }),
    ("close", |_, a, _| {
        if let Some(step) = a.first().and_then(step_of) {
            *locked(&step.stage) = Stage::Done;
        }
        Ok(Value::None)
    }),
    ("__iter__", |_, a, _| {
        Ok(a.first().cloned().unwrap_or(Value::None))
    }),
    ("__await__", |_, a, _| {
        Ok(a.first().cloned().unwrap_or(Value::None))
    }),
];

/// `aiter(x)` and `anext(x[, default])`.
pub const FUNCTIONS: &[(&str, super::builtins::NativeFn)] = &[
    ("aiter", |vm, a, _| {
        let value = a.first().cloned().unwrap_or(Value::None);
        vm.async_iter(&value)
    }),
    ("anext", |vm, a, _| {
        let iterator = a.first().cloned().unwrap_or(Value::None);
        match (&iterator, a.get(1)) {
            (Value::Generator(g), default) if g.kind == Kind::AsyncGenerator => Ok(
                AsyncStep::new_value(g, Action::Send(Value::None), default.cloned()),
            ),
            (_, None) => match vm.call_dunder(&iterator, "__anext__", Vec::new())? {
                Some(next) => Ok(next),
                None => Err(vm.error(
                    "TypeError",
                    format!("'{}' object is not an async iterator", iterator.type_name()),
                )),
            },
            (_, Some(_)) => Err(vm.error(
                "NotImplementedError",
                "anext() with a default, of an object that is not an async generator, is not supported here",
            )),
        }
    }),
];
