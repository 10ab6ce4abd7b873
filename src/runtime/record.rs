//! What happened, when, on which thread: the events streamed to the page while a run
//! goes, and the run record it ends with (the "Export" JSON). `recorder.rs` stamps
//! and sends them.

use crate::runtime::lines::Lang;
use crate::runtime::plan::Scenario;
use serde::Serialize;
use std::sync::Arc;

/// A task's argument as JSON: seconds for `sleep`, a URL for a download.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    Secs(f64),
    Url(String),
    Number(u64),
    /// A Python task's arguments, as `repr` writes them.
    Text(String),
}

/// What a download task got over the network; times in ms since the run started.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Download {
    pub url: String,
    /// The file name `download_one_image` prints.
    pub name: String,
    pub status: u16,
    pub content_type: Option<String>,
    pub bytes: usize,
    /// `fetch()` called: the thread starts waiting.
    pub sent_ms: f64,
    /// The browser sent the request, after waiting for a free connection (at most six
    /// per host over HTTP/1.1); `None` when the browser does not tell.
    pub request_ms: Option<f64>,
    /// Response headers in: the end of the wait for the server.
    pub first_byte_ms: f64,
    /// The last byte of the body.
    pub last_byte_ms: f64,
}

/// How a task ended: its return value (`None` is Python's `None`) or the error its
/// `result()` would raise.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Ok(Option<String>),
    Error(String),
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskRecord {
    pub index: usize,
    pub kind: &'static str,
    pub arg: Arg,
    /// The call as the Python listing makes it: `_sleep(5)`.
    pub call: String,
    /// The thread that ran it; `None` if it never started.
    pub thread: Option<u32>,
    /// Python's name for that thread: `MainThread`, `Thread-3`, `ThreadPoolExecutor-0_1`.
    pub thread_name: Option<String>,
    pub submitted_ms: Option<f64>,
    pub started_ms: Option<f64>,
    pub finished_ms: Option<f64>,
    /// When the program's main thread got the result; `None` if it never asked
    /// (the threads of `threads_no_join` are never joined).
    pub delivered_ms: Option<f64>,
    /// What came over the network, for download tasks that got a response.
    pub download: Option<Download>,
    /// Milliseconds of the task spent waiting (sleeping, downloading) rather than
    /// running: its part that needs no core.
    pub waited_ms: f64,
    /// Milliseconds the task ran on a core: its time from start to finish less its
    /// waits and less the stretches its thread was seen descheduled (see `cpu.rs`).
    pub cpu_ms: f64,
    #[serde(flatten)]
    pub outcome: Option<Outcome>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub t_ms: f64,
    pub text: String,
    pub thread: u32,
    pub stream: Stream,
}

/// Where a line was printed: `print()` goes to stdout; tracebacks and
/// `print(…, file=sys.stderr)` to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stream {
    Stdout,
    Stderr,
}

/// The uncaught exception a Python program ended on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProgramError {
    /// `ZeroDivisionError`, `SyntaxError`, …
    #[serde(rename = "type")]
    pub kind: String,
    pub message: String,
    /// The line of `main.py` it was raised at (0: not known).
    pub line: usize,
    /// CPython's traceback text, as printed to stderr.
    pub traceback: String,
}

/// The run record (docs/architecture.md, "The run record").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunRecord {
    pub scenario: Scenario,
    pub lang: Lang,
    /// `max_workers` of the pool scenarios; `None` for the others.
    pub max_workers: Option<usize>,
    pub threaded: bool,
    /// The thread the lesson's main thread ran on.
    pub main_thread: Option<u32>,
    /// The machine's cores that ran the threads: `os.cpu_count()` with real
    /// threads, 1 where they are simulated on the page's one thread.
    pub cores: usize,
    /// When the whole program ended, its threads included.
    pub wall_ms: f64,
    /// Time the tasks ran on a core, added up: the sum of their `cpu_ms`.
    pub cpu_ms: f64,
    /// Stop was pressed during the run.
    pub cancelled: bool,
    /// Python runs: whether the GIL was on; `None` for the listings written in Rust.
    pub gil: Option<bool>,
    /// Python runs: the uncaught exception the program ended on.
    pub error: Option<ProgramError>,
    pub output: Vec<Line>,
    pub tasks: Vec<TaskRecord>,
    /// Python runs: the files the program wrote, as the run left them.
    pub files: Vec<FileRecord>,
}

