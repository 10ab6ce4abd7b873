//! The functions the lesson's threads run, with their arguments. Each body is
//! written once, against [`Io`]: a thread runs it with blocking waits, asyncio
//! with awaited timers and fetches.

use crate::runtime::cancel::Stopped;
use crate::runtime::cpu::{ProgressClock, STEP};
use crate::runtime::image::{sniff, Image};
use crate::runtime::io::{FetchError, Io, MAX_IMAGE_BYTES};
use crate::runtime::plan::{Arg, Secs};
use crate::runtime::program::Program;
use crate::runtime::record::{self, Download, OffCore, Outcome};

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
    /// ```python
    /// def download_one_image(image_url):
    ///     img_name = image_url.split('/')[6]
    ///     r = requests.get(image_url)
    ///     with open(f"./pics/{img_name}", "wb") as i:
    ///         i.write(r.content)
    ///     print(f"{img_name} was downloaded")
    /// ```
    DownloadOneImage(Image),
    /// `download_one_image` that returns its line instead of printing it, as `_sleep`
    /// does, for the listings that print `f.result()`.
    DownloadReturning(Image),
    /// CPU work, to set against the waits: what threads cannot hide.
    /// ```python
    /// def count_primes(n):
    ///     count = sum(1 for k in range(2, n + 1)
    ///                 if all(k % d for d in range(2, int(k ** 0.5) + 1)))
    ///     print(f"простых чисел до {n}: {count}")
    /// ```
    CountPrimes(u64),
    /// `count_primes` that returns its line.
    CountPrimesReturning(u64),
}

/// The listing's own function for an argument, the one that prints:
/// `sleep(sec)` or `download_one_image(url)`.
pub fn target(arg: &Arg) -> Target {
    match arg {
        Arg::Secs(sec) => Target::Sleep(sec.clone()),
        Arg::Image(image) => Target::DownloadOneImage(image.clone()),
        Arg::Compute { n } => Target::CountPrimes(*n),
    }
}

/// The form that returns its line, for `print(f.result())`: `_sleep(sec)` or
/// `_download_one_image(url)`.
pub fn returning(arg: &Arg) -> Target {
    match arg {
        Arg::Secs(sec) => Target::SleepReturning(sec.clone()),
        Arg::Image(image) => Target::DownloadReturning(image.clone()),
        Arg::Compute { n } => Target::CountPrimesReturning(*n),
    }
}

impl Target {
    /// Whether the function prints its own lines (and Python prints its exceptions).
    fn prints(&self) -> bool {
        matches!(
            self,
            Target::Sleep(_) | Target::DownloadOneImage(_) | Target::CountPrimes(_)
        )
    }

    fn describe(&self) -> (&'static str, record::Arg, String) {
        match self {
            Target::Sleep(sec) => (
                "sleep",
                record::Arg::Secs(sec.secs),
                format!("sleep({})", sec.text),
            ),
            Target::SleepReturning(sec) => (
                "sleep",
                record::Arg::Secs(sec.secs),
                format!("_sleep({})", sec.text),
            ),
            Target::DownloadOneImage(image) => (
                "download",
                record::Arg::Url(image.url.clone()),
                format!("download_one_image(\".../{}\")", image.name),
            ),
            Target::DownloadReturning(image) => (
                "download",
                record::Arg::Url(image.url.clone()),
                format!("_download_one_image(\".../{}\")", image.name),
            ),
            Target::CountPrimes(n) => (
                "compute",
                record::Arg::Number(*n),
                format!("count_primes({n})"),
            ),
            Target::CountPrimesReturning(n) => (
                "compute",
                record::Arg::Number(*n),
                format!("_count_primes({n})"),
            ),
        }
    }
}

/// Why a task has no value: what its `result()` raises.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskError {
    /// Stop was pressed before or while it ran.
    Cancelled,
    /// The server answered with an error status.
    Http { status: u16, reason: String },
    /// The body is not an image: what it was instead.
    NotImage(String),
    /// Nothing usable came back (offline, CORS, too large, too slow): see [`FetchError`].
    Fetch(FetchError),
    /// No thread was free to run it: Python's `RuntimeError: can't start new thread`.
    CannotStartThread,
}

