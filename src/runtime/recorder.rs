//! Stamps, keeps and forwards the events of one run (`record.rs` says what they are).
//!
//! Every event is stamped and sent under one lock, so the order of the stream, the
//! order of the record and the order of the timestamps are the same order.

use crate::runtime::machine::SharedRuntime;
use crate::runtime::record::{
    Arg, Download, Event, FileRecord, Line, OffCore, Outcome, ProgramError, RunRecord, Stream,
    TaskRecord,
};
use crate::runtime::sync::shared_lock;
use std::sync::{Arc, Mutex, MutexGuard};

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

    /// The tasks submitted that have not finished.
    pub fn unfinished(&self) -> Vec<usize> {
        let state = self.lock();
        let tasks = state.record.tasks.iter();
        tasks
            .filter(|task| task.finished_ms.is_none())
            .map(|task| task.index)
            .collect()
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
