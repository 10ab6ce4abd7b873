//! Shared by the native tests: a run harness, a pretend network, and asyncio's
//! timers on OS threads.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)] // each test file uses a part

use potoki::runtime::cancel::Stopped;
use potoki::runtime::cancel::{CancelToken, Wait};
use potoki::runtime::io::{FetchError, Fetched, Io, LocalBoxFuture};
use potoki::runtime::machine::native::OsThreads;
use potoki::runtime::machine::simulated::AsThread;
use potoki::runtime::machine::{CannotStart, Runtime, ThreadMain};
use potoki::runtime::plan::{split_list, Machine, Plan, PlanInput};
use potoki::runtime::program::Program;
use potoki::runtime::record::{Event, RunRecord, TaskRecord};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

#[rustfmt::skip]
mod listings;

pub const MACHINE: Machine = Machine {
    pool_threads: 16,
    cores: 2,
    threaded: true,
};
/// What a run may take beyond its ideal wall time here (shared, noisy machine).
pub const SLACK_MS: f64 = 300.0;

/// OS threads plus a pretend network: `http://fake/NAME?delay=MS&status=N&body=html|jpeg|huge`,
/// or the same said in the path (`http://fake/delay=MS/NAME`), so that the name a listing
/// takes from the URL's last part (`img_name`) is the image's.
pub struct FakeNet;

impl Runtime for FakeNet {
    fn spawn(&self, main: ThreadMain) -> Result<(), CannotStart> {
        OsThreads.spawn(main)
    }
    fn now_ms(&self) -> f64 {
        OsThreads.now_ms()
    }
    fn thread_id(&self) -> u32 {
        OsThreads.thread_id()
    }
    fn download(
        &self,
        _task: usize,
        url: &str,
        cancel: &CancelToken,
    ) -> Result<Fetched, FetchError> {
        let sent_ms = self.now_ms();
        let reply = FakeReply::of(url);
        if cancel.wait_ms(reply.delay_ms, &|| OsThreads.now_ms()) == Wait::Cancelled {
            return Err(FetchError::Cancelled);
        }
        reply.into_fetched(sent_ms, self.now_ms())
    }
}

/// What the pretend server answers for a URL.
pub struct FakeReply {
    pub delay_ms: f64,
    status: u16,
    body: String,
}

impl FakeReply {
    pub fn of(url: &str) -> FakeReply {
        let param = |key: &str| {
            url.split(['/', '?', '&'])
                .find_map(|kv| kv.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
                .map(str::to_owned)
        };
        FakeReply {
            delay_ms: param("delay").map_or(0.0, |d| d.parse().unwrap()),
            status: param("status").map_or(200, |s| s.parse().unwrap()),
            body: param("body").unwrap_or_else(|| "jpeg".into()),
        }
    }

    pub fn into_fetched(self, sent_ms: f64, now_ms: f64) -> Result<Fetched, FetchError> {
        let (content_type, body) = match self.body.as_str() {
            "html" => ("text/html", b"<!doctype html><p>not here</p>".to_vec()),
            "neterr" => return Err(FetchError::Network("Failed to fetch".into())),
            "huge" => {
                return Err(FetchError::TooLarge {
                    limit_bytes: 20 * 1024 * 1024,
                })
            }
            "silent" => return Err(FetchError::NoFirstByte { secs: 30 }),
            _ => ("image/jpeg", vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16]),
        };
        Ok(Fetched {
            status: self.status,
            status_text: if self.status == 404 {
                "Not Found".into()
            } else {
                "OK".into()
            },
            content_type: Some(content_type.into()),
            body,
            sent_ms,
            request_ms: Some(sent_ms),
            first_byte_ms: now_ms,
            last_byte_ms: now_ms,
        })
    }
}

/// asyncio's waits for native tests: a timer thread per wait wakes the one thread
/// that runs the event loop (`potoki::runtime::sync::block_on`).
pub struct TimerIo {
    pub cancel: CancelToken,
}

struct TimerState<T> {
    value: Option<T>,
    waker: Option<Waker>,
}

struct TimerFuture<T>(Arc<Mutex<TimerState<T>>>);

