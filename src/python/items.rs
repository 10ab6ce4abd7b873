//! Containers: `len`, iteration (`iter`, `next`), subscripts and slices (get, set,
//! delete), as Python does them for the built-in types.

use super::value::{locked, Iter, List, Range, Value};
use super::vm::{PyResult, Vm};
use std::sync::{Arc, Mutex};

impl Vm {
    /// `len(x)`.
    pub fn len(&self, value: &Value) -> PyResult<usize> {
        Ok(match value {
            Value::Str(s) => s.chars().count(),
            Value::Bytes(b) => b.len(),
            Value::List(l) => locked(&l.items).len(),
            Value::Tuple(t) => t.len(),
            Value::Dict(d) | Value::Set(d) => locked(&d.entries).len,
            Value::Range(r) => usize::try_from(r.len()).unwrap_or(usize::MAX),
            Value::BigRange(r) => super::range::len(self, r)?,
            Value::Native(n) if n.length().is_some() => n.length().unwrap_or(0),
            other => {
                return Err(self.error(
                    "TypeError",
                    format!("object of type '{}' has no len()", other.type_name()),
                ))
            }
        })
    }

    /// `iter(x)`.
    pub fn iter(&self, value: &Value) -> PyResult<Value> {
        let state = match value {
            Value::Iterator(_) => return Ok(value.clone()),
            Value::Generator(g) if g.kind == super::code::Kind::Generator => {
                return Ok(value.clone())
            }
            Value::List(_) | Value::Tuple(_) => Iter::Seq {
                items: value.clone(),
                at: 0,
            },
            Value::Bytes(b) => Iter::Values {
                items: b.iter().map(|&x| Value::Int(i64::from(x))).collect(),
                at: 0,
            },
            Value::Str(s) => Iter::Values {
                items: s
                    .chars()
                    .map(|c| Value::str(c.encode_utf8(&mut [0; 4])))
                    .collect(),
                at: 0,
            },
            Value::Dict(d) => Iter::Values {
                items: locked(&d.entries).iter().map(|(k, _)| k.clone()).collect(),
                at: 0,
            },
            Value::Set(d) => Iter::Values {
                items: super::set_order::in_table_order(
                    locked(&d.entries).iter().map(|(k, _)| k.clone()).collect(),
                ),
                at: 0,
            },
            Value::Range(r) => Iter::Range {
                next: r.start,
                left: r.len(),
                step: r.step,
            },
            Value::BigRange(r) => super::range::iter(self, r)?,
            Value::Native(n) if n.items().is_some() => Iter::Values {
                items: n.items().unwrap_or_default(),
                at: 0,
            },
            other => {
                return Err(self.error(
                    "TypeError",
                    format!("'{}' object is not iterable", other.type_name()),
                ))
            }
        };
        Ok(Value::Iterator(Arc::new(Mutex::new(state))))
    }

    /// The next value of an iterator; `None` at its end.
    pub fn next(&self, iterator: &Value) -> PyResult<Option<Value>> {
        let Value::Iterator(state) = iterator else {
            return Err(self.error(
                "TypeError",
                format!("'{}' object is not an iterator", iterator.type_name()),
            ));
        };
        let mut state = locked(state);
        Ok(match &mut *state {
            Iter::Seq { items, at } => {
                let item = match items {
                    Value::List(l) => locked(&l.items).get(*at).cloned(),
                    Value::Tuple(t) => t.get(*at).cloned(),
                    _ => None,
                };
                *at += 1;
                item
            }
            Iter::Values { items, at } => {
                let item = items.get(*at).cloned();
                *at += 1;
                item
            }
            // Only `next_mut` can run these: they call Python.
            Iter::Lazy(_) => {
                return Err(self.error("SystemError", "lazy iterator outside next_mut"))
            }
            Iter::Range { next, left, step } => {
                if *left <= 0 {
                    None
                } else {
                    let value = *next;
                    *left -= 1;
                    *next = next.wrapping_add(*step);
                    Some(Value::Int(value))
                }
            }
        })
    }

    /// Every item of an iterable, now.
    pub fn collect(&self, value: &Value) -> PyResult<Vec<Value>> {
        match value {
            Value::List(l) => Ok(locked(&l.items).clone()),
            Value::Tuple(t) => Ok(t.to_vec()),
            other => {
                let iterator = self.iter(other)?;
                let mut items = Vec::new();
                while let Some(item) = self.next(&iterator)? {
                    self.reserve_growth(&items)?;
                    items.push(item);
                    // What is collected is on the heap already: look now and then.
                    if items.len().is_multiple_of(4096) {
                        self.reserve(0)?;
                    }
                }
                Ok(items)
            }
        }
    }

