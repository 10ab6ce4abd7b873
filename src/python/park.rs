//! Waits in the single-threaded build, where a Python thread is a coroutine on the
//! page's one thread and must never block it.
//!
//! There a wait *parks* its thread: the interpreter loop stops where it is, its
//! frames kept as they are, and returns to [`drive`], which awaits what the thread
//! waits for (a timer, a download, another thread's turn) while the page and the
//! other threads run. Then the result goes to the instruction that waited, and the
//! loop runs on from the next one. It is `time.sleep` and `lock.acquire` as CPython
//! has them, made of the one mechanism generators already use: frames that can stop
//! at any instruction.
//!
//! A thread parks where a wait is made by an instruction's own call (`time.sleep(1)`,
//! `with lock:`, `fut.result()` inside Python code) on its outermost loop. A wait
//! inside a call made by native code (`list(map(fut.result, fs))`) has Rust frames
//! under it that cannot stop: it raises `RuntimeError`, saying so.
//!
//! A CPU-bound thread parks too, every switch interval (5 ms), so that the others
//! take turns with it as they do with the GIL, and the page gets its event loop back
//! at least every [`PAGE_TURN_MS`]: the Stop button works.
//!
//! In the threaded build nothing parks, and [`drive`] returns at once.

use super::value::Value;
use super::vm::{PyResult, Vm};
use crate::runtime::io::{Io, LocalBoxFuture};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

/// A thread's turn: how long it runs before the others get theirs (CPython's
/// default `sys.getswitchinterval()`).
const SWITCH_INTERVAL_MS: f64 = 5.0;

/// The page's event loop runs at least this often while Python runs: clicks, Stop,
/// drawing, timers.
const PAGE_TURN_MS: f64 = 20.0;

/// A deadlock (every thread waiting on another) looks again this often, so that
/// Stop still ends it.
const LOOK_AGAIN_MS: f64 = 1000.0;

/// What a parked thread waits for.
pub enum Park {
    /// Its switch interval is over: the other threads run first.
    Yield,
    /// `time.sleep`, in milliseconds.
    Sleep(f64),
    /// `requests.get`: a download for the task, through the run's network.
    Fetch { task: usize, url: String },
    /// A lock, a future, a queue: no use trying before another thread has run. The
    /// call is made again after each turn of another thread, until it gives
    /// something or `deadline` passes (ms on the run's clock; `None`: never).
    Retry {
        deadline: Option<f64>,
        call: Option<Call>,
    },
}

/// A native call to make again: the callee, its arguments, its keywords.
pub type Call = (Value, Vec<Value>, Vec<(Arc<str>, Value)>);

/// The turns of a run's threads: each time one has run, those waiting on a lock, a
/// future or a queue look again. Only a thread that ran can have changed what they
/// wait for; one that looked and still waits wakes no one, or two waiting threads
/// would wake each other for ever.
pub struct Turns {
    state: Mutex<TurnState>,
}

impl Default for Turns {
    fn default() -> Self {
        Turns {
            state: Mutex::new(TurnState {
                turn: 0,
                waiting: Vec::new(),
                page_turn: 0.0,
                interval_ms: SWITCH_INTERVAL_MS,
            }),
        }
    }
}

struct TurnState {
    /// `sys.setswitchinterval()`, in milliseconds.
    interval_ms: f64,
    turn: u64,
    waiting: Vec<Waker>,
    /// When the page's event loop last ran (ms on the run's clock).
    page_turn: f64,
}

impl Turns {
    /// A thread ran: wake those waiting for that.
    fn ran(&self) {
        let waiting = {
            let mut state = super::value::locked(&self.state);
            state.turn += 1;
            std::mem::take(&mut state.waiting)
        };
        waiting.into_iter().for_each(Waker::wake);
    }

    /// `sys.getswitchinterval()`, in milliseconds.
    pub fn interval_ms(&self) -> f64 {
        super::value::locked(&self.state).interval_ms
    }

    pub fn set_interval_ms(&self, ms: f64) {
        super::value::locked(&self.state).interval_ms = ms;
    }

    fn turn(&self) -> u64 {
        super::value::locked(&self.state).turn
    }

    /// Ready once some thread has run after `turn`.
    fn after(&self, turn: u64) -> impl Future<Output = ()> + '_ {
        std::future::poll_fn(move |cx| {
            let mut state = super::value::locked(&self.state);
            if state.turn != turn {
                return Poll::Ready(());
            }
            state.waiting.push(cx.waker().clone());
            Poll::Pending
        })
    }

    /// Whether the page's event loop is due a turn; if so, it is taken now.
    fn page_due(&self, now: f64) -> bool {
        let mut state = super::value::locked(&self.state);
        let due = now - state.page_turn >= PAGE_TURN_MS;
        if due {
            state.page_turn = now;
        }
        due
    }
}

impl Vm {
    /// Whether this thread's waits park it (the single-threaded build).
    pub fn parks(&self) -> bool {
        self.interp.turns.is_some()
    }

    /// Parks this thread on `park`: the error to return, which leaves the loop with
    /// its frames as they are. Where it cannot park (see the module's text), the
    /// error is a `RuntimeError` that says why `what` cannot wait.
    pub fn park(&mut self, park: Park, what: &str) -> Value {
        if self.parkable && self.nested_runs <= 1 {
            self.park = Some(park);
            return Value::None;
        }
        self.error(
            "RuntimeError",
            format!(
                "{what} cannot wait here: this page has no real threads (it is not \
                 cross-origin isolated), and a wait inside a call made by a builtin \
                 cannot let the other threads run"
            ),
        )
    }

