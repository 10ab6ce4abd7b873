//! What happened, when, on which thread: the events streamed to the page while a run
//! goes, and the run record it ends with (the "Export" JSON).
//!
//! Every event is stamped and sent under one lock, so the order of the stream, the
//! order of the record and the order of the timestamps are the same order.

use crate::runtime::lines::Lang;
use crate::runtime::machine::SharedRuntime;
use crate::runtime::plan::Scenario;
use crate::runtime::sync::shared_lock;
use serde::Serialize;
use std::sync::{Arc, Mutex, MutexGuard};

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

/// Where events go: a channel to the page, or a list in a test.
pub type Sink = Box<dyn Fn(Event) + Send>;

/// Stamps, keeps and forwards the events of one run. Clones share the run.
#[derive(Clone)]
pub struct Recorder {
    rt: SharedRuntime,
    state: Arc<Mutex<State>>,
}

struct State {
    t0: f64,
    record: RunRecord,
    sink: Sink,
}

impl Recorder {
    /// Starts a record whose times count from `t0` (the runtime's clock).
    pub fn new(rt: SharedRuntime, t0: f64, record: RunRecord, sink: Sink) -> Self {
        Recorder {
            rt,
            state: Arc::new(Mutex::new(State { t0, record, sink })),
        }
    }

