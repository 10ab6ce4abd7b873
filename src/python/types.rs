//! The builtin types: calling them (`int("3")`, `list(range(3))`) and their methods.

use super::builtins::NativeFn;
use super::format;
use super::ops::{big, int};
use super::value::{locked, Builtin, Dict, DictEntries, List, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

type Args = Vec<Value>;
type Kwargs = Vec<(Arc<str>, Value)>;

fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::None)
}

/// `int(…)`, `str(…)`, `list(…)`, … for the class named `name`.
pub fn construct(vm: &mut Vm, name: &str, args: Args, _kwargs: Kwargs) -> PyResult<Value> {
    let first = args.first().cloned();
    Ok(match (name, first) {
        ("int", None) => Value::Int(0),
        ("int", Some(Value::Str(s))) => {
            let base = match args.get(1) {
                Some(Value::Int(b)) => u32::try_from(*b).unwrap_or(10),
                _ => 10,
            };
            int(format::parse_int(&s, base).map_err(|m| vm.error("ValueError", m))?)
        }
        ("int", Some(Value::Float(f))) => {
            if !f.is_finite() {
                let what = if f.is_nan() { "NaN" } else { "infinity" };
                return Err(vm.error(
                    if f.is_nan() {
                        "ValueError"
                    } else {
                        "OverflowError"
                    },
                    format!("cannot convert float {what} to integer"),
                ));
            }
            int(num_bigint::BigInt::from(f.trunc() as i128))
        }
        ("int", Some(v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_)))) => {
            int(big(&v).unwrap_or_default())
        }
        ("int", Some(v)) => {
            return Err(vm.error(
                "TypeError",
                format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                v.type_name()
            ),
            ))
        }
        ("float", None) => Value::Float(0.0),
        ("float", Some(Value::Str(s))) => {
            Value::Float(format::parse_float(&s).map_err(|m| vm.error("ValueError", m))?)
        }
        ("float", Some(v)) => match super::ops::float(&v) {
            Some(f) => Value::Float(f),
            None => {
                return Err(vm.error(
                    "TypeError",
                    format!(
                        "float() argument must be a string or a real number, not '{}'",
                        v.type_name()
                    ),
                ))
            }
        },
        ("str", None) => Value::str(""),
        ("str", Some(v)) => Value::str(&vm.display(&v, false)?),
        ("bool", None) => Value::Bool(false),
        ("bool", Some(v)) => Value::Bool(vm.truth(&v)?),
        ("list", None) => List::new(Vec::new()),
        ("list", Some(v)) => List::new(vm.collect_mut(&v)?),
        ("tuple", None) => Value::tuple(Vec::new()),
        ("tuple", Some(v @ Value::Tuple(_))) => v,
        ("tuple", Some(v)) => Value::tuple(vm.collect_mut(&v)?),
        ("dict", first) => {
            let mut entries = DictEntries::default();
            if let Some(source) = first {
                let pairs = match &source {
                    Value::Dict(d) => locked(&d.entries)
                        .iter()
                        .map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()]))
                        .collect(),
                    other => vm.collect_mut(other)?,
                };
                for (i, pair) in pairs.into_iter().enumerate() {
                    let kv = vm.collect_mut(&pair).map_err(|_| {
                        vm.error(
                            "TypeError",
                            format!(
                                "cannot convert dictionary update sequence element #{i} to a sequence"
                            ),
                        )
                    })?;
                    if kv.len() != 2 {
                        return Err(vm.error(
                            "ValueError",
                            format!(
                                "dictionary update sequence element #{i} has length {}; 2 is required",
                                kv.len()
                            ),
                        ));
                    }
                    if let [k, v] = kv.as_slice() {
                        entries.insert(vm.key(k)?, k.clone(), v.clone());
                    }
                }
            }
            for (k, v) in _kwargs {
                let key = Value::Str(k);
                entries.insert(vm.key(&key)?, key, v);
            }
            Dict::new_value(entries)
        }
        ("set", first) => {
            let mut entries = DictEntries::default();
            if let Some(source) = first {
                for item in vm.collect_mut(&source)? {
                    entries.insert(vm.key(&item)?, item, Value::None);
                }
            }
            set_of(entries)
        }
        ("bytes", _) => return super::bytes::construct(vm, args, _kwargs),
        ("slice", _) => {
            let mut parts = match args.len() {
                1 => vec![Value::None, arg(&args, 0), Value::None],
                2 | 3 => args.clone(),
                n => {
                    return Err(vm.error(
                        "TypeError",
                        format!("slice expected at most 3 arguments, got {n}"),
                    ))
                }
            };
            parts.resize(3, Value::None);
            let mut it = parts.into_iter();
            let mut next = || it.next().unwrap_or(Value::None);
            Value::Slice(Arc::new([next(), next(), next()]))
        }
        ("range", _) => return super::range::range(vm, args, _kwargs),
        ("type", Some(v)) => Value::Class(vm.classes().of(&v)),
        (name, _) => return Err(vm.error("TypeError", format!("cannot create '{name}' instances"))),
    })
}