    /// An index into a sequence of `len`, negative ones from the end.
    pub(super) fn index(&self, index: &Value, len: usize, what: &str) -> PyResult<usize> {
        let i = match index {
            Value::Int(i) => *i,
            Value::Bool(b) => i64::from(*b),
            Value::BigInt(_) => -1 - len as i64 - 1,
            other => {
                return Err(self.error(
                    "TypeError",
                    format!(
                        "{what} indices must be integers or slices, not {}",
                        other.type_name()
                    ),
                ))
            }
        };
        let at = if i < 0 { i + len as i64 } else { i };
        if at < 0 || at >= len as i64 {
            return Err(self.error("IndexError", format!("{what} index out of range")));
        }
        Ok(at as usize)
    }

    /// The indices a slice picks from a sequence of `len`.
    pub fn slice_indices(&self, slice: &[Value; 3], len: usize) -> PyResult<Vec<usize>> {
        let (start, stop, step) = self.slice_bounds(slice, len)?;
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i < stop) || (step < 0 && i > stop) {
            out.push(i as usize);
            i += step;
        }
        Ok(out)
    }

    /// A slice's start, stop and step on a sequence of `len`, as
    /// `PySlice_AdjustIndices` makes them.
    pub fn slice_bounds(&self, slice: &[Value; 3], len: usize) -> PyResult<(i64, i64, i64)> {
        let len = len as i64;
        let get = |v: &Value| -> PyResult<Option<i64>> {
            match v {
                Value::None => Ok(None),
                Value::Int(i) => Ok(Some(*i)),
                Value::Bool(b) => Ok(Some(i64::from(*b))),
                _ => Err(self.error(
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method",
                )),
            }
        };
        let step = get(&slice[2])?.unwrap_or(1);
        if step == 0 {
            return Err(self.error("ValueError", "slice step cannot be zero"));
        }
        let clamp = |i: i64, low: i64, high: i64| {
            let i = if i < 0 { i + len } else { i };
            i.clamp(low, high)
        };
        let (start, stop) = if step > 0 {
            (
                get(&slice[0])?.map_or(0, |i| clamp(i, 0, len)),
                get(&slice[1])?.map_or(len, |i| clamp(i, 0, len)),
            )
        } else {
            (
                get(&slice[0])?.map_or(len - 1, |i| clamp(i, -1, len - 1)),
                get(&slice[1])?.map_or(-1, |i| clamp(i, -1, len - 1)),
            )
        };
        Ok((start, stop, step))
    }

    /// `container[index]`.
    pub fn get_item(&self, container: &Value, index: &Value) -> PyResult<Value> {
        match (container, index) {
            (Value::List(l), Value::Slice(s)) => {
                let items = locked(&l.items).clone();
                let picked = self.slice_indices(s, items.len())?;
                Ok(List::new(
                    picked
                        .iter()
                        .filter_map(|&i| items.get(i).cloned())
                        .collect(),
                ))
            }
            (Value::List(l), i) => {
                let items = locked(&l.items);
                let at = self.index(i, items.len(), "list")?;
                Ok(items.get(at).cloned().unwrap_or(Value::None))
            }
            (Value::Tuple(t), Value::Slice(s)) => {
                let picked = self.slice_indices(s, t.len())?;
                Ok(Value::tuple(
                    picked.iter().filter_map(|&i| t.get(i).cloned()).collect(),
                ))
            }
            (Value::Tuple(t), i) => {
                let at = self.index(i, t.len(), "tuple")?;
                Ok(t.get(at).cloned().unwrap_or(Value::None))
            }
            (Value::Bytes(data), Value::Slice(s)) => {
                let picked = self.slice_indices(s, data.len())?;
                Ok(super::bytes::new(
                    picked
                        .iter()
                        .filter_map(|&i| data.get(i).copied())
                        .collect(),
                ))
            }
            (Value::Bytes(data), i) => {
                let at = self.index(i, data.len(), "byte").map_err(|e| {
                    // CPython's bytes say just "index out of range".
                    if self.classes().of(&e).name.as_ref() == "IndexError" {
                        self.error("IndexError", "index out of range")
                    } else {
                        e
                    }
                })?;
                Ok(Value::Int(data.get(at).map_or(0, |&b| i64::from(b))))
            }
            (Value::Str(text), Value::Slice(s)) => {
                let chars: Vec<char> = text.chars().collect();
                let picked = self.slice_indices(s, chars.len())?;
                Ok(Value::str(
                    &picked
                        .iter()
                        .filter_map(|&i| chars.get(i))
                        .collect::<String>(),
                ))
            }
            (Value::Str(text), i) => {
                let chars: Vec<char> = text.chars().collect();
                let at = self.index(i, chars.len(), "string")?;
                Ok(Value::str(
                    &chars.get(at).map(char::to_string).unwrap_or_default(),
                ))
            }
            (Value::Range(_), Value::Slice(_)) | (Value::BigRange(_), _) => {
                match super::range::bounds(container) {
                    Some(r) => super::range::get_item(self, &r, index),
                    None => Ok(Value::None),
                }
            }
            (Value::Range(r), i) => {
                let at = self.index(i, usize::try_from(r.len()).unwrap_or(0), "range object")?;
                Ok(Value::Int(r.start + r.step * at as i64))
            }
            (Value::Dict(d), key) => {
                let k = self.key(key)?;
                locked(&d.entries).get(&k).cloned().ok_or_else(|| {
                    super::exceptions::new_exception(
                        self.classes().get("KeyError"),
                        vec![key.clone()],
                    )
                })
            }
            (other, _) => Err(self.error(
                "TypeError",
                format!("'{}' object is not subscriptable", other.type_name()),
            )),
        }
    }

    /// `container[index] = value`.
    pub fn set_item(&self, container: &Value, index: &Value, value: Value) -> PyResult<()> {
        match container {
            Value::List(l) => {
                if let Value::Slice(s) = index {
                    let new_items = self.collect(&value)?;
                    let mut items = locked(&l.items);
                    let picked = self.slice_indices(s, items.len())?;
                    if s[2].type_name() == "NoneType" || matches!(s[2], Value::Int(1)) {
                        let start = picked.first().copied().unwrap_or_else(|| {
                            self.slice_indices(
                                &[s[0].clone(), Value::None, Value::None],
                                items.len(),
                            )
                            .ok()
                            .and_then(|v| v.first().copied())
                            .unwrap_or(items.len())
                        });
                        let end = picked.last().map_or(start, |l| l + 1);
                        items.splice(start..end, new_items);
                        return Ok(());
                    }
                    if new_items.len() != picked.len() {
                        return Err(self.error(
                            "ValueError",
                            format!(
                                "attempt to assign sequence of size {} to extended slice of size {}",
                                new_items.len(),
                                picked.len()
                            ),
                        ));
                    }
                    for (at, item) in picked.into_iter().zip(new_items) {
                        if let Some(slot) = items.get_mut(at) {
                            *slot = item;
                        }
                    }
                    return Ok(());
                }
                let mut items = locked(&l.items);
                let at = self.index(index, items.len(), "list assignment")?;
                if let Some(slot) = items.get_mut(at) {
                    *slot = value;
                }
                Ok(())
            }
            Value::Dict(d) => {
                let key = self.key(index)?;
                locked(&d.entries).insert(key, index.clone(), value);
                Ok(())
            }
            other => Err(self.error(
                "TypeError",
                format!(
                    "'{}' object does not support item assignment",
                    other.type_name()
                ),
            )),
        }
    }

    /// `del container[index]`.
    pub fn del_item(&self, container: &Value, index: &Value) -> PyResult<()> {
        match container {
            Value::List(l) => {
                let mut items = locked(&l.items);
                if let Value::Slice(s) = index {
                    let mut picked = self.slice_indices(s, items.len())?;
                    // From the end, so that each index still means what it did.
                    picked.sort_unstable();
                    for &i in picked.iter().rev() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                    return Ok(());
                }
                let at = self.index(index, items.len(), "list assignment")?;
                items.remove(at);
                Ok(())
            }
            Value::Dict(d) => {
                let key = self.key(index)?;
                locked(&d.entries).remove(&key).map(drop).ok_or_else(|| {
                    super::exceptions::new_exception(
                        self.classes().get("KeyError"),
                        vec![index.clone()],
                    )
                })
            }
            other => Err(self.error(
                "TypeError",
                format!(
                    "'{}' object doesn't support item deletion",
                    other.type_name()
                ),
            )),
        }
    }

    /// `range(…)` as values, for what takes a sequence.
    pub fn range_value(start: i64, stop: i64, step: i64) -> Value {
        Value::Range(Range { start, stop, step })
    }
}

/// The next item of a range or of a list or tuple being walked, with no Python to
/// call: `Some(None)` at the end; `None` for any other iterator.
pub fn next_plain(state: &std::sync::Mutex<Iter>) -> Option<Option<Value>> {
    let mut state = locked(state);
    match &mut *state {
        Iter::Range { next, left, step } => Some(if *left <= 0 {
            None
        } else {
            let value = *next;
            *left -= 1;
            *next = next.wrapping_add(*step);
            Some(Value::Int(value))
        }),
        Iter::Seq { items, at } => {
            let item = match items {
                Value::List(l) => locked(&l.items).get(*at).cloned(),
                Value::Tuple(t) => t.get(*at).cloned(),
                _ => return None,
            };
            *at += 1;
            Some(item)
        }
        _ => None,
    }
}
