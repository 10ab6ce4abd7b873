//! `hash(x)`: CPython's numeric hash (so that `hash(1) == hash(1.0)` and
//! `hash(10**20) == hash(1e20)`, as equal keys need), a fixed hash for strings, and
//! the rule that a class defining `__eq__` without `__hash__` is unhashable.

use super::value::{Class, Key, Value};
use super::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// The modulus of CPython's numeric hash, 2**61 - 1.
const MODULUS: u64 = (1 << 61) - 1;
const BITS: i32 = 61;

/// CPython gives -1 to no object: it means "error" in C.
fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

fn hash_int(n: &BigInt) -> i64 {
    let rem = (n.abs() % BigInt::from(MODULUS)).to_i64().unwrap_or(0);
    fix(if n.is_negative() { -rem } else { rem })
}

/// `_Py_HashDouble`: the float's value modulo 2**61 - 1.
fn hash_float(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    if v.is_nan() {
        return 0;
    }
    let (mut m, mut e) = frexp(v);
    let sign: i64 = if m < 0.0 { -1 } else { 1 };
    m = m.abs();
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (BITS - 28));
        m *= 268_435_456.0; // 2**28
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 {
        e % BITS
    } else {
        BITS - 1 - ((-1 - e) % BITS)
    };
    let x = ((x << e) & MODULUS) | (x >> (BITS - e));
    fix(x as i64 * sign)
}

/// `math.frexp`: `v == m * 2**e` with `0.5 <= |m| < 1`.
fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        // Subnormal: scale it into the normal range first.
        let (m, e) = frexp(v * 2f64.powi(64));
        return (m, e - 64);
    }
    let m = f64::from_bits((bits & !(0x7ff << 52)) | (1022 << 52));
    (m, exponent - 1022)
}

/// The class (of `class` and its bases) that decides hashing: the nearest one that
/// defines `__eq__` or `__hash__`.
fn hash_owner(class: &Arc<Class>) -> Option<(bool, Option<Value>)> {
    let eq = Key::Str(Arc::from("__eq__"));
    let hash = Key::Str(Arc::from("__hash__"));
    let mut at = Some(class.clone());
    while let Some(c) = at {
        let attrs = super::value::locked(&c.attrs);
        let own_hash = attrs.get(&hash).cloned();
        if own_hash.is_some() || attrs.get(&eq).is_some() {
            return Some((attrs.get(&eq).is_some(), own_hash));
        }
        drop(attrs);
        at = c.base.clone();
    }
    None
}

/// Whether objects of `class` are unhashable: it defines `__eq__` and no
/// `__hash__` (or `__hash__ = None`).
pub fn unhashable(class: &Arc<Class>) -> bool {
    match hash_owner(class) {
        Some((_, Some(Value::None))) => true,
        Some((eq, None)) => eq,
        _ => false,
    }
}

fn hash_key(key: &Key) -> i64 {
    match key {
        Key::Int(super::value::BigIntKey::Small(i)) => hash_int(&BigInt::from(*i)),
        Key::Int(super::value::BigIntKey::Big(b)) => hash_int(b),
        Key::Float(bits) => hash_float(f64::from_bits(*bits)),
        other => {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            other.hash(&mut hasher);
            fix(hasher.finish() as i64)
        }
    }
}

/// `hash(value)`.
pub fn hash(vm: &mut Vm, value: &Value) -> PyResult<i64> {
    if let Value::Instance(i) = value {
        if let Some((_, Some(method @ Value::Function(_)))) = hash_owner(&i.class) {
            let result = vm.call(&method, vec![value.clone()], Vec::new())?;
            return match result {
                Value::Int(h) => Ok(fix(h)),
                Value::Bool(b) => Ok(i64::from(b)),
                Value::BigInt(b) => Ok(hash_int(&b)),
                _ => Err(vm.error("TypeError", "__hash__ method should return an integer")),
            };
        }
    }
    Ok(hash_key(&vm.key(value)?))
}
