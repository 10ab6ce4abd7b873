//! `threading.local` (CPython's `_thread._local`): an object whose attributes are
//! each thread's own. Its objects keep a dict of attributes per thread, by the
//! thread's ident (idents are never reused in a run). The first time a thread
//! other than its maker touches one, it gets an empty dict and, for a subclass
//! with an `__init__`, that `__init__` runs again in that thread with the
//! arguments the object was made with — as CPython's `_thread._local` does.

use super::value::{locked, Class, DictEntries, Instance, Value};
use super::vm::{PyResult, Vm};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// What makes an object of a `threading.local` class per-thread.
pub struct PerThread {
    /// Each thread's attributes, by its ident.
    dicts: Mutex<HashMap<u64, DictEntries>>,
    /// The arguments of the call that made the object, for `__init__` in the others.
    args: Vec<Value>,
    kwargs: Vec<(Arc<str>, Value)>,
}

/// The builtin class's name (`Classes` has it as a builtin type).
pub const CLASS: &str = "_local";

impl Vm {
    /// Whether objects of `class` are `threading.local`s.
    pub(super) fn is_local_class(&self, class: &Arc<Class>) -> bool {
        (self.classes().named(CLASS)).is_some_and(|local| class.is_subclass(local))
    }

    /// The per-thread state of a new `threading.local` of `class`, its maker's
    /// dict made; `None` for other classes.
    ///
    /// # Errors
    /// CPython's `TypeError` for arguments that no `__init__` takes.
    pub(super) fn new_per_thread(
        &self,
        class: &Arc<Class>,
        args: &[Value],
        kwargs: &[(Arc<str>, Value)],
    ) -> PyResult<Option<Box<PerThread>>> {
        if !self.is_local_class(class) {
            return Ok(None);
        }
        let has_init = matches!(class.lookup("__init__"), Some(Value::Function(_)));
        if !has_init && (!args.is_empty() || !kwargs.is_empty()) {
            return Err(self.error("TypeError", "Initialization arguments are not supported"));
        }
        let mut dicts = HashMap::new();
        dicts.insert(self.ident, DictEntries::default());
        Ok(Some(Box::new(PerThread {
            dicts: Mutex::new(dicts),
            args: args.to_vec(),
            kwargs: kwargs.to_vec(),
        })))
    }

    /// Runs `f` on the attributes of `instance` that this thread sees: its own,
    /// or, for a `threading.local`, this thread's (made, and `__init__` run, the
    /// first time this thread looks).
    ///
    /// # Errors
    /// What `__init__` raised in this thread (its dict is then dropped again).
    pub(super) fn with_attrs<R>(
        &mut self,
        instance: &Arc<Instance>,
        f: impl FnOnce(&mut DictEntries) -> R,
    ) -> PyResult<R> {
        let Some(per) = &instance.per_thread else {
            return Ok(f(&mut locked(&instance.attrs)));
        };
        let ident = self.ident;
        let fresh = {
            let mut dicts = locked(&per.dicts);
            let fresh = !dicts.contains_key(&ident);
            dicts.entry(ident).or_default();
            fresh
        };
        if fresh {
            if let Some(init @ Value::Function(_)) = instance.class.lookup("__init__") {
                let mut args = Vec::with_capacity(per.args.len() + 1);
                args.push(Value::Instance(instance.clone()));
                args.extend(per.args.iter().cloned());
                if let Err(e) = self.call(&init, args, per.kwargs.clone()) {
                    locked(&per.dicts).remove(&ident);
                    return Err(e);
                }
            }
        }
        let mut dicts = locked(&per.dicts);
        Ok(f(dicts.entry(ident).or_default()))
    }
}

/// `_thread` with `_local` added: what `threading.local` is.
pub fn add_to_thread_module(vm: &Vm, module: Value) -> Value {
    if let Value::Dict(dict) = &module {
        locked(&dict.entries).insert(
            super::value::Key::Str(Arc::from(CLASS)),
            Value::str(CLASS),
            Value::Class(vm.classes().get(CLASS)),
        );
    }
    module
}

#[cfg(test)]
mod tests {
    use crate::python::{run_with, Options};

    /// Free-threaded, the threads really run at once: each still sees only its own.
    #[test]
    fn each_thread_sees_its_own_attributes_without_the_gil() {
        let source = "\
import threading
class Counter(threading.local):
    def __init__(self):
        self.n = 0
mine = Counter()
wrong = []
def work(k):
    for i in range(2000):
        mine.n += k
    if mine.n != 2000 * k:
        wrong.append((k, mine.n))
threads = [threading.Thread(target=work, args=(k,)) for k in range(1, 5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(wrong, mine.n)
";
        let options = Options {
            gil: false,
            time_limit_ms: Some(20_000.0),
            ..Options::default()
        };
        let output = run_with(source, options);
        assert_eq!(output.stdout, "[] 0\n", "{}", output.stderr);
    }
}
