//! A program that can never wait for ever: a thread that cannot start is refused at
//! once, and a run whose thread died lets every other thread of it go. (CPU time that
//! leaves out the time a thread waited for a core: python_record.rs.)

#![allow(clippy::unwrap_used, clippy::panic)] // a test stops loudly

mod common;

use common::*;
use potoki::python::host;
use potoki::runtime::cancel::CancelToken;
use potoki::runtime::machine::native::OsThreads;
use potoki::runtime::machine::{CannotStart, Runtime, ThreadMain};
use potoki::runtime::plan::Plan;
use potoki::runtime::record::{Event, Outcome, RunRecord};
use potoki::runtime::sync::block_on;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// OS threads, but only `free` of them; then `RuntimeError: can't start new thread`.
struct FewThreads {
    free: AtomicUsize,
}

impl Runtime for FewThreads {
    fn spawn(&self, main: ThreadMain) -> Result<(), CannotStart> {
        self.free
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
            .map_err(|_| CannotStart)?;
        OsThreads.spawn(main)
    }
    fn now_ms(&self) -> f64 {
        OsThreads.now_ms()
    }
    fn thread_id(&self) -> u32 {
        OsThreads.thread_id()
    }
}

fn run_on(plan: &Plan, rt: Arc<dyn Runtime>) -> RunRecord {
    let (program, _) = start(plan, rt, CancelToken::new());
    block_on(host::run(plan, &program))
}

/// The program ended on CPython's error for a thread the system could not start.
fn assert_ended_on_cannot_start(record: &RunRecord) {
    let error = record
        .error
        .as_ref()
        .unwrap_or_else(|| panic!("the program ended well: {:?}", record.tasks));
    assert_eq!(
        (error.kind.as_str(), error.message.as_str()),
        ("RuntimeError", "can't start new thread")
    );
}

#[test]
fn a_thread_that_cannot_start_raises_runtimeerror_in_start_and_the_started_ones_run() {
    let plan = plan("threads", "0.05, 0.05, 0.05", None);
    let record = run_on(&plan, Arc::new(FewThreads { free: 2.into() }));
    // `t.start()` of the third raises in the main thread, as CPython's does when the
    // system has no thread for it; the two started before sleep and end well.
    assert_ended_on_cannot_start(&record);
    assert!(record.tasks.len() >= 2, "{:?}", record.tasks);
    for task in &record.tasks[..2] {
        assert_eq!(task.outcome, Some(Outcome::Ok(None)), "{task:?}");
    }
    assert!(record.tasks[2..].iter().all(|t| t.started_ms.is_none()));
}

#[test]
fn a_pool_that_gets_no_thread_raises_instead_of_waiting_for_ever() {
    let plan = plan("pool_submit", "0.05, 0.05", Some(2));
    let started = Instant::now();
    let record = run_on(&plan, Arc::new(FewThreads { free: 0.into() }));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_ended_on_cannot_start(&record);
    assert!(record.tasks.iter().all(|t| t.started_ms.is_none()));
}

/// A machine whose first thread runs and whose later ones die before they begin,
/// as a Web Worker does when a panic aborts it: no destructor, no end signalled.
#[derive(Default)]
struct DeadAfterFirst {
    spawned: AtomicUsize,
    first: Mutex<Option<JoinHandle<()>>>,
}

impl Runtime for DeadAfterFirst {
    fn spawn(&self, main: ThreadMain) -> Result<(), CannotStart> {
        if self.spawned.fetch_add(1, Ordering::SeqCst) == 0 {
            let handle = std::thread::spawn(move || drop(block_on(main())));
            *self.first.lock().unwrap() = Some(handle);
        } else {
            std::mem::forget(main);
        }
        Ok(())
    }
    fn now_ms(&self) -> f64 {
        OsThreads.now_ms()
    }
    fn thread_id(&self) -> u32 {
        OsThreads.thread_id()
    }
}

#[test]
fn abandoning_a_run_releases_a_main_thread_blocked_in_join_on_a_dead_thread() {
    let plan = plan("threads", "0.05", None);
    let rt = Arc::new(DeadAfterFirst::default());
    let cancel = CancelToken::new();
    let (program, events) = start(&plan, rt.clone(), cancel.clone());
    program
        .start_main(move |program| async move {
            host::run(&plan, &program).await;
        })
        .unwrap();
    // The main thread has started its thread (which died) and waits in join().
    wait_for_events(&events, |events| {
        events.iter().any(|e| matches!(e, Event::Submitted { .. }))
    });
    std::thread::sleep(Duration::from_millis(50));
    let main = rt.first.lock().unwrap().take().unwrap();
    assert!(!main.is_finished(), "join() on a dead thread waits");
    cancel.abandon();
    let deadline = Instant::now() + Duration::from_secs(2);
    while !main.is_finished() {
        assert!(
            Instant::now() < deadline,
            "the main thread is still blocked"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    main.join().unwrap();
}
