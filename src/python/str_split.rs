//! `str.split`, `rsplit`, `splitlines`, `partition` and `rpartition`, with
//! CPython's idea of whitespace and of a line break.

use super::str_methods::{int_arg, is_space, param, this};
use super::value::{List, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

pub(super) fn str_list(items: Vec<&str>) -> Value {
    List::new(items.into_iter().map(Value::str).collect())
}

fn split_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_start_matches(is_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 == maxsplit {
            out.push(rest);
            break;
        }
        let end = rest.find(is_space).unwrap_or(rest.len());
        out.push(&rest[..end]);
        rest = rest[end..].trim_start_matches(is_space);
    }
    out
}

fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s.trim_end_matches(is_space);
    while !rest.is_empty() {
        if maxsplit >= 0 && out.len() as i64 == maxsplit {
            out.push(rest);
            break;
        }
        let start = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| is_space(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        out.push(&rest[start..]);
        rest = rest[..start].trim_end_matches(is_space);
    }
    out.reverse();
    out
}

pub(super) fn split(
    vm: &mut Vm,
    a: Vec<Value>,
    kw: Vec<(Arc<str>, Value)>,
    right: bool,
) -> PyResult<Value> {
    let s = this(&a);
    let maxsplit = int_arg(vm, param(&a, &kw, 2, "maxsplit"), -1)?;
    Ok(match param(&a, &kw, 1, "sep") {
        None | Some(Value::None) if right => str_list(rsplit_whitespace(&s, maxsplit)),
        None | Some(Value::None) => str_list(split_whitespace(&s, maxsplit)),
        Some(Value::Str(sep)) if sep.is_empty() => {
            return Err(vm.error("ValueError", "empty separator"))
        }
        Some(Value::Str(sep)) => {
            let n = usize::try_from(maxsplit).map_or(usize::MAX, |m| m.saturating_add(1));
            if right {
                let mut parts: Vec<&str> = s.rsplitn(n, &*sep).collect();
                parts.reverse();
                str_list(parts)
            } else {
                str_list(s.splitn(n, &*sep).collect())
            }
        }
        Some(other) => {
            return Err(vm.error(
                "TypeError",
                format!("must be str or None, not {}", other.type_name()),
            ))
        }
    })
}

/// `str.splitlines`: every line break Python knows, `\r\n` as one.
pub(super) fn splitlines(s: &str, keepends: bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let breaks = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if !breaks {
            continue;
        }
        let mut end = i + c.len_utf8();
        if c == '\r' && chars.peek().is_some_and(|&(_, n)| n == '\n') {
            chars.next();
            end += 1;
        }
        out.push(&s[start..if keepends { end } else { i }]);
        start = end;
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

pub(super) fn partition(vm: &Vm, a: &[Value], right: bool) -> PyResult<Value> {
    let s = this(a);
    let sep = match a.get(1) {
        Some(Value::Str(sep)) => sep.clone(),
        other => {
            return Err(vm.error(
                "TypeError",
                format!(
                    "must be str, not {}",
                    other.map_or("NoneType", Value::type_name)
                ),
            ))
        }
    };
    if sep.is_empty() {
        return Err(vm.error("ValueError", "empty separator"));
    }
    let found = if right { s.rfind(&*sep) } else { s.find(&*sep) };
    let parts = match found {
        Some(at) => [&s[..at], &*sep, &s[at + sep.len()..]],
        None if right => ["", "", &*s],
        None => [&*s, "", ""],
    };
    Ok(Value::tuple(parts.iter().map(|p| Value::str(p)).collect()))
}
