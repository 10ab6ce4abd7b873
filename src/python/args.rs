//! Reading a native function's arguments. Natives get them as they were passed, so
//! one that is missing reads as `None` rather than panicking: the function then
//! says what is wrong, in Python's words.

use super::value::Value;
use std::sync::Arc;

/// The positional argument at `i` (a method's object is 0), or `None`.
pub(super) fn arg(args: &[Value], i: usize) -> Value {
    args.get(i).cloned().unwrap_or(Value::None)
}

/// The keyword argument `name`, if it was given.
pub(super) fn kwarg<'a>(kwargs: &'a [(Arc<str>, Value)], name: &str) -> Option<&'a Value> {
    kwargs.iter().find(|(k, _)| &**k == name).map(|(_, v)| v)
}
