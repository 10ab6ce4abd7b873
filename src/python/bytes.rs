//! `bytes`: making them (`bytes(…)`), their repr, operators and methods. The codecs
//! between `str` and `bytes` are `codecs.rs`.

use super::builtins::NativeFn;
use super::code::BinOp;
use super::codecs::{decode, encode};
use super::str_methods::int_arg;
use super::value::{List, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

pub fn new(data: Vec<u8>) -> Value {
    Value::Bytes(Arc::from(data))
}

/// `repr(b)`: `b'…'`, or `b"…"` when only that needs no escaping.
pub fn repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = format!("b{quote}");
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b if char::from(b) == quote => {
                out.push('\\');
                out.push(quote);
            }
            0x20..=0x7e => out.push(char::from(b)),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote);
    out
}

/// A byte value from an int, as `bytes([…])` and `b.join` take them.
fn byte(vm: &Vm, value: &Value) -> PyResult<u8> {
    match value {
        Value::Int(i) => {
            u8::try_from(*i).map_err(|_| vm.error("ValueError", "bytes must be in range(0, 256)"))
        }
        Value::Bool(b) => Ok(u8::from(*b)),
        other => Err(vm.not_an_integer(other)),
    }
}

/// `bytes(…)`.
pub fn construct(vm: &mut Vm, args: Vec<Value>, kwargs: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let encoding = super::str_methods::param(&args, &kwargs, 1, "encoding");
    match args.first() {
        None => Ok(new(Vec::new())),
        Some(Value::Str(s)) => match encoding {
            Some(e) => encode(vm, s, Some(&vm.str(&e))),
            None => Err(vm.error("TypeError", "string argument without an encoding")),
        },
        Some(Value::Bytes(b)) => Ok(Value::Bytes(b.clone())),
        Some(Value::Int(n)) => {
            let n = usize::try_from(*n).map_err(|_| vm.error("ValueError", "negative count"))?;
            vm.reserve(n)?;
            Ok(new(vec![0; n]))
        }
        Some(other) => {
            let items = vm.collect_mut(other).map_err(|_| {
                vm.error(
                    "TypeError",
                    format!("cannot convert '{}' object to bytes", other.type_name()),
                )
            })?;
            let data = items
                .iter()
                .map(|v| byte(vm, v))
                .collect::<PyResult<Vec<u8>>>()?;
            Ok(new(data))
        }
    }
}

/// `a + b`, `b * n` for bytes; `None` when the operands are not that.
pub fn binary(vm: &Vm, op: BinOp, a: &Value, b: &Value) -> Option<PyResult<Value>> {
    match (op, a, b) {
        (BinOp::Add, Value::Bytes(x), Value::Bytes(y)) => {
            Some(Ok(new(x.iter().chain(y.iter()).copied().collect())))
        }
        (BinOp::Add, Value::Bytes(_), other) => Some(Err(vm.error(
            "TypeError",
            format!("can't concat {} to bytes", other.type_name()),
        ))),
        (BinOp::Mul, Value::Bytes(x), n @ (Value::Int(_) | Value::Bool(_)))
        | (BinOp::Mul, n @ (Value::Int(_) | Value::Bool(_)), Value::Bytes(x)) => {
            let times = usize::try_from(int_arg(vm, Some(n.clone()), 0).unwrap_or(0)).unwrap_or(0);
            if let Err(e) = vm.reserve(x.len().saturating_mul(times)) {
                return Some(Err(e));
            }
            Some(Ok(new(x.repeat(times))))
        }
        _ => None,
    }
}

/// `item in data`: a byte value or a run of bytes.
pub fn contains(vm: &Vm, data: &[u8], item: &Value) -> PyResult<bool> {
    match item {
        Value::Bytes(sub) => Ok(find(data, sub).is_some()),
        other => Ok(data.contains(&byte(vm, other)?)),
    }
}

fn find(data: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(0);
    }
    data.windows(sub.len()).position(|w| w == sub)
}

fn rfind(data: &[u8], sub: &[u8]) -> Option<usize> {
    if sub.is_empty() {
        return Some(data.len());
    }
    data.windows(sub.len()).rposition(|w| w == sub)
}

