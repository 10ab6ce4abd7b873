//! Putting items in order: `sorted` and `list.sort` (one stable sort for both), and
//! `min`/`max`, which compare the same way — by the key, with Python's `<` and `>` —
//! so that a type's `__lt__` and the errors of incomparable items are met alike.

use super::args::{arg, kwarg};
use super::value::{List, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

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

pub(super) fn min(
    vm: &mut Vm,
    args: Vec<Value>,
    kwargs: Vec<(Arc<str>, Value)>,
) -> PyResult<Value> {
    extreme(vm, args, kwargs, "min", super::code::CmpOp::Lt)
}

pub(super) fn max(
    vm: &mut Vm,
    args: Vec<Value>,
    kwargs: Vec<(Arc<str>, Value)>,
) -> PyResult<Value> {
    extreme(vm, args, kwargs, "max", super::code::CmpOp::Gt)
}

/// Sorts `items` by `key`, stably, as `list.sort` does; `Err` on incomparable items.
pub(super) fn sort(
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

pub(super) fn sorted(
    vm: &mut Vm,
    args: Vec<Value>,
    kwargs: Vec<(Arc<str>, Value)>,
) -> PyResult<Value> {
    let items = vm.collect_mut(&arg(&args, 0))?;
    let reverse = match kwarg(&kwargs, "reverse") {
        Some(r) => vm.truth(&r.clone())?,
        None => false,
    };
    let items = sort(vm, items, kwarg(&kwargs, "key"), reverse)?;
    Ok(List::new(items))
}
