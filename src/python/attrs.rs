//! The attribute instructions (`LoadAttr`, `StoreAttr`, `LoadMethod`) on their
//! fast paths, as CPython 3.11's specialised instructions take them: an
//! instance's or a module's entry is found at the slot where this instruction last
//! found it (`Code::attr_slots`) with no hashing, and a method about to be called
//! is pushed with its object instead of being bound. Anything else takes the
//! general way (`get_attr_named`, `set_attr_named`), so what a program sees is the
//! same either way; only the cost differs. A method call costs about 1 µs in the
//! page, and the pool's `submit` path makes a dozen of them per task.

use super::value::{locked, DictEntries, Key, Value};
use super::vm::{PyResult, Vm};
use std::sync::Mutex;

impl Vm {
    /// `LoadAttr`: `object.name`, `name` being the running code's `names[at]`.
    pub(super) fn load_attr(&mut self, object: &Value, at: u32) -> PyResult<Value> {
        if let Some(value) = self.own_attr(object, at as usize) {
            return Ok(value);
        }
        let name = self.name(at);
        self.get_attr_named(object, &name)
    }

    /// `LoadMethod`: the function and the object, when `object.name` is a method
    /// of its type (the call then passes the object first); otherwise the
    /// attribute and `None`.
    pub(super) fn load_method(&mut self, object: Value, at: u32) -> PyResult<(Value, Value)> {
        if let Some(value) = self.own_attr(&object, at as usize) {
            return Ok((value, Value::None));
        }
        let name = self.name(at);
        match &object {
            // Not in the instance's own dict (`own_attr` looked there): its class's.
            Value::Instance(i) if i.per_thread.is_none() => {
                if let Some(function @ Value::Function(_)) =
                    i.class.lookup_key(&Key::Str(name.clone()))
                {
                    return Ok((function, object));
                }
            }
            // Attributes of their own, looked up the general way.
            Value::Instance(_)
            | Value::Exception(_)
            | Value::Class(_)
            | Value::Super(_)
            | Value::Module(_) => {}
            other => {
                if let Some(method) = super::types::method(other, &name) {
                    return Ok((Value::Builtin(method), object));
                }
            }
        }
        let value = self.get_attr_named(&object, &name)?;
        Ok((value, Value::None))
    }

    /// `StoreAttr`: `object.name = value`.
    pub(super) fn store_attr(&mut self, object: &Value, at: u32, value: Value) -> PyResult<()> {
        if let (Value::Instance(i), Some(frame)) = (object, self.frames.last()) {
            let code = &frame.code;
            // A class with a `@property` may have a setter for the name (`set_attr_named`).
            let plain = i.per_thread.is_none() && !i.class.properties;
            if let (true, Some(name)) = (plain, code.names.get(at as usize)) {
                let mut entries = locked(&i.attrs);
                if let Some(slot) = code
                    .attr_slot(at as usize)
                    .and_then(|slot| entries.str_slot_mut(slot, name))
                {
                    *slot = value;
                    return Ok(());
                }
                let slot =
                    entries.insert_at(Key::Str(name.clone()), Value::Str(name.clone()), value);
                code.remember_attr_slot(at as usize, slot);
                return Ok(());
            }
        }
        let name = self.name(at);
        self.set_attr_named(object, &name, value)
    }

    /// The entry `names[at]` of the object's own dict (an instance's, a module's),
    /// when it has one.
    fn own_attr(&self, object: &Value, at: usize) -> Option<Value> {
        let dict: &Mutex<DictEntries> = match object {
            Value::Instance(i) if i.per_thread.is_none() => &i.attrs,
            Value::Module(m) => &m.dict.entries,
            _ => return None,
        };
        let code = &self.frames.last()?.code;
        let name = code.names.get(at)?;
        let entries = locked(dict);
        if let Some(value) = code
            .attr_slot(at)
            .and_then(|slot| entries.str_slot(slot, name))
        {
            return Some(value.clone());
        }
        let slot = entries.slot_of(&Key::Str(name.clone()))?;
        code.remember_attr_slot(at, slot);
        entries.str_slot(slot, name).cloned()
    }
}