    /// Workers and, in asyncio runs, the UI thread both stamp events.
    fn lock(&self) -> MutexGuard<'_, State> {
        shared_lock(&self.state)
    }

    /// When the run started, on the runtime's clock.
    pub fn t0(&self) -> f64 {
        self.lock().t0
    }

    /// Adds a task to the record and returns its index.
    pub fn new_task(&self, kind: &'static str, arg: Arg, call: String) -> usize {
        let mut state = self.lock();
        let index = state.record.tasks.len();
        state.record.tasks.push(TaskRecord {
            index,
            kind,
            arg,
            call,
            thread: None,
            thread_name: None,
            submitted_ms: None,
            started_ms: None,
            finished_ms: None,
            delivered_ms: None,
            download: None,
            waited_ms: 0.0,
            cpu_ms: 0.0,
            outcome: None,
        });
        index
    }

    /// Runs `update` on the state with the current time, then sends the event it makes.
    fn emit(&self, update: impl FnOnce(&mut RunRecord, f64) -> Option<Event>) {
        let mut state = self.lock();
        let t_ms = self.rt.now_ms() - state.t0;
        if let Some(event) = update(&mut state.record, t_ms) {
            (state.sink)(event);
        }
    }

    pub fn submitted(&self, task: usize) {
        self.emit(|record, t_ms| {
            let entry = record.tasks.get_mut(task)?;
            entry.submitted_ms = Some(t_ms);
            Some(Event::Submitted {
                task,
                kind: entry.kind,
                arg: entry.arg.clone(),
                call: entry.call.clone(),
                t_ms,
            })
        });
    }

    pub fn started(&self, task: usize, thread_name: &str) {
        let thread = self.rt.thread_id();
        self.emit(|record, t_ms| {
            let entry = record.tasks.get_mut(task)?;
            entry.started_ms = Some(t_ms);
            entry.thread = Some(thread);
            entry.thread_name = Some(thread_name.to_owned());
            Some(Event::Started {
                task,
                thread,
                thread_name: thread_name.to_owned(),
                t_ms,
            })
        });
    }

    /// The task ended with `outcome`, having spent `off_core` of its time from start to
    /// finish waiting or descheduled.
    pub fn finished(&self, task: usize, outcome: Outcome, off_core: OffCore) {
        self.emit(|record, t_ms| {
            let entry = record.tasks.get_mut(task)?;
            entry.finished_ms = Some(t_ms);
            entry.waited_ms = off_core.waited_ms;
            entry.cpu_ms = entry.started_ms.map_or(0.0, |start| {
                (t_ms - start - off_core.waited_ms - off_core.descheduled_ms).max(0.0)
            });
            entry.outcome = Some(outcome.clone());
            Some(Event::Finished {
                task,
                thread: entry.thread,
                t_ms,
                waited_ms: entry.waited_ms,
                cpu_ms: entry.cpu_ms,
                outcome,
            })
        });
    }

    pub fn downloaded(&self, task: usize, download: Download) {
        self.emit(|record, t_ms| {
            let entry = record.tasks.get_mut(task)?;
            entry.download = Some(download.clone());
            Some(Event::Downloaded {
                task,
                download,
                t_ms,
            })
        });
    }

    /// The main thread got the task's result. Said once per task: the `Future` or
    /// `Thread` that delivers it keeps count (a second event here is a bug the tests
    /// would see).
    pub fn delivered(&self, task: usize) {
        self.emit(|record, t_ms| {
            let entry = record.tasks.get_mut(task)?;
            entry.delivered_ms = Some(t_ms);
            Some(Event::Delivered { task, t_ms })
        });
    }

    pub fn print(&self, text: String) {
        self.print_to(Stream::Stdout, text);
    }

    /// One line printed to `stream`, without its newline.
    pub fn print_to(&self, stream: Stream, text: String) {
        let thread = self.rt.thread_id();
        self.emit(|record, t_ms| {
            record.output.push(Line {
                t_ms,
                text: text.clone(),
                thread,
                stream,
            });
            Some(Event::Print {
                thread,
                t_ms,
                text,
                stream,
            })
        });
    }

    /// The program left the file at `path` holding `data`.
    pub fn wrote(&self, path: String, data: Arc<[u8]>) {
        let file = FileRecord {
            path,
            bytes: data.len(),
            image: crate::runtime::image::sniff(&data, None).ok(),
        };
        self.emit(|record, t_ms| {
            record.files.push(file.clone());
            Some(Event::File {
                file,
                data,
                src: None,
                t_ms,
            })
        });
    }

    /// The calling thread is at `line` of `main.py`, starting to wait or running again.
    pub fn line(&self, line: usize, waiting: bool) {
        let thread = self.rt.thread_id();
        self.emit(|_, t_ms| {
            Some(Event::Line {
                thread,
                line,
                waiting,
                t_ms,
            })
        });
    }

    /// The calling thread has just got the GIL after waiting `waited_ms` for it.
    pub fn gil_wait(&self, waited_ms: f64) {
        let thread = self.rt.thread_id();
        self.emit(|_, t_ms| {
            Some(Event::GilWait {
                thread,
                waited_ms,
                t_ms,
            })
        });
    }

    /// The program ended on an uncaught exception: the record says which.
    pub fn failed(&self, error: ProgramError) {
        self.lock().record.error = Some(error);
    }

    /// The lesson's main thread starts: call it on that thread.
    pub fn begin(&self) {
        let main_thread = self.rt.thread_id();
        let epoch_ms = self.t0();
        self.emit(|record, t_ms| {
            record.main_thread = Some(main_thread);
            Some(Event::Begin {
                scenario: record.scenario,
                lang: record.lang,
                threaded: record.threaded,
                cores: record.cores,
                main_thread,
                max_workers: record.max_workers,
                gil: record.gil,
                epoch_ms,
                t_ms,
            })
        });
    }

    /// Closes the record: the program and all its threads have ended.
    pub fn finish(&self, cancelled: bool) -> RunRecord {
        let mut record = None;
        self.emit(|r, t_ms| {
            r.wall_ms = t_ms;
            r.cancelled = cancelled;
            r.cpu_ms = r.tasks.iter().map(|task| task.cpu_ms).sum();
            record = Some(r.clone());
            Some(Event::End {
                wall_ms: r.wall_ms,
                cpu_ms: r.cpu_ms,
                cancelled,
                error: r.error.clone(),
            })
        });
        record.unwrap_or_else(|| self.lock().record.clone())
    }
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
