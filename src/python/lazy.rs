//! `map`, `filter`, `zip` and `enumerate` as Python 3 has them: iterators that pull
//! from their sources only when asked, so that a generator behind them runs step
//! by step and `any()` over them stops early.

use super::value::{locked, Iter, Value};
use super::vm::{PyResult, Vm};
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub enum Lazy {
    Map { func: Value, sources: Vec<Value> },
    Filter { func: Value, source: Value },
    Zip { sources: Vec<Value> },
    Enumerate { source: Value, next: i64 },
}

type Args = Vec<Value>;
type Kwargs = Vec<(Arc<str>, Value)>;

fn lazy(state: Lazy) -> Value {
    Value::Iterator(Arc::new(Mutex::new(Iter::Lazy(state))))
}

fn sources(vm: &mut Vm, args: &[Value]) -> PyResult<Vec<Value>> {
    args.iter().map(|a| vm.iter_mut(a)).collect()
}

pub fn map(vm: &mut Vm, args: Args, _: Kwargs) -> PyResult<Value> {
    let Some((func, rest)) = args.split_first() else {
        return Err(vm.error("TypeError", "map() must have at least two arguments."));
    };
    if rest.is_empty() {
        return Err(vm.error("TypeError", "map() must have at least two arguments."));
    }
    let sources = sources(vm, rest)?;
    Ok(lazy(Lazy::Map {
        func: func.clone(),
        sources,
    }))
}

pub fn filter(vm: &mut Vm, args: Args, _: Kwargs) -> PyResult<Value> {
    let [func, source] = args.as_slice() else {
        return Err(vm.error(
            "TypeError",
            format!("filter expected 2 arguments, got {}", args.len()),
        ));
    };
    let source = vm.iter_mut(source)?;
    Ok(lazy(Lazy::Filter {
        func: func.clone(),
        source,
    }))
}

pub fn zip(vm: &mut Vm, args: Args, _: Kwargs) -> PyResult<Value> {
    let sources = sources(vm, &args)?;
    Ok(lazy(Lazy::Zip { sources }))
}

pub fn enumerate(vm: &mut Vm, args: Args, kwargs: Kwargs) -> PyResult<Value> {
    let start = args
        .get(1)
        .or_else(|| kwargs.iter().find(|(k, _)| &**k == "start").map(|(_, v)| v));
    let next = match start {
        None => 0,
        Some(Value::Int(i)) => *i,
        Some(Value::Bool(b)) => i64::from(*b),
        Some(other) => return Err(vm.not_an_integer(other)),
    };
    let source = match args.first() {
        Some(source) => vm.iter_mut(source)?,
        None => {
            return Err(vm.error(
                "TypeError",
                "enumerate() missing required argument 'iterable' (pos 1)",
            ))
        }
    };
    Ok(lazy(Lazy::Enumerate { source, next }))
}

impl Vm {
    /// The next item of a lazy iterator (`lazy` is a copy of its state).
    pub fn lazy_next(&mut self, state: &Mutex<Iter>, lazy: Lazy) -> PyResult<Option<Value>> {
        match lazy {
            Lazy::Map { func, sources } => {
                let Some(items) = self.pull_all(&sources)? else {
                    return Ok(None);
                };
                self.call(&func, items, Vec::new()).map(Some)
            }
            Lazy::Filter { func, source } => {
                while let Some(item) = self.next_mut(&source)? {
                    let keep = match &func {
                        Value::None => self.truth(&item)?,
                        f => {
                            let verdict = self.call(f, vec![item.clone()], Vec::new())?;
                            self.truth(&verdict)?
                        }
                    };
                    if keep {
                        return Ok(Some(item));
                    }
                }
                Ok(None)
            }
            Lazy::Zip { sources } => Ok(self.pull_all(&sources)?.map(Value::tuple)),
            Lazy::Enumerate { source, next } => {
                let Some(item) = self.next_mut(&source)? else {
                    return Ok(None);
                };
                if let Iter::Lazy(Lazy::Enumerate { next, .. }) = &mut *locked(state) {
                    *next += 1;
                }
                Ok(Some(Value::tuple(vec![Value::Int(next), item])))
            }
        }
    }

    /// One item from each source, in order; `None` as soon as one is exhausted.
    fn pull_all(&mut self, sources: &[Value]) -> PyResult<Option<Vec<Value>>> {
        if sources.is_empty() {
            // `zip()` of nothing is empty, not endless.
            return Ok(None);
        }
        let mut items = Vec::with_capacity(sources.len());
        for source in sources {
            match self.next_mut(source)? {
                Some(item) => items.push(item),
                None => return Ok(None),
            }
        }
        Ok(Some(items))
    }
}
