//! `_futures`: the waiting and waking under `concurrent.futures` (and, in
//! `simple_queue.rs`, `queue.SimpleQueue`), in Rust, as CPython has `_queue` in C.
//!
//! Written in Python over `threading.Condition`, each hand-off of a future took a
//! Python lock, a waiter lock per waiting thread and a dozen calls; 1000 submits
//! with `as_completed` took ~0.9 s in the page. Here a future's state is one mutex
//! and a condvar, a queue's too, and a thread that waits lets go of the GIL only
//! when it really has to wait. `lib/futures.py` keeps CPython's classes and the
//! frames its tracebacks show; it calls these for the state under them.
//!
//! Every wait checks Stop every 20 ms (`KeyboardInterrupt`), as `_thread` locks do.

use super::builtins::{module, NativeFn};
use super::ops::float;
use super::value::{locked, List, NativeObject, Value};
use super::vm::{PyResult, Vm};
use std::any::Any;
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// How long a wait sleeps before it looks at Stop again.
const STOP_POLL: Duration = Duration::from_millis(20);

/// Waits on `changed` until `take` gets something out of the state, or `timeout`
/// seconds pass (`None`: for ever), with the GIL let go only if it must wait; what
/// `take` got. Looking and taking are one step under the lock, so no other thread
/// takes it in between. `sleeping` counts the threads asleep on `changed`, so that
/// those who change the state wake only when someone sleeps.
pub(super) fn wait_for<S, T>(
    vm: &mut Vm,
    state: &Mutex<S>,
    changed: &Condvar,
    timeout: Option<f64>,
    sleeping: fn(&mut S) -> &mut usize,
    mut take: impl FnMut(&mut S) -> Option<T>,
) -> PyResult<Option<T>> {
    if let Some(got) = take(&mut locked(state)) {
        return Ok(Some(got));
    }
    if timeout.is_some_and(|t| t <= 0.0) {
        return Ok(None);
    }
    if vm.parks() {
        // The single-threaded build: looked at again after another thread's turn.
        let deadline = vm.wait_deadline(timeout);
        if vm.past(deadline) {
            return Ok(None);
        }
        return Err(vm.park(
            super::park::Park::Retry {
                deadline,
                call: None,
            },
            "a future's or a queue's wait",
        ));
    }
    vm.blocking(|vm| {
        let deadline = timeout.map(|t| (vm.interp.clock)() + t * 1000.0);
        let mut guard = locked(state);
        loop {
            if let Some(got) = take(&mut guard) {
                return Ok(Some(got));
            }
            if (vm.interp.stop)() {
                return Err(vm.error("KeyboardInterrupt", ""));
            }
            let mut wait = STOP_POLL;
            if let Some(deadline) = deadline {
                let left = deadline - (vm.interp.clock)();
                if left <= 0.0 {
                    return Ok(None);
                }
                wait = wait.min(Duration::from_secs_f64(left / 1000.0));
            }
            crate::runtime::sync::check_may_block("a future's or a queue's wait");
            *sleeping(&mut guard) += 1;
            guard = match changed.wait_timeout(guard, wait) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
            *sleeping(&mut guard) -= 1;
        }
    })
}

/// Wakes the sleepers of `changed`, if there are any.
fn wake_all<S>(guard: MutexGuard<'_, S>, sleeping: usize, changed: &Condvar) {
    drop(guard);
    if sleeping > 0 {
        changed.notify_all();
    }
}

/// `timeout` of a call: positional at `at` or by keyword; `None` for none or `None`.
pub(super) fn timeout_arg(a: &[Value], k: &[(Arc<str>, Value)], at: usize) -> Option<f64> {
    let value = a
        .get(at)
        .or_else(|| k.iter().find(|(n, _)| &**n == "timeout").map(|(_, v)| v))?;
    float(value)
}

/// The object a method was called on.
pub(super) fn this<T: NativeObject>(vm: &Vm, a: &[Value]) -> PyResult<Arc<T>> {
    if let Some(Value::Native(object)) = a.first() {
        let object: Arc<dyn Any + Send + Sync> = object.clone();
        if let Ok(object) = object.downcast::<T>() {
            return Ok(object);
        }
    }
    Err(vm.error("TypeError", "a method of _futures called on another object"))
}

// ---- A future's state ----

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    Pending,
    Running,
    Cancelled,
    Finished,
}

#[derive(Default)]
struct FutureState {
    phase: Option<Phase>,
    result: Option<Value>,
    exception: Option<Value>,
    callbacks: Vec<Value>,
    /// `as_completed`/`wait` waiters, each told this future (the Python object) once it is done.
    watchers: Vec<(Arc<Waiter>, Value)>,
    sleeping: usize,
}

