//! Calling a builtin type: `int("3")`, `list(range(3))`, `dict(pairs)`, `set(…)`.
//! Apart from the types' methods because `dict.update` takes what `dict(…)` takes,
//! and does it by calling this.

use super::args::arg;
use super::format;
use super::ops::{big, int};
use super::value::{locked, Dict, DictEntries, List, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

type Args = Vec<Value>;
type Kwargs = Vec<(Arc<str>, Value)>;

/// `int(…)`, `str(…)`, `list(…)`, … for the class named `name`.
pub(super) fn construct(vm: &mut Vm, name: &str, args: Args, _kwargs: Kwargs) -> PyResult<Value> {
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

pub(super) fn set_of(entries: DictEntries) -> Value {
    Value::Set(Arc::new(Dict {
        entries: std::sync::Mutex::new(entries),
        keys: Default::default(),
    }))
}
