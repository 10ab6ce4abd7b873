//! `range`: made by `range(…)`, a machine-word range (`Value::Range`, the loop's
//! fast path) or, past 64 bits, a big one (`Value::BigRange`); its indexing,
//! slicing, `in`, equality and methods for both.

use super::builtins::NativeFn;
use super::ops::{big, int};
use super::value::{Range, Value};
use super::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::Arc;

/// A range whose bounds need more than 64 bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BigRange {
    pub start: BigInt,
    pub stop: BigInt,
    pub step: BigInt,
}

fn bound(vm: &Vm, v: &Value) -> PyResult<BigInt> {
    big(v).ok_or_else(|| vm.not_an_integer(v))
}

/// `range(stop)`, `range(start, stop[, step])`.
pub fn range(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let (start, stop, step) = match args.as_slice() {
        [stop] => (BigInt::zero(), bound(vm, stop)?, BigInt::from(1)),
        [start, stop] => (bound(vm, start)?, bound(vm, stop)?, BigInt::from(1)),
        [start, stop, step] => (bound(vm, start)?, bound(vm, stop)?, bound(vm, step)?),
        [] => return Err(vm.error("TypeError", "range expected at least 1 argument, got 0")),
        _ => {
            return Err(vm.error(
                "TypeError",
                format!("range expected at most 3 arguments, got {}", args.len()),
            ))
        }
    };
    if step.is_zero() {
        return Err(vm.error("ValueError", "range() arg 3 must not be zero"));
    }
    Ok(make(BigRange { start, stop, step }))
}

/// The small form when every bound (and the length) fits a machine word.
fn make(r: BigRange) -> Value {
    if let (Some(start), Some(stop), Some(step)) =
        (r.start.to_i64(), r.stop.to_i64(), r.step.to_i64())
    {
        if length(&r).to_i64().is_some() {
            return Value::Range(Range { start, stop, step });
        }
    }
    Value::BigRange(Arc::new(r))
}

fn widen(r: &Range) -> BigRange {
    BigRange {
        start: BigInt::from(r.start),
        stop: BigInt::from(r.stop),
        step: BigInt::from(r.step),
    }
}

/// Either kind of range, as big bounds.
pub fn bounds(value: &Value) -> Option<BigRange> {
    match value {
        Value::Range(r) => Some(widen(r)),
        Value::BigRange(r) => Some((**r).clone()),
        _ => None,
    }
}

pub fn length(r: &BigRange) -> BigInt {
    let n = if r.step.is_positive() {
        (&r.stop - &r.start + &r.step - BigInt::from(1)).div_floor(&r.step)
    } else {
        (&r.start - &r.stop - &r.step - BigInt::from(1)).div_floor(&-&r.step)
    };
    n.max(BigInt::zero())
}

pub fn repr(r: &BigRange) -> String {
    if r.step == BigInt::from(1) {
        format!("range({}, {})", r.start, r.stop)
    } else {
        format!("range({}, {}, {})", r.start, r.stop, r.step)
    }
}

/// `len(r)` of a big range: CPython's OverflowError past `sys.maxsize`.
pub fn len(vm: &Vm, r: &BigRange) -> PyResult<usize> {
    length(r)
        .to_i64()
        .and_then(|n| usize::try_from(n).ok())
        .ok_or_else(|| {
            vm.error(
                "OverflowError",
                "Python int too large to convert to C ssize_t",
            )
        })
}

/// The position of `item` in the range, if it is there.
fn position(r: &BigRange, item: &Value) -> Option<BigInt> {
    if matches!(item, Value::Float(_)) {
        return None;
    }
    let i = big(item)?;
    let inside = if r.step.is_positive() {
        r.start <= i && i < r.stop
    } else {
        r.stop < i && i <= r.start
    };
    let offset = &i - &r.start;
    (inside && (&offset % &r.step).is_zero()).then(|| offset / &r.step)
}

/// `item in r`.
pub fn contains(r: &BigRange, item: &Value) -> bool {
    match item {
        Value::Float(f) => {
            // A whole float is in the range if the int it equals is.
            f.fract() == 0.0
                && num_traits::FromPrimitive::from_f64(*f)
                    .is_some_and(|n: BigInt| position(r, &int(n)).is_some())
        }
        other => position(r, other).is_some(),
    }
}

