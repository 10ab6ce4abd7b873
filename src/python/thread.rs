//! `_thread`: real threads and locks for `threading` (`lib/threading.py`) to build on,
//! and the blocking calls that drop the GIL while they wait.

use super::builtins::{module, NativeFn};
use super::ops::float;
use super::park::Park;
use super::value::{locked, Value};
use super::vm::{PyResult, Vm};
use crate::runtime::cpu::Steps;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// Waits for the GIL shorter than this are not events: the timeline could not
/// draw them, and a CPU-bound thread has one every switch interval (5 ms).
const GIL_WAIT_SHOWN_MS: f64 = 0.1;

/// Instructions in a step of a thread's progress (CPU time without the GIL): a
/// tenth of a millisecond or two, far below a scheduler's time slice.
pub(super) const PROGRESS_TICKS: u32 = 4096;

/// `_thread.allocate_lock()`: held or not, waited for by any thread.
#[derive(Default)]
pub struct Lock {
    state: Mutex<LockState>,
    released: Condvar,
    /// A thread spins for it: the others sleep at once (see `gil::spin_until`).
    spinning: std::sync::atomic::AtomicBool,
}

#[derive(Default)]
struct LockState {
    held: bool,
    /// Threads asleep on `released`: a release with none wakes no one (a wake is
    /// a system call natively, an `Atomics.notify` in the page, on every `with`).
    sleeping: usize,
}

impl Lock {
    /// Takes the lock, waiting at most `timeout` seconds (`None`: for ever);
    /// `false` if the time ran out. Checks Stop while it waits.
    fn acquire(&self, vm: &Vm, timeout: Option<f64>) -> PyResult<bool> {
        let deadline = timeout.map(|t| (vm.interp.clock)() + t * 1000.0);
        // A lock about to be released (a new thread saying it runs) is taken
        // without sleeping: see `gil::spin_until`.
        let spin = timeout.is_none_or(|t| t > 0.0)
            && !self
                .spinning
                .swap(true, std::sync::atomic::Ordering::AcqRel);
        if spin {
            let got = super::gil::spin_until(&*vm.interp.clock, || self.try_acquire());
            self.spinning
                .store(false, std::sync::atomic::Ordering::Release);
            if got {
                return Ok(true);
            }
        }
        let mut state = locked(&self.state);
        while state.held {
            if (vm.interp.stop)() {
                return Err(vm.error("KeyboardInterrupt", ""));
            }
            // Short waits, so that Stop is seen.
            let mut wait = Duration::from_millis(20);
            if let Some(deadline) = deadline {
                let left = deadline - (vm.interp.clock)();
                if left <= 0.0 {
                    return Ok(false);
                }
                wait = wait.min(Duration::from_secs_f64(left / 1000.0));
            }
            crate::runtime::sync::check_may_block("a Python lock's wait");
            state.sleeping += 1;
            state = match self.released.wait_timeout(state, wait) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
            state.sleeping -= 1;
        }
        state.held = true;
        Ok(true)
    }

    fn release(&self, vm: &Vm) -> PyResult<()> {
        let mut state = locked(&self.state);
        if !state.held {
            return Err(vm.error("RuntimeError", "release unlocked lock"));
        }
        state.held = false;
        let sleeping = state.sleeping;
        drop(state);
        if sleeping > 0 {
            self.released.notify_one();
        }
        Ok(())
    }

    /// Takes the lock if no one holds it.
    fn try_acquire(&self) -> bool {
        !std::mem::replace(&mut locked(&self.state).held, true)
    }

    /// Whether some thread holds it.
    pub fn locked(&self) -> bool {
        locked(&self.state).held
    }
}

fn lock_of(vm: &Vm, value: &Value) -> PyResult<Arc<Lock>> {
    match value {
        Value::Lock(lock) => Ok(lock.clone()),
        other => Err(vm.error(
            "TypeError",
            format!("expected a lock, not {}", other.type_name()),
        )),
    }
}

/// `lock.acquire(blocking=True, timeout=-1)`.
fn acquire(vm: &mut Vm, args: Vec<Value>, kwargs: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let lock = lock_of(vm, args.first().unwrap_or(&Value::None))?;
    let get = |i: usize, name: &str| {
        args.get(i).cloned().or_else(|| {
            kwargs
                .iter()
                .find(|(k, _)| &**k == name)
                .map(|(_, v)| v.clone())
        })
    };
    let blocking = get(1, "blocking").is_none_or(|b| vm.truthy(&b));
    let timeout = get(2, "timeout")
        .and_then(|t| float(&t))
        .filter(|t| *t >= 0.0);
    let timeout = if blocking { timeout } else { Some(0.0) };
    // Uncontended: taken at once, with no need to let go of the GIL. Only a
    // try: a thread that is acquiring it without the GIL may take it between a
    // look and a wait, and waiting here with the GIL held would deadlock with it.
    if lock.try_acquire() {
        return Ok(Value::Bool(true));
    }
    if vm.parks() {
        // The single-threaded build: looked at again after another thread's turn.
        let deadline = vm.wait_deadline(timeout);
        if vm.past(deadline) {
            return Ok(Value::Bool(false));
        }
        return Err(vm.park(
            Park::Retry {
                deadline,
                call: None,
            },
            "lock.acquire()",
        ));
    }
    vm.blocking(|vm| lock.acquire(vm, timeout)).map(Value::Bool)
}

