//! The methods of the sequences `list` and `tuple`: a list's changes in place, and
//! the searches both have (`index`, `count`), which compare by `==` so that a
//! class's `__eq__` is used.

use super::args::arg;
use super::builtins::NativeFn;
use super::value::{locked, List, Value};
use super::vm::{PyResult, Vm};

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

pub(super) const LIST: &[(&str, NativeFn)] = &[
    ("append", |vm, a, _| {
        if let Value::List(l) = arg(&a, 0) {
            let mut items = locked(&l.items);
            vm.reserve_growth(&items)?;
            items.push(arg(&a, 1));
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
        let sorted = super::sorting::sort(vm, items, key.as_ref(), reverse)?;
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

pub(super) const TUPLE: &[(&str, NativeFn)] = &[
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