impl<T> Future for TimerFuture<T> {
    type Output = T;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut state = self.0.lock().unwrap();
        match state.value.take() {
            Some(value) => Poll::Ready(value),
            None => {
                state.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// Runs `work` on a helper thread; the future is ready with its value.
fn on_timer_thread<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> TimerFuture<T> {
    let state = Arc::new(Mutex::new(TimerState {
        value: None,
        waker: None,
    }));
    let shared = state.clone();
    std::thread::spawn(move || {
        let value = work();
        let mut state = shared.lock().unwrap();
        state.value = Some(value);
        if let Some(waker) = state.waker.take() {
            waker.wake();
        }
    });
    TimerFuture(state)
}

impl Io for TimerIo {
    fn sleep(&self, ms: f64) -> LocalBoxFuture<'_, Result<(), Stopped>> {
        let cancel = self.cancel.clone();
        Box::pin(on_timer_thread(move || {
            match cancel.wait_ms(ms, &|| OsThreads.now_ms()) {
                Wait::TimedOut => Ok(()),
                Wait::Cancelled => Err(Stopped),
            }
        }))
    }

    fn fetch(&self, task: usize, url: &str) -> LocalBoxFuture<'_, Result<Fetched, FetchError>> {
        let cancel = self.cancel.clone();
        let url = url.to_owned();
        Box::pin(on_timer_thread(move || {
            FakeNet.download(task, &url, &cancel)
        }))
    }
}

/// Threads as coroutines on this one thread: the single-threaded build's way,
/// with the pretend network and timer threads for the waits.
pub struct SimThreads {
    cancel: CancelToken,
    next_id: std::sync::atomic::AtomicU32,
}

thread_local! {
    static SPAWNER: std::cell::RefCell<Option<futures_executor::LocalSpawner>> = const { std::cell::RefCell::new(None) };
}

impl Runtime for SimThreads {
    fn spawn(&self, main: ThreadMain) -> Result<(), CannotStart> {
        use futures_util::task::LocalSpawnExt;
        let id = self
            .next_id
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        SPAWNER.with(|spawner| {
            let spawner = spawner.borrow();
            let spawner = spawner.as_ref().expect("run_simulated sets the spawner");
            let body = main();
            spawner
                .spawn_local(AsThread {
                    id,
                    body: Box::pin(async move { drop(body.await) }),
                })
                .unwrap();
        });
        Ok(())
    }
    fn now_ms(&self) -> f64 {
        OsThreads.now_ms()
    }
    fn thread_id(&self) -> u32 {
        potoki::runtime::machine::simulated::current()
    }
    fn io(&self) -> Option<Box<dyn Io + '_>> {
        Some(Box::new(TimerIo {
            cancel: self.cancel.clone(),
        }))
    }
    fn threaded(&self) -> bool {
        false
    }
}

/// Runs a listing with simulated threads on this one thread.
pub fn run_simulated(plan: &Plan) -> Run {
    let cancel = CancelToken::new();
    let rt = Arc::new(SimThreads {
        cancel: cancel.clone(),
        next_id: 2.into(),
    });
    let (program, events) = start(plan, rt, cancel);
    let mut pool = futures_executor::LocalPool::new();
    SPAWNER.with(|s| *s.borrow_mut() = Some(pool.spawner()));
    let main = AsThread {
        id: 1,
        body: Box::pin(potoki::python::host::run(plan, &program)),
    };
    let record = pool.run_until(main);
    SPAWNER.with(|s| *s.borrow_mut() = None);
    let events = events.lock().unwrap().clone();
    Run { record, events }
}

/// `n` pretend images, each answering as `how` says (`delay=150`).
pub fn fake_images(n: usize, how: &str) -> Vec<String> {
    (0..n)
        .map(|i| format!("http://fake/{how}/img-{i}.jpg"))
        .collect()
}

/// The same, borrowed, as `plan_with` takes them.
pub fn refs(urls: &[String]) -> Vec<&str> {
    urls.iter().map(String::as_str).collect()
}

pub struct Run {
    pub record: RunRecord,
    pub events: Vec<Event>,
}

pub fn plan_with(
    scenario: &str,
    secs: Option<&str>,
    images: Option<&[&str]>,
    workers: Option<usize>,
) -> Plan {
    listing_plan(PlanInput {
        scenario: Some(scenario.into()),
        secs: secs.map(split_list),
        images: images.map(|urls| urls.iter().map(|u| (*u).to_owned()).collect()),
        workers: workers.map(|w| w.to_string()),
        ..PlanInput::default()
    })
}

pub fn plan(scenario: &str, secs: &str, workers: Option<usize>) -> Plan {
    plan_with(scenario, Some(secs), None, workers)
}

/// The plan of a listing (`input` without its code) as the page runs it: with the
/// Python the page runs for it (listings.rs, made by tests/listings/generate.mjs
/// from www/listings.js).
pub fn listing_plan(mut input: PlanInput) -> Plan {
    let (kind, items) = match (&input.secs, &input.images, &input.compute) {
        (_, Some(images), _) => ("download", images),
        (_, _, Some(ns)) => ("compute", ns),
        (Some(secs), _, _) => ("sleep", secs),
        _ => panic!("a listing's case names its list"),
    };
    let key = format!(
        "{} {kind} [{}] {} {}",
        input.scenario.as_deref().unwrap_or("sequential"),
        items.join(", "),
        input.workers.as_deref().unwrap_or("-"),
        input.lang.as_deref().unwrap_or("ru"),
    );
    let code = listings::LISTINGS
        .iter()
        .find_map(|(case, code)| (*case == key).then_some(*code))
        .unwrap_or_else(|| {
            panic!(
                "no listing for `{key}`: add it to CASES in tests/listings/generate.mjs and run it"
            )
        });
    input.code = Some(code.to_owned());
    Plan::parse(&input, MACHINE).unwrap()
}

