//! Classes the program makes: building one from its body, making its objects
//! (`__init__`), their attributes, properties and methods, `super()`, and iterating
//! them (`__iter__`, `__next__`). The operators, `str()` and `repr()` on them are
//! `user_ops.rs`; the other dunders `dunders.rs`.

use super::exceptions::new_exception;
use super::value::{locked, Class, Dict, DictEntries, Instance, Key, Value};
use super::vm::{PyResult, Vm};
use std::sync::{Arc, Mutex};

/// The class of an object of a program-made class (or of a subclass of an exception).
pub(super) fn user_class(value: &Value) -> Option<Arc<Class>> {
    match value {
        Value::Instance(i) => Some(i.class.clone()),
        Value::Exception(e) => Some(e.class.clone()),
        _ => None,
    }
}

static INIT: std::sync::LazyLock<Key> =
    std::sync::LazyLock::new(|| Key::Str(Arc::from("__init__")));
impl Vm {
    /// Runs a class body and makes the class of what it defined.
    pub fn build_class(&mut self, name: &str, bases: Vec<Value>, body: &Value) -> PyResult<Value> {
        let base = match bases.first() {
            Some(Value::Class(c)) => Some(c.clone()),
            Some(other) => {
                return Err(self.error(
                    "TypeError",
                    format!("bases must be types, not {}", other.type_name()),
                ))
            }
            None => Some(self.classes().get("object")),
        };
        let namespace = Arc::new(Dict::default());
        if let Value::Function(f) = body {
            self.run_class_body(f, namespace.clone())?;
        }
        let mut attrs = locked(&namespace.entries).clone();
        // `__module__`: the name of the module whose code made the class.
        let module_key = Key::Str(Arc::from("__module__"));
        if attrs.get(&module_key).is_none() {
            let module = match body {
                Value::Function(f) => locked(&f.globals.entries)
                    .get(&Key::Str(Arc::from("__name__")))
                    .cloned(),
                _ => None,
            };
            attrs.insert(
                module_key,
                Value::str("__module__"),
                module.unwrap_or_else(|| Value::str("__main__")),
            );
        }
        let properties = base.as_ref().is_some_and(|b| b.properties)
            || attrs.iter().any(|(_, v)| matches!(v, Value::Property(_)));
        let class = Arc::new(Class {
            name: Arc::from(name),
            base,
            attrs: Mutex::new(attrs),
            properties,
        });
        for (_, value) in locked(&class.attrs).iter() {
            if let Value::Function(f) = value {
                let _ = f.owner.set(Arc::downgrade(&class));
            }
        }
        Ok(Value::Class(class))
    }