fn this(a: &[Value]) -> Arc<[u8]> {
    match a.first() {
        Some(Value::Bytes(b)) => b.clone(),
        _ => Arc::from(Vec::new()),
    }
}

/// A bytes argument, or CPython's TypeError for what came instead.
fn bytes_arg(vm: &Vm, value: Option<&Value>) -> PyResult<Arc<[u8]>> {
    match value {
        Some(Value::Bytes(b)) => Ok(b.clone()),
        other => Err(vm.error(
            "TypeError",
            format!(
                "a bytes-like object is required, not '{}'",
                other.map_or("NoneType", Value::type_name)
            ),
        )),
    }
}

fn split_on(data: &[u8], sep: &[u8], max: i64) -> Vec<Value> {
    let mut out = Vec::new();
    let mut rest = data;
    while let Some(at) = find(rest, sep) {
        if max >= 0 && out.len() as i64 >= max {
            break;
        }
        out.push(new(rest[..at].to_vec()));
        rest = &rest[at + sep.len()..];
    }
    out.push(new(rest.to_vec()));
    out
}

fn strip(vm: &Vm, a: &[Value], left: bool, right: bool) -> PyResult<Value> {
    let data = this(a);
    let set: Vec<u8> = match a.get(1) {
        None | Some(Value::None) => b" \t\n\r\x0b\x0c".to_vec(),
        other => bytes_arg(vm, other)?.to_vec(),
    };
    let mut s: &[u8] = &data;
    while left && s.first().is_some_and(|b| set.contains(b)) {
        s = &s[1..];
    }
    while right && s.last().is_some_and(|b| set.contains(b)) {
        s = &s[..s.len() - 1];
    }
    Ok(new(s.to_vec()))
}

fn affix(vm: &Vm, a: &[Value], start: bool) -> PyResult<Value> {
    let data = this(a);
    let test = |p: &[u8]| {
        if start {
            data.starts_with(p)
        } else {
            data.ends_with(p)
        }
    };
    Ok(Value::Bool(match a.get(1) {
        Some(Value::Bytes(p)) => test(p),
        Some(Value::Tuple(t)) => t.iter().any(|p| matches!(p, Value::Bytes(p) if test(p))),
        other => {
            return Err(vm.error(
                "TypeError",
                format!(
                    "{} first arg must be bytes or a tuple of bytes, not {}",
                    if start { "startswith" } else { "endswith" },
                    other.map_or("NoneType", Value::type_name)
                ),
            ))
        }
    }))
}

fn mapped(a: &[Value], f: fn(&u8) -> u8) -> PyResult<Value> {
    Ok(new(this(a).iter().map(f).collect()))
}

fn all_bytes(a: &[Value], test: fn(&u8) -> bool) -> PyResult<Value> {
    let data = this(a);
    Ok(Value::Bool(!data.is_empty() && data.iter().all(test)))
}

/// `bytes.fromhex("ca fe")`.
fn fromhex(vm: &Vm, text: &str) -> PyResult<Value> {
    let mut out = Vec::new();
    let mut digits = text.char_indices().filter(|(_, c)| !c.is_whitespace());
    while let Some((i, high)) = digits.next() {
        let low = digits.next();
        match (high.to_digit(16), low.and_then(|(_, c)| c.to_digit(16))) {
            (Some(h), Some(l)) => out.push(u8::try_from(h * 16 + l).unwrap_or(0)),
            _ => {
                let at = if high.is_ascii_hexdigit() {
                    low.map_or(text.chars().count(), |(j, _)| text[..j].chars().count())
                } else {
                    text[..i].chars().count()
                };
                return Err(vm.error(
                    "ValueError",
                    format!("non-hexadecimal number found in fromhex() arg at position {at}"),
                ));
            }
        }
    }
    Ok(new(out))
}