impl TaskError {
    pub fn message(&self, program: &Program) -> String {
        let lang = program.lang();
        match self {
            TaskError::Cancelled | TaskError::Fetch(FetchError::Cancelled) => {
                lang.cancelled().to_owned()
            }
            TaskError::Http { status, reason } => lang.http_error(*status, reason),
            TaskError::NotImage(what) => lang.not_an_image(what),
            TaskError::Fetch(FetchError::Network(_)) => lang.network_error().to_owned(),
            TaskError::Fetch(FetchError::TooLarge { limit_bytes }) => {
                lang.too_large(limit_bytes / (1024 * 1024))
            }
            TaskError::Fetch(FetchError::NoFirstByte { secs }) => lang.no_first_byte(*secs),
            TaskError::Fetch(FetchError::TooSlow { secs }) => lang.too_slow(*secs),
            TaskError::CannotStartThread => "RuntimeError: can't start new thread".to_owned(),
        }
    }
}

impl From<Stopped> for TaskError {
    fn from(_: Stopped) -> Self {
        TaskError::Cancelled
    }
}

impl From<FetchError> for TaskError {
    fn from(error: FetchError) -> Self {
        match error {
            FetchError::Cancelled => TaskError::Cancelled,
            other => TaskError::Fetch(other),
        }
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
        let (kind, arg, call) = target.describe();
        let index = program.recorder().new_task(kind, arg, call);
        Task { index, target }
    }

    /// Runs the task on the calling thread, waiting as the program's machine waits:
    /// blocking a real thread, yielding a simulated one.
    pub async fn run(self, program: &Program, thread_name: &str) -> TaskResult {
        let io = program.io();
        self.run_with(program, &*io, thread_name).await
    }

    /// Runs the task (on the thread Python calls `thread_name`), waiting through `io`,
    /// and records its start and finish. A task whose run was stopped before it began
    /// never starts.
    pub async fn run_with(self, program: &Program, io: &dyn Io, thread_name: &str) -> TaskResult {
        if program.is_stopped() {
            return self.cancelled(program);
        }
        let rec = program.recorder();
        rec.started(self.index, thread_name);
        let lang = program.lang();
        // Time spent blocked or descheduled, so the record can tell CPU time from wall time.
        let mut off_core = OffCore::default();
        let before = program.perf_counter();
        let result = match &self.target {
            Target::Sleep(sec) => {
                program.print(lang.going_to_sleep());
                let slept = io.sleep(sec.ms()).await;
                off_core.waited_ms += program.perf_counter() - before;
                slept
                    .map(|()| {
                        program.print(lang.slept_well());
                        None
                    })
                    .map_err(TaskError::from)
            }
            Target::SleepReturning(sec) => {
                let slept = io.sleep(sec.ms()).await;
                off_core.waited_ms += program.perf_counter() - before;
                slept
                    .map(|()| Some(lang.slept_for(&sec.text)))
                    .map_err(TaskError::from)
            }
            Target::DownloadOneImage(image) => {
                let got = download(program, io, self.index, image).await;
                off_core.waited_ms += program.perf_counter() - before;
                got.map(|()| {
                    program.print(lang.downloaded(&image.name));
                    None
                })
            }
            Target::DownloadReturning(image) => {
                let got = download(program, io, self.index, image).await;
                off_core.waited_ms += program.perf_counter() - before;
                got.map(|()| Some(lang.downloaded(&image.name)))
            }
            // It never waits; its thread may still be descheduled.
            Target::CountPrimes(n) => count_primes(program, *n, &mut off_core).map(|count| {
                program.print(lang.primes(*n, count));
                None
            }),
            Target::CountPrimesReturning(n) => {
                count_primes(program, *n, &mut off_core).map(|count| Some(lang.primes(*n, count)))
            }
        };
        if let Err(error) = &result {
            // Python prints an exception raised in a thread's function; one raised
            // into `f.result()` is the main thread's to print.
            if self.target.prints() && *error != TaskError::Cancelled {
                program.print(lang.exception_in_thread(thread_name, &error.message(program)));
            }
        }
        rec.finished(self.index, outcome(program, &result), off_core);
        result
    }

