//! Calls: a Python function's frame made from its arguments, bound as Python binds
//! them (positional, keyword, defaults, `*args`, `**kwargs`, closures), and the
//! call instructions' arguments taken off the stack.

use super::code::Const;
use super::park::Park;
use super::value::{locked, Dict, DictEntries, Function, Value};
use super::vm::{unbound, Frame, PyResult, Vm};
use std::sync::{Arc, Mutex};

impl Vm {
    /// Calls any callable with positional and keyword arguments, to its end.
    pub fn call(
        &mut self,
        callee: &Value,
        mut args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Value> {
        // Native code calling: no wait under it can park (`park.rs`).
        self.parkable = false;
        match callee {
            Value::BoundMethod(m) => {
                args.insert(0, m.0.clone());
                let function = m.1.clone();
                self.call(&function, args, kwargs)
            }
            Value::Function(f) => {
                let base = self.frames.len();
                let frame = self.frame_for(f, args, kwargs)?;
                if f.code.kind != super::code::Kind::Function {
                    return Ok(super::generator::Generator::new_value(frame, self));
                }
                self.push_frame(frame)?;
                self.run(base)
            }
            other => self.call_native(other, args, kwargs),
        }
    }

    pub(super) fn push_frame(&mut self, frame: Frame) -> PyResult<()> {
        if self.frames.len() >= self.interp.recursion_limit {
            return Err(self.error("RecursionError", "maximum recursion depth exceeded"));
        }
        self.frames.push(frame);
        Ok(())
    }

    /// Binds the arguments of a call to a new frame of `f`, as Python does.
    pub(super) fn frame_for(
        &mut self,
        f: &Function,
        mut args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<Frame> {
        let code = &f.code;
        let params = &code.params;
        // Errors name a method by its class too (`Greeter.greet()`), as CPython's
        // qualified names do.
        let qualname = || match f.owner.get().and_then(std::sync::Weak::upgrade) {
            Some(class) => format!("{}.{}", class.name, code.name),
            None => code.name.to_string(),
        };
        let mut fast = self.spare.slots(code.locals.len());
        let positional = params.positional;
        let named = params.names.len();
        let mut extra = Vec::new();
        if args.len() > positional {
            if params.varargs {
                extra = args.split_off(positional);
            } else {
                let given = args.len();
                let wanted = if f.defaults.is_empty() {
                    format!("{positional}")
                } else {
                    format!("from {} to {positional}", positional - f.defaults.len())
                };
                return Err(self.error(
                    "TypeError",
                    format!(
                        "{}() takes {wanted} positional argument{} but {given} {} given",
                        qualname(),
                        if positional == 1 && f.defaults.is_empty() {
                            ""
                        } else {
                            "s"
                        },
                        if given == 1 { "was" } else { "were" }
                    ),
                ));
            }
        }
        for (slot, arg) in fast.iter_mut().zip(args.drain(..)) {
            *slot = Some(arg);
        }
        self.spare.keep_values(args);
        let mut extra_kw = DictEntries::default();
        for (key, value) in kwargs {
            match params.names.iter().position(|n| *n == key) {
                Some(at) => {
                    if fast.get(at).is_some_and(Option::is_some) {
                        return Err(self.error(
                            "TypeError",
                            format!("{}() got multiple values for argument '{key}'", qualname()),
                        ));
                    }
                    if let Some(slot) = fast.get_mut(at) {
                        *slot = Some(value);
                    }
                }
                None if params.varkw => {
                    let k = Value::Str(key.clone());
                    extra_kw.insert(self.key(&k)?, k, value);
                }
                None => {
                    return Err(self.error(
                        "TypeError",
                        format!(
                            "{}() got an unexpected keyword argument '{key}'",
                            qualname()
                        ),
                    ))
                }
            }
        }
        // Defaults fill the last positional parameters, then the keyword-only ones.
        let first_default = positional - f.defaults.len().min(positional);
        for (i, default) in f.defaults.iter().enumerate() {
            if let Some(slot @ None) = fast.get_mut(first_default + i) {
                *slot = Some(default.clone());
            }
        }
        for (key, default) in &f.kw_defaults {
            if let Some(at) = params.names.iter().position(|n| n == key) {
                if let Some(slot @ None) = fast.get_mut(at) {
                    *slot = Some(default.clone());
                }
            }
        }
        let missing: Vec<&Arc<str>> = params
            .names
            .iter()
            .enumerate()
            .filter(|(i, _)| fast.get(*i).is_some_and(Option::is_none))
            .map(|(_, n)| n)
            .collect();
        if !missing.is_empty() {
            let keyword_only = missing
                .iter()
                .all(|m| params.names.iter().position(|n| n == *m).unwrap_or(0) >= positional);
            let kind = if keyword_only {
                "keyword-only"
            } else {
                "positional"
            };
            let names: Vec<String> = missing.iter().map(|n| format!("'{n}'")).collect();
            let list = match names.as_slice() {
                [one] => one.clone(),
                [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
                [] => String::new(),
            };
            return Err(self.error(
                "TypeError",
                format!(
                    "{}() missing {} required {kind} argument{}: {list}",
                    qualname(),
                    missing.len(),
                    if missing.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        let mut next = named;
        if params.varargs {
            if let Some(slot) = fast.get_mut(next) {
                *slot = Some(Value::tuple(extra));
            }
            next += 1;
        }
        if params.varkw {
            if let Some(slot) = fast.get_mut(next) {
                *slot = Some(Dict::new_value(extra_kw));
            }
        }
        let own_cells = code.cells.len() - code.free;
        let mut cells: Vec<Arc<Mutex<Value>>> = (0..own_cells)
            .map(|_| Arc::new(Mutex::new(unbound())))
            .collect();
        for &(cell, slot) in &code.cell_params {
            if let (Some(c), Some(Some(v))) = (cells.get(cell), fast.get(slot)) {
                *locked(c) = v.clone();
            }
        }
        for free in &f.closure {
            if let Value::Cell(c) = free {
                cells.push(c.clone());
            }
        }
        Ok(Frame {
            code: code.clone(),
            ip: 0,
            stack: self.spare.values(),
            fast,
            cells,
            blocks: Vec::new(),
            handling: Vec::new(),
            globals: f.globals.clone(),
            names: None,
            owner: f.owner.get().and_then(std::sync::Weak::upgrade),
            running: None,
            task: None,
        })
    }

    /// A call made by an instruction: a Python function gets a frame on this loop.
    pub(super) fn call_from_frame(
        &mut self,
        callee: Value,
        mut args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<()> {
        match &callee {
            Value::BoundMethod(m) => {
                args.insert(0, m.0.clone());
                self.call_from_frame(m.1.clone(), args, kwargs)
            }
            Value::Function(f) => {
                let task = self.task_call(f, &args, &kwargs);
                let mut frame = match self.frame_for(f, args, kwargs) {
                    Ok(frame) => frame,
                    Err(exc) => {
                        if let Some(task) = task {
                            self.end_task_call(task, Err(&exc));
                        }
                        return Err(exc);
                    }
                };
                if f.code.kind != super::code::Kind::Function {
                    self.push(super::generator::Generator::new_value(frame, self));
                    return Ok(());
                }
                frame.task = task;
                self.push_frame(frame)
            }
            other if self.parks() => self.call_native_parking(other.clone(), args, kwargs),
            other => {
                let value = self.call_native(other, args, kwargs)?;
                self.push(value);
                Ok(())
            }
        }
    }

    /// With simulated threads, a native called by an instruction: a wait in it may
    /// park this thread, so the Python it runs goes on this loop where it can
    /// (`park.rs`). Out of line: the threaded build never comes here.
    #[cold]
    #[inline(never)]
    fn call_native_parking(
        &mut self,
        callee: Value,
        mut args: Vec<Value>,
        kwargs: Vec<(Arc<str>, Value)>,
    ) -> PyResult<()> {
        if let Some((gen, send, args)) = self.resumed_by_call(&callee, &args) {
            return self.resume_here(&gen, send, args);
        }
        if let Some((helper, takes_builtin)) = self.consumes_generator(&callee, &args) {
            // The generator runs in a Python `for` (lib/consume.py).
            let consume = self.import("_consume")?;
            let helper = self.get_attr(&consume, helper)?;
            if takes_builtin {
                args.insert(0, callee);
            }
            return self.call_from_frame(helper, args, kwargs);
        }
        // If it parks, `drive` makes the call again: it keeps the arguments.
        let again = (args.clone(), kwargs.clone());
        self.parkable = true;
        let result = self.call_native(&callee, args, kwargs);
        self.parkable = false;
        if let Some(Park::Retry { call, .. }) = &mut self.park {
            *call = Some((callee, again.0, again.1));
        }
        self.push(result?);
        Ok(())
    }

    /// The helper of `lib/consume.py` that runs a generator for the builtin `callee`,
    /// if it is one that runs a whole generator: `list(gen)`, `sorted(gen)`, …, and
    /// `sep.join(gen)` (its separator first, when the method was loaded with it);
    /// and whether the helper takes the builtin first (`any_of` is `any` itself).
    fn consumes_generator(&self, callee: &Value, args: &[Value]) -> Option<(&'static str, bool)> {
        let generator =
            |v: &Value| matches!(v, Value::Generator(g) if g.kind == super::code::Kind::Generator);
        if let (Value::Builtin(b), [_, gen]) = (callee, args) {
            if b.name == "join" && generator(gen) {
                return Some(("collect_into", true));
            }
        }
        if !args.first().is_some_and(generator) {
            return None;
        }
        let name: &str = match callee {
            Value::Builtin(b) => b.name,
            Value::Class(c) if self.classes().is_builtin(c) => &c.name,
            Value::Method(m) => m.1.name,
            _ => return None,
        };
        match name {
            "list" | "tuple" | "set" | "frozenset" | "sorted" | "sum" | "min" | "max" | "dict"
            | "join" => Some(("collect", true)),
            "any" => Some(("any_of", false)),
            "all" => Some(("all_of", false)),
            _ => None,
        }
    }

    /// `f(**kwargs)`'s keywords: the dict's items (nothing for `None`).
    pub(super) fn keywords_of(&self, kwargs: &Value) -> PyResult<Vec<(Arc<str>, Value)>> {
        let Value::Dict(d) = kwargs else {
            return Ok(Vec::new());
        };
        let entries = locked(&d.entries).clone();
        let mut keywords = Vec::with_capacity(entries.len);
        for (k, v) in entries.iter() {
            let Value::Str(k) = k else {
                return Err(self.error("TypeError", "keywords must be strings"));
            };
            keywords.push((k.clone(), v.clone()));
        }
        Ok(keywords)
    }

    /// With simulated threads, `*gen` of a generator in a call or a display: the
    /// helper that runs it in a Python `for` (lib/consume.py).
    pub(super) fn star_generator(&mut self, args: &Value) -> PyResult<Option<Value>> {
        match args {
            Value::Generator(g) if self.parks() && g.kind == super::code::Kind::Generator => {
                let consume = self.import("_consume")?;
                self.get_attr(&consume, "extend").map(Some)
            }
            _ => Ok(None),
        }
    }

    pub(super) fn make_function(&mut self, flags: u32, code: u32) -> PyResult<()> {
        let code = self
            .frames
            .last()
            .and_then(|f| match f.code.consts.get(code as usize) {
                Some(Const::Code(code)) => Some(code.clone()),
                _ => None,
            });
        let Some(code) = code else {
            return Err(self.error("SystemError", "MakeFunction without code"));
        };
        let closure = if flags & 8 != 0 {
            let cells = self.pop();
            self.collect_mut(&cells)?
        } else {
            Vec::new()
        };
        let kw_defaults = if flags & 2 != 0 {
            match self.pop() {
                Value::Dict(d) => locked(&d.entries)
                    .iter()
                    .map(|(k, v)| (Arc::from(self.str(k).as_str()), v.clone()))
                    .collect(),
                _ => Vec::new(),
            }
        } else {
            Vec::new()
        };
        let defaults = if flags & 1 != 0 {
            let defaults = self.pop();
            self.collect_mut(&defaults)?
        } else {
            Vec::new()
        };
        let globals = self
            .frames
            .last()
            .map(|f| f.globals.clone())
            .unwrap_or_default();
        self.push(Value::Function(Arc::new(Function {
            code,
            globals,
            defaults,
            kw_defaults,
            closure,
            owner: std::sync::OnceLock::new(),
        })));
        Ok(())
    }

    /// The `n` arguments of a `CallMethod`, the object first when `LoadMethod`
    /// pushed one (not `None`); the object's slot is popped either way.
    pub(super) fn pop_method_args(&mut self, n: usize) -> Vec<Value> {
        let Some(frame) = self.frames.last_mut() else {
            return Vec::new();
        };
        let at = frame.stack.len().saturating_sub(n + 1);
        let mut args = self.spare.values();
        let mut taken = frame.stack.drain(at..);
        if let Some(object) = taken.next() {
            if !matches!(object, Value::None) {
                args.push(object);
            }
        }
        args.extend(taken);
        args
    }

    /// The last `names.len()` of `args`, taken off as keyword arguments: the names
    /// are the tuple constant `consts[names_at]`.
    pub(super) fn keyword_args(
        &mut self,
        args: &mut Vec<Value>,
        names_at: u32,
    ) -> Vec<(Arc<str>, Value)> {
        let names = match self
            .frames
            .last()
            .and_then(|f| f.code.consts.get(names_at as usize))
        {
            Some(Const::Value(Value::Tuple(t))) => t.clone(),
            _ => Arc::from(Vec::new()),
        };
        let kw_values = args.split_off(args.len().saturating_sub(names.len()));
        names
            .iter()
            .zip(kw_values)
            .map(|(k, v)| (Arc::from(self.str(k).as_str()), v))
            .collect()
    }

    pub(super) fn pop_n(&mut self, n: usize) -> Vec<Value> {
        match self.frames.last_mut() {
            Some(_) if n == 0 => Vec::new(),
            Some(frame) => {
                let at = frame.stack.len().saturating_sub(n);
                let mut values = self.spare.values();
                values.extend(frame.stack.drain(at..));
                values
            }
            None => Vec::new(),
        }
    }

    /// Pops the top frame, keeping its vectors for the next call's.
    pub(super) fn pop_frame(&mut self) -> Option<Frame> {
        let mut frame = self.frames.pop()?;
        self.spare.keep_values(std::mem::take(&mut frame.stack));
        self.spare.keep_slots(std::mem::take(&mut frame.fast));
        Some(frame)
    }
}