/// A file a Python program wrote (`open(…, "wb")`), in the order first written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileRecord {
    /// As the program named it, from its current directory: `pics/paw.jpg`.
    pub path: String,
    pub bytes: usize,
    /// The picture format its first bytes say (`jpeg`, `png`, …), if it is one.
    pub image: Option<&'static str>,
}

/// One step of a run, as the page receives it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum Event {
    /// The program's main thread is running; the first event of a run.
    Begin {
        scenario: Scenario,
        lang: Lang,
        threaded: bool,
        cores: usize,
        main_thread: u32,
        max_workers: Option<usize>,
        #[serde(skip_serializing_if = "Option::is_none")]
        gil: Option<bool>,
        /// When the run started, on the shared clock (ms since 1970 in the browser):
        /// what `tMs` counts from, so a listener can tell how late an event came.
        epoch_ms: f64,
        t_ms: f64,
    },
    Submitted {
        task: usize,
        kind: &'static str,
        arg: Arg,
        call: String,
        t_ms: f64,
    },
    Started {
        task: usize,
        thread: u32,
        thread_name: String,
        t_ms: f64,
    },
    Finished {
        task: usize,
        thread: Option<u32>,
        t_ms: f64,
        waited_ms: f64,
        cpu_ms: f64,
        #[serde(flatten)]
        outcome: Outcome,
    },
    /// A download task's response is in (before its checks).
    Downloaded {
        task: usize,
        download: Download,
        t_ms: f64,
    },
    Delivered {
        task: usize,
        t_ms: f64,
    },
    Print {
        thread: u32,
        t_ms: f64,
        text: String,
        stream: Stream,
    },
    /// Python runs with the GIL: a thread waited `waited_ms` for the GIL, ending now
    /// (`tMs`): ready to run, but another thread held it.
    GilWait {
        thread: u32,
        waited_ms: f64,
        t_ms: f64,
    },
    /// Python runs: where a thread is (a line of `main.py`) as it starts to wait
    /// (`waiting`: sleep, join, result, get, acquire, the GIL) or runs again.
    Line {
        thread: u32,
        line: usize,
        waiting: bool,
        t_ms: f64,
    },
    /// Python runs: a file the program wrote, as the run left it; sent at its end,
    /// before `End`. `src` is an object URL of its bytes, made on the page's thread.
    File {
        #[serde(flatten)]
        file: FileRecord,
        #[serde(skip)]
        data: Arc<[u8]>,
        #[serde(skip_serializing_if = "Option::is_none")]
        src: Option<String>,
        t_ms: f64,
    },
    /// A thread of the run died (a panic): sent by the panic hook, on the dying
    /// thread, past the record. The run ends at once with an error naming it.
    Died {
        thread: u32,
        message: String,
        t_ms: f64,
    },
    /// The program and all its threads ended; the last event of a run. The record is
    /// the events folded together (`www/run-model.js` does it); this adds its totals.
    End {
        wall_ms: f64,
        cpu_ms: f64,
        cancelled: bool,
        /// Python runs: the uncaught exception the program ended on.
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<ProgramError>,
    },
}

/// The part of a task's time from start to finish that it did not run on a core.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct OffCore {
    /// Sleeping or waiting for the network: no core needed.
    pub waited_ms: f64,
    /// Ready to run, but its thread was not on a core (more threads than cores),
    /// as seen by `cpu::ProgressClock`.
    pub descheduled_ms: f64,
}
