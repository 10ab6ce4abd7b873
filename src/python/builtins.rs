//! The builtin functions (`print`, `len`, `isinstance`, …): their table, the
//! builtins' namespace made from it, and the functions that need no module of
//! their own. Ordering (`sorted`, `min`, `max`) is `sorting.rs`; what the VM does
//! when it calls one of them is `native_call.rs`.

use super::args::{arg, kwarg};
use super::exceptions::new_exception;
use super::format;
use super::ops::{big, float, int};
use super::value::{locked, Builtin, Dict, DictEntries, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

/// A native function: the VM, the positional and the keyword arguments.
pub type NativeFn = fn(&mut Vm, Vec<Value>, Vec<(Arc<str>, Value)>) -> PyResult<Value>;

const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("print", print),
    ("open", |vm, a, kw| {
        let io = vm.import("io")?;
        let open = vm.get_attr(&io, "open")?;
        vm.call(&open, a, kw)
    }),
    ("len", len),
    ("abs", abs),
    ("min", super::sorting::min),
    ("max", super::sorting::max),
    ("sum", sum),
    ("sorted", super::sorting::sorted),
    ("reversed", reversed),
    ("enumerate", super::lazy::enumerate),
    ("zip", super::lazy::zip),
    ("any", any),
    ("all", all),
    ("repr", repr),
    ("round", round),
    ("isinstance", isinstance),
    ("getattr", |vm, a, _| {
        let name = attr_name(vm, &a)?;
        match vm.get_attr(&arg(&a, 0), &name) {
            Err(e) if a.len() > 2 && vm.classes().of(&e).name.as_ref() == "AttributeError" => {
                Ok(arg(&a, 2))
            }
            result => result,
        }
    }),
    ("setattr", |vm, a, _| {
        let name = attr_name(vm, &a)?;
        vm.set_attr(&arg(&a, 0), &name, arg(&a, 2))?;
        Ok(Value::None)
    }),
    ("hasattr", |vm, a, _| {
        let name = attr_name(vm, &a)?;
        match vm.get_attr(&arg(&a, 0), &name) {
            Ok(_) => Ok(Value::Bool(true)),
            Err(e) if vm.classes().of(&e).name.as_ref() == "AttributeError" => {
                Ok(Value::Bool(false))
            }
            Err(e) => Err(e),
        }
    }),
    ("delattr", |vm, a, _| {
        let name = attr_name(vm, &a)?;
        vm.del_attr(&arg(&a, 0), &name)?;
        Ok(Value::None)
    }),
    ("iter", iter),
    ("next", next),
    ("id", id),
    ("hash", hash),
    ("map", super::lazy::map),
    ("filter", super::lazy::filter),
    ("super", super::classes::super_),
    ("property", |_, a, _| {
        let mut a = a.into_iter();
        let getter = a.next().unwrap_or(Value::None);
        Ok(Value::Property(Arc::new((
            getter,
            a.next().unwrap_or(Value::None),
        ))))
    }),
];

/// The builtin function `name` itself (the compiler calls some of them directly).
pub fn function(name: &str) -> Option<Value> {
    FUNCTIONS
        .iter()
        .chain(super::conversions::FUNCTIONS)
        .find(|(n, _)| *n == name)
        .map(|&(name, call)| Value::Builtin(Builtin { name, call }))
}