fn release(vm: &mut Vm, args: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    lock_of(vm, args.first().unwrap_or(&Value::None))?.release(vm)?;
    Ok(Value::None)
}

/// The methods of a lock object.
pub const LOCK: &[(&str, NativeFn)] = &[
    ("acquire", acquire),
    ("release", release),
    ("locked", |vm, a, _| {
        Ok(Value::Bool(
            lock_of(vm, a.first().unwrap_or(&Value::None))?.locked(),
        ))
    }),
    ("__enter__", |vm, a, k| acquire(vm, a, k)),
    ("__exit__", |vm, a, _| {
        release(vm, a.into_iter().take(1).collect(), Vec::new())
    }),
];

/// `_thread`.
pub fn thread_module() -> Value {
    const FUNCTIONS: &[(&str, NativeFn)] = &[
        ("allocate_lock", |_, _, _| {
            Ok(Value::Lock(Arc::new(Lock::default())))
        }),
        ("get_ident", |vm, _, _| Ok(Value::Int(vm.ident as i64))),
        ("start_new_thread", |vm, a, _| {
            let function = a.first().cloned().unwrap_or(Value::None);
            let args = match a.get(1) {
                Some(args) => vm.collect_mut(args)?,
                None => Vec::new(),
            };
            vm.start_thread(function, args)
        }),
        ("_excepthook", |vm, a, _| {
            let exc = a.first().cloned().unwrap_or(Value::None);
            let name = a.get(1).map(|n| vm.str(n)).unwrap_or_default();
            // Daemon threads stopped because the program ended: CPython says nothing.
            if !vm.interp.program.ending_daemons() {
                let text = format!("Exception in thread {name}:\n{}", vm.traceback_text(&exc));
                (vm.interp.out)(&text, true);
            }
            Ok(Value::None)
        }),
    ];
    module(FUNCTIONS, Vec::new())
}

/// `time`.
pub fn time_module() -> Value {
    const FUNCTIONS: &[(&str, NativeFn)] = &[
        ("sleep", |vm, a, _| {
            let secs = match a.first().and_then(float) {
                Some(s) if s >= 0.0 => s,
                Some(_) => return Err(vm.error("ValueError", "sleep length must be non-negative")),
                None => {
                    return Err(vm.error(
                        "TypeError",
                        "'NoneType' object cannot be interpreted as an integer",
                    ))
                }
            };
            if vm.parks() {
                return Err(vm.park(Park::Sleep(secs * 1000.0), "time.sleep()"));
            }
            vm.blocking(|vm| {
                if (vm.interp.sleep)(secs * 1000.0) {
                    Ok(Value::None)
                } else {
                    Err(vm.error("KeyboardInterrupt", ""))
                }
            })
        }),
        ("perf_counter", |vm, _, _| {
            Ok(Value::Float((vm.interp.clock)() / 1000.0))
        }),
        // CPU time: the time threads ran bytecode, not the time they waited.
        ("thread_time", |vm, _, _| {
            Ok(Value::Float(vm.thread_cpu_ms() / 1000.0))
        }),
        ("process_time", |vm, _, _| {
            let others = *locked(&vm.interp.cpu_total_ms);
            Ok(Value::Float((others + vm.live_cpu_ms()) / 1000.0))
        }),
        ("monotonic", |vm, _, _| {
            Ok(Value::Float((vm.interp.clock)() / 1000.0))
        }),
        ("time", |vm, _, _| {
            Ok(Value::Float((vm.interp.wall_clock)() / 1000.0))
        }),
    ];
    module(FUNCTIONS, Vec::new())
}

impl Vm {
    /// Runs a blocking wait with the GIL let go, as CPython's
    /// `Py_BEGIN_ALLOW_THREADS` does.
    /// The thread's line is said as it starts to wait and as it runs again.
    pub fn blocking<T>(&mut self, wait: impl FnOnce(&mut Vm) -> PyResult<T>) -> PyResult<T> {
        self.pause_cpu();
        self.say_line(true);
        let gil = self.interp.gil.clone();
        if let Some(gil) = &gil {
            gil.drop_lock();
        }
        let began = (self.interp.clock)();
        let result = wait(self);
        let result = self.stopped_meanwhile(result);
        self.waited_ms += (self.interp.clock)() - began;
        if let Some(gil) = &gil {
            self.take_gil(gil);
        }
        self.say_line(false);
        self.resume_cpu();
        result
    }

