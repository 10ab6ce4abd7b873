//! Searching in a `str`: `find`, `index` and their right-hand twins, `startswith`
//! and `endswith`, each within the `start`/`end` window a slice would take.

use super::str_methods::{int_arg, str_arg, this};
use super::value::Value;
use super::vm::{PyResult, Vm};

/// The part of `s` that `start` and `end` arguments pick (char indices, as
/// slices take them), its byte range and its first char's index; `None` when
/// `start` is past the end.
pub(super) fn window(
    vm: &Vm,
    s: &str,
    a: &[Value],
    at: usize,
) -> PyResult<Option<(std::ops::Range<usize>, i64)>> {
    let n = s.chars().count() as i64;
    let adjust = |i: i64| if i < 0 { (i + n).max(0) } else { i };
    let start = adjust(int_arg(vm, a.get(at).cloned(), 0)?);
    let end = adjust(int_arg(vm, a.get(at + 1).cloned(), n)?).min(n);
    if start > n {
        return Ok(None);
    }
    let byte = |c: i64| {
        s.char_indices()
            .nth(usize::try_from(c).unwrap_or(0))
            .map_or(s.len(), |(b, _)| b)
    };
    let (bs, be) = (byte(start), byte(end.max(start)));
    Ok(Some((bs..be, start)))
}

fn char_index(s: &str, byte: usize) -> i64 {
    s.get(..byte).map_or(0, |p| p.chars().count() as i64)
}

/// `find`, `rfind`, `index`, `rindex`: the char index of `sub`, or `None`.
pub(super) fn find(vm: &Vm, a: &[Value], right: bool) -> PyResult<Option<i64>> {
    let s = this(a);
    let sub = str_arg(vm, a.get(1).cloned(), "must be str, not ").map_err(|_| {
        vm.error(
            "TypeError",
            format!(
                "must be str, not {}",
                a.get(1).map_or("NoneType", Value::type_name)
            ),
        )
    })?;
    let Some((range, start)) = window(vm, &s, a, 2)? else {
        return Ok(None);
    };
    let part = &s[range];
    let found = if right {
        part.rfind(&*sub)
    } else {
        part.find(&*sub)
    };
    Ok(found.map(|b| start + char_index(part, b)))
}

pub(super) fn affix(vm: &Vm, a: &[Value], start: bool) -> PyResult<Value> {
    let s = this(a);
    let Some((range, _)) = window(vm, &s, a, 2)? else {
        return Ok(Value::Bool(false));
    };
    let part = &s[range];
    let test = |p: &str| {
        if start {
            part.starts_with(p)
        } else {
            part.ends_with(p)
        }
    };
    Ok(Value::Bool(match a.get(1) {
        Some(Value::Str(p)) => test(p),
        Some(Value::Tuple(t)) => t.iter().any(|p| matches!(p, Value::Str(p) if test(p))),
        other => {
            return Err(vm.error(
                "TypeError",
                format!(
                    "{} first arg must be str or a tuple of str, not {}",
                    if start { "startswith" } else { "endswith" },
                    other.map_or("NoneType", Value::type_name)
                ),
            ))
        }
    }))
}
