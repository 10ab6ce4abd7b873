//! What the builtins and the operators do with objects of program-made classes
//! beyond arithmetic and comparison (`classes.rs`): `__getitem__`, `__setitem__`,
//! `__delitem__`, `__len__`, `__bool__` (truth), `__contains__`, `__eq__` in
//! searches, the unary operators, `__abs__`, `__call__`, and `del obj.attr`.

use super::classes::user_class;
use super::code::CmpOp;
use super::value::{locked, Key, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

impl Vm {
    /// `container[index]`, with `__getitem__` of program-made objects.
    pub fn get_item_any(&mut self, container: &Value, index: &Value) -> PyResult<Value> {
        match self.call_dunder(container, "__getitem__", vec![index.clone()])? {
            Some(value) => Ok(value),
            None => self.get_item(container, index),
        }
    }

    /// `container[index] = value`, with `__setitem__`.
    pub fn set_item_any(&mut self, container: &Value, index: &Value, value: Value) -> PyResult<()> {
        if user_class(container).is_some() {
            let args = vec![index.clone(), value.clone()];
            if self.call_dunder(container, "__setitem__", args)?.is_some() {
                return Ok(());
            }
        }
        self.set_item(container, index, value)
    }

    /// `del container[index]`, with `__delitem__`.
    pub fn del_item_any(&mut self, container: &Value, index: &Value) -> PyResult<()> {
        match self.call_dunder(container, "__delitem__", vec![index.clone()])? {
            Some(_) => Ok(()),
            None => self.del_item(container, index),
        }
    }

    /// `len(x)`, with `__len__`.
    pub fn len_any(&mut self, value: &Value) -> PyResult<usize> {
        match self.len_dunder(value)? {
            Some(n) => Ok(n),
            None => self.len(value),
        }
    }

    /// What `__len__` of a program-made object says; `None` if it has none.
    fn len_dunder(&mut self, value: &Value) -> PyResult<Option<usize>> {
        match self.call_dunder(value, "__len__", Vec::new())? {
            Some(Value::Int(n)) if n >= 0 => Ok(Some(n as usize)),
            Some(Value::Bool(b)) => Ok(Some(usize::from(b))),
            Some(Value::Int(_)) => Err(self.error("ValueError", "__len__() should return >= 0")),
            Some(other) => Err(self.not_an_integer(&other)),
            None => Ok(None),
        }
    }

    /// Python's truth of any value (`if x:`, `not x`, `bool(x)`): a program-made
    /// object asks its `__bool__`, then its `__len__`, as CPython's
    /// `PyObject_IsTrue` does.
    pub fn truth(&mut self, value: &Value) -> PyResult<bool> {
        if user_class(value).is_none() {
            return Ok(self.truthy(value));
        }
        match self.call_dunder(value, "__bool__", Vec::new())? {
            Some(Value::Bool(b)) => return Ok(b),
            Some(other) => {
                return Err(self.error(
                    "TypeError",
                    format!(
                        "__bool__ should return bool, returned {}",
                        other.type_name()
                    ),
                ))
            }
            None => {}
        }
        Ok(self.len_dunder(value)?.is_none_or(|n| n > 0))
    }

    /// `-x`, `+x`, `~x`, with `__neg__`, `__pos__`, `__invert__`.
    pub fn unary_any(&mut self, op: super::code::UnOp, value: &Value) -> PyResult<Value> {
        use super::code::UnOp;
        let name = match op {
            UnOp::Neg => "__neg__",
            UnOp::Pos => "__pos__",
            UnOp::Invert => "__invert__",
            UnOp::Not => return Ok(Value::Bool(!self.truth(value)?)),
        };
        match self.call_dunder(value, name, Vec::new())? {
            Some(result) => Ok(result),
            None => self.unary(op, value),
        }
    }

    /// `abs(x)` of a program-made object: its `__abs__`.
    pub fn abs_dunder(&mut self, value: &Value) -> PyResult<Option<Value>> {
        self.call_dunder(value, "__abs__", Vec::new())
    }

    /// Calls an object of a program-made class: its `__call__`.
    pub fn call_instance(
        &mut self,
        object: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Option<Value>> {
        let Some(class) = user_class(object) else {
            return Ok(None);
        };
        let Some(method @ Value::Function(_)) = class.lookup("__call__") else {
            return Ok(None);
        };
        let mut all = Vec::with_capacity(args.len() + 1);
        all.push(object.clone());
        all.extend(args);
        self.call(&method, all, kwargs).map(Some)
    }

    /// `del object.name`.
    pub fn del_attr(&mut self, object: &Value, name: &str) -> PyResult<()> {
        let key = Key::Str(Arc::from(name));
        let removed = match object {
            Value::Instance(i) => self.with_attrs(i, |attrs| attrs.remove(&key))?,
            Value::Exception(e) => locked(&e.attrs).remove(&key),
            Value::Class(c) if !self.classes().is_builtin(c) => locked(&c.attrs).remove(&key),
            Value::Module(m) => locked(&m.dict.entries).remove(&key),
            _ => None,
        };
        match removed {
            Some(_) => Ok(()),
            None => Err(self.error(
                "AttributeError",
                format!("'{}' object has no attribute '{name}'", object.type_name()),
            )),
        }
    }

    /// `a == b`, calling `__eq__` of program-made objects.
    pub fn eq_mut(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if user_class(a).is_none() && user_class(b).is_none() {
            return Ok(self.eq(a, b));
        }
        if a.id() == b.id() && a.type_name() == b.type_name() {
            return Ok(true);
        }
        let result = self.compare_any(CmpOp::Eq, a, b)?;
        self.truth(&result)
    }

    /// `item in container`, with `__contains__`, `__iter__` and `__eq__` of
    /// program-made objects.
    pub fn contains_mut(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        if let Some(found) = self.call_dunder(container, "__contains__", vec![item.clone()])? {
            return self.truth(&found);
        }
        match container {
            Value::List(_) | Value::Tuple(_) | Value::Instance(_) => {
                for candidate in self.collect_mut(container)? {
                    if self.eq_mut(&candidate, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            other => self.contains(other, item),
        }
    }
}