    /// A wait that ended as Stop was pressed (the thread it joined was stopped, and
    /// so let go of its lock) is interrupted all the same: `KeyboardInterrupt`, as
    /// Ctrl-C interrupts CPython's wait, not what the wait got.
    pub fn stopped_meanwhile<T>(&self, result: PyResult<T>) -> PyResult<T> {
        match result {
            Ok(_) if (self.interp.stop)() => Err(self.error("KeyboardInterrupt", "")),
            other => other,
        }
    }

    /// Takes the GIL, saying how long this thread waited for it if it had to.
    pub fn take_gil(&mut self, gil: &super::gil::Gil) {
        let began = (self.interp.clock)();
        gil.take(&*self.interp.clock);
        self.gil_since = (self.interp.clock)();
        self.said_gil_wait(self.gil_since - began);
    }

    /// A wait for the GIL long enough to draw is an event of its own.
    pub fn said_gil_wait(&self, waited_ms: f64) {
        if waited_ms >= GIL_WAIT_SHOWN_MS {
            self.interp.program.recorder().gil_wait(waited_ms);
        }
    }

    /// This thread's CPU time so far (ms): the time it ran, not the time it waited.
    pub fn thread_cpu_ms(&self) -> f64 {
        self.cpu_ms + self.live_cpu_ms()
    }

    /// CPU time since this thread last started running (ms): the time since, less
    /// the time it was seen waiting for a core.
    pub fn live_cpu_ms(&self) -> f64 {
        if self.running_since.is_nan() {
            return 0.0;
        }
        let off_core = self.progress.as_ref().map_or(0.0, Steps::descheduled_ms);
        ((self.interp.clock)() - self.running_since - off_core).max(0.0)
    }

    /// The thread stops running (a wait, the end): its time so far is counted.
    pub fn pause_cpu(&mut self) {
        if self.running_since.is_nan() {
            return;
        }
        let live = self.live_cpu_ms();
        self.cpu_ms += live;
        *locked(&self.interp.cpu_total_ms) += live;
        self.running_since = f64::NAN;
        self.progress = None;
        self.interp.running.fetch_sub(1, Ordering::Relaxed);
    }

    /// The thread runs again.
    pub fn resume_cpu(&mut self) {
        if !self.running_since.is_nan() {
            return;
        }
        self.running_since = (self.interp.clock)();
        self.interp.running.fetch_add(1, Ordering::Relaxed);
        // Without the GIL, threads take turns on the cores when there are more of
        // them than cores, and a browser has no per-thread CPU clock: as with the
        // listings' counting (runtime/cpu.rs), the time is judged by the progress.
        // With the GIL one thread runs at a time, and its time holding it is its CPU
        // time; the single-threaded build's threads take turns the same way.
        if self.interp.gil.is_none() && self.interp.turns.is_none() {
            self.progress = Some(Steps::start(self.running_since));
        }
    }

    /// Another step of instructions ran (`step.rs`, every [`PROGRESS_TICKS`]).
    pub(super) fn progress_step(&mut self) {
        if let Some(progress) = &mut self.progress {
            let busy = self.interp.running.load(Ordering::Relaxed);
            progress.step((self.interp.clock)(), busy > self.interp.program.cores());
        }
    }

    /// `_thread.start_new_thread(function, args)`: a real thread runs the call.
    pub fn start_thread(&mut self, function: Value, args: Vec<Value>) -> PyResult<Value> {
        let interp = self.interp.clone();
        let ident = interp
            .next_ident
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let job: super::vm::ThreadJob = Box::new(move || {
            Box::pin(async move {
                let mut vm = Vm::new(interp);
                vm.ident = ident;
                if let Some(gil) = vm.interp.gil.clone() {
                    vm.take_gil(&gil);
                }
                vm.resume_cpu();
                let first = vm.call(&function, args, Vec::new());
                let result = super::park::drive(&mut vm, first, 0).await;
                let quiet = vm.interp.program.ending_daemons();
                if let (Err(exc), false) = (result, quiet) {
                    // What `_thread` prints for an exception nobody caught.
                    let text = format!(
                        "Unhandled exception in thread started by {}\n{}",
                        vm.repr(&function),
                        vm.traceback_text(&exc)
                    );
                    (vm.interp.out)(&text, true);
                }
                vm.pause_cpu();
                if let Some(gil) = vm.interp.gil.clone() {
                    gil.drop_lock();
                }
            })
        });
        if (self.interp.spawn)(job) {
            Ok(Value::Int(ident as i64))
        } else {
            Err(self.error("RuntimeError", "can't start new thread"))
        }
    }
}
