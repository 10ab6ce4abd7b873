//! Which methods a builtin type's value has: the dispatcher `method`, the methods
//! called on a class (`dict.fromkeys`), and the types with only a few (`int`,
//! `float`, `property`). The longer tables have files of their own (`list_methods.rs`,
//! `dict_methods.rs`, `str_methods.rs`, …); calling a type is `construct.rs`.

use super::args::arg;
use super::builtins::NativeFn;
use super::ops::{big, int};
use super::value::{Builtin, Dict, DictEntries, Value};
use std::sync::Arc;

/// A method called on the class itself: `dict.fromkeys`, `bytes.fromhex`.
pub fn class_method(class: &str, name: &str) -> Option<Builtin> {
    let call: NativeFn = match (class, name) {
        ("dict", "fromkeys") => |vm, a, _| {
            let mut entries = DictEntries::default();
            for k in vm.collect_mut(&arg(&a, 0))? {
                entries.insert(vm.key(&k)?, k, arg(&a, 1));
            }
            Ok(Dict::new_value(entries))
        },
        ("bytes", "fromhex") => |vm, a, kw| {
            let method = super::bytes::BYTES.iter().find(|(n, _)| *n == "fromhex");
            match method {
                Some((_, call)) => call(vm, a, kw),
                None => Ok(Value::None),
            }
        },
        _ => return None,
    };
    Some(Builtin {
        name: match name {
            "fromkeys" => "fromkeys",
            _ => "fromhex",
        },
        call,
    })
}

/// The method `name` of the value's type, if it has one.
pub fn method(object: &Value, name: &str) -> Option<Builtin> {
    let table: &[(&'static str, NativeFn)] = match object {
        Value::List(_) => super::list_methods::LIST,
        Value::Dict(_) => super::dict_methods::DICT,
        Value::Str(_) => super::str_methods::STR,
        Value::Bytes(_) => super::bytes::BYTES,
        Value::Range(_) | Value::BigRange(_) => super::range::RANGE,
        Value::Set(_) => super::dict_methods::SET,
        Value::Tuple(_) => super::list_methods::TUPLE,
        Value::Lock(_) => super::thread::LOCK,
        Value::Generator(g) if g.kind == super::code::Kind::AsyncGenerator => {
            super::async_gen::METHODS
        }
        Value::Generator(_) => super::generator_methods::METHODS,
        Value::Native(n) => n.methods(),
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => INT,
        Value::Float(_) => FLOAT,
        Value::Property(_) => PROPERTY,
        _ => return None,
    };
    table
        .iter()
        .find(|(n, _)| *n == name)
        .map(|&(name, call)| Builtin { name, call })
}

/// `@x.setter`: the property again, with the function as its setter.
const PROPERTY: &[(&str, NativeFn)] = &[("setter", |vm, a, _| match (a.first(), a.get(1)) {
    (Some(Value::Property(p)), Some(setter)) => {
        Ok(Value::Property(Arc::new((p.0.clone(), setter.clone()))))
    }
    _ => Err(vm.error("TypeError", "setter() takes exactly one argument")),
})];

const INT: &[(&str, NativeFn)] = &[
    ("bit_length", |_, a, _| {
        Ok(Value::Int(big(&arg(&a, 0)).map_or(0, |n| n.bits() as i64)))
    }),
    ("bit_count", |_, a, _| {
        let n = big(&arg(&a, 0)).unwrap_or_default();
        Ok(Value::Int(
            n.magnitude()
                .iter_u64_digits()
                .map(|d| i64::from(d.count_ones()))
                .sum(),
        ))
    }),
    ("conjugate", |_, a, _| {
        Ok(int(big(&arg(&a, 0)).unwrap_or_default()))
    }),
];

const FLOAT: &[(&str, NativeFn)] = &[
    ("is_integer", |_, a, _| {
        Ok(Value::Bool(
            matches!(arg(&a, 0), Value::Float(f) if f.fract() == 0.0),
        ))
    }),
    ("conjugate", |_, a, _| Ok(arg(&a, 0))),
];
