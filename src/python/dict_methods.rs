//! The methods of `dict` and `set`. Both are tables of keys (`DictEntries`), a set's
//! values all `None`, so they share the helpers that copy and build those tables.

use super::args::arg;
use super::builtins::NativeFn;
use super::construct::{construct, set_of};
use super::value::{locked, Dict, DictEntries, Value};
use super::vm::{PyResult, Vm};

/// The items of any iterable as a set's entries.
fn entries_of(vm: &mut Vm, value: &Value) -> PyResult<DictEntries> {
    let mut entries = DictEntries::default();
    for item in vm.collect_mut(value)? {
        entries.insert(vm.key(&item)?, item, Value::None);
    }
    Ok(entries)
}

pub(super) const SET: &[(&str, NativeFn)] = &[
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
            locked(&d.entries).clear();
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

pub(super) const DICT: &[(&str, NativeFn)] = &[
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
            locked(&d.entries).clear();
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
