//! The methods of generators and coroutines: `send`, `throw`, `close` and
//! `__next__`, each a resumption of the generator's frame (`generator.rs`).

use super::exceptions::new_exception;
use super::generator::{Generator, Outcome, Resume, State};
use super::value::{locked, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

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

pub(super) fn close(vm: &mut Vm, a: Args, _: Kwargs) -> PyResult<Value> {
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
    // A coroutine's `__await__()` (CPython's is a wrapper iterating it): what an
    // awaitable class hands on, `return self._coro.__await__()`.
    ("__await__", |vm, a, _| match a.first() {
        Some(coro @ Value::Generator(g)) if g.kind == super::code::Kind::Coroutine => {
            Ok(coro.clone())
        }
        _ => Err(vm.error(
            "AttributeError",
            "'generator' object has no attribute '__await__'",
        )),
    }),
];