    /// When a wait of `timeout` seconds (`None`: for ever) that starts now ends, on
    /// the run's clock; a call made again keeps the deadline it first had.
    pub fn wait_deadline(&mut self, timeout: Option<f64>) -> Option<f64> {
        match self.retrying.take() {
            Some(deadline) => deadline,
            None => timeout.map(|t| (self.interp.clock)() + t * 1000.0),
        }
    }

    /// Whether `deadline` has passed.
    pub fn past(&self, deadline: Option<f64>) -> bool {
        deadline.is_some_and(|d| (self.interp.clock)() >= d)
    }

    /// Whether this thread's turn is over: it parks between two instructions.
    pub(super) fn turn_over(&mut self) -> bool {
        let Some(turns) = &self.interp.turns else {
            return false;
        };
        if self.nested_runs > 1 {
            return false;
        }
        let now = (self.interp.clock)();
        if now - self.turn_began < turns.interval_ms() {
            return false;
        }
        self.park = Some(Park::Yield);
        true
    }

    /// Runs the parked thread on from the instruction after its wait, with the
    /// wait's result (`None`: it only gave the others a turn).
    fn resume_parked(&mut self, result: Option<PyResult<Value>>, base: usize) -> PyResult<Value> {
        match result {
            None => {}
            Some(Ok(value)) => self.push(value),
            Some(Err(exc)) => self.unwind(exc, true, base)?,
        }
        self.run(base)
    }
}

/// Runs a thread's loop to its end: `outcome` is what its loop (down to the frame at
/// `base`) returned, and each time that is a park, the wait is awaited and the loop
/// resumed. Returns the loop's final value or exception.
pub async fn drive(vm: &mut Vm, mut outcome: PyResult<Value>, base: usize) -> PyResult<Value> {
    let Some(turns) = vm.interp.turns.clone() else {
        return outcome;
    };
    let program = vm.interp.program.clone();
    let io = program.io();
    loop {
        let Some(park) = vm.park.take() else {
            turns.ran();
            return outcome;
        };
        turns.ran();
        vm.pause_cpu();
        let began = (vm.interp.clock)();
        let result = match park {
            Park::Yield => {
                if turns.page_due(began) {
                    // A timer: the page handles its events and draws.
                    let _ = io.sleep(0.0).await;
                } else {
                    YieldNow(false).await;
                }
                // Waiting for the others' turns is this build's wait for the GIL.
                vm.said_gil_wait((vm.interp.clock)() - began);
                None
            }
            wait => {
                vm.say_line(true);
                let result = wait_for(vm, wait, &*io, &turns).await;
                let result = vm.stopped_meanwhile(result);
                vm.waited_ms += (vm.interp.clock)() - began;
                vm.say_line(false);
                Some(result)
            }
        };
        vm.resume_cpu();
        vm.turn_began = (vm.interp.clock)();
        outcome = vm.resume_parked(result, base);
    }
}

/// Awaits what a parked thread waits for; its result.
async fn wait_for(vm: &mut Vm, park: Park, io: &dyn Io, turns: &Turns) -> PyResult<Value> {
    match park {
        Park::Yield => Ok(Value::None),
        Park::Sleep(ms) => match io.sleep(ms).await {
            Ok(()) => Ok(Value::None),
            Err(_) => Err(vm.error("KeyboardInterrupt", "")),
        },
        Park::Fetch { task, url } => {
            let fetched = io.fetch(task, &url).await;
            super::events::fetched(vm, task, &url, fetched)
        }
        Park::Retry { deadline, call } => {
            let Some((callee, args, kwargs)) = call else {
                return Err(vm.error("SystemError", "a wait parked without its call"));
            };
            loop {
                let turn = turns.turn();
                let left = deadline.map_or(LOOK_AGAIN_MS, |d| d - (vm.interp.clock)());
                if left > 0.0 {
                    let timer = io.sleep(left.min(LOOK_AGAIN_MS));
                    if let Err(_stopped) = first_of(turns.after(turn), timer).await {
                        return Err(vm.error("KeyboardInterrupt", ""));
                    }
                }
                vm.retrying = Some(deadline);
                vm.parkable = true;
                let result = vm.call_native(&callee, args.clone(), kwargs.clone());
                vm.parkable = false;
                vm.retrying = None;
                // Parked again (the same wait): look again after the next turn.
                if !matches!(vm.park.take(), Some(Park::Retry { .. })) {
                    return result;
                }
            }
        }
    }
}

/// Ready with `Ok` when `turn` is, with the timer's result when it is first.
async fn first_of<T>(
    turn: impl Future<Output = ()>,
    timer: LocalBoxFuture<'_, Result<(), T>>,
) -> Result<(), T> {
    let mut turn = std::pin::pin!(turn);
    let mut timer = timer;
    std::future::poll_fn(move |cx| {
        if turn.as_mut().poll(cx).is_ready() {
            return Poll::Ready(Ok(()));
        }
        timer.as_mut().poll(cx)
    })
    .await
}

/// Pending once: the executor runs the other coroutines, then this one again.
struct YieldNow(bool);

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            return Poll::Ready(());
        }
        self.0 = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
