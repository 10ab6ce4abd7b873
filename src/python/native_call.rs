//! What the VM does with native things: calls a builtin, a bound method or a class
//! (`call_native`), finds an attribute (`get_attr`), formats a value (`format`) and
//! imports a module (`import`). The instructions and the builtins both come here,
//! so the rules for natives are in one place, apart from the tables of functions.

use super::exceptions::new_exception;
use super::format;
use super::ops::big;
use super::value::{locked, Dict, DictEntries, List, Value};
use super::vm::{PyResult, Vm};
use std::sync::Arc;

impl Vm {
    /// Calls a builtin function, a bound method or a class.
    pub fn call_native(
        &mut self,
        callee: &Value,
        args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Value> {
        match callee {
            Value::Builtin(b) => (b.call)(self, args, kwargs),
            Value::Method(m) => {
                let (object, method) = &**m;
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(object.clone());
                all.extend(args);
                (method.call)(self, all, kwargs)
            }
            Value::Class(class)
                if !self.classes().is_builtin(class) || self.is_local_class(class) =>
            {
                let class = class.clone();
                self.instantiate(&class, args, kwargs)
            }
            Value::Class(class) if self.classes().is_exception(class) => {
                Ok(new_exception(class.clone(), args))
            }
            Value::Class(class) => super::construct::construct(self, &class.name, args, kwargs),
            Value::Instance(_) => {
                let callee = callee.clone();
                match self.call_instance(&callee, args, kwargs)? {
                    Some(result) => Ok(result),
                    None => Err(self.error(
                        "TypeError",
                        format!("'{}' object is not callable", callee.type_name()),
                    )),
                }
            }
            other => Err(self.error(
                "TypeError",
                format!("'{}' object is not callable", other.type_name()),
            )),
        }
    }

    /// `object.name`: a method bound to the object, or a data attribute.
    pub fn get_attr(&mut self, object: &Value, name: &str) -> PyResult<Value> {
        if let Some(value) = self.get_user_attr(object, name)? {
            return Ok(value);
        }
        match (object, name) {
            (Value::Exception(e), "args") => return Ok(Value::tuple(locked(&e.args).clone())),
            (Value::Exception(e), "__cause__") => {
                return Ok(locked(&e.cause).clone().unwrap_or(Value::None))
            }
            (Value::Exception(e), "__suppress_context__") => {
                return Ok(Value::Bool(locked(&e.cause).is_some()))
            }
            (Value::Exception(e), "__context__") => {
                return Ok(locked(&e.context).clone().unwrap_or(Value::None))
            }
            (Value::Exception(e), "value")
                if e.class.is_subclass(&self.classes().get("StopIteration")) =>
            {
                return Ok(super::generator::stop_value(object))
            }
            (Value::Generator(g), "__name__") => return Ok(Value::Str(g.name.clone())),
            (Value::Class(c), "__name__") => return Ok(Value::Str(c.name.clone())),
            (Value::Class(c), _) if super::types::class_method(&c.name, name).is_some() => {
                if let Some(method) = super::types::class_method(&c.name, name) {
                    return Ok(Value::Builtin(method));
                }
            }
            (Value::Range(_) | Value::BigRange(_), _) => {
                if let Some(value) = super::range::attr(object, name) {
                    return Ok(value);
                }
            }
            (Value::Slice(s), "start" | "stop" | "step") => {
                let at = ["start", "stop", "step"]
                    .iter()
                    .position(|n| *n == name)
                    .unwrap_or(0);
                return Ok(s.get(at).cloned().unwrap_or(Value::None));
            }
            (Value::Function(f), "__name__") => return Ok(Value::Str(f.code.name.clone())),
            (Value::Builtin(b), "__name__") => return Ok(Value::str(b.name)),
            // `str.lower`: the method, unbound, taking the object first.
            (Value::Class(c), _) => {
                let sample = match &*c.name {
                    "str" => Some(Value::str("")),
                    "bytes" => Some(super::bytes::new(Vec::new())),
                    "list" => Some(List::new(Vec::new())),
                    "dict" => Some(Dict::new_value(DictEntries::default())),
                    _ => None,
                };
                if let Some(method) = sample.and_then(|s| super::types::method(&s, name)) {
                    return Ok(Value::Builtin(method));
                }
            }
            _ => {}
        }
        if let Some(method) = super::types::method(object, name) {
            return Ok(Value::Method(Arc::new((object.clone(), method))));
        }
        if let Value::Module(module) = object {
            let key = super::value::Key::Str(Arc::from(name));
            if let Some(value) = locked(&module.dict.entries).get(&key) {
                return Ok(value.clone());
            }
            return Err(self.error(
                "AttributeError",
                format!("module '{}' has no attribute '{name}'", module.name),
            ));
        }
        if let Value::Dict(module) = object {
            // Modules are dicts of their names, seen through attributes.
            let key = super::value::Key::Str(Arc::from(name));
            if let Some(value) = locked(&module.entries).get(&key) {
                return Ok(value.clone());
            }
        }
        let type_name = match object {
            // CPython's C type says its module: `'_thread._local' object has no …`.
            Value::Instance(i) if self.classes().is_builtin(&i.class) => {
                format!("_thread.{}", i.class.name)
            }
            other => other.type_name().to_owned(),
        };
        Err(self.error(
            "AttributeError",
            format!("'{type_name}' object has no attribute '{name}'"),
        ))
    }

    /// An f-string field: the value converted, then formatted with the spec.
    pub fn format_value(
        &mut self,
        value: &Value,
        conversion: u32,
        spec: Option<&Value>,
    ) -> PyResult<String> {
        let value = match conversion {
            1 => Value::str(&self.display(value, false)?),
            2 | 3 => Value::str(&self.display(value, true)?),
            _ => value.clone(),
        };
        let spec = spec.map(|s| self.str(s)).unwrap_or_default();
        self.format(&value, &spec)
    }

    /// `format(value, spec)`.
    pub fn format(&mut self, value: &Value, spec: &str) -> PyResult<String> {
        let result = match value {
            Value::Float(f) => format::format_float(*f, spec),
            Value::Int(_) | Value::BigInt(_) => {
                format::format_int(&big(value).unwrap_or_default(), spec)
            }
            Value::Bool(_) if !spec.is_empty() => {
                format::format_int(&big(value).unwrap_or_default(), spec)
            }
            Value::Str(s) => format::format_str(s, spec),
            other if spec.is_empty() => return self.display(other, false),
            other => Err(format!(
                "unsupported format string passed to {}.__format__",
                other.type_name()
            )),
        };
        result.map_err(|message| self.error(format::exception_type_of(&message), message))
    }

    /// `import name`: the modules there are, as dicts of their names.
    pub fn import(&mut self, name: &str) -> PyResult<Value> {
        match super::modules::load(self, name)? {
            Some(module) => Ok(module),
            None => Err(self.error("ModuleNotFoundError", format!("No module named '{name}'"))),
        }
    }
}