/// A method called on the class itself: `dict.fromkeys`, `bytes.fromhex`.
pub fn class_method(class: &str, name: &str) -> Option<Builtin> {
    let call: NativeFn = match (class, name) {
        ("dict", "fromkeys") => |vm, a, _| {
            let mut entries = DictEntries::default();
            for k in vm.collect_mut(&arg(&a, 0))? {
                entries.insert(vm.key(&k)?, k, arg(&a, 1));
            }
            Ok(Dict::new_value(entries))
        },
        ("bytes", "fromhex") => |vm, a, kw| {
            let method = super::bytes::BYTES.iter().find(|(n, _)| *n == "fromhex");
            match method {
                Some((_, call)) => call(vm, a, kw),
                None => Ok(Value::None),
            }
        },
        _ => return None,
    };
    Some(Builtin {
        name: match name {
            "fromkeys" => "fromkeys",
            _ => "fromhex",
        },
        call,
    })
}

/// The method `name` of the value's type, if it has one.
pub fn method(object: &Value, name: &str) -> Option<Builtin> {
    let table: &[(&'static str, NativeFn)] = match object {
        Value::List(_) => LIST,
        Value::Dict(_) => DICT,
        Value::Str(_) => super::str_methods::STR,
        Value::Bytes(_) => super::bytes::BYTES,
        Value::Range(_) | Value::BigRange(_) => super::range::RANGE,
        Value::Set(_) => SET,
        Value::Tuple(_) => TUPLE,
        Value::Lock(_) => super::thread::LOCK,
        Value::Generator(g) if g.kind == super::code::Kind::AsyncGenerator => {
            super::async_gen::METHODS
        }
        Value::Generator(_) => super::generator::METHODS,
        Value::Native(n) => n.methods(),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => INT,
        Value::Float(_) => FLOAT,
        Value::Property(_) => PROPERTY,
        _ => return None,
    };
    table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(name, call)| Builtin { name, call })
}

/// `@x.setter`: the property again, with the function as its setter.
const PROPERTY: &[(&str, NativeFn)] = &[("setter", |vm, a, _| match (a.first(), a.get(1)) {
    (Some(Value::Property(p)), Some(setter)) => {
        Ok(Value::Property(Arc::new((p.0.clone(), setter.clone()))))
    }
    _ => Err(vm.error("TypeError", "setter() takes exactly one argument")),
})];

