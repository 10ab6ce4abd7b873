//! The operators, `str()` and `repr()` on objects of program-made classes: a binary
//! operator tries `__add__` and then the other side's `__radd__`, a comparison
//! `__eq__`/`__lt__` and their reflections, as CPython's `binary_op1` and
//! `do_richcompare` do; `str()`/`repr()` call `__str__`/`__repr__`, inside lists too.

use super::classes::{is_pulled, user_class};
use super::code::{BinOp, CmpOp};
use super::value::{locked, Value};
use super::vm::{PyResult, Vm};

impl Vm {
    /// `str(x)` and `repr(x)` that call `__str__` and `__repr__`, inside lists too.
    pub fn display(&mut self, value: &Value, repr: bool) -> PyResult<String> {
        match value {
            Value::Instance(_) | Value::Exception(_) => {
                let names: &[&str] = if repr {
                    &["__repr__"]
                } else {
                    &["__str__", "__repr__"]
                };
                for name in names {
                    if let Some(text) = self.call_dunder(value, name, Vec::new())? {
                        return match text {
                            Value::Str(s) => Ok(s.to_string()),
                            other => Err(self.error(
                                "TypeError",
                                format!("{name} returned non-string (type {})", other.type_name()),
                            )),
                        };
                    }
                }
                Ok(if repr {
                    self.repr(value)
                } else {
                    self.str(value)
                })
            }
            Value::List(l) => {
                let items = locked(&l.items).clone();
                Ok(format!("[{}]", self.display_all(&items)?))
            }
            Value::Tuple(t) if t.len() == 1 => Ok(format!("({},)", self.display_all(t)?)),
            Value::Tuple(t) => Ok(format!("({})", self.display_all(t)?)),
            Value::Dict(d) => {
                let entries = locked(&d.entries).clone();
                let mut parts = Vec::new();
                for (k, v) in entries.iter() {
                    parts.push(format!(
                        "{}: {}",
                        self.display(k, true)?,
                        self.display(v, true)?
                    ));
                }
                Ok(format!("{{{}}}", parts.join(", ")))
            }
            other if repr => Ok(self.repr(other)),
            other => Ok(self.str(other)),
        }
    }

    fn display_all(&mut self, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for item in items {
            parts.push(self.display(item, true)?);
        }
        Ok(parts.join(", "))
    }

    /// A binary operator, trying the operands' dunder methods first.
    pub fn binary_any(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let (BinOp::Mod, Value::Str(template)) = (op, a) {
            return self.percent_mut(template, b);
        }
        if user_class(a).is_some() || user_class(b).is_some() {
            let (name, reflected) = dunder(op);
            if let Some(result) = self.call_dunder(a, name, vec![b.clone()])? {
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
            if let Some(result) = self.call_dunder(b, reflected, vec![a.clone()])? {
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
        }
        self.binary(op, a, b)
    }

    /// A comparison, trying `__eq__`, `__lt__`, … (and their reflections) first.
    pub fn compare_any(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        if matches!(op, CmpOp::In | CmpOp::NotIn) && is_pulled(b) {
            if let Some(found) = self.call_dunder(b, "__contains__", vec![a.clone()])? {
                let found = self.truth(&found)?;
                return Ok(Value::Bool(found == (op == CmpOp::In)));
            }
            // `x in gen` consumes the generator up to the first match.
            let iterator = self.iter_mut(b)?;
            while let Some(item) = self.next_mut(&iterator)? {
                let equal = self.compare_any(CmpOp::Eq, &item, a)?;
                if self.truth(&equal)? {
                    return Ok(Value::Bool(op == CmpOp::In));
                }
            }
            return Ok(Value::Bool(op == CmpOp::NotIn));
        }
        if matches!(op, CmpOp::In | CmpOp::NotIn)
            && (user_class(a).is_some() || user_class(b).is_some())
        {
            let inside = self.contains_mut(b, a)?;
            return Ok(Value::Bool(inside == (op == CmpOp::In)));
        }
        if user_class(a).is_some() || user_class(b).is_some() {
            let (name, reflected) = match op {
                CmpOp::Eq => ("__eq__", "__eq__"),
                CmpOp::Ne => ("__ne__", "__ne__"),
                CmpOp::Lt => ("__lt__", "__gt__"),
                CmpOp::Le => ("__le__", "__ge__"),
                CmpOp::Gt => ("__gt__", "__lt__"),
                CmpOp::Ge => ("__ge__", "__le__"),
                _ => return self.compare(op, a, b),
            };
            if let Some(result) = self.call_dunder(a, name, vec![b.clone()])? {
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
            if let Some(result) = self.call_dunder(b, reflected, vec![a.clone()])? {
                if !is_not_implemented(&result) {
                    return Ok(result);
                }
            }
            if op == CmpOp::Ne {
                if let Some(result) = self.call_dunder(a, "__eq__", vec![b.clone()])? {
                    return Ok(Value::Bool(!self.truth(&result)?));
                }
            }
        }
        self.compare(op, a, b)
    }
}

fn dunder(op: BinOp) -> (&'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__"),
        BinOp::Sub => ("__sub__", "__rsub__"),
        BinOp::Mul => ("__mul__", "__rmul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__"),
        BinOp::Pow => ("__pow__", "__rpow__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__"),
        BinOp::LShift => ("__lshift__", "__rlshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__"),
        BinOp::And => ("__and__", "__rand__"),
        BinOp::Or => ("__or__", "__ror__"),
        BinOp::Xor => ("__xor__", "__rxor__"),
    }
}

fn is_not_implemented(value: &Value) -> bool {
    matches!(value, Value::Str(s) if &**s == "NotImplemented")
}