impl FutureState {
    fn phase(&self) -> Phase {
        self.phase.unwrap_or(Phase::Pending)
    }

    fn done(&self) -> bool {
        matches!(self.phase(), Phase::Cancelled | Phase::Finished)
    }
}

/// `_futures.Core()`: a `Future`'s state, result and the threads waiting for it.
#[derive(Default)]
pub struct Core {
    state: Mutex<FutureState>,
    changed: Condvar,
}

impl NativeObject for Core {
    fn type_name(&self) -> &'static str {
        "_futures.Core"
    }

    fn methods(&self) -> &'static [(&'static str, NativeFn)] {
        CORE
    }
}

impl Core {
    /// Ends the future in `phase`; the callbacks to call now.
    /// `None` if it had ended already.
    fn end(
        &self,
        phase: Phase,
        result: Option<Value>,
        exception: Option<Value>,
    ) -> Option<Vec<Value>> {
        let mut state = locked(&self.state);
        if state.done() {
            return None;
        }
        state.phase = Some(phase);
        state.result = result;
        state.exception = exception;
        let callbacks = std::mem::take(&mut state.callbacks);
        let watchers = std::mem::take(&mut state.watchers);
        let sleeping = state.sleeping;
        wake_all(state, sleeping, &self.changed);
        for (waiter, future) in watchers {
            waiter.finished(future);
        }
        Some(callbacks)
    }
}

const CORE: &[(&str, NativeFn)] = &[
    ("state", |vm, a, _| {
        let core = this::<Core>(vm, &a)?;
        let phase = locked(&core.state).phase();
        Ok(Value::str(match phase {
            Phase::Pending => "PENDING",
            Phase::Running => "RUNNING",
            Phase::Cancelled => "CANCELLED",
            Phase::Finished => "FINISHED",
        }))
    }),
    ("done", |vm, a, _| {
        let core = this::<Core>(vm, &a)?;
        let done = locked(&core.state).done();
        Ok(Value::Bool(done))
    }),
    // `set_running_or_notify_cancel`: False if it was cancelled.
    ("start", |vm, a, _| {
        let core = this::<Core>(vm, &a)?;
        let mut state = locked(&core.state);
        match state.phase() {
            Phase::Cancelled => Ok(Value::Bool(false)),
            Phase::Pending => {
                state.phase = Some(Phase::Running);
                Ok(Value::Bool(true))
            }
            _ => Err(vm.error("RuntimeError", "Future in unexpected state")),
        }
    }),
    // `cancel()`: False if it runs or ran, True if it was cancelled already, or
    // the callbacks to call if it is cancelled now.
    ("cancel", |vm, a, _| {
        let core = this::<Core>(vm, &a)?;
        let phase = locked(&core.state).phase();
        match phase {
            Phase::Running | Phase::Finished => Ok(Value::Bool(false)),
            Phase::Cancelled => Ok(Value::Bool(true)),
            Phase::Pending => match core.end(Phase::Cancelled, None, None) {
                Some(callbacks) => Ok(List::new(callbacks)),
                // Finished or cancelled by another thread in between.
                None => Ok(Value::Bool(locked(&core.state).phase() == Phase::Cancelled)),
            },
        }
    }),
    // `finish(result, exception)`: the callbacks to call now.
    ("finish", |vm, a, _| {
        let core = this::<Core>(vm, &a)?;
        let exception = a.get(2).cloned().filter(|e| !matches!(e, Value::None));
        let result = a.get(1).cloned();
        match core.end(Phase::Finished, result, exception) {
            Some(callbacks) => Ok(List::new(callbacks)),
            None => Err(vm.error("RuntimeError", "Future in unexpected state")),
        }
    }),
    // `wait(timeout=None)`: whether it is done, waiting at most `timeout` seconds.
    ("wait", |vm, a, k| {
        let core = this::<Core>(vm, &a)?;
        let timeout = timeout_arg(&a, &k, 1).map(|t| t.max(0.0));
        let done = wait_for(
            vm,
            &core.state,
            &core.changed,
            timeout,
            |s| &mut s.sleeping,
            |s| s.done().then_some(()),
        )?;
        Ok(Value::Bool(done.is_some()))
    }),
    ("result", |vm, a, _| {
        let core = this::<Core>(vm, &a)?;
        let result = locked(&core.state).result.clone();
        Ok(result.unwrap_or(Value::None))
    }),
    ("exception", |vm, a, _| {
        let core = this::<Core>(vm, &a)?;
        let exception = locked(&core.state).exception.clone();
        Ok(exception.unwrap_or(Value::None))
    }),
    // `add_callback(fn)`: True if kept for later, False if done (call it now).
    ("add_callback", |vm, a, _| {
        let core = this::<Core>(vm, &a)?;
        let mut state = locked(&core.state);
        if state.done() {
            return Ok(Value::Bool(false));
        }
        state
            .callbacks
            .push(a.get(1).cloned().unwrap_or(Value::None));
        Ok(Value::Bool(true))
    }),
];

