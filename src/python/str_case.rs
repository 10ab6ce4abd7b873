//! The case and class of a `str`'s characters: `title`, `istitle`, `isdigit` and
//! the other tests that look at every character, and the methods that map the whole.

use super::str_methods::this;
use super::value::Value;
use super::vm::PyResult;

pub(super) fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

/// `str.title`: a cased letter after an uncased character starts a word.
pub(super) fn title(s: &str) -> String {
    let mut out = String::new();
    let mut after_cased = false;
    for c in s.chars() {
        if after_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        after_cased = is_cased(c);
    }
    out
}

pub(super) fn istitle(s: &str) -> bool {
    let (mut cased, mut after_cased) = (false, false);
    for c in s.chars() {
        if c.is_uppercase() {
            if after_cased {
                return false;
            }
            after_cased = true;
            cased = true;
        } else if c.is_lowercase() {
            if !after_cased {
                return false;
            }
            after_cased = true;
            cased = true;
        } else {
            after_cased = false;
        }
    }
    cased
}

pub(super) fn all_chars(a: &[Value], test: fn(char) -> bool) -> PyResult<Value> {
    let s = this(a);
    Ok(Value::Bool(!s.is_empty() && s.chars().all(test)))
}

pub(super) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || c.is_numeric()
}

pub(super) fn mapped(a: &[Value], f: fn(&str) -> String) -> PyResult<Value> {
    Ok(Value::str(&f(&this(a))))
}