/// Where `target` first is in `items`, by `==` (`__eq__` too).
fn position_eq(vm: &mut Vm, items: &[Value], target: &Value) -> PyResult<Option<usize>> {
    for (i, item) in items.iter().enumerate() {
        if vm.eq_mut(item, target)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn count_eq(vm: &mut Vm, items: &[Value], target: &Value) -> PyResult<i64> {
    let mut n = 0;
    for item in items {
        if vm.eq_mut(item, target)? {
            n += 1;
        }
    }
    Ok(n)
}

const INT: &[(&str, NativeFn)] = &[
    ("bit_length", |_, a, _| {
        Ok(Value::Int(big(&arg(&a, 0)).map_or(0, |n| n.bits() as i64)))
    }),
    ("bit_count", |_, a, _| {
        let n = big(&arg(&a, 0)).unwrap_or_default();
        Ok(Value::Int(
            n.magnitude()
                .iter_u64_digits()
                .map(|d| i64::from(d.count_ones()))
                .sum(),
        ))
    }),
    ("conjugate", |_, a, _| {
        Ok(int(big(&arg(&a, 0)).unwrap_or_default()))
    }),
];

const FLOAT: &[(&str, NativeFn)] = &[
    ("is_integer", |_, a, _| {
        Ok(Value::Bool(
            matches!(arg(&a, 0), Value::Float(f) if f.fract() == 0.0),
        ))
    }),
    ("conjugate", |_, a, _| Ok(arg(&a, 0))),
];

const LIST: &[(&str, NativeFn)] = &[
    ("append", |_, a, _| {
        if let Value::List(l) = arg(&a, 0) {
            locked(&l.items).push(arg(&a, 1));
        }
        Ok(Value::None)
    }),
    ("extend", |vm, a, _| {
        let more = vm.collect_mut(&arg(&a, 1))?;
        if let Value::List(l) = arg(&a, 0) {
            locked(&l.items).extend(more);
        }
        Ok(Value::None)
    }),
    ("insert", |vm, a, _| {
        let at = match arg(&a, 1) {
            Value::Int(i) => i,
            other => return Err(vm.not_an_integer(&other)),
        };
        if let Value::List(l) = arg(&a, 0) {
            let mut items = locked(&l.items);
            let n = items.len() as i64;
            let at = if at < 0 { (at + n).max(0) } else { at.min(n) };
            items.insert(at as usize, arg(&a, 2));
        }
        Ok(Value::None)
    }),
    ("pop", |vm, a, _| {
        let Value::List(l) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        let mut items = locked(&l.items);
        if items.is_empty() {
            return Err(vm.error("IndexError", "pop from empty list"));
        }
        let n = items.len() as i64;
        let at = match a.get(1) {
            Some(Value::Int(i)) => *i,
            _ => n - 1,
        };
        let at = if at < 0 { at + n } else { at };
        if at < 0 || at >= n {
            return Err(vm.error("IndexError", "pop index out of range"));
        }
        Ok(items.remove(at as usize))
    }),
    ("remove", |vm, a, _| {
        let Value::List(l) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        let items = locked(&l.items).clone();
        let target = arg(&a, 1);
        match position_eq(vm, &items, &target)? {
            Some(at) => {
                locked(&l.items).remove(at);
                Ok(Value::None)
            }
            None => Err(vm.error("ValueError", "list.remove(x): x not in list")),
        }
    }),
    ("index", |vm, a, _| {
        let items = vm.collect_mut(&arg(&a, 0))?;
        let target = arg(&a, 1);
        match position_eq(vm, &items, &target)? {
            Some(at) => Ok(Value::Int(at as i64)),
            None => Err(vm.error("ValueError", format!("{} is not in list", vm.repr(&target)))),
        }
    }),
    ("count", |vm, a, _| {
        let items = vm.collect_mut(&arg(&a, 0))?;
        let target = arg(&a, 1);
        Ok(Value::Int(count_eq(vm, &items, &target)?))
    }),
    ("sort", |vm, a, kw| {
        let Value::List(l) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        let items = locked(&l.items).clone();
        let key = kw
            .iter()
            .find(|(k, _)| &**k == "key")
            .map(|(_, v)| v.clone());
        let reverse = kw.iter().any(|(k, v)| &**k == "reverse" && vm.truthy(v));
        let sorted = super::builtins::sort(vm, items, key.as_ref(), reverse)?;
        *locked(&l.items) = sorted;
        Ok(Value::None)
    }),
    ("reverse", |_, a, _| {
        if let Value::List(l) = arg(&a, 0) {
            locked(&l.items).reverse();
        }
        Ok(Value::None)
    }),
    ("copy", |vm, a, _| {
        Ok(List::new(vm.collect_mut(&arg(&a, 0))?))
    }),
    ("clear", |_, a, _| {
        if let Value::List(l) = arg(&a, 0) {
            locked(&l.items).clear();
        }
        Ok(Value::None)
    }),
];

fn set_of(entries: DictEntries) -> Value {
    Value::Set(Arc::new(Dict {
        entries: std::sync::Mutex::new(entries),
    }))
}

/// The items of any iterable as a set's entries.
fn entries_of(vm: &mut Vm, value: &Value) -> PyResult<DictEntries> {
    let mut entries = DictEntries::default();
    for item in vm.collect_mut(value)? {
        entries.insert(vm.key(&item)?, item, Value::None);
    }
    Ok(entries)
}

const TUPLE: &[(&str, NativeFn)] = &[
    ("count", |vm, a, _| {
        let items = vm.collect_mut(&arg(&a, 0))?;
        let target = arg(&a, 1);
        Ok(Value::Int(count_eq(vm, &items, &target)?))
    }),
    ("index", |vm, a, _| {
        let items = vm.collect_mut(&arg(&a, 0))?;
        let target = arg(&a, 1);
        match position_eq(vm, &items, &target)? {
            Some(at) => Ok(Value::Int(at as i64)),
            None => Err(vm.error("ValueError", "tuple.index(x): x not in tuple")),
        }
    }),
];

const SET: &[(&str, NativeFn)] = &[
    ("add", |vm, a, _| {
        let item = arg(&a, 1);
        let key = vm.key(&item)?;
        if let Value::Set(d) = arg(&a, 0) {
            locked(&d.entries).insert(key, item, Value::None);
        }
        Ok(Value::None)
    }),
    ("discard", |vm, a, _| {
        let key = vm.key(&arg(&a, 1))?;
        if let Value::Set(d) = arg(&a, 0) {
            locked(&d.entries).remove(&key);
        }
        Ok(Value::None)
    }),
    ("remove", |vm, a, _| {
        let key = vm.key(&arg(&a, 1))?;
        let Value::Set(d) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        let removed = locked(&d.entries).remove(&key);
        match removed {
            Some(_) => Ok(Value::None),
            None => Err(super::exceptions::new_exception(
                vm.classes().get("KeyError"),
                vec![arg(&a, 1)],
            )),
        }
    }),
    ("update", |vm, a, _| {
        let Value::Set(d) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        for other in a.iter().skip(1) {
            let more = entries_of(vm, other)?;
            let mut entries = locked(&d.entries);
            for (k, v) in more.iter() {
                if let Ok(key) = vm.key(k) {
                    entries.insert(key, k.clone(), v.clone());
                }
            }
        }
        Ok(Value::None)
    }),
    ("union", |vm, a, _| set_op(vm, &a, super::code::BinOp::Or)),
    ("intersection", |vm, a, _| {
        set_op(vm, &a, super::code::BinOp::And)
    }),
    ("difference", |vm, a, _| {
        set_op(vm, &a, super::code::BinOp::Sub)
    }),
    ("symmetric_difference", |vm, a, _| {
        set_op(vm, &a, super::code::BinOp::Xor)
    }),
    ("issubset", |vm, a, _| {
        let other = set_of(entries_of(vm, &arg(&a, 1))?);
        vm.compare(super::code::CmpOp::Le, &arg(&a, 0), &other)
    }),
    ("issuperset", |vm, a, _| {
        let other = set_of(entries_of(vm, &arg(&a, 1))?);
        vm.compare(super::code::CmpOp::Ge, &arg(&a, 0), &other)
    }),
    ("isdisjoint", |vm, a, _| {
        let mine = dict_entries(&arg(&a, 0));
        let other = entries_of(vm, &arg(&a, 1))?;
        Ok(Value::Bool(!other.keys().iter().any(|k| mine.contains(k))))
    }),
    ("pop", |vm, a, _| {
        let Value::Set(d) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        let mut entries = locked(&d.entries);
        let first = entries.iter().next().map(|(k, _)| k.clone());
        match first {
            Some(k) => {
                entries.remove(&vm.key(&k)?);
                Ok(k)
            }
            None => Err(super::exceptions::new_exception(
                vm.classes().get("KeyError"),
                vec![Value::str("pop from an empty set")],
            )),
        }
    }),
    ("copy", |_, a, _| Ok(set_of(dict_entries(&arg(&a, 0))))),
    ("clear", |_, a, _| {
        if let Value::Set(d) = arg(&a, 0) {
            *locked(&d.entries) = DictEntries::default();
        }
        Ok(Value::None)
    }),
];

fn set_op(vm: &mut Vm, a: &[Value], op: super::code::BinOp) -> PyResult<Value> {
    let mut result = arg(a, 0);
    for other in a.iter().skip(1) {
        let other = set_of(entries_of(vm, other)?);
        result = vm.binary(op, &result, &other)?;
    }
    Ok(result)
}

fn dict_entries(value: &Value) -> DictEntries {
    match value {
        Value::Dict(d) | Value::Set(d) => locked(&d.entries).clone(),
        _ => DictEntries::default(),
    }
}

const DICT: &[(&str, NativeFn)] = &[
    ("get", |vm, a, _| {
        let key = vm.key(&arg(&a, 1))?;
        Ok(dict_entries(&arg(&a, 0))
            .get(&key)
            .cloned()
            .unwrap_or_else(|| arg(&a, 2)))
    }),
    ("keys", |_, a, _| {
        Ok(super::dict_views::view(
            &arg(&a, 0),
            super::dict_views::Kind::Keys,
        ))
    }),
    ("values", |_, a, _| {
        Ok(super::dict_views::view(
            &arg(&a, 0),
            super::dict_views::Kind::Values,
        ))
    }),
    ("items", |_, a, _| {
        Ok(super::dict_views::view(
            &arg(&a, 0),
            super::dict_views::Kind::Items,
        ))
    }),
    ("pop", |vm, a, _| {
        let key = vm.key(&arg(&a, 1))?;
        let Value::Dict(d) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        let removed = locked(&d.entries).remove(&key);
        match (removed, a.get(2)) {
            (Some(v), _) => Ok(v),
            (None, Some(default)) => Ok(default.clone()),
            (None, None) => Err(super::exceptions::new_exception(
                vm.classes().get("KeyError"),
                vec![arg(&a, 1)],
            )),
        }
    }),
    ("setdefault", |vm, a, _| {
        let k = arg(&a, 1);
        let key = vm.key(&k)?;
        let Value::Dict(d) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        let mut entries = locked(&d.entries);
        if let Some(v) = entries.get(&key) {
            return Ok(v.clone());
        }
        let default = arg(&a, 2);
        entries.insert(key, k, default.clone());
        Ok(default)
    }),
    ("update", |vm, a, kw| {
        let Value::Dict(d) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        // A mapping, or (key, value) pairs, as `dict(…)` takes them.
        let mut pairs: Vec<(Value, Value)> = match a.get(1) {
            None | Some(Value::Dict(_)) => dict_entries(&arg(&a, 1)).iter().cloned().collect(),
            Some(other) => {
                let made = construct(vm, "dict", vec![other.clone()], Vec::new())?;
                dict_entries(&made).iter().cloned().collect()
            }
        };
        pairs.extend(kw.into_iter().map(|(k, v)| (Value::Str(k), v)));
        for (k, v) in pairs {
            let key = vm.key(&k)?;
            locked(&d.entries).insert(key, k, v);
        }
        Ok(Value::None)
    }),
    ("copy", |_, a, _| {
        Ok(Dict::new_value(dict_entries(&arg(&a, 0))))
    }),
    ("popitem", |vm, a, _| {
        let Value::Dict(d) = arg(&a, 0) else {
            return Ok(Value::None);
        };
        let mut entries = locked(&d.entries);
        let last = entries.iter().last().cloned();
        match last {
            Some((k, v)) => {
                let key = vm.key(&k)?;
                entries.remove(&key);
                // The holes of removed entries would grow without end otherwise.
                while matches!(entries.slots.last(), Some(None)) {
                    entries.slots.pop();
                }
                Ok(Value::tuple(vec![k, v]))
            }
            None => Err(super::exceptions::new_exception(
                vm.classes().get("KeyError"),
                vec![Value::str("popitem(): dictionary is empty")],
            )),
        }
    }),
    ("clear", |_, a, _| {
        if let Value::Dict(d) = arg(&a, 0) {
            *locked(&d.entries) = DictEntries::default();
        }
        Ok(Value::None)
    }),
    ("add", |vm, a, _| {
        // set.add, while sets are dicts of keys.
        let item = arg(&a, 1);
        let key = vm.key(&item)?;
        if let Value::Dict(d) = arg(&a, 0) {
            locked(&d.entries).insert(key, item, Value::None);
        }
        Ok(Value::None)
    }),
];
