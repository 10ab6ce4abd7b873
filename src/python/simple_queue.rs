//! `queue.SimpleQueue`, in Rust as CPython's `_queue` is in C: an unbounded FIFO
//! whose `get` lets go of the GIL only when it must wait (`futures::wait_for`). The
//! pool's workers wait on one for their work items.

use super::builtins::NativeFn;
use super::futures::{this, timeout_arg, wait_for};
use super::value::{locked, NativeObject, Value};
use super::vm::{PyResult, Vm};
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex};

#[derive(Default)]
struct QueueState {
    items: VecDeque<Value>,
    sleeping: usize,
}

/// `queue.SimpleQueue()`: an unbounded FIFO; `get` waits with the GIL let go.
#[derive(Default)]
pub struct SimpleQueue {
    state: Mutex<QueueState>,
    changed: Condvar,
}

impl NativeObject for SimpleQueue {
    fn type_name(&self) -> &'static str {
        "_queue.SimpleQueue"
    }

    fn methods(&self) -> &'static [(&'static str, NativeFn)] {
        SIMPLE_QUEUE
    }
}

impl SimpleQueue {
    fn put(&self, item: Value) {
        let mut state = locked(&self.state);
        state.items.push_back(item);
        let sleeping = state.sleeping;
        drop(state);
        if sleeping > 0 {
            self.changed.notify_one();
        }
    }

    fn get(&self, vm: &mut Vm, block: bool, timeout: Option<f64>) -> PyResult<Value> {
        let timeout = if block { timeout } else { Some(0.0) };
        if timeout.is_some_and(|t| t < 0.0) {
            return Err(vm.error("ValueError", "'timeout' must be a non-negative number"));
        }
        let item = wait_for(
            vm,
            &self.state,
            &self.changed,
            timeout,
            |s| &mut s.sleeping,
            |s| s.items.pop_front(),
        )?;
        match item {
            Some(item) => Ok(item),
            None => Err(empty(vm)?),
        }
    }
}

/// `queue.Empty()`, to raise.
fn empty(vm: &mut Vm) -> PyResult<Value> {
    let queue = vm.import("queue")?;
    let class = vm.get_attr(&queue, "Empty")?;
    vm.call(&class, Vec::new(), Vec::new())
}

fn block_arg(vm: &Vm, a: &[Value], k: &[(Arc<str>, Value)]) -> bool {
    a.get(1)
        .or_else(|| k.iter().find(|(n, _)| &**n == "block").map(|(_, v)| v))
        .is_none_or(|b| vm.truthy(b))
}

const SIMPLE_QUEUE: &[(&str, NativeFn)] = &[
    ("put", |vm, a, _| {
        this::<SimpleQueue>(vm, &a)?.put(a.get(1).cloned().unwrap_or(Value::None));
        Ok(Value::None)
    }),
    ("put_nowait", |vm, a, _| {
        this::<SimpleQueue>(vm, &a)?.put(a.get(1).cloned().unwrap_or(Value::None));
        Ok(Value::None)
    }),
    ("get", |vm, a, k| {
        let queue = this::<SimpleQueue>(vm, &a)?;
        let block = block_arg(vm, &a, &k);
        queue.get(vm, block, timeout_arg(&a, &k, 2))
    }),
    ("get_nowait", |vm, a, _| {
        this::<SimpleQueue>(vm, &a)?.get(vm, false, None)
    }),
    ("empty", |vm, a, _| {
        let queue = this::<SimpleQueue>(vm, &a)?;
        let empty = locked(&queue.state).items.is_empty();
        Ok(Value::Bool(empty))
    }),
    ("qsize", |vm, a, _| {
        let queue = this::<SimpleQueue>(vm, &a)?;
        let n = locked(&queue.state).items.len();
        Ok(Value::Int(i64::try_from(n).unwrap_or(i64::MAX)))
    }),
];
