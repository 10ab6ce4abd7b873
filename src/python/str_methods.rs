//! The methods of `str`, by name, and how they read their arguments; splitting
//! (`str_split.rs`), searching (`str_search.rs`), case (`str_case.rs`) and
//! `str.format` (`str_format.rs`) are files of their own.

use super::builtins::NativeFn;
use super::str_case::{all_chars, is_cased, is_digit, istitle, mapped, title};
use super::str_search::{affix, find, window};
use super::str_split::{partition, split, splitlines, str_list};
use super::value::Value;
use super::vm::{PyResult, Vm};
use std::sync::Arc;

type Kwargs = [(Arc<str>, Value)];

pub fn text(value: &Value) -> Arc<str> {
    match value {
        Value::Str(s) => s.clone(),
        _ => Arc::from(""),
    }
}

/// The object a method was called on.
pub(super) fn this(a: &[Value]) -> Arc<str> {
    a.first().map_or_else(|| Arc::from(""), text)
}

/// The argument at `i` (the object itself is 0), or the keyword `name`.
pub fn param(a: &[Value], kw: &Kwargs, i: usize, name: &str) -> Option<Value> {
    a.get(i)
        .or_else(|| kw.iter().find(|(k, _)| &**k == name).map(|(_, v)| v))
        .cloned()
}

/// An integer argument; `default` when it is missing or `None`.
pub fn int_arg(vm: &Vm, value: Option<Value>, default: i64) -> PyResult<i64> {
    match value {
        None | Some(Value::None) => Ok(default),
        Some(Value::Int(i)) => Ok(i),
        Some(Value::Bool(b)) => Ok(i64::from(b)),
        Some(Value::BigInt(b)) => Ok(if num_traits::Signed::is_negative(&*b) {
            i64::MIN
        } else {
            i64::MAX
        }),
        Some(other) => Err(vm.not_an_integer(&other)),
    }
}

/// A `str` argument, or CPython's TypeError naming what was given instead.
pub(super) fn str_arg(vm: &Vm, value: Option<Value>, what: &str) -> PyResult<Arc<str>> {
    match value {
        Some(Value::Str(s)) => Ok(s),
        other => Err(vm.error(
            "TypeError",
            format!(
                "{what}must be str, not {}",
                other.as_ref().map_or("NoneType", Value::type_name)
            ),
        )),
    }
}

/// Python's whitespace: Unicode's, and the four separators `\x1c`–`\x1f`.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

fn strip(vm: &Vm, a: &[Value], left: bool, right: bool) -> PyResult<Value> {
    let s = this(a);
    let chars: Option<Vec<char>> = match a.get(1) {
        Some(Value::Str(c)) => Some(c.chars().collect()),
        None | Some(Value::None) => None,
        Some(other) => {
            return Err(vm.error(
                "TypeError",
                format!("strip arg must be None or str, not {}", other.type_name()),
            ))
        }
    };
    let strip_char = |c: char| chars.as_ref().map_or(is_space(c), |set| set.contains(&c));
    let mut out: &str = &s;
    if left {
        out = out.trim_start_matches(strip_char);
    }
    if right {
        out = out.trim_end_matches(strip_char);
    }
    Ok(Value::str(out))
}

/// `center`, `ljust`, `rjust`, with CPython's split of the padding for `center`.
fn pad(vm: &Vm, a: &[Value], align: char) -> PyResult<Value> {
    let s = this(a);
    let width = int_arg(vm, a.get(1).cloned(), 0)?;
    let fill = match a.get(2) {
        None => ' ',
        Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
        Some(Value::Str(_)) => {
            return Err(vm.error(
                "TypeError",
                "The fill character must be exactly one character long",
            ))
        }
        Some(other) => {
            return Err(vm.error(
                "TypeError",
                format!(
                    "The fill character must be a unicode character, not {}",
                    other.type_name()
                ),
            ))
        }
    };
    let len = s.chars().count() as i64;
    if width <= len {
        return Ok(Value::Str(s));
    }
    let padding = width - len;
    vm.reserve(
        usize::try_from(width)
            .unwrap_or(usize::MAX)
            .saturating_mul(4),
    )?;
    let left = match align {
        '<' => 0,
        '>' => padding,
        _ => padding / 2 + (padding & width & 1),
    };
    let fills = |n: i64| std::iter::repeat_n(fill, usize::try_from(n).unwrap_or(0));
    let out: String = fills(left)
        .chain(s.chars())
        .chain(fills(padding - left))
        .collect();
    Ok(Value::str(&out))
}

