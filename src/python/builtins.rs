//! The builtin functions (`print`, `len`, `range`, …), the builtin types' methods
//! (`list.append`, `str.split`, …) and calling a class (`int("3")`, `ValueError(…)`).

use super::exceptions::new_exception;
use super::format;
use super::ops::{big, float, int};
use super::value::{locked, Builtin, Dict, DictEntries, List, Value};
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
    ("min", min),
    ("max", max),
    ("sum", sum),
    ("sorted", sorted),
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

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::None)
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

fn kwarg<'a>(kwargs: &'a [(Arc<str>, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
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

/// The items `min`/`max`/`sorted` look at: one iterable, or the arguments.
fn items_of(vm: &mut Vm, args: &[Value]) -> PyResult<Vec<Value>> {
    match args {
        [one] => vm.collect_mut(one),
        many => Ok(many.to_vec()),
    }
}

fn extreme(
    vm: &mut Vm,
    args: Vec<Value>,
    kwargs: Vec<(Arc<str>, Value)>,
    name: &str,
    want: super::code::CmpOp,
) -> PyResult<Value> {
    if args.is_empty() {
        return Err(vm.error(
            "TypeError",
            format!("{name} expected at least 1 argument, got 0"),
        ));
    }
    let items = items_of(vm, &args)?;
    let key = kwarg(&kwargs, "key").cloned();
    let mut best: Option<(Value, Value)> = None;
    for item in items {
        let k = match &key {
            Some(f) if !matches!(f, Value::None) => vm.call(f, vec![item.clone()], Vec::new())?,
            _ => item.clone(),
        };
        let better = match &best {
            None => true,
            Some((_, best_key)) => {
                let better = vm.compare_any(want, &k, best_key)?;
                vm.truth(&better)?
            }
        };
        if better {
            best = Some((item, k));
        }
    }
    match best {
        Some((item, _)) => Ok(item),
        None => match kwarg(&kwargs, "default") {
            Some(default) => Ok(default.clone()),
            None => Err(vm.error("ValueError", format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn min(vm: &mut Vm, args: Vec<Value>, kwargs: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    extreme(vm, args, kwargs, "min", super::code::CmpOp::Lt)
}

fn max(vm: &mut Vm, args: Vec<Value>, kwargs: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    extreme(vm, args, kwargs, "max", super::code::CmpOp::Gt)
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

/// Sorts `items` by `key`, stably, as `list.sort` does; `Err` on incomparable items.
pub fn sort(
    vm: &mut Vm,
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
) -> PyResult<Vec<Value>> {
    let mut keyed = Vec::with_capacity(items.len());
    for item in items {
        let k = match key {
            Some(f) if !matches!(f, Value::None) => vm.call(f, vec![item.clone()], Vec::new())?,
            _ => item.clone(),
        };
        keyed.push((k, item));
    }
    let mut failure = None;
    // Insertion into place by binary search keeps it stable and the errors ours.
    let mut sorted: Vec<(Value, Value)> = Vec::with_capacity(keyed.len());
    for (k, item) in keyed {
        let mut low = 0;
        let mut high = sorted.len();
        while low < high {
            let mid = (low + high) / 2;
            let Some((mid_key, _)) = sorted.get(mid) else {
                break;
            };
            let mid_key = mid_key.clone();
            let before = if reverse {
                vm.compare_any(super::code::CmpOp::Gt, &k, &mid_key)
            } else {
                vm.compare_any(super::code::CmpOp::Lt, &k, &mid_key)
            };
            match before.and_then(|v| vm.truth(&v)) {
                Ok(true) => high = mid,
                Ok(false) => low = mid + 1,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
        sorted.insert(low, (k, item));
    }
    Ok(sorted.into_iter().map(|(_, item)| item).collect())
}

fn sorted(vm: &mut Vm, args: Vec<Value>, kwargs: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let items = vm.collect_mut(&arg(&args, 0))?;
    let reverse = match kwarg(&kwargs, "reverse") {
        Some(r) => vm.truth(&r.clone())?,
        None => false,
    };
    let items = sort(vm, items, kwarg(&kwargs, "key"), reverse)?;
    Ok(List::new(items))
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
            return super::generator::next_method(vm, args, kwargs);
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

impl Vm {
    /// Calls a builtin function, a bound method or a class.
    pub fn call_native(
        &mut self,
        callee: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Value> {
        match callee {
            Value::Builtin(b) => (b.call)(self, args, kwargs),
            Value::Method(m) => {
                let (object, method) = &**m;
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(object.clone());
                all.extend(args);
                (method.call)(self, all, kwargs)
            }
            Value::Class(class)
                if !self.classes().is_builtin(class) || self.is_local_class(class) =>
            {
                let class = class.clone();
                self.instantiate(&class, args, kwargs)
            }
            Value::Class(class) if self.classes().is_exception(class) => {
                Ok(new_exception(class.clone(), args))
            }
            Value::Class(class) => super::types::construct(self, &class.name.clone(), args, kwargs),
            Value::Instance(_) => {
                let callee = callee.clone();
                match self.call_instance(&callee, args, kwargs)? {
                    Some(result) => Ok(result),
                    None => Err(self.error(
                        "TypeError",
                        format!("'{}' object is not callable", callee.type_name()),
                    )),
                }
            }
            other => Err(self.error(
                "TypeError",
                format!("'{}' object is not callable", other.type_name()),
            )),
        }
    }

    /// `object.name`: a method bound to the object, or a data attribute.
    pub fn get_attr(&mut self, object: &Value, name: &str) -> PyResult<Value> {
        if let Some(value) = self.get_user_attr(object, name)? {
            return Ok(value);
        }
        match (object, name) {
            (Value::Exception(e), "args") => return Ok(Value::tuple(locked(&e.args).clone())),
            (Value::Exception(e), "__cause__") => {
                return Ok(locked(&e.cause).clone().unwrap_or(Value::None))
            }
            (Value::Exception(e), "__suppress_context__") => {
                return Ok(Value::Bool(locked(&e.cause).is_some()))
            }
            (Value::Exception(e), "__context__") => {
                return Ok(locked(&e.context).clone().unwrap_or(Value::None))
            }
            (Value::Exception(e), "value")
                if e.class.is_subclass(&self.classes().get("StopIteration")) =>
            {
                return Ok(super::generator::stop_value(object))
            }
            (Value::Generator(g), "__name__") => return Ok(Value::Str(g.name.clone())),
            (Value::Class(c), "__name__") => return Ok(Value::Str(c.name.clone())),
            (Value::Class(c), _) if super::types::class_method(&c.name, name).is_some() => {
                if let Some(method) = super::types::class_method(&c.name, name) {
                    return Ok(Value::Builtin(method));
                }
            }
            (Value::Range(_) | Value::BigRange(_), _) => {
                if let Some(value) = super::range::attr(object, name) {
                    return Ok(value);
                }
            }
            (Value::Slice(s), "start" | "stop" | "step") => {
                let at = ["start", "stop", "step"]
                    .iter()
                    .position(|n| *n == name)
                    .unwrap_or(0);
                return Ok(s.get(at).cloned().unwrap_or(Value::None));
            }
            (Value::Function(f), "__name__") => return Ok(Value::Str(f.code.name.clone())),
            (Value::Builtin(b), "__name__") => return Ok(Value::str(b.name)),
            // `str.lower`: the method, unbound, taking the object first.
            (Value::Class(c), _) => {
                let sample = match &*c.name {
                    "str" => Some(Value::str("")),
                    "bytes" => Some(super::bytes::new(Vec::new())),
                    "list" => Some(List::new(Vec::new())),
                    "dict" => Some(Dict::new_value(DictEntries::default())),
                    _ => None,
                };
                if let Some(method) = sample.and_then(|s| super::types::method(&s, name)) {
                    return Ok(Value::Builtin(method));
                }
            }
            _ => {}
        }
        if let Some(method) = super::types::method(object, name) {
            return Ok(Value::Method(Arc::new((object.clone(), method))));
        }
        if let Value::Module(module) = object {
            let key = super::value::Key::Str(Arc::from(name));
            if let Some(value) = locked(&module.dict.entries).get(&key) {
                return Ok(value.clone());
            }
            return Err(self.error(
                "AttributeError",
                format!("module '{}' has no attribute '{name}'", module.name),
            ));
        }
        if let Value::Dict(module) = object {
            // Modules are dicts of their names, seen through attributes.
            let key = super::value::Key::Str(Arc::from(name));
            if let Some(value) = locked(&module.entries).get(&key) {
                return Ok(value.clone());
            }
        }
        let type_name = match object {
            // CPython's C type says its module: `'_thread._local' object has no …`.
            Value::Instance(i) if self.classes().is_builtin(&i.class) => {
                format!("_thread.{}", i.class.name)
            }
            other => other.type_name().to_owned(),
        };
        Err(self.error(
            "AttributeError",
            format!("'{type_name}' object has no attribute '{name}'"),
        ))
    }

    /// An f-string field: the value converted, then formatted with the spec.
    pub fn format_value(
        &mut self,
        value: &Value,
        conversion: u32,
        spec: Option<&Value>,
    ) -> PyResult<String> {
        let value = match conversion {
            1 => Value::str(&self.display(value, false)?),
            2 | 3 => Value::str(&self.display(value, true)?),
            _ => value.clone(),
        };
        let spec = spec.map(|s| self.str(s)).unwrap_or_default();
        self.format(&value, &spec)
    }

    /// `format(value, spec)`.
    pub fn format(&mut self, value: &Value, spec: &str) -> PyResult<String> {
        let result = match value {
            Value::Float(f) => format::format_float(*f, spec),
            Value::Int(_) | Value::BigInt(_) => {
                format::format_int(&big(value).unwrap_or_default(), spec)
            }
            Value::Bool(_) if !spec.is_empty() => {
                format::format_int(&big(value).unwrap_or_default(), spec)
            }
            Value::Str(s) => format::format_str(s, spec),
            other if spec.is_empty() => return self.display(other, false),
            other => Err(format!(
                "unsupported format string passed to {}.__format__",
                other.type_name()
            )),
        };
        result.map_err(|message| self.error(format::exception_type_of(&message), message))
    }

    /// `import name`: the modules there are, as dicts of their names.
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        match super::modules::load(self, name)? {
            Some(module) => Ok(module),
            None => Err(self.error("ModuleNotFoundError", format!("No module named '{name}'"))),
        }
    }
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