/// `r[index]` and `r[slice]`.
pub fn get_item(vm: &Vm, r: &BigRange, index: &Value) -> PyResult<Value> {
    let n = length(r);
    if let Value::Slice(s) = index {
        // The slice's bounds on a range of `n`, in big ints: PySlice_AdjustIndices.
        let get = |v: &Value| -> PyResult<Option<BigInt>> {
            match v {
                Value::None => Ok(None),
                v => big(v).map(Some).ok_or_else(|| {
                    vm.error(
                        "TypeError",
                        "slice indices must be integers or None or have an __index__ method",
                    )
                }),
            }
        };
        let step = get(&s[2])?.unwrap_or_else(|| BigInt::from(1));
        if step.is_zero() {
            return Err(vm.error("ValueError", "slice step cannot be zero"));
        }
        let clamp = |i: BigInt, low: BigInt, high: BigInt| {
            let i = if i.is_negative() { i + &n } else { i };
            i.max(low).min(high)
        };
        let (start, stop) = if step.is_positive() {
            (
                get(&s[0])?.map_or(BigInt::zero(), |i| clamp(i, BigInt::zero(), n.clone())),
                get(&s[1])?.map_or(n.clone(), |i| clamp(i, BigInt::zero(), n.clone())),
            )
        } else {
            let last = &n - BigInt::from(1);
            (
                get(&s[0])?.map_or(last.clone(), |i| clamp(i, BigInt::from(-1), last.clone())),
                get(&s[1])?.map_or(BigInt::from(-1), |i| {
                    clamp(i, BigInt::from(-1), last.clone())
                }),
            )
        };
        return Ok(make(BigRange {
            start: &r.start + start * &r.step,
            stop: &r.start + stop * &r.step,
            step: &r.step * step,
        }));
    }
    let Some(i) = big(index).filter(|_| !matches!(index, Value::Float(_))) else {
        return Err(vm.error(
            "TypeError",
            format!(
                "range indices must be integers or slices, not {}",
                index.type_name()
            ),
        ));
    };
    let at = if i.is_negative() { i + &n } else { i };
    if at.is_negative() || at >= n {
        return Err(vm.error("IndexError", "range object index out of range"));
    }
    Ok(int(&r.start + at * &r.step))
}

/// An iterator's state over a big range: counting in machine words when its start
/// and step fit one (`range(10**20)`), else its values made whole.
pub fn iter(vm: &Vm, r: &BigRange) -> PyResult<super::value::Iter> {
    if let (Some(next), Some(step)) = (r.start.to_i64(), r.step.to_i64()) {
        let left = length(r).to_i64().unwrap_or(i64::MAX);
        return Ok(super::value::Iter::Range { next, left, step });
    }
    Ok(super::value::Iter::Values {
        items: values(vm, r)?,
        at: 0,
    })
}

fn values(vm: &Vm, r: &BigRange) -> PyResult<Vec<Value>> {
    let n = len(vm, r)?;
    if n > 10_000_000 {
        return Err(vm.error("MemoryError", ""));
    }
    let mut out = Vec::with_capacity(n);
    let mut at = r.start.clone();
    for _ in 0..n {
        out.push(int(at.clone()));
        at += &r.step;
    }
    Ok(out)
}

/// `a == b` for ranges: equal as sequences.
pub fn eq(a: &BigRange, b: &BigRange) -> bool {
    let n = length(a);
    n == length(b)
        && (n.is_zero() || (a.start == b.start && (n == BigInt::from(1) || a.step == b.step)))
}

fn this(a: &[Value]) -> BigRange {
    a.first().and_then(bounds).unwrap_or(BigRange {
        start: BigInt::zero(),
        stop: BigInt::zero(),
        step: BigInt::from(1),
    })
}

pub const RANGE: &[(&str, NativeFn)] = &[
    ("index", |vm, a, _| {
        let r = this(&a);
        let item = a.get(1).cloned().unwrap_or(Value::None);
        match position(&r, &item) {
            Some(at) => Ok(int(at)),
            None => Err(vm.error("ValueError", format!("{} is not in range", vm.repr(&item)))),
        }
    }),
    ("count", |_, a, _| {
        let r = this(&a);
        let item = a.get(1).cloned().unwrap_or(Value::None);
        Ok(Value::Int(i64::from(contains(&r, &item))))
    }),
];

/// `r.start`, `r.stop`, `r.step`.
pub fn attr(value: &Value, name: &str) -> Option<Value> {
    let r = bounds(value)?;
    match name {
        "start" => Some(int(r.start)),
        "stop" => Some(int(r.stop)),
        "step" => Some(int(r.step)),
        _ => None,
    }
}
