//! Python's arithmetic: unary and binary operators on ints (small and big), floats,
//! strings and sequences, with CPython's errors for the operands it refuses.

use super::code::{BinOp, UnOp};
use super::ops::{big, float, int};
use super::value::{both_entries, locked, List, Value};
use super::vm::{PyResult, Vm, ITEM_BYTES};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use std::sync::{Arc, Mutex};

impl Vm {
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
                let (x, y) = both_entries(x, y);
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
                    keys: Default::default(),
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
    pub(super) fn operand_error(&self, op: BinOp, a: &Value, b: &Value) -> Value {
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
    pub(super) fn check_size(&self, n: usize) -> PyResult<()> {
        self.reserve(n.saturating_mul(ITEM_BYTES))
    }

    pub(super) fn int_op(&self, op: BinOp, x: BigInt, y: BigInt) -> PyResult<Value> {
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

    pub(super) fn float_op(
        &self,
        op: BinOp,
        x: f64,
        y: f64,
        a: &Value,
        b: &Value,
    ) -> PyResult<Value> {
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
}

pub(super) fn symbol(op: BinOp) -> &'static str {
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
