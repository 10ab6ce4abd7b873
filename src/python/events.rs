//! `_potoki`: what `threading` and `concurrent.futures` (`lib/*.py`) tell the run's
//! record, so that a Python program's threads and futures become the same tasks
//! (submitted, started, finished, delivered) the timeline and the task table draw
//! for the lesson's listings.

use super::builtins::{module, NativeFn};
use super::value::Value;
use super::vm::{PyResult, Vm};
use crate::runtime::image::file_name;
use crate::runtime::io::FetchError;
use crate::runtime::record::{Arg, Download, OffCore, Outcome};
use std::sync::Arc;

/// The longest argument text kept in a task's `call`.
const MAX_CALL_CHARS: usize = 200;

fn task_of(vm: &Vm, value: Option<&Value>) -> PyResult<usize> {
    match value {
        Some(Value::Int(i)) => usize::try_from(*i).ok(),
        _ => None,
    }
    .ok_or_else(|| vm.error("TypeError", "_potoki: a task number was expected"))
}

/// `submit(fn, args, kwargs)`: a new task, submitted now; its number.
fn submit(vm: &mut Vm, a: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let function = a.first().cloned().unwrap_or(Value::None);
    let name = match vm.get_attr(&function, "__name__") {
        Ok(name) => vm.str(&name),
        Err(_) => vm.repr(&function),
    };
    let args = match a.get(1) {
        Some(args) => vm.collect_mut(args)?,
        None => Vec::new(),
    };
    let mut kwargs = Vec::new();
    if let Some(Value::Dict(dict)) = a.get(2) {
        let items: Vec<(Value, Value)> = super::value::locked(&dict.entries)
            .iter()
            .cloned()
            .collect();
        for (key, value) in items {
            kwargs.push((Arc::from(vm.str(&key).as_str()), value));
        }
    }
    Ok(new_task(vm, &name, &args, &kwargs))
}

/// `submit_coro(coro)`: a task for an asyncio Task, its call read from the
/// coroutine's frame before it starts: `_sleep(5)`.
fn submit_coro(vm: &mut Vm, a: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let Some(Value::Generator(coro)) = a.first() else {
        return Err(vm.error("TypeError", "_potoki: a coroutine was expected"));
    };
    let (args, kwargs) = coro.arguments().unwrap_or_default();
    let name = coro.name.clone();
    Ok(new_task(vm, &name, &args, &kwargs))
}

/// A task of the record, submitted now, whose call is `name(args, key=value)`.
fn new_task(vm: &Vm, name: &str, values: &[Value], kwargs: &[(Arc<str>, Value)]) -> Value {
    let mut parts: Vec<String> = values.iter().map(|arg| vm.repr(arg)).collect();
    for (key, value) in kwargs {
        parts.push(format!("{key}={}", vm.repr(value)));
    }
    let mut args = parts.join(", ");
    if args.chars().count() > MAX_CALL_CHARS {
        args = args.chars().take(MAX_CALL_CHARS).collect::<String>() + "…";
    }
    // A listing's task is of its kind, its argument a number as the Rust listing's is.
    let kind = vm.interp.task_kind;
    let arg = match (kind, values) {
        ("sleep", [Value::Int(secs)]) => Arg::Secs(*secs as f64),
        ("sleep", [Value::Float(secs)]) => Arg::Secs(*secs),
        ("download", [Value::Str(url)]) => Arg::Url(url.to_string()),
        ("compute", [Value::Int(n)]) => Arg::Number(u64::try_from(*n).unwrap_or(0)),
        _ => Arg::Text(args.clone()),
    };
    let recorder = vm.interp.program.recorder().clone();
    let task = recorder.new_task(kind, arg, format!("{name}({args})"));
    recorder.submitted(task);
    Value::Int(task as i64)
}

/// `started(task, thread_name)`: the calling thread begins the task.
fn started(vm: &mut Vm, a: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let task = task_of(vm, a.first())?;
    let name = a.get(1).map(|n| vm.str(n)).unwrap_or_default();
    vm.interp.program.recorder().started(task, &name);
    let mark = vm.task_mark();
    vm.task_marks.push((task, mark));
    Ok(Value::None)
}

