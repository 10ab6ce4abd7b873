//! What Python's operators do to values: truth, equality, order, arithmetic, `str`
//! and `repr`, hashing (dict keys), subscripts and iteration.

use super::code::{BinOp, CmpOp, UnOp};
use super::format;
use super::value::{locked, BigIntKey, Iter, Key, List, Range, Value};
use super::vm::{PyResult, Vm, ITEM_BYTES};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::{Arc, Mutex};

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
                let items: Vec<String> = entries.iter().map(|(k, _)| self.repr(k)).collect();
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

    fn join_repr(&self, items: &[Value]) -> String {
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
                let (x, y) = (locked(&x.entries).clone(), locked(&y.entries).clone());
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
                let (x, y) = (locked(&x.entries).clone(), locked(&y.entries).clone());
                x.len == y.len && x.keys().iter().all(|k| y.contains(k))
            }
            _ => a.id() == b.id() && a.type_name() == b.type_name(),
        }
    }

    fn eq_seq(&self, x: &[Value], y: &[Value]) -> bool {
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
    fn order(&self, a: &Value, b: &Value) -> PyResult<std::cmp::Ordering> {
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
                let (x, y) = (locked(&x.entries).clone(), locked(&y.entries).clone());
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

    fn order_seq(&self, x: &[Value], y: &[Value]) -> PyResult<std::cmp::Ordering> {
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

    pub fn unary(&self, op: UnOp, value: &Value) -> PyResult<Value> {
        Ok(match (op, value) {
            (UnOp::Not, v) => Value::Bool(!self.truthy(v)),
            (UnOp::Neg, Value::Int(i)) => i
                .checked_neg()
                .map_or_else(|| int(-BigInt::from(*i)), Value::Int),
            (UnOp::Neg, Value::Float(f)) => Value::Float(-f),
            (UnOp::Neg, v @ (Value::BigInt(_) | Value::Bool(_))) => {
                int(-big(v).unwrap_or_default())
            }
            (UnOp::Pos, v @ (Value::Int(_) | Value::Float(_) | Value::BigInt(_))) => v.clone(),
            (UnOp::Pos, Value::Bool(b)) => Value::Int(i64::from(*b)),
            (UnOp::Invert, v @ (Value::Int(_) | Value::BigInt(_) | Value::Bool(_))) => {
                int(!big(v).unwrap_or_default())
            }
            (op, v) => {
                let symbol = match op {
                    UnOp::Neg => "-",
                    UnOp::Pos => "+",
                    _ => "~",
                };
                return Err(self.error(
                    "TypeError",
                    format!("bad operand type for unary {symbol}: '{}'", v.type_name()),
                ));
            }
        })
    }

    pub fn binary(&self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            if let Some(result) = int_fast(op, *x, *y) {
                return Ok(Value::Int(result));
            }
        }
        match (a, b) {
            (
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_),
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_),
            ) => self.int_op(op, big(a).unwrap_or_default(), big(b).unwrap_or_default()),
            (
                Value::Float(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_),
                Value::Float(_) | Value::Int(_) | Value::BigInt(_) | Value::Bool(_),
            ) => match (float(a), float(b)) {
                (Some(x), Some(y)) => self.float_op(op, x, y, a, b),
                _ => Err(self.error("OverflowError", "int too large to convert to float")),
            },
            (Value::Str(x), Value::Str(y)) if op == BinOp::Add => {
                Ok(Value::str(&format!("{x}{y}")))
            }
            (Value::Str(s), n @ (Value::Int(_) | Value::Bool(_)))
            | (n @ (Value::Int(_) | Value::Bool(_)), Value::Str(s))
                if op == BinOp::Mul =>
            {
                let times = usize::try_from(big(n).and_then(|n| n.to_i64()).unwrap_or(0).max(0))
                    .unwrap_or(0);
                self.reserve(s.len().saturating_mul(times))?;
                Ok(Value::str(&s.repeat(times)))
            }
            (Value::List(x), Value::List(y)) if op == BinOp::Add => {
                let mut items = locked(&x.items).clone();
                items.extend(locked(&y.items).iter().cloned());
                Ok(List::new(items))
            }
            (Value::Tuple(x), Value::Tuple(y)) if op == BinOp::Add => {
                Ok(Value::tuple(x.iter().chain(y.iter()).cloned().collect()))
            }
            (Value::List(l), n @ (Value::Int(_) | Value::Bool(_)))
            | (n @ (Value::Int(_) | Value::Bool(_)), Value::List(l))
                if op == BinOp::Mul =>
            {
                let times = usize::try_from(big(n).and_then(|n| n.to_i64()).unwrap_or(0).max(0))
                    .unwrap_or(0);
                let items = locked(&l.items).clone();
                self.check_size(items.len().saturating_mul(times))?;
                Ok(List::new(
                    items
                        .iter()
                        .cloned()
                        .cycle()
                        .take(items.len() * times)
                        .collect(),
                ))
            }
            (Value::Tuple(t), n @ (Value::Int(_) | Value::Bool(_)))
            | (n @ (Value::Int(_) | Value::Bool(_)), Value::Tuple(t))
                if op == BinOp::Mul =>
            {
                let times = usize::try_from(big(n).and_then(|n| n.to_i64()).unwrap_or(0).max(0))
                    .unwrap_or(0);
                self.check_size(t.len().saturating_mul(times))?;
                Ok(Value::tuple(
                    t.iter().cloned().cycle().take(t.len() * times).collect(),
                ))
            }
            (Value::Str(s), args) if op == BinOp::Mod => self.percent(s, args),
            (Value::Set(x), Value::Set(y))
                if matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor) =>
            {
                let (x, y) = (locked(&x.entries).clone(), locked(&y.entries).clone());
                let mut out = super::value::DictEntries::default();
                let keep = |in_x: bool, in_y: bool| match op {
                    BinOp::Or => in_x || in_y,
                    BinOp::And => in_x && in_y,
                    BinOp::Sub => in_x && !in_y,
                    _ => in_x != in_y,
                };
                for (k, v) in x.iter().chain(y.iter()) {
                    let key = self.key(k)?;
                    let (in_x, in_y) = (x.contains(&key), y.contains(&key));
                    if keep(in_x, in_y) {
                        out.insert(key, k.clone(), v.clone());
                    }
                }
                Ok(Value::Set(Arc::new(super::value::Dict {
                    entries: Mutex::new(out),
                })))
            }
            _ => {
                if let Some(result) = super::bytes::binary(self, op, a, b) {
                    return result;
                }
                Err(self.operand_error(op, a, b))
            }
        }
    }

    /// CPython's TypeError for operands an operator does not take.
    fn operand_error(&self, op: BinOp, a: &Value, b: &Value) -> Value {
        let sequence = |v: &Value| {
            matches!(
                v,
                Value::Str(_) | Value::List(_) | Value::Tuple(_) | Value::Bytes(_)
            )
        };
        let int_like = |v: &Value| matches!(v, Value::Int(_) | Value::BigInt(_) | Value::Bool(_));
        match op {
            BinOp::Add if matches!(a, Value::Str(_) | Value::List(_) | Value::Tuple(_)) => {
                return self.error(
                    "TypeError",
                    format!(
                        "can only concatenate {} (not \"{}\") to {}",
                        a.type_name(),
                        b.type_name(),
                        a.type_name()
                    ),
                )
            }
            BinOp::Mul if sequence(a) && !int_like(b) && !matches!(b, Value::Instance(_)) => {
                return self.error(
                    "TypeError",
                    format!(
                        "can't multiply sequence by non-int of type '{}'",
                        b.type_name()
                    ),
                )
            }
            BinOp::Mul if sequence(b) && !int_like(a) && !matches!(a, Value::Instance(_)) => {
                return self.error(
                    "TypeError",
                    format!(
                        "can't multiply sequence by non-int of type '{}'",
                        a.type_name()
                    ),
                )
            }
            _ => {}
        }
        self.error(
            "TypeError",
            format!(
                "unsupported operand type(s) for {}: '{}' and '{}'",
                symbol(op),
                a.type_name(),
                b.type_name()
            ),
        )
    }

    /// Refuses, as `MemoryError`, an object of `n` items (bytes, or list slots) that
    /// would take the run past its memory.
    fn check_size(&self, n: usize) -> PyResult<()> {
        self.reserve(n.saturating_mul(ITEM_BYTES))
    }

    fn int_op(&self, op: BinOp, x: BigInt, y: BigInt) -> PyResult<Value> {
        let zero_division = |what: &str| self.error("ZeroDivisionError", what.to_owned());
        Ok(match op {
            BinOp::Add => int(x + y),
            BinOp::Sub => int(x - y),
            BinOp::Mul => {
                self.reserve((x.bits() + y.bits()) as usize / 8)?;
                int(x * y)
            }
            BinOp::TrueDiv => {
                if y.is_zero() {
                    return Err(zero_division("division by zero"));
                }
                match (x.to_f64(), y.to_f64()) {
                    (Some(a), Some(b)) => Value::Float(a / b),
                    _ => {
                        return Err(self.error(
                            "OverflowError",
                            "integer division result too large for a float",
                        ))
                    }
                }
            }
            BinOp::FloorDiv => {
                if y.is_zero() {
                    return Err(zero_division("integer division or modulo by zero"));
                }
                int(x.div_floor(&y))
            }
            BinOp::Mod => {
                if y.is_zero() {
                    return Err(zero_division("integer modulo by zero"));
                }
                int(x.mod_floor(&y))
            }
            BinOp::Pow => {
                if y.is_negative() {
                    return match (x.to_f64(), y.to_f64()) {
                        (Some(0.0), Some(_)) => {
                            Err(zero_division("0.0 cannot be raised to a negative power"))
                        }
                        (Some(a), Some(b)) => Ok(Value::Float(a.powf(b))),
                        _ => Err(self.error("OverflowError", "int too large to convert to float")),
                    };
                }
                let exponent = y.to_u32().ok_or_else(|| self.error("MemoryError", ""))?;
                self.reserve((x.bits() as usize).saturating_mul(exponent as usize) / 8)?;
                int(num_traits::pow(x, exponent as usize))
            }
            BinOp::LShift => {
                let by = y
                    .to_usize()
                    .ok_or_else(|| self.error("ValueError", "negative shift count"))?;
                self.reserve(by / 8)?;
                int(x << by)
            }
            BinOp::RShift => {
                let by = y
                    .to_usize()
                    .ok_or_else(|| self.error("ValueError", "negative shift count"))?;
                int(x >> by)
            }
            BinOp::And => int(x & y),
            BinOp::Or => int(x | y),
            BinOp::Xor => int(x ^ y),
            BinOp::MatMul => {
                return Err(self.error(
                    "TypeError",
                    "unsupported operand type(s) for @: 'int' and 'int'",
                ))
            }
        })
    }

    fn float_op(&self, op: BinOp, x: f64, y: f64, a: &Value, b: &Value) -> PyResult<Value> {
        let zero_division = |what: &str| self.error("ZeroDivisionError", what.to_owned());
        Ok(Value::Float(match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => x * y,
            BinOp::TrueDiv => {
                if y == 0.0 {
                    return Err(zero_division("float division by zero"));
                }
                x / y
            }
            BinOp::FloorDiv => {
                if y == 0.0 {
                    return Err(zero_division("float floor division by zero"));
                }
                (x / y).floor()
            }
            BinOp::Mod => {
                if y == 0.0 {
                    return Err(zero_division("float modulo"));
                }
                let r = x % y;
                if r != 0.0 && (r < 0.0) != (y < 0.0) {
                    r + y
                } else {
                    r
                }
            }
            BinOp::Pow => {
                if x == 0.0 && y < 0.0 {
                    return Err(zero_division("0.0 cannot be raised to a negative power"));
                }
                x.powf(y)
            }
            _ => {
                return Err(self.error(
                    "TypeError",
                    format!(
                        "unsupported operand type(s) for {}: '{}' and '{}'",
                        symbol(op),
                        a.type_name(),
                        b.type_name()
                    ),
                ))
            }
        }))
    }

    /// `len(x)`.
    pub fn len(&self, value: &Value) -> PyResult<usize> {
        Ok(match value {
            Value::Str(s) => s.chars().count(),
            Value::Bytes(b) => b.len(),
            Value::List(l) => locked(&l.items).len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) | Value::Set(d) => locked(&d.entries).len,
            Value::Range(r) => usize::try_from(r.len()).unwrap_or(usize::MAX),
            Value::BigRange(r) => super::range::len(self, r)?,
            Value::Native(n) if n.length().is_some() => n.length().unwrap_or(0),
            other => {
                return Err(self.error(
                    "TypeError",
                    format!("object of type '{}' has no len()", other.type_name()),
                ))
            }
        })
    }

    /// `iter(x)`.
    pub fn iter(&self, value: &Value) -> PyResult<Value> {
        let state = match value {
            Value::Iterator(_) => return Ok(value.clone()),
            Value::Generator(g) if g.kind == super::code::Kind::Generator => {
                return Ok(value.clone())
            }
            Value::List(_) | Value::Tuple(_) => Iter::Seq {
                items: value.clone(),
                at: 0,
            },
            Value::Bytes(b) => Iter::Values {
                items: b.iter().map(|&x| Value::Int(i64::from(x))).collect(),
                at: 0,
            },
            Value::Str(s) => Iter::Values {
                items: s
                    .chars()
                    .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                    .collect(),
                at: 0,
            },
            Value::Dict(d) | Value::Set(d) => Iter::Values {
                items: locked(&d.entries).iter().map(|(k, _)| k.clone()).collect(),
                at: 0,
            },
            Value::Range(r) => Iter::Range {
                next: r.start,
                left: r.len(),
                step: r.step,
            },
            Value::BigRange(r) => super::range::iter(self, r)?,
            Value::Native(n) if n.items().is_some() => Iter::Values {
                items: n.items().unwrap_or_default(),
                at: 0,
            },
            other => {
                return Err(self.error(
                    "TypeError",
                    format!("'{}' object is not iterable", other.type_name()),
                ))
            }
        };
        Ok(Value::Iterator(Arc::new(Mutex::new(state))))
    }

    /// The next value of an iterator; `None` at its end.
    pub fn next(&self, iterator: &Value) -> PyResult<Option<Value>> {
        let Value::Iterator(state) = iterator else {
            return Err(self.error(
                "TypeError",
                format!("'{}' object is not an iterator", iterator.type_name()),
            ));
        };
        let mut state = locked(state);
        Ok(match &mut *state {
            Iter::Seq { items, at } => {
                let item = match items {
                    Value::List(l) => locked(&l.items).get(*at).cloned(),
                    Value::Tuple(t) => t.get(*at).cloned(),
                    _ => None,
                };
                *at += 1;
                item
            }
            Iter::Values { items, at } => {
                let item = items.get(*at).cloned();
                *at += 1;
                item
            }
            // Only `next_mut` can run these: they call Python.
            Iter::Lazy(_) => {
                return Err(self.error("SystemError", "lazy iterator outside next_mut"))
            }
            Iter::Range { next, left, step } => {
                if *left <= 0 {
                    None
                } else {
                    let value = *next;
                    *left -= 1;
                    *next = next.wrapping_add(*step);
                    Some(Value::Int(value))
                }
            }
        })
    }

    /// Every item of an iterable, now.
    pub fn collect(&self, value: &Value) -> PyResult<Vec<Value>> {
        match value {
            Value::List(l) => Ok(locked(&l.items).clone()),
            Value::Tuple(t) => Ok(t.to_vec()),
            other => {
                let iterator = self.iter(other)?;
                let mut items = Vec::new();
                while let Some(item) = self.next(&iterator)? {
                    items.push(item);
                    // What is collected is on the heap already: look now and then.
                    if items.len().is_multiple_of(4096) {
                        self.reserve(0)?;
                    }
                }
                Ok(items)
            }
        }
    }

    /// An index into a sequence of `len`, negative ones from the end.
    fn index(&self, index: &Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match index {
            Value::Int(i) => *i,
            Value::Bool(b) => i64::from(*b),
            Value::BigInt(_) => -1 - len as i64 - 1,
            other => {
                return Err(self.error(
                    "TypeError",
                    format!(
                        "{what} indices must be integers or slices, not {}",
                        other.type_name()
                    ),
                ))
            }
        };
        let at = if i < 0 { i + len as i64 } else { i };
        if at < 0 || at >= len as i64 {
            return Err(self.error("IndexError", format!("{what} index out of range")));
        }
        Ok(at as usize)
    }

    /// The indices a slice picks from a sequence of `len`.
    pub fn slice_indices(&self, slice: &[Value; 3], len: usize) -> PyResult<Vec<usize>> {
        let (start, stop, step) = self.slice_bounds(slice, len)?;
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            out.push(i as usize);
            i += step;
        }
        Ok(out)
    }

    /// A slice's start, stop and step on a sequence of `len`, as
    /// `PySlice_AdjustIndices` makes them.
    pub fn slice_bounds(&self, slice: &[Value; 3], len: usize) -> PyResult<(i64, i64, i64)> {
        let len = len as i64;
        let get = |v: &Value| -> PyResult<Option<i64>> {
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(*i)),
                Value::Bool(b) => Ok(Some(i64::from(*b))),
                _ => Err(self.error(
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method",
                )),
            }
        };
        let step = get(&slice[2])?.unwrap_or(1);
        if step == 0 {
            return Err(self.error("ValueError", "slice step cannot be zero"));
        }
        let clamp = |i: i64, low: i64, high: i64| {
            let i = if i < 0 { i + len } else { i };
            i.clamp(low, high)
        };
        let (start, stop) = if step > 0 {
            (
                get(&slice[0])?.map_or(0, |i| clamp(i, 0, len)),
                get(&slice[1])?.map_or(len, |i| clamp(i, 0, len)),
            )
        } else {
            (
                get(&slice[0])?.map_or(len - 1, |i| clamp(i, -1, len - 1)),
                get(&slice[1])?.map_or(-1, |i| clamp(i, -1, len - 1)),
            )
        };
        Ok((start, stop, step))
    }

    /// `container[index]`.
    pub fn get_item(&self, container: &Value, index: &Value) -> PyResult<Value> {
        match (container, index) {
            (Value::List(l), Value::Slice(s)) => {
                let items = locked(&l.items).clone();
                let picked = self.slice_indices(s, items.len())?;
                Ok(List::new(
                    picked
                        .iter()
                        .filter_map(|&i| items.get(i).cloned())
                        .collect(),
                ))
            }
            (Value::List(l), i) => {
                let items = locked(&l.items);
                let at = self.index(i, items.len(), "list")?;
                Ok(items.get(at).cloned().unwrap_or(Value::None))
            }
            (Value::Tuple(t), Value::Slice(s)) => {
                let picked = self.slice_indices(s, t.len())?;
                Ok(Value::tuple(
                    picked.iter().filter_map(|&i| t.get(i).cloned()).collect(),
                ))
            }
            (Value::Tuple(t), i) => {
                let at = self.index(i, t.len(), "tuple")?;
                Ok(t.get(at).cloned().unwrap_or(Value::None))
            }
            (Value::Bytes(data), Value::Slice(s)) => {
                let picked = self.slice_indices(s, data.len())?;
                Ok(super::bytes::new(
                    picked
                        .iter()
                        .filter_map(|&i| data.get(i).copied())
                        .collect(),
                ))
            }
            (Value::Bytes(data), i) => {
                let at = self.index(i, data.len(), "byte").map_err(|e| {
                    // CPython's bytes say just "index out of range".
                    if self.classes().of(&e).name.as_ref() == "IndexError" {
                        self.error("IndexError", "index out of range")
                    } else {
                        e
                    }
                })?;
                Ok(Value::Int(data.get(at).map_or(0, |&b| i64::from(b))))
            }
            (Value::Str(text), Value::Slice(s)) => {
                let chars: Vec<char> = text.chars().collect();
                let picked = self.slice_indices(s, chars.len())?;
                Ok(Value::str(
                    &picked
                        .iter()
                        .filter_map(|&i| chars.get(i))
                        .collect::<String>(),
                ))
            }
            (Value::Str(text), i) => {
                let chars: Vec<char> = text.chars().collect();
                let at = self.index(i, chars.len(), "string")?;
                Ok(Value::str(
                    &chars.get(at).map(char::to_string).unwrap_or_default(),
                ))
            }
            (Value::Range(_), Value::Slice(_)) | (Value::BigRange(_), _) => {
                match super::range::bounds(container) {
                    Some(r) => super::range::get_item(self, &r, index),
                    None => Ok(Value::None),
                }
            }
            (Value::Range(r), i) => {
                let at = self.index(i, usize::try_from(r.len()).unwrap_or(0), "range object")?;
                Ok(Value::Int(r.start + r.step * at as i64))
            }
            (Value::Dict(d), key) => {
                let k = self.key(key)?;
                locked(&d.entries).get(&k).cloned().ok_or_else(|| {
                    super::exceptions::new_exception(
                        self.classes().get("KeyError"),
                        vec![key.clone()],
                    )
                })
            }
            (other, _) => Err(self.error(
                "TypeError",
                format!("'{}' object is not subscriptable", other.type_name()),
            )),
        }
    }

    /// `container[index] = value`.
    pub fn set_item(&self, container: &Value, index: &Value, value: Value) -> PyResult<()> {
        match container {
            Value::List(l) => {
                if let Value::Slice(s) = index {
                    let new_items = self.collect(&value)?;
                    let mut items = locked(&l.items);
                    let picked = self.slice_indices(s, items.len())?;
                    if s[2].type_name() == "NoneType" || matches!(s[2], Value::Int(1)) {
                        let start = picked.first().copied().unwrap_or_else(|| {
                            self.slice_indices(
                                &[s[0].clone(), Value::None, Value::None],
                                items.len(),
                            )
                            .ok()
                            .and_then(|v| v.first().copied())
                            .unwrap_or(items.len())
                        });
                        let end = picked.last().map_or(start, |l| l + 1);
                        items.splice(start..end, new_items);
                        return Ok(());
                    }
                    if new_items.len() != picked.len() {
                        return Err(self.error(
                            "ValueError",
                            format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                new_items.len(),
                                picked.len()
                            ),
                        ));
                    }
                    for (at, item) in picked.into_iter().zip(new_items) {
                        if let Some(slot) = items.get_mut(at) {
                            *slot = item;
                        }
                    }
                    return Ok(());
                }
                let mut items = locked(&l.items);
                let at = self.index(index, items.len(), "list assignment")?;
                if let Some(slot) = items.get_mut(at) {
                    *slot = value;
                }
                Ok(())
            }
            Value::Dict(d) => {
                let key = self.key(index)?;
                locked(&d.entries).insert(key, index.clone(), value);
                Ok(())
            }
            other => Err(self.error(
                "TypeError",
                format!(
                    "'{}' object does not support item assignment",
                    other.type_name()
                ),
            )),
        }
    }

    /// `del container[index]`.
    pub fn del_item(&self, container: &Value, index: &Value) -> PyResult<()> {
        match container {
            Value::List(l) => {
                let mut items = locked(&l.items);
                if let Value::Slice(s) = index {
                    let mut picked = self.slice_indices(s, items.len())?;
                    // From the end, so that each index still means what it did.
                    picked.sort_unstable();
                    for &i in picked.iter().rev() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                    return Ok(());
                }
                let at = self.index(index, items.len(), "list assignment")?;
                items.remove(at);
                Ok(())
            }
            Value::Dict(d) => {
                let key = self.key(index)?;
                locked(&d.entries).remove(&key).map(drop).ok_or_else(|| {
                    super::exceptions::new_exception(
                        self.classes().get("KeyError"),
                        vec![index.clone()],
                    )
                })
            }
            other => Err(self.error(
                "TypeError",
                format!(
                    "'{}' object doesn't support item deletion",
                    other.type_name()
                ),
            )),
        }
    }

    /// `range(…)` as values, for what takes a sequence.
    pub fn range_value(start: i64, stop: i64, step: i64) -> Value {
        Value::Range(Range { start, stop, step })
    }
}