pub const STR: &[(&str, NativeFn)] = &[
    ("split", |vm, a, kw| split(vm, a, kw, false)),
    ("rsplit", |vm, a, kw| split(vm, a, kw, true)),
    ("splitlines", |vm, a, kw| {
        let keepends = param(&a, &kw, 1, "keepends").is_some_and(|k| vm.truthy(&k));
        Ok(str_list(splitlines(&this(&a), keepends)))
    }),
    ("join", |vm, a, _| {
        let sep = this(&a);
        let items = vm.collect_mut(&a.get(1).cloned().unwrap_or(Value::None))?;
        let mut parts = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            match item {
                Value::Str(s) => parts.push(s.clone()),
                other => {
                    return Err(vm.error(
                        "TypeError",
                        format!(
                            "sequence item {i}: expected str instance, {} found",
                            other.type_name()
                        ),
                    ))
                }
            }
        }
        Ok(Value::str(&parts.join(&*sep)))
    }),
    ("strip", |vm, a, _| strip(vm, &a, true, true)),
    ("lstrip", |vm, a, _| strip(vm, &a, true, false)),
    ("rstrip", |vm, a, _| strip(vm, &a, false, true)),
    ("replace", |vm, a, _| {
        let s = this(&a);
        let old = str_arg(vm, a.get(1).cloned(), "replace() argument 1 ")?;
        let new = str_arg(vm, a.get(2).cloned(), "replace() argument 2 ")?;
        let count = int_arg(vm, a.get(3).cloned(), -1)?;
        Ok(Value::str(&match usize::try_from(count) {
            Ok(n) => s.replacen(&*old, &new, n),
            Err(_) => s.replace(&*old, &new),
        }))
    }),
    ("removeprefix", |vm, a, _| {
        let s = this(&a);
        let p = str_arg(vm, a.get(1).cloned(), "removeprefix() argument ")?;
        Ok(Value::str(s.strip_prefix(&*p).unwrap_or(&s)))
    }),
    ("removesuffix", |vm, a, _| {
        let s = this(&a);
        let p = str_arg(vm, a.get(1).cloned(), "removesuffix() argument ")?;
        Ok(Value::str(s.strip_suffix(&*p).unwrap_or(&s)))
    }),
    ("find", |vm, a, _| {
        Ok(Value::Int(find(vm, &a, false)?.unwrap_or(-1)))
    }),
    ("rfind", |vm, a, _| {
        Ok(Value::Int(find(vm, &a, true)?.unwrap_or(-1)))
    }),
    ("index", |vm, a, _| match find(vm, &a, false)? {
        Some(at) => Ok(Value::Int(at)),
        None => Err(vm.error("ValueError", "substring not found")),
    }),
    ("rindex", |vm, a, _| match find(vm, &a, true)? {
        Some(at) => Ok(Value::Int(at)),
        None => Err(vm.error("ValueError", "substring not found")),
    }),
    ("count", |vm, a, _| {
        let s = this(&a);
        let sub = str_arg(vm, a.get(1).cloned(), "")?;
        let Some((range, _)) = window(vm, &s, &a, 2)? else {
            return Ok(Value::Int(0));
        };
        let part = &s[range];
        Ok(Value::Int(if sub.is_empty() {
            part.chars().count() as i64 + 1
        } else {
            part.matches(&*sub).count() as i64
        }))
    }),
    ("startswith", |vm, a, _| affix(vm, &a, true)),
    ("endswith", |vm, a, _| affix(vm, &a, false)),
    ("partition", |vm, a, _| partition(vm, &a, false)),
    ("rpartition", |vm, a, _| partition(vm, &a, true)),
    ("upper", |_, a, _| mapped(&a, str::to_uppercase)),
    ("lower", |_, a, _| mapped(&a, str::to_lowercase)),
    ("casefold", |_, a, _| mapped(&a, str::to_lowercase)),
    ("swapcase", |_, a, _| {
        mapped(&a, |s| {
            s.chars()
                .flat_map(|c| -> Vec<char> {
                    if c.is_uppercase() {
                        c.to_lowercase().collect()
                    } else if c.is_lowercase() {
                        c.to_uppercase().collect()
                    } else {
                        vec![c]
                    }
                })
                .collect()
        })
    }),
    ("title", |_, a, _| mapped(&a, title)),
    ("capitalize", |_, a, _| {
        mapped(&a, |s| {
            let mut chars = s.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
    }),
    ("isdigit", |_, a, _| all_chars(&a, is_digit)),
    ("isdecimal", |_, a, _| all_chars(&a, is_digit)),
    ("isnumeric", |_, a, _| all_chars(&a, is_digit)),
    ("isalpha", |_, a, _| all_chars(&a, char::is_alphabetic)),
    ("isalnum", |_, a, _| {
        all_chars(&a, |c| c.is_alphabetic() || is_digit(c))
    }),
    ("isspace", |_, a, _| all_chars(&a, is_space)),
    ("isascii", |_, a, _| Ok(Value::Bool(this(&a).is_ascii()))),
    ("islower", |_, a, _| {
        let s = this(&a);
        Ok(Value::Bool(
            s.chars().any(is_cased) && !s.chars().any(char::is_uppercase),
        ))
    }),
    ("isupper", |_, a, _| {
        let s = this(&a);
        Ok(Value::Bool(
            s.chars().any(is_cased) && !s.chars().any(char::is_lowercase),
        ))
    }),
    ("istitle", |_, a, _| Ok(Value::Bool(istitle(&this(&a))))),
    ("isidentifier", |_, a, _| {
        let s = this(&a);
        let mut chars = s.chars();
        Ok(Value::Bool(
            chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
                && chars.all(|c| c == '_' || c.is_alphanumeric()),
        ))
    }),
    ("center", |vm, a, _| pad(vm, &a, '^')),
    ("ljust", |vm, a, _| pad(vm, &a, '<')),
    ("rjust", |vm, a, _| pad(vm, &a, '>')),
    ("zfill", |vm, a, _| {
        let s = this(&a);
        let width = int_arg(vm, a.get(1).cloned(), 0)?;
        let len = s.chars().count() as i64;
        if len >= width {
            return Ok(Value::Str(s));
        }
        let (sign, digits) = match s.chars().next() {
            Some(c @ ('-' | '+')) => (c.to_string(), &s[1..]),
            _ => (String::new(), &*s),
        };
        let zeros = usize::try_from(width - len).unwrap_or(0);
        vm.reserve(zeros)?;
        let zeros = "0".repeat(zeros);
        Ok(Value::str(&format!("{sign}{zeros}{digits}")))
    }),
    ("expandtabs", |vm, a, kw| {
        let size = int_arg(vm, param(&a, &kw, 1, "tabsize"), 8)?;
        let mut out = String::new();
        let mut column = 0;
        for c in this(&a).chars() {
            match c {
                '\t' if size > 0 => {
                    let n = size - column % size;
                    out.extend(std::iter::repeat_n(' ', usize::try_from(n).unwrap_or(0)));
                    column += n;
                }
                '\t' => {}
                '\n' | '\r' => {
                    out.push(c);
                    column = 0;
                }
                c => {
                    out.push(c);
                    column += 1;
                }
            }
        }
        Ok(Value::str(&out))
    }),
    ("format", |vm, a, kw| {
        let template = this(&a);
        super::str_format::format(vm, &template, a.get(1..).unwrap_or(&[]), &kw)
            .map(|s| Value::str(&s))
    }),
    ("format_map", |vm, a, _| {
        let template = this(&a);
        let mapping = a.get(1).cloned().unwrap_or(Value::None);
        super::str_format::format_map(vm, &template, &mapping).map(|s| Value::str(&s))
    }),
    ("encode", |vm, a, kw| {
        let s = this(&a);
        let encoding = param(&a, &kw, 1, "encoding").map(|e| vm.str(&e));
        super::codecs::encode(vm, &s, encoding.as_deref())
    }),
];