/// `finished(task, exception, value)`: the task ended, raising `exception` (not
/// `None`) or returning `value`.
fn finished(vm: &mut Vm, a: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let task = task_of(vm, a.first())?;
    let outcome = match a.get(1) {
        Some(exc @ Value::Exception(_)) => Err(exc),
        _ => Ok(a.get(2).unwrap_or(&Value::None)),
    };
    let outcome = outcome_of(vm, outcome);
    finish(vm, task, outcome);
    Ok(Value::None)
}

/// The task ended with `outcome`: its time off the core is counted from the mark
/// `started` left.
fn finish(vm: &mut Vm, task: usize, outcome: Outcome) {
    let off_core = match vm.task_marks.iter().position(|(t, _)| *t == task) {
        Some(at) => {
            let (_, began) = vm.task_marks.swap_remove(at);
            let now = vm.task_mark();
            let elapsed = now.at - began.at;
            let waited = now.waited - began.waited;
            let cpu = now.cpu - began.cpu;
            OffCore {
                waited_ms: waited,
                // Neither running nor waiting: waiting for the GIL, or for a core.
                descheduled_ms: (elapsed - waited - cpu).max(0.0),
            }
        }
        // Cancelled before it started.
        None => OffCore::default(),
    };
    vm.interp
        .program
        .recorder()
        .finished(task, outcome, off_core);
}

/// What `result()` gives for a task that returned the value or raised the exception.
/// One that Stop interrupted (its `KeyboardInterrupt`) was cancelled, as the record
/// says of every task Stop ends.
fn outcome_of(vm: &Vm, ended: Result<&Value, &Value>) -> Outcome {
    let program = &vm.interp.program;
    if let Err(exc) = ended {
        if program.is_stopped()
            && !program.ending_daemons()
            && vm.classes().of(exc).name.as_ref() == "KeyboardInterrupt"
        {
            return Outcome::Error(program.lang().cancelled().to_owned());
        }
    }
    match ended {
        Err(exc) => {
            let text = vm.str(exc);
            let name = vm.classes().of(exc).name.to_string();
            Outcome::Error(if text.is_empty() {
                name
            } else {
                format!("{name}: {text}")
            })
        }
        Ok(Value::None) => Outcome::Ok(None),
        Ok(value) => Outcome::Ok(Some(vm.repr(value))),
    }
}

/// `fetch(url, task=None)`: a GET through the run's network (the page's broker, with its limits),
/// blocking this thread with the GIL let go, as `requests.get` blocks. Returns
/// `(status, reason, content_type, body)`, or `(None, kind, message)` when nothing
/// usable came back (`lib/requests.py` raises the matching exception).
fn fetch(vm: &mut Vm, a: Vec<Value>, _: Vec<(Arc<str>, Value)>) -> PyResult<Value> {
    let url = match a.first() {
        Some(Value::Str(url)) => url.to_string(),
        _ => return Err(vm.error("TypeError", "fetch: a URL was expected")),
    };
    // The download belongs to the task named (aiohttp's helper thread fetches for a
    // coroutine's task), else to the task this thread runs, if any.
    let task = match a.get(1) {
        Some(Value::Int(task)) => usize::try_from(*task).unwrap_or(usize::MAX),
        _ => vm.task_marks.last().map_or(usize::MAX, |(task, _)| *task),
    };
    if vm.parks() {
        return Err(vm.park(super::park::Park::Fetch { task, url }, "requests.get()"));
    }
    let program = vm.interp.program.clone();
    let response = vm.blocking(|_| Ok(program.download(task, &url)))?;
    fetched(vm, task, &url, response)
}

