//! The instructions that work on values only (loads and stores, operators,
//! building, calls, imports, `raise`), and what `with` and `except` need.

use super::code::Instr;
use super::exceptions::new_exception;
use super::value::{locked, Dict, DictEntries, List, Value};
use super::vm::{PyResult, Vm};
use std::sync::{Arc, Mutex};

impl Vm {
    /// The instructions that do not touch the frame's control state.
    #[allow(clippy::too_many_lines)]
    pub(super) fn execute(&mut self, instr: Instr) -> PyResult<()> {
        match instr {
            Instr::Binary(op) | Instr::InPlace(op) => {
                let b = self.pop();
                let a = self.pop();
                // `list += iterable` changes the list itself.
                if let (Instr::InPlace(super::code::BinOp::Add), Value::List(l)) = (instr, &a) {
                    let more = self.collect_mut(&b)?;
                    locked(&l.items).extend(more);
                    self.push(a);
                    return Ok(());
                }
                let value = self.binary_any(op, &a, &b)?;
                self.push(value);
            }
            Instr::Unary(op) => {
                let a = self.pop();
                let value = self.unary_any(op, &a)?;
                self.push(value);
            }
            Instr::Compare(op) => {
                let b = self.pop();
                let a = self.pop();
                let value = self.compare_any(op, &a, &b)?;
                self.push(value);
            }
            Instr::LoadAttr(at) => {
                let object = self.pop();
                let value = self.load_attr(&object, at)?;
                self.push(value);
            }
            Instr::LoadMethod(at) => {
                let object = self.pop();
                let (callee, object) = self.load_method(object, at)?;
                self.push(callee);
                self.push(object);
            }
            Instr::StoreAttr(at) => {
                let object = self.pop();
                let value = self.pop();
                self.store_attr(&object, at, value)?;
            }
            Instr::BuildClass(name, bases) => {
                let name = self.name(name);
                let bases = self.pop_n(bases as usize);
                let body = self.pop();
                let class = self.build_class(&name, bases, &body)?;
                self.push(class);
            }
            Instr::LoadSubscr => {
                let index = self.pop();
                let container = self.pop();
                let value = self.get_item_any(&container, &index)?;
                self.push(value);
            }
            Instr::StoreSubscr => {
                let index = self.pop();
                let container = self.pop();
                let value = self.pop();
                self.set_item_any(&container, &index, value)?;
            }
            Instr::DeleteSubscr => {
                let index = self.pop();
                let container = self.pop();
                self.del_item_any(&container, &index)?;
            }
            Instr::GetIter => {
                let value = self.pop();
                let iterator = self.iter_mut(&value)?;
                self.push(iterator);
            }
            Instr::ForIter(exit) => {
                let iterator = self
                    .frames
                    .last()
                    .and_then(|f| f.stack.last().cloned())
                    .unwrap_or(Value::None);
                match self.next_mut(&iterator)? {
                    Some(value) => self.push(value),
                    None => {
                        self.pop();
                        self.top_frame().ip = exit as usize;
                    }
                }
            }
            Instr::BuildList(n) => {
                let items = self.pop_n(n as usize);
                self.push(List::new(items));
            }
            Instr::BuildTuple(n) => {
                let items = self.pop_n(n as usize);
                self.push(Value::tuple(items));
            }
            Instr::BuildSet(n) => {
                let items = self.pop_n(n as usize);
                let mut entries = DictEntries::default();
                for item in items {
                    entries.insert(self.key(&item)?, item, Value::None);
                }
                self.push(Value::Set(Arc::new(Dict {
                    entries: Mutex::new(entries),
                    keys: Default::default(),
                })));
            }
            Instr::BuildMap(n) => {
                let items = self.pop_n(2 * n as usize);
                let mut entries = DictEntries::default();
                for pair in items.chunks(2) {
                    if let [k, v] = pair {
                        entries.insert(self.key(k)?, k.clone(), v.clone());
                    }
                }
                self.push(Dict::new_value(entries));
            }
            Instr::BuildSlice(_) => {
                let parts = self.pop_n(3);
                let mut it = parts.into_iter();
                let slice = [
                    it.next().unwrap_or(Value::None),
                    it.next().unwrap_or(Value::None),
                    it.next().unwrap_or(Value::None),
                ];
                self.push(Value::Slice(Arc::new(slice)));
            }
            Instr::ListAppend(depth) | Instr::SetAdd(depth) => {
                let value = self.pop();
                let target = self.peek(depth as usize - 1);
                match target {
                    Value::List(l) => {
                        let mut items = locked(&l.items);
                        self.reserve_growth(&items)?;
                        items.push(value);
                    }
                    Value::Set(d) => {
                        let key = self.key(&value)?;
                        locked(&d.entries).insert(key, value, Value::None);
                    }
                    _ => {}
                }
            }
            Instr::MapAdd(depth) => {
                let value = self.pop();
                let key = self.pop();
                if let Value::Dict(d) = self.peek(depth as usize - 1) {
                    let k = self.key(&key)?;
                    locked(&d.entries).insert(k, key, value);
                }
            }
            Instr::ListExtend => {
                let more = self.pop();
                if let Some(helper) = self.star_generator(&more)? {
                    // Simulated threads: `[*gen]`, `f(*gen)` run the generator in a
                    // Python `for`, where its waits can park (lib/consume.py). It
                    // gives back the list, extended.
                    let list = self.pop();
                    return self.call_from_frame(helper, vec![list, more], Vec::new());
                }
                let more = self.collect_mut(&more)?;
                if let Value::List(l) = self.peek(0) {
                    locked(&l.items).extend(more);
                }
            }
            Instr::DictUpdate => {
                let more = self.pop();
                let pairs: Vec<(Value, Value)> = match &more {
                    Value::Dict(d) => locked(&d.entries).iter().cloned().collect(),
                    other => {
                        return Err(self.error(
                            "TypeError",
                            format!("'{}' object is not a mapping", other.type_name()),
                        ))
                    }
                };
                if let Value::Dict(d) = self.peek(0) {
                    for (k, v) in pairs {
                        let key = self.key(&k)?;
                        locked(&d.entries).insert(key, k, v);
                    }
                }
            }
            Instr::UnpackSequence(n) => {
                let value = self.pop();
                let items = self.collect_mut(&value)?;
                if items.len() != n as usize {
                    return Err(self.error(
                        "ValueError",
                        if items.len() > n as usize {
                            format!("too many values to unpack (expected {n})")
                        } else {
                            format!(
                                "not enough values to unpack (expected {n}, got {})",
                                items.len()
                            )
                        },
                    ));
                }
                for item in items.into_iter().rev() {
                    self.push(item);
                }
            }
            Instr::UnpackEx(before, after) => {
                let value = self.pop();
                let mut items = self.collect_mut(&value)?;
                let (before, after) = (before as usize, after as usize);
                if items.len() < before + after {
                    return Err(self.error(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            items.len()
                        ),
                    ));
                }
                let tail = items.split_off(items.len() - after);
                let middle = items.split_off(before);
                for item in tail.into_iter().rev() {
                    self.push(item);
                }
                self.push(List::new(middle));
                for item in items.into_iter().rev() {
                    self.push(item);
                }
            }
            Instr::Call(n) => {
                let args = self.pop_n(n as usize);
                let callee = self.pop();
                self.call_from_frame(callee, args, Vec::new())?;
            }
            Instr::CallMethod(n) => {
                let args = self.pop_method_args(n as usize);
                let callee = self.pop();
                self.call_from_frame(callee, args, Vec::new())?;
            }
            Instr::CallKw(n, names_at) => {
                let mut args = self.pop_n(n as usize);
                let kwargs = self.keyword_args(&mut args, names_at);
                let callee = self.pop();
                self.call_from_frame(callee, args, kwargs)?;
            }
            Instr::CallMethodKw(n, names_at) => {
                let mut args = self.pop_method_args(n as usize);
                let kwargs = self.keyword_args(&mut args, names_at);
                let callee = self.pop();
                self.call_from_frame(callee, args, kwargs)?;
            }
            Instr::CallEx => {
                let kwargs = self.pop();
                let args = self.pop();
                let callee = self.pop();
                let args = self.collect_mut(&args)?;
                let kwargs = self.keywords_of(&kwargs)?;
                self.call_from_frame(callee, args, kwargs)?;
            }
            Instr::MakeFunction(flags, code) => self.make_function(flags, code)?,
            Instr::Raise(n) => return Err(self.raise(n)),
            Instr::WithExcept => {
                let exc = self.peek(0);
                let exit = self.peek(1);
                let class = Value::Class(self.classes().of(&exc));
                for value in [exit, class, exc, Value::None] {
                    self.push(value);
                }
            }
            Instr::BeforeWith => {
                let manager = self.pop();
                let enter = self.get_attr(&manager, "__enter__")?;
                let exit = self.get_attr(&manager, "__exit__")?;
                self.push(exit);
                self.call_from_frame(enter, Vec::new(), Vec::new())?;
            }
            Instr::ExceptMatch => {
                let class = self.pop();
                let exc = self.peek(0);
                let matched = self.exception_matches(&exc, &class)?;
                self.push(Value::Bool(matched));
            }
            Instr::FormatValue(conversion, has_spec) => {
                let spec = if has_spec { Some(self.pop()) } else { None };
                let value = self.pop();
                let text = self.format_value(&value, conversion, spec.as_ref())?;
                self.push(Value::str(&text));
            }
            Instr::BuildString(n) => {
                let parts = self.pop_n(n as usize);
                let text: String = parts.iter().map(|p| self.str(p)).collect();
                self.push(Value::str(&text));
            }
            Instr::GetYieldFromIter => {
                let value = self.pop();
                let iterator = self.yield_from_iter(value)?;
                self.push(iterator);
            }
            Instr::GetAwaitable => {
                let value = self.pop();
                let awaitable = self.awaitable(value)?;
                self.push(awaitable);
            }
            Instr::GetAIter => {
                let value = self.pop();
                let iterator = self.async_iter(&value)?;
                self.push(iterator);
            }
            Instr::GetANext => {
                let iterator = self.peek(0);
                let awaitable = self.async_next(&iterator)?;
                self.push(awaitable);
            }
            Instr::ImportName(at) => {
                let name = self.name(at);
                let module = self.import(&name)?;
                self.push(module);
            }
            Instr::ImportFrom(at) => {
                let name = self.name(at);
                let module = self.peek(0);
                let value = self.get_attr(&module, &name).map_err(|_| {
                    self.error(
                        "ImportError",
                        match &module {
                            Value::Module(m) => format!(
                                "cannot import name '{name}' from '{}' (unknown location)",
                                m.name
                            ),
                            other => {
                                format!("cannot import name '{name}' from '{}'", self.str(other))
                            }
                        },
                    )
                })?;
                self.push(value);
            }
            // The control instructions are `step`'s.
            _ => {}
        }
        Ok(())
    }

    /// `raise`, `raise exc`, `raise exc from cause`.
    pub(super) fn raise(&mut self, n: u32) -> Value {
        let cause = if n == 2 { Some(self.pop()) } else { None };
        let exc = if n >= 1 {
            self.pop()
        } else {
            return match self.handled() {
                Some(exc) => exc,
                None => self.error("RuntimeError", "No active exception to reraise"),
            };
        };
        let exc = match exc {
            Value::Class(class) if self.classes().is_exception(&class) => {
                new_exception(class, Vec::new())
            }
            exc @ Value::Exception(_) => exc,
            _ => return self.error("TypeError", "exceptions must derive from BaseException"),
        };
        if let Value::Exception(e) = &exc {
            if let Some(cause) = cause {
                let cause = match cause {
                    Value::Class(class) if self.classes().is_exception(&class) => {
                        Some(new_exception(class, Vec::new()))
                    }
                    // `from None` is kept as a cause of None: it suppresses the context.
                    other => Some(other),
                };
                *locked(&e.cause) = cause;
            }
            self.set_context(&exc);
        }
        exc
    }

    /// An exception raised while another is handled remembers it (`__context__`).
    pub fn set_context(&self, exc: &Value) {
        if let (Value::Exception(e), Some(handled)) = (exc, self.handled()) {
            if handled.id() != exc.id() && locked(&e.context).is_none() {
                *locked(&e.context) = Some(handled);
            }
        }
    }

    pub(super) fn exception_matches(&self, exc: &Value, class: &Value) -> PyResult<bool> {
        let exc_class = self.classes().of(exc);
        match class {
            Value::Class(c) => Ok(exc_class.is_subclass(c)),
            Value::Tuple(t) => {
                for c in t.iter() {
                    if self.exception_matches(exc, c)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            _ => Err(self.error(
                "TypeError",
                "catching classes that do not inherit from BaseException is not allowed",
            )),
        }
    }
}
