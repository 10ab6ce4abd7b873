//! A program that can never wait for ever: a thread that cannot start is refused at
//! once, and a run whose thread died lets every other thread of it go. And CPU time
//! that leaves out the time a thread waited for a core.

#![allow(clippy::unwrap_used, clippy::panic)] // a test stops loudly

mod common;

use common::*;
use potoki::runtime::cancel::CancelToken;
use potoki::runtime::machine::native::OsThreads;
use potoki::runtime::machine::{CannotStart, Runtime, ThreadMain};
use potoki::runtime::plan::{split_list, Plan, PlanInput};
use potoki::runtime::record::Event;
use potoki::runtime::sync::block_on;
use potoki::scenario;
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

fn run_on(plan: &Plan, rt: Arc<dyn Runtime>) -> potoki::runtime::record::RunRecord {
    let (program, _) = start(plan, rt, CancelToken::new());
    block_on(scenario::run(plan, &program))
}

#[test]
fn a_thread_that_cannot_start_fails_with_runtimeerror_and_the_others_run() {
    let plan = plan("threads", "0.05, 0.05, 0.05", None);
    let record = run_on(&plan, Arc::new(FewThreads { free: 2.into() }));
    let errors: Vec<_> = record
        .tasks
        .iter()
        .map(|t| match &t.outcome {
            Some(potoki::runtime::record::Outcome::Error(e)) => e.as_str(),
            _ => "ok",
        })
        .collect();
    assert_eq!(errors, ["ok", "ok", "RuntimeError: can't start new thread"]);
    assert!(record.tasks[2].started_ms.is_none());
}

#[test]
fn a_pool_that_gets_no_thread_fails_its_tasks_instead_of_waiting_for_ever() {
    let plan = plan("pool_submit", "0.05, 0.05", Some(2));
    let started = Instant::now();
    let record = run_on(&plan, Arc::new(FewThreads { free: 0.into() }));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(record.tasks.iter().all(|t| matches!(
        &t.outcome,
        Some(potoki::runtime::record::Outcome::Error(e)) if e == "RuntimeError: can't start new thread"
    )));
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
            scenario::run(&plan, &program).await;
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

fn compute_plan(scenario: &str, n: &str) -> Plan {
    Plan::parse(
        &PlanInput {
            scenario: Some(scenario.into()),
            compute: Some(split_list(n)),
            ..PlanInput::default()
        },
        MACHINE,
    )
    .unwrap()
}

#[test]
fn cpu_time_leaves_out_the_turns_threads_wait_for_a_core() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    // Four times as many busy threads as cores: each waits most of the time.
    let tasks = vec!["600000"; cores * 4].join(",");
    let alone = run_plan(&compute_plan("sequential", &tasks)).record;
    let threads = run_plan(&compute_plan("threads", &tasks)).record;
    let say = format!(
        "one thread: cpu {:.0} ms in {:.0} ms; {} threads: cpu {:.0} ms in {:.0} ms on {cores} cores",
        alone.cpu_ms,
        alone.wall_ms,
        cores * 4,
        threads.cpu_ms,
        threads.wall_ms
    );
    eprintln!("{say}");
    assert!(
        threads.cpu_ms <= threads.wall_ms * cores as f64 * 1.1,
        "{say}"
    );
    // The same work measures about the same, however many threads share the cores
    // (against the one thread's CPU time, not its wall time: whatever else runs on
    // this shared machine descheduled that thread too). Counting the turns would make
    // it about four times as much: each thread waits three turns in four. The bound
    // is loose on purpose: the cores of a shared virtual machine are often two
    // hyperthreads of one physical core, and work done on both at once takes longer
    // on each (measured here: 1.5 times the one thread's, in a CI run).
    assert!(
        threads.cpu_ms >= 0.6 * alone.cpu_ms && threads.cpu_ms <= 2.0 * alone.cpu_ms,
        "{say}"
    );
    assert!(alone.cpu_ms <= alone.wall_ms, "{say}");
}