/// What `fetch` returns for the download of `url` for `task` (`usize::MAX`: none),
/// its timeline drawn.
pub(super) fn fetched(
    vm: &mut Vm,
    task: usize,
    url: &str,
    fetched: Result<crate::runtime::io::Fetched, FetchError>,
) -> PyResult<Value> {
    let program = vm.interp.program.clone();
    if let (Ok(response), true) = (&fetched, task != usize::MAX) {
        // The task's download, drawn on the timeline as the listings' are: waiting
        // for a connection, for the server, for the body.
        program.recorder().downloaded(
            task,
            Download {
                url: url.to_owned(),
                name: file_name(url),
                status: response.status,
                content_type: response.content_type.clone(),
                bytes: response.body.len(),
                sent_ms: program.since_start(response.sent_ms),
                request_ms: response.request_ms.map(|t| program.since_start(t)),
                first_byte_ms: program.since_start(response.first_byte_ms),
                last_byte_ms: program.since_start(response.last_byte_ms),
            },
        );
    }
    Ok(match fetched {
        Ok(response) => Value::tuple(vec![
            Value::Int(i64::from(response.status)),
            Value::str(&response.status_text),
            response
                .content_type
                .as_deref()
                .map_or(Value::None, Value::str),
            super::bytes::new(response.body),
        ]),
        Err(FetchError::Cancelled) => return Err(vm.error("KeyboardInterrupt", "")),
        Err(error) => {
            // The page's own explanation of each failure (the listings' words), as
            // the exception's message: `requests` raises the matching class.
            let lang = program.lang();
            let said = |line: &str| {
                line.split_once(": ")
                    .map_or_else(|| line.to_owned(), |(_, text)| text.to_owned())
            };
            let (kind, message) = match error {
                FetchError::Network(why) => (
                    "connection",
                    format!("{} ({why})", said(lang.network_error())),
                ),
                FetchError::TooLarge { limit_bytes } => {
                    ("content", said(&lang.too_large(limit_bytes >> 20)))
                }
                FetchError::NoFirstByte { secs } => ("timeout", said(&lang.no_first_byte(secs))),
                FetchError::TooSlow { secs } => ("timeout", said(&lang.too_slow(secs))),
                FetchError::Cancelled => ("connection", String::new()),
            };
            Value::tuple(vec![Value::None, Value::str(kind), Value::str(&message)])
        }
    })
}

/// `_potoki`.
pub fn potoki_module() -> Value {
    const FUNCTIONS: &[(&str, NativeFn)] = &[
        ("fetch", fetch),
        ("submit", submit),
        ("submit_coro", submit_coro),
        ("started", started),
        ("finished", finished),
        ("stopped", |vm, _, _| {
            Ok(Value::Bool(vm.interp.program.is_stopped()))
        }),
        ("delivered", |vm, a, _| {
            let task = task_of(vm, a.first())?;
            vm.interp.program.recorder().delivered(task);
            Ok(Value::None)
        }),
    ];
    module(FUNCTIONS, Vec::new())
}

/// A thread's clocks at one moment (ms): the run's clock, and its CPU and wait
/// time so far.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    pub at: f64,
    pub cpu: f64,
    pub waited: f64,
}

impl Vm {
    pub fn task_mark(&self) -> Mark {
        Mark {
            at: (self.interp.clock)(),
            cpu: self.thread_cpu_ms(),
            waited: self.waited_ms,
        }
    }

    /// The line of `main.py` this thread is at: its innermost frame of the
    /// program's own code (not of `threading.py` under it).
    pub fn main_line(&self) -> Option<usize> {
        self.frames_lines()
            .filter(|(file, _)| &**file == "main.py")
            .map(|(_, line)| line as usize)
            .next()
    }

    /// A call of the plan's task function by the main thread, outside any task (the
    /// listing `sequential`'s `sleep(sec)`): a task of the record, submitted and
    /// started now, as a pool's task is. `None` for any other call.
    pub(super) fn task_call(
        &mut self,
        f: &super::value::Function,
        args: &[Value],
        kwargs: &[(Arc<str>, Value)],
    ) -> Option<usize> {
        let name = self.interp.task_function.as_deref()?;
        if self.ident != 1 || !self.task_marks.is_empty() || &*f.code.name != name {
            return None;
        }
        let Value::Int(task) = new_task(self, name, args, kwargs) else {
            return None;
        };
        let task = usize::try_from(task).ok()?;
        self.interp.program.recorder().started(task, "MainThread");
        let mark = self.task_mark();
        self.task_marks.push((task, mark));
        Some(task)
    }

    /// The task call returned `Ok` a value or raised `Err` an exception: it is
    /// finished, and its result delivered to the caller at once.
    pub(super) fn end_task_call(&mut self, task: usize, ended: Result<&Value, &Value>) {
        let outcome = outcome_of(self, ended);
        finish(self, task, outcome);
        self.interp.program.recorder().delivered(task);
    }

    /// Says where this thread is, as it starts to wait or runs again.
    pub fn say_line(&self, waiting: bool) {
        if let Some(line) = self.main_line() {
            self.interp.program.recorder().line(line, waiting);
        }
    }
}