/// A program for `plan` on `rt`, its events collected in the returned list.
pub fn start(
    plan: &Plan,
    rt: Arc<dyn Runtime>,
    cancel: CancelToken,
) -> (Program, Arc<Mutex<Vec<Event>>>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let t0 = rt.now_ms();
    let program = Program::new(
        rt,
        plan,
        t0,
        cancel,
        Box::new(move |event| sink.lock().unwrap().push(event)),
    );
    (program, events)
}

/// Waits (up to 10 s, then panics) until the events collected so far satisfy `done`.
pub fn wait_for_events(events: &Mutex<Vec<Event>>, done: impl Fn(&[Event]) -> bool) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !done(&events.lock().unwrap()) {
        assert!(
            std::time::Instant::now() < deadline,
            "the events never came: {:?}",
            events.lock().unwrap()
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
}

/// Runs a listing to its end on OS threads with the pretend network.
pub fn run_plan(plan: &Plan) -> Run {
    let (program, events) = start(plan, Arc::new(FakeNet), CancelToken::new());
    let record = potoki::runtime::sync::block_on(potoki::python::host::run(plan, &program));
    let events = events.lock().unwrap().clone();
    Run { record, events }
}

pub fn run(scenario: &str, secs: &str, workers: Option<usize>) -> Run {
    run_plan(&plan(scenario, secs, workers))
}

impl Run {
    pub fn lines(&self) -> Vec<&str> {
        self.record.output.iter().map(|l| l.text.as_str()).collect()
    }

    pub fn results(&self) -> Vec<&str> {
        self.lines()
            .into_iter()
            .filter(|l| l.starts_with("проспала"))
            .collect()
    }

    pub fn it_took_ms(&self) -> f64 {
        let last = self
            .lines()
            .into_iter()
            .rfind(|l| l.starts_with("it took"))
            .unwrap();
        let secs: f64 = last
            .trim_start_matches("it took: ")
            .trim_end_matches(" sec.")
            .parse()
            .unwrap();
        secs * 1000.0
    }

    pub fn assert_wall_near(&self, ideal_ms: f64) {
        let wall = self.record.wall_ms;
        assert!(
            wall >= ideal_ms - 5.0 && wall <= ideal_ms + SLACK_MS,
            "wall {wall} ms, ideal {ideal_ms} ms"
        );
    }

    pub fn threads_used(&self) -> std::collections::HashSet<u32> {
        self.record.tasks.iter().filter_map(|t| t.thread).collect()
    }

    /// Most tasks running at any one moment.
    pub fn most_at_once(&self) -> usize {
        self.record
            .tasks
            .iter()
            .map(|task| {
                let at = started(task) + 1.0;
                self.record
                    .tasks
                    .iter()
                    .filter(|t| started(t) <= at && finished(t) > at)
                    .count()
            })
            .max()
            .unwrap_or(0)
    }
}

pub fn started(t: &TaskRecord) -> f64 {
    t.started_ms.unwrap()
}
pub fn finished(t: &TaskRecord) -> f64 {
    t.finished_ms.unwrap()
}
pub fn delivered(t: &TaskRecord) -> f64 {
    t.delivered_ms.unwrap()
}

/// Runs `source` as `main.py` with simulated threads on this one thread (the
/// single-threaded build's way), stopped as by Stop after `limit_ms`: what it
/// printed, and the record.
pub fn run_python_simulated(source: &str, limit_ms: f64) -> (potoki::python::Output, RunRecord) {
    use std::sync::atomic::{AtomicBool, Ordering};
    let plan = potoki::python::native_plan(source, &potoki::python::Options::default());
    let cancel = CancelToken::new();
    let rt = Arc::new(SimThreads {
        cancel: cancel.clone(),
        next_id: 2.into(),
    });
    let (program, _events) = start(&plan, rt, cancel.clone());
    let ended = Arc::new(AtomicBool::new(false));
    let watchdog = {
        let (ended, cancel) = (ended.clone(), cancel.clone());
        std::thread::spawn(move || {
            let began = std::time::Instant::now();
            while !ended.load(Ordering::SeqCst) {
                if began.elapsed().as_secs_f64() * 1000.0 > limit_ms {
                    cancel.cancel();
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
        })
    };
    let mut pool = futures_executor::LocalPool::new();
    SPAWNER.with(|s| *s.borrow_mut() = Some(pool.spawner()));
    let main = AsThread {
        id: 1,
        body: Box::pin(async {
            program.recorder().begin();
            let output = potoki::python::host::run_program(&program, &plan).await;
            (output, program.exit().await)
        }),
    };
    let result = pool.run_until(main);
    SPAWNER.with(|s| *s.borrow_mut() = None);
    ended.store(true, Ordering::SeqCst);
    watchdog.join().unwrap();
    result
}