// ---- Waiting for many futures ----

#[derive(Default)]
struct WaiterState {
    finished: Vec<Value>,
    sleeping: usize,
}

/// `_futures.Waiter()`: the futures `as_completed` or `wait` watches, in the order
/// they finish.
#[derive(Default)]
pub struct Waiter {
    state: Mutex<WaiterState>,
    changed: Condvar,
}

impl NativeObject for Waiter {
    fn type_name(&self) -> &'static str {
        "_futures.Waiter"
    }

    fn methods(&self) -> &'static [(&'static str, NativeFn)] {
        WAITER
    }
}

impl Waiter {
    fn finished(&self, future: Value) {
        let mut state = locked(&self.state);
        state.finished.push(future);
        let sleeping = state.sleeping;
        wake_all(state, sleeping, &self.changed);
    }
}

const WAITER: &[(&str, NativeFn)] = &[
    // `watch(future)`: told at once if it is done, else once it is.
    ("watch", |vm, a, _| {
        let waiter = this::<Waiter>(vm, &a)?;
        let future = a.get(1).cloned().unwrap_or(Value::None);
        let core = vm.get_attr(&future, "_core")?;
        let core = this::<Core>(vm, &[core])?;
        let mut state = locked(&core.state);
        if state.done() {
            drop(state);
            waiter.finished(future);
        } else {
            state.watchers.push((waiter, future));
        }
        Ok(Value::None)
    }),
    // `take(timeout=None)`: the futures finished since the last take, waiting
    // for one at most `timeout` seconds (empty if none finished in time).
    ("take", |vm, a, k| {
        let waiter = this::<Waiter>(vm, &a)?;
        let timeout = timeout_arg(&a, &k, 1).map(|t| t.max(0.0));
        let finished = wait_for(
            vm,
            &waiter.state,
            &waiter.changed,
            timeout,
            |s| &mut s.sleeping,
            |s| (!s.finished.is_empty()).then(|| std::mem::take(&mut s.finished)),
        )?;
        Ok(List::new(finished.unwrap_or_default()))
    }),
];

// ---- The executor's count of idle workers ----

/// `_futures.IdleCount()`: `ThreadPoolExecutor._idle_semaphore`, which is only ever
/// released by a worker that finished an item and acquired without blocking by
/// `submit()` (a `threading.Semaphore` under CPython, a dozen Python calls here).
#[derive(Default)]
pub struct IdleCount(Mutex<u64>);

impl NativeObject for IdleCount {
    fn type_name(&self) -> &'static str {
        "_futures.IdleCount"
    }

    fn methods(&self) -> &'static [(&'static str, NativeFn)] {
        IDLE_COUNT
    }
}

const IDLE_COUNT: &[(&str, NativeFn)] = &[
    ("release", |vm, a, _| {
        *locked(&this::<IdleCount>(vm, &a)?.0) += 1;
        Ok(Value::None)
    }),
    // Never blocks: `acquire(timeout=0)`.
    ("acquire", |vm, a, _| {
        let idle = this::<IdleCount>(vm, &a)?;
        let mut count = locked(&idle.0);
        let took = *count > 0;
        if took {
            *count -= 1;
        }
        Ok(Value::Bool(took))
    }),
];

/// The native module `_futures`.
pub fn native_module() -> Value {
    const FUNCTIONS: &[(&str, NativeFn)] = &[
        ("Core", |_, _, _| {
            Ok(Value::Native(Arc::new(Core::default())))
        }),
        ("Waiter", |_, _, _| {
            Ok(Value::Native(Arc::new(Waiter::default())))
        }),
        ("SimpleQueue", |_, _, _| {
            Ok(Value::Native(Arc::new(
                super::simple_queue::SimpleQueue::default(),
            )))
        }),
        ("IdleCount", |_, _, _| {
            Ok(Value::Native(Arc::new(IdleCount::default())))
        }),
    ];
    module(FUNCTIONS, Vec::new())
}