pub const BYTES: &[(&str, NativeFn)] = &[
    ("decode", |vm, a, kw| {
        let encoding = super::str_methods::param(&a, &kw, 1, "encoding").map(|e| vm.str(&e));
        decode(vm, &this(&a), encoding.as_deref())
    }),
    ("hex", |_, a, _| {
        Ok(Value::str(
            &this(&a)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect::<String>(),
        ))
    }),
    ("fromhex", |vm, a, _| match a.last() {
        Some(Value::Str(s)) => fromhex(vm, s),
        other => Err(vm.error(
            "TypeError",
            format!(
                "fromhex() argument must be str, not {}",
                other.map_or("NoneType", Value::type_name)
            ),
        )),
    }),
    ("upper", |_, a, _| mapped(&a, u8::to_ascii_uppercase)),
    ("lower", |_, a, _| mapped(&a, u8::to_ascii_lowercase)),
    ("isdigit", |_, a, _| all_bytes(&a, u8::is_ascii_digit)),
    ("isalpha", |_, a, _| all_bytes(&a, u8::is_ascii_alphabetic)),
    ("isspace", |_, a, _| all_bytes(&a, u8::is_ascii_whitespace)),
    ("replace", |vm, a, _| {
        let data = this(&a);
        let (old, new_part) = (bytes_arg(vm, a.get(1))?, bytes_arg(vm, a.get(2))?);
        let count = int_arg(vm, a.get(3).cloned(), -1)?;
        let parts = split_on(&data, &old, count);
        let mut out = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(&new_part);
            }
            if let Value::Bytes(p) = part {
                out.extend_from_slice(p);
            }
        }
        Ok(new(out))
    }),
    ("split", |vm, a, kw| {
        let data = this(&a);
        let max = int_arg(vm, super::str_methods::param(&a, &kw, 2, "maxsplit"), -1)?;
        match super::str_methods::param(&a, &kw, 1, "sep") {
            None | Some(Value::None) => Ok(List::new(
                data.split(u8::is_ascii_whitespace)
                    .filter(|p| !p.is_empty())
                    .map(|p| new(p.to_vec()))
                    .collect(),
            )),
            Some(sep) => {
                let sep = bytes_arg(vm, Some(&sep))?;
                if sep.is_empty() {
                    return Err(vm.error("ValueError", "empty separator"));
                }
                Ok(List::new(split_on(&data, &sep, max)))
            }
        }
    }),
    ("strip", |vm, a, _| strip(vm, &a, true, true)),
    ("lstrip", |vm, a, _| strip(vm, &a, true, false)),
    ("rstrip", |vm, a, _| strip(vm, &a, false, true)),
    ("join", |vm, a, _| {
        let sep = this(&a);
        let items = vm.collect_mut(&a.get(1).cloned().unwrap_or(Value::None))?;
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let Value::Bytes(part) = item else {
                return Err(vm.error(
                    "TypeError",
                    format!(
                        "sequence item {i}: expected a bytes-like object, {} found",
                        item.type_name()
                    ),
                ));
            };
            if i > 0 {
                out.extend_from_slice(&sep);
            }
            out.extend_from_slice(part);
        }
        Ok(new(out))
    }),
    ("startswith", |vm, a, _| affix(vm, &a, true)),
    ("endswith", |vm, a, _| affix(vm, &a, false)),
    ("find", |vm, a, _| {
        let sub = bytes_arg(vm, a.get(1))?;
        Ok(Value::Int(find(&this(&a), &sub).map_or(-1, |i| i as i64)))
    }),
    ("rfind", |vm, a, _| {
        let sub = bytes_arg(vm, a.get(1))?;
        Ok(Value::Int(rfind(&this(&a), &sub).map_or(-1, |i| i as i64)))
    }),
    ("index", |vm, a, _| {
        let sub = bytes_arg(vm, a.get(1))?;
        match find(&this(&a), &sub) {
            Some(i) => Ok(Value::Int(i as i64)),
            None => Err(vm.error("ValueError", "subsection not found")),
        }
    }),
    ("count", |vm, a, _| {
        let data = this(&a);
        let sub = bytes_arg(vm, a.get(1))?;
        Ok(Value::Int(if sub.is_empty() {
            data.len() as i64 + 1
        } else {
            split_on(&data, &sub, -1).len() as i64 - 1
        }))
    }),
];