/// The builtins' namespace: functions and classes.
pub fn namespace(classes: &super::exceptions::Classes) -> DictEntries {
    let mut entries = DictEntries::default();
    for &(name, call) in FUNCTIONS
        .iter()
        .chain(super::conversions::FUNCTIONS)
        .chain(super::async_gen::FUNCTIONS)
    {
        let key = Value::str(name);
        entries.insert(
            super::value::Key::Str(Arc::from(name)),
            key,
            Value::Builtin(Builtin { name, call }),
        );
    }
    // What `super().__init__(…)` finds at the top of every class.
    let init = |call| {
        Value::Builtin(Builtin {
            name: "__init__",
            call,
        })
    };
    let key = || super::value::Key::Str(Arc::from("__init__"));
    locked(&classes.get("object").attrs).insert(
        key(),
        Value::str("__init__"),
        init(super::classes::object_init),
    );
    // `threading.local` is `_thread._local`, as CPython's.
    locked(&classes.get(super::local::CLASS).attrs).insert(
        super::value::Key::Str(Arc::from("__module__")),
        Value::str("__module__"),
        Value::str("_thread"),
    );
    locked(&classes.get("BaseException").attrs).insert(
        key(),
        Value::str("__init__"),
        init(super::classes::exception_init),
    );
    entries.insert(
        super::value::Key::Str(Arc::from("NotImplemented")),
        Value::str("NotImplemented"),
        Value::str("NotImplemented"),
    );
    for (name, class) in classes.all() {
        // These have no name in Python.
        if [
            "NoneType",
            "function",
            "builtin_function_or_method",
            "iterator",
            "generator",
            "coroutine",
            "async_generator",
            "module",
            super::local::CLASS,
        ]
        .contains(&name)
        {
            continue;
        }
        entries.insert(
            super::value::Key::Str(Arc::from(name)),
            Value::str(name),
            Value::Class(class.clone()),
        );
    }
    entries
}

/// The name argument of `getattr` and friends.
fn attr_name(vm: &Vm, a: &[Value]) -> PyResult<Arc<str>> {
    match a.get(1) {
        Some(Value::Str(s)) => Ok(s.clone()),
        other => Err(vm.error(
            "TypeError",
            format!(
                "attribute name must be string, not '{}'",
                other.map_or("NoneType", Value::type_name)
            ),
        )),
    }
}

fn print(vm: &mut Vm, args: Vec<Value>, kwargs: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let text_of = |vm: &Vm, v: Option<&Value>, default: &str| match v {
        None | Some(Value::None) => default.to_owned(),
        Some(v) => vm.str(v),
    };
    let sep = text_of(vm, kwarg(&kwargs, "sep"), " ");
    let end = text_of(vm, kwarg(&kwargs, "end"), "\n");
    let mut parts = Vec::with_capacity(args.len());
    for arg in &args {
        parts.push(vm.display(arg, false)?);
    }
    let mut text = parts.join(&sep);
    text.push_str(&end);
    match kwarg(&kwargs, "file") {
        None | Some(Value::None) => (vm.interp.out)(&text, false),
        // `sys.stderr`, a file: whatever has a `write`.
        Some(file) => {
            let file = file.clone();
            let write = vm.get_attr(&file, "write")?;
            vm.call(&write, vec![Value::str(&text)], Vec::new())?;
        }
    }
    Ok(Value::None)
}

fn len(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    Ok(Value::Int(vm.len_any(&arg(&args, 0))? as i64))
}

fn small(vm: &Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(i64::from(*b)),
        other => Err(vm.not_an_integer(other)),
    }
}

fn abs(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    if let Some(result) = vm.abs_dunder(&arg(&args, 0))? {
        return Ok(result);
    }
    match arg(&args, 0) {
        Value::Float(f) => Ok(Value::Float(f.abs())),
        v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_)) => {
            Ok(int(num_traits::Signed::abs(&big(&v).unwrap_or_default())))
        }
        other => Err(vm.error(
            "TypeError",
            format!("bad operand type for abs(): '{}'", other.type_name()),
        )),
    }
}

fn sum(vm: &mut Vm, args: Vec<Value>, kwargs: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let items = vm.collect_mut(&arg(&args, 0))?;
    let mut total = args
        .get(1)
        .or_else(|| kwarg(&kwargs, "start"))
        .cloned()
        .unwrap_or(Value::Int(0));
    for item in items {
        total = vm.binary_any(super::code::BinOp::Add, &total, &item)?;
    }
    Ok(total)
}

fn values_iter(items: Vec<Value>) -> Value {
    Value::Iterator(Arc::new(std::sync::Mutex::new(
        super::value::Iter::Values { items, at: 0 },
    )))
}

