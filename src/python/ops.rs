//! What Python's operators do to values: truth, equality, order, arithmetic, `str`
//! and `repr`, hashing (dict keys), subscripts and iteration.

use super::code::CmpOp;
use super::format;
use super::value::{both_entries, locked, BigIntKey, Key, Value};
use super::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::Arc;

/// An int of either size, for the slow paths.
pub fn big(value: &Value) -> Option<BigInt> {
    match value {
        Value::Int(i) => Some(BigInt::from(*i)),
        Value::BigInt(b) => Some((**b).clone()),
        Value::Bool(b) => Some(BigInt::from(i64::from(*b))),
        _ => None,
    }
}

/// An int back to the small form when it fits.
pub fn int(value: BigInt) -> Value {
    match value.to_i64() {
        Some(small) => Value::Int(small),
        None => Value::BigInt(Arc::new(value)),
    }
}

/// A number as a float, for mixed arithmetic.
pub fn float(value: &Value) -> Option<f64> {
    match value {
        Value::Float(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::BigInt(b) => b.to_f64(),
        _ => None,
    }
}

/// Python's truth of a value (`bool(x)`).
pub fn truthy(value: &Value) -> bool {
    match value {
        Value::None => false,
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::BigInt(b) => !b.is_zero(),
        Value::Float(f) => *f != 0.0,
        Value::Str(s) => !s.is_empty(),
        Value::Bytes(b) => !b.is_empty(),
        Value::List(l) => !locked(&l.items).is_empty(),
        Value::Tuple(t) => !t.is_empty(),
        Value::Dict(d) | Value::Set(d) => locked(&d.entries).len > 0,
        Value::Range(r) => !r.is_empty(),
        Value::Native(n) => n.length().is_none_or(|n| n > 0),
        Value::BigRange(r) => !super::range::length(r).is_zero(),
        _ => true,
    }
}

impl Vm {
    pub fn truthy(&self, value: &Value) -> bool {
        truthy(value)
    }

    pub fn repr(&self, value: &Value) -> String {
        match value {
            Value::None => "None".into(),
            Value::Bool(true) => "True".into(),
            Value::Bool(false) => "False".into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => b.to_string(),
            Value::Float(f) => format::float_repr(*f),
            Value::Str(s) => format::str_repr(s),
            Value::Bytes(b) => super::bytes::repr(b),
            Value::List(l) => {
                let items = locked(&l.items).clone();
                format!("[{}]", self.join_repr(&items))
            }
            Value::Tuple(t) if t.len() == 1 => format!("({},)", self.join_repr(t)),
            Value::Tuple(t) => format!("({})", self.join_repr(t)),
            Value::Dict(d) => {
                let entries = locked(&d.entries).clone();
                let items: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", self.repr(k), self.repr(v)))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
            Value::Set(s) => {
                let entries = locked(&s.entries).clone();
                if entries.len == 0 {
                    return "set()".into();
                }
                let keys = entries.iter().map(|(k, _)| k.clone()).collect();
                let items: Vec<String> = super::set_order::in_table_order(keys)
                    .iter()
                    .map(|k| self.repr(k))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
            Value::Range(r) if r.step == 1 => format!("range({}, {})", r.start, r.stop),
            Value::Range(r) => format!("range({}, {}, {})", r.start, r.stop, r.step),
            Value::BigRange(r) => super::range::repr(r),
            Value::Function(f) => format!("<function {} at 0x{:x}>", f.code.name, value.id()),
            Value::Builtin(b) => format!("<built-in function {}>", b.name),
            Value::Method(m) => format!(
                "<built-in method {} of {} object>",
                m.1.name,
                m.0.type_name()
            ),
            Value::Class(c) => match module_of(c) {
                Some(module) => format!("<class '{module}.{}'>", c.name),
                None => format!("<class '{}'>", c.name),
            },
            Value::Exception(e) => {
                let args = self.join_repr(&locked(&e.args));
                format!("{}({args})", e.class.name)
            }
            Value::Iterator(_) => format!("<iterator object at 0x{:x}>", value.id()),
            Value::Slice(s) => format!(
                "slice({}, {}, {})",
                self.repr(&s[0]),
                self.repr(&s[1]),
                self.repr(&s[2])
            ),
            Value::Cell(_) => "<cell>".into(),
            Value::Property(_) => format!("<property object at 0x{:x}>", value.id()),
            Value::Generator(g) => format!(
                "<{} object {} at 0x{:x}>",
                g.type_name(),
                g.name,
                value.id()
            ),
            Value::Module(m) => format!("<module '{}' (built-in)>", m.name),
            Value::Native(n) => {
                let items: Vec<String> = n
                    .items()
                    .unwrap_or_default()
                    .iter()
                    .map(|v| self.repr(v))
                    .collect();
                n.repr(&items)
                    .unwrap_or_else(|| format!("<{} object at 0x{:x}>", n.type_name(), value.id()))
            }
            Value::Lock(l) => format!(
                "<{} _thread.lock object at 0x{:x}>",
                if l.locked() { "locked" } else { "unlocked" },
                value.id()
            ),
            Value::Instance(i) => format!(
                "<{}.{} object at 0x{:x}>",
                module_of(&i.class).unwrap_or_else(|| "builtins".into()),
                i.class.name,
                value.id()
            ),
            Value::BoundMethod(m) => {
                format!("<bound method {} of {}>", self.repr(&m.1), self.repr(&m.0))
            }
            Value::Super(s) => format!(
                "<super: <class '{}'>, <{} object>>",
                s.0.name,
                s.1.type_name()
            ),
        }
    }

    pub(super) fn join_repr(&self, items: &[Value]) -> String {
        items
            .iter()
            .map(|v| self.repr(v))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn str(&self, value: &Value) -> String {
        match value {
            Value::Str(s) => s.to_string(),
            Value::Exception(e) => {
                super::exceptions::message(e, &|v| self.str(v), &|v| self.repr(v))
            }
            other => self.repr(other),
        }
    }

    /// `a == b`.
    pub fn eq(&self, a: &Value, b: &Value) -> bool {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => x == y,
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::Bytes(x), Value::Bytes(y)) => x == y,
            (Value::None, Value::None) => true,
            (Value::Float(_), _) | (_, Value::Float(_)) => match (float(a), float(b)) {
                (Some(x), Some(y)) => x == y,
                _ => false,
            },
            (
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_),
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_),
            ) => big(a) == big(b),
            (Value::List(x), Value::List(y)) => {
                if Arc::ptr_eq(x, y) {
                    return true;
                }
                let (x, y) = (locked(&x.items).clone(), locked(&y.items).clone());
                self.eq_seq(&x, &y)
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.eq_seq(x, y),
            (Value::Dict(x), Value::Dict(y)) => {
                let (x, y) = both_entries(x, y);
                x.len == y.len
                    && x.iter().all(|(k, v)| {
                        self.key(k)
                            .ok()
                            .and_then(|key| y.get(&key))
                            .is_some_and(|w| self.eq(v, w))
                    })
            }
            (Value::Range(_) | Value::BigRange(_), Value::Range(_) | Value::BigRange(_)) => {
                match (super::range::bounds(a), super::range::bounds(b)) {
                    (Some(x), Some(y)) => super::range::eq(&x, &y),
                    _ => false,
                }
            }
            (Value::Set(x), Value::Set(y)) => {
                let (x, y) = both_entries(x, y);
                x.len == y.len && x.keys().iter().all(|k| y.contains(k))
            }
            _ => a.id() == b.id() && a.type_name() == b.type_name(),
        }
    }

    pub(super) fn eq_seq(&self, x: &[Value], y: &[Value]) -> bool {
        x.len() == y.len() && x.iter().zip(y).all(|(a, b)| self.eq(a, b))
    }

    /// The dict key of a hashable value.
    pub fn key(&self, value: &Value) -> PyResult<Key> {
        Ok(match value {
            Value::None => Key::None,
            Value::Bool(b) => Key::Int(BigIntKey::Small(i64::from(*b))),
            Value::Int(i) => Key::Int(BigIntKey::Small(*i)),
            Value::BigInt(b) => Key::Int(BigIntKey::Big((**b).clone())),
            Value::Float(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => {
                Key::Int(BigIntKey::Small(*f as i64))
            }
            // A whole float is the int it equals: `{10**20: …}[1e20]`.
            Value::Float(f) if f.fract() == 0.0 => match num_traits::FromPrimitive::from_f64(*f) {
                Some(n) => Key::Int(BigIntKey::Big(n)),
                None => Key::Float(f.to_bits()),
            },
            Value::Float(f) => Key::Float(f.to_bits()),
            Value::Str(s) => Key::Str(s.clone()),
            Value::Bytes(b) => Key::Bytes(b.clone()),
            Value::Tuple(t) => Key::Tuple(t.iter().map(|v| self.key(v)).collect::<PyResult<_>>()?),
            Value::Instance(i) if super::hashing::unhashable(&i.class) => {
                return Err(self.error("TypeError", format!("unhashable type: '{}'", i.class.name)))
            }
            Value::List(_) | Value::Dict(_) | Value::Set(_) => {
                return Err(self.error(
                    "TypeError",
                    format!("unhashable type: '{}'", value.type_name()),
                ))
            }
            other => Key::Id(other.id()),
        })
    }

    /// `a < b` and friends; `Ok(None)` when the types do not compare.
    pub(super) fn order(&self, a: &Value, b: &Value) -> PyResult<std::cmp::Ordering> {
        use std::cmp::Ordering;
        let ordering = match (a, b) {
            (Value::Int(x), Value::Int(y)) => Some(x.cmp(y)),
            (Value::Str(x), Value::Str(y)) => Some(x.cmp(y)),
            (Value::Bytes(x), Value::Bytes(y)) => Some(x.cmp(y)),
            (Value::Float(_), _) | (_, Value::Float(_)) => match (float(a), float(b)) {
                (Some(x), Some(y)) => x.partial_cmp(&y).or(Some(Ordering::Equal)),
                _ => None,
            },
            (
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_),
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_),
            ) => big(a).zip(big(b)).map(|(x, y)| x.cmp(&y)),
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (locked(&x.items).clone(), locked(&y.items).clone());
                return self.order_seq(&x, &y);
            }
            (Value::Tuple(x), Value::Tuple(y)) => return self.order_seq(x, y),
            // Sets are ordered by inclusion: a <= b is "a is a subset of b".
            (Value::Set(x), Value::Set(y)) => {
                let (x, y) = both_entries(x, y);
                let sub = x.keys().iter().all(|k| y.contains(k));
                let sup = y.keys().iter().all(|k| x.contains(k));
                Some(match (sub, sup) {
                    (true, true) => std::cmp::Ordering::Equal,
                    (true, false) => std::cmp::Ordering::Less,
                    (false, true) => std::cmp::Ordering::Greater,
                    (false, false) => return Err(self.error("TypeError", "sets are not ordered")),
                })
            }
            _ => None,
        };
        ordering.ok_or_else(|| self.error("TypeError", String::new()))
    }

    pub(super) fn order_seq(&self, x: &[Value], y: &[Value]) -> PyResult<std::cmp::Ordering> {
        for (a, b) in x.iter().zip(y) {
            if !self.eq(a, b) {
                return self.order(a, b);
            }
        }
        Ok(x.len().cmp(&y.len()))
    }

    pub fn compare(&self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        use std::cmp::Ordering::*;
        let result = match op {
            CmpOp::Eq => self.eq(a, b),
            CmpOp::Ne => !self.eq(a, b),
            CmpOp::Is => a.id() == b.id() && a.type_name() == b.type_name(),
            CmpOp::IsNot => !(a.id() == b.id() && a.type_name() == b.type_name()),
            CmpOp::In => self.contains(b, a)?,
            CmpOp::NotIn => !self.contains(b, a)?,
            CmpOp::Lt | CmpOp::Le | CmpOp::Gt | CmpOp::Ge => {
                let ordering = self.order(a, b).map_err(|_| {
                    let symbol = match op {
                        CmpOp::Lt => "<",
                        CmpOp::Le => "<=",
                        CmpOp::Gt => ">",
                        _ => ">=",
                    };
                    self.error(
                        "TypeError",
                        format!(
                            "'{symbol}' not supported between instances of '{}' and '{}'",
                            a.type_name(),
                            b.type_name()
                        ),
                    )
                })?;
                // NaN compares false with everything.
                if float(a).is_some_and(f64::is_nan) || float(b).is_some_and(f64::is_nan) {
                    false
                } else {
                    match op {
                        CmpOp::Lt => ordering == Less,
                        CmpOp::Le => ordering != Greater,
                        CmpOp::Gt => ordering == Greater,
                        _ => ordering != Less,
                    }
                }
            }
        };
        Ok(Value::Bool(result))
    }

    /// `item in container`.
    pub fn contains(&self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                other => Err(self.error(
                    "TypeError",
                    format!(
                        "'in <string>' requires string as left operand, not {}",
                        other.type_name()
                    ),
                )),
            },
            Value::Bytes(b) => super::bytes::contains(self, b, item),
            Value::Native(n) if n.contains_key(&Key::None).is_some() => {
                Ok(n.contains_key(&self.key(item)?).unwrap_or(false))
            }
            Value::Dict(d) | Value::Set(d) => {
                let key = self.key(item)?;
                Ok(locked(&d.entries).get(&key).is_some())
            }
            Value::BigRange(r) => Ok(super::range::contains(r, item)),
            Value::Range(_) if !matches!(item, Value::Int(_)) => {
                Ok(super::range::bounds(container)
                    .is_some_and(|r| super::range::contains(&r, item)))
            }
            Value::Range(r) => Ok(match item {
                Value::Int(i) => {
                    let (i, r) = (i128::from(*i), *r);
                    let (start, stop, step) =
                        (i128::from(r.start), i128::from(r.stop), i128::from(r.step));
                    let inside = if step > 0 {
                        start <= i && i < stop
                    } else {
                        stop < i && i <= start
                    };
                    inside && (i - start) % step == 0
                }
                _ => false,
            }),
            other => {
                let items = self.collect(other)?;
                Ok(items.iter().any(|v| self.eq(v, item)))
            }
        }
    }
}

/// The module a program-made class was made in (`__main__`, `queue`); `None` for
/// the builtin classes.
pub(super) fn module_of(class: &Arc<super::value::Class>) -> Option<String> {
    match class.lookup("__module__") {
        Some(Value::Str(module)) => Some(module.to_string()),
        _ => None,
    }
}
