//! More builtin functions: characters and code points (`chr`, `ord`), ints in other
//! bases (`bin`, `oct`, `hex`), `divmod`, `pow`, `format`, `ascii`, `callable` and
//! `issubclass`, with CPython's error messages.

use super::args::arg;
use super::builtins::NativeFn;
use super::code::BinOp;
use super::ops::big;
use super::value::Value;
use super::vm::{PyResult, Vm};

/// `bin`, `oct`, `hex`: `0b101`, `-0x1f`.
fn in_base(vm: &Vm, value: &Value, radix: u32) -> PyResult<Value> {
    let Some(n) = big(value).filter(|_| !matches!(value, Value::Float(_))) else {
        return Err(vm.not_an_integer(value));
    };
    Ok(Value::str(&super::format::int_to_prefixed(&n, radix)))
}

pub const FUNCTIONS: &[(&str, NativeFn)] = &[
    ("chr", |vm, a, _| {
        let code = match arg(&a, 0) {
            v @ (Value::Int(_) | Value::Bool(_) | Value::BigInt(_)) => big(&v).unwrap_or_default(),
            other => return Err(vm.not_an_integer(&other)),
        };
        match u32::try_from(code).ok().and_then(char::from_u32) {
            Some(c) => Ok(Value::str(c.encode_utf8(&mut [0; 4]))),
            None => Err(vm.error("ValueError", "chr() arg not in range(0x110000)")),
        }
    }),
    ("ord", |vm, a, _| match arg(&a, 0) {
        Value::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(i64::from(u32::from(c)))),
                _ => Err(vm.error(
                    "TypeError",
                    format!(
                        "ord() expected a character, but string of length {} found",
                        s.chars().count()
                    ),
                )),
            }
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(b.first().map_or(0, |&x| i64::from(x)))),
        Value::Bytes(b) => Err(vm.error(
            "TypeError",
            format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            ),
        )),
        other => Err(vm.error(
            "TypeError",
            format!(
                "ord() expected string of length 1, but {} found",
                other.type_name()
            ),
        )),
    }),
    ("bin", |vm, a, _| in_base(vm, &arg(&a, 0), 2)),
    ("oct", |vm, a, _| in_base(vm, &arg(&a, 0), 8)),
    ("hex", |vm, a, _| in_base(vm, &arg(&a, 0), 16)),
    ("divmod", |vm, a, _| {
        let (x, y) = (arg(&a, 0), arg(&a, 1));
        let q = vm.binary_any(BinOp::FloorDiv, &x, &y)?;
        let r = vm.binary_any(BinOp::Mod, &x, &y)?;
        Ok(Value::tuple(vec![q, r]))
    }),
    ("pow", |vm, a, kw| {
        let modulus = a
            .get(2)
            .or_else(|| kw.iter().find(|(k, _)| &**k == "mod").map(|(_, v)| v))
            .cloned();
        let (x, y) = (arg(&a, 0), arg(&a, 1));
        match modulus {
            None | Some(Value::None) => vm.binary_any(BinOp::Pow, &x, &y),
            Some(m) => {
                let (Some(b), Some(e), Some(m)) = (big(&x), big(&y), big(&m)) else {
                    return Err(vm.error(
                        "TypeError",
                        "pow() 3rd argument not allowed unless all arguments are integers",
                    ));
                };
                if num_traits::Zero::is_zero(&m) {
                    return Err(vm.error("ValueError", "pow() 3rd argument cannot be 0"));
                }
                if num_traits::Signed::is_negative(&e) {
                    return Err(
                        vm.error("ValueError", "base is not invertible for the given modulus")
                    );
                }
                let r = b.modpow(&e, &m);
                // Python's result has the modulus's sign.
                let r = if !num_traits::Zero::is_zero(&r)
                    && num_traits::Signed::is_negative(&r) != num_traits::Signed::is_negative(&m)
                {
                    r + m
                } else {
                    r
                };
                Ok(super::ops::int(r))
            }
        }
    }),
    ("format", |vm, a, _| {
        let spec = match a.get(1) {
            None => String::new(),
            Some(Value::Str(s)) => s.to_string(),
            Some(other) => {
                return Err(vm.error(
                    "TypeError",
                    format!("format() argument 2 must be str, not {}", other.type_name()),
                ))
            }
        };
        let value = arg(&a, 0);
        vm.format_value(&value, 0, Some(&Value::str(&spec)))
            .map(|s| Value::str(&s))
    }),
    ("ascii", |vm, a, _| {
        let text = vm.display(&arg(&a, 0), true)?;
        let mut out = String::new();
        for c in text.chars() {
            match u32::from(c) {
                0..=0x7f => out.push(c),
                n @ 0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
                n @ 0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
                n => out.push_str(&format!("\\U{n:08x}")),
            }
        }
        Ok(Value::str(&out))
    }),
    ("callable", |_, a, _| {
        Ok(Value::Bool(match arg(&a, 0) {
            Value::Function(_)
            | Value::Builtin(_)
            | Value::Method(_)
            | Value::BoundMethod(_)
            | Value::Class(_) => true,
            Value::Instance(i) => i.class.lookup("__call__").is_some(),
            _ => false,
        }))
    }),
    ("issubclass", |vm, a, _| {
        let Value::Class(class) = arg(&a, 0) else {
            return Err(vm.error("TypeError", "issubclass() arg 1 must be a class"));
        };
        let check = |c: &Value| matches!(c, Value::Class(c) if class.is_subclass(c));
        Ok(Value::Bool(match arg(&a, 1) {
            Value::Tuple(t) => t.iter().any(check),
            c @ Value::Class(_) => check(&c),
            _ => {
                return Err(vm.error(
                    "TypeError",
                    "issubclass() arg 2 must be a class, a tuple of classes, or a union",
                ))
            }
        }))
    }),
];
