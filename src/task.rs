//! The functions the lesson's threads run, with their arguments.

use crate::plan::Secs;
use crate::program::{Program, Stopped};
use crate::record::{Arg, Outcome};

/// One of the lesson's functions applied to its argument: what `target=` and
/// `executor.submit` are given.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// ```python
    /// def sleep(_time = 1):
    ///     print("Сейчас как усну на целую секунду!\n")
    ///     sleep(_time)
    ///     print("Вот это я выспался\n")
    /// ```
    Sleep(Secs),
    /// ```python
    /// def _sleep(_time = 1):
    ///     time.sleep(_time)
    ///     return f"проспала {_time} sec."
    /// ```
    SleepReturning(Secs),
}

/// `sleep(sec)` of the lesson's first part: prints, sleeps, prints, returns `None`.
pub fn sleep(sec: &Secs) -> Target {
    Target::Sleep(sec.clone())
}

/// `_sleep(sec)` of the `concurrent.futures` part: returns `"проспала 2 sec."`.
pub fn _sleep(sec: &Secs) -> Target {
    Target::SleepReturning(sec.clone())
}

/// Why a task has no value: what its `result()` raises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskError {
    /// Stop was pressed before or while it ran.
    Cancelled,
}

impl TaskError {
    pub fn message(self, program: &Program) -> String {
        match self {
            TaskError::Cancelled => program.lang().cancelled().to_owned(),
        }
    }
}

impl From<Stopped> for TaskError {
    fn from(_: Stopped) -> Self {
        TaskError::Cancelled
    }
}

/// What a task returns: Python's value (`None` as `Option::None`) or its exception.
pub type TaskResult = Result<Option<String>, TaskError>;

/// A target with its place in the run: task 0 is the first one the program made.
#[derive(Debug, Clone)]
pub struct Task {
    pub index: usize,
    pub target: Target,
}

impl Task {
    /// Registers `target` as the program's next task.
    pub fn new(program: &Program, target: Target) -> Task {
        let (kind, arg, call) = match &target {
            Target::Sleep(sec) => ("sleep", Arg::Secs(sec.secs), format!("sleep({})", sec.text)),
            Target::SleepReturning(sec) => (
                "sleep",
                Arg::Secs(sec.secs),
                format!("_sleep({})", sec.text),
            ),
        };
        let index = program.recorder().new_task(kind, arg, call);
        Task { index, target }
    }

    /// Runs the task on the calling thread (named `thread_name` in Python's terms)
    /// and records its start and finish. A task whose run was stopped before it
    /// began never starts.
    pub fn run(self, program: &Program, thread_name: &str) -> TaskResult {
        let rec = program.recorder();
        if program.is_stopped() {
            return self.cancelled(program);
        }
        rec.started(self.index, thread_name);
        let lang = program.lang();
        // Time spent blocked, so the record can tell CPU time from wall time.
        let mut waited_ms = 0.0;
        let mut time_sleep = |ms: f64| {
            let before = program.perf_counter();
            let slept = program.sleep_ms(ms);
            waited_ms += program.perf_counter() - before;
            slept
        };
        let result = match &self.target {
            Target::Sleep(sec) => {
                program.print(lang.going_to_sleep());
                time_sleep(sec.ms()).map(|()| {
                    program.print(lang.slept_well());
                    None
                })
            }
            Target::SleepReturning(sec) => {
                time_sleep(sec.ms()).map(|()| Some(lang.slept_for(&sec.text)))
            }
        }
        .map_err(TaskError::from);
        rec.finished(self.index, outcome(program, &result), waited_ms);
        result
    }

    /// Ends a task that never ran: what `Future.cancel()` does to a queued one.
    pub fn cancelled(self, program: &Program) -> TaskResult {
        let result = Err(TaskError::Cancelled);
        program
            .recorder()
            .finished(self.index, outcome(program, &result), 0.0);
        result
    }
}

fn outcome(program: &Program, result: &TaskResult) -> Outcome {
    match result {
        Ok(value) => Outcome::Ok(value.clone()),
        Err(error) => Outcome::Error(error.message(program)),
    }
}