/// The module a program-made class was made in (`__main__`, `queue`); `None` for
/// the builtin classes.
fn module_of(class: &Arc<super::value::Class>) -> Option<String> {
    match class.lookup("__module__") {
        Some(Value::Str(module)) => Some(module.to_string()),
        _ => None,
    }
}

fn symbol(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::TrueDiv => "/",
        BinOp::FloorDiv => "//",
        BinOp::Mod => "%",
        BinOp::Pow => "** or pow()",
        BinOp::LShift => "<<",
        BinOp::RShift => ">>",
        BinOp::And => "&",
        BinOp::Or => "|",
        BinOp::Xor => "^",
        BinOp::MatMul => "@",
    }
}

/// The loop counter's fast path: both small ints, a result that fits, no error.
pub fn int_fast(op: BinOp, x: i64, y: i64) -> Option<i64> {
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Mod if y != 0 => x.checked_rem(y).map(|r| {
            if r != 0 && (r < 0) != (y < 0) {
                r + y
            } else {
                r
            }
        }),
        BinOp::FloorDiv if y != 0 && !(x == i64::MIN && y == -1) => {
            Some(Integer::div_floor(&x, &y))
        }
        BinOp::And => Some(x & y),
        BinOp::Or => Some(x | y),
        BinOp::Xor => Some(x ^ y),
        _ => None,
    }
}

/// The next item of a range or of a list or tuple being walked, with no Python to
/// call: `Some(None)` at the end; `None` for any other iterator.
pub fn next_plain(state: &std::sync::Mutex<Iter>) -> Option<Option<Value>> {
    let mut state = locked(state);
    match &mut *state {
        Iter::Range { next, left, step } => Some(if *left <= 0 {
            None
        } else {
            let value = *next;
            *left -= 1;
            *next = next.wrapping_add(*step);
            Some(Value::Int(value))
        }),
        Iter::Seq { items, at } => {
            let item = match items {
                Value::List(l) => locked(&l.items).get(*at).cloned(),
                Value::Tuple(t) => t.get(*at).cloned(),
                _ => return None,
            };
            *at += 1;
            Some(item)
        }
        _ => None,
    }
}