    /// Ends a task that never ran: what `Future.cancel()` does to a queued one.
    pub fn cancelled(self, program: &Program) -> TaskResult {
        self.failed(program, TaskError::Cancelled)
    }

    /// Ends a task that never ran, with the error its `result()` raises.
    pub fn failed(self, program: &Program, error: TaskError) -> TaskResult {
        let result = Err(error);
        program
            .recorder()
            .finished(self.index, outcome(program, &result), OffCore::default());
        result
    }
}

/// Counts the primes up to `n` the slow way, by trial division: on purpose, it keeps
/// a core busy. After every [`STEP`] divisions it looks at Stop and tells the
/// progress clock, which adds the time its thread was descheduled to `off_core`.
fn count_primes(program: &Program, n: u64, off_core: &mut OffCore) -> Result<u64, TaskError> {
    let now = || program.perf_counter();
    let mut clock = ProgressClock::start(&now);
    let mut count = 0;
    // Divisions left in this step.
    let mut left = STEP;
    let mut result = Ok(());
    'numbers: for k in 2..=n {
        let mut d = 2;
        let mut prime = true;
        while d * d <= k {
            left -= 1;
            if left == 0 {
                left = STEP;
                clock.step();
                if program.is_stopped() {
                    result = Err(TaskError::Cancelled);
                    break 'numbers;
                }
            }
            if k % d == 0 {
                prime = false;
                break;
            }
            d += 1;
        }
        count += u64::from(prime);
    }
    clock.finish((STEP - left) as f64 / STEP as f64);
    off_core.descheduled_ms += clock.descheduled_ms();
    result.map(|()| count)
}

/// `r = requests.get(image_url)` and the checks `result()` would raise on.
async fn download(
    program: &Program,
    io: &dyn Io,
    task: usize,
    image: &Image,
) -> Result<(), TaskError> {
    let fetched = io.fetch(task, &image.url).await?;
    program.recorder().downloaded(
        task,
        Download {
            url: image.url.clone(),
            name: image.name.clone(),
            status: fetched.status,
            content_type: fetched.content_type.clone(),
            bytes: fetched.body.len(),
            sent_ms: program.since_start(fetched.sent_ms),
            request_ms: fetched.request_ms.map(|t| program.since_start(t)),
            first_byte_ms: program.since_start(fetched.first_byte_ms),
            last_byte_ms: program.since_start(fetched.last_byte_ms),
        },
    );
    if fetched.status >= 400 {
        return Err(TaskError::Http {
            status: fetched.status,
            reason: fetched.status_text,
        });
    }
    if fetched.body.len() > MAX_IMAGE_BYTES {
        return Err(TaskError::Fetch(FetchError::TooLarge {
            limit_bytes: MAX_IMAGE_BYTES,
        }));
    }
    sniff(&fetched.body, fetched.content_type.as_deref()).map_err(TaskError::NotImage)?;
    // The lesson writes `r.content` to ./pics/; the page shows it as a thumbnail instead.
    Ok(())
}

fn outcome(program: &Program, result: &TaskResult) -> Outcome {
    match result {
        Ok(value) => Outcome::Ok(value.clone()),
        Err(error) => Outcome::Error(error.message(program)),
    }
}

/// `print(f.result())`: the value, or the exception `result()` raised.
pub fn print_result(program: &Program, result: TaskResult) {
    match result {
        Ok(Some(value)) => program.print(value),
        Ok(None) => program.print("None"),
        Err(error) => program.print(error.message(program)),
    }
}