fn reversed(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let mut items = vm.collect_mut(&arg(&args, 0))?;
    items.reverse();
    Ok(values_iter(items))
}

/// `any` (`want` true) and `all` (false): stop at the first item that decides.
fn any_or_all(vm: &mut Vm, args: &[Value], want: bool) -> PyResult<Value> {
    let iterator = vm.iter_mut(&arg(args, 0))?;
    while let Some(item) = vm.next_mut(&iterator)? {
        if vm.truth(&item)? == want {
            return Ok(Value::Bool(want));
        }
    }
    Ok(Value::Bool(!want))
}

fn any(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    any_or_all(vm, &args, true)
}

fn all(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    any_or_all(vm, &args, false)
}

fn repr(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    Ok(Value::str(&vm.display(&arg(&args, 0), true)?))
}

fn round(vm: &mut Vm, args: Vec<Value>, kwargs: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let x = arg(&args, 0);
    let digits = args
        .get(1)
        .or_else(|| kwarg(&kwargs, "ndigits"))
        .cloned()
        .unwrap_or(Value::None);
    match (&x, &digits) {
        (Value::Float(f), Value::None) => format::round_float_to_int(*f)
            .map(int)
            .map_err(|m| vm.error("ValueError", m)),
        (Value::Float(f), n) => Ok(Value::Float(format::round_float(*f, small(vm, n)?))),
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), Value::None) => {
            Ok(int(big(&x).unwrap_or_default()))
        }
        (Value::Int(_) | Value::BigInt(_) | Value::Bool(_), n) => {
            let n = small(vm, n)?;
            if n >= 0 {
                return Ok(int(big(&x).unwrap_or_default()));
            }
            let unit = num_traits::pow(
                num_bigint::BigInt::from(10),
                usize::try_from(-n).unwrap_or(0),
            );
            let value = big(&x).unwrap_or_default();
            let rounded = format::round_float(float(&x).unwrap_or(0.0), n);
            let _ = (unit, value);
            Ok(int(num_bigint::BigInt::from(rounded as i64)))
        }
        (other, _) => Err(vm.error(
            "TypeError",
            format!("type {} doesn't define __round__ method", other.type_name()),
        )),
    }
}

fn isinstance(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let class = vm.classes().of(&arg(&args, 0));
    let check = |c: &Value| matches!(c, Value::Class(c) if class.is_subclass(c));
    Ok(Value::Bool(match arg(&args, 1) {
        Value::Tuple(t) => t.iter().any(check),
        c @ Value::Class(_) => check(&c),
        _ => {
            return Err(vm.error(
                "TypeError",
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            ))
        }
    }))
}

fn iter(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    vm.iter_mut(&arg(&args, 0))
}

fn next(vm: &mut Vm, args: Vec<Value>, kwargs: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    // A generator's `StopIteration` carries what it returned.
    if let (Value::Generator(g), None) = (arg(&args, 0), args.get(1)) {
        if g.kind == super::code::Kind::Generator {
            return super::generator_methods::next_method(vm, args, kwargs);
        }
    }
    match vm.next_mut(&arg(&args, 0))? {
        Some(value) => Ok(value),
        None => match args.get(1) {
            Some(default) => Ok(default.clone()),
            None => Err(new_exception(vm.classes().get("StopIteration"), Vec::new())),
        },
    }
}

fn id(_: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    Ok(Value::Int(arg(&args, 0).id() as i64))
}

fn hash(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    super::hashing::hash(vm, &arg(&args, 0)).map(Value::Int)
}

/// A module made of native functions.
pub fn module(functions: &[(&'static str, NativeFn)], values: Vec<(&str, Value)>) -> Value {
    let mut entries = DictEntries::default();
    for &(name, call) in functions {
        entries.insert(
            super::value::Key::Str(Arc::from(name)),
            Value::str(name),
            Value::Builtin(Builtin { name, call }),
        );
    }
    for (name, value) in values {
        entries.insert(
            super::value::Key::Str(Arc::from(name)),
            Value::str(name),
            value,
        );
    }
    Dict::new_value(entries)
}
