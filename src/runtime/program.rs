//! One run of a lesson listing: the Python process, as far as the lesson can see it.
//!
//! A [`Program`] is what every thread of the run shares: `print`, the clock behind
//! `time.perf_counter()`, the Stop token, the record, and the list of threads the
//! interpreter waits for before it exits.

use crate::runtime::cancel::{CancelToken, Stopped, Wait};
use crate::runtime::io::{FetchError, Fetched, Io, LocalBoxFuture};
use crate::runtime::lines::Lang;
use crate::runtime::machine::{CannotStart, SharedRuntime, ThreadEnd};
use crate::runtime::plan::Plan;
use crate::runtime::record::{OffCore, Outcome, RunRecord};
use crate::runtime::recorder::{Recorder, Sink};
use crate::runtime::sync::{shared_lock, DoneOnDrop, Signal};
use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Clone)]
pub struct Program {
    inner: Arc<Inner>,
}

struct Inner {
    rt: SharedRuntime,
    rec: Recorder,
    cancel: CancelToken,
    lang: Lang,
    /// `os.cpu_count()`.
    cores: usize,
    threads: Mutex<Vec<Arc<Signal<()>>>>,
    /// The program ended with daemon threads running, and stopped them (not Stop).
    ended_daemons: AtomicBool,
}

impl Program {
    /// A program for `plan` on a machine of `cores` cores, its times counted from `t0`
    /// on the runtime's clock.
    pub fn new(
        rt: SharedRuntime,
        plan: &Plan,
        t0: f64,
        cancel: CancelToken,
        sink: Sink,
    ) -> Program {
        let record = RunRecord {
            scenario: plan.scenario,
            lang: plan.lang,
            max_workers: plan.scenario.uses_pool().then_some(plan.max_workers),
            threaded: rt.threaded(),
            // Simulated threads all run on the page's one thread.
            cores: if rt.threaded() { plan.cores } else { 1 },
            main_thread: None,
            wall_ms: 0.0,
            cpu_ms: 0.0,
            cancelled: false,
            // A program run by the interpreter (a listing run as its Python too).
            gil: plan.code.is_some().then_some(plan.gil),
            error: None,
            output: Vec::new(),
            tasks: Vec::new(),
            files: Vec::new(),
        };
        Program {
            inner: Arc::new(Inner {
                rec: Recorder::new(rt.clone(), t0, record, sink),
                rt,
                cancel,
                lang: plan.lang,
                cores: plan.cores,
                threads: Mutex::new(Vec::new()),
                ended_daemons: AtomicBool::new(false),
            }),
        }
    }

    pub fn lang(&self) -> Lang {
        self.inner.lang
    }

    /// Whether its threads are real (Web Workers, OS threads), not coroutines on one.
    pub fn threaded(&self) -> bool {
        self.inner.rt.threaded()
    }

    /// The machine's cores: `os.cpu_count()`.
    pub fn cores(&self) -> usize {
        self.inner.cores
    }

    pub fn recorder(&self) -> &Recorder {
        &self.inner.rec
    }

    /// Python's `print()`, stamped with the time and the thread.
    pub fn print(&self, text: impl Into<String>) {
        self.inner.rec.print(text.into());
    }

    /// `time.perf_counter()`, in milliseconds.
    pub fn perf_counter(&self) -> f64 {
        self.inner.rt.now_ms()
    }

    pub fn is_stopped(&self) -> bool {
        self.inner.cancel.is_cancelled()
    }

    /// `time.sleep(ms / 1000)`, woken early by Stop.
    ///
    /// # Errors
    /// [`Stopped`] when Stop was pressed before the time was up.
    pub fn sleep_ms(&self, ms: f64) -> Result<(), Stopped> {
        let rt = &self.inner.rt;
        match self.inner.cancel.wait_ms(ms, &|| rt.now_ms()) {
            Wait::TimedOut => Ok(()),
            Wait::Cancelled => Err(Stopped),
        }
    }