    /// Calls a program-made class: a new object, `__init__` run on it (its key made
    /// once: each object made would allocate one otherwise).
    pub fn instantiate(
        &mut self,
        class: &Arc<Class>,
        args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Value> {
        let object = if self.classes().is_exception(class) {
            new_exception(class.clone(), args.clone())
        } else {
            Value::Instance(Arc::new(Instance {
                class: class.clone(),
                attrs: Mutex::new(DictEntries::default()),
                per_thread: self.new_per_thread(class, &args, &kwargs)?,
            }))
        };
        match class.lookup_key(&INIT) {
            Some(init @ Value::Function(_)) => {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(object.clone());
                all.extend(args);
                let returned = self.call(&init, all, kwargs)?;
                if !matches!(returned, Value::None) {
                    return Err(self.error(
                        "TypeError",
                        format!(
                            "__init__() should return None, not '{}'",
                            returned.type_name()
                        ),
                    ));
                }
            }
            _ if !args.is_empty()
                && !self.classes().is_exception(class)
                && !self.is_local_class(class) =>
            {
                return Err(self.error("TypeError", format!("{}() takes no arguments", class.name)));
            }
            _ => {}
        }
        Ok(object)
    }

    /// `object.name` for objects of program-made classes, classes and `super()`:
    /// a `@property` runs its getter.
    pub fn get_user_attr(&mut self, object: &Value, name: &str) -> PyResult<Option<Value>> {
        if !has_user_attrs(object) {
            return Ok(None);
        }
        self.get_user_attr_key(object, &Key::Str(Arc::from(name)))
    }

    /// `get_user_attr` with the name's key made already (a name of the code).
    pub fn get_user_attr_key(&mut self, object: &Value, key: &Key) -> PyResult<Option<Value>> {
        match self.find_user_attr(object, key)? {
            Some(Value::Property(property)) if !matches!(object, Value::Class(_)) => {
                let owner = match object {
                    Value::Super(s) => s.1.clone(),
                    other => other.clone(),
                };
                self.call(&property.0, vec![owner], Vec::new()).map(Some)
            }
            found => Ok(found),
        }
    }

    fn find_user_attr(&mut self, object: &Value, key: &Key) -> PyResult<Option<Value>> {
        Ok(match object {
            Value::Instance(i) => {
                if let Some(value) = self.with_attrs(i, |attrs| attrs.get(key).cloned())? {
                    return Ok(Some(value));
                }
                i.class.lookup_key(key).map(|found| bind(object, found))
            }
            Value::Exception(e) => {
                if let Some(value) = locked(&e.attrs).get(key) {
                    return Ok(Some(value.clone()));
                }
                e.class.lookup_key(key).map(|found| bind(object, found))
            }
            Value::Class(c) => c.lookup_key(key),
            Value::Super(s) => {
                let (class, object) = &**s;
                let found = class.base.as_ref().and_then(|base| base.lookup_key(key));
                found.map(|found| bind(object, found))
            }
            _ => None,
        })
    }

    /// `object.name` for a name of the code: an instance's attribute found with
    /// no key to build (the common case of `self.x`).
    pub fn get_attr_named(&mut self, object: &Value, name: &Arc<str>) -> PyResult<Value> {
        if has_user_attrs(object) {
            if let Some(value) = self.get_user_attr_key(object, &Key::Str(name.clone()))? {
                return Ok(value);
            }
        }
        self.get_attr(object, name)
    }

    /// `object.name = value`.
    pub fn set_attr(&mut self, object: &Value, name: &str, value: Value) -> PyResult<()> {
        self.set_attr_named(object, &Arc::from(name), value)
    }

    /// `set_attr` for a name of the code: no new str.
    pub fn set_attr_named(
        &mut self,
        object: &Value,
        name: &Arc<str>,
        value: Value,
    ) -> PyResult<()> {
        let key = Key::Str(name.clone());
        let attrs = match object {
            Value::Instance(i) if i.class.properties => {
                if let Some(Value::Property(property)) = i.class.lookup_key(&key) {
                    return self.set_property(object, &property, name, value);
                }
                let name = Value::Str(name.clone());
                return self.with_attrs(i, |attrs| attrs.insert(key, name, value));
            }
            Value::Instance(i) => {
                let name = Value::Str(name.clone());
                return self.with_attrs(i, |attrs| attrs.insert(key, name, value));
            }
            Value::Exception(e) => &e.attrs,
            Value::Class(c) if !self.classes().is_builtin(c) => &c.attrs,
            Value::Module(m) => &m.dict.entries,
            other => {
                return Err(self.error(
                    "AttributeError",
                    format!("'{}' object has no attribute '{name}'", other.type_name()),
                ))
            }
        };
        locked(attrs).insert(key, Value::Str(name.clone()), value);
        Ok(())
    }

    /// `object.name = value` where the class has `name` as a `@property`: its
    /// setter runs, if it has one.
    fn set_property(
        &mut self,
        object: &Value,
        property: &(Value, Value),
        name: &str,
        value: Value,
    ) -> PyResult<()> {
        if matches!(property.1, Value::None) {
            return Err(self.error(
                "AttributeError",
                format!(
                    "property '{name}' of '{}' object has no setter",
                    object.type_name()
                ),
            ));
        }
        self.call(&property.1, vec![object.clone(), value], Vec::new())
            .map(drop)
    }

    /// Calls the dunder `name` of a program-made object, if its class has one.
    pub(super) fn call_dunder(
        &mut self,
        object: &Value,
        name: &str,
        args: Vec<Value>,
    ) -> PyResult<Option<Value>> {
        let Some(class) = user_class(object) else {
            return Ok(None);
        };
        let Some(method @ Value::Function(_)) = class.lookup(name) else {
            return Ok(None);
        };
        let mut all = vec![object.clone()];
        all.extend(args);
        self.call(&method, all, Vec::new()).map(Some)
    }

    /// `iter(x)`, calling `__iter__` of a program-made object.
    pub fn iter_mut(&mut self, value: &Value) -> PyResult<Value> {
        if let Some(iterator) = self.call_dunder(value, "__iter__", Vec::new())? {
            return Ok(iterator);
        }
        if user_class(value).is_some() {
            return Err(self.error(
                "TypeError",
                format!("'{}' object is not iterable", value.type_name()),
            ));
        }
        self.iter(value)
    }

    /// `next(it)`, calling `__next__` of a program-made iterator: `None` at the end
    /// (its `StopIteration`).
    pub fn next_mut(&mut self, iterator: &Value) -> PyResult<Option<Value>> {
        match iterator {
            Value::Generator(g) if g.kind == super::code::Kind::Generator => {
                return self.generator_next(g)
            }
            Value::Iterator(state) => {
                let lazy = match &*locked(state) {
                    super::value::Iter::Lazy(lazy) => Some(lazy.clone()),
                    _ => None,
                };
                return match lazy {
                    Some(lazy) => self.lazy_next(state, lazy),
                    None => self.next(iterator),
                };
            }
            _ if user_class(iterator).is_none() => return self.next(iterator),
            _ => {}
        }
        match self.call_dunder(iterator, "__next__", Vec::new()) {
            Ok(Some(value)) => Ok(Some(value)),
            Ok(None) => Err(self.error(
                "TypeError",
                format!("'{}' object is not an iterator", iterator.type_name()),
            )),
            Err(e) if self.classes().of(&e).name.as_ref() == "StopIteration" => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every item of any iterable, program-made ones included.
    pub fn collect_mut(&mut self, value: &Value) -> PyResult<Vec<Value>> {
        if !is_pulled(value) {
            return self.collect(value);
        }
        let iterator = self.iter_mut(value)?;
        let mut items = Vec::new();
        while let Some(item) = self.next_mut(&iterator)? {
            items.push(item);
        }
        Ok(items)
    }
}

/// Whether items of `value` come from running Python (a generator, `map`, a
/// program-made iterator), so only the `_mut` functions can get them.
pub(super) fn is_pulled(value: &Value) -> bool {
    match value {
        Value::Generator(_) => true,
        Value::Iterator(state) => matches!(&*locked(state), super::value::Iter::Lazy(_)),
        other => user_class(other).is_some(),
    }
}

/// A function found on a class, bound to the object it was looked up on.
fn bind(object: &Value, found: Value) -> Value {
    match found {
        f @ Value::Function(_) => Value::BoundMethod(Arc::new((object.clone(), f))),
        Value::Builtin(b) => Value::Method(Arc::new((object.clone(), b))),
        other => other,
    }
}

/// `BaseException.__init__(self, *args)`: the arguments `str(e)` and `e.args` show.
pub fn exception_init(_: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    if let Some((Value::Exception(e), rest)) = args.split_first() {
        *locked(&e.args) = rest.to_vec();
    }
    Ok(Value::None)
}

/// `object.__init__(self)`.
pub fn object_init(_: &mut Vm, _: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    Ok(Value::None)
}

/// `super()`: the calling method's class and its first argument.
pub fn super_(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    if let [Value::Class(class), object] = args.as_slice() {
        return Ok(Value::Super(Arc::new((class.clone(), object.clone()))));
    }
    match vm.method_context() {
        Some((class, object)) => Ok(Value::Super(Arc::new((class, object)))),
        None => Err(vm.error("RuntimeError", "super(): no arguments")),
    }
}

/// Whether a value's attributes may be the program's own (an instance's, a class's).
fn has_user_attrs(object: &Value) -> bool {
    matches!(
        object,
        Value::Instance(_) | Value::Exception(_) | Value::Class(_) | Value::Super(_)
    )
}