    /// How this program's tasks wait: blocking their thread, or as coroutines.
    pub fn io(&self) -> Box<dyn Io + '_> {
        self.inner
            .rt
            .io()
            .unwrap_or_else(|| Box::new(ThreadIo { program: self }))
    }

    /// `requests.get(url)`: blocks this thread until the body or an error is in.
    ///
    /// # Errors
    /// The [`FetchError`] the runtime reports; [`FetchError::Cancelled`] after Stop.
    pub fn download(&self, task: usize, url: &str) -> Result<Fetched, FetchError> {
        if self.is_stopped() {
            return Err(FetchError::Cancelled);
        }
        self.inner.rt.download(task, url, &self.inner.cancel)
    }

    /// The run's clock: milliseconds since it started.
    pub fn since_start(&self, now_ms: f64) -> f64 {
        now_ms - self.inner.rec.t0()
    }

    /// Starts `job` on a thread of its own; the returned signal is put when it ends
    /// (or when the run is abandoned and `job` dropped where it waited). The
    /// interpreter will wait for it before exiting, as Python waits for every
    /// non-daemon thread.
    ///
    /// # Errors
    /// [`CannotStart`] when no thread is free: nothing was started.
    pub fn start_thread<F>(
        &self,
        job: impl FnOnce(Program) -> F + Send + 'static,
    ) -> Result<Arc<Signal<()>>, CannotStart>
    where
        F: Future<Output = ()> + 'static,
    {
        let done = Arc::new(Signal::new());
        let finished = DoneOnDrop(done.clone());
        let program = self.clone();
        self.inner.rt.spawn(Box::new(move || {
            Box::pin(async move {
                let cancel = program.inner.cancel.clone();
                cancel.unless_abandoned(job(program)).await;
                // Dropped by the runtime once the thread is free for another.
                ThreadEnd(Some(finished))
            })
        }))?;
        shared_lock(&self.inner.threads).push(done.clone());
        Ok(done)
    }

    /// Runs `main` as the program's main thread, on a thread of its own.
    ///
    /// # Errors
    /// [`CannotStart`] when no thread is free.
    pub fn start_main<F>(
        &self,
        main: impl FnOnce(Program) -> F + Send + 'static,
    ) -> Result<(), CannotStart>
    where
        F: Future<Output = ()> + 'static,
    {
        let program = self.clone();
        self.inner.rt.spawn(Box::new(move || {
            Box::pin(async move {
                let cancel = program.inner.cancel.clone();
                cancel.unless_abandoned(main(program)).await;
                ThreadEnd(None)
            })
        }))
    }

    /// The main thread is done and the threads still running are daemons: they end
    /// with the process, as in CPython. They are stopped as by Stop, but the record
    /// does not say the run was stopped.
    pub fn end_daemons(&self) {
        if self.is_stopped() {
            return;
        }
        let running = shared_lock(&self.inner.threads)
            .iter()
            .any(|done| !done.is_set());
        if running {
            self.inner.ended_daemons.store(true, Ordering::SeqCst);
            self.inner.cancel.cancel();
        }
    }

    /// Whether the run is ending its daemon threads (their `KeyboardInterrupt` is
    /// not reported).
    pub fn ending_daemons(&self) -> bool {
        self.inner.ended_daemons.load(Ordering::SeqCst)
    }

    /// The end of the script: Python waits for every thread still running
    /// (`threading._shutdown`), then the process exits. Returns the closed record.
    pub async fn exit(&self) -> RunRecord {
        let threads = std::mem::take(&mut *shared_lock(&self.inner.threads));
        for done in threads {
            done.ready().await;
        }
        let cancelled = self.is_stopped() && !self.ending_daemons();
        if cancelled {
            // Stop ended the run: a task that never finished (a Python pool's queued
            // future) was cancelled, as a listing's queued task is.
            for task in self.inner.rec.unfinished() {
                let outcome = Outcome::Error(self.lang().cancelled().to_owned());
                self.inner.rec.finished(task, outcome, OffCore::default());
            }
        }
        self.inner.rec.finish(cancelled)
    }
}

/// Waits that block the calling thread, as the lesson's threads do.
pub struct ThreadIo<'a> {
    pub program: &'a Program,
}

impl Io for ThreadIo<'_> {
    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, Result<(), Stopped>> {
        let slept = self.program.sleep_ms(ms);
        Box::pin(std::future::ready(slept))
    }

    fn fetch(&self, task: usize, url: &str) -> LocalBoxFuture<'_, Result<Fetched, FetchError>> {
        let fetched = self.program.download(task, url);
        Box::pin(std::future::ready(fetched))
    }
}
